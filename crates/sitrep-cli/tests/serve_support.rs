//! Shared by the `serve_*` tests: reports to ingest, a `sitrep serve` child process on a free
//! loopback port, and a minimal HTTP/1.1 client (loopback only).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// The `sitrep` binary under test.
pub fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// Reports written for these tests (fictional events at real places), as JSON Lines.
pub const REPORTS_JSONL: &str = r#"{"url": "https://example.org/news/lashio-surrender", "title": "Battalion gives up near Lashio", "published": "2024-01-12", "text": "Around 120 soldiers of a junta battalion surrendered to the MNDAA near Lashio on January 10, residents said.\n\nThe Kokang group said the soldiers handed over their weapons after a week-long siege."}
{"url": "https://example.org/news/laukkaing-strike", "title": "Airstrike near Laukkaing", "published": "2024-01-20", "text": "A junta airstrike on a village near Laukkaing killed at least 9 civilians on January 18, according to local rescue workers."}
{"url": "https://example.org/news/myawaddy-flight", "title": "Families flee Myawaddy", "published": "2024-02-15", "text": "More than 2,000 people fled across the border from Myawaddy on February 13 after heavy fighting near the town, aid workers said."}
{"url": "https://example.org/news/hpakant-arrests", "title": "Young men held in Hpakant", "published": "2024-03-22", "text": "Police arrested 23 young men in Hpakant on March 20, relatives said.\n\nThe men were taken to a police station in the town."}
{"url": "https://example.org/news/demoso-clash", "title": "Outpost attacked <script>alert(1)</script>", "published": "2024-03-15", "text": "KNDF fighters attacked a junta outpost in Demoso on March 14 and killed 5 soldiers, the group said. <script>window.__sitrep_pwned = true;</script>"}
{"url": "https://example.org/news/insein-release", "title": "Prisoners freed", "published": "2024-04-18", "text": "Around 200 prisoners were released from Insein Prison on April 17 under an amnesty, prison officials said."}
"#;

/// Writes the reports into `dir` and ingests them into `db` with `sitrep ingest`.
pub fn ingest_reports(dir: &Path, db: &Path) {
    let file = dir.join("reports.jsonl");
    std::fs::write(&file, REPORTS_JSONL).unwrap();
    let out = sitrep()
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sitrep ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `sitrep serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `sitrep serve` on `db` on a free loopback port with the given token.
pub fn start(db: &Path, token: &str) -> Server {
    let mut child = sitrep()
        .arg("serve")
        .arg("--db")
        .arg(db)
        .args(["--bind", "127.0.0.1:0"])
        .env("SITREP_TOKEN", token)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("on http://").nth(1) {
                let _ = tx.send(rest.trim_end_matches('/').to_string());
            }
        }
    });
    let addr = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(a) => a,
        Err(_) => {
            let _ = child.kill();
            panic!("sitrep serve did not report its address");
        }
    };
    Server { child, addr }
}

/// Status, headers (lower-case names) and body of a response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh loopback connection.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

/// `GET path`.
pub fn get(addr: &str, path: &str) -> Response {
    request(addr, "GET", path, &[], b"")
}

/// `POST path` with a JSON body and, optionally, the token.
pub fn post(addr: &str, path: &str, token: Option<&str>, body: &Value) -> Response {
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(t) = token {
        h.push(("X-Sitrep-Token", t));
    }
    request(addr, "POST", path, &h, body.to_string().as_bytes())
}

/// Ids of the events `sitrep events --format jsonl` lists with `args`.
pub fn cli_event_ids(db: &Path, args: &[&str]) -> Vec<String> {
    let out = sitrep()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Ids of the events of an API listing.
pub fn api_event_ids(v: &Value) -> Vec<String> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}
