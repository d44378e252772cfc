//! The curator's settings file, read by the command line and the terminal
//! interface alike: `$XDG_CONFIG_HOME/nastavnik/config.toml`
//! (or `$NASTAVNIK_CONFIG`). Every section and key is optional.

use crate::domain::calendar::{Calendar, Transfer};
use crate::matching::score::Weights;
use crate::surveys::analysis::SatisfactionRule;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub matching: MatchingConfig,
    pub meetings: crate::meetings::Thresholds,
    pub surveys: SurveysConfig,
    pub backup: crate::store::backups::Policy,
    pub interface: InterfaceConfig,
    pub calendar: CalendarFile,
}

/// `[calendar]`, or a `calendar.toml` beside the database: the
/// government's transfers of days off for a year not shipped (or read
/// otherwise), and a region's own days off. Dates as «04.01.2027» or
/// 2027-01-04.
///
/// ```toml
/// # the form only; the dates come from the year's decree
/// transfers = [{ from = "02.01.2027", to = "05.11.2027" }]
/// off = ["30.08.2027"]
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarFile {
    pub transfers: Vec<TransferText>,
    pub off: Vec<DateText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferText {
    pub from: DateText,
    pub to: DateText,
}

/// A date written as text or as a TOML date.
#[derive(Debug, Clone, Copy)]
pub struct DateText(pub chrono::NaiveDate);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = match toml::Value::deserialize(d)? {
            toml::Value::String(s) => s,
            toml::Value::Datetime(dt) => dt.to_string(),
            other => return Err(D::Error::custom(format!("not a date: {other}"))),
        };
        crate::domain::dates::parse_date(&text)
            .map(DateText)
            .ok_or_else(|| D::Error::custom(format!("not a date: «{text}»")))
    }
}

impl CalendarFile {
    fn is_empty(&self) -> bool {
        self.transfers.is_empty() && self.off.is_empty()
    }

    fn calendar(&self) -> Calendar {
        let transfers = self
            .transfers
            .iter()
            .map(|t| Transfer {
                from: t.from.0,
                to: t.to.0,
            })
            .collect();
        Calendar::with(transfers, self.off.iter().map(|d| d.0).collect())
    }
}

/// The calendar deadlines are counted on: the settings' `[calendar]`, else
/// `calendar.toml` beside the database `db`, else the shipped one.
pub fn calendar(config: &Config, db: &std::path::Path) -> Result<Calendar> {
    if !config.calendar.is_empty() {
        return Ok(config.calendar.calendar());
    }
    let path = db
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("calendar.toml");
    if !path.exists() {
        return Ok(Calendar::default());
    }
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let file: CalendarFile = parse(&path, &text)?;
    Ok(file.calendar())
}

/// `[interface]`: `mouse = false` leaves the mouse to the terminal, so
/// that text can be selected with it (as `--no-mouse` does).
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InterfaceConfig {
    pub mouse: bool,
}

impl Default for InterfaceConfig {
    fn default() -> Self {
        InterfaceConfig { mouse: true }
    }
}

/// `[surveys]`: which rule the satisfaction figures use.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveysConfig {
    /// «mean» (default) or «threshold».
    pub satisfaction_rule: RuleName,
    /// For the threshold rule: the least mean, of 10, that counts as satisfied.
    pub threshold: f64,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleName {
    #[default]
    Mean,
    Threshold,
}

impl Default for SurveysConfig {
    fn default() -> Self {
        SurveysConfig {
            satisfaction_rule: RuleName::Mean,
            threshold: 8.0,
        }
    }
}

impl SurveysConfig {
    pub fn rule(&self) -> SatisfactionRule {
        match self.satisfaction_rule {
            RuleName::Mean => SatisfactionRule::Mean,
            RuleName::Threshold => SatisfactionRule::Threshold {
                threshold: self.threshold,
            },
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchingConfig {
    /// Candidates below this score are not proposed.
    pub min_score: u32,
    pub weights: Weights,
}

impl Default for MatchingConfig {
    fn default() -> Self {
        MatchingConfig {
            min_score: 30,
            weights: Weights::default(),
        }
    }
}

/// Where the settings are read from: `$NASTAVNIK_CONFIG` (empty is not
/// set), else the default path under the config directory.
pub fn path() -> Option<PathBuf> {
    located().map(|(p, _)| p)
}

/// The settings file, and whether it was named on purpose: a named file
/// that is not there is an error, the default one may well be absent.
pub fn located() -> Option<(PathBuf, bool)> {
    if let Some(asked) = ASKED_PATH.with(|p| p.borrow().clone()) {
        return asked;
    }
    match std::env::var_os("NASTAVNIK_CONFIG").filter(|v| !v.is_empty()) {
        Some(v) => Some((PathBuf::from(v), true)),
        None => dirs::config_dir().map(|d| (d.join("nastavnik").join("config.toml"), false)),
    }
}

thread_local! {
    /// The settings file of the process a command is run for (see `serve`).
    static ASKED_PATH: std::cell::RefCell<Option<Option<(PathBuf, bool)>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` reading `located` as the settings file, as the process that
/// asked for the command would have.
pub fn with_path<R>(located: Option<(PathBuf, bool)>, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            ASKED_PATH.with(|p| p.borrow_mut().take());
        }
    }
    ASKED_PATH.with(|p| *p.borrow_mut() = Some(located));
    let _reset = Reset;
    f()
}

/// A settings file that cannot be used, with the file and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem:?}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub problem: ConfigProblem,
}

#[derive(Debug)]
pub enum ConfigProblem {
    /// Not TOML as expected: the line and the parser's words.
    Syntax {
        line: usize,
        message: String,
    },
    WeightsOver100(u32),
    Threshold(f64),
    NoDailyBackup,
    /// `$NASTAVNIK_CONFIG` names a file that is not there.
    Missing,
}

impl ConfigError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let path = self.path.display();
        match &self.problem {
            ConfigProblem::Syntax { line, message } => crate::tr!(
                lang,
                "{path}, строка {line}: {message}",
                "{path}, line {line}: {message}"
            ),
            ConfigProblem::WeightsOver100(sum) => crate::tr!(
                lang,
                "{path}: веса [matching.weights] в сумме {sum}, а должно быть не больше 100",
                "{path}: the weights [matching.weights] add up to {sum}, at most 100 is allowed"
            ),
            ConfigProblem::Threshold(t) => crate::tr!(
                lang,
                "{path}: [surveys] threshold = {t}, а должно быть от 0 до 10",
                "{path}: [surveys] threshold = {t}, it must be 0 to 10"
            ),
            ConfigProblem::Missing => crate::tr!(
                lang,
                "{path}: файла настроек нет (его называет NASTAVNIK_CONFIG; уберите переменную или создайте файл)",
                "{path}: no such settings file (NASTAVNIK_CONFIG names it; unset the variable or create the file)"
            ),
            ConfigProblem::NoDailyBackup => crate::tr!(
                lang,
                "{path}: [backup] keep_daily = 0: хотя бы одна копия хранится",
                "{path}: [backup] keep_daily = 0: at least one backup is kept"
            ),
        }
    }
}

/// A settings or calendar file's problem in the user's language.
pub fn problem_text(e: &anyhow::Error, lang: crate::i18n::Lang) -> String {
    match e.downcast_ref::<ConfigError>() {
        Some(c) => c.message(lang),
        None => format!("{e:#}"),
    }
}

/// The settings, or the defaults when there is no file. A bad file is an
/// error that names the file and the line.
pub fn load() -> Result<Config> {
    let Some((path, named)) = located() else {
        return Ok(Config::default());
    };
    if !path.exists() {
        if named {
            return Err(ConfigError {
                path,
                problem: ConfigProblem::Missing,
            }
            .into());
        }
        return Ok(Config::default());
    }
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let config: Config = parse(&path, &text)?;
    let bad = |problem| ConfigError {
        path: path.clone(),
        problem,
    };
    let sum = config.matching.weights.sum();
    if sum > 100 {
        return Err(bad(ConfigProblem::WeightsOver100(sum)).into());
    }
    let t = config.surveys.threshold;
    if !(0.0..=10.0).contains(&t) {
        return Err(bad(ConfigProblem::Threshold(t)).into());
    }
    if config.backup.keep_daily == 0 {
        return Err(bad(ConfigProblem::NoDailyBackup).into());
    }
    Ok(config)
}

/// A TOML file read as `T`, or an error naming the file and the line.
fn parse<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    text: &str,
) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .unwrap_or(1);
        ConfigError {
            path: path.to_path_buf(),
            problem: ConfigProblem::Syntax {
                line,
                message: e.message().to_string(),
            },
        }
    })
}
