//! Every place mention of every text file, one JSON object a line (to compare the
//! geocoder's output before and after a change), with the time `find` took on stderr:
//! `cargo run --release -p sitrep-gazetteer --example places_dump -- FILE_OR_DIR... > out.jsonl`
//!
//! A directory stands for its `.txt` files, in name order.
use std::path::PathBuf;
use std::time::Instant;

use sitrep_gazetteer::Gazetteer;

/// CPU seconds this thread has run (`/proc/thread-self/schedstat`, in nanoseconds).
fn thread_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for a in std::env::args().skip(1) {
        let p = PathBuf::from(&a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = match std::fs::read_dir(&p) {
                Ok(d) => d
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect(),
                Err(e) => {
                    eprintln!("{a}: {e}");
                    std::process::exit(2);
                }
            };
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let mut docs = Vec::new();
    for p in &files {
        match std::fs::read_to_string(p) {
            Ok(t) => docs.push(t),
            Err(e) => {
                eprintln!("{}: {e}", p.display());
                std::process::exit(2);
            }
        }
    }
    let g = Gazetteer::embedded();
    let sentences: Vec<_> = docs.iter().map(|t| sitrep_text::sentences(t)).collect();
    let c0 = thread_cpu_s();
    let t = Instant::now();
    let found: Vec<_> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| g.find(d, s))
        .collect();
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_s().zip(c0).map(|(b, a)| b - a);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "find: {} files, {mb:.1} MB, {secs:.3} s wall ({:.1} MB/s), {} CPU s ({} MB/CPU s)",
        files.len(),
        mb / secs.max(1e-9),
        cpu.map_or("?".into(), |c| format!("{c:.3}")),
        cpu.map_or("?".into(), |c| format!("{:.1}", mb / c.max(1e-9))),
    );
    for (p, ms) in files.iter().zip(found) {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        for m in ms {
            let j = serde_json::to_string(&m).unwrap_or_default();
            println!("{name}\t{j}");
        }
    }
}
