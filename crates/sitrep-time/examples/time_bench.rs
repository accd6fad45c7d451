//! Throughput of `sitrep_time::find` over ~20 MB of generated news-style text.
//! Run with `cargo run --release -p sitrep-time --example time_bench [MB]`.

use std::time::Instant;

/// CPU time of this thread in seconds (Linux), so that a busy machine does
/// not distort the figure; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Sentences written for this benchmark (a mix with and without times).
const SENTENCES: &[&str] = &[
    "Junta troops shelled the village on Tuesday afternoon, killing at least 17 civilians and injuring more than 30 others.",
    "The People’s Defense Force said it had seized 12 rifles and a quantity of ammunition after the ambush.",
    "Residents said about 150 houses were burned earlier this month, and some 3,000 people are sheltering in monasteries.",
    "More than 60 soldiers have been killed since March 7, according to the group, which could not be independently verified.",
    "A 62-year-old farmer and his two grandchildren were pulled from the rubble at around 2 pm.",
    "The alliance launched its offensive on October 27 and has since captured more than a dozen towns.",
    "State media reported that 5,000 recruits began basic training at camps around the country on Monday.",
    "Those who return to duty within 30 days will be treated leniently, the police chief said on state radio.",
    "Light Infantry Battalion 345 withdrew from the hilltop outpost the following day, residents said.",
    "Hundreds of families have moved towards the border since the fighting intensified in May.",
    "The military council announced that deserters would not be punished if they returned by March 31.",
    "Thousands of people have fled their homes in the two townships, and many are now sheltering in crowded camps.",
    "The regime has arrested more than 26,000 people on political grounds since the 2021 coup.",
    "Prices of rice have risen sharply, with a bag now costing more than 150,000 kyats in the camps.",
    "Fighting resumed in late October after a brief lull, and a fifth batch of conscripts is due next month.",
    "Desertion is punishable by seven years in prison under the Defense Services Act.",
    "“We left with only the clothes we were wearing,” said a 41-year-old woman who fled to a village near the border.",
    "The town fell on 12 November night; two days earlier, the garrison commander had fled by helicopter.",
];

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let target = mb * 1_000_000;
    let mut docs: Vec<String> = Vec::new();
    let mut total = 0usize;
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut doc = String::new();
    while total < target {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let s = SENTENCES[(seed >> 33) as usize % SENTENCES.len()];
        doc.push_str(s);
        doc.push(if (seed >> 20) & 3 == 0 { '\n' } else { ' ' });
        if doc.len() > 3000 {
            total += doc.len();
            docs.push(std::mem::take(&mut doc));
        }
    }
    let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 15);
    // Warm up (builds the automaton).
    let _ = sitrep_time::find(&docs[0], d);
    let mut best_wall = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut found = 0usize;
    for _ in 0..3 {
        let c0 = cpu_seconds();
        let t0 = Instant::now();
        found = 0;
        for doc in &docs {
            found += sitrep_time::find(doc, d).len();
        }
        best_wall = best_wall.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let mbytes = total as f64 / 1e6;
    println!(
        "{} docs, {:.1} MB, {} time mentions",
        docs.len(),
        mbytes,
        found
    );
    println!(
        "wall: {:.3} s, {:.1} MB/s (best of 3)",
        best_wall,
        mbytes / best_wall
    );
    if best_cpu < f64::MAX {
        println!(
            "cpu:  {:.3} s, {:.1} MB/s (best of 3, one core)",
            best_cpu,
            mbytes / best_cpu
        );
    }
}
