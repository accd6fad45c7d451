//! Writing: documents with their events (one transaction per batch),
//! replacing events after re-extraction.

use std::collections::HashSet;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use sitrep_core::{DocOutput, Document, Event, EventType};

use crate::error::{Result, StoreError};
use crate::model::{InsertOutcome, ReattachSummary};
use crate::review::{self, ReviewRow};
use crate::store::{now, sql_error, Store};

/// One document with its extraction, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub doc: Document,
    pub output: DocOutput,
    /// Version of the extractor that produced `output`.
    pub extractor_version: String,
}

impl NewDocument {
    /// A document extracted by the current extractor version.
    pub fn new(doc: Document, output: DocOutput) -> NewDocument {
        NewDocument {
            doc,
            output,
            extractor_version: sitrep_core::EXTRACTOR_VERSION.to_string(),
        }
    }
}

impl Store {
    /// Store one document with its events (one transaction).
    pub fn insert_document(&mut self, doc: &Document, output: &DocOutput) -> Result<InsertOutcome> {
        self.insert_document_with_version(doc, output, sitrep_core::EXTRACTOR_VERSION)
    }

    /// As [`Store::insert_document`], recording `extractor_version`.
    pub fn insert_document_with_version(
        &mut self,
        doc: &Document,
        output: &DocOutput,
        extractor_version: &str,
    ) -> Result<InsertOutcome> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&path, e))?;
        let outcome = insert_in(&tx, &path, doc, output, extractor_version)?;
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(outcome)
    }

    /// Store a batch of documents in ONE transaction: after a crash either
    /// all of them are stored with all their events, or none is.
    pub fn insert_batch(&mut self, batch: &[NewDocument]) -> Result<Vec<InsertOutcome>> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&path, e))?;
        let mut out = Vec::with_capacity(batch.len());
        for d in batch {
            out.push(insert_in(
                &tx,
                &path,
                &d.doc,
                &d.output,
                &d.extractor_version,
            )?);
        }
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(out)
    }

    /// True when a document with this content hash is stored.
    pub fn has_document(&self, doc_id: &str) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT 1 FROM documents WHERE doc_id = ?1",
                [doc_id],
                |_| Ok(()),
            )
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| self.sql(e))
    }

    /// Ids of every stored document (to skip known content before extracting).
    pub fn document_ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT doc_id FROM documents")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<HashSet<_>>>()
            .map_err(|e| self.sql(e))
    }

    /// Ids of documents whose extractor version differs from `version`
    /// (all documents when `all`), for `reextract`.
    pub fn stale_documents(&self, version: &str, all: bool) -> Result<Vec<String>> {
        let sql = if all {
            "SELECT doc_id FROM documents WHERE ?1 IS NOT NULL ORDER BY rowid"
        } else {
            "SELECT doc_id FROM documents WHERE extractor_version != ?1 ORDER BY rowid"
        };
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([version], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))
    }

    /// Replace the events of a stored document by a new extraction (one
    /// transaction), then re-attach its reviews to the new events that
    /// still match (rule in docs/store.md, "Reviews and reextract").
    pub fn replace_events(
        &mut self,
        doc_id: &str,
        output: &DocOutput,
        extractor_version: &str,
    ) -> Result<ReattachSummary> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&path, e))?;
        let summary = replace_in(&tx, &path, doc_id, output, extractor_version)?;
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(summary)
    }

    /// [`Store::replace_events`] for several documents in one transaction.
    pub fn replace_events_batch(
        &mut self,
        batch: &[(String, DocOutput)],
        extractor_version: &str,
    ) -> Result<Vec<ReattachSummary>> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&path, e))?;
        let mut out = Vec::with_capacity(batch.len());
        for (doc_id, output) in batch {
            out.push(replace_in(&tx, &path, doc_id, output, extractor_version)?);
        }
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(out)
    }
}

/// The key under which two contents are versions of one document.
pub(crate) fn version_key(doc: &Document) -> Option<String> {
    if let Some(u) = doc.url.as_deref().filter(|u| !u.trim().is_empty()) {
        return Some(u.trim().to_string());
    }
    doc.path
        .as_deref()
        .filter(|p| !p.is_empty() && *p != "-" && !is_line_position(p))
        .map(str::to_string)
}

/// `file.jsonl:12`: a position in a multi-document file, not a stable
/// identity (lines move when the file is edited).
fn is_line_position(p: &str) -> bool {
    match p.rsplit_once(':') {
        Some((file, n)) => {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && file.contains('.')
        }
        None => false,
    }
}

fn insert_in(
    tx: &Transaction<'_>,
    path: &std::path::Path,
    doc: &Document,
    output: &DocOutput,
    extractor_version: &str,
) -> Result<InsertOutcome> {
    let sql = |e| sql_error(path, e);
    let exists = tx
        .prepare_cached("SELECT 1 FROM documents WHERE doc_id = ?1")
        .and_then(|mut st| st.query_row([&doc.doc_id], |_| Ok(())).optional())
        .map_err(sql)?
        .is_some();
    if exists {
        return Ok(InsertOutcome::Duplicate);
    }
    let key = version_key(doc);
    let previous: Option<String> = match &key {
        Some(k) => tx
            .prepare_cached(
                "SELECT doc_id FROM documents WHERE version_key = ?1 AND superseded_by IS NULL",
            )
            .and_then(|mut st| st.query_row([k], |r| r.get(0)).optional())
            .map_err(sql)?,
        None => None,
    };
    let source = doc.url.clone().or_else(|| doc.path.clone());
    let warnings = serde_json::to_string(&output.warnings).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO documents (doc_id, source, path, url, outlet, title, published, text,
             ingested_at, extractor_version, version_key, supersedes, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .and_then(|mut st| {
        st.execute(params![
            doc.doc_id,
            source,
            doc.path,
            doc.url,
            doc.outlet,
            doc.title,
            doc.published.map(|d| d.to_string()),
            doc.text,
            now(),
            extractor_version,
            key,
            previous,
            warnings,
        ])
    })
    .map_err(sql)?;
    if let Some(prev) = &previous {
        tx.execute(
            "UPDATE documents SET superseded_by = ?1 WHERE doc_id = ?2",
            params![doc.doc_id, prev],
        )
        .map_err(sql)?;
        tx.execute("UPDATE events SET current = 0 WHERE doc_id = ?1", [prev])
            .map_err(sql)?;
    }
    let events = insert_events(tx, path, doc, output, true)?;
    Ok(match previous {
        Some(supersedes) => InsertOutcome::NewVersion { supersedes, events },
        None => InsertOutcome::New { events },
    })
}

/// Store-wide event ids: the extractor's id when it already starts with the
/// document id, else `<doc_id>-<id or ordinal>`; made unique within the document.
pub(crate) fn assign_ids(doc_id: &str, events: &[Event]) -> Vec<String> {
    let mut used = HashSet::new();
    events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let base = if e.id.is_empty() {
                format!("{doc_id}-{}", i + 1)
            } else if e.id.starts_with(doc_id) {
                e.id.clone()
            } else {
                format!("{doc_id}-{}", e.id)
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}.{n}");
                n += 1;
            }
            id
        })
        .collect()
}

fn insert_events(
    tx: &Transaction<'_>,
    path: &std::path::Path,
    doc: &Document,
    output: &DocOutput,
    current: bool,
) -> Result<usize> {
    let ids = assign_ids(&doc.doc_id, &output.events);
    let sql = format!(
        "INSERT INTO events (id, doc_id, ordinal, current, sentence_start, sentence_end,
             trigger_start, trigger_end, event_json, {})
         VALUES ({})",
        EFFECTIVE_COLUMNS.join(", "),
        (1..=9 + EFFECTIVE_COLUMNS.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (i, (e, id)) in output.events.iter().zip(&ids).enumerate() {
        let mut e = e.clone();
        e.id = id.clone();
        let json = serde_json::to_string(&e).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let sentence_text = e.sentence.slice(&doc.text).to_string();
        let mut values: Vec<SqlValue> = vec![
            SqlValue::Text(id.clone()),
            SqlValue::Text(doc.doc_id.clone()),
            SqlValue::Integer(i as i64),
            SqlValue::Integer(current as i64),
            SqlValue::Integer(e.sentence.0 as i64),
            SqlValue::Integer(e.sentence.1 as i64),
            SqlValue::Integer(e.trigger.0 as i64),
            SqlValue::Integer(e.trigger.1 as i64),
            SqlValue::Text(String::new()), // body in event_bodies (0003)
        ];
        values.extend(effective_values(&e, doc.published));
        tx.prepare_cached(&sql)
            .and_then(|mut st| st.execute(rusqlite::params_from_iter(values)))
            .map_err(|e| sql_error(path, e))?;
        let seq = tx.last_insert_rowid();
        tx.prepare_cached(
            "INSERT INTO event_bodies (seq, event_json, sentence_text) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut st| st.execute(params![seq, json, sentence_text]))
        .map_err(|e| sql_error(path, e))?;
        write_children(tx, path, seq, &e, true)?;
        write_spans(tx, path, seq, &e)?;
    }
    Ok(output.events.len())
}

/// Columns holding the effective (reviewed) values, in [`effective_values`] order.
const EFFECTIVE_COLUMNS: [&str; 24] = [
    "type",
    "aggregate",
    "modality",
    "confidence",
    "claimed_by",
    "time_start",
    "time_end",
    "time_precision",
    "time_text",
    "date_start",
    "date_end",
    "place_name",
    "place_id",
    "place_kind",
    "admin1",
    "township",
    "lat",
    "lon",
    "place_precision",
    "count_measure",
    "count_low",
    "count_best",
    "count_high",
    "review_status",
];

fn text(s: Option<String>) -> SqlValue {
    s.map(SqlValue::Text).unwrap_or(SqlValue::Null)
}

fn int(n: Option<i64>) -> SqlValue {
    n.map(SqlValue::Integer).unwrap_or(SqlValue::Null)
}

fn real(x: Option<f64>) -> SqlValue {
    x.filter(|x| x.is_finite())
        .map(SqlValue::Real)
        .unwrap_or(SqlValue::Null)
}

/// The effective values of an event (review status excluded: NULL here,
/// set by the review code).
fn effective_values(e: &Event, published: Option<chrono::NaiveDate>) -> Vec<SqlValue> {
    let loc = e.location.as_ref();
    let primary = e.primary_quantity();
    let date_start = e.time.start.or(published);
    let date_end = e.time.end.or(e.time.start).or(published);
    let date = |d: Option<chrono::NaiveDate>| text(d.map(|d| d.to_string()));
    vec![
        SqlValue::Text(e.event_type.as_str().into()),
        SqlValue::Integer(e.aggregate as i64),
        SqlValue::Text(e.modality.as_str().into()),
        if e.confidence.is_finite() {
            SqlValue::Real(e.confidence)
        } else {
            SqlValue::Null
        },
        text(e.claimed_by.clone()),
        date(e.time.start),
        date(e.time.end),
        text(e.time.precision.map(|p| p.as_str().to_string())),
        text(e.time.text.clone()),
        date(date_start),
        date(date_end),
        text(loc.map(|l| l.name.clone())),
        text(loc.and_then(|l| l.place_id.clone())),
        text(loc.and_then(|l| l.kind.clone())),
        text(loc.and_then(|l| l.admin1.clone())),
        text(loc.and_then(|l| l.township.clone())),
        real(loc.and_then(|l| l.lat)),
        real(loc.and_then(|l| l.lon)),
        text(loc.and_then(|l| l.precision.map(|p| p.as_str().to_string()))),
        text(primary.map(|q| q.measure.as_str().to_string())),
        int(primary.and_then(|q| q.low)),
        int(primary.and_then(|q| q.best)),
        int(primary.and_then(|q| q.high)),
        SqlValue::Null,
    ]
}

/// Write the effective (reviewed) values of an event into its row, its
/// quantities, actors, actor keys and place keys. Called after every review.
pub(crate) fn write_effective(
    tx: &rusqlite::Connection,
    path: &std::path::Path,
    seq: i64,
    e: &Event,
    published: Option<chrono::NaiveDate>,
) -> Result<()> {
    // All but review_status, which the caller sets.
    let cols = &EFFECTIVE_COLUMNS[..EFFECTIVE_COLUMNS.len() - 1];
    let sql = format!(
        "UPDATE events SET {} WHERE seq = ?1",
        cols.iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut values = vec![SqlValue::Integer(seq)];
    values.extend(effective_values(e, published).into_iter().take(cols.len()));
    tx.prepare_cached(&sql)
        .and_then(|mut st| st.execute(rusqlite::params_from_iter(values)))
        .map_err(|err| sql_error(path, err))?;
    write_children(tx, path, seq, e, false)
}

/// Quantities, actors, actor keys and place keys of an event (replacing any
/// when not `fresh`).
fn write_children(
    tx: &rusqlite::Connection,
    path: &std::path::Path,
    seq: i64,
    e: &Event,
    fresh: bool,
) -> Result<()> {
    let sql = |err| sql_error(path, err);
    if !fresh {
        for t in ["quantities", "actors", "actor_keys", "place_keys"] {
            tx.prepare_cached(&format!("DELETE FROM {t} WHERE event_seq = ?1"))
                .and_then(|mut st| st.execute([seq]))
                .map_err(sql)?;
        }
    }
    let mut q = tx
        .prepare_cached(
            "INSERT INTO quantities (event_seq, idx, measure, who, low, best, high, qualifier, text, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .map_err(sql)?;
    for (i, x) in e.quantities.iter().enumerate() {
        q.execute(params![
            seq,
            i as i64,
            x.measure.as_str(),
            x.who,
            x.low,
            x.best,
            x.high,
            x.qualifier.as_str(),
            x.text,
            x.span.0 as i64,
            x.span.1 as i64
        ])
        .map_err(sql)?;
    }
    let mut a = tx
        .prepare_cached(
            "INSERT INTO actors (event_seq, idx, role, name, canonical, kind, parent, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(sql)?;
    let mut k = tx
        .prepare_cached("INSERT OR IGNORE INTO actor_keys (key, event_seq) VALUES (?1, ?2)")
        .map_err(sql)?;
    for (i, x) in e.actors.iter().enumerate() {
        a.execute(params![
            seq,
            i as i64,
            x.role.as_str(),
            x.name,
            x.canonical,
            x.kind.as_str(),
            x.parent,
            x.span.map(|s| s.0 as i64),
            x.span.map(|s| s.1 as i64)
        ])
        .map_err(sql)?;
        for key in [Some(&x.canonical), Some(&x.name), x.parent.as_ref()]
            .into_iter()
            .flatten()
        {
            k.execute(params![key, seq]).map_err(sql)?;
        }
    }
    // The `--place` index: the place name and the township (one row when
    // they are the same, ignoring case: the key is NOCASE).
    if let Some(loc) = e.location.as_ref() {
        let mut p = tx
            .prepare_cached("INSERT OR IGNORE INTO place_keys (key, event_seq) VALUES (?1, ?2)")
            .map_err(sql)?;
        for key in [Some(&loc.name), loc.township.as_ref()]
            .into_iter()
            .flatten()
            .filter(|k| !k.is_empty())
        {
            p.execute(params![key, seq]).map_err(sql)?;
        }
    }
    Ok(())
}

fn write_spans(
    tx: &rusqlite::Connection,
    path: &std::path::Path,
    seq: i64,
    e: &Event,
) -> Result<()> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO spans (event_seq, field, span_start, span_end) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(|err| sql_error(path, err))?;
    let mut put = |field: &str, s: sitrep_core::Span| {
        stmt.execute(params![seq, field, s.0 as i64, s.1 as i64])
            .map(|_| ())
            .map_err(|err| sql_error(path, err))
    };
    put("sentence", e.sentence)?;
    put("trigger", e.trigger)?;
    for q in &e.quantities {
        put("quantity", q.span)?;
    }
    if let Some(s) = e.location.as_ref().and_then(|l| l.span) {
        put("place", s)?;
    }
    if let Some(s) = e.time.span {
        put("time", s)?;
    }
    for a in &e.actors {
        if let Some(s) = a.span {
            put("actor", s)?;
        }
    }
    for m in &e.mentions {
        put("mention", *m)?;
    }
    Ok(())
}

fn replace_in(
    tx: &Transaction<'_>,
    path: &std::path::Path,
    doc_id: &str,
    output: &DocOutput,
    extractor_version: &str,
) -> Result<ReattachSummary> {
    let sql = |e| sql_error(path, e);
    type DocRow = (String, Option<String>, Option<String>, Option<String>, bool);
    let doc: Option<DocRow> = tx
        .query_row(
            "SELECT text, published, path, url, superseded_by IS NULL FROM documents WHERE doc_id = ?1",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()
        .map_err(sql)?;
    let Some((text, published, dpath, url, current)) = doc else {
        return Err(StoreError::NotFound {
            what: "document",
            id: doc_id.to_string(),
        });
    };
    let mut document = Document::new(text);
    document.doc_id = doc_id.to_string();
    document.path = dpath;
    document.url = url;
    document.published = published.and_then(|p| p.parse().ok());
    let reviews = review::reviews_of_document(tx, path, doc_id)?;
    tx.execute("DELETE FROM reviews WHERE doc_id = ?1", [doc_id])
        .map_err(sql)?;
    tx.execute("DELETE FROM events WHERE doc_id = ?1", [doc_id])
        .map_err(sql)?;
    let events = insert_events(tx, path, &document, output, current)?;
    let warnings = serde_json::to_string(&output.warnings).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "UPDATE documents SET extractor_version = ?2, warnings = ?3 WHERE doc_id = ?1",
        params![doc_id, extractor_version, warnings],
    )
    .map_err(sql)?;
    // Candidate new events: (seq, id, extracted event).
    let mut stmt = tx
        .prepare(
            "SELECT e.seq, e.id, b.event_json FROM events e JOIN event_bodies b ON b.seq = e.seq
             WHERE e.doc_id = ?1 ORDER BY e.seq",
        )
        .map_err(sql)?;
    let new_events: Vec<(i64, String, Event)> = stmt
        .query_map([doc_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(sql)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql)?
        .into_iter()
        .filter_map(|(s, id, j)| serde_json::from_str::<Event>(&j).ok().map(|e| (s, id, e)))
        .collect();
    drop(stmt);
    let mut summary = ReattachSummary {
        events,
        ..Default::default()
    };
    let mut taken: HashSet<i64> = HashSet::new();
    for r in reviews {
        match find_match(&r, &new_events, &taken) {
            Some(k) => {
                let (seq, id, extracted) = &new_events[k];
                taken.insert(*seq);
                review::reattach(tx, path, &r, *seq, id, extracted, document.published)?;
                summary.reattached += 1;
            }
            None => {
                review::orphan(tx, path, &r)?;
                summary.orphaned += 1;
            }
        }
    }
    Ok(summary)
}

/// The re-attachment rule, in order of preference (first rule that finds
/// an untaken event wins; within a rule, the first event in document order):
/// 1. same extracted type and overlapping trigger span;
/// 2. same extracted type and overlapping sentence span;
/// 3. same extracted type, same primary count best and same place name.
pub(crate) fn find_match(
    r: &ReviewRow,
    candidates: &[(i64, String, Event)],
    taken: &HashSet<i64>,
) -> Option<usize> {
    let anchor_type: Option<EventType> = r.anchor_type.parse().ok();
    let free = |k: &usize| !taken.contains(&candidates[*k].0);
    let same_type = |e: &Event| Some(e.event_type) == anchor_type;
    let idx = 0..candidates.len();
    idx.clone()
        .filter(free)
        .find(|k| {
            let e = &candidates[*k].2;
            same_type(e) && e.trigger.overlaps(r.anchor_trigger)
        })
        .or_else(|| {
            idx.clone().filter(free).find(|k| {
                let e = &candidates[*k].2;
                same_type(e) && e.sentence.overlaps(r.anchor_sentence)
            })
        })
        .or_else(|| {
            idx.clone().filter(free).find(|k| {
                let e = &candidates[*k].2;
                let best = e.primary_quantity().and_then(|q| q.best);
                let place = e.location.as_ref().map(|l| l.name.to_lowercase());
                same_type(e)
                    && best.is_some()
                    && best == r.anchor_count_best
                    && place.is_some()
                    && place == r.anchor_place.as_ref().map(|p| p.to_lowercase())
            })
        })
}
