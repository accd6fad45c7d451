//! `sitrep serve` against a database built by `sitrep ingest` from reports written for the test:
//! the API agrees with `sitrep events`, reviews need the token, and reviewed values win in
//! the CLI's outputs too.

#[path = "serve_support.rs"]
mod support;

use serde_json::json;
use support::*;

const TOKEN: &str = "serve-api-test-token";

#[test]
fn api_agrees_with_the_cli_and_reviews_flow_into_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest_reports(dir.path(), &db);
    let server = start(&db, TOKEN);
    let a = server.addr.as_str();

    // Every event the CLI lists, the API lists, in the same order.
    let all = get(a, "/api/events?limit=1000");
    assert_eq!(all.status, 200, "{}", all.text());
    let api_all = api_event_ids(&all.json());
    let cli_all = cli_event_ids(&db, &[]);
    assert!(
        !cli_all.is_empty(),
        "the extractor found no events in the test reports"
    );
    assert_eq!(api_all, cli_all);

    // The same filters give the same events.
    for (query, args) in [
        ("type=surrender", vec!["--type", "surrender"]),
        ("admin1=Shan", vec!["--admin1", "Shan"]),
        ("place=Hpakant", vec!["--place", "Hpakant"]),
        ("min_count=100", vec!["--min-count", "100"]),
        (
            "since=2024-02-01&until=2024-03-31",
            vec!["--since", "2024-02-01", "--until", "2024-03-31"],
        ),
        ("actor=MNDAA", vec!["--actor", "MNDAA"]),
        ("aggregate=no", vec!["--aggregate", "no"]),
    ] {
        let r = get(a, &format!("/api/events?{query}&limit=1000"));
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        assert_eq!(
            api_event_ids(&r.json()),
            cli_event_ids(&db, &args),
            "{query}"
        );
    }
    // Paging with a small limit covers the same list.
    let mut paged = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(c) => format!("/api/events?limit=2&cursor={c}"),
            None => "/api/events?limit=2".into(),
        };
        let v = get(a, &path).json();
        paged.extend(api_event_ids(&v));
        match v["next_cursor"].as_str() {
            Some(c) => next = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(paged, cli_all);

    // One event: its document as ingested and evidence spans that point into it.
    let id = cli_all[0].clone();
    let v = get(a, &format!("/api/events/{id}")).json();
    let text = v["document"]["text"].as_str().unwrap();
    assert!(
        REPORTS_JSONL.contains(&text[..40]),
        "document text as ingested"
    );
    for e in v["evidence"].as_array().unwrap() {
        let (s, t) = (
            e["span"][0].as_u64().unwrap() as usize,
            e["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..t], e["text"].as_str().unwrap());
    }

    // Writes: no token, wrong token, right token.
    let uri = format!("/api/events/{id}/review");
    assert_eq!(
        post(a, &uri, None, &json!({"action": "accept"})).status,
        401
    );
    assert_eq!(
        post(a, &uri, Some("not-the-token"), &json!({"action": "accept"})).status,
        403
    );
    let r = post(
        a,
        &uri,
        Some(TOKEN),
        &json!({"action": "accept", "reviewer": "tester"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = post(
        a,
        &uri,
        Some(TOKEN),
        &json!({"action": "correct", "field": "count", "value": 77, "reviewer": "tester"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());

    // The audit log has both decisions with reviewer and previous value.
    let audit = get(a, &format!("/api/audit?event={id}")).json();
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{audit}");
    assert_eq!(entries[0]["action"], "correct");
    assert_eq!(entries[0]["reviewer"], "tester");
    assert!(!entries[0]["old_value"].is_null());
    assert_eq!(entries[1]["action"], "accept");

    // Reviewed values win in the CLI's outputs as well.
    let out = sitrep()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains(&format!("\"id\":\"{id}\"")))
        .unwrap()
        .to_string();
    let e: serde_json::Value = serde_json::from_str(&line).unwrap();
    let measure = e["event"]["type"].as_str().unwrap().to_string();
    let primary = match measure.as_str() {
        "battle"
        | "airstrike"
        | "shelling"
        | "explosion"
        | "attack_on_civilians"
        | "casualties" => "killed",
        "arson" => "houses",
        _ => "people",
    };
    let q = e["event"]["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["measure"] == primary)
        .unwrap();
    assert_eq!(q["best"], 77, "{line}");
    let csv = get(a, "/api/export?format=ucdp-csv");
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
}

#[test]
fn serve_refuses_a_file_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.db");
    std::fs::write(&bad, "these are my notes, not a database\n".repeat(50)).unwrap();
    let out = sitrep()
        .arg("serve")
        .arg("--db")
        .arg(&bad)
        .args(["--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.db"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "these are my notes, not a database\n".repeat(50),
        "left unchanged"
    );
}

#[test]
fn serve_generates_a_token_once_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut child = sitrep()
        .arg("serve")
        .arg("--db")
        .arg(&db)
        .args(["--bind", "127.0.0.1:0"])
        .env_remove("SITREP_TOKEN")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("serving"), "{first}");
    let token = std::fs::read_to_string(dir.path().join("t.db.token")).unwrap();
    assert!(
        second.contains(token.trim()),
        "the generated token is printed: {second}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("t.db.token"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "token file readable by its owner only");
    }
}
