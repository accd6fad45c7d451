//! Print the place mentions the geocoder finds in text files:
//! `cargo run -p sitrep-gazetteer --example geocode -- FILE...`
use sitrep_gazetteer::Gazetteer;

fn main() {
    let g = Gazetteer::embedded();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        let sentences = sitrep_text::sentences(&text);
        println!("== {path}");
        for m in g.find(&text, &sentences) {
            let l = &m.location;
            println!(
                "{:>5} {:<32} {:<11} {:<16} {:<10} {:<14} {:<8} | {}",
                m.span.0,
                m.name,
                l.admin1.as_deref().unwrap_or("-"),
                l.township.as_deref().unwrap_or("-"),
                l.precision.map(|p| p.as_str()).unwrap_or("-"),
                l.place_id.as_deref().unwrap_or("-"),
                l.kind.as_deref().unwrap_or("-"),
                m.why
            );
        }
    }
}
