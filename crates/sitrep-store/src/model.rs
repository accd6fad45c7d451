//! What the store hands out: stored documents and events, reviews, filters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::{Event, EventType, Modality};

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    /// Content hash of the text (`Document::doc_id`).
    pub doc_id: String,
    /// Path or URL as ingested (the URL when there is one).
    pub source: Option<String>,
    pub path: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub text: String,
    /// RFC 3339 UTC time of ingest.
    pub ingested_at: String,
    pub extractor_version: String,
    /// The older version of this document (same URL/path, other content).
    pub supersedes: Option<String>,
    /// The newer version, when this one has been replaced.
    pub superseded_by: Option<String>,
    /// Non-fatal problems met while reading or extracting it.
    pub warnings: Vec<String>,
}

impl StoredDocument {
    /// The document as the extractor takes it (for `reextract`).
    pub fn to_document(&self) -> sitrep_core::Document {
        sitrep_core::Document {
            doc_id: self.doc_id.clone(),
            path: self.path.clone(),
            url: self.url.clone(),
            outlet: self.outlet.clone(),
            title: self.title.clone(),
            published: self.published,
            text: self.text.clone(),
        }
    }
}

/// An event as stored, in its reviewed view: `event` has every analyst
/// correction applied, and `review` says what the analyst decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Store-wide unique id (also `event.id`).
    pub id: String,
    /// Insertion order; what cursors point at.
    pub seq: i64,
    pub doc_id: String,
    /// Path or URL of the document as ingested.
    pub doc_source: Option<String>,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// RFC 3339 UTC time the document was ingested.
    pub ingested_at: String,
    /// False when the document has been superseded by a newer version.
    pub current: bool,
    /// The text of the event's sentence.
    pub sentence_text: String,
    /// The event with reviewed values applied.
    pub event: Event,
    /// The analyst's decision, if any.
    pub review: Option<Review>,
}

/// What an analyst decided about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Accepted,
    Rejected,
    Corrected,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::Rejected => "rejected",
            ReviewStatus::Corrected => "corrected",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<ReviewStatus> {
        match s {
            "accepted" => Some(ReviewStatus::Accepted),
            "rejected" => Some(ReviewStatus::Rejected),
            "corrected" => Some(ReviewStatus::Corrected),
            _ => None,
        }
    }
}

impl std::fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The review state of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The last decision.
    pub status: ReviewStatus,
    /// Who made the last decision.
    pub reviewer: String,
    /// RFC 3339 UTC time of the last decision.
    pub reviewed_at: String,
    /// Corrected fields and their values (see [`ReviewField`] for the forms).
    pub corrections: serde_json::Map<String, serde_json::Value>,
}

/// A field an analyst may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewField {
    /// The primary count: a number (exact) or `{"low","best","high"}`; `null` removes it.
    Count,
    /// The place: a name, or a spec §3 location object; `null` removes it.
    Place,
    /// The date: `"YYYY-MM-DD"`, `"YYYY-MM-DD/YYYY-MM-DD"` or a spec §4 time object; `null` clears it.
    Date,
    /// The event type: a spec §1 type name.
    Type,
    /// The actors: an array of spec §5 actor objects (or canonical names).
    Actors,
}

impl ReviewField {
    pub const ALL: &'static [ReviewField] = &[
        ReviewField::Count,
        ReviewField::Place,
        ReviewField::Date,
        ReviewField::Type,
        ReviewField::Actors,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewField::Count => "count",
            ReviewField::Place => "place",
            ReviewField::Date => "date",
            ReviewField::Type => "type",
            ReviewField::Actors => "actors",
        }
    }
}

impl std::str::FromStr for ReviewField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ReviewField::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!("unknown review field `{s}` (expected count, place, date, type or actors)")
            })
    }
}

/// An analyst's action on one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ReviewAction {
    Accept,
    Reject,
    Correct {
        field: ReviewField,
        value: serde_json::Value,
    },
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub event_id: String,
    /// `accept`, `reject`, `correct`, `reattach` (after reextract), `orphan`.
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
    pub reviewer: String,
    pub at: String,
}

/// What happened to a document given to [`crate::Store::insert_document`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InsertOutcome {
    /// Stored with its events.
    New { events: usize },
    /// The same content was already stored; nothing changed.
    Duplicate,
    /// Stored as a newer version of the document at the same URL (or path).
    NewVersion { supersedes: String, events: usize },
}

/// Which review states to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewFilter {
    Unreviewed,
    Reviewed,
    Accepted,
    Rejected,
    Corrected,
    /// Everything but rejected events (what exports use by default).
    NotRejected,
}

impl std::str::FromStr for ReviewFilter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "unreviewed" => ReviewFilter::Unreviewed,
            "reviewed" => ReviewFilter::Reviewed,
            "accepted" => ReviewFilter::Accepted,
            "rejected" => ReviewFilter::Rejected,
            "corrected" => ReviewFilter::Corrected,
            "not_rejected" | "not-rejected" => ReviewFilter::NotRejected,
            _ => {
                return Err(format!(
                "unknown review state `{s}` (expected unreviewed, reviewed, accepted, rejected, corrected or not-rejected)"
            ))
            }
        })
    }
}

/// Event filters; every field set must hold (AND). All filters apply to the
/// reviewed values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// Any of these types (empty: all).
    pub types: Vec<EventType>,
    /// State/region, case-insensitive; "Shan State" = "Shan".
    pub admin1: Option<String>,
    /// Place name or township, case-insensitive, exact.
    pub place: Option<String>,
    /// Actor canonical name, name as written, or parent force (units of the
    /// Myanmar Armed Forces match "Myanmar Armed Forces"), case-insensitive.
    pub actor: Option<String>,
    /// Events whose date range ends on or after this day. An event without
    /// a time uses its document's publication date.
    pub since: Option<NaiveDate>,
    /// Events whose date range starts on or before this day.
    pub until: Option<NaiveDate>,
    /// Primary count (best, else low) at least this.
    pub min_count: Option<i64>,
    /// Summary claims only (`Some(true)`) or single happenings only.
    pub aggregate: Option<bool>,
    pub modality: Option<Modality>,
    /// Events of this document only.
    pub doc: Option<String>,
    pub review: Option<ReviewFilter>,
    /// Also list events of documents replaced by a newer version.
    pub include_superseded: bool,
}

/// A page request: events after the cursor, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Opaque cursor from [`EventPage::next`]; `None` starts at the beginning.
    pub after: Option<String>,
    pub limit: usize,
}

impl Page {
    /// The first `limit` events.
    pub fn first(limit: usize) -> Page {
        Page { after: None, limit }
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::first(100)
    }
}

/// One page of events, in insertion order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub events: Vec<StoredEvent>,
    /// Cursor for the next page; `None` when this is the last page.
    pub next: Option<String>,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: u64,
    pub events: u64,
    /// Events of current (not superseded) documents.
    pub current_events: u64,
    pub reviews: u64,
    pub schema_version: i64,
}

/// What `replace_events` did with the document's reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReattachSummary {
    pub events: usize,
    /// Reviews that found their event again.
    pub reattached: usize,
    /// Reviews left without an event (kept, flagged `orphaned`).
    pub orphaned: usize,
}
