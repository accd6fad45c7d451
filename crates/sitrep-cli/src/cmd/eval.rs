//! `sitrep eval`: score extraction against gold annotations (spec §7).
//!
//! Each gold file `GOLD/NAME.json` is paired with `DOCS/NAME.txt`, which is extracted
//! in-process with the gold's `published` as the publication date (as
//! `sitrep extract --date PUBLISHED` would), then scored by `sitrep-eval`, which
//! prints the same lines (or JSON) as the development set's `score.py`.
//! `--pred FILE.jsonl` scores existing `sitrep extract --format jsonl` output instead.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use serde_json::Value;
use sitrep_extract::{Extractor, Options};

#[derive(clap::Args)]
pub struct Args {
    /// Folder of gold files `NAME.json` (spec §7).
    #[arg(long)]
    gold: PathBuf,
    /// Folder of documents `NAME.txt` beside the gold files (extracted in-process).
    #[arg(long, required_unless_present = "pred")]
    docs: Option<PathBuf>,
    /// Score this `sitrep extract --format jsonl` output instead of extracting `--docs`.
    #[arg(long, conflicts_with = "docs")]
    pred: Option<PathBuf>,
    /// One line (or JSON entry) per document too.
    #[arg(long)]
    per_doc: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let golds = sitrep_eval::load_gold_dir(&args.gold)?;
    let preds: Vec<Value> = match (&args.pred, &args.docs) {
        (Some(p), _) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read", p.display()))?;
            sitrep_eval::parse_jsonl(&text).with_context(|| p.display().to_string())?
        }
        (None, Some(docs)) => extract_docs(&golds, docs),
        (None, None) => anyhow::bail!("give --docs DIR or --pred FILE.jsonl"),
    };
    let report = sitrep_eval::score(&golds, &preds);
    let text = if args.json {
        report.to_json(args.per_doc) + "\n"
    } else {
        report.to_text(args.per_doc)
    };
    // write! rather than print!: a closed pipe is an error, not a panic.
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Extract `DOCS/NAME.txt` for every gold `NAME`, dated by the gold's `published`.
/// A missing or unreadable document is reported on stderr and gets no output.
fn extract_docs(golds: &[(String, Value)], docs: &std::path::Path) -> Vec<Value> {
    let extractor = Extractor::new(Options::default());
    let outputs: Vec<Vec<Value>> = golds
        .par_iter()
        .map(|(name, gold)| {
            let path = docs.join(format!("{name}.txt"));
            if !path.is_file() {
                eprintln!("missing {}", path.display());
                return Vec::new();
            }
            let date = gold
                .get("published")
                .and_then(|d| d.as_str())
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            sitrep_read::read_file(&path)
                .into_iter()
                .filter_map(|r| match r {
                    Ok(input) => {
                        let mut doc = input.doc;
                        if date.is_some() {
                            doc.published = date;
                        }
                        serde_json::to_value(extractor.extract(&doc)).ok()
                    }
                    Err(e) => {
                        eprintln!("sitrep: {e}");
                        None
                    }
                })
                .collect()
        })
        .collect();
    outputs.into_iter().flatten().collect()
}
