//! Actor recall on the development set: every gold actor of a document must be
//! among the canonicals the recogniser finds in it. Reads `shared/eval` (or
//! `$SITREP_EVAL_DIR`) at test time; prints a note and passes when it is absent.
mod common;
use std::path::PathBuf;

use sitrep_actors::Actors;

fn eval_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("SITREP_EVAL_DIR") {
        return Some(PathBuf::from(d));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let d = here.join("../../../shared/eval");
    d.join("gold").is_dir().then_some(d)
}

#[test]
fn gold_actors_are_found_per_document() {
    let Some(dir) = eval_dir() else {
        eprintln!(
            "note: no eval folder (shared/eval or $SITREP_EVAL_DIR); actor recall not measured"
        );
        return;
    };
    let a = Actors::embedded();
    let mut gold_total = 0usize;
    let mut found_total = 0usize;
    let mut misses = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .expect("gold folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for g in entries {
        let name = g.file_stem().unwrap().to_string_lossy().to_string();
        let doc = dir.join("docs").join(format!("{name}.txt"));
        let Ok(text) = std::fs::read_to_string(&doc) else {
            continue;
        };
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&g).expect("gold file"))
                .expect("gold json");
        let mut want: Vec<String> = gold["events"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["actors"].as_array().cloned().unwrap_or_default())
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        want.sort();
        want.dedup();
        let ms = common::find(&text);
        let have: std::collections::HashSet<String> = ms
            .iter()
            .flat_map(|m| {
                let mut v = vec![m.canonical.clone()];
                if let Some(u) = a.normalise_unit(&m.name) {
                    v.push(u);
                }
                v
            })
            .collect();
        let found = want
            .iter()
            .filter(|w| have.contains(*w) || a.normalise_unit(w).is_some_and(|u| have.contains(&u)))
            .count();
        for w in &want {
            if !have.contains(w) {
                misses.push(format!("{name}: {w}"));
            }
        }
        eprintln!("actor recall {name}: {found}/{}", want.len());
        gold_total += want.len();
        found_total += found;
    }
    let recall = found_total as f64 / gold_total.max(1) as f64;
    eprintln!("actor recall overall: {found_total}/{gold_total} = {recall:.3}; misses: {misses:?}");
    assert!(
        recall >= 0.95,
        "actor recall {recall:.3} below 0.95; misses: {misses:?}"
    );
}
