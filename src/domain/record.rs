//! A record of any kind, as a value: what a form saves and the interface
//! asks the runtime to store.

use super::*;

/// The kinds the curator edits, once: the `Record` enum and a `From` of
/// each record type (what a form saves).
macro_rules! records {
    ($($(#[$doc:meta])* $variant:ident($ty:ty)),* $(,)?) => {
        /// A record of one of the kinds the curator edits.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Record {
            $($(#[$doc])* $variant($ty),)*
        }

        $(impl From<$ty> for Record {
            fn from(r: $ty) -> Record {
                Record::$variant(r)
            }
        })*
    };
}

records!(
    Mentor(Mentor),
    Mentee(Mentee),
    Program(Program),
    Partner(Partner),
    Document(Document),
    Organisation(Organisation),
    /// A pair or group: its status, order and dates (people are fixed).
    Unit(Unit),
    /// One meeting of a pair.
    Meeting(Meeting),
    /// A questionnaire template: its questions are edited as text lines.
    Template(SurveyTemplate),
    /// A filled questionnaire (entered in its own screen, saved as a record).
    Response(SurveyResponse),
    /// A roadmap item: its status and the evidence of its doing.
    Roadmap(RoadmapItem),
);
