//! What the recognisers find in the text, before events are assembled.
//!
//! Each recogniser crate produces one of these lists for the whole document;
//! `sitrep-events` reads them all. Spans are byte offsets into the document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ActorKind, Location, Measure, Qualifier, Quantity, Quote, Span, Time, TimePrecision};

/// A number the quantity recogniser read (sitrep-quantity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuantityMention {
    /// What it counts; `None` when it counts something else (bases, drones,
    /// towns, rifles): such mentions are kept with their noun but never
    /// become counts of people.
    pub measure: Option<Measure>,
    /// The counted noun as written ("soldiers", "family members", "bases").
    pub who: Option<String>,
    pub low: Option<i64>,
    pub best: Option<i64>,
    pub high: Option<i64>,
    pub qualifier: Qualifier,
    /// Text of `span`.
    pub text: String,
    /// The qualifier, number and counted noun ("around 200 soldiers").
    pub span: Span,
    /// Just the number words or digits ("200", "one hundred and twenty").
    pub number_span: Span,
    /// "killed or injured", "killed or wounded": a combined casualty figure.
    #[serde(default)]
    pub killed_or_injured: bool,
}

impl QuantityMention {
    /// As a spec §2 quantity with the given measure.
    pub fn to_quantity(&self, measure: Measure) -> Quantity {
        Quantity {
            measure,
            who: self.who.clone(),
            low: self.low,
            best: self.best,
            high: self.high,
            qualifier: self.qualifier,
            text: self.text.clone(),
            span: self.span,
        }
    }
}

/// How a time expression relates to what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeRole {
    /// "on Tuesday", "in November", "earlier this month".
    At,
    /// "since December 7": start that day, end D.
    Since,
    /// "by March 31", "within 30 days": a deadline, not when it happened.
    Deadline,
    /// "next month", "later this month", "will … on Friday".
    Future,
}

/// A resolved time expression (sitrep-time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMention {
    pub span: Span,
    pub text: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: Option<TimePrecision>,
    /// What the text fixes without a publication date (`--12-03`, `2023-11`).
    pub text_norm: Option<String>,
    pub role: TimeRole,
}

impl TimeMention {
    pub fn to_time(&self) -> Time {
        Time {
            start: self.start,
            end: self.end,
            precision: self.precision,
            text: Some(self.text.clone()),
            text_norm: self.text_norm.clone(),
            span: Some(self.span),
        }
    }
}

/// A place named in the text and what the gazetteer resolved it to (sitrep-gazetteer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    pub span: Span,
    /// As written, with its type word when there is one ("Insein Prison", "Kanbalu Township").
    pub name: String,
    /// Resolved place; `location.span == Some(span)`.
    pub location: Location,
    /// Why it resolved this way (for `--explain` and `gazetteer lookup`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
}

/// An actor named in the text (sitrep-actors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    /// As written ("Light Infantry Battalion 143", "junta troops").
    pub name: String,
    /// Canonical name ("LIB 143", "Myanmar Armed Forces").
    pub canonical: String,
    pub kind: ActorKind,
    /// Units and persons: the force they belong to.
    pub parent: Option<String>,
    /// `junta`, `resistance`, `neutral`, …: which side it is on.
    pub side: Option<String>,
    /// A generic or anaphoric reference ("the group", "the battalion",
    /// "troops") rather than a name.
    #[serde(default)]
    pub generic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// "X said", "told RFA", quoted speech.
    Said,
    /// "according to X".
    AccordingTo,
    /// "X claimed", "X says it has …".
    Claimed,
    /// "X denied …".
    Denied,
}

/// Who the text says is the source of a stretch of text (sitrep-actors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The text whose content is attributed (a sentence, a clause or a quote).
    pub scope: Span,
    /// Canonical source where known ("MNDAA", "Myanmar Armed Forces"),
    /// else the description ("prison sources").
    pub source: String,
    pub source_span: Span,
    pub kind: AttributionKind,
}

/// Everything the recognisers found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mentions {
    pub quantities: Vec<QuantityMention>,
    pub times: Vec<TimeMention>,
    pub places: Vec<PlaceMention>,
    pub actors: Vec<ActorMention>,
    pub attributions: Vec<Attribution>,
    pub quotes: Vec<Quote>,
}
