//! Typed storage errors. The messages name the database and say what to do.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("база {path} уже открыта другим процессом ({holder}) / the database is in use by another process; закройте его и повторите")]
    Locked { path: PathBuf, holder: String },
    #[error("не удалось открыть базу {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("ошибка хранилища / storage error: {0}")]
    Sled(#[from] sled::Error),
    #[error("повреждённая запись {tree}#{id}: {reason}")]
    Corrupt {
        tree: &'static str,
        id: u64,
        reason: String,
    },
    #[error("база создана более новой версией программы (схема {found}, эта версия знает до {known}); обновите nastavnik")]
    TooNew { found: u32, known: u32 },
    #[error("нет записи {tree}#{id}")]
    NotFound { tree: &'static str, id: u64 },
    #[error("база не пуста: восстановление из копии возможно только в пустую базу")]
    NotEmpty,
    #[error("копия не подходит: {0}")]
    BadBackup(String),
    #[error("{0}")]
    Rejected(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
