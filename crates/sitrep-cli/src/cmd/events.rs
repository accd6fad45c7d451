//! `sitrep events`: list stored events with filters (reviewed values).
//!
//! Also home of what `ingest`, `show`, `export` and `reextract` share: the
//! database path (`--db`, `SITREP_DB`, `./sitrep.db`) and the filter flags.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use sitrep_core::{EventType, Modality};
use sitrep_store::{EventFilter, Page, ReviewFilter, Store, StoredEvent};

/// The database: `--db PATH`, else `$SITREP_DB`, else `./sitrep.db`.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// Database file [default: $SITREP_DB, else ./sitrep.db].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| {
                std::env::var_os("SITREP_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("sitrep.db"))
    }

    /// Open an existing database for reading (never creates or changes it).
    pub fn open_read_only(&self) -> anyhow::Result<Store> {
        let path = self.path();
        if !path.exists() {
            anyhow::bail!(
                "{}: no database here (create one with `sitrep ingest --db {} FILES`)",
                path.display(),
                path.display()
            );
        }
        Ok(Store::open_read_only(&path)?)
    }
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

/// Event filters shared by `events` and `export`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Event type(s), repeatable or comma-separated (battle, surrender, …).
    #[arg(long = "type", value_name = "T", value_delimiter = ',')]
    pub types: Vec<EventType>,
    /// State/region ("Shan", "Sagaing Region").
    #[arg(long, value_name = "A")]
    pub admin1: Option<String>,
    /// Place name or township (exact, any case).
    #[arg(long, value_name = "P")]
    pub place: Option<String>,
    /// Actor: canonical name, name as written, or parent force.
    #[arg(long, value_name = "X")]
    pub actor: Option<String>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Primary count (best, else low) at least N.
    #[arg(long, value_name = "N")]
    pub min_count: Option<i64>,
    /// Summary claims only (yes) or single happenings only (no).
    #[arg(long, value_enum)]
    pub aggregate: Option<YesNo>,
    /// Modality: asserted, claimed, denied, planned.
    #[arg(long)]
    pub modality: Option<Modality>,
    /// Events of one document (its id).
    #[arg(long, value_name = "DOC_ID")]
    pub doc: Option<String>,
    /// Review state: unreviewed, reviewed, accepted, rejected, corrected, not-rejected.
    #[arg(long, value_name = "STATE")]
    pub review: Option<ReviewFilter>,
    /// Include events of documents superseded by a newer version.
    #[arg(long)]
    pub include_superseded: bool,
}

impl FilterArgs {
    pub fn to_filter(&self) -> EventFilter {
        EventFilter {
            types: self.types.clone(),
            admin1: self.admin1.clone(),
            place: self.place.clone(),
            actor: self.actor.clone(),
            since: self.since,
            until: self.until,
            min_count: self.min_count,
            aggregate: self.aggregate.map(|a| matches!(a, YesNo::Yes)),
            modality: self.modality,
            doc: self.doc.clone(),
            review: self.review,
            include_superseded: self.include_superseded,
        }
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date (expected YYYY-MM-DD)"))
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// At most N events (default: all).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Start after this cursor (the `seq` of the last event seen).
    #[arg(long, value_name = "CURSOR")]
    after: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// CSV columns of `sitrep events --format csv`.
pub const CSV_COLUMNS: [&str; 22] = [
    "id",
    "doc_id",
    "source",
    "published",
    "date_start",
    "date_end",
    "time_precision",
    "type",
    "aggregate",
    "modality",
    "count_measure",
    "count_low",
    "count_best",
    "count_high",
    "place",
    "township",
    "admin1",
    "latitude",
    "longitude",
    "actors",
    "confidence",
    "review",
];

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_row(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let q = ev.primary_quantity();
    let loc = ev.location.as_ref();
    vec![
        e.id.clone(),
        e.doc_id.clone(),
        opt(e.doc_source.clone()),
        opt(e.published),
        opt(ev.time.start),
        opt(ev.time.end),
        opt(ev.time.precision),
        ev.event_type.to_string(),
        ev.aggregate.to_string(),
        ev.modality.to_string(),
        opt(q.map(|q| q.measure)),
        opt(q.and_then(|q| q.low)),
        opt(q.and_then(|q| q.best)),
        opt(q.and_then(|q| q.high)),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.township.clone())),
        opt(loc.and_then(|l| l.admin1.clone())),
        opt(loc.and_then(|l| l.lat)),
        opt(loc.and_then(|l| l.lon)),
        actors(e),
        format!("{:.2}", ev.confidence),
        opt(e.review.as_ref().map(|r| r.status)),
    ]
}

/// One CSV record (with its line end), quoted as needed.
fn csv_line(fields: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

fn actors(e: &StoredEvent) -> String {
    e.event
        .actors
        .iter()
        .map(|a| format!("{}:{}", a.role, a.canonical))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "41 people", "10 (9-11) people", "24-99 houses", ">=101 killed": the primary count for a table.
pub fn count_text(e: &StoredEvent) -> String {
    match e.event.primary_quantity() {
        None => String::new(),
        Some(q) => {
            let bounds = match (q.low, q.high) {
                (Some(l), Some(h)) if l == h => l.to_string(),
                (Some(l), Some(h)) => format!("{l}-{h}"),
                (Some(l), None) => format!(">={l}"),
                (None, Some(h)) => format!("<={h}"),
                (None, None) => String::new(),
            };
            let n = match q.best {
                Some(b) if bounds == b.to_string() => bounds,
                Some(b) if bounds.is_empty() => format!("~{b}"),
                Some(b) => format!("{b} ({bounds})"),
                None if bounds.is_empty() => "?".into(),
                None => bounds,
            };
            format!("{n} {}", q.measure)
        }
    }
}

fn date_text(e: &StoredEvent) -> String {
    let t = &e.event.time;
    match (t.start, t.end) {
        (Some(s), Some(x)) if s != x => format!("{s}..{x}"),
        (Some(s), _) => s.to_string(),
        _ => e
            .published
            .map(|d| format!("({d})"))
            .unwrap_or_else(|| "-".into()),
    }
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn table_row(e: &StoredEvent) -> String {
    let loc = e.event.location.as_ref();
    let place = match loc {
        Some(l) => match &l.admin1 {
            Some(a) if *a != l.name => format!("{}, {a}", l.name),
            _ => l.name.clone(),
        },
        None => String::new(),
    };
    let mut flags = String::new();
    if e.event.aggregate {
        flags.push_str("agg ");
    }
    if e.event.modality != Modality::Asserted {
        flags.push_str(e.event.modality.as_str());
        flags.push(' ');
    }
    if let Some(r) = &e.review {
        flags.push_str(r.status.as_str());
    }
    format!(
        "{:<22} {:<22} {:<18} {:<20} {:<28} {:<30} {}",
        cut(&e.id, 22),
        cut(&date_text(e), 22),
        e.event.event_type.as_str(),
        cut(&count_text(e), 20),
        cut(&place, 28),
        cut(
            &e.event
                .actors
                .iter()
                .map(|a| a.canonical.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            30
        ),
        flags.trim_end()
    )
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let filter = args.filter.to_filter();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Format::Csv = args.format {
        out.write_all(&csv_line(&CSV_COLUMNS.map(String::from))?)?;
    }
    if let Format::Table = args.format {
        writeln!(
            out,
            "{:<22} {:<22} {:<18} {:<20} {:<28} {:<30} flags",
            "id", "date", "type", "count", "place", "actors"
        )?;
    }
    let mut n = 0usize;
    let mut emit = |e: StoredEvent, out: &mut dyn Write| -> anyhow::Result<()> {
        match args.format {
            Format::Table => writeln!(out, "{}", table_row(&e))?,
            Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&e)?)?,
            Format::Csv => out.write_all(&csv_line(&csv_row(&e))?)?,
        }
        n += 1;
        Ok(())
    };
    let mut broken_pipe = false;
    let mut result: anyhow::Result<()> = Ok(());
    match args.limit {
        Some(limit) => {
            let page = store
                .events(
                    &filter,
                    Page {
                        after: args.after.clone(),
                        limit,
                    },
                )
                .with_context(|| format!("listing events of {}", store.path().display()))?;
            for e in page.events {
                if let Err(err) = emit(e, &mut out) {
                    result = Err(err);
                    break;
                }
            }
            if let (Some(next), Format::Table) = (page.next, args.format) {
                if result.is_ok() {
                    let _ = writeln!(out, "… more: --after {next}");
                }
            }
        }
        None => {
            let mut filter = filter;
            if args.after.is_some() {
                // `--after` without `--limit`: page through everything after it.
                let mut page = Page {
                    after: args.after.clone(),
                    limit: 1000,
                };
                loop {
                    let p = store.events(&filter, page.clone())?;
                    for e in p.events {
                        emit(e, &mut out)?;
                    }
                    match p.next {
                        Some(c) => page.after = Some(c),
                        None => break,
                    }
                }
            } else {
                filter = filter.clone();
                let r = store.for_each_event(&filter, |e| {
                    emit(e, &mut out).map_err(|err| sitrep_store::StoreError::Output {
                        what: "standard output".into(),
                        message: err.to_string(),
                    })
                });
                if let Err(e) = r {
                    result = Err(e.into());
                }
            }
        }
    }
    if let Err(e) = &result {
        broken_pipe = e.to_string().contains("Broken pipe");
    }
    if broken_pipe {
        return Ok(ExitCode::SUCCESS);
    }
    result?;
    if let Err(e) = out.flush() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e.into());
    }
    drop(out);
    if let Format::Table = args.format {
        eprintln!("{n} events");
    }
    Ok(ExitCode::SUCCESS)
}
