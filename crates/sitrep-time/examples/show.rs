//! Prints the time expressions of a text file: `show FILE [YYYY-MM-DD]`.
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: show FILE [YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let date = match args.get(2).map(|s| s.parse::<chrono::NaiveDate>()) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("bad date {:?}: {e}", args[2]);
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    for m in sitrep_time::find(&text, date) {
        let _ = writeln!(
            out,
            "{:>5} {:<34} {:?} {:?}..{:?} {:?} {:?}",
            m.span.0,
            format!("{:?}", m.text),
            m.role,
            m.start,
            m.end,
            m.precision.map(|p| p.as_str()),
            m.text_norm
        );
    }
    ExitCode::SUCCESS
}
