//! Serves the demo reports from a fresh database: a look at the dashboard without ingesting.
//!
//! `cargo run -p sitrep-server --example demo -- [DB] [ADDR]` (default: a temp file,
//! 127.0.0.1:8080). The write token is `demo-token` + the port.
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::env::temp_dir().join(format!("sitrep-demo-{}.db", std::process::id()))
        });
    let bind = args
        .next()
        .unwrap_or_else(|| "127.0.0.1:8080".into())
        .parse()?;
    let _ = std::fs::remove_file(&db);
    let mut store = sitrep_store::Store::open(&db)?;
    let n = sitrep_server::demo::seed(&mut store)?;
    drop(store);
    let backend = sitrep_server::StoreBackend::open(&db)?;
    let config = sitrep_server::ServerConfig {
        bind,
        ..sitrep_server::ServerConfig::new("demo-token-xyz")
    };
    sitrep_server::run_blocking(Arc::new(backend), &config, |addr| {
        println!(
            "demo: {n} events in {}; http://{addr}/#token=demo-token-xyz",
            db.display()
        );
    })?;
    Ok(())
}
