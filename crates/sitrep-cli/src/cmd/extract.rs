//! `sitrep extract`: documents in, events out (spec §6).
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use sitrep_core::Document;
use sitrep_extract::{Extractor, Options};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Json,
    Table,
}

#[derive(clap::Args)]
pub struct Args {
    /// Output format: `jsonl` (spec §6, one document per line), `json`, `table`.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Publication date (YYYY-MM-DD); overrides dates found in the documents.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Explain each event: the trigger, the rule and why each field was chosen.
    #[arg(long)]
    explain: bool,
    /// Files or folders; `-` or nothing reads standard input.
    paths: Vec<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date (expected YYYY-MM-DD)"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new(Options {
        explain: args.explain,
    });
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for p in &paths {
        let docs: Vec<Document> = if p == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .context("reading standard input")?;
            vec![Document::new(String::from_utf8_lossy(&buf).into_owned()).with_path("-")]
        } else {
            match std::fs::read(p) {
                Ok(bytes) => vec![Document::new(String::from_utf8_lossy(&bytes).into_owned())
                    .with_path(p.clone())],
                Err(e) => {
                    eprintln!("sitrep: {p}: {e}");
                    failed = true;
                    continue;
                }
            }
        };
        for mut doc in docs {
            if args.date.is_some() {
                doc.published = args.date;
            }
            let output = extractor.extract(&doc);
            match args.format {
                Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&output)?)?,
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&output)?)?,
                Format::Table => {
                    for e in &output.events {
                        writeln!(out, "{}\t{}", e.event_type, e.id)?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
