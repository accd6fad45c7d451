//! `sitrep ingest`: read documents, extract their events in parallel and
//! store them (idempotent, one writer committing batches).
//!
//! Readers and extractors run on every core (rayon); one writer thread (this
//! one) stores documents in transactions of `--batch` documents, so a crash
//! leaves every document either stored with all its events or absent, and a
//! rerun skips what is already stored.
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use sitrep_extract::{Extractor, Options};
use sitrep_read::{Input, ReadError};
use sitrep_store::{InsertOutcome, NewDocument, Store};

use super::events::{parse_date, DbArg};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100000))]
    batch: u32,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
    /// Do not merge the new events into incidents (run `sitrep merge` later).
    #[arg(long)]
    no_merge: bool,
    /// Files, folders (recursively), JSON Lines, feeds; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<String>,
}

/// What the extraction workers send to the writer.
enum Msg {
    Doc(Box<NewDocument>),
    Known,
    Failed(String),
    FileDone,
}

#[derive(Default)]
struct Tally {
    new: usize,
    events: usize,
    duplicate: usize,
    versions: usize,
    failed: Vec<String>,
    /// Documents stored by this run (new or new versions).
    stored_ids: Vec<String>,
}

impl Tally {
    fn docs(&self) -> usize {
        self.new + self.duplicate + self.versions + self.failed.len()
    }
}

/// Source of one input: a file, or standard input already read.
enum Source {
    File(PathBuf),
    Stdin(Vec<Result<Input, ReadError>>),
}

fn process(
    source: Source,
    extractor: &Extractor,
    known: &std::collections::HashSet<String>,
    date: Option<NaiveDate>,
    tx: &SyncSender<Msg>,
) {
    let inputs = match source {
        Source::File(p) => sitrep_read::read_file(&p),
        Source::Stdin(v) => v,
    };
    for r in inputs {
        let msg = match r {
            Err(e) => Msg::Failed(e.to_string()),
            Ok(input) if known.contains(&input.doc.doc_id) => Msg::Known,
            Ok(mut input) => {
                if input.doc.published.is_none() {
                    input.doc.published = date;
                }
                let doc = input.doc;
                let name = doc.path.clone().unwrap_or_else(|| doc.doc_id.clone());
                let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    extractor.extract(&doc)
                }));
                match extracted {
                    Ok(mut output) => {
                        let mut w = input.warnings;
                        w.append(&mut output.warnings);
                        output.warnings = w;
                        Msg::Doc(Box::new(NewDocument::new(doc, output)))
                    }
                    Err(_) => Msg::Failed(format!("{name}: the extractor failed on this document")),
                }
            }
        };
        if tx.send(msg).is_err() {
            return; // the writer stopped (database error): nothing more to do
        }
    }
    let _ = tx.send(Msg::FileDone);
}

struct Progress {
    tty: bool,
    quiet: bool,
    start: Instant,
    last: Instant,
    files_total: usize,
}

impl Progress {
    fn tick(&mut self, t: &Tally, files_done: usize, force: bool) {
        if self.quiet {
            return;
        }
        let every = if self.tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(10)
        };
        if !force && self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = t.docs() as f64 / secs;
        let eta = if files_done > 0 && files_done < self.files_total {
            let left = secs / files_done as f64 * (self.files_total - files_done) as f64;
            format!("ETA {}:{:02}", (left as u64) / 60, (left as u64) % 60)
        } else {
            String::new()
        };
        let line = format!(
            "ingest: {} documents ({} new, {} known, {} failed), {}/{} files, {:.0} docs/s {}",
            t.docs(),
            t.new + t.versions,
            t.duplicate,
            t.failed.len(),
            files_done,
            self.files_total,
            rate,
            eta
        );
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r{line:<110}");
        } else {
            let _ = writeln!(err, "{}", line.trim_end());
        }
        let _ = err.flush();
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let db = args.db.path();
    let mut store = Store::open(&db)?;
    let known = store.document_ids()?;
    let mut tally = Tally::default();

    // Expand paths into files (errors are failures, not aborts).
    let mut sources: Vec<Source> = Vec::new();
    let mut stdin_seen = false;
    for p in &args.paths {
        if p == "-" {
            if !stdin_seen {
                stdin_seen = true;
                sources.push(Source::Stdin(sitrep_read::read_stdin()));
            }
            continue;
        }
        match sitrep_read::list_files(std::path::Path::new(p)) {
            Ok(files) => sources.extend(files.into_iter().map(Source::File)),
            Err(e) => tally.failed.push(e.to_string()),
        }
    }
    let files_total = sources.len();
    let files_done = AtomicUsize::new(0);
    let extractor = Extractor::new(Options::default());
    let mut progress = Progress {
        tty: std::io::stderr().is_terminal(),
        quiet: args.quiet,
        start: Instant::now(),
        last: Instant::now(),
        files_total,
    };
    let batch_size = args.batch as usize;
    let (tx, rx) = sync_channel::<Msg>(batch_size * 4);
    let date = args.date;

    let write_result: anyhow::Result<()> = std::thread::scope(|scope| {
        let rx = rx; // owned here: dropped on an early return, which stops the workers
        let known = &known;
        let extractor = &extractor;
        scope.spawn(move || {
            sources
                .into_par_iter()
                .for_each_with(tx, |tx, s| process(s, extractor, known, date, tx));
        });
        let mut buffer: Vec<NewDocument> = Vec::with_capacity(batch_size);
        let mut flush = |buffer: &mut Vec<NewDocument>, tally: &mut Tally| -> anyhow::Result<()> {
            if buffer.is_empty() {
                return Ok(());
            }
            let outcomes = store.insert_batch(buffer)?;
            for (o, d) in outcomes.into_iter().zip(buffer.iter()) {
                match o {
                    InsertOutcome::New { events } => {
                        tally.new += 1;
                        tally.events += events;
                        tally.stored_ids.push(d.doc.doc_id.clone());
                    }
                    InsertOutcome::Duplicate => tally.duplicate += 1,
                    InsertOutcome::NewVersion { events, .. } => {
                        tally.versions += 1;
                        tally.events += events;
                        tally.stored_ids.push(d.doc.doc_id.clone());
                    }
                }
            }
            buffer.clear();
            Ok(())
        };
        loop {
            match rx.recv_timeout(Duration::from_millis(300)) {
                Ok(Msg::Doc(d)) => {
                    buffer.push(*d);
                    if buffer.len() >= batch_size {
                        flush(&mut buffer, &mut tally)?;
                    }
                }
                Ok(Msg::Known) => tally.duplicate += 1,
                Ok(Msg::Failed(m)) => tally.failed.push(m),
                Ok(Msg::FileDone) => {
                    files_done.fetch_add(1, Ordering::Relaxed);
                }
                Err(RecvTimeoutError::Timeout) => flush(&mut buffer, &mut tally)?,
                Err(RecvTimeoutError::Disconnected) => break,
            }
            progress.tick(&tally, files_done.load(Ordering::Relaxed), false);
        }
        flush(&mut buffer, &mut tally)
        // On error, returning drops `rx`: the workers see a closed channel and stop.
    });
    if progress.tty && !progress.quiet {
        progress.tick(&tally, files_done.load(Ordering::Relaxed), true);
        eprintln!();
    }
    write_result?;
    let secs = progress.start.elapsed().as_secs_f64();
    eprintln!(
        "ingest: {} new documents ({} events), {} new versions, {} duplicates, {} failed in {:.1}s -> {}",
        tally.new,
        tally.events,
        tally.versions,
        tally.duplicate,
        tally.failed.len(),
        secs,
        db.display()
    );
    for f in &tally.failed {
        eprintln!("sitrep: failed: {f}");
    }
    let mut merge_failed = false;
    if !args.no_merge && !tally.stored_ids.is_empty() {
        match super::merge::merge_after_ingest(&mut store, &tally.stored_ids) {
            Ok(m) => eprintln!(
                "merge: {} events considered, {} incidents written ({} with several reports, {} disputed)",
                m.events, m.incidents, m.multi_report, m.disputed
            ),
            Err(e) => {
                merge_failed = true;
                eprintln!(
                    "sitrep: merging the new events into incidents failed: {e:#}; \
                     the documents are stored, run `sitrep merge` to retry"
                );
            }
        }
    }
    Ok(if tally.failed.is_empty() && !merge_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
