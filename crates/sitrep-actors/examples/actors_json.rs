//! Print everything the actor stage finds in text files, one JSON line per file:
//! actor mentions, attributions and quotes (for before/after comparisons).
//! usage: cargo run --release -p sitrep-actors --example actors_json -- FILE... > out.jsonl
use std::io::Write;

use sitrep_actors::Actors;

fn main() {
    let a = Actors::embedded();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let sents = sitrep_text::sentences(&text);
        let actors = a.find(&text, &sents);
        let (attributions, quotes) = a.attributions(&text, &sents, &actors);
        let line = serde_json::json!({
            "path": path,
            "actors": actors,
            "attributions": attributions,
            "quotes": quotes,
        });
        writeln!(out, "{line}").expect("stdout");
    }
}
