//! `sitrep merge`: resolve the stored events of all documents into incidents
//! (crate `sitrep-merge`) and store them (tables of migration 0010).
//!
//! Also [`merge_after_ingest`], the incremental merge `sitrep ingest` calls
//! after storing new documents.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use sitrep_merge::{merge_incremental, merge_with, Incident, MergeConfig, MergeInput};
use sitrep_store::{EventFilter, ReviewFilter, Store, StoredEvent};

#[derive(clap::Args)]
pub struct Args {
    /// Database file (default: $SITREP_DB, else ./sitrep.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Do not store why each pair of reports was merged (smaller database).
    #[arg(long)]
    pub no_reasons: bool,
    /// Only add events that are not yet in an incident (what `sitrep ingest`
    /// does after storing documents) instead of re-merging everything.
    #[arg(long)]
    pub incremental: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeSummary {
    /// Events considered (every stored event of current documents that an
    /// analyst has not rejected).
    pub events: usize,
    /// Incidents written (all of them for a full merge, the new or changed
    /// ones for an incremental merge).
    pub incidents: usize,
    /// Of those, incidents with more than one report.
    pub multi_report: usize,
    /// Of those, incidents whose reports disagree.
    pub disputed: usize,
    /// Incidents deleted because another absorbed them (incremental merge).
    pub removed: usize,
}

/// The database path: `--db`, else `$SITREP_DB`, else `./sitrep.db`.
pub fn db_path(arg: Option<PathBuf>) -> PathBuf {
    arg.or_else(|| std::env::var_os("SITREP_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("sitrep.db"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = db_path(args.db);
    if !path.exists() {
        anyhow::bail!(
            "{}: no such database (ingest documents first with `sitrep ingest --db {}`)",
            path.display(),
            path.display()
        );
    }
    let mut store = Store::open(&path)?;
    let cfg = MergeConfig {
        explain: !args.no_reasons,
        ..MergeConfig::default()
    };
    let t0 = Instant::now();
    let s = if args.incremental {
        merge_after_ingest(&mut store, &[])?
    } else {
        merge_all(&mut store, &cfg)?
    };
    let secs = t0.elapsed().as_secs_f64();
    if args.json {
        let mut v = serde_json::to_value(&s)?;
        v["seconds"] = serde_json::json!((secs * 1000.0).round() / 1000.0);
        println!("{v}");
    } else {
        let what = if args.incremental {
            "new or changed incidents"
        } else {
            "incidents"
        };
        println!(
            "merged {} events into {} {what} ({} with more than one report, {} disputed) in {:.1} s",
            s.events, s.incidents, s.multi_report, s.disputed, secs
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The events the merge works on: current documents, not rejected by an analyst.
fn merge_filter() -> EventFilter {
    EventFilter {
        review: Some(ReviewFilter::NotRejected),
        ..EventFilter::default()
    }
}

fn to_input(e: StoredEvent) -> MergeInput {
    MergeInput {
        event_id: e.id,
        document: e.doc_source.unwrap_or_else(|| e.doc_id.clone()),
        doc_id: e.doc_id,
        outlet: e.outlet,
        published: e.published,
        event: e.event,
    }
}

fn load_inputs(store: &Store) -> anyhow::Result<Vec<MergeInput>> {
    let mut inputs = Vec::new();
    store.for_each_event(&merge_filter(), |e| {
        inputs.push(to_input(e));
        Ok(())
    })?;
    Ok(inputs)
}

fn summarise(events: usize, incidents: &[Incident], removed: usize) -> MergeSummary {
    MergeSummary {
        events,
        incidents: incidents.len(),
        multi_report: incidents.iter().filter(|i| i.events.len() > 1).count(),
        disputed: incidents.iter().filter(|i| i.disputed()).count(),
        removed,
    }
}

/// Full re-merge: every event of the store, all incidents replaced.
pub fn merge_all(store: &mut Store, cfg: &MergeConfig) -> anyhow::Result<MergeSummary> {
    let inputs = load_inputs(store)?;
    let incidents = merge_with(&inputs, cfg);
    let summary = summarise(inputs.len(), &incidents, 0);
    drop(inputs);
    write_incidents(store, &incidents, &[], true)?;
    Ok(summary)
}

/// Incremental merge after `sitrep ingest`: the events of `new_doc_ids`, and
/// any current event not yet in an incident, join the existing incidents or
/// form new ones; existing incidents are not re-split. Only the stored
/// events whose dates lie near the new ones (and the other members of their
/// incidents) are loaded. Call it once after the documents are stored. When
/// the store has no incidents yet, this is a full merge.
pub fn merge_after_ingest(
    store: &mut Store,
    new_doc_ids: &[String],
) -> anyhow::Result<MergeSummary> {
    let cfg = MergeConfig::default();
    let assigned: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM incident_events", [], |r| r.get(0))
        .map_err(|e| store.sql(e))?;
    if assigned == 0 {
        return merge_all(store, &cfg);
    }
    let new = load_new_events(store, new_doc_ids)?;
    if new.is_empty() {
        return Ok(MergeSummary::default());
    }
    let new_ids: HashSet<String> = new.iter().map(|e| e.event_id.clone()).collect();
    let windows: Vec<_> = new.iter().filter_map(sitrep_merge::time_window).collect();
    let (mut existing, mut ids) = (Vec::new(), Vec::new());
    if let (Some(lo), Some(hi)) = (
        windows.iter().map(|w| w.0).min(),
        windows.iter().map(|w| w.1).max(),
    ) {
        let margin = chrono::Duration::days(cfg.slack_days as i64 + 1);
        let filter = EventFilter {
            since: Some(lo - margin),
            until: Some(hi + margin),
            ..merge_filter()
        };
        let conn = store.connection();
        let mut lookup = conn
            .prepare("SELECT incident_id FROM incident_events WHERE event_id = ?1")
            .map_err(|e| store.sql(e))?;
        let mut near = Vec::new();
        store.for_each_event(&filter, |e| {
            if !new_ids.contains(&e.id) {
                near.push(e);
            }
            Ok(())
        })?;
        for e in near {
            let inc: Option<String> = lookup.query_row([&e.id], |r| r.get(0)).ok();
            if let Some(inc) = inc {
                ids.push(inc);
                existing.push(to_input(e));
            }
        }
        // The other members of the incidents touched, wherever their dates lie.
        let loaded: HashSet<String> = existing.iter().map(|e| e.event_id.clone()).collect();
        let touched: HashSet<String> = ids.iter().cloned().collect();
        let mut members = conn
            .prepare("SELECT event_id FROM incident_events WHERE incident_id = ?1")
            .map_err(|e| store.sql(e))?;
        for inc in touched {
            let rows: Vec<String> = members
                .query_map([&inc], |r| r.get(0))
                .map_err(|e| store.sql(e))?
                .collect::<rusqlite::Result<_>>()
                .map_err(|e| store.sql(e))?;
            for id in rows {
                if loaded.contains(&id) || new_ids.contains(&id) {
                    continue;
                }
                if let Some(e) = store.event(&id)? {
                    if usable(&e) {
                        ids.push(inc.clone());
                        existing.push(to_input(e));
                    }
                }
            }
        }
    }
    let update = merge_incremental(&existing, &ids, &new, &cfg);
    let summary = summarise(
        existing.len() + new.len(),
        &update.incidents,
        update.removed.len(),
    );
    write_incidents(store, &update.incidents, &update.removed, false)?;
    Ok(summary)
}

/// A stored event the merge may use: current document, not rejected.
fn usable(e: &StoredEvent) -> bool {
    e.current
        && !e
            .review
            .as_ref()
            .is_some_and(|r| r.status == sitrep_store::ReviewStatus::Rejected)
}

/// The events of the new documents and every current event not yet in an incident.
fn load_new_events(store: &Store, new_doc_ids: &[String]) -> anyhow::Result<Vec<MergeInput>> {
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT e.id FROM events e WHERE e.current = 1 AND NOT EXISTS \
             (SELECT 1 FROM incident_events ie WHERE ie.event_id = e.id) ORDER BY e.seq",
        )
        .map_err(|e| store.sql(e))?;
    let unassigned: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(|e| store.sql(e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| store.sql(e))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for doc in new_doc_ids {
        for e in store.document_events(doc)? {
            if usable(&e) && seen.insert(e.id.clone()) {
                out.push(to_input(e));
            }
        }
    }
    for id in unassigned {
        if seen.contains(&id) {
            continue;
        }
        if let Some(e) = store.event(&id)? {
            if usable(&e) && seen.insert(e.id.clone()) {
                out.push(to_input(e));
            }
        }
    }
    Ok(out)
}

/// Store incidents in one transaction. `full`: replace every incident;
/// else replace the given ones and delete `removed`.
fn write_incidents(
    store: &mut Store,
    incidents: &[Incident],
    removed: &[String],
    full: bool,
) -> anyhow::Result<()> {
    let path = store.path().to_path_buf();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let conn = store.connection_mut();
    let tx = conn
        .transaction()
        .with_context(|| format!("{}: starting the incident transaction", path.display()))?;
    {
        let ctx = || format!("{}: writing incidents", path.display());
        if full {
            tx.execute("DELETE FROM incident_events", [])
                .with_context(ctx)?;
            tx.execute("DELETE FROM incidents", []).with_context(ctx)?;
        }
        let mut del = tx
            .prepare("DELETE FROM incidents WHERE id = ?1")
            .with_context(ctx)?;
        let mut del_member = tx
            .prepare("DELETE FROM incident_events WHERE event_id = ?1")
            .with_context(ctx)?;
        for id in removed {
            del.execute([id]).with_context(ctx)?;
        }
        let mut ins = tx
            .prepare(
                "INSERT INTO incidents (id, type, aggregate, disputed, admin1, township, start_date, \
                 end_date, count_low, count_best, count_high, members, body, merged_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .with_context(ctx)?;
        let mut ins_member = tx
            .prepare("INSERT INTO incident_events (event_id, incident_id) VALUES (?1, ?2)")
            .with_context(ctx)?;
        for inc in incidents {
            if !full {
                del.execute([&inc.id]).with_context(ctx)?;
                for e in &inc.events {
                    del_member.execute([e]).with_context(ctx)?;
                }
            }
            let body = serde_json::to_string(inc)?;
            let loc = inc.location.as_ref();
            ins.execute(rusqlite::params![
                inc.id,
                inc.event_type.as_str(),
                inc.aggregate,
                inc.disputed(),
                loc.and_then(|l| l.admin1.clone()),
                loc.and_then(|l| l.township.clone()),
                inc.time.start.map(|d| d.to_string()),
                inc.time.end.map(|d| d.to_string()),
                inc.count.low,
                inc.count.best,
                inc.count.high,
                inc.events.len() as i64,
                body,
                now,
            ])
            .with_context(ctx)?;
            for e in &inc.events {
                ins_member.execute([e, &inc.id]).with_context(ctx)?;
            }
        }
    }
    tx.commit()
        .with_context(|| format!("{}: committing incidents", path.display()))?;
    Ok(())
}

/// Every stored incident (read from the incident tables).
pub fn load_incidents(store: &Store) -> anyhow::Result<Vec<Incident>> {
    let conn = store.connection();
    let mut stmt = conn
        .prepare("SELECT id, body FROM incidents ORDER BY start_date IS NULL, start_date, id")
        .map_err(|e| store.sql(e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| store.sql(e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, body) = row.map_err(|e| store.sql(e))?;
        let inc: Incident = serde_json::from_str(&body).with_context(|| {
            format!(
                "{}: incident `{id}` is damaged (run `sitrep merge` to rebuild)",
                store.path().display()
            )
        })?;
        out.push(inc);
    }
    Ok(out)
}
