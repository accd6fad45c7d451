//! Throughput of `find`: reads the files given on the command line (or
//! `../shared/eval/docs/*.txt`), repeats them to about 20 MB and times `find`
//! over each copy, document by document.
//!
//! `cargo run --release -p sitrep-quantity --example quantity_bench -- [FILE...]`

use std::time::Instant;

/// CPU time this thread has run, in seconds (Linux `/proc/thread-self/schedstat`),
/// so that the figure holds on a busy machine; `None` elsewhere.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = "../shared/eval/docs";
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                paths = rd
                    .filter_map(|e| Some(e.ok()?.path().display().to_string()))
                    .collect()
            }
            Err(e) => {
                eprintln!("bench: no files given and cannot read {dir}: {e}");
                std::process::exit(1);
            }
        }
    }
    let mut docs = Vec::new();
    for p in &paths {
        match std::fs::read(p) {
            Ok(b) => docs.push(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                eprintln!("bench: cannot read {p}: {e}");
                std::process::exit(1);
            }
        }
    }
    let one: usize = docs.iter().map(String::len).sum();
    if one == 0 {
        eprintln!("bench: no text");
        std::process::exit(1);
    }
    let reps = (20_000_000 / one).max(1);
    // Warm up (loads the lexicon).
    let mut found = 0usize;
    for d in &docs {
        found += sitrep_quantity::find(d).len();
    }
    let cpu0 = thread_cpu_secs();
    let t = Instant::now();
    let mut total = 0usize;
    for _ in 0..reps {
        for d in &docs {
            total += sitrep_quantity::find(d).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu0.zip(thread_cpu_secs()).map(|(a, b)| b - a);
    let mb = (one * reps) as f64 / 1e6;
    println!(
        "{} docs x {reps} = {mb:.1} MB: wall {secs:.3} s = {:.1} MB/s{} ({found} quantities per pass, {total} total)",
        docs.len(),
        mb / secs,
        cpu.map_or(String::new(), |c| format!("; cpu {c:.3} s = {:.1} MB/s per core", mb / c)),
    );
}
