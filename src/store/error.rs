//! Typed storage errors. Each says, as a sentence in the user's language,
//! what happened, where, and what to do; none repeats its cause's text.

use crate::i18n::Lang;
use crate::tr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}", self.message(Lang::Ru))]
    Locked { path: PathBuf, holder: String },
    /// The holder took the request but does not answer (stopped, hung).
    #[error("{}", self.message(Lang::Ru))]
    NotAnswering { path: PathBuf, holder: String },
    /// The holder is another user's process.
    #[error("{}", self.message(Lang::Ru))]
    OtherUser { path: PathBuf },
    /// A command that only reads, on a path where no database is.
    #[error("{}", self.message(Lang::Ru))]
    NoDatabase { path: PathBuf },
    /// A directory with other things in it, or a file.
    #[error("{}", self.message(Lang::Ru))]
    NotADatabase {
        path: PathBuf,
        /// A few of the names found there; None when the path is a file.
        seen: Option<String>,
    },
    #[error("{}", self.message(Lang::Ru))]
    DiskFull {
        path: PathBuf,
        free_mb: u64,
        needed_mb: u64,
    },
    #[error("{}", self.message(Lang::Ru))]
    Denied { path: PathBuf, owner: Option<u32> },
    #[error("{}", self.message(Lang::Ru))]
    Io {
        path: PathBuf,
        kind: ErrorKind,
        detail: String,
    },
    /// sled found its files damaged.
    #[error("{}", self.message(Lang::Ru))]
    Damaged { path: PathBuf, detail: String },
    /// Any other error of the storage engine.
    #[error("{}", self.message(Lang::Ru))]
    Engine(String),
    #[error("{}", self.message(Lang::Ru))]
    Corrupt {
        tree: &'static str,
        id: u64,
        reason: String,
    },
    #[error("{}", self.message(Lang::Ru))]
    TooNew { found: u32, known: u32 },
    #[error("{}", self.message(Lang::Ru))]
    NotFound { tree: &'static str, id: u64 },
    #[error("{}", self.message(Lang::Ru))]
    NotEmpty,
    #[error("{}", self.message(Lang::Ru))]
    BadBackup(String),
    #[error("{0}")]
    Rejected(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// An I/O error at `path`, classified so that its message can say what
    /// it means (a full disk, another user's directory) in words.
    pub fn io(path: &Path, e: std::io::Error) -> StoreError {
        let path = path.to_path_buf();
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                let (free_mb, needed_mb) = space_at(&path);
                StoreError::DiskFull {
                    path,
                    free_mb,
                    needed_mb,
                }
            }
            ErrorKind::PermissionDenied => StoreError::Denied {
                owner: owner_of(&path),
                path,
            },
            kind => StoreError::Io {
                path,
                kind,
                detail: io_detail(&e),
            },
        }
    }

    /// A storage engine error, with the database it happened in.
    pub fn engine(path: &Path, e: sled::Error) -> StoreError {
        match e {
            sled::Error::Io(io) => StoreError::io(path, io),
            sled::Error::Corruption { .. } => StoreError::Damaged {
                path: path.to_path_buf(),
                // sled's text ends with an empty «backtrace ()».
                detail: e
                    .to_string()
                    .split(" backtrace")
                    .next()
                    .unwrap_or("")
                    .to_string(),
            },
            other => StoreError::Engine(other.to_string()),
        }
    }

    /// Whether the database's own files are damaged (a backup may help).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            StoreError::Damaged { .. } | StoreError::Corrupt { .. } | StoreError::Engine(_)
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        self.message_at(lang, Path::new(""))
    }

    /// The message, naming `db` where the error itself knows no path (an
    /// error inside an open store).
    pub fn message_at(&self, lang: Lang, db: &Path) -> String {
        let at = |p: &Path| {
            if p.as_os_str().is_empty() { db } else { p }
                .display()
                .to_string()
        };
        match self {
            StoreError::Locked { path, holder } => tr!(lang, "база {} уже открыта другим процессом ({holder}); закройте его и повторите", "the database {} is open in another process ({holder}); close it and try again", at(path)),
            StoreError::NotAnswering { path, holder } => tr!(lang, "база {} открыта процессом, который не отвечает ({holder}): он остановлен (Ctrl+Z — верните его командой fg в его терминале) или завис; верните или закройте его и повторите", "the database {} is open in a process that does not answer ({holder}): it is stopped (Ctrl+Z: bring it back with fg in its terminal) or hung; resume or close it and try again", at(path)),
            StoreError::OtherUser { path } => tr!(lang, "база {} открыта процессом другого пользователя; базу открывает только её владелец", "the database {} is open in another user's process; only its owner opens a database", at(path)),
            StoreError::NoDatabase { path } => tr!(lang, "базы нет: {} (проверьте --db или NASTAVNIK_DB; новая база создаётся командой импорта, demo или при первом запуске интерфейса)", "no database at {} (check --db or NASTAVNIK_DB; a new one is created by an import, demo, or the first start of the interface)", at(path)),
            StoreError::NotADatabase { path, seen: Some(seen) } => tr!(lang, "{} — не база Наставника: там уже есть другое ({seen}). Укажите новый или пустой каталог", "{} is not a Nastavnik database: it already holds other things ({seen}). Give a new or empty directory", at(path)),
            StoreError::NotADatabase { path, seen: None } => tr!(lang, "{} — файл, а не база Наставника. Укажите новый или пустой каталог", "{} is a file, not a Nastavnik database. Give a new or empty directory", at(path)),
            StoreError::DiskFull { path, free_mb, needed_mb } => tr!(lang, "на диске нет места: {} (свободно {free_mb} МБ). Освободите не меньше {needed_mb} МБ и повторите; данные не тронуты", "the disk is full at {} ({free_mb} MB free). Free at least {needed_mb} MB and try again; the data is untouched", at(path)),
            StoreError::Denied { path, owner } => {
                let whose = owner.map(user_name);
                match whose {
                    Some(u) => tr!(lang, "нет доступа к {}: он принадлежит пользователю {u}. Базу открывает только её владелец", "no access to {}: it belongs to the user {u}. Only its owner opens a database", at(path)),
                    None => tr!(lang, "нет доступа к {}: нет прав на чтение или запись", "no access to {}: no permission to read or write", at(path)),
                }
            }
            StoreError::Io { path, kind, detail } => {
                let what = io_kind_words(*kind, lang);
                tr!(lang, "не удалось прочитать или записать {}: {what} ({detail})", "could not read or write {}: {what} ({detail})", at(path))
            }
            StoreError::Damaged { path, detail } => tr!(lang, "файлы базы {} повреждены ({detail})", "the files of the database {} are damaged ({detail})", at(path)),
            StoreError::Engine(detail) => tr!(lang, "ошибка хранилища: {detail}", "storage error: {detail}"),
            StoreError::Corrupt { tree, id, reason } => tr!(lang, "повреждённая запись {tree}#{id}: {reason}", "a damaged record {tree}#{id}: {reason}"),
            StoreError::TooNew { found, known } => tr!(lang, "база создана более новой версией программы (схема {found}, эта версия знает до {known}); обновите nastavnik", "the database was made by a newer version (schema {found}; this one knows up to {known}); update nastavnik"),
            StoreError::NotFound { tree, id } => tr!(lang, "нет записи {tree}#{id}", "no record {tree}#{id}"),
            StoreError::NotEmpty => lang
                .pick(
                    "база не пуста: восстановление из копии возможно только в пустую базу",
                    "the database is not empty: a backup is restored only into an empty one",
                )
                .into(),
            StoreError::BadBackup(why) => tr!(lang, "копия не подходит: {why}", "the backup cannot be used: {why}"),
            StoreError::Rejected(why) => why.clone(),
        }
    }
}

impl From<sled::Error> for StoreError {
    /// Without a path: for errors inside an open store, whose path the
    /// command line adds when it reports them.
    fn from(e: sled::Error) -> StoreError {
        StoreError::engine(Path::new(""), e)
    }
}

/// The OS's own words for an error, without Rust's debug form.
fn io_detail(e: &std::io::Error) -> String {
    let text = e.to_string();
    // «No such file or directory (os error 2)» → without the code.
    match text.rfind(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// An I/O error in words of the user's language, with the OS's own words
/// after them (for errors that reach the edge without a store around them).
pub fn io_words(e: &std::io::Error, lang: Lang) -> String {
    format!("{} ({})", io_kind_words(e.kind(), lang), io_detail(e))
}

fn io_kind_words(kind: ErrorKind, lang: Lang) -> &'static str {
    match kind {
        ErrorKind::NotFound => {
            lang.pick("нет такого файла или каталога", "no such file or directory")
        }
        ErrorKind::AlreadyExists => lang.pick("файл уже есть", "the file already exists"),
        ErrorKind::ReadOnlyFilesystem => {
            lang.pick("диск только для чтения", "a read-only file system")
        }
        ErrorKind::NotADirectory => lang.pick("это не каталог", "not a directory"),
        ErrorKind::IsADirectory => lang.pick("это каталог, а не файл", "a directory, not a file"),
        ErrorKind::PermissionDenied => lang.pick("нет прав доступа", "permission denied"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            lang.pick("на диске нет места", "the disk is full")
        }
        _ => lang.pick("ошибка ввода-вывода", "an input/output error"),
    }
}

/// Free megabytes where `path` (or its nearest existing parent) lives, and
/// how much to free: as much as the database takes, so that its engine can
/// rewrite what it needs to.
fn space_at(path: &Path) -> (u64, u64) {
    let free = crate::fsutil::free_bytes_at(path).unwrap_or(0);
    // What to free is what the database takes (its engine rewrites that
    // much), never the size of whatever directory the path is in.
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let database = path
        .ancestors()
        .find(|p| p.join(super::dir::SLED_DIR).is_dir());
    let used = database.map_or(0, crate::fsutil::dir_size);
    let mb = |b: u64| b.div_ceil(1024 * 1024);
    (mb(free), mb(used).max(1))
}

fn owner_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let existing = path.ancestors().find(|p| p.symlink_metadata().is_ok())?;
    let uid = existing.symlink_metadata().ok()?.uid();
    (uid != crate::fsutil::current_uid()).then_some(uid)
}

fn user_name(uid: u32) -> String {
    crate::fsutil::user_name(uid).unwrap_or_else(|| format!("uid {uid}"))
}

#[cfg(test)]
mod tests {
    use super::space_at;

    /// A relative file name is measured where it is, not at «/»: what to
    /// free is never the size of the whole root file system.
    #[test]
    fn space_is_measured_where_the_path_is_and_asks_what_the_database_takes() {
        let (_, needed) = space_at(std::path::Path::new("no-such-export.csv"));
        assert_eq!(needed, 1);
        let dir = tempfile::tempdir().unwrap();
        let sled = dir.path().join("db").join("sled");
        std::fs::create_dir_all(&sled).unwrap();
        std::fs::write(sled.join("blob"), vec![0u8; 3 << 20]).unwrap();
        let (_, needed) = space_at(&sled.join("snap.1.generating"));
        assert_eq!(needed, 3);
    }
}
