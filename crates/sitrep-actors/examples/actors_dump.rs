//! Print the actor mentions, attributions and quotes of text files: readable
//! lines, or with `--json` one JSON line per file (for before/after comparisons).
//! usage: cargo run --release -p sitrep-actors --example actors_dump -- [--json] FILE...
use std::io::Write;

use sitrep_actors::Actors;

fn main() {
    let a = Actors::embedded();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|x| x == "--json");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in args.iter().filter(|x| *x != "--json") {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let sents = sitrep_text::sentences(&text);
        let ms = a.find(&text, &sents);
        let (atts, quotes) = a.attributions(&text, &sents, &ms);
        if json {
            let line = serde_json::json!({
                "path": path,
                "actors": ms,
                "attributions": atts,
                "quotes": quotes,
            });
            writeln!(out, "{line}").expect("stdout");
            continue;
        }
        writeln!(out, "== {path}").expect("stdout");
        for m in &ms {
            writeln!(
                out,
                "  [{}..{}] {:?} -> {} ({}, parent {:?}, side {:?}{})",
                m.span.0,
                m.span.1,
                m.name,
                m.canonical,
                m.kind,
                m.parent,
                m.side,
                if m.generic { ", generic" } else { "" }
            )
            .expect("stdout");
        }
        for at in &atts {
            let scope = at.scope.slice(&text);
            let short: String = scope.chars().take(70).collect();
            writeln!(out, "  ATT {:?} {:?} <- {:?}", at.kind, at.source, short).expect("stdout");
        }
        for q in &quotes {
            let short: String = q.span.slice(&text).chars().take(60).collect();
            writeln!(
                out,
                "  QUOTE {:?} / {:?}: {:?}",
                q.speaker, q.speaker_description, short
            )
            .expect("stdout");
        }
    }
}
