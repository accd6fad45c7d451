//! `sitrep extract --format jsonl` output has exactly the spec §6 shape for every
//! development-set document (`../shared/eval`, skipped with a note when absent):
//! every key present with the right type, enums from the allowed sets, spans
//! `[start, end)` integer pairs inside the text and on char boundaries.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Map, Value};

fn eval_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    d.join("gold").is_dir().then_some(d)
}

const TYPES: &[&str] = &[
    "battle",
    "capture",
    "withdrawal",
    "airstrike",
    "shelling",
    "explosion",
    "attack_on_civilians",
    "arson",
    "surrender",
    "defection",
    "desertion",
    "conscription",
    "prisoner_release",
    "amnesty",
    "arrest",
    "displacement",
    "protest",
    "casualties",
    "strength_estimate",
];
const MEASURES: &[&str] = &["people", "killed", "injured", "dependents", "houses"];
const QUALIFIERS: &[&str] = &[
    "exact",
    "approx",
    "nearly",
    "more_than",
    "at_least",
    "up_to",
    "less_than",
    "range",
    "vague",
];
const PLACE_PRECISION: &[&str] = &["site", "town", "township", "district", "admin1", "country"];
const TIME_PRECISION: &[&str] = &["day", "week", "month", "year", "range"];
const MODALITIES: &[&str] = &["asserted", "claimed", "denied", "planned"];
const ROLES: &[&str] = &["agent", "counterpart", "target"];
const ACTOR_KINDS: &[&str] = &[
    "state_force",
    "military_unit",
    "armed_group",
    "militia",
    "police",
    "government",
    "civilians",
    "person",
    "organization",
];
const ADMIN1: &[&str] = &[
    "Kachin",
    "Kayah",
    "Kayin",
    "Chin",
    "Sagaing",
    "Tanintharyi",
    "Bago",
    "Magway",
    "Mandalay",
    "Mon",
    "Rakhine",
    "Yangon",
    "Shan",
    "Ayeyarwady",
    "Naypyitaw",
];

struct Check<'a> {
    text: &'a str,
    errors: Vec<String>,
}

impl Check<'_> {
    fn fail(&mut self, at: &str, msg: String) {
        self.errors.push(format!("{at}: {msg}"));
    }
    fn obj<'v>(&mut self, v: &'v Value, at: &str) -> Option<&'v Map<String, Value>> {
        let o = v.as_object();
        if o.is_none() {
            self.fail(at, format!("not an object: {v}"));
        }
        o
    }
    fn key<'v>(&mut self, o: &'v Map<String, Value>, k: &str, at: &str) -> &'v Value {
        match o.get(k) {
            Some(v) => v,
            None => {
                self.fail(at, format!("missing key `{k}`"));
                &Value::Null
            }
        }
    }
    fn string(&mut self, o: &Map<String, Value>, k: &str, at: &str, nullable: bool) {
        let v = self.key(o, k, at);
        if !(v.is_string() || (nullable && v.is_null())) {
            self.fail(at, format!("`{k}` should be a string: {v}"));
        }
    }
    fn enum_(
        &mut self,
        o: &Map<String, Value>,
        k: &str,
        at: &str,
        allowed: &[&str],
        nullable: bool,
    ) {
        let v = self.key(o, k, at);
        match v.as_str() {
            Some(s) if allowed.contains(&s) => {}
            None if nullable && v.is_null() => {}
            _ => self.fail(at, format!("`{k}` = {v} not in {allowed:?}")),
        }
    }
    fn int(&mut self, o: &Map<String, Value>, k: &str, at: &str) {
        let v = self.key(o, k, at);
        if !(v.is_i64() || v.is_u64() || v.is_null()) {
            self.fail(at, format!("`{k}` should be an integer or null: {v}"));
        }
    }
    fn number(&mut self, o: &Map<String, Value>, k: &str, at: &str) {
        let v = self.key(o, k, at);
        if !(v.is_number() || v.is_null()) {
            self.fail(at, format!("`{k}` should be a number or null: {v}"));
        }
    }
    fn bool_(&mut self, o: &Map<String, Value>, k: &str, at: &str) {
        let v = self.key(o, k, at);
        if !v.is_boolean() {
            self.fail(at, format!("`{k}` should be a boolean: {v}"));
        }
    }
    fn date(&mut self, o: &Map<String, Value>, k: &str, at: &str) {
        let v = self.key(o, k, at);
        let ok = v.is_null()
            || v.as_str()
                .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok());
        if !ok {
            self.fail(at, format!("`{k}` should be YYYY-MM-DD or null: {v}"));
        }
    }
    /// A `[start, end)` byte span inside the text, on char boundaries.
    fn span(&mut self, v: &Value, at: &str) -> Option<(usize, usize)> {
        let pair = v
            .as_array()
            .filter(|a| a.len() == 2)
            .and_then(|a| Some((a[0].as_u64()? as usize, a[1].as_u64()? as usize)));
        let Some((s, e)) = pair else {
            self.fail(at, format!("span should be [int, int]: {v}"));
            return None;
        };
        if s > e || e > self.text.len() {
            self.fail(
                at,
                format!("span {v} outside the text (len {})", self.text.len()),
            );
            return None;
        }
        if !self.text.is_char_boundary(s) || !self.text.is_char_boundary(e) {
            self.fail(at, format!("span {v} not on char boundaries"));
            return None;
        }
        Some((s, e))
    }
    fn span_key(&mut self, o: &Map<String, Value>, k: &str, at: &str, optional: bool) {
        match o.get(k) {
            None if optional => {}
            Some(Value::Null) if optional => {}
            Some(v) => {
                self.span(v, &format!("{at}.{k}"));
            }
            None => self.fail(at, format!("missing key `{k}`")),
        }
    }

    fn document(&mut self, d: &Value) {
        let Some(o) = self.obj(d, "document") else {
            return;
        };
        self.string(o, "doc_id", "document", false);
        self.string(o, "path", "document", true);
        self.date(o, "published", "document");
        self.string(o, "title", "document", true);
        for k in o.keys() {
            if ![
                "doc_id",
                "path",
                "published",
                "title",
                "events",
                "quotes",
                "warnings",
            ]
            .contains(&k.as_str())
            {
                self.fail("document", format!("unexpected key `{k}`"));
            }
        }
        if let Some(w) = o.get("warnings") {
            if !w.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
                self.fail("document", "`warnings` should be a list of strings".into());
            }
        }
        if let Some(qs) = o.get("quotes").and_then(Value::as_array) {
            for (i, q) in qs.iter().enumerate() {
                let at = format!("quotes[{i}]");
                if let Some(q) = self.obj(q, &at) {
                    self.span_key(q, "span", &at, false);
                    self.span_key(q, "speaker_span", &at, true);
                }
            }
        }
        let events = self.key(o, "events", "document");
        let Some(events) = events.as_array() else {
            self.fail("document", "`events` should be a list".into());
            return;
        };
        for (i, e) in events.iter().enumerate() {
            self.event(e, &format!("events[{i}]"));
        }
    }

    fn event(&mut self, e: &Value, at: &str) {
        let Some(o) = self.obj(e, at) else { return };
        self.string(o, "id", at, false);
        self.enum_(o, "type", at, TYPES, false);
        self.bool_(o, "aggregate", at);
        self.enum_(o, "modality", at, MODALITIES, false);
        self.string(o, "claimed_by", at, true);
        self.span_key(o, "sentence", at, false);
        self.span_key(o, "trigger", at, false);
        let c = self.key(o, "confidence", at);
        if !c.as_f64().is_some_and(|c| (0.0..=1.0).contains(&c)) {
            self.fail(at, format!("`confidence` should be a number in 0..1: {c}"));
        }
        match self.key(o, "quantities", at).as_array() {
            Some(qs) => {
                for (i, q) in qs.iter().enumerate() {
                    self.quantity(q, &format!("{at}.quantities[{i}]"));
                }
            }
            None => self.fail(at, "`quantities` should be a list".into()),
        }
        let loc = self.key(o, "location", at);
        if !loc.is_null() {
            let at = format!("{at}.location");
            if let Some(l) = self.obj(loc, &at) {
                self.string(l, "name", &at, false);
                self.string(l, "place_id", &at, true);
                self.string(l, "kind", &at, true);
                self.enum_(l, "admin1", &at, ADMIN1, true);
                self.string(l, "township", &at, true);
                self.number(l, "lat", &at);
                self.number(l, "lon", &at);
                self.enum_(l, "precision", &at, PLACE_PRECISION, true);
                self.span_key(l, "span", &at, true);
            }
        }
        let time = self.key(o, "time", at);
        let tat = format!("{at}.time");
        if let Some(t) = self.obj(time, &tat) {
            self.date(t, "start", &tat);
            self.date(t, "end", &tat);
            self.enum_(t, "precision", &tat, TIME_PRECISION, true);
            self.string(t, "text", &tat, true);
            self.span_key(t, "span", &tat, true);
        }
        match self.key(o, "actors", at).as_array() {
            Some(actors) => {
                for (i, a) in actors.iter().enumerate() {
                    let aat = format!("{at}.actors[{i}]");
                    if let Some(a) = self.obj(a, &aat) {
                        self.enum_(a, "role", &aat, ROLES, false);
                        self.string(a, "name", &aat, false);
                        self.string(a, "canonical", &aat, false);
                        self.enum_(a, "kind", &aat, ACTOR_KINDS, false);
                        if a.contains_key("parent") {
                            self.string(a, "parent", &aat, true);
                        }
                        self.span_key(a, "span", &aat, true);
                    }
                }
            }
            None => self.fail(at, "`actors` should be a list".into()),
        }
    }

    fn quantity(&mut self, q: &Value, at: &str) {
        let Some(o) = self.obj(q, at) else { return };
        self.enum_(o, "measure", at, MEASURES, false);
        self.string(o, "who", at, true);
        for k in ["low", "best", "high"] {
            self.int(o, k, at);
        }
        self.enum_(o, "qualifier", at, QUALIFIERS, false);
        self.string(o, "text", at, false);
        let span = self.key(o, "span", at);
        if let Some((s, e)) = self.span(span, &format!("{at}.span")) {
            let t = o.get("text").and_then(Value::as_str).unwrap_or("");
            if &self.text[s..e] != t {
                self.fail(
                    at,
                    format!(
                        "`text` {t:?} is not the text of its span {:?}",
                        &self.text[s..e]
                    ),
                );
            }
        }
    }
}

#[test]
fn checker_rejects_malformed_output() {
    let text = "Ten soldiers surrendered in Myanmar.";
    let mut c = Check {
        text,
        errors: vec![],
    };
    c.document(&serde_json::json!({"doc_id": "x", "path": null, "published": "2024-13-01",
        "title": null, "events": [{"id": "e", "type": "riot", "aggregate": "no", "modality": "asserted",
        "quantities": [{"measure": "people", "who": "soldiers", "low": 10, "best": 10.5, "high": 10,
                        "qualifier": "exact", "text": "Ten soldiers", "span": [0, 11]}],
        "location": null, "time": {"start": null, "end": null, "precision": null, "text": null},
        "actors": [], "claimed_by": null, "sentence": [0, 99], "trigger": [2, 1], "confidence": 0.5}]}));
    let all = c.errors.join("\n");
    for expected in [
        "published",
        "`type` = \"riot\"",
        "`aggregate`",
        "`best`",
        "not the text of its span",
        "sentence: span [0,99] outside",
        "trigger: span [2,1] outside",
    ] {
        assert!(all.contains(expected), "{expected} not in\n{all}");
    }
    let mut c = Check {
        text: "Nay Pyi Taw ဗမာ",
        errors: vec![],
    };
    c.span(&serde_json::json!([0, 13]), "x");
    assert!(c.errors[0].contains("char boundaries"));
}

#[test]
fn dev_set_output_has_the_spec_shape() {
    let Some(dir) = eval_dir() else {
        eprintln!("note: ../shared/eval not found; spec §6 shape test on the dev set skipped");
        return;
    };
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    assert!(!golds.is_empty());
    let mut failures = Vec::new();
    let mut events = 0usize;
    for g in &golds {
        let name = g.file_stem().unwrap().to_str().unwrap();
        let doc = dir.join("docs").join(format!("{name}.txt"));
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let date = gold["published"].as_str().unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["extract", "--format", "jsonl", "--date", date])
            .arg(&doc)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{name}: one line per document");
        let v: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(v["published"], date);
        events += v["events"].as_array().map_or(0, Vec::len);
        let text = std::fs::read_to_string(&doc).unwrap();
        let mut c = Check {
            text: &text,
            errors: vec![],
        };
        c.document(&v);
        failures.extend(c.errors.into_iter().map(|e| format!("{name}: {e}")));
    }
    eprintln!("checked {} documents, {events} events", golds.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
