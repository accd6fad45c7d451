//! Analyst review: accept, reject, correct; the audit log; corrections
//! applied to every read.

use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};
use sitrep_core::{
    Actor, ActorKind, Event, EventType, Location, Qualifier, Quantity, Role, Span, Time,
    TimePrecision,
};

use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, ReviewAction, ReviewField, ReviewStatus, StoredEvent};
use crate::store::{now, sql_error, Store};
use crate::write::write_effective;

/// A stored review with the anchor it re-attaches by.
#[derive(Debug, Clone)]
pub(crate) struct ReviewRow {
    pub event_id: String,
    pub doc_id: String,
    pub status: String,
    pub corrections: String,
    pub reviewer: String,
    pub reviewed_at: String,
    pub anchor_type: String,
    pub anchor_sentence: Span,
    pub anchor_trigger: Span,
    pub anchor_count_best: Option<i64>,
    pub anchor_place: Option<String>,
}

const REVIEW_COLUMNS: &str =
    "event_id, doc_id, status, corrections, reviewer, reviewed_at, anchor_type,
    anchor_sentence_start, anchor_sentence_end, anchor_trigger_start, anchor_trigger_end,
    anchor_count_best, anchor_place";

fn review_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewRow> {
    let us = |i: usize| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)?.max(0) as usize) };
    Ok(ReviewRow {
        event_id: r.get(0)?,
        doc_id: r.get(1)?,
        status: r.get(2)?,
        corrections: r.get(3)?,
        reviewer: r.get(4)?,
        reviewed_at: r.get(5)?,
        anchor_type: r.get(6)?,
        anchor_sentence: Span(us(7)?, us(8)?),
        anchor_trigger: Span(us(9)?, us(10)?),
        anchor_count_best: r.get(11)?,
        anchor_place: r.get(12)?,
    })
}

pub(crate) fn reviews_of_document(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    doc_id: &str,
) -> Result<Vec<ReviewRow>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews WHERE doc_id = ?1 ORDER BY anchor_sentence_start, anchor_trigger_start"
        ))
        .map_err(|e| sql_error(path, e))?;
    let rows = stmt
        .query_map([doc_id], review_row)
        .map_err(|e| sql_error(path, e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| sql_error(path, e))
}

fn insert_review(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    r: &ReviewRow,
    orphaned: bool,
) -> Result<()> {
    conn.execute(
        &format!("INSERT OR REPLACE INTO reviews ({REVIEW_COLUMNS}, orphaned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            r.event_id,
            r.doc_id,
            r.status,
            r.corrections,
            r.reviewer,
            r.reviewed_at,
            r.anchor_type,
            r.anchor_sentence.0 as i64,
            r.anchor_sentence.1 as i64,
            r.anchor_trigger.0 as i64,
            r.anchor_trigger.1 as i64,
            r.anchor_count_best,
            r.anchor_place,
            orphaned,
        ],
    )
    .map_err(|e| sql_error(path, e))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn audit(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    event_id: &str,
    action: &str,
    field: Option<&str>,
    old: Option<&Value>,
    new: Option<&Value>,
    reviewer: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (event_id, action, field, old_value, new_value, reviewer, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            event_id,
            action,
            field,
            old.map(|v| v.to_string()),
            new.map(|v| v.to_string()),
            reviewer,
            now()
        ],
    )
    .map_err(|e| sql_error(path, e))?;
    Ok(())
}

fn anchor_of(r: &mut ReviewRow, extracted: &Event) {
    r.anchor_type = extracted.event_type.as_str().to_string();
    r.anchor_sentence = extracted.sentence;
    r.anchor_trigger = extracted.trigger;
    r.anchor_count_best = extracted.primary_quantity().and_then(|q| q.best);
    r.anchor_place = extracted.location.as_ref().map(|l| l.name.clone());
}

/// Move a review to the re-extracted event `id` and re-apply it.
pub(crate) fn reattach(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    r: &ReviewRow,
    seq: i64,
    id: &str,
    extracted: &Event,
    published: Option<chrono::NaiveDate>,
) -> Result<()> {
    let mut n = r.clone();
    n.event_id = id.to_string();
    anchor_of(&mut n, extracted);
    insert_review(conn, path, &n, false)?;
    let corrections = parse_corrections(path, &n.corrections)?;
    let mut view = extracted.clone();
    apply_corrections(&mut view, &corrections)?;
    write_effective(conn, path, seq, &view, published)?;
    conn.execute(
        "UPDATE events SET review_status = ?2 WHERE seq = ?1",
        params![seq, n.status],
    )
    .map_err(|e| sql_error(path, e))?;
    audit(
        conn,
        path,
        id,
        "reattach",
        None,
        Some(&json!(r.event_id)),
        Some(&json!(id)),
        "sitrep reextract",
    )
}

/// Keep a review whose event is gone, flagged orphaned.
pub(crate) fn orphan(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    r: &ReviewRow,
) -> Result<()> {
    insert_review(conn, path, r, true)?;
    audit(
        conn,
        path,
        &r.event_id,
        "orphan",
        None,
        None,
        None,
        "sitrep reextract",
    )
}

pub(crate) fn parse_corrections(path: &std::path::Path, s: &str) -> Result<Map<String, Value>> {
    match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Ok(Map::new()),
        Err(e) => Err(StoreError::Json {
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// Apply stored corrections (field name → value) to an extracted event.
pub fn apply_corrections(event: &mut Event, corrections: &Map<String, Value>) -> Result<()> {
    // Type first: the primary count depends on it.
    if let Some(v) = corrections.get("type") {
        apply_field(event, ReviewField::Type, v)?;
    }
    for (k, v) in corrections {
        if k == "type" {
            continue;
        }
        let field: ReviewField = k.parse().map_err(StoreError::Invalid)?;
        apply_field(event, field, v)?;
    }
    Ok(())
}

fn invalid(field: ReviewField, v: &Value, why: &str) -> StoreError {
    StoreError::Invalid(format!("bad value for `{}`: {v} ({why})", field.as_str()))
}

/// Set one field of the event to a corrected value (forms: see [`ReviewField`]).
pub fn apply_field(event: &mut Event, field: ReviewField, v: &Value) -> Result<()> {
    match field {
        ReviewField::Type => {
            let s = v
                .as_str()
                .ok_or_else(|| invalid(field, v, "expected a type name"))?;
            event.event_type = s.parse::<EventType>().map_err(|e| invalid(field, v, &e))?;
        }
        ReviewField::Count => {
            let measure = event.event_type.primary_measure();
            let (low, best, high) = match v {
                Value::Null => {
                    event.quantities.retain(|q| q.measure != measure);
                    return Ok(());
                }
                Value::Number(_) => {
                    let n = v
                        .as_i64()
                        .ok_or_else(|| invalid(field, v, "expected a whole number"))?;
                    (Some(n), Some(n), Some(n))
                }
                Value::Object(o) => {
                    let get = |k: &str| -> Result<Option<i64>> {
                        match o.get(k) {
                            None | Some(Value::Null) => Ok(None),
                            Some(x) => x
                                .as_i64()
                                .map(Some)
                                .ok_or_else(|| invalid(field, v, "bounds must be whole numbers")),
                        }
                    };
                    (get("low")?, get("best")?, get("high")?)
                }
                _ => return Err(invalid(field, v, "expected a number or {low, best, high}")),
            };
            let vals: Vec<i64> = [low, best, high].into_iter().flatten().collect();
            if vals.is_empty() {
                return Err(invalid(field, v, "no bound given"));
            }
            if vals.iter().any(|x| *x < 0) || vals.windows(2).any(|w| w[0] > w[1]) {
                return Err(invalid(field, v, "need 0 <= low <= best <= high"));
            }
            let qualifier = if low.is_some() && low == best && best == high {
                Qualifier::Exact
            } else if low.is_some() && high.is_some() {
                Qualifier::Range
            } else if high.is_none() {
                Qualifier::AtLeast
            } else {
                Qualifier::UpTo
            };
            match event.quantities.iter_mut().find(|q| q.measure == measure) {
                Some(q) => {
                    q.low = low;
                    q.best = best;
                    q.high = high;
                    q.qualifier = qualifier;
                }
                None => event.quantities.insert(
                    0,
                    Quantity {
                        measure,
                        who: None,
                        low,
                        best,
                        high,
                        qualifier,
                        text: String::new(),
                        span: event.trigger,
                    },
                ),
            }
        }
        ReviewField::Place => {
            event.location = match v {
                Value::Null => None,
                Value::String(s) if !s.trim().is_empty() => Some(Location {
                    name: s.trim().to_string(),
                    ..Location::default()
                }),
                Value::Object(_) => Some(
                    serde_json::from_value::<Location>(v.clone())
                        .map_err(|e| invalid(field, v, &e.to_string()))?,
                ),
                _ => return Err(invalid(field, v, "expected a name or a location object")),
            };
        }
        ReviewField::Date => {
            event.time = match v {
                Value::Null => Time::default(),
                Value::String(s) => {
                    let parse = |x: &str| {
                        x.trim().parse::<chrono::NaiveDate>().map_err(|_| {
                            invalid(field, v, "expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
                        })
                    };
                    let (start, end) = match s.split_once('/') {
                        Some((a, b)) => (parse(a)?, parse(b)?),
                        None => {
                            let d = parse(s)?;
                            (d, d)
                        }
                    };
                    if end < start {
                        return Err(invalid(field, v, "end before start"));
                    }
                    Time {
                        start: Some(start),
                        end: Some(end),
                        precision: Some(if start == end {
                            TimePrecision::Day
                        } else {
                            TimePrecision::Range
                        }),
                        text: event.time.text.clone(),
                        text_norm: None,
                        span: event.time.span,
                    }
                }
                Value::Object(_) => serde_json::from_value::<Time>(v.clone())
                    .map_err(|e| invalid(field, v, &e.to_string()))?,
                _ => return Err(invalid(field, v, "expected a date string or a time object")),
            };
        }
        ReviewField::Actors => {
            let arr = v
                .as_array()
                .ok_or_else(|| invalid(field, v, "expected an array of actors"))?;
            let mut actors = Vec::new();
            for (i, a) in arr.iter().enumerate() {
                actors.push(parse_actor(a, i).map_err(|why| invalid(field, v, &why))?);
            }
            event.actors = actors;
        }
    }
    Ok(())
}

/// An actor from a correction: a full spec §5 object, a partial one
/// (`canonical`/`name`, role defaults to agent for the first and
/// counterpart for the others, kind to organization), or a bare name.
fn parse_actor(v: &Value, i: usize) -> std::result::Result<Actor, String> {
    let default_role = if i == 0 {
        Role::Agent
    } else {
        Role::Counterpart
    };
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(Actor {
            role: default_role,
            name: s.trim().to_string(),
            canonical: s.trim().to_string(),
            kind: ActorKind::Organization,
            parent: None,
            span: None,
        }),
        Value::Object(o) => {
            let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
            let canonical = s("canonical").or_else(|| s("name"));
            let Some(canonical) = canonical.filter(|c| !c.trim().is_empty()) else {
                return Err("an actor needs `canonical` or `name`".into());
            };
            let role = match s("role") {
                Some(r) => r.parse::<Role>()?,
                None => default_role,
            };
            let kind = match s("kind") {
                Some(k) => k.parse::<ActorKind>()?,
                None => ActorKind::Organization,
            };
            Ok(Actor {
                role,
                name: s("name").unwrap_or_else(|| canonical.clone()),
                canonical,
                kind,
                parent: s("parent"),
                span: o
                    .get("span")
                    .and_then(|x| serde_json::from_value::<Span>(x.clone()).ok()),
            })
        }
        _ => Err("an actor is a name or an object".into()),
    }
}

/// The current value of a field in an event, as JSON (for the audit log).
pub fn field_value(event: &Event, field: ReviewField) -> Value {
    match field {
        ReviewField::Type => json!(event.event_type.as_str()),
        ReviewField::Count => match event.primary_quantity() {
            Some(q) => json!({"low": q.low, "best": q.best, "high": q.high}),
            None => Value::Null,
        },
        ReviewField::Place => serde_json::to_value(&event.location).unwrap_or(Value::Null),
        ReviewField::Date => serde_json::to_value(&event.time).unwrap_or(Value::Null),
        ReviewField::Actors => serde_json::to_value(&event.actors).unwrap_or(Value::Null),
    }
}

impl Store {
    /// Record an analyst's decision on an event: stored with the reviewer,
    /// the time and the previous value in the audit log. Returns the event
    /// in its new reviewed view.
    pub fn review(
        &mut self,
        event_id: &str,
        action: ReviewAction,
        reviewer: &str,
    ) -> Result<StoredEvent> {
        self.ensure_writable()?;
        if reviewer.trim().is_empty() {
            return Err(StoreError::Invalid("a review needs a reviewer name".into()));
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&path, e))?;
        let row: Option<(i64, String, String, Option<String>)> = tx
            .query_row(
                "SELECT e.seq, e.doc_id, b.event_json, d.published FROM events e
                 JOIN event_bodies b ON b.seq = e.seq
                 JOIN documents d ON d.doc_id = e.doc_id WHERE e.id = ?1",
                [event_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| sql_error(&path, e))?;
        let Some((seq, doc_id, json, published)) = row else {
            return Err(StoreError::NotFound {
                what: "event",
                id: event_id.to_string(),
            });
        };
        let published = published.and_then(|p| p.parse().ok());
        let extracted: Event = serde_json::from_str(&json).map_err(|e| StoreError::Json {
            path: path.clone(),
            source: e,
        })?;
        let existing: Option<ReviewRow> = tx
            .query_row(
                &format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE event_id = ?1"),
                [event_id],
                review_row,
            )
            .optional()
            .map_err(|e| sql_error(&path, e))?;
        let mut corrections = match &existing {
            Some(r) => parse_corrections(&path, &r.corrections)?,
            None => Map::new(),
        };
        let mut view = extracted.clone();
        apply_corrections(&mut view, &corrections)?;
        let old_status = existing.as_ref().map(|r| r.status.clone());
        let (status, field, old, new) = match &action {
            ReviewAction::Accept => (
                ReviewStatus::Accepted,
                None,
                old_status.map(Value::String),
                json!("accepted"),
            ),
            ReviewAction::Reject => (
                ReviewStatus::Rejected,
                None,
                old_status.map(Value::String),
                json!("rejected"),
            ),
            ReviewAction::Correct { field, value } => {
                let old = field_value(&view, *field);
                let mut trial = view.clone();
                apply_field(&mut trial, *field, value)?;
                corrections.insert(field.as_str().to_string(), value.clone());
                (
                    ReviewStatus::Corrected,
                    Some(*field),
                    Some(old),
                    value.clone(),
                )
            }
        };
        let mut r = existing.unwrap_or(ReviewRow {
            event_id: event_id.to_string(),
            doc_id,
            status: String::new(),
            corrections: String::new(),
            reviewer: String::new(),
            reviewed_at: String::new(),
            anchor_type: String::new(),
            anchor_sentence: Span::default(),
            anchor_trigger: Span::default(),
            anchor_count_best: None,
            anchor_place: None,
        });
        anchor_of(&mut r, &extracted);
        r.status = status.as_str().to_string();
        r.corrections = Value::Object(corrections.clone()).to_string();
        r.reviewer = reviewer.to_string();
        r.reviewed_at = now();
        insert_review(&tx, &path, &r, false)?;
        let mut view = extracted;
        apply_corrections(&mut view, &corrections)?;
        write_effective(&tx, &path, seq, &view, published)?;
        tx.execute(
            "UPDATE events SET review_status = ?2 WHERE seq = ?1",
            params![seq, status.as_str()],
        )
        .map_err(|e| sql_error(&path, e))?;
        let action_name = match action {
            ReviewAction::Accept => "accept",
            ReviewAction::Reject => "reject",
            ReviewAction::Correct { .. } => "correct",
        };
        audit(
            &tx,
            &path,
            event_id,
            action_name,
            field.map(|f| f.as_str()),
            old.as_ref(),
            Some(&new),
            reviewer,
        )?;
        tx.commit().map_err(|e| sql_error(&path, e))?;
        self.event(event_id)?.ok_or_else(|| StoreError::NotFound {
            what: "event",
            id: event_id.to_string(),
        })
    }

    /// The audit log, newest last: of one event, or of all events when `None`.
    pub fn audit_log(&self, event_id: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, event_id, action, field, old_value, new_value, reviewer, at FROM audit_log
                 WHERE ?1 IS NULL OR event_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([event_id], |r| {
                let j = |i: usize| -> rusqlite::Result<Option<Value>> {
                    Ok(r.get::<_, Option<String>>(i)?
                        .and_then(|s| serde_json::from_str(&s).ok()))
                };
                Ok(AuditEntry {
                    id: r.get(0)?,
                    event_id: r.get(1)?,
                    action: r.get(2)?,
                    field: r.get(3)?,
                    old_value: j(4)?,
                    new_value: j(5)?,
                    reviewer: r.get(6)?,
                    at: r.get(7)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))
    }

    /// Reviews whose event disappeared at a reextract (event id, status).
    pub fn orphaned_reviews(&self) -> Result<Vec<(String, ReviewStatus)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT event_id, status FROM reviews WHERE orphaned = 1 ORDER BY event_id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.sql(e))?;
        let v = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))?;
        Ok(v.into_iter()
            .filter_map(|(id, s)| ReviewStatus::parse(&s).map(|s| (id, s)))
            .collect())
    }
}
