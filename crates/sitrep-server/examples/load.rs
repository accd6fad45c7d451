//! Load benchmark of the JSON API on a large store.
//!
//! `cargo run --release -p sitrep-server --example load -- DB [EVENTS] [SECONDS] [CLIENTS]`
//!
//! Fills DB (if it holds fewer events) with synthetic documents of 5 events each, serves it on
//! a free loopback port in-process, then (1) measures p50/p99 latency of event listings with
//! each filter, one request at a time, and (2) runs CLIENTS keep-alive clients for SECONDS
//! over a mix of those listings and reports requests/s. Traffic stays on 127.0.0.1; every loop
//! is bounded in count and time.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sitrep_core::{
    Actor, ActorKind, DocOutput, Document, Event, EventType, Location, Modality, PlacePrecision,
    Qualifier, Quantity, Role, Span, Time, TimePrecision,
};
use sitrep_store::{NewDocument, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Lashio", "Shan", 22.936, 97.749),
    ("Laukkaing", "Shan", 23.694, 98.758),
    ("Hsipaw", "Shan", 22.617, 97.300),
    ("Myawaddy", "Kayin", 16.689, 98.508),
    ("Hpa-an", "Kayin", 16.889, 97.634),
    ("Pauktaw", "Rakhine", 20.183, 92.900),
    ("Sittwe", "Rakhine", 20.146, 92.898),
    ("Kalay", "Sagaing", 23.189, 94.058),
    ("Monywa", "Sagaing", 22.108, 95.136),
    ("Demoso", "Kayah", 19.530, 97.135),
    ("Loikaw", "Kayah", 19.674, 97.209),
    ("Hpakant", "Kachin", 25.612, 96.311),
    ("Myitkyina", "Kachin", 25.383, 97.396),
    ("Mindat", "Chin", 21.374, 93.973),
    ("Hakha", "Chin", 22.646, 93.605),
    ("Mandalay", "Mandalay", 21.975, 96.083),
    ("Yangon", "Yangon", 16.840, 96.173),
    ("Bago", "Bago", 17.336, 96.479),
    ("Magway", "Magway", 20.150, 94.933),
    ("Dawei", "Tanintharyi", 14.083, 98.194),
];
const ACTORS: &[(&str, ActorKind)] = &[
    ("Myanmar Armed Forces", ActorKind::StateForce),
    ("PDF", ActorKind::ArmedGroup),
    ("KIA", ActorKind::ArmedGroup),
    ("AA", ActorKind::ArmedGroup),
    ("MNDAA", ActorKind::ArmedGroup),
    ("TNLA", ActorKind::ArmedGroup),
    ("KNLA", ActorKind::ArmedGroup),
    ("KNDF", ActorKind::ArmedGroup),
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn synthetic_doc(i: usize, rng: &mut Rng) -> (Document, DocOutput) {
    let mut text = String::new();
    let mut events = Vec::new();
    let day0 = NaiveDate::from_ymd_opt(2021, 2, 1).unwrap();
    let published = day0 + chrono::Duration::days((i % 1400) as i64);
    for k in 0..5 {
        let ty = EventType::ALL[rng.below(EventType::ALL.len())];
        let (place, admin1, lat, lon) = PLACES[rng.below(PLACES.len())];
        let (actor, kind) = ACTORS[rng.below(ACTORS.len())];
        let n = 1 + rng.below(300) as i64;
        let s = text.len();
        let sentence = format!("Report {i}: {actor} forces were involved as {n} people were affected near {place} in a {ty} event, sources said. ");
        text.push_str(&sentence);
        let at = |w: &str| {
            let p = s + sentence.find(w).unwrap();
            Span(p, p + w.len())
        };
        let day = published - chrono::Duration::days(rng.below(5) as i64);
        events.push(Event {
            id: String::new(),
            event_type: ty,
            aggregate: rng.below(20) == 0,
            modality: Modality::Asserted,
            quantities: vec![Quantity {
                measure: ty.primary_measure(),
                who: Some("people".into()),
                low: Some(n),
                best: Some(n),
                high: Some(n),
                qualifier: Qualifier::Exact,
                text: format!("{n} people"),
                span: at(&format!("{n} people")),
            }],
            location: Some(Location {
                name: place.into(),
                place_id: None,
                kind: Some("town".into()),
                admin1: Some(admin1.into()),
                township: Some(place.into()),
                lat: Some(lat),
                lon: Some(lon),
                precision: Some(PlacePrecision::Town),
                span: Some(at(place)),
            }),
            time: Time {
                start: Some(day),
                end: Some(day),
                precision: Some(TimePrecision::Day),
                text: None,
                text_norm: None,
                span: None,
            },
            actors: vec![Actor {
                role: Role::Agent,
                name: actor.into(),
                canonical: actor.into(),
                kind,
                parent: None,
                span: Some(at(actor)),
            }],
            claimed_by: None,
            sentence: Span(s, s + sentence.len() - 1),
            trigger: at(ty.as_str()),
            confidence: 0.7,
            mentions: vec![],
            explain: vec![],
        });
        let _ = k;
    }
    let doc = Document::new(text)
        .with_path(format!("synthetic/{i}.txt"))
        .with_published(Some(published));
    for (k, e) in events.iter_mut().enumerate() {
        e.id = format!("{}-{}", doc.doc_id, k + 1);
    }
    let out = DocOutput {
        doc_id: doc.doc_id.clone(),
        path: doc.path.clone(),
        published: doc.published,
        title: None,
        events,
        quotes: vec![],
        warnings: vec![],
    };
    (doc, out)
}

fn fill(db: &std::path::Path, want: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    let have = store.stats()?.events as usize;
    if have >= want {
        eprintln!("load: {have} events already in {}", db.display());
        return Ok(());
    }
    let t = Instant::now();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let docs = want.div_ceil(5);
    let start_doc = have / 5;
    for chunk in (start_doc..docs).collect::<Vec<_>>().chunks(2000) {
        let batch: Vec<NewDocument> = chunk
            .iter()
            .map(|&i| {
                let (d, o) = synthetic_doc(i, &mut rng);
                NewDocument::new(d, o)
            })
            .collect();
        store.insert_batch(&batch)?;
        if chunk[0] % 20000 == 0 {
            eprintln!(
                "load: {} documents, {:.0}s",
                chunk[0],
                t.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "load: filled to {} events in {:.1}s",
        store.stats()?.events,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    s: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(addr: &str) -> std::io::Result<Client> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Client {
            s,
            buf: Vec::with_capacity(1 << 16),
        })
    }
    /// GET path; returns status and body length.
    async fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let req = format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
        self.s.write_all(req.as_bytes()).await?;
        self.buf.clear();
        let mut tmp = [0u8; 65536];
        let head_end = loop {
            if let Some(p) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
            let n = self.s.read(&mut tmp).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            self.buf.extend_from_slice(&tmp[..n]);
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).to_lowercase();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| std::io::Error::other("no content-length"))?;
        while self.buf.len() < head_end + len {
            let n = self.s.read(&mut tmp).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            self.buf.extend_from_slice(&tmp[..n]);
        }
        Ok((status, len))
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

const QUERIES: &[(&str, &str)] = &[
    ("no filter", "/api/events?limit=100"),
    ("type", "/api/events?type=battle&limit=100"),
    ("admin1", "/api/events?admin1=Shan&limit=100"),
    ("place", "/api/events?place=Lashio&limit=100"),
    ("actor", "/api/events?actor=KIA&limit=100"),
    (
        "since+until",
        "/api/events?since=2023-01-01&until=2023-03-31&limit=100",
    ),
    ("min_count", "/api/events?min_count=250&limit=100"),
    (
        "type+admin1+min_count",
        "/api/events?type=surrender&admin1=Sagaing&min_count=100&limit=100",
    ),
    ("aggregate=yes", "/api/events?aggregate=yes&limit=100"),
    ("one event", "/api/events/{ID}"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: load DB [EVENTS] [SECONDS] [CLIENTS]")?,
    );
    let events: usize = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let seconds: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(10)
        .min(120);
    let clients: usize = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(16)
        .min(256);
    fill(&db, events)?;
    let backend = Arc::new(sitrep_server::StoreBackend::open(&db)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?.to_string();
        let config = sitrep_server::ServerConfig::new("load-benchmark-token");
        tokio::spawn(async move {
            let _ = sitrep_server::serve_on(listener, backend, &config).await;
        });
        let mut c = Client::connect(&addr).await?;
        // An event id for the single-event query.
        c.get("/api/events?limit=1").await?;
        let body = String::from_utf8_lossy(&c.buf).into_owned();
        let id = body.split("\"id\":\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("x").to_string();
        println!("| query | p50 ms | p99 ms | bytes |\n|---|---:|---:|---:|");
        for (name, q) in QUERIES {
            let q = q.replace("{ID}", &id);
            let mut lat = Vec::new();
            let mut bytes = 0;
            let t0 = Instant::now();
            for i in 0..200 {
                let t = Instant::now();
                let (st, n) = c.get(&q).await?;
                assert_eq!(st, 200, "{q}");
                bytes = n;
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                if i >= 20 && t0.elapsed() > Duration::from_secs(10) {
                    break;
                }
            }
            println!("| {name} | {:.2} | {:.2} | {bytes} |", pct(&mut lat, 0.5), pct(&mut lat, 0.99));
        }
        for (name, q) in [
            ("summary (map+timeline), no filter, cold", "/api/summary"),
            ("summary, no filter, cached", "/api/summary"),
            ("summary, admin1=Kayah, cold", "/api/summary?admin1=Kayah"),
            ("summary, type=battle&since=2023-01-01, cold", "/api/summary?type=battle&since=2023-01-01"),
        ] {
            let t = Instant::now();
            let (st, n) = c.get(q).await?;
            println!("| {name} | {:.0} (one request) | | {n} (status {st}) |", t.elapsed().as_secs_f64() * 1000.0);
        }
        // Concurrent load over the listing mix, with and without the place filter (whose
        // query plan in the store is the slow one).
        for (label, skip_place) in [("all listing filters", false), ("without place", true)] {
        let mix: Vec<&'static str> = QUERIES
            .iter()
            .filter(|(n, _)| !(skip_place && *n == "place"))
            .map(|(_, q)| *q)
            .collect();
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for k in 0..clients {
            let addr = addr.clone();
            let id = id.clone();
            let mix = mix.clone();
            tasks.push(tokio::spawn(async move {
                let mut c = Client::connect(&addr).await?;
                let mut lat = Vec::new();
                let mut i = k;
                while Instant::now() < deadline && lat.len() < 1_000_000 {
                    let q = mix[i % mix.len()].replace("{ID}", &id);
                    let t = Instant::now();
                    let (st, _) = c.get(&q).await?;
                    if st != 200 {
                        return Err(std::io::Error::other(format!("{q}: status {st}")));
                    }
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    i += 1;
                }
                Ok::<_, std::io::Error>(lat)
            }));
        }
        let t = Instant::now();
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.map_err(std::io::Error::other)??);
        }
        let el = t.elapsed().as_secs_f64();
        println!(
            "\nconcurrent ({label}): {clients} clients, {:.1}s, {} requests, {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms",
            el,
            all.len(),
            all.len() as f64 / el,
            pct(&mut all, 0.5),
            pct(&mut all, 0.99)
        );
        }
        Ok::<_, std::io::Error>(())
    })?;
    Ok(())
}
