//! The actor stage as `sitrep bench` times it (find, then attributions, per
//! document), over text files, in MB per CPU second of this thread.
//! usage: cargo run --release -p sitrep-actors --example stage_bench -- [--reps N] FILE...
//! (`sitrep bench --mb 20 --seed 1 --write-corpus DIR` writes the bench corpus.)
use sitrep_actors::Actors;

/// CPU time of this thread in seconds (Linux), so that the figure does not depend
/// on how busy the machine is.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut reps = 3usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
        } else {
            files.push(a);
        }
    }
    let docs: Vec<String> = files
        .iter()
        .map(|f| {
            std::fs::read_to_string(f).unwrap_or_else(|e| {
                eprintln!("{f}: {e}");
                std::process::exit(1)
            })
        })
        .collect();
    let sentences: Vec<_> = docs.iter().map(|d| sitrep_text::sentences(d)).collect();
    let a = Actors::embedded();
    let _ = a.find("Warm-up sentence in Loikaw on Monday.", &[]);
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..reps {
        let c0 = cpu_seconds().unwrap_or(0.0);
        let t0 = std::time::Instant::now();
        // As `sitrep bench` does: every result is kept until the stage is timed.
        let results: Vec<_> = docs
            .iter()
            .zip(&sentences)
            .map(|(d, s)| {
                let m = a.find(d, s);
                let (at, q) = a.attributions(d, s, &m);
                (m, at, q)
            })
            .collect();
        let c = cpu_seconds().map_or(t0.elapsed().as_secs_f64(), |c1| c1 - c0);
        best = best.min(c);
        n = results
            .iter()
            .map(|(m, at, q)| m.len() + at.len() + q.len())
            .sum();
        drop(results);
    }
    println!(
        "{mb:.1} MB in {} documents: {:.3} CPU s (best of {reps}), {:.1} MB per CPU second ({n} items)",
        docs.len(),
        best,
        mb / best
    );
}
