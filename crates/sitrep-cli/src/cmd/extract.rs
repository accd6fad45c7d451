//! `sitrep extract`: documents in, events out (spec §6).
//!
//! Inputs are files, folders (read recursively) and standard input (`-` or no path),
//! read by `sitrep-read`. Documents are extracted in parallel and printed in input
//! order. A failed input prints `sitrep: <input>: <message>` on stderr, the others
//! are still processed, and the exit code is 1.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use rayon::prelude::*;
use sitrep_core::{DocOutput, Event};
use sitrep_extract::{Extractor, Options};
use sitrep_read::{Input, ReadError};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Json,
    Table,
}

#[derive(clap::Args)]
pub struct Args {
    /// Output format: `jsonl` (spec §6, one document per line), `json` (an array), `table`.
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

/// One unit of work, in input order.
enum Job {
    Stdin,
    File(PathBuf),
    Failed(ReadError),
}

/// Files processed together; output is written after each chunk, in order.
const CHUNK: usize = 256;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new(Options {
        explain: args.explain,
    });
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let mut jobs = Vec::new();
    for p in &paths {
        if p == "-" {
            jobs.push(Job::Stdin);
            continue;
        }
        match sitrep_read::list_files(std::path::Path::new(p)) {
            Ok(files) => jobs.extend(files.into_iter().map(Job::File)),
            Err(e) => jobs.push(Job::Failed(e)),
        }
    }

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    if args.format == Format::Json {
        write!(out, "[")?;
    }
    for chunk in jobs.chunks(CHUNK) {
        let results: Vec<Vec<Result<DocOutput, ReadError>>> = chunk
            .par_iter()
            .map(|job| {
                let inputs = match job {
                    Job::Stdin => sitrep_read::read_stdin(),
                    Job::File(p) => sitrep_read::read_file(p),
                    Job::Failed(e) => vec![Err(e.clone())],
                };
                inputs
                    .into_iter()
                    .map(|r| r.map(|input| extract_one(&extractor, input, args.date)))
                    .collect()
            })
            .collect();
        for r in results.into_iter().flatten() {
            match r {
                Err(e) => {
                    failed = true;
                    eprintln!("sitrep: {e}");
                }
                Ok(output) => {
                    match args.format {
                        Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&output)?)?,
                        Format::Json => {
                            let sep = if first { "\n" } else { ",\n" };
                            write!(out, "{sep}{}", serde_json::to_string_pretty(&output)?)?
                        }
                        Format::Table => {
                            if !first {
                                writeln!(out)?;
                            }
                            write!(out, "{}", table(&output))?
                        }
                    }
                    first = false;
                }
            }
        }
        out.flush()?;
    }
    if args.format == Format::Json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Extract one read document; reading warnings go to stderr and into the output.
fn extract_one(extractor: &Extractor, input: Input, date: Option<NaiveDate>) -> DocOutput {
    let Input { mut doc, warnings } = input;
    if date.is_some() {
        doc.published = date;
    }
    for w in &warnings {
        eprintln!("sitrep: warning: {w}");
    }
    let mut output = extractor.extract(&doc);
    let mut all = warnings;
    all.append(&mut output.warnings);
    output.warnings = all;
    output
}

/// A readable terminal view of one document's events, columns aligned.
pub fn table(o: &DocOutput) -> String {
    let mut s = String::new();
    let path = o.path.as_deref().unwrap_or("-");
    s.push_str(&format!("== {path}"));
    if let Some(t) = &o.title {
        s.push_str(&format!(" — {t}"));
    }
    s.push('\n');
    let date = o
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".into());
    s.push_str(&format!(
        "   published {date} · {} event{}\n",
        o.events.len(),
        if o.events.len() == 1 { "" } else { "s" }
    ));
    for w in &o.warnings {
        s.push_str(&format!("   warning: {w}\n"));
    }
    if o.events.is_empty() {
        return s;
    }
    let header = [
        "TYPE",
        "COUNT",
        "LOW–HIGH",
        "PLACE",
        "ADMIN1",
        "DATE",
        "ACTORS",
        "FLAGS",
    ];
    let rows: Vec<[String; 8]> = o.events.iter().map(row).collect();
    let caps = [20, 8, 13, 28, 12, 23, 44, 40];
    let mut widths = [0usize; 8];
    for (i, h) in header.iter().enumerate() {
        widths[i] = h.chars().count();
    }
    for r in &rows {
        for i in 0..8 {
            widths[i] = widths[i].max(r[i].chars().count().min(caps[i]));
        }
    }
    let line = |cells: &[String]| {
        let mut l = String::from("   ");
        for (i, c) in cells.iter().enumerate() {
            let c = truncate(c, caps[i]);
            if i + 1 == cells.len() {
                l.push_str(&c);
            } else {
                let pad = widths[i] - c.chars().count();
                l.push_str(&c);
                l.push_str(&" ".repeat(pad + 2));
            }
        }
        l.trim_end().to_string() + "\n"
    };
    s.push_str(&line(&header.map(String::from)));
    for r in &rows {
        s.push_str(&line(r));
    }
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn opt(n: Option<i64>) -> String {
    n.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
}

/// The cells of one event: type, count best, low–high, place, admin1, date, actors, flags.
fn row(e: &Event) -> [String; 8] {
    let (best, bounds) = match e.primary_quantity().or_else(|| e.quantities.first()) {
        Some(q) => {
            let mut best = opt(q.best);
            if q.measure != e.event_type.primary_measure() {
                best = format!("{best} {}", q.measure);
            }
            (best, format!("{}–{}", opt(q.low), opt(q.high)))
        }
        None => ("-".into(), "-".into()),
    };
    let (place, admin1) = match &e.location {
        Some(l) => (
            l.name.clone(),
            l.admin1.clone().unwrap_or_else(|| "-".into()),
        ),
        None => ("-".into(), "-".into()),
    };
    let date = match (e.time.start, e.time.end) {
        (Some(s), Some(en)) if s != en => format!("{s}..{en}"),
        (Some(s), _) => s.to_string(),
        (None, _) => e.time.text_norm.clone().unwrap_or_else(|| "-".into()),
    };
    let names = |role: sitrep_core::Role| {
        e.actors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| a.canonical.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut actors = names(sitrep_core::Role::Agent);
    let counterpart = names(sitrep_core::Role::Counterpart);
    if !counterpart.is_empty() {
        actors = format!("{actors} -> {counterpart}").trim().to_string();
    }
    let target = names(sitrep_core::Role::Target);
    if !target.is_empty() {
        actors = format!("{actors} [target: {target}]").trim().to_string();
    }
    if actors.is_empty() {
        actors = "-".into();
    }
    let mut flags = Vec::new();
    if e.aggregate {
        flags.push("aggregate".to_string());
    }
    if e.modality != sitrep_core::Modality::Asserted {
        flags.push(e.modality.to_string());
    }
    if let Some(c) = &e.claimed_by {
        flags.push(format!("per {c}"));
    }
    [
        e.event_type.to_string(),
        best,
        bounds,
        place,
        admin1,
        date,
        actors,
        flags.join(", "),
    ]
}
