//! Prints `tests/sentences.tsv` rows (sentence, TAB, what `find` returns) for
//! each line of the files given, to review before adding them to the table.
//!
//! `cargo run -p sitrep-quantity --example table_row -- FILE...`

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("table_row: cannot read {path}: {e}");
                failed = true;
                continue;
            }
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let f = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
            let got: Vec<String> = sitrep_quantity::find(line)
                .iter()
                .map(|m| {
                    format!(
                        "{} => {}/{}/{}/{}/{}/{}{}",
                        m.text,
                        m.measure.map_or("none", |m| m.as_str()),
                        m.who.as_deref().unwrap_or("-"),
                        f(m.low),
                        f(m.best),
                        f(m.high),
                        m.qualifier.as_str(),
                        if m.killed_or_injured { "/koi" } else { "" }
                    )
                })
                .collect();
            let got = if got.is_empty() {
                "-".to_string()
            } else {
                got.join(" ; ")
            };
            println!("{line}\t{got}");
        }
    }
    if failed {
        std::process::exit(1);
    }
}
