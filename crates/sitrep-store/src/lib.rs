//! The sitrep event store: an embedded SQLite database of documents, their
//! events (spec §6), analyst reviews and the audit log.
//!
//! ```no_run
//! use sitrep_store::{Store, EventFilter, Page};
//! let mut store = Store::open("sitrep.db")?;
//! # let (doc, output): (sitrep_core::Document, sitrep_core::DocOutput) = todo!();
//! store.insert_document(&doc, &output)?;            // idempotent by content hash
//! let page = store.events(&EventFilter::default(), Page::first(50))?;
//! let more = store.events(&EventFilter::default(), Page { after: page.next, limit: 50 })?;
//! # Ok::<(), sitrep_store::StoreError>(())
//! ```
//!
//! - Opening creates and migrates the file (WAL, foreign keys, busy timeout);
//!   a non-SQLite, corrupt or newer-schema file is refused untouched.
//! - Writes go through transactions: a batch is stored whole or not at all.
//! - Every read returns the *reviewed view*: analyst corrections applied,
//!   with the review status alongside; filters apply to reviewed values.
//! - Schema and rules: `docs/store.md`; adding tables: `migrations/README.md`.

mod error;
pub mod export;
pub mod migrate;
mod model;
mod query;
mod review;
mod store;
mod write;

/// The rusqlite this store is built on (for crates with their own tables).
pub use rusqlite;

pub use error::{Result, StoreError};
pub use migrate::{latest_version, Migration, MIGRATIONS};
pub use model::{
    AuditEntry, EventFilter, EventPage, InsertOutcome, Page, ReattachSummary, Review, ReviewAction,
    ReviewField, ReviewFilter, ReviewStatus, Stats, StoredDocument, StoredEvent,
};
pub use query::normalise_admin1;
pub use review::{apply_corrections, apply_field, field_value};
pub use store::Store;
pub use write::NewDocument;
