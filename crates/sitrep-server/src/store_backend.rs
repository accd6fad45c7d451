//! The [`Backend`] over the SQLite store (`sitrep-store`), with incidents and tallies from the
//! tables `sitrep merge` writes (`sitrep-merge`).
//!
//! SQLite connections are not shared between threads: reads take a read-only connection from a
//! small pool (opening one when none is free), writes go through one read-write connection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::OptionalExtension;
use serde_json::{json, Value};
use sitrep_store::{
    EventFilter, Page, ReviewField, ReviewStatus as StoreStatus, Store, StoreError, StoredEvent,
};

use crate::backend::{
    AuditEntry, Backend, CorrectField, CorrectValue, EventBundle, EventPage, EventQuery,
    EventRecord, ExportFormat, MapPoint, ReviewAction, ReviewStatus, Summary, WeekBucket,
};
use crate::error::ApiError;

/// Read connections kept open for reuse.
const POOL_KEEP: usize = 16;

/// Summaries kept (by query) while the data does not change.
const SUMMARY_CACHE: usize = 64;

/// What identifies a state of the data for the summary cache: the last event's `seq` (any
/// ingest, new version or reextract adds events) and the last audit entry (any review).
type DataVersion = (i64, i64);

/// The store-backed backend.
pub struct StoreBackend {
    path: PathBuf,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Store>,
    summaries: Mutex<HashMap<String, (DataVersion, Summary)>>,
}

impl StoreBackend {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        let writer = Store::open(&path)?;
        Ok(StoreBackend {
            path,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            summaries: Mutex::new(HashMap::new()),
        })
    }

    /// Computes the unfiltered summary (the dashboard's first view) so that the first page
    /// load does not wait for it on a large database.
    pub fn warm(&self) -> Result<(), ApiError> {
        self.summary(&EventQuery::default()).map(|_| ())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match pooled {
            Some(s) => s,
            None => Store::open_read_only(&self.path).map_err(store_error)?,
        };
        let out = f(&store);
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < POOL_KEEP {
            pool.push(store);
        }
        out
    }
}

/// Maps store errors to HTTP: unknown ids 404, bad arguments 400, the rest 500.
pub fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound { .. } => ApiError::not_found(e.to_string()),
        StoreError::Invalid(_) => ApiError::bad_request(e.to_string()),
        StoreError::ReadOnly { .. } => ApiError::forbidden(e.to_string()),
        other => ApiError::internal(other.to_string()),
    }
}

/// The store filter for an API query.
pub fn filter_of(q: &EventQuery) -> EventFilter {
    EventFilter {
        types: q.event_type.into_iter().collect(),
        admin1: q.admin1.clone(),
        place: q.place.clone(),
        actor: q.actor.clone(),
        since: q.since,
        until: q.until,
        min_count: q.min_count,
        aggregate: q.aggregate,
        ..EventFilter::default()
    }
}

fn record(e: StoredEvent, incident: Option<String>) -> EventRecord {
    let review = match e.review.as_ref().map(|r| r.status) {
        None => ReviewStatus::Unreviewed,
        Some(StoreStatus::Accepted) => ReviewStatus::Accepted,
        Some(StoreStatus::Rejected) => ReviewStatus::Rejected,
        Some(StoreStatus::Corrected) => ReviewStatus::Corrected,
    };
    EventRecord {
        event: e.event,
        doc_id: e.doc_id,
        published: e.published,
        source: e.title.or(e.doc_source),
        review,
        incident_id: incident,
    }
}

fn sql_err(e: rusqlite::Error) -> ApiError {
    ApiError::internal(format!("database: {e}"))
}

/// Incident ids of the given events (events not merged are absent).
fn incident_ids(store: &Store, ids: &[&str]) -> Result<HashMap<String, String>, ApiError> {
    let mut out = HashMap::new();
    if ids.is_empty() || !has_incidents(store)? {
        return Ok(out);
    }
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT event_id, incident_id FROM incident_events WHERE event_id IN ({marks})"
        );
        let mut stmt = store.connection().prepare(&sql).map_err(sql_err)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(sql_err)?;
        for r in rows {
            let (e, i) = r.map_err(sql_err)?;
            out.insert(e, i);
        }
    }
    Ok(out)
}

/// True when the database has the incidents tables (migration 0010) with any rows.
fn has_incidents(store: &Store) -> Result<bool, ApiError> {
    let exists: Option<String> = store
        .connection()
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'incident_events'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    Ok(exists.is_some())
}

fn incident_body(store: &Store, id: &str) -> Result<Option<Value>, ApiError> {
    if !has_incidents(store)? {
        return Ok(None);
    }
    let body: Option<String> = store
        .connection()
        .query_row("SELECT body FROM incidents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(sql_err)?;
    body.map(|b| {
        serde_json::from_str(&b).map_err(|e| {
            ApiError::internal(format!("incident `{id}`: stored JSON does not parse: {e}"))
        })
    })
    .transpose()
}

/// The JSON the store's `apply_field` takes for a corrected value.
fn store_value(v: &CorrectValue) -> Value {
    match v {
        CorrectValue::Count { low, best, high } => json!({"low": low, "best": best, "high": high}),
        CorrectValue::Place(s) => json!(s),
        CorrectValue::Date(d) => json!(d.to_string()),
        CorrectValue::Type(t) => json!(t.as_str()),
        CorrectValue::Actors(a) => json!(a),
    }
}

fn store_field(f: CorrectField) -> ReviewField {
    match f {
        CorrectField::Count => ReviewField::Count,
        CorrectField::Place => ReviewField::Place,
        CorrectField::Date => ReviewField::Date,
        CorrectField::Type => ReviewField::Type,
        CorrectField::Actors => ReviewField::Actors,
    }
}

/// Incidents stored by `sitrep merge` that match `q` (filters apply to the incident's fields).
fn incident_matches(q: &EventQuery, inc: &sitrep_merge::Incident) -> bool {
    let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if q.event_type.is_some_and(|t| t != inc.event_type) {
        return false;
    }
    if q.aggregate.is_some_and(|a| a != inc.aggregate) {
        return false;
    }
    let loc = inc.location.as_ref();
    if let Some(a) = &q.admin1 {
        let a = sitrep_store::normalise_admin1(a);
        if !loc
            .and_then(|l| l.admin1.as_deref())
            .is_some_and(|x| eq(x, &a))
        {
            return false;
        }
    }
    if let Some(p) = &q.place {
        if !loc.is_some_and(|l| eq(&l.name, p) || l.township.as_deref().is_some_and(|t| eq(t, p))) {
            return false;
        }
    }
    if let Some(a) = &q.actor {
        if !inc
            .actors
            .iter()
            .any(|x| eq(&x.canonical, a) || x.parent.as_deref().is_some_and(|p| eq(p, a)))
        {
            return false;
        }
    }
    let start = inc.time.start;
    let end = inc.time.end.or(start);
    if q.since.is_some_and(|s| end.is_none_or(|d| d < s)) {
        return false;
    }
    if q.until.is_some_and(|u| start.is_none_or(|d| d > u)) {
        return false;
    }
    if let Some(m) = q.min_count {
        if inc.count.best.or(inc.count.low).is_none_or(|c| c < m) {
            return false;
        }
    }
    true
}

fn all_incidents(store: &Store, q: &EventQuery) -> Result<Vec<sitrep_merge::Incident>, ApiError> {
    if !has_incidents(store)? {
        return Ok(vec![]);
    }
    let mut stmt = store
        .connection()
        .prepare("SELECT id, body FROM incidents ORDER BY id")
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, body) = r.map_err(sql_err)?;
        let inc: sitrep_merge::Incident = serde_json::from_str(&body).map_err(|e| {
            ApiError::internal(format!("incident `{id}`: stored JSON does not parse: {e}"))
        })?;
        if incident_matches(q, &inc) {
            out.push(inc);
        }
    }
    Ok(out)
}

/// The SQL condition on `events e` for a query, with the semantics of the store's filters
/// (reviewed values, current documents; actors by canonical name, name or parent force).
fn sql_where(q: &EventQuery) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value as V;
    let mut conds = vec!["e.current = 1".to_string()];
    let mut params: Vec<V> = Vec::new();
    let p = |v: V, params: &mut Vec<V>| {
        params.push(v);
        format!("?{}", params.len())
    };
    if let Some(t) = q.event_type {
        let x = p(V::Text(t.as_str().into()), &mut params);
        conds.push(format!("e.type = {x}"));
    }
    if let Some(a) = &q.admin1 {
        let x = p(V::Text(sitrep_store::normalise_admin1(a)), &mut params);
        conds.push(format!("e.admin1 = {x} COLLATE NOCASE"));
    }
    if let Some(pl) = &q.place {
        let x = p(V::Text(pl.trim().into()), &mut params);
        conds.push(format!(
            "(e.place_name = {x} COLLATE NOCASE OR e.township = {x} COLLATE NOCASE)"
        ));
    }
    if let Some(a) = &q.actor {
        let x = p(V::Text(a.trim().into()), &mut params);
        conds.push(format!(
            "e.seq IN (SELECT event_seq FROM actors WHERE canonical = {x} COLLATE NOCASE \
             OR name = {x} COLLATE NOCASE OR parent = {x} COLLATE NOCASE)"
        ));
    }
    if let Some(d) = q.since {
        let x = p(V::Text(d.to_string()), &mut params);
        conds.push(format!("e.date_end >= {x}"));
    }
    if let Some(d) = q.until {
        let x = p(V::Text(d.to_string()), &mut params);
        conds.push(format!("e.date_start <= {x}"));
    }
    if let Some(n) = q.min_count {
        let x = p(V::Integer(n), &mut params);
        conds.push(format!("COALESCE(e.count_best, e.count_low) >= {x}"));
    }
    if let Some(a) = q.aggregate {
        let x = p(V::Integer(a as i64), &mut params);
        conds.push(format!("e.aggregate = {x}"));
    }
    (conds.join(" AND "), params)
}

/// Map points and weekly counts from one pass over the filter columns of the matching events
/// (no event JSON is read or parsed). Gives what [`crate::SummaryBuilder`] gives for the same
/// events.
fn sql_summary(s: &Store, q: &EventQuery) -> Result<Summary, ApiError> {
    use chrono::Datelike;
    use std::collections::BTreeMap;
    let (w, params) = sql_where(q);
    let mut stmt = s
        .connection()
        .prepare(&format!(
            "SELECT e.seq, e.lat, e.lon, e.type, COALESCE(e.count_best, e.count_low), e.date_start,
                    e.place_name, e.admin1
             FROM events e WHERE {w}"
        ))
        .map_err(sql_err)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params.iter()))
        .map_err(sql_err)?;
    let mut out = Summary::default();
    let mut points: HashMap<(i64, i64), (i64, MapPoint)> = HashMap::new();
    let mut weeks: BTreeMap<chrono::NaiveDate, BTreeMap<String, u64>> = BTreeMap::new();
    let mut days: HashMap<String, Option<chrono::NaiveDate>> = HashMap::new();
    while let Some(r) = rows.next().map_err(sql_err)? {
        out.events += 1;
        let seq: i64 = r.get(0).map_err(sql_err)?;
        let lat: Option<f64> = r.get(1).map_err(sql_err)?;
        let lon: Option<f64> = r.get(2).map_err(sql_err)?;
        let ty: String = r.get(3).map_err(sql_err)?;
        let count: Option<i64> = r.get(4).map_err(sql_err)?;
        let day: Option<String> = r.get(5).map_err(sql_err)?;
        if let Some(d) = day {
            // Few distinct days: parse each once.
            let monday = *days.entry(d).or_insert_with_key(|d| {
                d.parse::<chrono::NaiveDate>()
                    .ok()
                    .map(|d| d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64))
            });
            if let Some(m) = monday {
                *weeks.entry(m).or_default().entry(ty.clone()).or_default() += 1;
            }
        }
        match (lat, lon) {
            (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
                let key = ((lat * 100.0).round() as i64, (lon * 100.0).round() as i64);
                let entry = points.entry(key).or_insert_with(|| {
                    (
                        i64::MAX,
                        MapPoint {
                            lat,
                            lon,
                            name: String::new(),
                            admin1: None,
                            events: 0,
                            count: 0,
                            types: BTreeMap::new(),
                            top_type: String::new(),
                        },
                    )
                });
                if seq < entry.0 {
                    entry.0 = seq;
                    entry.1.lat = lat;
                    entry.1.lon = lon;
                    entry.1.name = r
                        .get::<_, Option<String>>(6)
                        .map_err(sql_err)?
                        .unwrap_or_default();
                    entry.1.admin1 = r.get(7).map_err(sql_err)?;
                }
                entry.1.events += 1;
                entry.1.count += count.unwrap_or(0).max(0);
                *entry.1.types.entry(ty).or_default() += 1;
            }
            _ => out.unlocated += 1,
        }
    }
    let mut points: Vec<((i64, i64), MapPoint)> =
        points.into_iter().map(|(k, (_, p))| (k, p)).collect();
    points.sort_by_key(|(k, _)| *k);
    out.points = points
        .into_iter()
        .map(|(_, mut p)| {
            p.top_type = p
                .types
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            p
        })
        .collect();
    out.weeks = weeks
        .into_iter()
        .map(|(week, types)| WeekBucket { week, types })
        .collect();
    Ok(out)
}

impl Backend for StoreBackend {
    fn summary(&self, q: &EventQuery) -> Result<Summary, ApiError> {
        let key = serde_json::to_string(q).map_err(|e| ApiError::internal(e.to_string()))?;
        self.read(|s| {
            let version: DataVersion = s
                .connection()
                .query_row(
                    "SELECT (SELECT COALESCE(max(seq), 0) FROM events), (SELECT COALESCE(max(id), 0) FROM audit_log)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(sql_err)?;
            if let Some((v, sum)) = self.summaries.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
                if *v == version {
                    return Ok(sum.clone());
                }
            }
            let sum = sql_summary(s, q)?;
            let mut cache = self.summaries.lock().unwrap_or_else(|p| p.into_inner());
            if cache.len() >= SUMMARY_CACHE {
                cache.clear();
            }
            cache.insert(key, (version, sum.clone()));
            Ok(sum)
        })
    }

    fn events(
        &self,
        q: &EventQuery,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage, ApiError> {
        self.read(|s| {
            let page = s
                .events(
                    &filter_of(q),
                    Page {
                        after: cursor.map(str::to_string),
                        limit,
                    },
                )
                .map_err(|e| match e {
                    StoreError::Invalid(m) => {
                        ApiError::bad_request(format!("parameter `cursor`: {m}"))
                    }
                    other => store_error(other),
                })?;
            let ids: Vec<&str> = page.events.iter().map(|e| e.id.as_str()).collect();
            let mut inc = incident_ids(s, &ids)?;
            Ok(EventPage {
                events: page
                    .events
                    .into_iter()
                    .map(|e| {
                        let i = inc.remove(&e.id);
                        record(e, i)
                    })
                    .collect(),
                next_cursor: page.next,
            })
        })
    }

    fn event(&self, id: &str) -> Result<Option<EventBundle>, ApiError> {
        self.read(|s| {
            let Some(e) = s.event(id).map_err(store_error)? else {
                return Ok(None);
            };
            let doc = s
                .document(&e.doc_id)
                .map_err(store_error)?
                .ok_or_else(|| ApiError::internal(format!("event `{id}` has no document")))?;
            let incident_id = incident_ids(s, &[id])?.remove(id);
            let incident = match &incident_id {
                Some(i) => incident_body(s, i)?,
                None => None,
            };
            let mut related = Vec::new();
            let mut flags = Vec::new();
            if let Some(inc) = &incident {
                for other in inc["events"].as_array().into_iter().flatten() {
                    let Some(oid) = other.as_str() else { continue };
                    if oid == id {
                        continue;
                    }
                    if let Some(o) = s.event(oid).map_err(store_error)? {
                        related.push(record(o, incident_id.clone()));
                    }
                }
                flags = inc["flags"].as_array().cloned().unwrap_or_default();
            }
            Ok(Some(EventBundle {
                event: record(e, incident_id),
                document: doc.to_document(),
                incident,
                related,
                flags,
            }))
        })
    }

    fn review(
        &self,
        id: &str,
        action: &ReviewAction,
        reviewer: &str,
    ) -> Result<EventRecord, ApiError> {
        let a = match action {
            ReviewAction::Accept => sitrep_store::ReviewAction::Accept,
            ReviewAction::Reject => sitrep_store::ReviewAction::Reject,
            ReviewAction::Correct { field, value } => sitrep_store::ReviewAction::Correct {
                field: store_field(*field),
                value: store_value(value),
            },
        };
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let e = w.review(id, a, reviewer).map_err(store_error)?;
        let inc = incident_ids(&w, &[id])?.remove(id);
        Ok(record(e, inc))
    }

    fn audit(&self, event_id: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>, ApiError> {
        self.read(|s| {
            let log = s.audit_log(event_id).map_err(store_error)?;
            Ok(log
                .into_iter()
                .rev()
                .take(limit)
                .map(|a| AuditEntry {
                    id: a.id,
                    event_id: a.event_id,
                    action: a.action,
                    field: a.field,
                    old_value: a.old_value,
                    new_value: a.new_value,
                    reviewer: a.reviewer,
                    at: a.at,
                })
                .collect())
        })
    }

    fn incidents(
        &self,
        q: &EventQuery,
        disputed: bool,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Value, ApiError> {
        self.read(|s| {
            let all = all_incidents(s, q)?;
            let mut items = Vec::new();
            let mut next = None;
            for inc in all
                .into_iter()
                .filter(|i| !disputed || i.disputed())
                .filter(|i| cursor.is_none_or(|c| i.id.as_str() > c))
            {
                if items.len() == limit {
                    next = items.last().map(|i: &sitrep_merge::Incident| i.id.clone());
                    break;
                }
                items.push(inc);
            }
            Ok(json!({"incidents": items, "next_cursor": next}))
        })
    }

    fn incident(&self, id: &str) -> Result<Option<Value>, ApiError> {
        self.read(|s| incident_body(s, id))
    }

    fn tally(&self, by: &str, q: &EventQuery) -> Result<Value, ApiError> {
        let by_v: sitrep_merge::TallyBy = by.parse().map_err(ApiError::bad_request)?;
        self.read(|s| {
            let incs = all_incidents(s, q)?;
            let rows = sitrep_merge::tally(&incs, by_v);
            Ok(json!({
                "by": by,
                "incidents": incs.len(),
                "rows": rows,
                "note": if incs.is_empty() { "No incidents: run `sitrep merge` first." } else { "" },
            }))
        })
    }

    fn export(&self, format: ExportFormat, q: &EventQuery) -> Result<Vec<u8>, ApiError> {
        use sitrep_store::export::ExportFormat as F;
        let f = match format {
            ExportFormat::AcledCsv => F::AcledCsv,
            ExportFormat::UcdpCsv => F::UcdpCsv,
            ExportFormat::Jsonl => F::Jsonl,
            ExportFormat::Geojson => F::GeoJson,
        };
        self.read(|s| {
            let mut out = Vec::new();
            sitrep_store::export::export(s, &filter_of(q), f, &mut out).map_err(store_error)?;
            Ok(out)
        })
    }
}
