//! `sitrep export` in every format, on a store seeded with hand-built events.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::json;
use sitrep_core::*;
use sitrep_store::{ReviewAction, ReviewField, Store};

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

const TEXT: &str =
    "An airstrike killed between 8 and 12 villagers in Kanbalu Township on December 3. \
About 41 soldiers of Light Infantry Battalion 143 surrendered to the MNDAA in Lashio. \
Troops burned dozens of houses in Shan State, residents said.";

fn span(w: &str) -> Span {
    let i = TEXT.find(w).unwrap();
    Span(i, i + w.len())
}

fn sentence(w: &str) -> Span {
    let i = TEXT.find(w).unwrap();
    let s = TEXT[..i].rfind(". ").map(|k| k + 2).unwrap_or(0);
    let e = TEXT[i..]
        .find(". ")
        .map(|k| i + k + 1)
        .unwrap_or(TEXT.len());
    Span(s, e)
}

fn q(m: Measure, l: Option<i64>, b: Option<i64>, h: Option<i64>, w: &str) -> Quantity {
    Quantity {
        measure: m,
        who: None,
        low: l,
        best: b,
        high: h,
        qualifier: Qualifier::Range,
        text: w.into(),
        span: span(w),
    }
}

fn actor(role: Role, c: &str, kind: ActorKind, parent: Option<&str>) -> Actor {
    Actor {
        role,
        name: c.into(),
        canonical: c.into(),
        kind,
        parent: parent.map(String::from),
        span: None,
    }
}

fn ev(t: EventType, trigger: &str) -> Event {
    Event {
        id: String::new(),
        event_type: t,
        aggregate: false,
        modality: Modality::Asserted,
        quantities: vec![],
        location: None,
        time: Time::default(),
        actors: vec![],
        claimed_by: None,
        sentence: sentence(trigger),
        trigger: span(trigger),
        confidence: 0.8,
        mentions: vec![],
        explain: vec![],
    }
}

fn loc(
    name: &str,
    admin1: &str,
    town: Option<&str>,
    p: PlacePrecision,
    ll: Option<(f64, f64)>,
) -> Location {
    Location {
        name: name.into(),
        admin1: Some(admin1.into()),
        township: town.map(String::from),
        precision: Some(p),
        lat: ll.map(|x| x.0),
        lon: ll.map(|x| x.1),
        ..Default::default()
    }
}

/// Three events: airstrike (8–12 killed, township, day), surrender (41,
/// town, no date), arson (dozens of houses, admin1, month). Returns their ids.
fn seed(db: &Path) -> Vec<String> {
    let mut doc = Document::new(TEXT).with_published(Some("2023-12-14".parse().unwrap()));
    doc.url = Some("https://news.example/strike".into());
    doc.outlet = Some("Example News".into());
    let mut air = ev(EventType::Airstrike, "airstrike");
    air.quantities.push(q(
        Measure::Killed,
        Some(8),
        Some(10),
        Some(12),
        "between 8 and 12 villagers",
    ));
    air.location = Some(loc(
        "Kanbalu Township",
        "Sagaing",
        Some("Kanbalu"),
        PlacePrecision::Township,
        Some((23.2, 95.5)),
    ));
    air.time = Time {
        start: Some("2023-12-03".parse().unwrap()),
        end: Some("2023-12-03".parse().unwrap()),
        precision: Some(TimePrecision::Day),
        text: Some("December 3".into()),
        text_norm: None,
        span: Some(span("December 3")),
    };
    air.actors.push(actor(
        Role::Agent,
        "Myanmar Armed Forces",
        ActorKind::StateForce,
        None,
    ));
    air.actors
        .push(actor(Role::Target, "villagers", ActorKind::Civilians, None));
    let mut sur = ev(EventType::Surrender, "surrendered");
    sur.quantities.push(q(
        Measure::People,
        Some(36),
        Some(41),
        Some(46),
        "About 41 soldiers",
    ));
    sur.location = Some(loc(
        "Lashio",
        "Shan",
        Some("Lashio"),
        PlacePrecision::Town,
        Some((22.93, 97.75)),
    ));
    sur.actors.push(actor(
        Role::Agent,
        "LIB 143",
        ActorKind::MilitaryUnit,
        Some("Myanmar Armed Forces"),
    ));
    sur.actors.push(actor(
        Role::Counterpart,
        "MNDAA",
        ActorKind::ArmedGroup,
        None,
    ));
    let mut ars = ev(EventType::Arson, "burned");
    ars.quantities.push(q(
        Measure::Houses,
        Some(24),
        None,
        Some(99),
        "dozens of houses",
    ));
    ars.location = Some(loc(
        "Shan State",
        "Shan",
        None,
        PlacePrecision::Admin1,
        None,
    ));
    ars.time = Time {
        start: Some("2023-12-01".parse().unwrap()),
        end: Some("2023-12-14".parse().unwrap()),
        precision: Some(TimePrecision::Month),
        ..Default::default()
    };
    ars.actors.push(actor(
        Role::Agent,
        "Myanmar Armed Forces",
        ActorKind::StateForce,
        None,
    ));
    ars.aggregate = true;
    let out = DocOutput {
        doc_id: doc.doc_id.clone(),
        path: None,
        published: doc.published,
        title: None,
        events: vec![air, sur, ars],
        quotes: vec![],
        warnings: vec![],
    };
    let mut s = Store::open(db).unwrap();
    s.insert_document(&doc, &out).unwrap();
    s.document_events(&doc.doc_id)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect()
}

#[test]
fn acled_csv_has_acled_columns_in_order_and_parses_back() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("x.db");
    let ids = seed(&db);
    let out = t.path().join("acled.csv");
    let o = sitrep(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "acled-csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 events"), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, sitrep_store::export::ACLED_COLUMNS.to_vec());
    assert_eq!(header[0], "event_id_cnty");
    assert_eq!(header[30], "timestamp");
    let rows: Vec<std::collections::HashMap<String, String>> =
        r.deserialize().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let air = &rows[0];
    assert_eq!(air["event_id_cnty"], ids[0]);
    assert_eq!(air["event_date"], "2023-12-03");
    assert_eq!(air["year"], "2023");
    assert_eq!(air["time_precision"], "1");
    assert_eq!(air["disorder_type"], "Political violence");
    assert_eq!(air["event_type"], "Explosions/Remote violence");
    assert_eq!(air["sub_event_type"], "Air/drone strike");
    assert_eq!(air["actor1"], "Military Forces of Myanmar (2021-)");
    assert_eq!(air["inter1"], "1");
    assert_eq!(air["actor2"], "Civilians (Myanmar)");
    assert_eq!(air["inter2"], "7");
    assert_eq!(air["interaction"], "17");
    assert_eq!(air["civilian_targeting"], "Civilian targeting");
    assert_eq!(air["country"], "Myanmar");
    assert_eq!(air["iso"], "104");
    assert_eq!(air["admin1"], "Sagaing");
    assert_eq!(air["admin3"], "Kanbalu");
    assert_eq!(air["geo_precision"], "2");
    assert_eq!(air["latitude"], "23.2");
    assert_eq!(air["fatalities"], "8", "most conservative: the low bound");
    assert_eq!(air["source"], "Example News");
    assert!(air["notes"].starts_with("An airstrike killed"));
    assert!(air["timestamp"].parse::<i64>().unwrap() > 1_600_000_000);
    let sur = &rows[1];
    assert_eq!(sur["event_type"], "Strategic developments");
    assert_eq!(sur["sub_event_type"], "Change to group/activity");
    assert_eq!(
        sur["actor1"], "Military Forces of Myanmar (2021-)",
        "a unit maps to its force"
    );
    assert_eq!(
        sur["actor2"],
        "MNDAA: Myanmar National Democratic Alliance Army"
    );
    assert_eq!(sur["interaction"], "12");
    assert_eq!(
        sur["event_date"], "2023-12-14",
        "no date: the publication date"
    );
    assert_eq!(sur["time_precision"], "2");
    assert_eq!(sur["geo_precision"], "1");
    assert_eq!(sur["fatalities"], "0");
    assert!(sur["tags"].contains("unit=LIB 143"), "{}", sur["tags"]);
    assert!(sur["tags"].contains("date from publication"));
    let ars = &rows[2];
    assert_eq!(ars["time_precision"], "3");
    assert_eq!(ars["geo_precision"], "3");
    assert_eq!(ars["latitude"], "");
    assert!(ars["tags"].contains("aggregate"));
}

#[test]
fn reviewed_values_win_and_rejected_events_are_left_out() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("x.db");
    let ids = seed(&db);
    {
        let mut s = Store::open(&db).unwrap();
        s.review(
            &ids[0],
            ReviewAction::Correct {
                field: ReviewField::Count,
                value: json!({"low": 9, "best": 11, "high": 12}),
            },
            "ana",
        )
        .unwrap();
        s.review(&ids[2], ReviewAction::Reject, "ana").unwrap();
    }
    let dbs = db.to_str().unwrap();
    let o = sitrep(&["export", "--db", dbs, "--format", "acled-csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 2, "rejected arson left out");
    assert_eq!(&rows[0][28], "9", "corrected low bound is the fatalities");
    assert!(rows[0][29].contains("review=corrected"));
    let o = sitrep(&[
        "export",
        "--db",
        dbs,
        "--format",
        "jsonl",
        "--include-rejected",
    ]);
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["event"]["quantities"][0]["best"], 11);
    assert_eq!(lines[0]["review"]["status"], "corrected");
    assert_eq!(lines[2]["review"]["status"], "rejected");
    // events lists reviewed values too
    let o = sitrep(&[
        "events",
        "--db",
        dbs,
        "--min-count",
        "11",
        "--format",
        "jsonl",
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("airstrike"));
}

#[test]
fn ucdp_csv_has_low_best_high_and_precisions() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("x.db");
    seed(&db);
    let o = sitrep(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "ucdp-csv",
        "--type",
        "airstrike,surrender",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, sitrep_store::export::UCDP_COLUMNS.to_vec());
    let rows: Vec<std::collections::HashMap<String, String>> =
        r.deserialize().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[0]["low"].as_str(),
            rows[0]["best"].as_str(),
            rows[0]["high"].as_str()
        ),
        ("8", "10", "12")
    );
    assert_eq!(rows[0]["where_prec"], "3");
    assert_eq!(rows[0]["date_prec"], "1");
    assert_eq!(rows[0]["type_of_violence"], "3");
    assert_eq!(rows[1]["where_prec"], "1");
    assert_eq!(rows[1]["best"], "", "no deaths reported");
    assert_eq!(rows[1]["count_best"], "41");
    assert_eq!(rows[1]["type_of_violence"], "1");
    assert_eq!(rows[1]["source_article"], "https://news.example/strike");
}

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("x.db");
    seed(&db);
    let out = t.path().join("e.geojson");
    let o = sitrep(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "geojson",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 without coordinates"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 2);
    assert_eq!(f[0]["geometry"]["type"], "Point");
    assert_eq!(
        f[0]["geometry"]["coordinates"],
        json!([95.5, 23.2]),
        "GeoJSON is lon, lat"
    );
    assert_eq!(f[0]["properties"]["type"], "airstrike");
    assert_eq!(f[1]["properties"]["count_best"], 41);
    assert_eq!(f[1]["properties"]["actors"], json!(["LIB 143", "MNDAA"]));
    // An empty selection is still a valid collection.
    let o = sitrep(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "geojson",
        "--type",
        "protest",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["features"], json!([]));
}

#[test]
fn export_to_an_unwritable_place_fails_and_leaves_nothing() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("x.db");
    seed(&db);
    let blocker = t.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let o = sitrep(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        blocker.join("out.jsonl").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("out.jsonl"), "{}", stderr(&o));
}
