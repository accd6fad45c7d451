//! Store benchmark: bulk insert of synthetic events and latency of the
//! `events` filters on a large store.
//!
//! ```text
//! cargo run --release -p sitrep-store --example bench_store -- [EVENTS] [DB_PATH]
//! ```
//! Defaults: 1,000,000 events (5 per document) in a temporary file.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use sitrep_core::*;
use sitrep_store::{EventFilter, NewDocument, Page, Store};

/// Small deterministic PRNG (xorshift) so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ADMIN1: [&str; 15] = [
    "Kachin",
    "Kayah",
    "Kayin",
    "Chin",
    "Sagaing",
    "Tanintharyi",
    "Bago",
    "Magway",
    "Mandalay",
    "Mon",
    "Rakhine",
    "Yangon",
    "Shan",
    "Ayeyarwady",
    "Naypyitaw",
];
const ACTORS: [(&str, ActorKind); 12] = [
    ("Myanmar Armed Forces", ActorKind::StateForce),
    ("Myanmar Police Force", ActorKind::Police),
    ("PDF", ActorKind::ArmedGroup),
    ("MNDAA", ActorKind::ArmedGroup),
    ("TNLA", ActorKind::ArmedGroup),
    ("AA", ActorKind::ArmedGroup),
    ("KIA", ActorKind::ArmedGroup),
    ("KNLA", ActorKind::ArmedGroup),
    ("KNDF", ActorKind::ArmedGroup),
    ("CNA", ActorKind::ArmedGroup),
    ("Pyu Saw Htee", ActorKind::Militia),
    ("civilians", ActorKind::Civilians),
];

fn synthetic_doc(i: usize, per_doc: usize, rng: &mut Rng) -> NewDocument {
    let base = NaiveDate::from_ymd_opt(2021, 2, 1).unwrap();
    let published = base + Duration::days(rng.below(1400) as i64);
    let mut text = String::new();
    let mut events = Vec::with_capacity(per_doc);
    for k in 0..per_doc {
        let town = format!("Town{}", rng.below(400));
        let admin1 = ADMIN1[rng.below(15) as usize];
        let n = rng.below(300) as i64;
        let start = text.len();
        text.push_str(&format!(
            "Report {i}-{k}: fighters clashed near {town} in {admin1}, and {n} people were affected. "
        ));
        let trigger = Span(start + 20, start + 27);
        let et = EventType::ALL[rng.below(EventType::ALL.len() as u64) as usize];
        let (a1, k1) = ACTORS[rng.below(ACTORS.len() as u64) as usize];
        let (a2, k2) = ACTORS[rng.below(ACTORS.len() as u64) as usize];
        let d = published - Duration::days(rng.below(10) as i64);
        events.push(Event {
            id: String::new(),
            event_type: et,
            aggregate: rng.below(10) == 0,
            modality: Modality::Asserted,
            quantities: vec![Quantity {
                measure: et.primary_measure(),
                who: Some("people".into()),
                low: Some(n),
                best: Some(n),
                high: Some(n),
                qualifier: Qualifier::Exact,
                text: format!("{n} people"),
                span: trigger,
            }],
            location: Some(Location {
                name: town.clone(),
                place_id: None,
                kind: Some("town".into()),
                admin1: Some(admin1.into()),
                township: Some(town),
                lat: Some(16.0 + rng.below(1000) as f64 / 100.0),
                lon: Some(93.0 + rng.below(800) as f64 / 100.0),
                precision: Some(PlacePrecision::Town),
                span: Some(trigger),
            }),
            time: Time {
                start: Some(d),
                end: Some(d),
                precision: Some(TimePrecision::Day),
                text: Some("on Tuesday".into()),
                text_norm: None,
                span: None,
            },
            actors: vec![
                Actor {
                    role: Role::Agent,
                    name: a1.into(),
                    canonical: a1.into(),
                    kind: k1,
                    parent: None,
                    span: None,
                },
                Actor {
                    role: Role::Counterpart,
                    name: a2.into(),
                    canonical: a2.into(),
                    kind: k2,
                    parent: None,
                    span: None,
                },
            ],
            claimed_by: None,
            sentence: Span(start, text.len()),
            trigger,
            confidence: 0.8,
            mentions: vec![],
            explain: vec![],
        });
    }
    let mut doc = Document::new(text).with_published(Some(published));
    doc.url = Some(format!("https://bench.example/{i}"));
    let output = DocOutput {
        doc_id: doc.doc_id.clone(),
        path: None,
        published: doc.published,
        title: None,
        events,
        quotes: vec![],
        warnings: vec![],
    };
    NewDocument::new(doc, output)
}

/// CPU seconds (user + system) this process has used (Linux), to report
/// costs that do not depend on how busy the machine is.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(") ")?.1.to_string();
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ut: f64 = f.get(11)?.parse().ok()?;
            let st: f64 = f.get(12)?.parse().ok()?;
            Some((ut + st) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

fn time_ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let total: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let path = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let per_doc = 5;
    let docs = total.div_ceil(per_doc);
    let mut store = Store::open(&path)?;
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let t = Instant::now();
    let cpu0 = cpu_secs();
    let chunk = 20_000;
    let mut i = 0;
    while i < docs {
        let batch: Vec<NewDocument> = (i..(i + chunk).min(docs))
            .map(|k| synthetic_doc(k, per_doc, &mut rng))
            .collect();
        store.insert_batch(&batch)?;
        i += chunk;
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    store
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
    let size = std::fs::metadata(&path)?.len() as f64;
    println!(
        "insert: {docs} documents, {total} events in {secs:.1}s wall ({cpu:.1}s CPU) = {:.0} events/s, {:.0} docs/s (CPU-bound rate {:.0} events/s)",
        total as f64 / secs,
        docs as f64 / secs,
        total as f64 / cpu
    );
    println!(
        "size: {:.1} MB total, {:.2} MB per 1,000 documents ({} events each)",
        size / 1e6,
        size / 1e6 / docs as f64 * 1000.0,
        per_doc
    );

    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let cases: Vec<(&str, EventFilter)> = vec![
        ("no filter", EventFilter::default()),
        (
            "--type surrender",
            EventFilter {
                types: vec![EventType::Surrender],
                ..Default::default()
            },
        ),
        (
            "--admin1 Shan",
            EventFilter {
                admin1: Some("Shan".into()),
                ..Default::default()
            },
        ),
        (
            "--place Town123",
            EventFilter {
                place: Some("Town123".into()),
                ..Default::default()
            },
        ),
        (
            "--actor MNDAA",
            EventFilter {
                actor: Some("MNDAA".into()),
                ..Default::default()
            },
        ),
        (
            "--since 2023-06-01 --until 2023-06-30",
            EventFilter {
                since: Some(d("2023-06-01")),
                until: Some(d("2023-06-30")),
                ..Default::default()
            },
        ),
        (
            "--min-count 295",
            EventFilter {
                min_count: Some(295),
                ..Default::default()
            },
        ),
        (
            "--aggregate yes",
            EventFilter {
                aggregate: Some(true),
                ..Default::default()
            },
        ),
        (
            "--type airstrike --admin1 Sagaing --since 2023-01-01",
            EventFilter {
                types: vec![EventType::Airstrike],
                admin1: Some("Sagaing".into()),
                since: Some(d("2023-01-01")),
                ..Default::default()
            },
        ),
        (
            "--actor KIA --place Town7 --min-count 100",
            EventFilter {
                actor: Some("KIA".into()),
                place: Some("Town7".into()),
                min_count: Some(100),
                ..Default::default()
            },
        ),
    ];
    println!(
        "\n| filter | matches | first page (50) | next page | count(*) |\n|---|---:|---:|---:|---:|"
    );
    for (name, f) in &cases {
        // Warm once, then the median of 5 runs.
        let _ = store.events(f, Page::first(50))?;
        let mut firsts = Vec::new();
        let mut nexts = Vec::new();
        for _ in 0..5 {
            let (p, ms) = time_ms(|| store.events(f, Page::first(50)));
            let p = p?;
            firsts.push(ms);
            if p.next.is_some() {
                let (_, ms) = time_ms(|| {
                    store.events(
                        f,
                        Page {
                            after: p.next.clone(),
                            limit: 50,
                        },
                    )
                });
                nexts.push(ms);
            }
        }
        let (n, count_ms) = time_ms(|| store.events_count(f));
        let med = |v: &mut Vec<f64>| {
            if v.is_empty() {
                return f64::NAN;
            }
            v.sort_by(|a, b| a.partial_cmp(b).unwrap());
            v[v.len() / 2]
        };
        println!(
            "| `{name}` | {} | {:.2} ms | {:.2} ms | {:.0} ms |",
            n?,
            med(&mut firsts),
            med(&mut nexts),
            count_ms
        );
    }
    let (n, ms) = time_ms(|| {
        let mut n = 0usize;
        store
            .for_each_event(&EventFilter::default(), |_| {
                n += 1;
                Ok(())
            })
            .map(|_| n)
    });
    println!(
        "\nstream all: {} events in {:.1}s ({:.0} events/s)",
        n?,
        ms / 1000.0,
        total as f64 / (ms / 1000.0)
    );
    Ok(())
}
