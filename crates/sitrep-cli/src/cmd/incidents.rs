//! `sitrep incidents`: list the incidents `sitrep merge` resolved, with their
//! discrepancy flags.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use sitrep_core::EventType;
use sitrep_merge::Incident;
use sitrep_store::Store;

use super::merge::{db_path, load_incidents};

/// Filters on incidents (the same names as `sitrep events`); all must hold.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Incident type(s), comma-separated (spec §1 names).
    #[arg(long = "type", value_delimiter = ',')]
    pub types: Vec<EventType>,
    /// State/region ("Shan" = "Shan State"), case-insensitive.
    #[arg(long)]
    pub admin1: Option<String>,
    /// Place name or township, case-insensitive.
    #[arg(long)]
    pub place: Option<String>,
    /// Actor canonical name, or the parent force of a unit, case-insensitive.
    #[arg(long)]
    pub actor: Option<String>,
    /// Incidents whose time ends on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Incidents whose time starts on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Best count (else low) at least N.
    #[arg(long)]
    pub min_count: Option<i64>,
    /// Summary claims only (`yes`) or single happenings only (`no`).
    #[arg(long, value_parser = ["yes", "no"])]
    pub aggregate: Option<String>,
}

fn norm_admin1(s: &str) -> String {
    sitrep_store::normalise_admin1(s)
}

impl FilterArgs {
    /// True when the incident passes every filter set. An incident without a
    /// time is dated by its earliest report's publication date.
    pub fn keep(&self, inc: &Incident) -> bool {
        let loc = inc.location.as_ref();
        let type_ok = self.types.is_empty() || self.types.contains(&inc.event_type);
        let admin1_ok = match &self.admin1 {
            None => true,
            Some(a) => {
                let want = norm_admin1(a);
                loc.and_then(|l| l.admin1.as_deref())
                    .is_some_and(|x| norm_admin1(x) == want)
            }
        };
        let place_ok = match &self.place {
            None => true,
            Some(p) => {
                let p = p.trim();
                loc.is_some_and(|l| {
                    l.name.trim().eq_ignore_ascii_case(p)
                        || l.township
                            .as_deref()
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case(p))
                })
            }
        };
        let actor_ok = match &self.actor {
            None => true,
            Some(a) => {
                let a = a.trim();
                inc.actors.iter().any(|x| {
                    x.canonical.eq_ignore_ascii_case(a)
                        || x.parent
                            .as_deref()
                            .is_some_and(|p| p.eq_ignore_ascii_case(a))
                })
            }
        };
        let since_ok = match self.since {
            None => true,
            Some(s) => inc
                .time
                .end
                .or(inc.time.start)
                .or(inc.reported)
                .is_some_and(|e| e >= s),
        };
        let until_ok = match self.until {
            None => true,
            Some(u) => inc.date().is_some_and(|st| st <= u),
        };
        let count_ok = match self.min_count {
            None => true,
            Some(n) => inc.count.best.or(inc.count.low).is_some_and(|c| c >= n),
        };
        let aggregate_ok = match &self.aggregate {
            None => true,
            Some(a) => inc.aggregate == (a == "yes"),
        };
        type_ok
            && admin1_ok
            && place_ok
            && actor_ok
            && since_ok
            && until_ok
            && count_ok
            && aggregate_ok
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Database file (default: $SITREP_DB, else ./sitrep.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Only incidents whose reports disagree (any flag).
    #[arg(long)]
    pub disputed: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = ["table", "jsonl"])]
    pub format: String,
}

/// Open the store read-only and load the incidents that pass the filters.
pub fn open_and_load(
    db: Option<PathBuf>,
    filter: &FilterArgs,
    disputed_only: bool,
) -> anyhow::Result<Vec<Incident>> {
    let path = db_path(db);
    if !path.exists() {
        anyhow::bail!("{}: no such database", path.display());
    }
    let store = Store::open_read_only(&path)?;
    let all = load_incidents(&store)?;
    if all.is_empty() && store.stats()?.events > 0 {
        eprintln!(
            "sitrep: note: {} has events but no incidents yet; run `sitrep merge --db {}`",
            path.display(),
            path.display()
        );
    }
    Ok(all
        .into_iter()
        .filter(|i| filter.keep(i) && (!disputed_only || i.disputed()))
        .collect())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let incidents = open_and_load(args.db, &args.filter, args.disputed)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format.as_str() {
        "jsonl" => {
            for inc in &incidents {
                serde_json::to_writer(&mut out, inc)?;
                out.write_all(b"\n")?;
            }
        }
        _ => write_table(&mut out, &incidents)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `low–high (best)`, with `?` for an unknown bound.
pub fn render_count(c: &sitrep_merge::Count) -> String {
    if c.reports == 0 {
        return "-".into();
    }
    let f = |x: Option<i64>| x.map_or("?".to_string(), |v| v.to_string());
    format!("{}–{} ({})", f(c.low), f(c.high), f(c.best))
}

fn render_time(t: &sitrep_core::Time) -> String {
    match (t.start, t.end) {
        (Some(s), Some(e)) if s != e => format!("{s}/{e}"),
        (Some(s), _) => s.to_string(),
        (None, Some(e)) => e.to_string(),
        (None, None) => "-".into(),
    }
}

fn write_table(out: &mut impl Write, incidents: &[Incident]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<28} {:<28} {:>7} {:<20} {:<30} {:<21} flags",
        "id", "type", "reports", "count low–high(best)", "place", "date"
    )?;
    for inc in incidents {
        let place = inc
            .location
            .as_ref()
            .map(|l| match &l.admin1 {
                Some(a) if !l.name.eq_ignore_ascii_case(a) => format!("{}, {}", l.name, a),
                _ => l.name.clone(),
            })
            .unwrap_or_else(|| "-".into());
        let flags: Vec<&str> = inc.flags.iter().map(|f| f.field.as_str()).collect();
        let ty = if inc.aggregate {
            format!("{} (summary)", inc.event_type)
        } else {
            inc.event_type.to_string()
        };
        writeln!(
            out,
            "{:<28} {:<28} {:>7} {:<20} {:<30} {:<21} {}",
            inc.id,
            ty,
            inc.events.len(),
            render_count(&inc.count),
            place,
            render_time(&inc.time),
            if flags.is_empty() {
                "-".to_string()
            } else {
                flags.join(",")
            }
        )?;
        for f in &inc.flags {
            let vals: Vec<String> = f
                .values
                .iter()
                .map(|v| format!("{} [{}]", v.value, v.document))
                .collect();
            writeln!(out, "    {}: {}", f.field, vals.join(" | "))?;
        }
    }
    writeln!(out, "{} incidents", incidents.len())?;
    Ok(())
}
