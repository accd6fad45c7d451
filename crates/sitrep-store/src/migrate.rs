//! Versioned schema migrations (see `migrations/README.md`).
//!
//! Each migration is an SQL file embedded at build time. Applied migrations
//! are recorded in `schema_migrations`; `PRAGMA user_version` holds the
//! highest applied version. A database holding a version this build does not
//! know is refused (it comes from a newer sitrep).

/// One schema migration.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Unique version number (the `NNNN` of the file name). Ranges:
    /// 1–9 store, 10–19 merge (incidents), 20–29 server.
    pub version: i64,
    /// Short name (the rest of the file name).
    pub name: &'static str,
    /// The SQL, run in one transaction.
    pub sql: &'static str,
}

/// Every migration this build knows, in the order they are applied.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "actor_keys",
        sql: include_str!("../migrations/0002_actor_keys.sql"),
    },
    Migration {
        version: 3,
        name: "event_bodies",
        sql: include_str!("../migrations/0003_event_bodies.sql"),
    },
    Migration {
        version: 4,
        name: "place_keys",
        sql: include_str!("../migrations/0004_place_keys.sql"),
    },
    Migration {
        version: 10,
        name: "incidents",
        sql: include_str!("../migrations/0010_incidents.sql"),
    },
];

/// The highest schema version this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0)
}

pub(crate) const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_unique_and_increasing() {
        for w in MIGRATIONS.windows(2) {
            assert!(w[0].version < w[1].version, "{:?} then {:?}", w[0], w[1]);
        }
        assert!(latest_version() >= 1);
    }
}
