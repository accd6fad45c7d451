//! `sitrep ingest`, `events`, `show`, `reextract` end to end on real files.
//! These check storage, not extraction quality: counts of documents, not of events.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use sitrep_store::{EventFilter, Store};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("SITREP_DB")
        .output()
        .expect("run sitrep")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const REPORTS: &[&str] = &[
    "Resistance forces captured a junta outpost near Kawlin in Sagaing Region on Monday, a spokesperson said.\n",
    "Around 30 soldiers of Light Infantry Battalion 512 surrendered to the Arakan Army in Rakhine State on Tuesday.\n",
    "A military airstrike killed at least 11 civilians in a village of Kanbalu Township on December 3.\n",
    "Junta troops torched more than 200 houses in Yinmabin Township last week, residents said.\n",
];

fn write_reports(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (i, r) in REPORTS.iter().enumerate() {
        let p = if i % 2 == 0 {
            dir.join(format!("report{i}.txt"))
        } else {
            dir.join("sub").join(format!("report{i}.txt"))
        };
        std::fs::write(p, r).unwrap();
    }
}

#[test]
fn ingest_folder_is_idempotent_and_summarised() {
    let t = tempfile::tempdir().unwrap();
    let docs = t.path().join("docs");
    write_reports(&docs);
    let db = t.path().join("s.db");
    let dbs = db.to_str().unwrap();
    let o = sitrep(&["ingest", "--db", dbs, docs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("4 new documents"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("merge: "),
        "new events are merged: {}",
        stderr(&o)
    );
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.documents_count().unwrap(), 4);
    let events_before = s.stats().unwrap().events;
    drop(s);
    // Second run: everything known, nothing added.
    let o = sitrep(&["ingest", "--db", dbs, docs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 new documents"), "{}", stderr(&o));
    assert!(stderr(&o).contains("4 duplicates"), "{}", stderr(&o));
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.documents_count().unwrap(), 4);
    assert_eq!(s.stats().unwrap().events, events_before);
    // Every stored document keeps its path and text.
    let ids = s.document_ids().unwrap();
    for id in ids {
        let d = s.document(&id).unwrap().unwrap();
        assert!(d.path.as_deref().unwrap().ends_with(".txt"));
        assert!(REPORTS.contains(&d.text.as_str()));
        assert_eq!(d.extractor_version, sitrep_core::EXTRACTOR_VERSION);
    }
}

#[test]
fn ingest_reads_stdin_and_uses_the_env_database() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("env.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["ingest", "--date", "2024-03-02", "-"])
        .env("SITREP_DB", &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Police detained 14 protesters in Mandalay on Friday.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.documents_count().unwrap(), 1);
    let id = s.document_ids().unwrap().into_iter().next().unwrap();
    let d = s.document(&id).unwrap().unwrap();
    assert_eq!(d.published.unwrap().to_string(), "2024-03-02");
    assert_eq!(d.path.as_deref(), Some("-"));
}

#[test]
fn jsonl_versions_and_malformed_lines() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("j.db");
    let dbs = db.to_str().unwrap();
    let v1 = t.path().join("v1.jsonl");
    std::fs::write(
        &v1,
        concat!(
            r#"{"text":"Fighting broke out near Lashio on Sunday.","url":"https://news.example/a","title":"Clash","published":"2024-01-07","outlet":"Example News"}"#,
            "\n",
            r#"{"text":"Dozens of families fled Myebon after shelling.","url":"https://news.example/b","published":"2024-01-08"}"#,
            "\n"
        ),
    )
    .unwrap();
    let o = sitrep(&["ingest", "--db", dbs, v1.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = sitrep(&["events", "--db", dbs, "--format", "jsonl"]);
    assert!(before.status.success());

    // Same URL, new text: a new version. Plus one malformed line.
    let v2 = t.path().join("v2.jsonl");
    std::fs::write(
        &v2,
        concat!(
            r#"{"text":"Fighting broke out near Lashio on Sunday; 4 soldiers were killed.","url":"https://news.example/a","published":"2024-01-07"}"#,
            "\n",
            "{this is not json\n",
            r#"{"text":"Dozens of families fled Myebon after shelling.","url":"https://news.example/b","published":"2024-01-08"}"#,
            "\n"
        ),
    )
    .unwrap();
    let o = sitrep(&["ingest", "--db", dbs, v2.to_str().unwrap()]);
    assert!(!o.status.success(), "a malformed line must fail the run");
    let e = stderr(&o);
    assert!(e.contains("1 new versions"), "{e}");
    assert!(e.contains("1 duplicates"), "{e}");
    assert!(e.contains("1 failed"), "{e}");
    assert!(e.contains("v2.jsonl"), "the failure names the file: {e}");

    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.documents_count().unwrap(), 3);
    let all = EventFilter {
        include_superseded: true,
        ..Default::default()
    };
    // Nothing stored before was lost or changed: the first run's events are
    // still there, identical (with --include-superseded).
    let after = sitrep(&[
        "events",
        "--db",
        dbs,
        "--format",
        "jsonl",
        "--include-superseded",
    ]);
    let parse = |o: &Output| -> Vec<serde_json::Value> {
        stdout(o)
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                // `current` is the one field a newer version is allowed to change.
                v.as_object_mut().unwrap().remove("current");
                v
            })
            .collect()
    };
    let after = parse(&after);
    for e in parse(&before) {
        assert!(after.contains(&e), "lost or changed: {e}");
    }
    assert!(s.events_count(&all).unwrap() >= s.events_count(&EventFilter::default()).unwrap());
    let old = s
        .document_ids()
        .unwrap()
        .into_iter()
        .filter_map(|id| s.document(&id).unwrap())
        .find(|d| d.superseded_by.is_some())
        .expect("old version kept");
    assert_eq!(old.url.as_deref(), Some("https://news.example/a"));
    assert_eq!(old.outlet.as_deref(), Some("Example News"));
}

#[test]
fn missing_input_fails_but_the_rest_is_stored() {
    let t = tempfile::tempdir().unwrap();
    let docs = t.path().join("docs");
    write_reports(&docs);
    let db = t.path().join("m.db");
    let o = sitrep(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        t.path().join("nope.txt").to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nope.txt"), "{}", stderr(&o));
    assert_eq!(
        Store::open_read_only(&db)
            .unwrap()
            .documents_count()
            .unwrap(),
        4
    );
}

#[test]
fn events_show_and_reextract_on_a_seeded_store() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("e.db");
    let dbs = db.to_str().unwrap();
    let id = seed_one(&db);
    let o = sitrep(&["events", "--db", dbs]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("surrender"), "{}", stdout(&o));
    assert!(stdout(&o).contains("41 people"), "{}", stdout(&o));
    let o = sitrep(&["events", "--db", dbs, "--type", "battle"]);
    assert!(o.status.success());
    assert!(!stdout(&o).contains("surrender"));
    let o = sitrep(&[
        "events",
        "--db",
        dbs,
        "--format",
        "csv",
        "--min-count",
        "40",
    ]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(r.headers().unwrap().get(0), Some("id"));
    assert_eq!(r.records().count(), 1);
    let o = sitrep(&[
        "events",
        "--db",
        dbs,
        "--aggregate",
        "yes",
        "--format",
        "jsonl",
    ]);
    assert!(stdout(&o).is_empty());
    let o = sitrep(&["events", "--db", dbs, "--since", "not-a-date"]);
    assert!(!o.status.success());

    // show: plain markers when not a terminal
    let o = sitrep(&["show", "--db", dbs, &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[[surrendered]]"), "{out}");
    assert!(out.contains("[[41 soldiers]]"), "{out}");
    assert!(!out.contains('\x1b'));
    let o = sitrep(&["show", "--db", dbs, "--color", "always", &id]);
    assert!(stdout(&o).contains("\x1b["));
    let o = sitrep(&["show", "--db", dbs, "no-such-event"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no-such-event"));

    // reextract: the seeded document was "extracted" by version 0.0.0-test.
    let o = sitrep(&["reextract", "--db", dbs]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 documents re-extracted"),
        "{}",
        stderr(&o)
    );
    let s = Store::open_read_only(&db).unwrap();
    assert!(s
        .stale_documents(sitrep_core::EXTRACTOR_VERSION, false)
        .unwrap()
        .is_empty());
    // Second run: nothing stale.
    let o = sitrep(&["reextract", "--db", dbs]);
    assert!(
        stderr(&o).contains("0 documents re-extracted"),
        "{}",
        stderr(&o)
    );
}

/// One document with a hand-built surrender event, extractor version "0.0.0-test".
fn seed_one(db: &Path) -> String {
    use sitrep_core::*;
    let text = "On Monday 41 soldiers surrendered to the MNDAA near Lashio.";
    let doc = Document::new(text).with_published(Some("2023-12-14".parse().unwrap()));
    let f = |w: &str| {
        let i = text.find(w).unwrap();
        Span(i, i + w.len())
    };
    let ev = Event {
        id: "e1".into(),
        event_type: EventType::Surrender,
        aggregate: false,
        modality: Modality::Asserted,
        quantities: vec![Quantity {
            measure: Measure::People,
            who: Some("soldiers".into()),
            low: Some(41),
            best: Some(41),
            high: Some(41),
            qualifier: Qualifier::Exact,
            text: "41 soldiers".into(),
            span: f("41 soldiers"),
        }],
        location: Some(Location {
            name: "Lashio".into(),
            admin1: Some("Shan".into()),
            precision: Some(PlacePrecision::Town),
            lat: Some(22.93),
            lon: Some(97.75),
            span: Some(f("Lashio")),
            ..Default::default()
        }),
        time: Time::default(),
        actors: vec![Actor {
            role: Role::Counterpart,
            name: "MNDAA".into(),
            canonical: "MNDAA".into(),
            kind: ActorKind::ArmedGroup,
            parent: None,
            span: Some(f("MNDAA")),
        }],
        claimed_by: None,
        sentence: Span(0, text.len()),
        trigger: f("surrendered"),
        confidence: 0.9,
        mentions: vec![],
        explain: vec![],
    };
    let out = DocOutput {
        doc_id: doc.doc_id.clone(),
        path: None,
        published: doc.published,
        title: None,
        events: vec![ev],
        quotes: vec![],
        warnings: vec![],
    };
    let mut s = Store::open(db).unwrap();
    s.insert_document_with_version(&doc, &out, "0.0.0-test")
        .unwrap();
    s.document_events(&doc.doc_id).unwrap()[0].id.clone()
}
