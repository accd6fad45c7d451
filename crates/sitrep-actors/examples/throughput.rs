//! Throughput of the actor stage (find + attributions) in MB/s.
//! usage: cargo run --release -p sitrep-actors --example throughput -- [FILE...]
//! Without files it uses a built-in synthetic report repeated to ~4 MB.
use std::time::Instant;

use sitrep_actors::Actors;

const SAMPLE: &str =
    "Junta troops from Light Infantry Battalion 143 and Infantry Battalion 125 and 129 \
withdrew from the town on Tuesday, the Kachin Independence Army (KIA) said. \
“We took the base after two days,” a KIA spokesperson told reporters. \
Residents said military jets bombed the market, killing at least seven civilians, \
according to a local relief group. The regime denied that any positions were lost. \
Captain Aung Ko Min from Division 66 surrendered to the KNDF with 30 soldiers. \
The PDF said its fighters had seized 12 rifles, while state media blamed terrorists.\n";

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), so that the
/// figure does not depend on how busy the machine is; falls back to wall time.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let text = if files.is_empty() {
        SAMPLE.repeat(4_000_000 / SAMPLE.len())
    } else {
        let mut t = String::new();
        for f in &files {
            match std::fs::read_to_string(f) {
                Ok(s) => {
                    t.push_str(&s);
                    t.push('\n');
                }
                Err(e) => {
                    eprintln!("{f}: {e}");
                    std::process::exit(1);
                }
            }
        }
        // Repeat small inputs so the timing is meaningful.
        let reps = (4_000_000 / t.len().max(1)).max(1);
        t.repeat(reps)
    };
    let a = Actors::embedded();
    // Split into ~4 KB documents, as the pipeline would see them.
    let docs: Vec<&str> = text.split_inclusive("\n").collect::<Vec<_>>();
    let mut chunks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for l in docs {
        cur.push_str(l);
        if cur.len() > 4000 {
            chunks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        chunks.push(cur);
    }
    let sentences: Vec<_> = chunks.iter().map(|c| sitrep_text::sentences(c)).collect();
    let bytes: usize = chunks.iter().map(String::len).sum();
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    let mut n_mentions = 0;
    for (c, s) in chunks.iter().zip(&sentences) {
        n_mentions += a.find(c, s).len();
    }
    let find_wall = t0.elapsed().as_secs_f64();
    let c1 = cpu_seconds();
    let mentions: Vec<_> = chunks
        .iter()
        .zip(&sentences)
        .map(|(c, s)| a.find(c, s))
        .collect();
    let c1b = cpu_seconds();
    let t1 = Instant::now();
    let mut n_atts = 0;
    for ((c, s), ms) in chunks.iter().zip(&sentences).zip(&mentions) {
        n_atts += a.attributions(c, s, ms).0.len();
    }
    let att_wall = t1.elapsed().as_secs_f64();
    let c2 = cpu_seconds();
    let (find_s, att_s, clock) = match (c0, c1, c2) {
        (Some(a), Some(b), Some(c)) => (b - a, c - c1b.unwrap_or(b), "CPU time"),
        _ => (find_wall, att_wall, "wall time"),
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "{mb:.1} MB in {} documents ({clock}): find {:.1} MB/s ({n_mentions} mentions); attributions {:.1} MB/s ({n_atts}); both {:.1} MB/s",
        chunks.len(),
        mb / find_s,
        mb / att_s,
        mb / (find_s + att_s)
    );
}
