//! Every place named in the development set's gold events resolves, in its document,
//! to the gold admin1. Reads the development set (see `eval_dir`); prints a note and
//! passes when it is not there.

use std::path::PathBuf;

use sitrep_gazetteer::Gazetteer;

/// `$SITREP_EVAL_DIR`, else `shared/eval` beside the repository (as CI has it), else
/// `/work/shared/eval`.
fn eval_dir() -> Option<PathBuf> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    let candidates = [
        std::env::var_os("SITREP_EVAL_DIR").map(PathBuf::from),
        Some(beside),
        Some(PathBuf::from("/work/shared/eval")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("gold").is_dir() && d.join("docs").is_dir())
}

/// Words of a name, lower-cased, hyphens as spaces, without a trailing type word.
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

#[test]
fn gold_places_resolve_to_gold_admin1() {
    let Some(dir) = eval_dir() else {
        eprintln!("note: no development set found (shared/eval); nothing to check");
        return;
    };
    let g = Gazetteer::builtin();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    for gold_path in golds {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let doc = gold["doc"].as_str().unwrap_or_default().to_string();
        let doc_path = dir.join("docs").join(&doc);
        let doc_path = if doc_path.is_file() {
            doc_path
        } else {
            dir.join("docs")
                .join(gold_path.file_stem().unwrap())
                .with_extension("txt")
        };
        let text = std::fs::read_to_string(&doc_path).unwrap();
        let mentions = g.find(&text, &sitrep_text::sentences(&text));
        for ev in gold["events"].as_array().unwrap() {
            let (Some(admin1), Some(places)) = (ev["admin1"].as_str(), ev["place"].as_array())
            else {
                continue;
            };
            let names: Vec<String> = places.iter().filter_map(|p| p.as_str()).map(norm).collect();
            let matching: Vec<_> = mentions
                .iter()
                .filter(|m| names.contains(&norm(&m.name)))
                .collect();
            checked += 1;
            if matching.is_empty() {
                failures.push(format!("{doc}: no mention of {names:?} found"));
                continue;
            }
            for m in &matching {
                if m.location.admin1.as_deref() != Some(admin1) {
                    failures.push(format!(
                        "{doc}: `{}` at {} resolved to {:?}, gold {admin1} ({})",
                        m.name, m.span.0, m.location.admin1, m.why
                    ));
                }
            }
        }
    }
    eprintln!("checked {checked} gold events with a place and an admin1");
    assert!(checked > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
