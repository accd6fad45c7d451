//! `sitrep gazetteer import`: GeoNames dumps (`MM.txt`, or `allCountries.txt` filtered by
//! country) → rows of the user gazetteer TSV (format of `data/places.tsv`).
//!
//! Populated places (class P), spots (S: prisons, bases, camps, universities, airports
//! …) and localities (L) are kept; administrative units and natural features are not
//! (MIMU has better ones). Each row gets the township whose centroid is nearest and
//! that township's admin1. Places the embedded gazetteer already has under the same
//! name in that township are skipped.

use std::io::BufRead;

use crate::data::Level;
use crate::names;
use crate::{Gazetteer, GazetteerError};

/// Counts of an import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportStats {
    /// Lines read.
    pub read: usize,
    /// Rows of the requested country.
    pub in_country: usize,
    /// Rows written.
    pub kept: usize,
    /// Rows the embedded gazetteer already has.
    pub known: usize,
    /// Rows of other feature classes (admin units, rivers, mountains …).
    pub other_class: usize,
}

/// Header line of a user gazetteer TSV.
pub const USER_TSV_HEADER: &str =
    "#id\tname\tkind\tprecision\tadmin1\ttownship_pcode\tlat\tlon\taliases";

fn kind_of(class: &str, code: &str) -> Option<(&'static str, &'static str)> {
    Some(match (class, code) {
        ("P", c) if c.starts_with("PPLA") || c == "PPLC" || c == "PPLG" => ("town", "town"),
        ("P", _) => ("village", "site"),
        ("S", "PRN") => ("prison", "site"),
        ("S", "MILB") | ("S", "INSM") => ("military_base", "site"),
        ("S", "CMP") | ("S", "CMPRF") => ("camp", "site"),
        ("S", "UNIV") | ("S", "SCHC") => ("university", "site"),
        ("S", "AIRP") | ("S", "AIRF") | ("S", "AIRB") => ("airport", "site"),
        ("S", "BDG") => ("bridge", "site"),
        ("S", "PO") | ("S", "PSTB") => ("border_gate", "site"),
        ("S", "DAM") => ("dam", "site"),
        ("S", "MN") | ("S", "MNMT") => ("mine", "site"),
        ("S", _) => ("site", "site"),
        ("L", _) => ("locality", "site"),
        _ => return None,
    })
}

fn clean(s: &str) -> String {
    s.replace(['\t', '|', '\n', '\r'], " ").trim().to_string()
}

/// Read a GeoNames dump and return user TSV rows (without header) for `country`
/// (ISO code, e.g. `MM`). Malformed lines are counted as read and skipped; an
/// unreadable input is an error.
pub fn import<R: BufRead>(
    g: &Gazetteer,
    input: R,
    country: &str,
) -> Result<(Vec<String>, ImportStats), GazetteerError> {
    let townships: Vec<(u32, f64, f64)> = g
        .places()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.level == Level::Township)
        .filter_map(|(i, p)| Some((i as u32, p.lat?, p.lon?)))
        .collect();
    let mut stats = ImportStats::default();
    let mut rows = Vec::new();
    for line in input.lines() {
        let line = line.map_err(|e| GazetteerError(format!("reading GeoNames dump: {e}")))?;
        stats.read += 1;
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 9 || c[8] != country {
            continue;
        }
        stats.in_country += 1;
        let Some((kind, precision)) = kind_of(c[6], c[7]) else {
            stats.other_class += 1;
            continue;
        };
        let (Ok(lat), Ok(lon)) = (c[4].parse::<f64>(), c[5].parse::<f64>()) else {
            continue;
        };
        let name = clean(if c[2].is_empty() { c[1] } else { c[2] });
        if name.is_empty() || c[0].is_empty() {
            continue;
        }
        let k = (lat.to_radians().cos()).max(0.1);
        let nearest = townships
            .iter()
            .min_by(|a, b| {
                let da = (a.1 - lat).powi(2) + ((a.2 - lon) * k).powi(2);
                let db = (b.1 - lat).powi(2) + ((b.2 - lon) * k).powi(2);
                da.total_cmp(&db)
            })
            .map(|t| t.0);
        let tsp = nearest.map(|t| &g.places()[t as usize]);
        // Already known under this name in that township?
        let key = names::words(&name).join(" ");
        let known = g.index.lookup_key(&key).iter().any(|&i| {
            let p = &g.places()[i as usize];
            nearest.is_some() && p.township == nearest && p.level != Level::Township
        });
        if known {
            stats.known += 1;
            continue;
        }
        let mut aliases: Vec<String> = Vec::new();
        if c[1] != name && !c[1].is_empty() && c[1].is_ascii() {
            aliases.push(clean(c[1]));
        }
        for a in c.get(3).copied().unwrap_or("").split(',') {
            let a = clean(a);
            if a.len() >= 3
                && a.is_ascii()
                && names::is_capitalised(&a)
                && a != name
                && !aliases.contains(&a)
                && aliases.len() < 8
            {
                aliases.push(a);
            }
        }
        rows.push(format!(
            "geonames:{}\t{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}",
            c[0],
            name,
            kind,
            precision,
            tsp.and_then(|t| t.admin1_name()).unwrap_or(""),
            tsp.map(|t| t.id.as_ref()).unwrap_or(""),
            lat,
            lon,
            aliases.join("|")
        ));
        stats.kept += 1;
    }
    Ok((rows, stats))
}

/// Merge new rows into an existing user TSV text by id (new rows replace old ones with
/// the same id); the result has a header and rows sorted by id.
pub fn merge_rows(existing: &str, new_rows: &[String]) -> String {
    let mut by_id: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for l in existing.lines() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let id = l.split('\t').next().unwrap_or("").to_string();
        by_id.insert(id, l.to_string());
    }
    for l in new_rows {
        let id = l.split('\t').next().unwrap_or("").to_string();
        by_id.insert(id, l.clone());
    }
    let mut out = String::from(USER_TSV_HEADER);
    out.push('\n');
    for l in by_id.values() {
        out.push_str(l);
        out.push('\n');
    }
    out
}
