//! Scoring of extraction output against gold annotations (spec §7).
//!
//! This is a line-by-line port of the independent scorer `eval/score.py` of the
//! development set, so that `sitrep eval` and `run.sh` print the same numbers:
//! the same type compatibility, pair score, Hungarian maximum assignment (the same
//! algorithm step by step, so that ties are broken the same way), optional golds,
//! field accuracy and full-match F1, and the same normalisation of unit and place
//! names. Gold and predictions are handled as JSON values so that missing and
//! `null` fields behave exactly as in the Python scorer.
//!
//! ```
//! use serde_json::json;
//! let gold = json!({"events": [{"type": ["surrender"], "count": {"low": 41, "best": 41, "high": 41},
//!     "admin1": "Shan", "place": null, "date": null, "actors": ["LIB 143"], "aggregate": false}]});
//! let pred = json!({"path": "a.txt", "events": [{"type": "surrender",
//!     "quantities": [{"measure": "people", "low": 41, "best": 41, "high": 41}],
//!     "location": {"name": "northern Shan State", "admin1": "Shan"},
//!     "time": {"start": null}, "actors": [{"name": "Light Infantry Battalion 143", "canonical": "LIB 143"}]}]});
//! let r = sitrep_eval::score(&[("a".to_string(), gold)], &[pred]);
//! assert_eq!((r.tp, r.fp, r.fn_), (1, 0, 0));
//! assert_eq!(r.full_match_f1, 1.0);
//! ```

pub mod hungarian;
pub mod normalise;
pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;

pub use hungarian::hungarian_max;
pub use normalise::{norm, norm_actor, norm_place};
pub use report::{DocResult, Report};

/// The primary measure of an event type (spec §1), `people` for unknown types.
pub fn primary_measure(event_type: &str) -> &'static str {
    match event_type {
        "battle"
        | "airstrike"
        | "shelling"
        | "explosion"
        | "attack_on_civilians"
        | "casualties" => "killed",
        "arson" => "houses",
        _ => "people",
    }
}

/// `d.get(key)` of Python: the field, or `null` when missing or when `v` is not an object.
fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&Value::Null)
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python `==` between JSON values (numbers compare by value: `1 == 1.0`).
fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Bool(x), Value::Number(_)) => py_eq(&Value::from(*x as i64), b),
        (Value::Number(_), Value::Bool(y)) => py_eq(a, &Value::from(*y as i64)),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        _ => a == b,
    }
}

/// `v or {}`: the value when truthy, else `null` (whose fields are all missing).
fn or_empty(v: &Value) -> &Value {
    if truthy(v) {
        v
    } else {
        &Value::Null
    }
}

fn as_str(v: &Value) -> Option<&str> {
    v.as_str()
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// The quantity of the event's primary measure (the first one), as `score.py`'s `primary_qty`.
pub fn primary_qty(ev: &Value) -> Option<&Value> {
    let want = as_str(get(ev, "type")).map_or("people", primary_measure);
    items(or_empty(get(ev, "quantities")))
        .into_iter()
        .find(|q| as_str(get(q, "measure")) == Some(want))
}

/// Agreement of a prediction with a gold event on one field: `None` = not scored.
/// `actors` is a fraction in 0..=1, the others 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairFeats {
    pub count_best: Option<bool>,
    pub count_bounds: Option<bool>,
    pub admin1: Option<bool>,
    pub place: Option<bool>,
    pub date: Option<bool>,
    pub actors: Option<f64>,
}

impl PairFeats {
    /// The fields in `score.py`'s insertion order, as numbers (true = 1.0).
    pub fn values(&self) -> [(&'static str, Option<f64>); 6] {
        let b = |x: Option<bool>| x.map(|v| if v { 1.0 } else { 0.0 });
        [
            ("count_best", b(self.count_best)),
            ("count_bounds", b(self.count_bounds)),
            ("admin1", b(self.admin1)),
            ("place", b(self.place)),
            ("date", b(self.date)),
            ("actors", self.actors),
        ]
    }
}

/// Per-field agreement of prediction `p` with gold `g` (`score.py` `pair_feats`).
pub fn pair_feats(p: &Value, g: &Value) -> PairFeats {
    let mut f = PairFeats::default();
    let gc = get(g, "count");
    let q = primary_qty(p);
    if !gc.is_null() {
        f.count_best = Some(q.is_some_and(|q| py_eq(get(q, "best"), get(gc, "best"))));
        f.count_bounds = Some(q.is_some_and(|q| {
            py_eq(get(q, "low"), get(gc, "low")) && py_eq(get(q, "high"), get(gc, "high"))
        }));
    }
    let loc = or_empty(get(p, "location"));
    let g_admin1 = get(g, "admin1");
    if !g_admin1.is_null() {
        f.admin1 = Some(norm(as_str(get(loc, "admin1"))) == norm(as_str(g_admin1)));
    }
    let g_place = get(g, "place");
    if !g_place.is_null() {
        let name = norm_place(as_str(get(loc, "name")));
        f.place = Some(items(g_place).iter().any(|x| norm_place(as_str(x)) == name));
    }
    let gd = get(g, "date");
    if !gd.is_null() {
        let start = get(or_empty(get(p, "time")), "start");
        f.date = Some(items(gd).iter().any(|d| py_eq(start, d)));
    }
    let ga: Vec<String> = items(or_empty(get(g, "actors")))
        .iter()
        .map(|a| norm_actor(as_str(a)))
        .collect();
    if !ga.is_empty() {
        let mut pa = std::collections::HashSet::new();
        for a in items(or_empty(get(p, "actors"))) {
            pa.insert(norm_actor(as_str(get(a, "canonical"))));
            pa.insert(norm_actor(as_str(get(a, "name"))));
        }
        let hits = ga.iter().filter(|a| pa.contains(*a)).count();
        f.actors = Some(hits as f64 / ga.len() as f64);
    }
    f
}

/// The weight of a pair: 1 + one per agreeing count best, admin1, place, date, + the
/// actor fraction (`score.py` `pair_score`).
pub fn pair_score(f: &PairFeats) -> f64 {
    let mut s = 1.0;
    for v in [f.count_best, f.admin1, f.place, f.date] {
        if v == Some(true) {
            s += 1.0;
        }
    }
    if let Some(a) = f.actors {
        if a != 0.0 {
            s += a;
        }
    }
    s
}

/// Python `str()` of a string (its `repr`).
pub(crate) fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python `str()` of a JSON value as score.py would print it.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => py_float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(_) => v.to_string(),
    }
}

/// Python `repr()` of a JSON value (strings quoted).
pub(crate) fn py_repr(v: &Value) -> String {
    match v {
        Value::String(s) => py_repr_str(s),
        other => py_str(other),
    }
}

/// Python `repr()` of a float: shortest round-trip digits, always with a `.`.
pub(crate) fn py_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'E']) || s.contains("inf") || s.contains("NaN") {
        s
    } else {
        format!("{s}.0")
    }
}

/// Score one document's predictions (event JSON values) against its gold events
/// (`score.py` `score_doc`).
pub fn score_doc(preds: &[&Value], golds: &[Value]) -> DocResult {
    let mut w: Vec<Vec<f64>> = Vec::with_capacity(preds.len());
    let mut feats: HashMap<(usize, usize), PairFeats> = HashMap::new();
    for (i, p) in preds.iter().enumerate() {
        let mut row = Vec::with_capacity(golds.len());
        let pt = get(p, "type");
        for (j, g) in golds.iter().enumerate() {
            let compatible = items(get(g, "type")).iter().any(|t| py_eq(pt, t));
            if compatible {
                let f = pair_feats(p, g);
                row.push(pair_score(&f));
                feats.insert((i, j), f);
            } else {
                row.push(0.0);
            }
        }
        w.push(row);
    }
    let pairs = if !preds.is_empty() && !golds.is_empty() {
        hungarian_max(&w)
    } else {
        Vec::new()
    };
    let matched_p: std::collections::HashSet<usize> = pairs.iter().map(|&(i, _)| i).collect();
    let matched_g: std::collections::HashSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
    let mut r = DocResult::default();
    for &(i, j) in &pairs {
        if truthy(get(&golds[j], "optional")) {
            continue;
        }
        r.tp += 1;
        let f = feats[&(i, j)];
        let mut full = true;
        for (k, val) in f.values() {
            let Some(val) = val else { continue };
            let e = r.fields.entry(k.to_string()).or_insert((0.0, 0));
            e.0 += val;
            e.1 += 1;
            if (k == "actors" && val < 1.0) || (k != "actors" && val == 0.0) {
                full = false;
            }
        }
        if full {
            r.full_tp += 1;
        }
    }
    for (i, p) in preds.iter().enumerate() {
        if !matched_p.contains(&i) {
            r.fp += 1;
            r.extras.push(get(p, "type").clone());
        }
    }
    for (j, g) in golds.iter().enumerate() {
        if !matched_g.contains(&j) && !truthy(get(g, "optional")) {
            r.fn_ += 1;
            let first = items(get(g, "type"))
                .first()
                .map(|t| py_str(t))
                .unwrap_or_default();
            let place = get(g, "place");
            let where_ = if truthy(place) {
                place
            } else {
                get(g, "admin1")
            };
            r.misses.push(format!("{first}@{}", py_str(where_)));
        }
    }
    r
}

/// Precision, recall and F1 from counts (`score.py` `prf`).
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let (tp, fp, fn_) = (tp as f64, fp as f64, fn_ as f64);
    let p = if tp + fp != 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ != 0.0 {
        tp / (tp + fn_)
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The key a document is matched to its gold file by: the basename of its `path`
/// (or `doc_id`) without extension (Python `os.path.splitext(os.path.basename(...))[0]`).
pub fn doc_key(doc: &Value) -> String {
    let p = [get(doc, "path"), get(doc, "doc_id")]
        .into_iter()
        .find(|v| truthy(v))
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let base = p.rsplit('/').next().unwrap_or("");
    // splitext: the last dot not at the start of the name (leading dots are kept).
    let lead = base.len() - base.trim_start_matches('.').len();
    match base[lead..].rfind('.') {
        Some(i) => base[..lead + i].to_string(),
        None => base.to_string(),
    }
}

/// Score documents (`sitrep extract --format jsonl` objects) against gold files given
/// as `(key, gold JSON)` pairs in the order to report them (`score.py` `main`).
pub fn score(golds: &[(String, Value)], docs: &[Value]) -> Report {
    let mut preds: HashMap<String, Vec<&Value>> = HashMap::new();
    for d in docs {
        let entry = preds.entry(doc_key(d)).or_default();
        entry.extend(items(or_empty(get(d, "events"))));
    }
    let mut report = Report {
        docs: golds.len(),
        ..Report::default()
    };
    let mut fields: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (key, g) in golds {
        let gold_events: Vec<Value> = items(get(g, "events")).into_iter().cloned().collect();
        let no_preds = Vec::new();
        let r = score_doc(preds.get(key).unwrap_or(&no_preds), &gold_events);
        report.tp += r.tp;
        report.fp += r.fp;
        report.fn_ += r.fn_;
        report.full_tp += r.full_tp;
        for (k, (c, n)) in &r.fields {
            let e = fields.entry(k.clone()).or_insert((0.0, 0));
            e.0 += c;
            e.1 += n;
        }
        if preds.contains_key(key) {
            report.docs_with_output += 1;
        }
        report.per_doc.push((key.clone(), r));
    }
    let (p, rc, f) = prf(report.tp, report.fp, report.fn_);
    let partial = report.tp - report.full_tp;
    let (_, _, ff) = prf(report.full_tp, report.fp + partial, report.fn_ + partial);
    report.p_raw = p;
    report.r_raw = rc;
    report.f1_raw = f;
    report.full_raw = ff;
    report.precision = round3(p);
    report.recall = round3(rc);
    report.f1 = round3(f);
    report.full_match_f1 = round3(ff);
    report.field_accuracy = fields
        .into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(k, (c, n))| (k, round3(c / n as f64)))
        .collect();
    report
}

/// Python `round(x, 3)`: correctly rounded, ties to even on the exact binary value.
pub fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Read the gold files (`NAME.json`) of a folder in Python's `sorted(os.listdir)` order.
pub fn load_gold_dir(dir: &Path) -> anyhow::Result<Vec<(String, Value)>> {
    use anyhow::Context;
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the gold folder", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let path = dir.join(&n);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let v: Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: invalid JSON", path.display()))?;
        let key = doc_key(&serde_json::json!({ "path": n }));
        out.push((key, v));
    }
    if out.is_empty() {
        anyhow::bail!(
            "{}: no gold files (NAME.json) in this folder",
            dir.display()
        );
    }
    Ok(out)
}

/// Parse JSON Lines of `sitrep extract --format jsonl` (blank lines skipped).
pub fn parse_jsonl(text: &str) -> anyhow::Result<Vec<Value>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l.trim())
                .map_err(|e| anyhow::anyhow!("line {}: invalid JSON ({e})", i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests;
