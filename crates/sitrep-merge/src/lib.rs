//! Cross-source event resolution: the events that different reports give
//! for one real-world happening become one *incident*, whose count interval
//! covers every credible report and whose flags keep every disagreement.
//!
//! ```text
//! MergeInput (one event of one document)
//!   ─▶ profile (compact, interned)            profile.rs
//!   ─▶ blocking by (type group, admin1, week) cluster.rs
//!   ─▶ pair similarity with reasons           similarity.rs
//!   ─▶ greedy union-find with guards          cluster.rs
//!   ─▶ Incident (count, place, time, flags)   combine.rs
//!   ─▶ tally / force-strength ledger          tally.rs
//! ```
//!
//! The library knows nothing about the store: the CLI turns stored events
//! into [`MergeInput`]s and stores the [`Incident`]s it gets back.
//! `docs/merge.md` documents the rules for users.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::{ActorKind, Event, EventType, Location, Measure, Modality, Role, Time};

mod cluster;
mod combine;
mod group;
mod profile;
mod similarity;
mod tally;

pub use cluster::{merge, merge_incremental, merge_with, MergeConfig, MergeUpdate};
pub use group::TypeGroup;
pub use similarity::{explain_pair, PairJudgement};
pub use tally::{ledger, tally, Flow, LedgerRow, TallyBy, TallyRow};

/// One event of one stored document, as the merger needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeInput {
    /// The stored event id (unique over the store).
    pub event_id: String,
    /// The document's id (content hash): at most one event per document
    /// joins an incident.
    pub doc_id: String,
    /// The document's path or URL as ingested (what incidents list).
    pub document: String,
    pub outlet: Option<String>,
    /// Publication date: when the event gives no time, the week before it
    /// is used as a weak time window.
    pub published: Option<NaiveDate>,
    pub event: Event,
}

/// The time window the merge uses for an input: its stated time, else the
/// week ending on its publication date; `None` without either. Two inputs
/// can only merge when their windows are at most
/// [`MergeConfig::slack_days`] apart.
pub fn time_window(input: &MergeInput) -> Option<(NaiveDate, NaiveDate)> {
    profile::window_of(input).0
}

/// The count of an incident over its credible (not denied) reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Count {
    /// Lowest known low of the reports (reports without a low do not lower it).
    pub low: Option<i64>,
    /// Median of the reports' bests (even number: mean of the middle two, rounded down).
    pub best: Option<i64>,
    /// Highest high; `null` as soon as one report's high is unknown.
    pub high: Option<i64>,
    /// ACLED-style most conservative figure: the lowest best (or low) reported.
    pub conservative: Option<i64>,
    /// How many reports gave a number for the incident's measure.
    pub reports: usize,
    /// The counted nouns as written ("soldiers", "troops"), distinct, lower-case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub who: Vec<String>,
}

/// One value of a disputed field, with the document that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagValue {
    pub value: String,
    /// The member document's path or URL as ingested.
    pub document: String,
}

/// A discrepancy between the reports of one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// `count`, `unit`, `place`, `date`, `modality` (a denial), `type` or `actor`.
    pub field: String,
    pub values: Vec<FlagValue>,
}

/// An actor of an incident (deduplicated over its reports).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IncidentActor {
    pub role: Role,
    pub canonical: String,
    pub kind: ActorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// One real-world happening (or one summary claim) as several reports give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// `inc-` + the smallest member event id: stable while that event stays.
    pub id: String,
    /// The most common type of its reports.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Every type its reports give, distinct (a surrender one outlet calls a
    /// defection; a capture another tells as the garrison's surrender).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<EventType>,
    /// A summary claim over many happenings (never merged with single ones).
    pub aggregate: bool,
    /// `asserted` if any report asserts it, else `claimed`, `planned`, `denied`.
    pub modality: Modality,
    /// Member event ids, one per report.
    pub events: Vec<String>,
    /// Each member's document (path or URL as ingested), parallel to `events`.
    pub documents: Vec<String>,
    /// What `count` counts: the primary measure of `type`.
    pub measure: Measure,
    pub count: Count,
    /// The most precise place the reports agree on.
    pub location: Option<Location>,
    /// The most precise time the reports agree on (all null when no report
    /// states a time).
    pub time: Time,
    /// The earliest publication date of its reports: what tallies by month
    /// or week and date filters fall back to when `time` is null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<NaiveDate>,
    pub actors: Vec<IncidentActor>,
    pub flags: Vec<Flag>,
    /// Why the members were joined: one line per accepted pair.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

impl Incident {
    /// The incident's start date, else the earliest publication date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.time.start.or(self.time.end).or(self.reported)
    }
    /// True when the reports disagree on something (any flag).
    pub fn disputed(&self) -> bool {
        !self.flags.is_empty()
    }
    /// The flag for `field`, if the reports disagree on it.
    pub fn flag(&self, field: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.field == field)
    }
}
