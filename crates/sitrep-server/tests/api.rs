//! The JSON API over a real SQLite store seeded with the demo reports.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use sitrep_server::{router, ServerConfig, StoreBackend};
use tower::ServiceExt;

const TOKEN: &str = "test-token-123456";

struct App {
    router: axum::Router,
    _dir: tempfile::TempDir,
    events: usize,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = sitrep_store::Store::open(&db).unwrap();
    let events = sitrep_server::demo::seed(&mut store).unwrap();
    drop(store);
    let backend = StoreBackend::open(&db).unwrap();
    let router = router(Arc::new(backend), &ServerConfig::new(TOKEN));
    App {
        router,
        _dir: dir,
        events,
    }
}

struct Resp {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(app: &App, req: Request<Body>) -> Resp {
    let r = app.router.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = axum::body::to_bytes(r.into_body(), 64 << 20)
        .await
        .unwrap()
        .to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

async fn get(app: &App, uri: &str) -> Resp {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &App, uri: &str, token: Option<&str>, body: Value) -> Resp {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header("X-Sitrep-Token", t);
    }
    send(app, b.body(Body::from(body.to_string())).unwrap()).await
}

fn ids(v: &Value) -> Vec<String> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn lists_and_filters_events() {
    let app = app();
    let all = get(&app, "/api/events").await;
    assert_eq!(all.status, StatusCode::OK);
    let all = all.json();
    assert_eq!(ids(&all).len(), app.events);
    assert!(all["next_cursor"].is_null());

    let cases: &[(&str, usize)] = &[
        ("type=surrender", 2),
        ("type=battle", 2),
        ("admin1=Shan", 4),
        ("admin1=shan%20state", 4),
        ("place=Myawaddy", 2),
        ("actor=MNDAA", 1),
        ("actor=Myanmar%20Armed%20Forces", 3),
        ("min_count=100", 5),
        ("aggregate=yes", 1),
        ("since=2024-03-01&until=2024-03-31", 8),
        ("type=battle&admin1=Kayah", 1),
    ];
    for (q, n) in cases {
        let r = get(&app, &format!("/api/events?{q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
        let got = ids(&r.json());
        assert_eq!(got.len(), *n, "{q}: {got:?}");
    }
    let r = get(&app, "/api/events?type=arson").await.json();
    assert_eq!(r["events"][0]["location"]["name"], "Pauktaw");
    assert_eq!(r["events"][0]["quantities"][0]["best"], 300);
}

#[tokio::test]
async fn pages_through_with_the_cursor() {
    let app = app();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/events?limit=3&cursor={c}"),
            None => "/api/events?limit=3".to_string(),
        };
        let r = get(&app, &uri).await.json();
        let page = ids(&r);
        assert!(page.len() <= 3);
        seen.extend(page);
        pages += 1;
        match r["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, app.events.div_ceil(3));
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), app.events, "no event twice, none missing");
    // A page size above the cap is reduced to it.
    let r = get(&app, "/api/events?limit=100000").await.json();
    assert_eq!(r["limit"], sitrep_server::MAX_PAGE);
    let r = get(&app, "/api/events?cursor=zzz").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_requests_are_json_errors_with_statuses() {
    let app = app();
    for (uri, status, needle) in [
        ("/api/events?since=yesterday", 400, "`since`"),
        ("/api/events?type=riot", 400, "`type`"),
        ("/api/events?colour=red", 400, "unknown parameter `colour`"),
        ("/api/events?limit=0", 400, "`limit`"),
        ("/api/events/no-such-event", 404, "no-such-event"),
        ("/api/nothing-here", 404, "no route"),
        ("/api/tally?by=colour", 400, "`by`"),
        ("/api/export?format=xlsx", 400, "`format`"),
        ("/api/gazetteer", 400, "`name`"),
        ("/api/incidents/inc-none", 404, "inc-none"),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status.as_u16(), status, "{uri}: {}", r.text());
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{uri}"
        );
        let v = r.json();
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{uri}: {msg}");
        assert_eq!(v["error"]["status"], status);
    }
    // Wrong method: 405 as JSON.
    let r = send(
        &app,
        Request::delete("/api/events").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn event_detail_has_document_and_evidence() {
    let app = app();
    let list = get(&app, "/api/events?type=airstrike").await.json();
    let id = list["events"][0]["id"].as_str().unwrap().to_string();
    let r = get(&app, &format!("/api/events/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let text = v["document"]["text"].as_str().unwrap();
    assert!(text.contains("airstrike"));
    let ev = v["evidence"].as_array().unwrap();
    let fields: Vec<&str> = ev.iter().map(|e| e["field"].as_str().unwrap()).collect();
    for f in ["trigger", "count:killed", "place", "date"] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    for e in ev {
        let (s, t) = (
            e["span"][0].as_u64().unwrap() as usize,
            e["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..t], e["text"].as_str().unwrap());
    }
    assert!(v["sentence_utf16"].is_array());
}

#[tokio::test]
async fn hostile_text_is_returned_as_data() {
    let app = app();
    let r = get(&app, "/api/events?place=Demoso").await.json();
    let id = r["events"][0]["id"].as_str().unwrap().to_string();
    let v = get(&app, &format!("/api/events/{id}")).await.json();
    // The text comes back verbatim (JSON-escaped by serde); the page inserts it as text.
    assert!(v["document"]["text"]
        .as_str()
        .unwrap()
        .contains("<script>window.__sitrep_pwned"));
    let title = v["document"]["title"].as_str().unwrap();
    assert!(title.contains("<script>"));
}

#[tokio::test]
async fn reviews_need_the_token_and_land_in_the_audit_log() {
    let app = app();
    let list = get(&app, "/api/events?type=surrender&aggregate=no")
        .await
        .json();
    let id = list["events"][0]["id"].as_str().unwrap().to_string();
    let uri = format!("/api/events/{id}/review");

    let r = post(&app, &uri, None, json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
    let r = post(
        &app,
        &uri,
        Some("wrong-token-xxxx"),
        json!({"action": "accept"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&app, "/api/audit").await.json()["entries"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let r = post(
        &app,
        &uri,
        Some(TOKEN),
        json!({"action": "accept", "reviewer": "ann"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["event"]["review"], "accepted");

    // Correct the count: reviewed values win in every read, filters included.
    let r = post(
        &app,
        &uri,
        Some(TOKEN),
        json!({"action": "correct", "field": "count", "value": {"low": 126, "best": 127, "high": 127}, "reviewer": "ann"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = get(&app, &format!("/api/events/{id}")).await.json();
    assert_eq!(v["event"]["quantities"][0]["best"], 127);
    assert_eq!(v["event"]["review"], "corrected");
    let r = get(
        &app,
        "/api/events?min_count=125&type=surrender&aggregate=no",
    )
    .await
    .json();
    assert_eq!(ids(&r), vec![id.clone()]);

    let audit = get(&app, &format!("/api/audit?event={id}")).await.json();
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["action"], "correct", "newest first");
    assert_eq!(entries[0]["field"], "count");
    assert_eq!(entries[0]["old_value"]["best"], 120);
    assert_eq!(entries[0]["reviewer"], "ann");
    assert_eq!(entries[1]["action"], "accept");

    // Reject: kept, marked.
    let r = post(&app, &uri, Some(TOKEN), json!({"action": "reject"})).await;
    assert_eq!(r.json()["event"]["review"], "rejected");
    assert_eq!(
        get(&app, "/api/audit").await.json()["entries"][0]["reviewer"],
        "analyst"
    );
}

#[tokio::test]
async fn review_bodies_are_validated() {
    let app = app();
    let list = get(&app, "/api/events?type=arson").await.json();
    let id = list["events"][0]["id"].as_str().unwrap().to_string();
    let uri = format!("/api/events/{id}/review");
    for (body, needle) in [
        (json!({"action": "approve"}), "`action`"),
        (
            json!({"action": "correct", "field": "colour", "value": "red"}),
            "`field`",
        ),
        (json!({"action": "correct", "field": "count"}), "`value`"),
        (
            json!({"action": "correct", "field": "count", "value": -3}),
            "count",
        ),
        (
            json!({"action": "correct", "field": "count", "value": {"low": 9, "best": 5}}),
            "low <= best",
        ),
        (
            json!({"action": "correct", "field": "date", "value": "March 3"}),
            "YYYY-MM-DD",
        ),
        (
            json!({"action": "correct", "field": "type", "value": "riot"}),
            "riot",
        ),
        (json!({"action": "accept", "field": "count"}), "takes no"),
        (json!({"action": "accept", "reviewer": ""}), "`reviewer`"),
    ] {
        let r = post(&app, &uri, Some(TOKEN), body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    // Not JSON, and JSON with unknown fields.
    let r = send(
        &app,
        Request::post(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header("X-Sitrep-Token", TOKEN)
            .body(Body::from("{not json"))
            .unwrap(),
    )
    .await;
    assert!(r.status.is_client_error());
    assert!(r.json()["error"]["message"].is_string());
    let r = post(
        &app,
        &uri,
        Some(TOKEN),
        json!({"action": "accept", "extra": 1}),
    )
    .await;
    assert!(r.status.is_client_error());
    // Unknown event: 404.
    let r = post(
        &app,
        "/api/events/nope/review",
        Some(TOKEN),
        json!({"action": "accept"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Body too large: 413 before it is read.
    let big = "x".repeat(sitrep_server::MAX_BODY_BYTES + 10);
    let r = send(
        &app,
        Request::post(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, big.len())
            .header("X-Sitrep-Token", TOKEN)
            .body(Body::from(big))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
    // Correcting place, date, type and actors works.
    for (field, value) in [
        ("place", json!("Sittwe")),
        ("date", json!("2024-02-28")),
        ("type", json!("attack_on_civilians")),
        ("actors", json!(["AA"])),
    ] {
        let r = post(
            &app,
            &uri,
            Some(TOKEN),
            json!({"action": "correct", "field": field, "value": value}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{field}: {}", r.text());
    }
    let v = get(&app, &format!("/api/events/{id}")).await.json();
    assert_eq!(v["event"]["type"], "attack_on_civilians");
    assert_eq!(v["event"]["location"]["name"], "Sittwe");
    assert_eq!(v["event"]["time"]["start"], "2024-02-28");
    assert_eq!(v["event"]["actors"][0]["canonical"], "AA");
}

#[tokio::test]
async fn summary_groups_by_place_and_week() {
    let app = app();
    let s = get(&app, "/api/summary").await.json();
    assert_eq!(s["events"], app.events as u64);
    assert_eq!(s["unlocated"], 1, "the summary claim has no place");
    let points = s["points"].as_array().unwrap();
    let myawaddy = points.iter().find(|p| p["name"] == "Myawaddy").unwrap();
    assert_eq!(myawaddy["events"], 2);
    assert_eq!(myawaddy["count"], 2001);
    let weeks = s["weeks"].as_array().unwrap();
    assert!(weeks.iter().all(|w| {
        let d = chrono::NaiveDate::parse_from_str(w["week"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        chrono::Datelike::weekday(&d) == chrono::Weekday::Mon
    }));
    let total: u64 = weeks
        .iter()
        .flat_map(|w| w["types"].as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(total, app.events as u64);
    let shan = get(&app, "/api/summary?admin1=Shan").await.json();
    assert_eq!(shan["events"], 4);
    // Summaries are cached, but a review that changes the data is seen at once.
    assert_eq!(
        get(&app, "/api/summary?type=battle").await.json()["events"],
        2
    );
    let arson = get(&app, "/api/events?type=arson").await.json();
    let id = arson["events"][0]["id"].as_str().unwrap().to_string();
    let r = post(
        &app,
        &format!("/api/events/{id}/review"),
        Some(TOKEN),
        json!({"action": "correct", "field": "type", "value": "battle"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        get(&app, "/api/summary?type=battle").await.json()["events"],
        3
    );
    assert_eq!(
        get(&app, "/api/summary").await.json()["events"],
        app.events as u64
    );
}

/// The store backend's SQL summary equals the generic one (which reads every event).
#[test]
fn sql_summary_matches_the_generic_summary() {
    use sitrep_server::{
        AuditEntry, Backend, EventBundle, EventPage, EventQuery, EventRecord, ReviewAction,
    };
    struct Generic(StoreBackend);
    impl Backend for Generic {
        fn events(
            &self,
            q: &EventQuery,
            c: Option<&str>,
            n: usize,
        ) -> Result<EventPage, sitrep_server::ApiError> {
            self.0.events(q, c, n)
        }
        fn event(&self, id: &str) -> Result<Option<EventBundle>, sitrep_server::ApiError> {
            self.0.event(id)
        }
        fn review(
            &self,
            id: &str,
            a: &ReviewAction,
            r: &str,
        ) -> Result<EventRecord, sitrep_server::ApiError> {
            self.0.review(id, a, r)
        }
        fn audit(
            &self,
            e: Option<&str>,
            n: usize,
        ) -> Result<Vec<AuditEntry>, sitrep_server::ApiError> {
            self.0.audit(e, n)
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut store = sitrep_store::Store::open(&db).unwrap();
    sitrep_server::demo::seed(&mut store).unwrap();
    drop(store);
    let fast = StoreBackend::open(&db).unwrap();
    // A correction moves an event: both must see the reviewed value.
    let id = fast.events(&EventQuery::default(), None, 1).unwrap().events[0]
        .event
        .id
        .clone();
    fast.review(
        &id,
        &ReviewAction::Correct {
            field: sitrep_server::CorrectField::Date,
            value: sitrep_server::CorrectValue::Date(
                chrono::NaiveDate::from_ymd_opt(2024, 2, 7).unwrap(),
            ),
        },
        "t",
    )
    .unwrap();
    let generic = Generic(StoreBackend::open(&db).unwrap());
    let q = |s: &str| sitrep_server::query::event_query(&url_params(s), &[]).unwrap();
    for f in [
        "",
        "type=battle",
        "admin1=Shan",
        "place=Myawaddy",
        "actor=Myanmar Armed Forces",
        "actor=kndf",
        "since=2024-02-01&until=2024-03-15",
        "min_count=10",
        "aggregate=yes",
        "aggregate=no&admin1=Kayin",
    ] {
        let a = fast.summary(&q(f)).unwrap();
        let b = generic.summary(&q(f)).unwrap();
        assert_eq!(a, b, "filter {f:?}");
    }
}

fn url_params(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[tokio::test]
async fn exports_are_downloads() {
    let app = app();
    let r = get(&app, "/api/export?format=acled-csv&admin1=Shan").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = r.text();
    assert!(
        text.starts_with("event_id_cnty,event_date"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert_eq!(text.lines().count(), 1 + 4);
    let r = get(&app, "/api/export?format=geojson").await;
    let v = r.json();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"].as_array().unwrap().len(), app.events - 1);
    let r = get(&app, "/api/export?format=jsonl&type=battle").await;
    assert_eq!(r.text().lines().count(), 2);
}

#[tokio::test]
async fn gazetteer_lookup_resolves_spelling_variants() {
    let app = app();
    let r = get(&app, "/api/gazetteer?name=Kalay").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let places = v["places"].as_array().unwrap();
    assert!(!places.is_empty());
    assert_eq!(places[0]["location"]["admin1"], "Sagaing", "{v}");
    let r = get(&app, "/api/gazetteer?name=Zzyzxqq").await.json();
    assert_eq!(r["places"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn incidents_and_tallies_before_any_merge() {
    let app = app();
    let r = get(&app, "/api/incidents").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["incidents"].as_array().unwrap().len(), 0);
    let r = get(&app, "/api/tally?by=admin1").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["rows"].as_array().unwrap().len(), 0);
    assert!(v["note"].as_str().unwrap().contains("sitrep merge"));
}

#[tokio::test]
async fn pages_and_assets_are_locked_down() {
    let app = app();
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = r.text();
    // No inline script or style: every <script> has a src, no style attributes or blocks.
    for tag in html.split("<script").skip(1) {
        assert!(
            tag.trim_start().starts_with("type=\"module\" src=") || tag.contains("src="),
            "{tag}"
        );
    }
    assert!(!html.contains("style="));
    assert!(!html.contains("<style"));
    // Every asset the page and the modules import is served; nothing external is referenced.
    for (name, ctype, bytes) in sitrep_server::assets::FILES {
        let r = get(&app, &format!("/assets/{name}")).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert_eq!(r.headers[header::CONTENT_TYPE], *ctype);
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("http://") || name.ends_with(".svg") || *name == "dom.js",
            "{name} references another origin"
        );
        assert!(
            !text.contains("https://"),
            "{name} references another origin"
        );
        if name.ends_with(".js") {
            assert!(!text.contains("innerHTML"), "{name} uses innerHTML");
            assert!(!text.contains("eval("), "{name} uses eval");
            for line in text
                .lines()
                .filter(|l| l.trim_start().starts_with("import "))
            {
                let f = line.split('"').nth(1).unwrap().trim_start_matches("./");
                assert!(
                    sitrep_server::assets::FILES.iter().any(|(n, _, _)| *n == f),
                    "{name} imports {f}"
                );
            }
        }
    }
    assert_eq!(
        get(&app, "/assets/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/assets/nope.js").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let app = app();
    let r = get(&app, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let paths = v["paths"].as_object().unwrap();
    for p in [
        "/api/events",
        "/api/events/{id}",
        "/api/events/{id}/review",
        "/api/summary",
        "/api/audit",
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/tally",
        "/api/export",
        "/api/gazetteer",
        "/api/meta",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI description"
        );
    }
    assert!(paths["/api/events/{id}/review"]["post"]["security"].is_array());
}
