//! Opening, checking and migrating the database file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Result, StoreError};
use crate::migrate::{latest_version, BOOKKEEPING, MIGRATIONS};

/// The event store: one SQLite database file.
///
/// One `Store` is one connection: use one per thread. Any number of readers
/// (other processes included) may read while one writer writes (WAL mode).
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) read_only: bool,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open the database at `path`, creating it if missing, and bring its
    /// schema up to date. Refuses (without modifying the file) a file that
    /// is not an SQLite database, a corrupt one, or one whose schema is
    /// newer than this build knows.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        check_header(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| open_error(&path, e))?;
        let mut store = Store {
            conn,
            path,
            read_only: false,
        };
        store.configure()?;
        store.check_version(false)?;
        store
            .conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| store.sql(e))?;
        store
            .conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| store.sql(e))?;
        store.migrate()?;
        Ok(store)
    }

    /// Open an existing database for reading only; never writes to it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::Open {
                path,
                message: "no such file".into(),
            });
        }
        check_header(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| open_error(&path, e))?;
        let store = Store {
            conn,
            path,
            read_only: true,
        };
        store.configure()?;
        store.check_version(true)?;
        Ok(store)
    }

    /// A fresh in-memory store (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| open_error(&path, e))?;
        let mut store = Store {
            conn,
            path,
            read_only: false,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    /// The underlying connection, for crates that keep their own tables in
    /// the store (incidents, sessions). Add tables through a migration
    /// (`migrations/README.md`), never ad hoc.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Mutable access to the connection (to open transactions).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Map an SQLite error to a [`StoreError`] naming this database.
    pub fn sql(&self, e: rusqlite::Error) -> StoreError {
        sql_error(&self.path, e)
    }

    pub(crate) fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            Err(StoreError::ReadOnly {
                path: self.path.clone(),
            })
        } else {
            Ok(())
        }
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(Duration::from_secs(10))
            .map_err(|e| self.sql(e))?;
        // Page cache (KiB, negative) and memory-mapped reads: index upkeep
        // during ingest and scans of large stores stay in memory.
        let cache_kib = if self.read_only { 65536 } else { 262144 };
        self.conn
            .execute_batch(&format!(
                "PRAGMA cache_size = -{cache_kib}; PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;"
            ))
            .map_err(|e| self.sql(e))?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| self.sql(e))?;
        // Probe: the first real read fails on a corrupt or non-SQLite file.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Applied migration versions, in order.
    fn applied(&self) -> Result<Vec<i64>> {
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.sql(e))?
            > 0;
        if !has_table {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare("SELECT version FROM schema_migrations ORDER BY version")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, i64>(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))
    }

    fn check_version(&self, read_only: bool) -> Result<()> {
        let found = self.schema_version()?;
        let supported = latest_version();
        let applied = self.applied()?;
        let unknown = applied
            .iter()
            .copied()
            .find(|v| !MIGRATIONS.iter().any(|m| m.version == *v));
        if found > supported || unknown.is_some() {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: found.max(unknown.unwrap_or(0)),
                supported,
            });
        }
        if found != 0 && applied.is_empty() {
            return Err(StoreError::NotADatabase {
                path: self.path.clone(),
                message: format!(
                    "an SQLite database with user_version {found} but no sitrep schema"
                ),
            });
        }
        if found == 0 && applied.is_empty() {
            // A new file, or an SQLite database of something else.
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            if tables > 0 {
                return Err(StoreError::NotADatabase {
                    path: self.path.clone(),
                    message:
                        "an SQLite database of another program (it has tables but no sitrep schema)"
                            .into(),
                });
            }
        }
        if read_only && found == 0 && applied.is_empty() {
            return Err(StoreError::Open {
                path: self.path.clone(),
                message: "the database is empty (still being created?)".into(),
            });
        }
        if read_only {
            let missing = MIGRATIONS.iter().any(|m| !applied.contains(&m.version));
            if missing {
                return Err(StoreError::OlderSchema {
                    path: self.path.clone(),
                    found,
                    expected: supported,
                });
            }
        }
        Ok(())
    }

    /// Apply every known migration not yet applied, all in ONE transaction
    /// (readers never see a half-built schema; two processes opening a new
    /// file at once do not both migrate it).
    fn migrate(&mut self) -> Result<()> {
        let applied = self.applied()?;
        if MIGRATIONS.iter().all(|m| applied.contains(&m.version)) {
            return Ok(());
        }
        let path = self.path.clone();
        let sql = |e| sql_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        tx.execute_batch(BOOKKEEPING).map_err(sql)?;
        // Re-read under the write lock: another process may have migrated meanwhile.
        let applied: Vec<i64> = {
            let mut stmt = tx
                .prepare("SELECT version FROM schema_migrations")
                .map_err(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, i64>(0)).map_err(sql)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql)?
        };
        for m in MIGRATIONS {
            if applied.contains(&m.version) {
                continue;
            }
            tx.execute_batch(m.sql).map_err(|e| {
                StoreError::Invalid(format!(
                    "{}: migration {:04}_{} failed: {e}",
                    path.display(),
                    m.version,
                    m.name
                ))
            })?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![m.version, m.name, now()],
            )
            .map_err(sql)?;
        }
        let max: i64 = tx
            .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })
            .map_err(sql)?;
        tx.pragma_update(None, "user_version", max).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if !self.read_only {
            // Keeps the query planner's statistics fresh (cheap; see SQLite docs).
            let _ = self.conn.execute_batch("PRAGMA optimize");
        }
    }
}

/// Current UTC time, RFC 3339 with seconds.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Refuse a non-empty file that does not start with SQLite's magic header.
fn check_header(path: &Path) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(()), // missing: SQLite creates it (or says why not)
    };
    if meta.is_dir() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            message: "is a directory".into(),
        });
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut n = 0;
            while n < 16 {
                let k = f.read(&mut head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            Ok(n)
        })
        .map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            message: "the file does not start with the SQLite header".into(),
        });
    }
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => sql_error(path, e),
        _ => StoreError::Open {
            path: path.to_path_buf(),
            message: format!("{e} (does the folder exist, and is it writable?)"),
        },
    }
}

/// Map an SQLite error to a [`StoreError`] naming `path`.
pub(crate) fn sql_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        }
        Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::PermissionDenied) => StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}
