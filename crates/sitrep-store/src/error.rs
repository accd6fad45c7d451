//! Errors of the store. Every error that concerns the database file names it.

use std::path::PathBuf;

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database (or is corrupt). It was not modified.
    #[error("{path}: not a sitrep database (not SQLite, or corrupt): {message}; the file was left unchanged")]
    NotADatabase { path: PathBuf, message: String },
    /// The database was written by a newer sitrep (a schema version this build does not know).
    #[error("{path}: database schema version {found} is newer than this sitrep supports ({supported}); upgrade sitrep (the file was left unchanged)")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Opened read-only but the schema is older than this build's: open it read-write once to migrate.
    #[error("{path}: database schema version {found} is older than {expected}; open it read-write (e.g. `sitrep ingest`) to upgrade it")]
    OlderSchema {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
    /// The database could not be opened or created (missing directory, no permission, read-only place).
    #[error("{path}: cannot open database: {message}")]
    Open { path: PathBuf, message: String },
    /// A write was refused because the store was opened read-only.
    #[error("{path}: database is open read-only")]
    ReadOnly { path: PathBuf },
    /// No event or document with this id.
    #[error("no {what} with id `{id}`")]
    NotFound { what: &'static str, id: String },
    /// A bad argument: unknown field, malformed correction value, bad cursor…
    #[error("{0}")]
    Invalid(String),
    /// Any other SQLite failure, with the database path.
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// Writing an export failed.
    #[error("writing {what}: {message}")]
    Output { what: String, message: String },
    /// Stored JSON that does not parse (a damaged row).
    #[error("{path}: stored JSON does not parse: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
