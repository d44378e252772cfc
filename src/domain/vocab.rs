//! The closed lists of the domain (categories, forms, kinds, statuses) with
//! their Russian and English labels. Stored by a stable English key so that a
//! relabelling never touches the data.

use crate::i18n::Lang;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// Folds a label for lenient comparison: case, ё/е, and any dash with any
/// spacing around it («ученик–ученик», «Ученик - ученик») compare equal.
pub fn label_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '-' | '–' | '—' | '‐' | '‑' | '−' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('-');
            }
            ' ' if out.ends_with('-') => {}
            c => out.push(c),
        }
    }
    out
}

/// A closed list with a label in each language: what a choice field shows and
/// what an imported cell is read against.
pub trait Labelled: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn label_in(self, lang: Lang) -> &'static str;
    /// The value a label (in either language) or an alias names, leniently.
    fn from_label(s: &str) -> Option<Self> {
        let key = label_key(s);
        Self::all().iter().copied().find(|v| {
            label_key(v.label_in(Lang::Ru)) == key || label_key(v.label_in(Lang::En)) == key
        })
    }
}

macro_rules! labelled_enum {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident => $ru:literal, $en:literal $(| $alias:literal)* ;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn label(self, lang: Lang) -> &'static str {
                match self { $($name::$variant => lang.pick($ru, $en)),* }
            }

            /// Accepts the Russian or English label or a known alias, leniently.
            pub fn parse(s: &str) -> Option<$name> {
                let key = label_key(s);
                $(
                    if key == label_key($ru) || key == label_key($en) $(|| key == label_key($alias))* {
                        return Some($name::$variant);
                    }
                )*
                None
            }

            /// The accepted values, for error messages.
            pub fn choices(lang: Lang) -> String {
                Self::ALL.iter().map(|v| v.label(lang)).collect::<Vec<_>>().join(", ")
            }
        }

        impl Labelled for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn label_in(self, lang: Lang) -> &'static str {
                self.label(lang)
            }
            fn from_label(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }
    };
}

labelled_enum! {
    /// Категория наставника.
    #[derive(Default)]
    pub enum MentorCategory {
        Pupil => "обучающийся", "pupil" | "ученик" | "учащийся";
        #[default]
        Teacher => "педагог", "teacher" | "учитель";
        Student => "студент", "student";
        Employer => "работодатель", "employer" | "представитель работодателя";
        Graduate => "выпускник", "graduate";
        Head => "руководитель", "head" | "руководитель ОО" | "директор";
    }
}

labelled_enum! {
    /// Категория наставляемого.
    #[derive(Default)]
    pub enum MenteeCategory {
        #[default]
        Pupil => "обучающийся", "pupil" | "ученик" | "учащийся";
        YoungSpecialist => "молодой специалист", "young specialist" | "young teacher";
        Teacher => "педагог", "teacher" | "учитель";
        Student => "студент", "student" | "студент-практикант";
    }
}

labelled_enum! {
    /// Форма наставничества: who mentors whom.
    #[derive(Default)]
    pub enum Form {
        #[default]
        PupilPupil => "ученик – ученик", "pupil – pupil";
        TeacherTeacher => "учитель – учитель", "teacher – teacher" | "педагог – педагог";
        StudentPupil => "студент – ученик", "student – pupil";
        EmployerPupil => "работодатель – ученик", "employer – pupil";
        TeacherPupil => "педагог – ученик", "teacher – pupil" | "учитель – ученик";
        HeadTeacher => "руководитель – педагог", "head – teacher" | "руководитель ОО – педагог";
        EmployerStudent => "работодатель – студент", "employer – student";
    }
}

impl Form {
    /// The mentor categories this form admits. A graduate (выпускник) mentors
    /// pupils as a student or as a working adult does.
    pub fn mentor_categories(self) -> &'static [MentorCategory] {
        use MentorCategory as M;
        match self {
            Form::PupilPupil => &[M::Pupil],
            Form::TeacherTeacher => &[M::Teacher],
            Form::StudentPupil => &[M::Student, M::Graduate],
            Form::EmployerPupil => &[M::Employer, M::Graduate],
            Form::TeacherPupil => &[M::Teacher],
            Form::HeadTeacher => &[M::Head],
            Form::EmployerStudent => &[M::Teacher, M::Head, M::Employer],
        }
    }

    /// The mentee categories this form admits.
    pub fn mentee_categories(self) -> &'static [MenteeCategory] {
        use MenteeCategory as E;
        match self {
            Form::PupilPupil | Form::StudentPupil | Form::EmployerPupil | Form::TeacherPupil => {
                &[E::Pupil]
            }
            Form::TeacherTeacher | Form::HeadTeacher => &[E::YoungSpecialist, E::Teacher],
            Form::EmployerStudent => &[E::Student],
        }
    }

    pub fn admits(self, mentor: MentorCategory, mentee: MenteeCategory) -> bool {
        self.mentor_categories().contains(&mentor) && self.mentee_categories().contains(&mentee)
    }

    /// The form that fits a mentor and a mentee, preferring the four forms of
    /// the district report (they come first in [`Form::ALL`]).
    pub fn for_pair(mentor: MentorCategory, mentee: MenteeCategory) -> Option<Form> {
        Form::ALL.iter().copied().find(|f| f.admits(mentor, mentee))
    }

    /// Role models named for the form in the regulation (seed 002).
    pub fn role_models(self) -> &'static [&'static str] {
        match self {
            Form::PupilPupil => &[
                "успевающий – неуспевающий",
                "лидер – пассивный",
                "равный – равному",
            ],
            Form::TeacherTeacher => &[
                "опытный педагог – молодой специалист",
                "лидер педагогического сообщества – педагог с затруднениями в коммуникации",
                "педагог-новатор – консервативный педагог",
                "опытный предметник – неопытный предметник",
            ],
            Form::StudentPupil => &[
                "успевающий – неуспевающий",
                "лидер – равнодушный",
                "равный – другому",
                "куратор – автор проекта",
            ],
            Form::EmployerPupil => &[
                "активный профессионал – равнодушный потребитель",
                "коллега – молодой коллега",
                "работодатель – будущий сотрудник",
            ],
            Form::TeacherPupil | Form::HeadTeacher | Form::EmployerStudent => &[],
        }
    }
}

labelled_enum! {
    /// Вид наставничества.
    pub enum MentoringKind {
        Virtual => "виртуальное", "virtual" | "дистанционное";
        Group => "в группе", "group" | "групповое";
        ShortTerm => "краткосрочное", "short-term" | "целеполагающее";
        Reverse => "реверсивное", "reverse";
        Situational => "ситуационное", "situational";
        Speed => "скоростное консультационное", "speed consulting" | "скоростное";
        Traditional => "традиционное", "traditional" | "один на один";
    }
}

labelled_enum! {
    /// Статус пары или группы.
    #[derive(Default)]
    pub enum UnitStatus {
        #[default]
        Forming => "формируется", "forming";
        Active => "активна", "active" | "активная";
        Completed => "завершена", "completed" | "завершённая";
        Terminated => "прекращена", "terminated" | "прекращённая";
    }
}

impl UnitStatus {
    /// A unit that still occupies its mentor's capacity.
    pub fn is_live(self) -> bool {
        matches!(self, UnitStatus::Forming | UnitStatus::Active)
    }
}

labelled_enum! {
    /// Тип партнёрской организации.
    #[derive(Default)]
    pub enum PartnerKind {
        #[default]
        Enterprise => "предприятие", "enterprise" | "организация";
        College => "колледж", "college" | "техникум";
        University => "вуз", "university" | "университет" | "институт";
        CultureSport => "учреждение культуры/спорта", "culture/sport body" | "учреждение культуры" | "учреждение спорта";
        Other => "другое", "other";
    }
}

labelled_enum! {
    /// How an employee's mentoring is agreed (ТК РФ ст. 351.8).
    pub enum AgreementKind {
        Supplementary => "дополнительное соглашение", "supplementary agreement" | "допсоглашение" | "доп. соглашение";
        Contract => "трудовой договор", "employment contract" | "договор";
    }
}

labelled_enum! {
    /// Основание оплаты наставничества (ТК РФ ст. 351.8).
    pub enum PayBasis {
        Allowance => "доплата", "allowance" | "с доплатой" | "стимулирующая выплата";
        WithinDuties => "в рамках должностных обязанностей", "within the job's duties" | "без доплаты" | "в рамках должностной инструкции";
    }
}

labelled_enum! {
    /// Вид документа программы наставничества, in the order the regional
    /// checklist asks for them.
    #[derive(Default)]
    pub enum DocumentKind {
        WebsiteSection => "раздел на сайте", "website section" | "раздел «наставничество» на сайте оо" | "раздел сайта" | "сайт";
        ImplementationOrder => "приказ о внедрении ЦМН", "order introducing the model" | "приказ о внедрении целевой модели наставничества" | "приказ о внедрении";
        Regulation => "положение о наставничестве", "mentoring regulation" | "положение о системе наставничества" | "положение";
        Roadmap => "дорожная карта", "roadmap" | "план мероприятий" | "план мероприятий (дорожная карта)";
        Program => "программа наставничества", "mentoring programme" | "программа";
        CuratorOrder => "приказ о назначении куратора", "order appointing the curator" | "приказ о назначении куратора наставничества";
        Bases => "база наставников и наставляемых", "bases of mentors and mentees" | "базы наставников и наставляемых" | "база наставников";
        RewardDocument => "документ о поощрении наставников", "mentor reward document" | "документ о материальном поощрении наставников" | "положение о поощрении";
        #[default]
        PairsOrder => "приказ о закреплении пар/групп", "order assigning pairs/groups" | "приказ о закреплении" | "приказ о закреплении наставнических пар";
        Other => "другое", "other";
    }
}

labelled_enum! {
    /// Вид встречи, in the order the methodology fixes.
    #[derive(Default)]
    pub enum MeetingKind {
        Introduction => "встреча-знакомство", "introduction" | "знакомство";
        Trial => "пробная", "trial" | "пробная рабочая встреча";
        Planning => "планирование", "planning" | "встреча-планирование";
        #[default]
        Working => "рабочая", "working" | "рабочая встреча" | "совместная работа";
        Final => "итоговая", "final" | "итоговая встреча";
        Other => "другое", "other";
    }
}

labelled_enum! {
    /// Формат встречи.
    #[derive(Default)]
    pub enum MeetingFormat {
        #[default]
        InPerson => "очно", "in person" | "очная";
        Remote => "дистанционно", "remote" | "дистанционная" | "онлайн";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_parse_leniently() {
        for s in [
            "ученик – ученик",
            "Ученик-ученик",
            "УЧЕНИК -  УЧЕНИК",
            "pupil—pupil",
        ] {
            assert_eq!(Form::parse(s), Some(Form::PupilPupil), "{s}");
        }
        assert_eq!(
            Form::parse("Руководитель ОО – педагог"),
            Some(Form::HeadTeacher)
        );
        assert_eq!(Form::parse("ученик – учитель"), None);
    }

    #[test]
    fn form_follows_categories() {
        assert_eq!(
            Form::for_pair(MentorCategory::Teacher, MenteeCategory::YoungSpecialist),
            Some(Form::TeacherTeacher)
        );
        assert_eq!(
            Form::for_pair(MentorCategory::Employer, MenteeCategory::Pupil),
            Some(Form::EmployerPupil)
        );
        assert_eq!(
            Form::for_pair(MentorCategory::Pupil, MenteeCategory::Teacher),
            None
        );
    }

    #[test]
    fn categories_have_aliases() {
        assert_eq!(
            MentorCategory::parse("Представитель работодателя"),
            Some(MentorCategory::Employer)
        );
        assert_eq!(
            MenteeCategory::parse("Молодой  специалист"),
            Some(MenteeCategory::YoungSpecialist)
        );
        assert_eq!(MentorCategory::parse("космонавт"), None);
    }
}
