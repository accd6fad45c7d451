//! `sitrep show ID`: one event (reviewed view), its review history, and its
//! document's text with the evidence spans highlighted (ANSI colours on a
//! terminal, `[[…]]` markers otherwise).
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use sitrep_core::{Event, Span};

use super::events::{count_text, DbArg};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Colours: auto (on a terminal), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Print the event as JSON instead.
    #[arg(long)]
    json: bool,
    /// The event id (from `sitrep events`).
    id: String,
}

/// Evidence classes, highest priority first.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Trigger,
    Quantity,
    Place,
    Time,
    Actor,
    Mention,
    Sentence,
    None,
}

impl Mark {
    fn ansi(self) -> &'static str {
        match self {
            Mark::Trigger => "\x1b[1;97;41m",
            Mark::Quantity => "\x1b[1;30;43m",
            Mark::Place => "\x1b[1;30;42m",
            Mark::Time => "\x1b[1;30;46m",
            Mark::Actor => "\x1b[1;30;45m",
            Mark::Mention => "\x1b[4;36m",
            Mark::Sentence => "\x1b[4m",
            Mark::None => "",
        }
    }
}

/// Evidence spans of an event with their class.
fn evidence(e: &Event) -> Vec<(Span, Mark)> {
    let mut v = vec![(e.sentence, Mark::Sentence), (e.trigger, Mark::Trigger)];
    v.extend(e.quantities.iter().map(|q| (q.span, Mark::Quantity)));
    if let Some(s) = e.location.as_ref().and_then(|l| l.span) {
        v.push((s, Mark::Place));
    }
    if let Some(s) = e.time.span {
        v.push((s, Mark::Time));
    }
    v.extend(
        e.actors
            .iter()
            .filter_map(|a| a.span)
            .map(|s| (s, Mark::Actor)),
    );
    v.extend(e.mentions.iter().map(|s| (*s, Mark::Mention)));
    v
}

fn rank(m: Mark) -> u8 {
    m as u8
}

/// The text with evidence highlighted. Spans that do not fit the text
/// (or do not fall on character boundaries) are ignored.
pub fn highlight(text: &str, e: &Event, color: bool) -> String {
    let mut marks = vec![Mark::None; text.len()];
    for (s, m) in evidence(e) {
        if s.0 >= s.1 || text.get(s.0..s.1).is_none() {
            continue;
        }
        if !color && m == Mark::Sentence {
            continue;
        }
        for x in &mut marks[s.0..s.1] {
            if rank(m) < rank(*x) {
                *x = m;
            }
        }
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut cur = Mark::None;
    for (i, ch) in text.char_indices() {
        let m = marks[i];
        if m != cur {
            if color {
                if cur != Mark::None {
                    out.push_str("\x1b[0m");
                }
                out.push_str(m.ansi());
            } else {
                if cur != Mark::None {
                    out.push_str("]]");
                }
                if m != Mark::None {
                    out.push_str("[[");
                }
            }
            cur = m;
        }
        out.push(ch);
    }
    if cur != Mark::None {
        out.push_str(if color { "\x1b[0m" } else { "]]" });
    }
    out
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let Some(e) = store.event(&args.id)? else {
        anyhow::bail!(
            "{}: no event with id `{}` (list ids with `sitrep events`)",
            store.path().display(),
            args.id
        );
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&e)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let ev = &e.event;
    writeln!(out, "event     {}", e.id)?;
    writeln!(
        out,
        "type      {}{}{}",
        ev.event_type,
        if ev.aggregate { " (summary claim)" } else { "" },
        if ev.modality != sitrep_core::Modality::Asserted {
            format!(" [{}]", ev.modality)
        } else {
            String::new()
        }
    )?;
    let count = count_text(&e);
    if !count.is_empty() {
        writeln!(out, "count     {count}")?;
    }
    for q in &ev.quantities {
        writeln!(
            out,
            "  {:<9} low {} best {} high {} ({}) \"{}\"",
            q.measure.as_str(),
            q.low.map(|x| x.to_string()).unwrap_or("-".into()),
            q.best.map(|x| x.to_string()).unwrap_or("-".into()),
            q.high.map(|x| x.to_string()).unwrap_or("-".into()),
            q.qualifier,
            q.text
        )?;
    }
    if let Some(l) = &ev.location {
        let parts: Vec<String> = [
            Some(l.name.clone()),
            l.township.clone().map(|t| format!("{t} Township")),
            l.admin1.clone(),
            l.precision.map(|p| format!("precision {p}")),
            match (l.lat, l.lon) {
                (Some(a), Some(b)) => Some(format!("{a:.4}, {b:.4}")),
                _ => None,
            },
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(out, "place     {}", parts.join(" · "))?;
    }
    match (ev.time.start, ev.time.end) {
        (Some(s), Some(x)) if s != x => writeln!(out, "date      {s} to {x}")?,
        (Some(s), _) => writeln!(out, "date      {s}")?,
        _ => writeln!(
            out,
            "date      not given{}",
            e.published
                .map(|d| format!(" (published {d})"))
                .unwrap_or_default()
        )?,
    }
    for a in &ev.actors {
        writeln!(
            out,
            "actor     {:<11} {} ({}{})",
            a.role.as_str(),
            a.canonical,
            a.kind,
            a.parent
                .as_ref()
                .map(|p| format!(", of {p}"))
                .unwrap_or_default()
        )?;
    }
    if let Some(c) = &ev.claimed_by {
        writeln!(out, "claimed   by {c}")?;
    }
    writeln!(out, "confidence {:.2}", ev.confidence)?;
    if let Some(r) = &e.review {
        writeln!(
            out,
            "review    {} by {} at {}{}",
            r.status,
            r.reviewer,
            r.reviewed_at,
            if r.corrections.is_empty() {
                String::new()
            } else {
                format!(
                    " (corrected: {})",
                    r.corrections.keys().cloned().collect::<Vec<_>>().join(", ")
                )
            }
        )?;
        for a in store.audit_log(Some(&e.id))? {
            writeln!(
                out,
                "  {} {} {}{}{}",
                a.at,
                a.reviewer,
                a.action,
                a.field.map(|f| format!(" {f}")).unwrap_or_default(),
                match (a.old_value, a.new_value) {
                    (Some(o), Some(n)) => format!(": {o} -> {n}"),
                    (None, Some(n)) => format!(": {n}"),
                    _ => String::new(),
                }
            )?;
        }
    }
    let doc = store.document(&e.doc_id)?;
    writeln!(
        out,
        "document  {} {}{}{}",
        e.doc_id,
        e.doc_source.clone().unwrap_or_default(),
        e.outlet
            .as_ref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default(),
        e.published
            .map(|d| format!(", published {d}"))
            .unwrap_or_default()
    )?;
    if !e.current {
        writeln!(
            out,
            "          (this version has been superseded by a newer one)"
        )?;
    }
    writeln!(out, "sentence  {}", e.sentence_text.trim())?;
    if let Some(d) = doc {
        writeln!(out)?;
        if color {
            writeln!(
                out,
                "{}trigger\x1b[0m {}count\x1b[0m {}place\x1b[0m {}time\x1b[0m {}actor\x1b[0m",
                Mark::Trigger.ansi(),
                Mark::Quantity.ansi(),
                Mark::Place.ansi(),
                Mark::Time.ansi(),
                Mark::Actor.ansi()
            )?;
        }
        writeln!(out, "{}", highlight(&d.text, ev, color))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
