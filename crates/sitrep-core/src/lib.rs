//! Plain data passed between the stages of the sitrep pipeline.
//!
//! ```text
//! Document ─▶ sentences (sitrep-text) ─▶ mentions (quantity, time, gazetteer, actors)
//!          ─▶ events (sitrep-events) ─▶ DocOutput (spec §6 JSON Lines) ─▶ store
//! ```
//!
//! Invariant: every [`Span`] is a `[start, end)` pair of **byte** offsets into
//! [`Document::text`] exactly as read (after lossy UTF-8 decoding, before any
//! normalisation), and always falls on `char` boundaries.

pub mod document;
pub mod event;
pub mod mention;
pub mod span;

pub use document::{DocOutput, Document, Quote, Sentence};
pub use event::{
    Actor, ActorKind, Event, EventType, Location, Measure, Modality, PlacePrecision, Qualifier,
    Quantity, Role, Time, TimePrecision,
};
pub use mention::{
    ActorMention, Attribution, AttributionKind, Mentions, PlaceMention, QuantityMention,
    TimeMention, TimeRole,
};
pub use span::Span;

/// Version of the extractor, stored with every document so that
/// `sitrep reextract` knows what is stale.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");
