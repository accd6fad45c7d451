//! Load time, memory, lookup and geocoding speed of the embedded gazetteer:
//! `cargo run --release -p sitrep-gazetteer --example gazetteer_bench`
use std::time::Instant;

use sitrep_gazetteer::Gazetteer;

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let before = rss_kib();
    let t = Instant::now();
    let g = Gazetteer::builtin();
    let load = t.elapsed();
    let after = rss_kib();
    println!(
        "load: {:.1} ms; {} places, {} name keys; RSS {} KiB -> {} KiB (+{} KiB)",
        load.as_secs_f64() * 1e3,
        g.len(),
        g.name_count(),
        before.unwrap_or(0),
        after.unwrap_or(0),
        after.unwrap_or(0).saturating_sub(before.unwrap_or(0))
    );
    if std::env::args().any(|a| a == "--load-only") {
        return;
    }
    let names = [
        "Kalay",
        "Insein Prison",
        "Minhla",
        "Kanbalu Township",
        "Nyaung Pin Thar",
        "Hsenwi",
        "northern Shan State",
        "Nowhere At All",
        "Sin Kyun",
        "Karenni",
    ];
    let n = 20_000;
    let t = Instant::now();
    let mut hits = 0;
    for i in 0..n {
        if g.resolve(names[i % names.len()], None).is_some() {
            hits += 1;
        }
    }
    let per = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "resolve: {:.1} µs per name ({hits} of {n} resolved)",
        per * 1e6
    );
    let para = "Two military jets bombed Nyaung Pin Thar village in Sagaing Region's Kanbalu Township on Tuesday, killing 17 civilians. Around 200 soldiers were freed from Insein Prison, 150 from Obo Prison and 16 from Myingyan Prison in Mandalay Region, and 62 from Taungoo Prison in Bago Region. The Kachin Independence Army captured a base near Sin Kyun village in Madaya Township. Fighting continued in northern Shan State near Theinni and Laukkai, residents told reporters on Monday.\n\n";
    let text: String = para.repeat(200);
    let sentences = sitrep_text::sentences(&text);
    let t = Instant::now();
    let reps = 5;
    let mut found = 0;
    for _ in 0..reps {
        found = g.find(&text, &sentences).len();
    }
    let secs = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "find: {:.2} MB/s ({} KB document, {found} mentions, {:.1} ms)",
        text.len() as f64 / 1e6 / secs,
        text.len() / 1000,
        secs * 1e3
    );
}
