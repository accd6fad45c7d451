//! `cargo xtask <task>`: regenerate the committed data files.
//!
//! Tasks are dispatched by name; each lives in its own module.
//! - `gazetteer [--wheel PATH] [--out DIR]`: MIMU P-codes → `crates/sitrep-gazetteer/data/`.

mod gazetteer;
mod outlines;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match task.as_str() {
        "gazetteer" => gazetteer::run(&rest),
        "outlines" => outlines::run(&rest),
        _ => anyhow::bail!(
            "usage: cargo xtask <task> [options]\n\ntasks:\n  gazetteer [--wheel PATH] [--out DIR]   regenerate the MIMU gazetteer TSV files"
        ),
    }
}
