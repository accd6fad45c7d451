//! `sitrep eval` on a small hand-made gold folder (no dev set needed).

use std::process::Command;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

#[test]
fn scores_a_pred_file_and_a_docs_folder() {
    let d = tempfile::tempdir().unwrap();
    let gold = d.path().join("gold");
    let docs = d.path().join("docs");
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        gold.join("one.json"),
        r#"{"doc": "one.txt", "published": "2024-04-04", "events": [
            {"type": ["arrest"], "count": {"low": 6, "best": 6, "high": 6}, "admin1": "Mandalay",
             "place": null, "date": null, "actors": [], "aggregate": false}]}"#,
    )
    .unwrap();
    std::fs::write(
        docs.join("one.txt"),
        "Police arrested six youths in Mandalay.\n",
    )
    .unwrap();
    let pred = d.path().join("pred.jsonl");
    std::fs::write(
        &pred,
        r#"{"doc_id":"x","path":"/somewhere/one.txt","events":[{"type":"arrest","quantities":[{"measure":"people","low":6,"best":6,"high":6}],"location":{"name":"Mandalay","admin1":"Mandalay"},"time":{"start":null},"actors":[]}]}"#,
    )
    .unwrap();
    let o = sitrep()
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["tp"], 1);
    assert_eq!(v["full_match_f1"], 1.0);
    assert_eq!(v["field_accuracy"]["count_best"], 1.0);

    // --docs extracts in-process; whatever the extractor finds, the document is scored.
    let o = sitrep()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--docs")
        .arg(&docs)
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("docs=1 with_output=1 "), "{text}");
    assert!(text.contains("\nfield accuracy: "), "{text}");
}

#[test]
fn missing_gold_folder_is_an_error() {
    let o = sitrep()
        .args(["eval", "--gold", "/no/such/gold", "--docs", "/no/such/docs"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/no/such/gold: cannot read the gold folder"),
        "{err}"
    );
}
