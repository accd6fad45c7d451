//! Benchmark: merge N synthetic events (default 1,000,000) and report time,
//! peak memory and pairwise precision/recall against the generator's truth.
//!
//! ```text
//! cargo run --release -p sitrep-merge --example bench_merge -- [N]
//! ```
//!
//! The generator draws happenings (type, township, site, day over three
//! years, unit, count) and 1–7 reports of each, varying the reports the way
//! outlets do: a count off by one or two or given as "more than", only the
//! region instead of the village, no date (publication date only), a day
//! off, the neighbouring battalion number.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use sitrep_core::{
    Actor, ActorKind, Event, EventType, Location, Measure, Modality, PlacePrecision, Qualifier,
    Quantity, Role, Span, Time, TimePrecision,
};
use sitrep_merge::{merge_with, MergeConfig, MergeInput};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

const ADMIN1: &[&str] = &[
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
const TYPES: &[EventType] = &[
    EventType::Battle,
    EventType::Airstrike,
    EventType::Shelling,
    EventType::Surrender,
    EventType::Capture,
    EventType::Arrest,
    EventType::Arson,
    EventType::AttackOnCivilians,
    EventType::Displacement,
];

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) this process has used, from /proc/self/stat.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses).
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let utime: f64 = f.get(11)?.parse().ok()?;
            let stime: f64 = f.get(12)?.parse().ok()?;
            Some((utime + stime) / 100.0)
        })
        .unwrap_or(0.0)
}

fn generate(n: usize) -> (Vec<MergeInput>, Vec<u32>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let base = NaiveDate::from_ymd_opt(2021, 2, 1).unwrap();
    let mut inputs = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let mut doc = 0u64;
    let mut h = 0u32;
    while inputs.len() < n {
        let t = TYPES[rng.below(TYPES.len() as u64) as usize];
        let township = rng.below(330);
        let admin1 = ADMIN1[(township % 15) as usize];
        let site = rng.below(40);
        let day = base + Duration::days(rng.below(1095) as i64);
        let unit = rng.below(400) + 1;
        let count = rng.below(300) as i64 + 1;
        let reports = 1 + rng.below(7) as usize;
        for r in 0..reports {
            if inputs.len() >= n {
                break;
            }
            doc += 1;
            let published = day + Duration::days(1 + rng.below(3) as i64);
            let mut c = count;
            if rng.chance(30) {
                c += rng.below(5) as i64 - 2;
            }
            let c = c.max(1);
            let (low, best, high, q) = if rng.chance(15) {
                let floor = (c / 10 * 10).max(1);
                (Some(floor + 1), Some(floor + 1), None, Qualifier::MoreThan)
            } else {
                (Some(c), Some(c), Some(c), Qualifier::Exact)
            };
            let location = if rng.chance(20) {
                Location {
                    name: format!("{admin1} Region"),
                    admin1: Some(admin1.to_string()),
                    precision: Some(PlacePrecision::Admin1),
                    ..Location::default()
                }
            } else {
                Location {
                    name: format!("Village {township}-{site}"),
                    place_id: Some(format!("MMR{township:04}{site:03}")),
                    admin1: Some(admin1.to_string()),
                    township: Some(format!("Township {township}")),
                    precision: Some(PlacePrecision::Site),
                    ..Location::default()
                }
            };
            let time = if rng.chance(15) {
                Time::default()
            } else {
                let d = if rng.chance(10) {
                    day + Duration::days(1)
                } else {
                    day
                };
                Time {
                    start: Some(d),
                    end: Some(d),
                    precision: Some(TimePrecision::Day),
                    text: Some("on Tuesday".into()),
                    ..Time::default()
                }
            };
            let u = if rng.chance(10) { unit + 1 } else { unit };
            let actors = vec![Actor {
                role: Role::Agent,
                name: format!("LIB {u}"),
                canonical: format!("LIB {u}"),
                kind: ActorKind::MilitaryUnit,
                parent: Some("Myanmar Armed Forces".into()),
                span: None,
            }];
            let m: Measure = t.primary_measure();
            let id = format!("d{doc}-{r}");
            inputs.push(MergeInput {
                event_id: id.clone(),
                doc_id: format!("d{doc}"),
                document: format!("https://news.example/{doc}"),
                outlet: None,
                published: Some(published),
                event: Event {
                    id,
                    event_type: t,
                    aggregate: false,
                    modality: Modality::Asserted,
                    quantities: vec![Quantity {
                        measure: m,
                        who: Some("soldiers".into()),
                        low,
                        best,
                        high,
                        qualifier: q,
                        text: format!("{c} soldiers"),
                        span: Span(0, 0),
                    }],
                    location: Some(location),
                    time,
                    actors,
                    claimed_by: None,
                    sentence: Span(0, 0),
                    trigger: Span(0, 0),
                    confidence: 0.8,
                    mentions: vec![],
                    explain: vec![],
                },
            });
            truth.push(h);
        }
        h += 1;
    }
    (inputs, truth)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.replace('_', "").parse().expect("N must be a number"))
        .unwrap_or(1_000_000);
    let t0 = Instant::now();
    let (inputs, truth) = generate(n);
    let gen_s = t0.elapsed().as_secs_f64();
    let rss_inputs = peak_rss_mib();
    println!(
        "generated {} events ({} happenings) in {gen_s:.1} s; peak RSS so far {rss_inputs:.0} MiB",
        inputs.len(),
        truth.last().map_or(0, |h| h + 1)
    );

    let cfg = MergeConfig {
        explain: false,
        ..MergeConfig::default()
    };
    let t1 = Instant::now();
    let cpu0 = cpu_seconds();
    let incidents = merge_with(&inputs, &cfg);
    let merge_s = t1.elapsed().as_secs_f64();
    let merge_cpu = cpu_seconds() - cpu0;
    let rss = peak_rss_mib();
    println!(
        "merged into {} incidents in {merge_s:.1} s wall, {merge_cpu:.1} s CPU ({:.0} events/CPU-s); peak RSS {rss:.0} MiB (+{:.0} MiB over the inputs)",
        incidents.len(),
        inputs.len() as f64 / merge_cpu.max(1e-9),
        rss - rss_inputs
    );

    // Pairwise precision/recall against the generator's happenings.
    let index: std::collections::HashMap<&str, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, e)| (e.event_id.as_str(), i))
        .collect();
    let mut pred = vec![0u32; inputs.len()];
    for (k, inc) in incidents.iter().enumerate() {
        for e in &inc.events {
            pred[index[e.as_str()]] = k as u32;
        }
    }
    let mut cell: std::collections::HashMap<(u32, u32), u64> = std::collections::HashMap::new();
    let mut pc: std::collections::HashMap<u32, u64> = std::collections::HashMap::new();
    let mut gc: std::collections::HashMap<u32, u64> = std::collections::HashMap::new();
    for i in 0..inputs.len() {
        *cell.entry((pred[i], truth[i])).or_default() += 1;
        *pc.entry(pred[i]).or_default() += 1;
        *gc.entry(truth[i]).or_default() += 1;
    }
    let tp: u64 = cell.values().map(|&c| pairs(c)).sum();
    let pp: u64 = pc.values().map(|&c| pairs(c)).sum();
    let gp: u64 = gc.values().map(|&c| pairs(c)).sum();
    println!(
        "pairwise precision {:.3} recall {:.3} against the generator's happenings",
        tp as f64 / pp.max(1) as f64,
        tp as f64 / gp.max(1) as f64
    );
}
