//! `sitrep eval` (not implemented yet).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`sitrep eval` is not implemented yet")
}
