//! `sitrep gazetteer`: look up places, geocode a text, import GeoNames dumps.
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_gazetteer::{geonames, Gazetteer};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

/// `--gazetteer FILE.tsv` (a global option): these files, `$SITREP_GAZETTEER` and the
/// user gazetteer are what every command's geocoder merges with the embedded data.
pub fn use_files(extra: &[PathBuf]) -> anyhow::Result<()> {
    if extra.is_empty() {
        return Ok(());
    }
    for f in extra {
        if !f.is_file() {
            anyhow::bail!("gazetteer file {} does not exist", f.display());
        }
    }
    let mut files = extra.to_vec();
    for f in sitrep_gazetteer::user_files() {
        if !files.contains(&f) {
            files.push(f);
        }
    }
    Gazetteer::set_user_files(files);
    Ok(())
}

#[derive(clap::Subcommand)]
enum Sub {
    /// What a name resolves to and why, with every candidate.
    Lookup {
        /// A place name as written ("Kalay", "Kanbalu Township", "Insein Prison").
        name: String,
        /// Prefer places in this state/region (any name or alias: "Karenni", "Bago").
        #[arg(long)]
        admin1: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show the place mentions the geocoder finds in a text file.
    Find {
        /// A plain-text report.
        file: PathBuf,
        /// Print JSON Lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Import a GeoNames dump (MM.txt, or allCountries.txt filtered by country) into
    /// the user gazetteer, merging by geonameid with earlier imports.
    Import {
        /// The GeoNames dump (tab-separated text, unzipped).
        file: PathBuf,
        /// ISO country code to keep.
        #[arg(long, default_value = "MM")]
        country: String,
        /// User gazetteer file to write (default: the user data dir, see `gazetteer info`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Where the user gazetteer lives and what is loaded.
    Info,
}

fn load(extra: &[PathBuf]) -> anyhow::Result<&'static Gazetteer> {
    if extra.is_empty() {
        return Ok(Gazetteer::embedded());
    }
    let mut files = extra.to_vec();
    for f in sitrep_gazetteer::user_files() {
        if !files.contains(&f) {
            files.push(f);
        }
    }
    for f in extra {
        if !f.is_file() {
            anyhow::bail!("gazetteer file {} does not exist", f.display());
        }
    }
    let g = Gazetteer::with_user_files(&files)?;
    Ok(Box::leak(Box::new(g)))
}

pub fn run(args: Args, gazetteer: &[PathBuf]) -> anyhow::Result<ExitCode> {
    match args.command {
        Sub::Lookup { name, admin1, json } => lookup(gazetteer, &name, admin1, json),
        Sub::Find { file, json } => find(gazetteer, &file, json),
        Sub::Import { file, country, out } => import(&file, &country, out),
        Sub::Info => info(gazetteer),
    }
}

fn lookup(
    extra: &[PathBuf],
    name: &str,
    admin1: Option<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let g = load(extra)?;
    if let Some(a) = &admin1 {
        if g.canonical_admin1(a).is_none() {
            anyhow::bail!(
                "--admin1 `{a}` is not a state or region (expected one of: {})",
                sitrep_gazetteer::ADMIN1.join(", ")
            );
        }
    }
    let cands = g.lookup(name, admin1.as_deref());
    let resolved = g.resolve(name, admin1.as_deref());
    if json {
        let v = serde_json::json!({
            "name": name,
            "admin1_hint": admin1,
            "resolved": resolved,
            "candidates": cands.iter().map(|c| serde_json::json!({
                "score": c.score, "why": c.why, "location": c.location,
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        match &resolved {
            Some(l) => println!(
                "{name} → {} ({}), admin1 {}, township {}, precision {}, {}",
                l.place_id.as_deref().unwrap_or("-"),
                l.kind.as_deref().unwrap_or("-"),
                l.admin1.as_deref().unwrap_or("-"),
                l.township.as_deref().unwrap_or("-"),
                l.precision.map(|p| p.as_str()).unwrap_or("-"),
                match (l.lat, l.lon) {
                    (Some(a), Some(o)) => format!("{a:.4},{o:.4}"),
                    _ => "no coordinates".into(),
                }
            ),
            None if cands.is_empty() => println!("{name}: not in the gazetteer"),
            None => println!(
                "{name}: ambiguous ({} candidates; give --admin1 to choose)",
                cands.len()
            ),
        }
        for (i, c) in cands.iter().take(25).enumerate() {
            let l = &c.location;
            println!(
                "  {:>2}. {:>5}  {:<28} {:<14} {:<16} {:<11} {:<14} {}",
                i + 1,
                c.score,
                l.name,
                l.place_id.as_deref().unwrap_or("-"),
                l.kind.as_deref().unwrap_or("-"),
                l.admin1.as_deref().unwrap_or("-"),
                l.township.as_deref().unwrap_or("-"),
                c.why
            );
        }
        if cands.len() > 25 {
            println!("  … {} more", cands.len() - 25);
        }
    }
    Ok(if cands.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn find(extra: &[PathBuf], file: &PathBuf, json: bool) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let g = load(extra)?;
    let sentences = sitrep_text::sentences(&text);
    for m in g.find(&text, &sentences) {
        if json {
            println!("{}", serde_json::to_string(&m)?);
        } else {
            let l = &m.location;
            println!(
                "{:>6}  {:<30} {:<11} {:<16} {:<9} {:<14} {}",
                m.span.0,
                m.name,
                l.admin1.as_deref().unwrap_or("-"),
                l.township.as_deref().unwrap_or("-"),
                l.precision.map(|p| p.as_str()).unwrap_or("-"),
                l.place_id.as_deref().unwrap_or("-"),
                m.why
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import(file: &PathBuf, country: &str, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let f = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let out = match out {
        Some(o) => o,
        None => sitrep_gazetteer::default_user_file()
            .context("no user data directory (set HOME or XDG_DATA_HOME, or pass --out)")?,
    };
    let g = Gazetteer::builtin();
    let (rows, stats) = geonames::import(&g, BufReader::new(f), country)
        .with_context(|| format!("importing {}", file.display()))?;
    if stats.in_country == 0 {
        anyhow::bail!(
            "{}: no GeoNames rows for country {country} in {} lines (is it a GeoNames dump?)",
            file.display(),
            stats.read
        );
    }
    let existing = match std::fs::read_to_string(&out) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", out.display())),
    };
    let merged = geonames::merge_rows(&existing, &rows);
    // Check the merged file loads before replacing the old one.
    let mut check = Gazetteer::builtin();
    check
        .add_user_tsv(&merged)
        .with_context(|| format!("the merged gazetteer for {} is invalid", out.display()))?;
    if let Some(dir) = out.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
    }
    std::fs::write(&out, merged).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "imported {} of {} {country} rows ({} already in the gazetteer, {} of other feature classes) into {}",
        stats.kept,
        stats.in_country,
        stats.known,
        stats.other_class,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn info(extra: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let g = load(extra)?;
    println!(
        "default user gazetteer: {}",
        sitrep_gazetteer::default_user_file()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "-".into())
    );
    let mut files = extra.to_vec();
    files.extend(sitrep_gazetteer::user_files());
    files.dedup();
    for f in &files {
        println!("loaded user file: {}", f.display());
    }
    println!("{} places, {} name keys", g.len(), g.name_count());
    Ok(ExitCode::SUCCESS)
}
