//! Admin1 accuracy of the geocoder alone on the development set:
//! `cargo run -p sitrep-gazetteer --example dev_admin1 -- [/work/shared/eval]`
//!
//! For each gold event with an admin1: when the geocoder found a mention of one of its
//! gold place names, the prediction is that mention's admin1 (the first one in the
//! text). Otherwise the event is located by its count (digits or number words, first
//! occurrence): the prediction is the admin1 of the place mention of that sentence
//! nearest to the number, or, when the sentence has none, of the nearest mention before
//! it in the document (what an event assembler without other clues would do). Events
//! with neither a found place nor a count in the text are reported apart.
use std::path::PathBuf;

use sitrep_core::{PlaceMention, PlacePrecision, Span};
use sitrep_gazetteer::Gazetteer;

fn norm(s: &str) -> String {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    while w.len() > 1
        && matches!(
            w.last().map(String::as_str),
            Some(
                "township"
                    | "townships"
                    | "town"
                    | "village"
                    | "prison"
                    | "region"
                    | "state"
                    | "district"
                    | "ward"
                    | "city"
                    | "island"
                    | "road"
            )
        )
    {
        w.pop();
    }
    w.join(" ")
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn number_forms(n: i64) -> Vec<String> {
    let mut v = vec![n.to_string()];
    if n >= 1000 {
        let digits: Vec<char> = n.to_string().chars().collect();
        let groups: Vec<String> = digits
            .rchunks(3)
            .rev()
            .map(|c| c.iter().collect())
            .collect();
        let out = groups.join(",");
        v.push(out);
    }
    if (0..20).contains(&n) {
        v.push(UNITS[n as usize].to_string());
    } else if (20..100).contains(&n) {
        let t = TENS[(n / 10) as usize];
        v.push(if n % 10 == 0 {
            t.to_string()
        } else {
            format!("{t}-{}", UNITS[(n % 10) as usize])
        });
    }
    v
}

/// Byte offset of the first occurrence of one of the number forms as a whole word.
fn number_at(s: &str, forms: &[String]) -> Option<usize> {
    let l = s.to_ascii_lowercase();
    forms
        .iter()
        .filter_map(|f| {
            l.match_indices(f.as_str())
                .find(|(i, _)| {
                    let before = l[..*i].chars().last();
                    let after = l[i + f.len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == ',')
                        && !after.is_some_and(|c| c.is_alphanumeric())
                })
                .map(|(i, _)| i)
        })
        .min()
}

fn rank(p: Option<PlacePrecision>) -> usize {
    p.map(|p| {
        PlacePrecision::ALL
            .iter()
            .position(|x| *x == p)
            .unwrap_or(9)
    })
    .unwrap_or(9)
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/work/shared/eval".into()),
    );
    let g = Gazetteer::embedded();
    let (mut n, mut ok, mut ok_strict, mut unlocated) = (0, 0, 0, 0);
    let mut golds: Vec<PathBuf> = match std::fs::read_dir(dir.join("gold")) {
        Ok(r) => r.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    golds.sort();
    for gp in golds {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gp).unwrap()).unwrap();
        let doc = gold["doc"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(dir.join("docs").join(doc)).unwrap();
        let sents = sitrep_text::sentences(&text);
        let ms = g.find(&text, &sents);
        for ev in gold["events"].as_array().unwrap() {
            let Some(admin1) = ev["admin1"].as_str() else {
                continue;
            };
            n += 1;
            let names: Vec<String> = ev["place"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str()).map(norm).collect())
                .unwrap_or_default();
            let in_sent = |s: Span, m: &PlaceMention| s.contains(m.span);
            // 1. A mention of a gold place name.
            let by_name = ms.iter().find(|m| names.contains(&norm(&m.name)));
            // 2. Else the sentence and position of the count.
            let mut at: Option<(Span, usize)> = None;
            if by_name.is_none() {
                if let Some(c) = ev["count"].as_object() {
                    let mut forms = Vec::new();
                    for k in ["best", "low", "high"] {
                        if let Some(x) = c.get(k).and_then(|x| x.as_i64()) {
                            forms.extend(number_forms(x));
                        }
                    }
                    at = sents.iter().find_map(|s| {
                        number_at(s.span.slice(&text), &forms).map(|p| (s.span, s.span.0 + p))
                    });
                }
            }
            let (strict, pred, s0) = if let Some(m) = by_name {
                let a = m.location.admin1.clone();
                (a.clone(), a, m.span.0)
            } else if let Some((s, p)) = at {
                let near = ms
                    .iter()
                    .filter(|m| in_sent(s, m))
                    .min_by_key(|m| (m.span.distance(Span(p, p)), rank(m.location.precision)));
                let strict = near.and_then(|m| m.location.admin1.clone());
                let pred = strict.clone().or_else(|| {
                    ms.iter()
                        .rev()
                        .find(|m| m.span.1 <= s.0)
                        .and_then(|m| m.location.admin1.clone())
                });
                (strict, pred, s.0)
            } else {
                unlocated += 1;
                println!("{doc}: unlocated event {:?} (gold {admin1})", ev["type"]);
                continue;
            };
            if strict.as_deref() == Some(admin1) {
                ok_strict += 1;
            }
            if pred.as_deref() == Some(admin1) {
                ok += 1;
            } else {
                println!("{doc}: gold {admin1}, geocoder {:?} (at {s0})", pred);
            }
        }
    }
    let located = n - unlocated;
    println!(
        "gold events with admin1: {n}; located: {located}; admin1 accuracy over located: {:.3} ({ok}/{located}); sentence-only: {:.3} ({ok_strict}/{located}); over all: {:.3}",
        ok as f64 / located.max(1) as f64,
        ok_strict as f64 / located.max(1) as f64,
        ok as f64 / n.max(1) as f64
    );
}
