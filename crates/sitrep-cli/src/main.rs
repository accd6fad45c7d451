//! `sitrep`: turn conflict reporting into an event dataset.
//!
//! Thin: every subcommand lives in `cmd/<name>.rs` and calls the library crates.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn conflict reports into an event dataset you can trust"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Extra gazetteer TSV file(s) merged with the embedded places for this run (see
    /// crates/sitrep-gazetteer/data/README.md); `$SITREP_GAZETTEER` and the user
    /// gazetteer written by `sitrep gazetteer import` are read too.
    #[arg(long = "gazetteer", global = true, value_name = "FILE.tsv")]
    gazetteer: Vec<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from reports (files, folders, JSON Lines, stdin).
    Extract(cmd::extract::Args),
    /// Score extraction against gold annotations (spec §7).
    Eval(cmd::eval::Args),
    /// Measure extraction throughput on a generated corpus.
    Bench(cmd::bench::Args),
    /// Store reports and their events in the database.
    Ingest(cmd::ingest::Args),
    /// Rerun the current extractor over stored documents.
    Reextract(cmd::reextract::Args),
    /// List stored events with filters.
    Events(cmd::events::Args),
    /// Show one event with its document and evidence.
    Show(cmd::show::Args),
    /// Export events as ACLED CSV, UCDP CSV, JSON Lines or GeoJSON.
    Export(cmd::export::Args),
    /// Resolve events across documents into incidents.
    Merge(cmd::merge::Args),
    /// List incidents (merged events) and their discrepancies.
    Incidents(cmd::incidents::Args),
    /// Sum counts over incidents with honest intervals.
    Tally(cmd::tally::Args),
    /// Serve the JSON API and the review dashboard.
    Serve(cmd::serve::Args),
    /// Look up places and import gazetteer data.
    Gazetteer(cmd::gazetteer::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        restore_sigpipe();
    }
    if let Err(e) = cmd::gazetteer::use_files(&cli.gazetteer) {
        eprintln!("sitrep: error: {e:#}");
        return ExitCode::FAILURE;
    }
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Reextract(a) => cmd::reextract::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Merge(a) => cmd::merge::run(a),
        Command::Incidents(a) => cmd::incidents::run(a),
        Command::Tally(a) => cmd::tally::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Gazetteer(a) => cmd::gazetteer::run(a, &cli.gazetteer),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `sitrep events | head`: a closed pipe ends the program quietly, as for other
/// Unix tools, instead of a panic in `println!` (Rust ignores SIGPIPE). Not for
/// `serve`, whose sockets must survive clients that hang up.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; SIG_DFL is
    // a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
