//! A minimal `extract` for the development loop of the extraction stages,
//! without the store and server dependencies of the full CLI:
//! `cargo run -p sitrep-extract --example extract -- extract --format jsonl --date D FILE...`
//! (the same arguments as `sitrep extract`, so `../shared/eval/run.sh` can drive it).
use sitrep_core::Document;
use sitrep_extract::{Extractor, Options};

fn main() {
    let mut date = None;
    let mut explain = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1).peekable();
    while let Some(a) = args.next() {
        match a.as_str() {
            "extract" => {}
            "--format" => {
                args.next();
            }
            "--explain" => explain = true,
            "--date" => {
                date = args
                    .next()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            }
            p => paths.push(p.to_string()),
        }
    }
    let ex = Extractor::new(Options { explain });
    for p in paths {
        let bytes = std::fs::read(&p).unwrap_or_else(|e| {
            eprintln!("{p}: {e}");
            std::process::exit(1)
        });
        let doc = Document::new(String::from_utf8_lossy(&bytes).into_owned())
            .with_path(p.clone())
            .with_published(date);
        println!("{}", serde_json::to_string(&ex.extract(&doc)).unwrap());
    }
}
