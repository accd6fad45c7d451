//! One module per subcommand; each has `Args` (clap) and `run`.
pub mod bench;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod incidents;
pub mod ingest;
pub mod merge;
pub mod reextract;
pub mod serve;
pub mod show;
pub mod tally;
