//! `sitrep export`: the reviewed events as ACLED-style CSV, UCDP-style CSV,
//! JSON Lines or GeoJSON (mapping in docs/store.md). Rejected events are
//! left out unless `--include-rejected` (or a `--review` filter) says otherwise.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_store::export::{export, ExportFormat};
use sitrep_store::ReviewFilter;

use super::events::{DbArg, FilterArgs};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    AcledCsv,
    UcdpCsv,
    Jsonl,
    Geojson,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Output format.
    #[arg(long, value_enum)]
    format: Format,
    #[command(flatten)]
    filter: FilterArgs,
    /// Include events an analyst rejected.
    #[arg(long)]
    include_rejected: bool,
    /// Output file (default: standard output). Written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let mut filter = args.filter.to_filter();
    if filter.review.is_none() && !args.include_rejected {
        filter.review = Some(ReviewFilter::NotRejected);
    }
    let format = match args.format {
        Format::AcledCsv => ExportFormat::AcledCsv,
        Format::UcdpCsv => ExportFormat::UcdpCsv,
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Geojson => ExportFormat::GeoJson,
    };
    let summary = match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match export(&store, &filter, format, &mut out) {
                Ok(s) => s,
                Err(e) if e.to_string().contains("Broken pipe") => return Ok(ExitCode::SUCCESS),
                Err(e) => return Err(e.into()),
            }
        }
        Some(path) => {
            // Write beside the target, then rename: a failed export leaves no half file.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| std::path::Path::new("."));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "export".into());
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("{}: cannot write here", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let r = export(&store, &filter, format, &mut out)
                .map_err(anyhow::Error::from)
                .and_then(|s| {
                    out.flush()?;
                    out.get_ref().sync_all()?;
                    Ok(s)
                });
            drop(out);
            match r {
                Ok(s) => {
                    std::fs::rename(&tmp, path)
                        .with_context(|| format!("{}: cannot write here", path.display()))?;
                    s
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e.context(format!("exporting to {}", path.display())));
                }
            }
        }
    };
    let mut msg = format!("export: {} events", summary.rows);
    if summary.skipped > 0 {
        msg.push_str(&format!(
            " ({} without coordinates left out of the GeoJSON)",
            summary.skipped
        ));
    }
    if let Some(p) = &args.output {
        msg.push_str(&format!(" -> {}", p.display()));
    }
    let _ = writeln!(std::io::stderr(), "{msg}");
    Ok(ExitCode::SUCCESS)
}
