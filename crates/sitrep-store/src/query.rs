//! Reading: filtered, paginated event lists (reviewed view), documents, counts.

use rusqlite::types::Value as SqlValue;
use rusqlite::OptionalExtension;
use sitrep_core::Event;

use crate::error::{Result, StoreError};
use crate::model::{
    EventFilter, EventPage, Page, Review, ReviewFilter, ReviewStatus, Stats, StoredDocument,
    StoredEvent,
};
use crate::review::{apply_corrections, parse_corrections};
use crate::store::Store;

const EVENT_COLUMNS: &str =
    "SELECT e.seq, e.id, e.doc_id, b.event_json, e.current, b.sentence_text,
    d.source, d.published, d.outlet, d.title, d.ingested_at,
    r.status, r.reviewer, r.reviewed_at, r.corrections";

const EVENT_JOINS: &str = "JOIN event_bodies b ON b.seq = e.seq
    JOIN documents d ON d.doc_id = e.doc_id
    LEFT JOIN reviews r ON e.review_status IS NOT NULL AND r.event_id = e.id";

/// How a filter is read: the FROM clause, the WHERE clause, its
/// parameters and the column that orders events (the cursor).
pub(crate) struct Plan {
    pub from: String,
    pub clause: String,
    pub params: Vec<SqlValue>,
    pub order: &'static str,
}

/// Plan a filter so that a page walks an index in event order and stops
/// after `limit` matches (no sort of every match):
/// - with a place, the walk starts from the `place_keys` index (place name
///   or township); an actor is then a condition (one lookup in
///   `actor_keys` per event walked). Place names are usually the more
///   selective of the two, and the more selective side should drive;
/// - with an actor and no place, from the `actor_keys` index;
/// - otherwise from `events` (its own indexes are in `seq` order).
pub(crate) fn plan(f: &EventFilter) -> Plan {
    let (clause, mut params) = where_clause(f);
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let param = |v: String, params: &mut Vec<SqlValue>| {
        params.push(SqlValue::Text(v));
        format!("?{}", params.len())
    };
    match (nonempty(&f.place), nonempty(&f.actor)) {
        (Some(pl), actor) => {
            let x = param(pl, &mut params);
            let mut clause = format!("pk.key = {x} AND {clause}");
            if let Some(a) = actor {
                let y = param(a, &mut params);
                clause.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM actor_keys k WHERE k.key = {y} AND k.event_seq = e.seq)"
                ));
            }
            Plan {
                // CROSS JOIN: SQLite keeps `place_keys` as the outer loop.
                from: "place_keys pk CROSS JOIN events e ON e.seq = pk.event_seq".into(),
                clause,
                params,
                order: "pk.event_seq",
            }
        }
        (None, Some(a)) => {
            let x = param(a, &mut params);
            Plan {
                from: "actor_keys k JOIN events e ON e.seq = k.event_seq".into(),
                clause: format!("k.key = {x} AND {clause}"),
                params,
                order: "k.event_seq",
            }
        }
        (None, None) => Plan {
            from: "events e".into(),
            clause,
            params,
            order: "e.seq",
        },
    }
}

/// Strip " State", " Region", " Division" so "Shan State" matches "Shan".
pub fn normalise_admin1(s: &str) -> String {
    let t = s.trim();
    for suffix in [
        " State",
        " Region",
        " Division",
        " state",
        " region",
        " division",
    ] {
        if let Some(x) = t.strip_suffix(suffix) {
            return x.trim().to_string();
        }
    }
    t.to_string()
}

/// The WHERE clause and its parameters for a filter, but for the place and
/// actor, which [`plan`] adds.
pub(crate) fn where_clause(f: &EventFilter) -> (String, Vec<SqlValue>) {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<SqlValue> = Vec::new();
    let p = |v: SqlValue, params: &mut Vec<SqlValue>| {
        params.push(v);
        format!("?{}", params.len())
    };
    if !f.include_superseded {
        conds.push("e.current = 1".into());
    }
    if !f.types.is_empty() {
        let list: Vec<String> = f
            .types
            .iter()
            .map(|t| p(SqlValue::Text(t.as_str().into()), &mut params))
            .collect();
        conds.push(format!("e.type IN ({})", list.join(", ")));
    }
    if let Some(a) = f.admin1.as_deref().filter(|s| !s.trim().is_empty()) {
        let x = p(SqlValue::Text(normalise_admin1(a)), &mut params);
        conds.push(format!("e.admin1 = {x} COLLATE NOCASE"));
    }
    // The place and actor filters are joins: see `plan`.
    if let Some(d) = f.since {
        let x = p(SqlValue::Text(d.to_string()), &mut params);
        conds.push(format!("e.date_end >= {x}"));
    }
    if let Some(d) = f.until {
        let x = p(SqlValue::Text(d.to_string()), &mut params);
        conds.push(format!("e.date_start <= {x}"));
    }
    if let Some(n) = f.min_count {
        let x = p(SqlValue::Integer(n), &mut params);
        conds.push(format!("COALESCE(e.count_best, e.count_low) >= {x}"));
    }
    if let Some(a) = f.aggregate {
        let x = p(SqlValue::Integer(a as i64), &mut params);
        conds.push(format!("e.aggregate = {x}"));
    }
    if let Some(m) = f.modality {
        let x = p(SqlValue::Text(m.as_str().into()), &mut params);
        conds.push(format!("e.modality = {x}"));
    }
    if let Some(d) = f.doc.as_deref() {
        let x = p(SqlValue::Text(d.into()), &mut params);
        conds.push(format!("e.doc_id = {x}"));
    }
    if let Some(r) = f.review {
        conds.push(
            match r {
                ReviewFilter::Unreviewed => "e.review_status IS NULL",
                ReviewFilter::Reviewed => "e.review_status IS NOT NULL",
                ReviewFilter::Accepted => "e.review_status = 'accepted'",
                ReviewFilter::Rejected => "e.review_status = 'rejected'",
                ReviewFilter::Corrected => "e.review_status = 'corrected'",
                ReviewFilter::NotRejected => {
                    "(e.review_status IS NULL OR e.review_status != 'rejected')"
                }
            }
            .into(),
        );
    }
    let clause = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    (clause, params)
}

fn parse_cursor(c: &str) -> Result<i64> {
    c.parse::<i64>()
        .map_err(|_| StoreError::Invalid(format!("bad page cursor `{c}`")))
}

impl Store {
    fn stored_event(&self, r: &rusqlite::Row<'_>) -> Result<StoredEvent> {
        let get = |i| -> Result<Option<String>> { r.get(i).map_err(|e| self.sql(e)) };
        let seq: i64 = r.get(0).map_err(|e| self.sql(e))?;
        let id: String = r.get(1).map_err(|e| self.sql(e))?;
        let doc_id: String = r.get(2).map_err(|e| self.sql(e))?;
        let json: String = r.get(3).map_err(|e| self.sql(e))?;
        let current: bool = r.get(4).map_err(|e| self.sql(e))?;
        let sentence_text: String = r.get(5).map_err(|e| self.sql(e))?;
        let mut event: Event = serde_json::from_str(&json).map_err(|e| StoreError::Json {
            path: self.path.clone(),
            source: e,
        })?;
        event.id = id.clone();
        let review = match get(11)?.and_then(|s| ReviewStatus::parse(&s)) {
            Some(status) => {
                let corrections = parse_corrections(&self.path, &get(14)?.unwrap_or_default())?;
                apply_corrections(&mut event, &corrections)?;
                Some(Review {
                    status,
                    reviewer: get(12)?.unwrap_or_default(),
                    reviewed_at: get(13)?.unwrap_or_default(),
                    corrections,
                })
            }
            None => None,
        };
        Ok(StoredEvent {
            id,
            seq,
            doc_id,
            doc_source: get(6)?,
            published: get(7)?.and_then(|p| p.parse().ok()),
            outlet: get(8)?,
            title: get(9)?,
            ingested_at: get(10)?.unwrap_or_default(),
            current,
            sentence_text,
            event,
            review,
        })
    }

    /// One page of events matching `filter`, in insertion order.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<EventPage> {
        let Plan {
            from,
            clause,
            mut params,
            order,
        } = plan(filter);
        let mut sql = format!("{EVENT_COLUMNS} FROM {from} {EVENT_JOINS} WHERE {clause}");
        if let Some(c) = page.after.as_deref() {
            params.push(SqlValue::Integer(parse_cursor(c)?));
            sql.push_str(&format!(" AND {order} > ?{}", params.len()));
        }
        // One more than asked, to know whether there is a next page.
        let limit = page.limit.min(i64::MAX as usize - 1);
        params.push(SqlValue::Integer(limit as i64 + 1));
        sql.push_str(&format!(" ORDER BY {order} LIMIT ?{}", params.len()));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.sql(e))?;
        let mut events = Vec::new();
        let mut more = false;
        while let Some(r) = rows.next().map_err(|e| self.sql(e))? {
            if events.len() == limit {
                more = true;
                break;
            }
            events.push(self.stored_event(r)?);
        }
        let next = if more {
            events.last().map(|e| e.seq.to_string())
        } else {
            None
        };
        Ok(EventPage { events, next })
    }

    /// Call `f` with every event matching `filter`, in insertion order,
    /// streaming (constant memory). Stops at the first error `f` returns.
    pub fn for_each_event<F>(&self, filter: &EventFilter, mut f: F) -> Result<()>
    where
        F: FnMut(StoredEvent) -> Result<()>,
    {
        let Plan {
            from,
            clause,
            params,
            order,
        } = plan(filter);
        let sql =
            format!("{EVENT_COLUMNS} FROM {from} {EVENT_JOINS} WHERE {clause} ORDER BY {order}");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.sql(e))?;
        while let Some(r) = rows.next().map_err(|e| self.sql(e))? {
            f(self.stored_event(r)?)?;
        }
        Ok(())
    }

    /// Number of events matching `filter`.
    pub fn events_count(&self, filter: &EventFilter) -> Result<u64> {
        let Plan {
            from,
            clause,
            params,
            ..
        } = plan(filter);
        let sql = format!("SELECT count(*) FROM {from} WHERE {clause}");
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(params), |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.sql(e))
    }

    /// One event by id (reviewed view), whatever its document's version.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        let sql = format!("{EVENT_COLUMNS} FROM events e {EVENT_JOINS} WHERE e.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt.query([id]).map_err(|e| self.sql(e))?;
        match rows.next().map_err(|e| self.sql(e))? {
            Some(r) => Ok(Some(self.stored_event(r)?)),
            None => Ok(None),
        }
    }

    /// Events of one document (reviewed view), in document order.
    pub fn document_events(&self, doc_id: &str) -> Result<Vec<StoredEvent>> {
        let filter = EventFilter {
            doc: Some(doc_id.to_string()),
            include_superseded: true,
            ..Default::default()
        };
        let mut out = Vec::new();
        self.for_each_event(&filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// One document by its id.
    pub fn document(&self, doc_id: &str) -> Result<Option<StoredDocument>> {
        self.conn
            .query_row(
                "SELECT doc_id, source, path, url, outlet, title, published, text, ingested_at,
                     extractor_version, supersedes, superseded_by, warnings
                 FROM documents WHERE doc_id = ?1",
                [doc_id],
                |r| {
                    Ok(StoredDocument {
                        doc_id: r.get(0)?,
                        source: r.get(1)?,
                        path: r.get(2)?,
                        url: r.get(3)?,
                        outlet: r.get(4)?,
                        title: r.get(5)?,
                        published: r.get::<_, Option<String>>(6)?.and_then(|p| p.parse().ok()),
                        text: r.get(7)?,
                        ingested_at: r.get(8)?,
                        extractor_version: r.get(9)?,
                        supersedes: r.get(10)?,
                        superseded_by: r.get(11)?,
                        warnings: serde_json::from_str(&r.get::<_, String>(12)?)
                            .unwrap_or_default(),
                    })
                },
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Number of stored documents (all versions).
    pub fn documents_count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.sql(e))
    }

    /// What the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let q = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| self.sql(e))
        };
        Ok(Stats {
            documents: q("SELECT count(*) FROM documents")?,
            events: q("SELECT count(*) FROM events")?,
            current_events: q("SELECT count(*) FROM events WHERE current = 1")?,
            reviews: q("SELECT count(*) FROM reviews")?,
            schema_version: self.schema_version()?,
        })
    }
}
