//! The domain: pure types and rules of school mentoring under the target
//! model (ЦМН). No I/O and no terminal here.

pub mod calendar;
pub mod dataset;
pub mod dates;
pub mod document;
pub mod erasure;
pub mod fields;
pub mod labour;
pub mod meeting;
pub mod org;
pub mod person;
pub mod program;
pub mod record;
pub mod references;
pub mod roadmap;
pub mod survey;
pub mod unit;
pub mod validate;
pub mod vocab;

/// Record ids: dense numbers, one sequence per kind of record.
pub type Id = u64;

pub use dataset::Dataset;
pub use document::Document;
pub use fields::FieldKey;
pub use meeting::{Feedback, Meeting, MeetingBrief, PersonRef, Timelines};
pub use org::{MergeMap, Organisation, Partner, Totals, YearTargets};
pub use person::{AgeRange, Consent, Grade, MatchDecisions, Mentee, Mentor, Person};
pub use program::Program;
pub use record::Record;
pub use roadmap::{Deadline, RoadmapItem, RoadmapStatus};
pub use survey::{
    Answer, AnswerValue, Audience, Question, QuestionKind, SurveyResponse, SurveyStage,
    SurveyTemplate,
};
pub use unit::Unit;
pub use vocab::{
    AgreementKind, DocumentKind, Form, MeetingFormat, MeetingKind, MenteeCategory, MentorCategory,
    MentoringKind, PartnerKind, PayBasis, UnitStatus,
};
