//! Exports of the reviewed events: ACLED-style CSV, UCDP-style CSV, JSON
//! Lines and GeoJSON. The mapping is documented in `docs/store.md`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

use serde_json::{json, Value};
use sitrep_core::{Actor, ActorKind, EventType, Measure, PlacePrecision, Role, TimePrecision};

use crate::error::{Result, StoreError};
use crate::model::{EventFilter, StoredEvent};
use crate::store::Store;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// ACLED's columns, in ACLED's order ([`ACLED_COLUMNS`]).
    AcledCsv,
    /// UCDP GED-style columns with deaths low/best/high ([`UCDP_COLUMNS`]).
    UcdpCsv,
    /// One [`StoredEvent`] (reviewed view) per line.
    Jsonl,
    /// A FeatureCollection of points (events without coordinates are skipped).
    GeoJson,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "acled-csv" | "acled" => ExportFormat::AcledCsv,
            "ucdp-csv" | "ucdp" => ExportFormat::UcdpCsv,
            "jsonl" => ExportFormat::Jsonl,
            "geojson" => ExportFormat::GeoJson,
            _ => {
                return Err(format!(
                    "unknown export format `{s}` (expected acled-csv, ucdp-csv, jsonl or geojson)"
                ))
            }
        })
    }
}

/// How many events an export wrote, and how many it had to leave out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub rows: usize,
    /// GeoJSON: events without coordinates.
    pub skipped: usize,
}

/// ACLED's column names in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Columns of the UCDP-style CSV.
pub const UCDP_COLUMNS: [&str; 26] = [
    "id",
    "year",
    "type_of_violence",
    "event_type",
    "side_a",
    "side_b",
    "source_article",
    "source_office",
    "source_date",
    "where_prec",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "low",
    "best",
    "high",
    "count_measure",
    "count_low",
    "count_best",
    "count_high",
];

/// Write every event matching `filter` to `out` in `format`.
pub fn export(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<ExportSummary> {
    let io = |e: std::io::Error| StoreError::Output {
        what: "export".into(),
        message: e.to_string(),
    };
    let csv_err = |e: csv::Error| StoreError::Output {
        what: "CSV export".into(),
        message: e.to_string(),
    };
    let mut summary = ExportSummary::default();
    match format {
        ExportFormat::AcledCsv | ExportFormat::UcdpCsv => {
            let mut w = csv::Writer::from_writer(out);
            let acled = format == ExportFormat::AcledCsv;
            if acled {
                w.write_record(ACLED_COLUMNS).map_err(csv_err)?;
            } else {
                w.write_record(UCDP_COLUMNS).map_err(csv_err)?;
            }
            store.for_each_event(filter, |e| {
                let rec = if acled {
                    acled_record(&e)
                } else {
                    ucdp_record(&e)
                };
                w.write_record(&rec).map_err(csv_err)?;
                summary.rows += 1;
                Ok(())
            })?;
            w.flush().map_err(io)?;
        }
        ExportFormat::Jsonl => {
            store.for_each_event(filter, |e| {
                let line = serde_json::to_string(&e).map_err(|e| StoreError::Output {
                    what: "JSON Lines export".into(),
                    message: e.to_string(),
                })?;
                writeln!(out, "{line}").map_err(io)?;
                summary.rows += 1;
                Ok(())
            })?;
            out.flush().map_err(io)?;
        }
        ExportFormat::GeoJson => {
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")
                .map_err(io)?;
            store.for_each_event(filter, |e| {
                match geojson_feature(&e) {
                    Some(f) => {
                        if summary.rows > 0 {
                            out.write_all(b",\n").map_err(io)?;
                        } else {
                            out.write_all(b"\n").map_err(io)?;
                        }
                        out.write_all(f.to_string().as_bytes()).map_err(io)?;
                        summary.rows += 1;
                    }
                    None => summary.skipped += 1,
                }
                Ok(())
            })?;
            out.write_all(b"\n]}\n").map_err(io)?;
            out.flush().map_err(io)?;
        }
    }
    Ok(summary)
}

fn acled_actors() -> &'static HashMap<String, (String, u8)> {
    static MAP: OnceLock<HashMap<String, (String, u8)>> = OnceLock::new();
    MAP.get_or_init(|| {
        include_str!("../data/acled_actors.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let canonical = f.next()?.trim();
                let name = f.next()?.trim();
                let inter = f.next()?.trim().parse().ok()?;
                Some((canonical.to_lowercase(), (name.to_string(), inter)))
            })
            .collect()
    })
}

/// ACLED actor name and inter code of an actor: from the table in
/// `data/acled_actors.tsv` (by canonical name, then by parent force for
/// units), else from its kind.
pub fn acled_actor(a: &Actor) -> (String, u8) {
    let map = acled_actors();
    if let Some((n, i)) = map.get(&a.canonical.to_lowercase()) {
        return (n.clone(), *i);
    }
    if let Some(p) = &a.parent {
        if let Some((n, i)) = map.get(&p.to_lowercase()) {
            return (n.clone(), *i);
        }
    }
    let inter = match a.kind {
        ActorKind::StateForce | ActorKind::MilitaryUnit | ActorKind::Police => 1,
        ActorKind::Government => 1,
        ActorKind::ArmedGroup => 2,
        ActorKind::Militia => 3,
        ActorKind::Civilians => 7,
        ActorKind::Person | ActorKind::Organization => 8,
    };
    let name = match a.kind {
        ActorKind::Civilians => "Civilians (Myanmar)".to_string(),
        ActorKind::MilitaryUnit if a.parent.is_none() => {
            "Military Forces of Myanmar (2021-)".into()
        }
        _ => a.canonical.clone(),
    };
    (name, inter)
}

/// ACLED geo_precision: 1 for a site or town, 2 for a township or
/// district, 3 for a state/region or the country.
pub fn geo_precision(p: Option<PlacePrecision>) -> Option<u8> {
    p.map(|p| match p {
        PlacePrecision::Site | PlacePrecision::Town => 1,
        PlacePrecision::Township | PlacePrecision::District => 2,
        PlacePrecision::Admin1 | PlacePrecision::Country => 3,
    })
}

/// ACLED time_precision: 1 a day, 2 a week or a range of up to 7 days (or
/// the publication date standing in for an undated event), 3 a month or longer.
pub fn time_precision(e: &StoredEvent) -> Option<u8> {
    let t = &e.event.time;
    if t.start.is_none() {
        return e.published.map(|_| 2);
    }
    let days = match (t.start, t.end) {
        (Some(s), Some(x)) => (x - s).num_days(),
        _ => 0,
    };
    Some(match t.precision {
        Some(TimePrecision::Day) if days == 0 => 1,
        Some(TimePrecision::Day) | Some(TimePrecision::Week) | Some(TimePrecision::Range)
            if days <= 7 =>
        {
            2
        }
        None if days == 0 => 1,
        _ => 3,
    })
}

fn event_date(e: &StoredEvent) -> Option<chrono::NaiveDate> {
    e.event.time.start.or(e.published)
}

/// Fatalities by ACLED's most conservative rule: the low bound of the
/// killed count, 0 when unknown.
pub fn fatalities(e: &StoredEvent) -> i64 {
    e.event
        .quantity(Measure::Killed)
        .and_then(|q| q.low)
        .unwrap_or(0)
}

struct Sides {
    actor1: String,
    assoc1: String,
    inter1: Option<u8>,
    actor2: String,
    assoc2: String,
    inter2: Option<u8>,
    units: Vec<String>,
}

fn sides(e: &StoredEvent) -> Sides {
    let actors = &e.event.actors;
    let agents: Vec<&Actor> = actors.iter().filter(|a| a.role == Role::Agent).collect();
    let others: Vec<&Actor> = actors.iter().filter(|a| a.role != Role::Agent).collect();
    let names = |v: &[&Actor]| -> Vec<(String, u8)> {
        let mut out: Vec<(String, u8)> = Vec::new();
        for a in v {
            let x = acled_actor(a);
            if !out.iter().any(|(n, _)| *n == x.0) {
                out.push(x);
            }
        }
        out
    };
    let mut a1 = names(&agents);
    let mut a2 = names(&others);
    if a2.is_empty() && e.event.event_type == EventType::AttackOnCivilians {
        a2.push(("Civilians (Myanmar)".into(), 7));
    }
    if a1.is_empty() && !a2.is_empty() && e.event.event_type != EventType::AttackOnCivilians {
        a1 = std::mem::take(&mut a2);
    }
    let first = |v: &[(String, u8)]| v.first().cloned();
    let rest = |v: &[(String, u8)]| {
        v.iter()
            .skip(1)
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let f1 = first(&a1);
    let f2 = first(&a2);
    Sides {
        actor1: f1.as_ref().map(|x| x.0.clone()).unwrap_or_default(),
        assoc1: rest(&a1),
        inter1: f1.map(|x| x.1),
        actor2: f2.as_ref().map(|x| x.0.clone()).unwrap_or_default(),
        assoc2: rest(&a2),
        inter2: f2.map(|x| x.1),
        units: actors
            .iter()
            .filter(|a| a.kind == ActorKind::MilitaryUnit)
            .map(|a| a.canonical.clone())
            .collect(),
    }
}

fn disorder_type(acled_event_type: &str) -> &'static str {
    match acled_event_type {
        "Protests" | "Riots" => "Demonstrations",
        "Strategic developments" => "Strategic developments",
        _ => "Political violence",
    }
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The source column: outlet, else the document's path or URL.
fn source(e: &StoredEvent) -> String {
    e.outlet
        .clone()
        .or_else(|| e.doc_source.clone())
        .unwrap_or_default()
}

/// One ACLED row, values in [`ACLED_COLUMNS`] order.
pub fn acled_record(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let (etype, sub) = ev.event_type.acled();
    let s = sides(e);
    let interaction = match (s.inter1, s.inter2) {
        (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
        (Some(a), None) => format!("{a}0"),
        _ => String::new(),
    };
    let civilian_targeting = ev.event_type == EventType::AttackOnCivilians
        || ev
            .actors
            .iter()
            .any(|a| a.role != Role::Agent && a.kind == ActorKind::Civilians);
    let loc = ev.location.as_ref();
    let date = event_date(e);
    let mut tags: Vec<String> = Vec::new();
    if ev.time.start.is_none() && date.is_some() {
        tags.push("date from publication".into());
    }
    if ev.aggregate {
        tags.push("aggregate".into());
    }
    if ev.modality != sitrep_core::Modality::Asserted {
        tags.push(format!("modality={}", ev.modality));
    }
    if let Some(c) = &ev.claimed_by {
        tags.push(format!("claimed by {c}"));
    }
    if let Some(q) = ev.primary_quantity() {
        tags.push(format!(
            "{} low={} best={} high={}",
            q.measure,
            opt(q.low),
            opt(q.best),
            opt(q.high)
        ));
    }
    for u in &s.units {
        tags.push(format!("unit={u}"));
    }
    if let Some(r) = &e.review {
        tags.push(format!("review={}", r.status));
    }
    let timestamp = chrono::DateTime::parse_from_rfc3339(&e.ingested_at)
        .map(|t| t.timestamp().to_string())
        .unwrap_or_default();
    vec![
        e.id.clone(),
        opt(date),
        opt(date.map(|d| chrono::Datelike::year(&d))),
        opt(time_precision(e)),
        disorder_type(etype).into(),
        etype.into(),
        sub.into(),
        s.actor1,
        s.assoc1,
        opt(s.inter1),
        s.actor2,
        s.assoc2,
        opt(s.inter2),
        interaction,
        if civilian_targeting {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        "104".into(),
        "Southeast Asia".into(),
        "Myanmar".into(),
        opt(loc.and_then(|l| l.admin1.clone())),
        String::new(),
        opt(loc.and_then(|l| l.township.clone())),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.lat)),
        opt(loc.and_then(|l| l.lon)),
        opt(geo_precision(loc.and_then(|l| l.precision))),
        source(e),
        String::new(),
        e.sentence_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        fatalities(e).to_string(),
        tags.join("; "),
        timestamp,
    ]
}

/// UCDP where_prec: 1 exact place (site, town), 3 township or district,
/// 4 state/region, 6 country.
pub fn where_prec(p: Option<PlacePrecision>) -> Option<u8> {
    p.map(|p| match p {
        PlacePrecision::Site | PlacePrecision::Town => 1,
        PlacePrecision::Township | PlacePrecision::District => 3,
        PlacePrecision::Admin1 => 4,
        PlacePrecision::Country => 6,
    })
}

/// UCDP date_prec: 1 exact day, 2 two to six days, 3 a week, 4 a month
/// (or up to 31 days), 5 longer; 3 when the publication date stands in.
pub fn date_prec(e: &StoredEvent) -> Option<u8> {
    let t = &e.event.time;
    if t.start.is_none() {
        return e.published.map(|_| 3);
    }
    let days = match (t.start, t.end) {
        (Some(s), Some(x)) => (x - s).num_days() + 1,
        _ => 1,
    };
    Some(match (t.precision, days) {
        (Some(TimePrecision::Year), _) => 5,
        (Some(TimePrecision::Month), _) => 4,
        (Some(TimePrecision::Week), _) => 3,
        (_, 1) => 1,
        (_, 2..=6) => 2,
        (_, 7) => 3,
        (_, 8..=31) => 4,
        _ => 5,
    })
}

/// One UCDP-style row, values in [`UCDP_COLUMNS`] order.
pub fn ucdp_record(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let s = sides(e);
    let type_of_violence = match (s.inter1, s.inter2) {
        _ if ev.event_type == EventType::AttackOnCivilians => "3",
        (Some(_), Some(7)) | (Some(7), Some(_)) => "3",
        (Some(1), _) | (_, Some(1)) => "1",
        (Some(_), Some(_)) => "2",
        _ => "",
    };
    let killed = ev.quantity(Measure::Killed);
    let primary = ev.primary_quantity();
    let loc = ev.location.as_ref();
    let start = ev.time.start.or(e.published);
    let end = ev.time.end.or(ev.time.start).or(e.published);
    vec![
        e.id.clone(),
        opt(start.map(|d| chrono::Datelike::year(&d))),
        type_of_violence.into(),
        ev.event_type.as_str().into(),
        s.actor1,
        s.actor2,
        opt(e.doc_source.clone()),
        opt(e.outlet.clone()),
        opt(e.published),
        opt(where_prec(loc.and_then(|l| l.precision))),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.admin1.clone())),
        opt(loc.and_then(|l| l.township.clone())),
        opt(loc.and_then(|l| l.lat)),
        opt(loc.and_then(|l| l.lon)),
        "Myanmar".into(),
        opt(date_prec(e)),
        opt(start),
        opt(end),
        opt(killed.and_then(|q| q.low)),
        opt(killed.and_then(|q| q.best)),
        opt(killed.and_then(|q| q.high)),
        opt(primary.map(|q| q.measure.as_str())),
        opt(primary.and_then(|q| q.low)),
        opt(primary.and_then(|q| q.best)),
        opt(primary.and_then(|q| q.high)),
    ]
}

/// A GeoJSON point feature for an event with coordinates.
pub fn geojson_feature(e: &StoredEvent) -> Option<Value> {
    let ev = &e.event;
    let loc = ev.location.as_ref()?;
    let (lat, lon) = (loc.lat?, loc.lon?);
    if !lat.is_finite() || !lon.is_finite() {
        return None;
    }
    let q = ev.primary_quantity();
    Some(json!({
        "type": "Feature",
        "id": e.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": e.id,
            "type": ev.event_type.as_str(),
            "date_start": ev.time.start.or(e.published),
            "date_end": ev.time.end.or(ev.time.start).or(e.published),
            "time_precision": ev.time.precision.map(|p| p.as_str()),
            "place": loc.name,
            "admin1": loc.admin1,
            "township": loc.township,
            "precision": loc.precision.map(|p| p.as_str()),
            "count_measure": q.map(|q| q.measure.as_str()),
            "count_low": q.and_then(|q| q.low),
            "count_best": q.and_then(|q| q.best),
            "count_high": q.and_then(|q| q.high),
            "fatalities": fatalities(e),
            "actors": ev.actors.iter().map(|a| a.canonical.clone()).collect::<Vec<_>>(),
            "aggregate": ev.aggregate,
            "modality": ev.modality.as_str(),
            "confidence": ev.confidence,
            "source": e.doc_source,
            "outlet": e.outlet,
            "review": e.review.as_ref().map(|r| r.status.as_str()),
        }
    }))
}
