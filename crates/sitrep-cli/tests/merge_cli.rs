//! `sitrep merge`, `sitrep incidents` and `sitrep tally` on a real database
//! file filled through the store API with events written for this test.

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use serde_json::Value;
use sitrep_core::{
    Actor, ActorKind, DocOutput, Document, Event, EventType, Location, Modality, PlacePrecision,
    Qualifier, Quantity, Role, Span, Time, TimePrecision,
};
use sitrep_store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// low, best, high and the words of a count.
type Count = (Option<i64>, Option<i64>, Option<i64>, &'static str);

struct Ev {
    t: EventType,
    count: Option<Count>,
    place: Option<(&'static str, Option<&'static str>, PlacePrecision)>,
    admin1: &'static str,
    day: Option<&'static str>,
    range: Option<(&'static str, &'static str)>,
    unit: Option<&'static str>,
    agent: Option<&'static str>,
    aggregate: bool,
}

fn event(e: &Ev) -> Event {
    let mut actors = Vec::new();
    if let Some(u) = e.unit {
        actors.push(Actor {
            role: Role::Agent,
            name: u.into(),
            canonical: u.into(),
            kind: ActorKind::MilitaryUnit,
            parent: Some("Myanmar Armed Forces".into()),
            span: None,
        });
    }
    if let Some(a) = e.agent {
        actors.push(Actor {
            role: Role::Agent,
            name: a.into(),
            canonical: a.into(),
            kind: ActorKind::StateForce,
            parent: None,
            span: None,
        });
    }
    let time = match (e.day, e.range) {
        (Some(x), _) => Time {
            start: Some(d(x)),
            end: Some(d(x)),
            precision: Some(TimePrecision::Day),
            text: Some("on Friday".into()),
            ..Time::default()
        },
        (None, Some((s, t))) => Time {
            start: Some(d(s)),
            end: Some(d(t)),
            precision: Some(TimePrecision::Range),
            text: Some("since October 27".into()),
            ..Time::default()
        },
        _ => Time::default(),
    };
    Event {
        id: "e1".into(),
        event_type: e.t,
        aggregate: e.aggregate,
        modality: Modality::Asserted,
        quantities: e
            .count
            .map(|(low, best, high, text)| Quantity {
                measure: e.t.primary_measure(),
                who: Some("soldiers".into()),
                low,
                best,
                high,
                qualifier: if high.is_none() {
                    Qualifier::MoreThan
                } else {
                    Qualifier::Exact
                },
                text: text.into(),
                span: Span(0, 4),
            })
            .into_iter()
            .collect(),
        location: e.place.map(|(name, township, precision)| Location {
            name: name.into(),
            admin1: Some(e.admin1.into()),
            township: township.map(str::to_string),
            precision: Some(precision),
            ..Location::default()
        }),
        time,
        actors,
        claimed_by: None,
        sentence: Span(0, 10),
        trigger: Span(0, 4),
        confidence: 0.9,
        mentions: vec![],
        explain: vec![],
    }
}

fn add(store: &mut Store, path: &str, published: &str, text: &str, ev: Ev) {
    let doc = Document::new(text)
        .with_path(path)
        .with_published(Some(d(published)));
    let out = DocOutput {
        doc_id: doc.doc_id.clone(),
        path: doc.path.clone(),
        published: doc.published,
        title: None,
        events: vec![event(&ev)],
        quotes: vec![],
        warnings: vec![],
    };
    store.insert_document(&doc, &out).unwrap();
}

const BASE: Ev = Ev {
    t: EventType::Surrender,
    count: None,
    place: None,
    admin1: "Shan",
    day: None,
    range: None,
    unit: None,
    agent: None,
    aggregate: false,
};

fn fill(db: &Path) {
    let mut store = Store::open(db).unwrap();
    add(
        &mut store,
        "reports/herald.txt",
        "2024-01-06",
        "On Friday 126 soldiers of LIB 128 surrendered in Laukkai.",
        Ev {
            count: Some((Some(126), Some(126), Some(126), "126 soldiers")),
            place: Some(("Laukkai", Some("Laukkai"), PlacePrecision::Town)),
            day: Some("2024-01-05"),
            unit: Some("LIB 128"),
            ..BASE
        },
    );
    add(
        &mut store,
        "https://courier.example/laukkai",
        "2024-01-07",
        "127 troops of LIB 129 laid down arms in Laukkai Township on January 5.",
        Ev {
            count: Some((Some(127), Some(127), Some(127), "127 troops")),
            place: Some((
                "Laukkai Township",
                Some("Laukkai"),
                PlacePrecision::Township,
            )),
            day: Some("2024-01-05"),
            unit: Some("LIB 129"),
            ..BASE
        },
    );
    add(
        &mut store,
        "reports/summary.txt",
        "2024-01-06",
        "More than 2,000 soldiers have surrendered in Shan State since October 27.",
        Ev {
            count: Some((Some(2001), Some(2001), None, "more than 2,000 soldiers")),
            place: Some(("Shan State", None, PlacePrecision::Admin1)),
            range: Some(("2023-10-27", "2024-01-06")),
            agent: Some("Myanmar Armed Forces"),
            aggregate: true,
            ..BASE
        },
    );
    add(
        &mut store,
        "reports/strike.txt",
        "2024-03-11",
        "A junta air strike killed 12 people in Kani Township on Sunday.",
        Ev {
            t: EventType::Airstrike,
            count: Some((Some(12), Some(12), Some(12), "12 people")),
            place: Some(("Kani Township", Some("Kani"), PlacePrecision::Township)),
            admin1: "Sagaing",
            day: Some("2024-03-10"),
            agent: Some("Myanmar Armed Forces"),
            ..BASE
        },
    );
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("SITREP_DB")
        .output()
        .expect("run sitrep")
}

fn ok(args: &[&str]) -> String {
    let out = sitrep(args);
    assert!(
        out.status.success(),
        "sitrep {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn merge_then_list_incidents_tally_and_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("war.db");
    fill(&db);
    let dbs = db.to_str().unwrap();

    let s = ok(&["merge", "--db", dbs]);
    assert!(s.contains("merged 4 events into 3 incidents"), "{s}");

    let incidents = jsonl(&ok(&["incidents", "--db", dbs, "--format", "jsonl"]));
    assert_eq!(incidents.len(), 3);
    let surrender = incidents
        .iter()
        .find(|i| i["type"] == "surrender" && i["aggregate"] == false)
        .unwrap();
    assert_eq!(surrender["events"].as_array().unwrap().len(), 2);
    let docs: Vec<&str> = surrender["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(docs.contains(&"reports/herald.txt"));
    assert!(docs.contains(&"https://courier.example/laukkai"));
    assert_eq!(surrender["count"]["low"], 126);
    assert_eq!(surrender["count"]["best"], 126);
    assert_eq!(surrender["count"]["high"], 127);
    assert_eq!(surrender["location"]["name"], "Laukkai");
    assert_eq!(surrender["time"]["start"], "2024-01-05");
    let unit = surrender["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "unit")
        .expect("unit flag");
    assert!(unit["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["value"] == "LIB 129" && v["document"] == "https://courier.example/laukkai"));

    // Filters and --disputed.
    let disputed = jsonl(&ok(&[
        "incidents",
        "--db",
        dbs,
        "--disputed",
        "--format",
        "jsonl",
    ]));
    assert_eq!(disputed.len(), 1);
    let sagaing = jsonl(&ok(&[
        "incidents",
        "--db",
        dbs,
        "--admin1",
        "Sagaing Region",
        "--format",
        "jsonl",
    ]));
    assert_eq!(sagaing.len(), 1);
    assert_eq!(sagaing[0]["type"], "airstrike");
    let table = ok(&[
        "incidents",
        "--db",
        dbs,
        "--type",
        "surrender",
        "--aggregate",
        "no",
    ]);
    assert!(
        table.contains("unit: LIB 128 [reports/herald.txt]"),
        "{table}"
    );
    assert!(table.contains("1 incidents"), "{table}");

    // Tally by type: the summary claim has its own column.
    let rows: Value = serde_json::from_str(&ok(&[
        "tally", "--db", dbs, "--by", "type", "--format", "json",
    ]))
    .unwrap();
    let sur = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "surrender")
        .unwrap();
    assert_eq!(sur["incidents"], 1);
    assert_eq!(sur["reports"], 2);
    assert_eq!(sur["low"], 126);
    assert_eq!(sur["best"], 126);
    assert_eq!(sur["high"], 127);
    assert_eq!(sur["high_unknown"], false);
    assert_eq!(sur["summary_claims"], 1);
    assert_eq!(sur["summary_best_max"], 2001);
    let csv = ok(&["tally", "--db", dbs, "--by", "admin1", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("key,measure,incidents,reports,low,best"));
    assert!(
        csv.contains("Shan,people,1,2,126,126,0,127,false,0,126,1,1,2001"),
        "{csv}"
    );
    let table = ok(&["tally", "--db", dbs, "--by", "month"]);
    assert!(table.contains("2024-03"), "{table}");

    // The ledger.
    let ledger: Value = serde_json::from_str(&ok(&[
        "tally",
        "--db",
        dbs,
        "--ledger",
        "Myanmar Armed Forces",
        "--format",
        "json",
    ]))
    .unwrap();
    let rows = ledger.as_array().unwrap();
    let single = rows
        .iter()
        .find(|r| r["flow"] == "surrendered" && r["summary"] == false)
        .expect("surrender row");
    assert_eq!(single["month"], "2024-01");
    assert_eq!(single["low"], 126);
    assert_eq!(single["high"], 127);
    assert_eq!(single["sources"].as_array().unwrap().len(), 2);
    let summary = rows
        .iter()
        .find(|r| r["flow"] == "surrendered" && r["summary"] == true)
        .expect("summary row");
    assert_eq!(summary["high_unknown"], true);
    assert_eq!(summary["month"], "2023-10");
}

#[test]
fn incremental_merge_adds_new_reports_to_existing_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("war.db");
    fill(&db);
    let dbs = db.to_str().unwrap();
    ok(&["merge", "--db", dbs]);
    {
        let mut store = Store::open(&db).unwrap();
        add(
            &mut store,
            "reports/strike2.txt",
            "2024-03-12",
            "Twelve villagers died when regime jets bombed Kani Township on March 10.",
            Ev {
                t: EventType::Airstrike,
                count: Some((Some(12), Some(12), Some(12), "twelve villagers")),
                place: Some(("Kani Township", Some("Kani"), PlacePrecision::Township)),
                admin1: "Sagaing",
                day: Some("2024-03-10"),
                agent: Some("Myanmar Armed Forces"),
                ..BASE
            },
        );
    }
    let s = ok(&["merge", "--db", dbs, "--incremental", "--json"]);
    let v: Value = serde_json::from_str(s.trim()).unwrap();
    assert_eq!(v["incidents"], 1, "{s}");
    let incidents = jsonl(&ok(&["incidents", "--db", dbs, "--format", "jsonl"]));
    assert_eq!(incidents.len(), 3);
    let strike = incidents.iter().find(|i| i["type"] == "airstrike").unwrap();
    assert_eq!(strike["events"].as_array().unwrap().len(), 2);
    let docs = strike["documents"].as_array().unwrap();
    assert!(docs.iter().any(|d| d == "reports/strike2.txt"), "{docs:?}");
    assert!(docs.iter().any(|d| d == "reports/strike.txt"), "{docs:?}");
}

#[test]
fn bad_databases_and_arguments_fail_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let out = sitrep(&["merge", "--db", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope.db"), "{err}");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "this is not a database, just some text").unwrap();
    for cmd in ["merge", "incidents", "tally"] {
        let out = sitrep(&[cmd, "--db", junk.to_str().unwrap()]);
        assert!(!out.status.success(), "{cmd}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("junk.db"),
            "{cmd}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap(),
        "this is not a database, just some text"
    );

    let db = dir.path().join("war.db");
    fill(&db);
    let out = sitrep(&["tally", "--db", db.to_str().unwrap(), "--by", "colour"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("colour"));
    // Events but no merge yet: an empty list and a hint.
    let out = sitrep(&["incidents", "--db", db.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sitrep merge"));
}

#[test]
fn rejected_events_leave_their_incidents_on_the_next_merge() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("war.db");
    fill(&db);
    let dbs = db.to_str().unwrap();
    ok(&["merge", "--db", dbs]);
    let incidents = jsonl(&ok(&[
        "incidents",
        "--db",
        dbs,
        "--type",
        "surrender",
        "--aggregate",
        "no",
        "--format",
        "jsonl",
    ]));
    let courier_event = incidents[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .zip(incidents[0]["documents"].as_array().unwrap())
        .find(|(_, d)| *d == "https://courier.example/laukkai")
        .map(|(e, _)| e.as_str().unwrap().to_string())
        .unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        store
            .review(
                &courier_event,
                sitrep_store::ReviewAction::Reject,
                "analyst",
            )
            .unwrap();
    }
    let s = ok(&["merge", "--db", dbs]);
    assert!(s.contains("merged 3 events into 3 incidents"), "{s}");
    let incidents = jsonl(&ok(&[
        "incidents",
        "--db",
        dbs,
        "--type",
        "surrender",
        "--aggregate",
        "no",
        "--format",
        "jsonl",
    ]));
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0]["events"].as_array().unwrap().len(), 1);
    assert!(incidents[0]["flags"].as_array().unwrap().is_empty());
}
