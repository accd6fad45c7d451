//! Print the actor mentions, attributions and quotes of text files.
//! usage: cargo run -p sitrep-actors --example actors_dump -- FILE...
use sitrep_actors::Actors;

fn main() {
    let a = Actors::embedded();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let sents = sitrep_text::sentences(&text);
        let ms = a.find(&text, &sents);
        println!("== {path}");
        for m in &ms {
            println!(
                "  [{}..{}] {:?} -> {} ({}, parent {:?}, side {:?}{})",
                m.span.0,
                m.span.1,
                m.name,
                m.canonical,
                m.kind,
                m.parent,
                m.side,
                if m.generic { ", generic" } else { "" }
            );
        }
        let (atts, quotes) = a.attributions(&text, &sents, &ms);
        for at in &atts {
            let scope = at.scope.slice(&text);
            let short: String = scope.chars().take(70).collect();
            println!("  ATT {:?} {:?} <- {:?}", at.kind, at.source, short);
        }
        for q in &quotes {
            let short: String = q.span.slice(&text).chars().take(60).collect();
            println!(
                "  QUOTE {:?} / {:?}: {:?}",
                q.speaker, q.speaker_description, short
            );
        }
    }
}
