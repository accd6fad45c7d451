//! What the server needs from the data: the [`Backend`] trait and the records it returns.
//!
//! The HTTP layer never touches SQLite itself. [`crate::StoreBackend`] implements the trait over
//! `sitrep-store`; [`crate::MemoryBackend`] keeps everything in memory for tests.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sitrep_core::{Document, Event, EventType};

use crate::error::ApiError;

/// Filters of `GET /api/events`, the same as those of `sitrep events`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventQuery {
    /// `type`: only events of this type.
    #[serde(rename = "type")]
    pub event_type: Option<EventType>,
    /// Canonical state/region (spec §3), e.g. `Shan`.
    pub admin1: Option<String>,
    /// Place name or township (case-insensitive, exact).
    pub place: Option<String>,
    /// Actor canonical name, name as written or parent force (case-insensitive).
    pub actor: Option<String>,
    /// Events whose date range ends on or after this day (undated events use the
    /// publication date).
    pub since: Option<NaiveDate>,
    /// Events whose date range starts on or before this day.
    pub until: Option<NaiveDate>,
    /// Events whose primary count (best, else low) is at least this.
    pub min_count: Option<i64>,
    /// `true`: only summary claims; `false`: only single happenings.
    pub aggregate: Option<bool>,
}

/// How an analyst has judged an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Nobody has looked at it.
    #[default]
    Unreviewed,
    /// Confirmed as extracted.
    Accepted,
    /// Not an event (or not this one): kept, but marked.
    Rejected,
    /// One or more fields corrected by an analyst.
    Corrected,
}

/// One stored event as the API shows it: the contract's event (with reviewed values applied)
/// plus where it comes from and its review state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// The event of spec §6, reviewed values applied.
    #[serde(flatten)]
    pub event: Event,
    /// The document it was read from.
    pub doc_id: String,
    /// The document's publication date.
    pub published: Option<NaiveDate>,
    /// Title, path or URL of the document, for lists.
    pub source: Option<String>,
    /// Review state.
    pub review: ReviewStatus,
    /// The incident (cross-source merge) it belongs to, when merged.
    pub incident_id: Option<String>,
}

impl EventRecord {
    /// The primary count (best, else low) of the event.
    pub fn count(&self) -> Option<i64> {
        self.event.primary_quantity().and_then(|q| q.best.or(q.low))
    }
    /// The day used to place the event in time: its start, else the publication date.
    pub fn day(&self) -> Option<NaiveDate> {
        self.event.time.start.or(self.published)
    }
}

/// One page of events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    /// The events of this page, in the backend's order.
    pub events: Vec<EventRecord>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One event with its document and, when merged, its incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventBundle {
    /// The event.
    pub event: EventRecord,
    /// The document it was read from (full text).
    pub document: Document,
    /// Its incident as `GET /api/incidents/{id}` shows it, when merged.
    pub incident: Option<Value>,
    /// The other reports of the same incident.
    pub related: Vec<EventRecord>,
    /// Discrepancy flags of the incident (`{"field", "values": [{"value", "document"}]}`).
    pub flags: Vec<Value>,
}

/// A field an analyst may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectField {
    /// The primary count: an integer or `{"low","best","high"}`.
    Count,
    /// The place: a place name (resolved with the gazetteer).
    Place,
    /// The date: `YYYY-MM-DD`.
    Date,
    /// The event type.
    Type,
    /// The actors: a list of canonical names (the first is the agent).
    Actors,
}

impl CorrectField {
    /// The field's name in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectField::Count => "count",
            CorrectField::Place => "place",
            CorrectField::Date => "date",
            CorrectField::Type => "type",
            CorrectField::Actors => "actors",
        }
    }
}

/// A review decision.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewAction {
    /// The event is right as extracted.
    Accept,
    /// The event is wrong.
    Reject,
    /// One field is wrong; `value` has been validated for the field's shape.
    Correct {
        /// Which field.
        field: CorrectField,
        /// The new value.
        value: CorrectValue,
    },
}

impl ReviewAction {
    /// `accept`, `reject` or `correct`.
    pub fn name(&self) -> &'static str {
        match self {
            ReviewAction::Accept => "accept",
            ReviewAction::Reject => "reject",
            ReviewAction::Correct { .. } => "correct",
        }
    }
}

/// A validated corrected value.
#[derive(Debug, Clone, PartialEq)]
pub enum CorrectValue {
    /// A count interval; `best` is always present.
    Count {
        /// Lower bound.
        low: Option<i64>,
        /// Best estimate.
        best: i64,
        /// Upper bound.
        high: Option<i64>,
    },
    /// A place name.
    Place(String),
    /// A day.
    Date(NaiveDate),
    /// An event type.
    Type(EventType),
    /// Canonical actor names.
    Actors(Vec<String>),
}

impl CorrectValue {
    /// The value as JSON (for the audit log).
    pub fn to_json(&self) -> Value {
        match self {
            CorrectValue::Count { low, best, high } => {
                serde_json::json!({"low": low, "best": best, "high": high})
            }
            CorrectValue::Place(s) => Value::String(s.clone()),
            CorrectValue::Date(d) => Value::String(d.to_string()),
            CorrectValue::Type(t) => Value::String(t.as_str().to_string()),
            CorrectValue::Actors(a) => serde_json::json!(a),
        }
    }
}

/// One line of the audit log: who decided what about which event, and what it was before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// The event reviewed.
    pub event_id: String,
    /// `accept`, `reject` or `correct`.
    pub action: String,
    /// The corrected field, for `correct`.
    pub field: Option<String>,
    /// The value before the decision.
    pub old_value: Option<Value>,
    /// The value after it.
    pub new_value: Option<Value>,
    /// Who decided.
    pub reviewer: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// Formats of `GET /api/export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// ACLED-style CSV.
    AcledCsv,
    /// UCDP-style CSV with low/best/high.
    UcdpCsv,
    /// JSON Lines, one event a line.
    Jsonl,
    /// GeoJSON points.
    Geojson,
}

impl ExportFormat {
    /// Parses the `format` parameter.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "acled-csv" => Some(Self::AcledCsv),
            "ucdp-csv" => Some(Self::UcdpCsv),
            "jsonl" => Some(Self::Jsonl),
            "geojson" => Some(Self::Geojson),
            _ => None,
        }
    }
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AcledCsv => "acled-csv",
            Self::UcdpCsv => "ucdp-csv",
            Self::Jsonl => "jsonl",
            Self::Geojson => "geojson",
        }
    }
    /// MIME type of the download.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::AcledCsv | Self::UcdpCsv => "text/csv; charset=utf-8",
            Self::Jsonl => "application/x-ndjson",
            Self::Geojson => "application/geo+json",
        }
    }
    /// File name of the download.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::AcledCsv => "sitrep-acled.csv",
            Self::UcdpCsv => "sitrep-ucdp.csv",
            Self::Jsonl => "sitrep-events.jsonl",
            Self::Geojson => "sitrep-events.geojson",
        }
    }
}

/// Map and timeline data for a filter: events grouped by place and by week.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Summary {
    /// Events matching the filter that were looked at.
    pub events: u64,
    /// True when more events match than the summary looked at.
    pub truncated: bool,
    /// Events without coordinates.
    pub unlocated: u64,
    /// One point per distinct place.
    pub points: Vec<MapPoint>,
    /// Events per week (by the Monday of the week) and type.
    pub weeks: Vec<WeekBucket>,
}

/// Events at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapPoint {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Place name (the first seen).
    pub name: String,
    /// State/region.
    pub admin1: Option<String>,
    /// Number of events.
    pub events: u64,
    /// Sum of the events' primary counts (best, else low).
    pub count: i64,
    /// Events per type.
    pub types: BTreeMap<String, u64>,
    /// The most frequent type (for the colour).
    pub top_type: String,
}

/// Events of one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekBucket {
    /// Monday of the week.
    pub week: NaiveDate,
    /// Events per type.
    pub types: BTreeMap<String, u64>,
}

/// Builds a [`Summary`] incrementally from event records.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    summary: Summary,
    points: BTreeMap<(i64, i64), MapPoint>,
    weeks: BTreeMap<NaiveDate, BTreeMap<String, u64>>,
}

impl SummaryBuilder {
    /// Adds one event.
    pub fn add(&mut self, r: &EventRecord) {
        self.summary.events += 1;
        let ty = r.event.event_type.as_str().to_string();
        if let Some(day) = r.day() {
            let monday = day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64);
            *self
                .weeks
                .entry(monday)
                .or_default()
                .entry(ty.clone())
                .or_default() += 1;
        }
        let loc = r.event.location.as_ref();
        match loc.and_then(|l| Some((l.lat?, l.lon?))) {
            Some((lat, lon)) if lat.is_finite() && lon.is_finite() => {
                let key = ((lat * 100.0).round() as i64, (lon * 100.0).round() as i64);
                let p = self.points.entry(key).or_insert_with(|| MapPoint {
                    lat,
                    lon,
                    name: loc.map(|l| l.name.clone()).unwrap_or_default(),
                    admin1: loc.and_then(|l| l.admin1.clone()),
                    events: 0,
                    count: 0,
                    types: BTreeMap::new(),
                    top_type: String::new(),
                });
                p.events += 1;
                p.count += r.count().unwrap_or(0).max(0);
                *p.types.entry(ty).or_default() += 1;
            }
            _ => self.summary.unlocated += 1,
        }
    }
    /// Marks the summary as covering only part of the matching events.
    pub fn truncated(&mut self) {
        self.summary.truncated = true;
    }
    /// The summary.
    pub fn finish(mut self) -> Summary {
        self.summary.points = self
            .points
            .into_values()
            .map(|mut p| {
                p.top_type = p
                    .types
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(t, _)| t.clone())
                    .unwrap_or_default();
                p
            })
            .collect();
        self.summary.weeks = self
            .weeks
            .into_iter()
            .map(|(week, types)| WeekBucket { week, types })
            .collect();
        self.summary
    }
}

/// Most events the default [`Backend::summary`] reads for the map and the timeline.
pub const SUMMARY_SCAN_LIMIT: usize = 200_000;

/// The data behind the API. Methods are blocking; the server calls them on blocking threads.
pub trait Backend: Send + Sync + 'static {
    /// Events matching `q`, `limit` at most, after `cursor` (from a previous page's `next_cursor`).
    fn events(
        &self,
        q: &EventQuery,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, ApiError>;

    /// One event with its document; `None` when there is no such event.
    fn event(&self, id: &str) -> Result<Option<EventBundle>, ApiError>;

    /// Records a review decision and returns the event as it now reads.
    fn review(
        &self,
        id: &str,
        action: &ReviewAction,
        reviewer: &str,
    ) -> Result<EventRecord, ApiError>;

    /// The audit log, newest first, optionally for one event.
    fn audit(&self, event_id: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>, ApiError>;

    /// Incidents (cross-source merges) as `sitrep incidents --format jsonl` prints them.
    fn incidents(
        &self,
        _q: &EventQuery,
        _disputed: bool,
        _cursor: Option<&str>,
        _limit: usize,
    ) -> Result<Value, ApiError> {
        Err(ApiError::not_implemented(
            "incidents (cross-source merging)",
        ))
    }

    /// One incident with its member events.
    fn incident(&self, _id: &str) -> Result<Option<Value>, ApiError> {
        Err(ApiError::not_implemented(
            "incidents (cross-source merging)",
        ))
    }

    /// Sums over incidents grouped by `by` (`type`, `admin1`, `township`, `actor`, `month`, `week`).
    fn tally(&self, _by: &str, _q: &EventQuery) -> Result<Value, ApiError> {
        Err(ApiError::not_implemented("tallies (sitrep-merge)"))
    }

    /// The events matching `q` in an export format.
    fn export(&self, _format: ExportFormat, _q: &EventQuery) -> Result<Vec<u8>, ApiError> {
        Err(ApiError::not_implemented("export"))
    }

    /// Map points and weekly counts for the events matching `q`. The default pages through
    /// [`Backend::events`], reading at most [`SUMMARY_SCAN_LIMIT`] events.
    fn summary(&self, q: &EventQuery) -> Result<Summary, ApiError> {
        let mut b = SummaryBuilder::default();
        let mut cursor: Option<String> = None;
        let mut seen = 0usize;
        loop {
            let page = self.events(q, cursor.as_deref(), 1000)?;
            for r in &page.events {
                b.add(r);
            }
            seen += page.events.len();
            match page.next_cursor {
                Some(c) if seen < SUMMARY_SCAN_LIMIT => cursor = Some(c),
                Some(_) => {
                    b.truncated();
                    break;
                }
                None => break,
            }
        }
        Ok(b.finish())
    }

    /// Places in the gazetteer whose names match `name`.
    fn gazetteer(&self, name: &str) -> Result<Vec<Value>, ApiError> {
        crate::gazetteer_lookup(name)
    }
}
