//! `sitrep tally`: sums over incidents (never over raw reports) with honest
//! intervals, and `--ledger FORCE`, the force-strength ledger.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_merge::{ledger, tally, LedgerRow, TallyBy, TallyRow};

use super::incidents::{open_and_load, FilterArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Database file (default: $SITREP_DB, else ./sitrep.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Group by: type, admin1, township, actor, month or week.
    #[arg(long, default_value = "type")]
    pub by: TallyBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    pub format: String,
    /// List the personnel flows reported against this force by month instead
    /// (e.g. "Myanmar Armed Forces").
    #[arg(long, value_name = "FORCE")]
    pub ledger: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let incidents = open_and_load(args.db, &args.filter, false)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &args.ledger {
        Some(force) => {
            let rows = ledger(&incidents, force);
            match args.format.as_str() {
                "json" => {
                    serde_json::to_writer_pretty(&mut out, &rows)?;
                    writeln!(out)?;
                }
                "csv" => ledger_csv(&mut out, &rows)?,
                _ => ledger_table(&mut out, force, &rows)?,
            }
        }
        None => {
            let rows = tally(&incidents, args.by);
            match args.format.as_str() {
                "json" => {
                    serde_json::to_writer_pretty(&mut out, &rows)?;
                    writeln!(out)?;
                }
                "csv" => tally_csv(&mut out, &rows)?,
                _ => tally_table(&mut out, &rows)?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn opt(x: Option<i64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

/// Quote a CSV field when needed.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// "123", or "≥ 123 (+2 without a best)" when some incidents give no best.
fn render_best(best: i64, missing: usize) -> String {
    if missing == 0 {
        best.to_string()
    } else {
        format!("≥ {best} (+{missing} without)")
    }
}

fn render_high(high: Option<i64>, missing: usize) -> String {
    match high {
        Some(h) => h.to_string(),
        None => format!("unknown ({missing})"),
    }
}

fn tally_table(out: &mut impl Write, rows: &[TallyRow]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<28} {:<8} {:>9} {:>7} {:>8} {:>26} {:>14} {:>8} {:>16}",
        "key",
        "measure",
        "incidents",
        "reports",
        "low",
        "best",
        "high",
        "disputed",
        "summary claims"
    )?;
    let mut any_unknown = false;
    for r in rows {
        any_unknown |= r.high_unknown;
        let summary = match (r.summary_claims, r.summary_best_max) {
            (0, _) => "-".to_string(),
            (n, Some(m)) => format!("{n} (max {m})"),
            (n, None) => n.to_string(),
        };
        writeln!(
            out,
            "{:<28} {:<8} {:>9} {:>7} {:>8} {:>26} {:>14} {:>8} {:>16}",
            r.key,
            r.measure.as_str(),
            r.incidents,
            r.reports,
            r.low,
            render_best(r.best, r.best_missing),
            render_high(r.high, r.high_missing),
            r.disputed,
            summary
        )?;
    }
    if any_unknown {
        writeln!(
            out,
            "high unknown (n): n incidents have no upper bound (\"more than 100\", or no number at all), so the total is only known to be ≥ low."
        )?;
    }
    writeln!(
        out,
        "Sums over incidents (each reported happening once). Summary claims are not added to the sums."
    )?;
    Ok(())
}

fn tally_csv(out: &mut impl Write, rows: &[TallyRow]) -> anyhow::Result<()> {
    writeln!(out, "key,measure,incidents,reports,low,best,best_missing,high,high_unknown,high_missing,conservative,disputed,summary_claims,summary_best_max")?;
    for r in rows {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(&r.key),
            r.measure.as_str(),
            r.incidents,
            r.reports,
            r.low,
            r.best,
            r.best_missing,
            opt(r.high),
            r.high_unknown,
            r.high_missing,
            r.conservative,
            r.disputed,
            r.summary_claims,
            opt(r.summary_best_max)
        )?;
    }
    Ok(())
}

fn ledger_table(out: &mut impl Write, force: &str, rows: &[LedgerRow]) -> anyhow::Result<()> {
    writeln!(out, "Personnel flows reported against {force}")?;
    writeln!(
        out,
        "{:<8} {:<18} {:<4} {:>9} {:>8} {:>26} {:>14} sources",
        "month", "flow", "dir", "incidents", "low", "best", "high"
    )?;
    for r in rows {
        let flow = if r.summary {
            format!("{} (summary)", r.flow.as_str())
        } else {
            r.flow.as_str().to_string()
        };
        writeln!(
            out,
            "{:<8} {:<18} {:<4} {:>9} {:>8} {:>26} {:>14} {}",
            r.month,
            flow,
            r.direction,
            r.incidents,
            r.low,
            render_best(r.best, r.best_missing),
            r.high
                .map_or_else(|| "unknown".to_string(), |h| h.to_string()),
            r.sources.join(" ")
        )?;
    }
    if rows.is_empty() {
        writeln!(out, "(no incidents name this force)")?;
    }
    writeln!(
        out,
        "Summary rows restate totals over many happenings and are not added to the single incidents."
    )?;
    Ok(())
}

fn ledger_csv(out: &mut impl Write, rows: &[LedgerRow]) -> anyhow::Result<()> {
    writeln!(out, "month,flow,direction,summary,incidents,low,best,best_missing,high,high_unknown,sources,incident_ids")?;
    for r in rows {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{}",
            r.month,
            r.flow.as_str(),
            r.direction,
            r.summary,
            r.incidents,
            r.low,
            r.best,
            r.best_missing,
            opt(r.high),
            r.high_unknown,
            csv_field(&r.sources.join(";")),
            csv_field(&r.incident_ids.join(";"))
        )?;
    }
    Ok(())
}
