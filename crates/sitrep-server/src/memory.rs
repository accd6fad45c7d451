//! An in-memory [`Backend`]: for tests and demos without a database.

use std::collections::HashMap;
use std::sync::Mutex;

use sitrep_core::{Actor, ActorKind, Document, Event, Location, Qualifier, Quantity, Role, Span};

use crate::backend::{
    AuditEntry, Backend, CorrectValue, EventBundle, EventPage, EventQuery, EventRecord,
    ReviewAction, ReviewStatus,
};
use crate::error::ApiError;

#[derive(Default)]
struct Inner {
    docs: HashMap<String, Document>,
    events: Vec<EventRecord>,
    audit: Vec<AuditEntry>,
}

/// Documents, events and reviews kept in memory, in insertion order.
#[derive(Default)]
pub struct MemoryBackend {
    inner: Mutex<Inner>,
}

impl MemoryBackend {
    /// An empty backend.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document and the events read from it.
    pub fn add(&self, doc: Document, events: Vec<Event>) {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        for e in events {
            g.events.push(EventRecord {
                event: e,
                doc_id: doc.doc_id.clone(),
                published: doc.published,
                source: doc.title.clone().or(doc.path.clone()).or(doc.url.clone()),
                review: ReviewStatus::Unreviewed,
                incident_id: None,
            });
        }
        g.docs.insert(doc.doc_id.clone(), doc);
    }
}

/// True when `r` passes every filter of `q` (the semantics of `sitrep events`).
pub fn matches(q: &EventQuery, r: &EventRecord) -> bool {
    let e = &r.event;
    let ci = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if q.event_type.is_some_and(|t| t != e.event_type) {
        return false;
    }
    if let Some(a) = &q.admin1 {
        let got = e.location.as_ref().and_then(|l| l.admin1.as_deref());
        if !got.is_some_and(|g| g.eq_ignore_ascii_case(a)) {
            return false;
        }
    }
    if let Some(p) = &q.place {
        let ok = e.location.as_ref().is_some_and(|l| {
            l.name.eq_ignore_ascii_case(p)
                || l.township
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
        });
        if !ok {
            return false;
        }
    }
    if let Some(a) = &q.actor {
        if !e.actors.iter().any(|x| {
            ci(&x.canonical, a) || ci(&x.name, a) || x.parent.as_deref().is_some_and(|p| ci(p, a))
        }) {
            return false;
        }
    }
    let start = e.time.start.or(r.published);
    let end = e.time.end.or(start);
    if q.since.is_some_and(|s| end.is_none_or(|d| d < s)) {
        return false;
    }
    if q.until.is_some_and(|u| start.is_none_or(|d| d > u)) {
        return false;
    }
    if q.min_count.is_some_and(|m| r.count().is_none_or(|c| c < m)) {
        return false;
    }
    if q.aggregate.is_some_and(|a| a != e.aggregate) {
        return false;
    }
    true
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The current value of a corrected field, as JSON (the audit log's `old_value`).
pub fn field_value(e: &Event, v: &CorrectValue) -> serde_json::Value {
    use serde_json::json;
    match v {
        CorrectValue::Count { .. } => match e.primary_quantity() {
            Some(q) => json!({"low": q.low, "best": q.best, "high": q.high}),
            None => serde_json::Value::Null,
        },
        CorrectValue::Place(_) => json!(e.location.as_ref().map(|l| l.name.clone())),
        CorrectValue::Date(_) => json!(e.time.start),
        CorrectValue::Type(_) => json!(e.event_type),
        CorrectValue::Actors(_) => json!(e.actors.iter().map(|a| &a.canonical).collect::<Vec<_>>()),
    }
}

/// Applies a corrected value to an event (the place is kept as written, without coordinates,
/// when the gazetteer is not consulted).
pub fn apply_correction(e: &mut Event, v: &CorrectValue) {
    match v {
        CorrectValue::Count { low, best, high } => {
            let m = e.event_type.primary_measure();
            let span = e.primary_quantity().map(|q| q.span).unwrap_or(Span(0, 0));
            let qty = Quantity {
                measure: m,
                who: e.primary_quantity().and_then(|q| q.who.clone()),
                low: *low,
                best: Some(*best),
                high: *high,
                qualifier: if *low == Some(*best) && *high == Some(*best) {
                    Qualifier::Exact
                } else {
                    Qualifier::Range
                },
                text: format!("{best} (reviewed)"),
                span,
            };
            e.quantities.retain(|q| q.measure != m);
            e.quantities.insert(0, qty);
        }
        CorrectValue::Place(name) => {
            e.location = Some(Location {
                name: name.clone(),
                ..Location::default()
            });
        }
        CorrectValue::Date(d) => {
            e.time.start = Some(*d);
            e.time.end = Some(*d);
            e.time.precision = Some(sitrep_core::TimePrecision::Day);
        }
        CorrectValue::Type(t) => e.event_type = *t,
        CorrectValue::Actors(names) => {
            e.actors = names
                .iter()
                .enumerate()
                .map(|(i, n)| Actor {
                    role: if i == 0 {
                        Role::Agent
                    } else {
                        Role::Counterpart
                    },
                    name: n.clone(),
                    canonical: n.clone(),
                    kind: ActorKind::Organization,
                    parent: None,
                    span: None,
                })
                .collect();
        }
    }
}

impl Backend for MemoryBackend {
    fn events(
        &self,
        q: &EventQuery,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, ApiError> {
        let start = match cursor {
            None => 0,
            Some(c) => c.parse::<usize>().map_err(|_| {
                ApiError::bad_request(format!(
                    "parameter `cursor`: `{c}` is not a cursor from this server"
                ))
            })?,
        };
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut events = Vec::new();
        let mut next = None;
        for (i, r) in g.events.iter().enumerate().skip(start) {
            if !matches(q, r) {
                continue;
            }
            if events.len() == limit {
                next = Some(i.to_string());
                break;
            }
            events.push(r.clone());
        }
        Ok(EventPage {
            events,
            next_cursor: next,
        })
    }

    fn event(&self, id: &str) -> Result<Option<EventBundle>, ApiError> {
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let Some(r) = g.events.iter().find(|r| r.event.id == id) else {
            return Ok(None);
        };
        let doc = g
            .docs
            .get(&r.doc_id)
            .cloned()
            .ok_or_else(|| ApiError::internal(format!("event `{id}` has no document")))?;
        Ok(Some(EventBundle {
            event: r.clone(),
            document: doc,
            incident: None,
            related: vec![],
            flags: vec![],
        }))
    }

    fn review(
        &self,
        id: &str,
        action: &ReviewAction,
        reviewer: &str,
    ) -> Result<EventRecord, ApiError> {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let n = g.audit.len() as i64 + 1;
        let r = g
            .events
            .iter_mut()
            .find(|r| r.event.id == id)
            .ok_or_else(|| ApiError::not_found(format!("no event `{id}`")))?;
        let status = |s: ReviewStatus| serde_json::to_value(s).unwrap_or_default();
        let entry = match action {
            ReviewAction::Accept | ReviewAction::Reject => {
                let old = r.review;
                r.review = if matches!(action, ReviewAction::Accept) {
                    ReviewStatus::Accepted
                } else {
                    ReviewStatus::Rejected
                };
                AuditEntry {
                    id: n,
                    event_id: id.into(),
                    action: action.name().into(),
                    field: None,
                    old_value: Some(status(old)),
                    new_value: Some(status(r.review)),
                    reviewer: reviewer.into(),
                    at: now(),
                }
            }
            ReviewAction::Correct { field, value } => {
                let old = field_value(&r.event, value);
                apply_correction(&mut r.event, value);
                r.review = ReviewStatus::Corrected;
                AuditEntry {
                    id: n,
                    event_id: id.into(),
                    action: "correct".into(),
                    field: Some(field.as_str().into()),
                    old_value: Some(old),
                    new_value: Some(value.to_json()),
                    reviewer: reviewer.into(),
                    at: now(),
                }
            }
        };
        let out = r.clone();
        g.audit.push(entry);
        Ok(out)
    }

    fn audit(&self, event_id: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>, ApiError> {
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        Ok(g.audit
            .iter()
            .rev()
            .filter(|a| event_id.is_none_or(|id| a.event_id == id))
            .take(limit)
            .cloned()
            .collect())
    }
}
