//! `sitrep reextract`: rerun the current extractor over stored documents
//! (those extracted by another version, or `--all`), replace their events
//! and re-attach analysts' reviews to the events they still match.
use std::process::ExitCode;

use rayon::prelude::*;
use sitrep_core::{DocOutput, EXTRACTOR_VERSION};
use sitrep_extract::{Extractor, Options};
use sitrep_store::Store;

use super::events::DbArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Re-extract every document, not only those of another extractor version.
    #[arg(long)]
    all: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100000))]
    batch: u32,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = args.db.path();
    if !path.exists() {
        anyhow::bail!("{}: no database here", path.display());
    }
    let mut store = Store::open(&path)?;
    let ids = store.stale_documents(EXTRACTOR_VERSION, args.all)?;
    let extractor = Extractor::new(Options::default());
    let (mut docs, mut events, mut reattached, mut orphaned) = (0usize, 0usize, 0usize, 0usize);
    let mut failed: Vec<String> = Vec::new();
    for chunk in ids.chunks(args.batch as usize) {
        let mut stored = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(d) = store.document(id)? {
                stored.push(d);
            }
        }
        let outputs: Vec<Result<(String, DocOutput), String>> = stored
            .par_iter()
            .map(|d| {
                let doc = d.to_document();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut out = extractor.extract(&doc);
                    let mut w = d.warnings.clone();
                    w.retain(|x| !out.warnings.contains(x));
                    w.append(&mut out.warnings);
                    out.warnings = w;
                    (d.doc_id.clone(), out)
                }))
                .map_err(|_| {
                    format!(
                        "{}: the extractor failed on this document",
                        d.source.clone().unwrap_or_else(|| d.doc_id.clone())
                    )
                })
            })
            .collect();
        let mut batch = Vec::new();
        for o in outputs {
            match o {
                Ok(x) => batch.push(x),
                Err(e) => failed.push(e),
            }
        }
        for s in store.replace_events_batch(&batch, EXTRACTOR_VERSION)? {
            docs += 1;
            events += s.events;
            reattached += s.reattached;
            orphaned += s.orphaned;
        }
    }
    eprintln!(
        "reextract: {docs} documents re-extracted with extractor {EXTRACTOR_VERSION} ({events} events); \
         reviews: {reattached} re-attached, {orphaned} without a matching event (kept, see `sitrep events --review`), {} failed",
        failed.len()
    );
    for f in &failed {
        eprintln!("sitrep: failed: {f}");
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
