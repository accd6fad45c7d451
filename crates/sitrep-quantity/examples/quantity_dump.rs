//! Prints the quantities found in each file given on the command line, one per line:
//! `measure who low/best/high qualifier "text"`.
//!
//! `cargo run -p sitrep-quantity --example quantity_dump -- FILE...`

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("dump: cannot read {path}: {e}");
                failed = true;
                continue;
            }
        };
        println!("== {path}");
        for m in sitrep_quantity::find(&text) {
            let f = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
            println!(
                "{:>10} {:<16} {}/{}/{} {:<9}{} {:?}",
                m.measure.map_or("-", |m| m.as_str()),
                m.who.as_deref().unwrap_or("-"),
                f(m.low),
                f(m.best),
                f(m.high),
                m.qualifier.as_str(),
                if m.killed_or_injured { " KoI" } else { "" },
                m.text
            );
        }
    }
    if failed {
        std::process::exit(1);
    }
}
