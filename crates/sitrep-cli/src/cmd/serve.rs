//! `sitrep serve`: the JSON API and the review dashboard over a database.
//!
//! Listens on loopback by default. Reads are open; writes (review decisions) need the token:
//! `SITREP_TOKEN`, else the one stored beside the database in `<db>.token`, generated and
//! printed at the first start.
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use sitrep_server::{ServerConfig, StoreBackend, TokenSource};

#[derive(clap::Args)]
pub struct Args {
    /// Database file [default: $SITREP_DB, else ./sitrep.db].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, value_name = "ADDR", default_value = sitrep_server::DEFAULT_BIND)]
    bind: SocketAddr,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let db = args
        .db
        .or_else(|| std::env::var_os("SITREP_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("sitrep.db"));
    let backend = StoreBackend::open(&db)
        .with_context(|| format!("cannot open database {}", db.display()))?;
    let env_token = std::env::var("SITREP_TOKEN").ok().filter(|t| !t.is_empty());
    let (token, source) = sitrep_server::resolve_token(&db, env_token)
        .with_context(|| format!("cannot set up the write token for {}", db.display()))?;
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "sitrep: warning: listening on {} — reachable from other machines; reads need no token",
            args.bind
        );
    }
    let config = ServerConfig {
        bind: args.bind,
        ..ServerConfig::new(token.clone())
    };
    let backend = Arc::new(backend);
    let warm = backend.clone();
    // The dashboard's first view, computed while the server starts (seconds on millions of events).
    std::thread::spawn(move || {
        if let Err(e) = warm.warm() {
            eprintln!("sitrep: warning: {e}");
        }
    });
    sitrep_server::run_blocking(backend, &config, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "sitrep: serving {} on http://{addr}/", db.display());
        let _ = match &source {
            TokenSource::Generated(p) => writeln!(
                out,
                "sitrep: write token (generated, stored in {}): {token}\nsitrep: open http://{addr}/#token={token} to review with it",
                p.display()
            ),
            TokenSource::File(p) => writeln!(out, "sitrep: write token: stored in {}", p.display()),
            TokenSource::Env => writeln!(out, "sitrep: write token: from SITREP_TOKEN"),
        };
        let _ = out.flush();
    })
    .context("server failed")?;
    Ok(ExitCode::SUCCESS)
}
