//! A real browser against `sitrep serve`: headless Chromium driven over the Chrome DevTools
//! protocol. Skipped (with a note) when `/usr/bin/chromium` is not installed.
//!
//! Checks: the map shows the events, a filter narrows the table, an accept click lands in the
//! audit log, and the `<script>` of a hostile report does not run (it shows as text).

#[path = "serve_support.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::*;
use tungstenite::{Message, WebSocket};

const CHROMIUM: &str = "/usr/bin/chromium";
const TOKEN: &str = "browser-test-token";

struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Events seen so far (method, params).
    events: Vec<(String, Value)>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1) {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium did not print its DevTools address");
        let hostport = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&hostport).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let (ws, _) = tungstenite::client(url.as_str(), stream).expect("websocket handshake");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.call("Page.enable", json!({}));
        b.call("Runtime.enable", json!({}));
        b
    }

    /// Sends a command (to the page session once attached) and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let m = self.ws.read().expect("DevTools connection");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["id"] == id {
                if let Some(e) = v.get("error") {
                    panic!("{method}: {e}");
                }
                return v["result"].clone();
            }
            if let Some(m) = v["method"].as_str() {
                self.events.push((m.to_string(), v["params"].clone()));
            }
        }
    }

    /// Evaluates `expr` in the page (awaiting promises) and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `expr` is truthy in the page.
    fn wait_for(&mut self, expr: &str, what: &str) {
        let start = Instant::now();
        loop {
            let v = self.eval(&format!("!!({expr})"));
            if v == json!(true) {
                return;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let html = self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''");
                panic!("timed out waiting for {what} ({expr}); page text: {html}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
    }

    /// A real mouse click at the centre of the element `selector`.
    fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let r = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn count(&mut self, selector: &str) -> u64 {
        let sel = serde_json::to_string(selector).unwrap();
        self.eval(&format!("document.querySelectorAll({sel}).length"))
            .as_u64()
            .unwrap()
    }

    fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let data = r["data"].as_str().unwrap();
        std::fs::write(path, base64_decode(data)).unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= val(*c) << (18 - 6 * i);
        }
        let k = chunk.len() - 1;
        for i in 0..k {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn dashboard_in_a_real_browser() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "note: {CHROMIUM} not found; skipping the browser test (apt-get install chromium)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = sitrep_store::Store::open(&db).unwrap();
    let n_events = sitrep_server::demo::seed(&mut store).unwrap();
    drop(store);
    let server = start(&db, TOKEN);
    let base = format!("http://{}", server.addr);
    let summary = get(&server.addr, "/api/summary").json();
    let n_points = summary["points"].as_array().unwrap().len() as u64;

    let mut b = Browser::launch();
    // The link `sitrep serve` prints carries the token in the fragment.
    b.goto(&format!("{base}/#token={TOKEN}"));
    b.wait_for(
        "document.getElementById('main') && document.getElementById('main').dataset.ready === '1'",
        "the dashboard",
    );
    assert_eq!(
        b.eval("location.hash"),
        json!("#/"),
        "the token is removed from the URL"
    );
    assert_eq!(
        b.eval("document.getElementById('token-state').textContent"),
        json!("writes enabled")
    );

    // The map shows every located place as a point, over the state/region outlines.
    b.wait_for(
        "document.querySelectorAll('#map circle.event-point').length > 0",
        "map points",
    );
    assert_eq!(b.count("#map circle.event-point"), n_points);
    assert!(
        b.count("#map path.admin1") >= 15,
        "state/region outlines drawn"
    );
    let names = b
        .eval("[...document.querySelectorAll('#map circle.event-point')].map(c => c.dataset.name)");
    assert!(
        names.as_array().unwrap().contains(&json!("Myawaddy")),
        "{names}"
    );
    // The timeline has bars.
    assert!(b.count("#timeline rect") > 0);

    // The table lists every event; a filter narrows it.
    b.wait_for(
        &format!("document.querySelectorAll('#events-table tr.row').length === {n_events}"),
        "all rows",
    );
    b.eval("document.getElementById('f-type').value = 'battle'");
    b.click("#apply-filters");
    b.wait_for("location.hash.includes('type=battle') && document.getElementById('main').dataset.ready === '1'", "the filtered page");
    b.wait_for(
        "document.querySelectorAll('#events-table tr.row').length === 2",
        "two battle rows",
    );
    let types = b.eval("[...document.querySelectorAll('#events-table tr.row td:nth-child(2)')].map(td => td.textContent)");
    assert!(
        types
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t.as_str().unwrap().contains("battle")),
        "{types}"
    );
    assert!(
        b.count("#map circle.event-point") < n_points,
        "the map follows the filter"
    );

    // Sorting by count orders the rows.
    b.click("#events-table th[data-key=count]");
    let counts = b.eval("[...document.querySelectorAll('#events-table tr.row td:nth-child(3)')].map(td => parseInt(td.textContent))");
    let c: Vec<i64> = counts
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(c.windows(2).all(|w| w[0] <= w[1]), "{c:?}");

    // The hostile report: its <script> shows as text and does not run.
    let demoso = get(&server.addr, "/api/events?place=Demoso").json();
    let id = demoso["events"][0]["id"].as_str().unwrap().to_string();
    b.goto(&format!("{base}/#/event/{id}"));
    b.wait_for("document.getElementById('doc-text')", "the event page");
    let text = b.eval("document.getElementById('doc-text').textContent");
    assert!(
        text.as_str()
            .unwrap()
            .contains("<script>window.__sitrep_pwned = true;"),
        "{text}"
    );
    assert_eq!(b.count("#doc-text script, #doc-text img, main script"), 0);
    assert_eq!(b.eval("typeof window.__sitrep_pwned"), json!("undefined"));
    assert_ne!(b.eval("document.title"), json!("pwned"));
    let heading = b.eval("document.querySelector('main table.fields').textContent");
    assert!(
        heading.as_str().unwrap().contains("<script>"),
        "the title shows as text: {heading}"
    );
    // Evidence is highlighted.
    assert!(b.count("#doc-text mark.ev-trigger") >= 1);
    assert!(b.count("#doc-text mark.ev-count") >= 1);

    // Accept with a real click; it lands in the audit log.
    b.click("#accept-btn");
    b.wait_for("document.getElementById('review-state') && document.getElementById('review-state').textContent === 'accepted'", "the accepted state");
    b.goto(&format!("{base}/#/audit"));
    b.wait_for(
        "document.querySelector('#audit-table tr[data-action=accept]')",
        "the audit log entry",
    );
    let row = b.eval("document.querySelector('#audit-table tr[data-action=accept]').textContent");
    assert!(row.as_str().unwrap().contains(&id), "{row}");
    let audit = get(&server.addr, "/api/audit").json();
    assert_eq!(audit["entries"][0]["event_id"], json!(id));
    assert_eq!(audit["entries"][0]["action"], "accept");

    // No script errors anywhere (a CSP violation of our own code would show here).
    let errors: Vec<&Value> = b
        .events
        .iter()
        .filter(|(m, _)| m == "Runtime.exceptionThrown")
        .map(|(_, p)| p)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    if let Ok(p) = std::env::var("SITREP_SCREENSHOT") {
        b.goto(&format!("{base}/#/"));
        b.wait_for("document.getElementById('main').dataset.ready === '1' && document.querySelectorAll('#map circle.event-point').length > 0", "the dashboard");
        b.screenshot(Path::new(&p));
    }
}
