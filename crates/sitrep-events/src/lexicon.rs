//! The trigger lexicon (`data/triggers.tsv`) and the trigger finder.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_core::{EventType, Span};

/// What a trigger phrase announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An event type of spec §1.
    Event(EventType),
    /// Casualty verbs: counts for the main trigger, or their own event.
    Kill,
    Injure,
    /// Withdrawal or displacement, by who flees.
    Flee,
    /// "took": a capture when a place follows.
    Take,
    /// "freed", "released": prisoner release (or conscription to the front).
    Release,
    /// "opened fire": attack on civilians or battle, by the target.
    Fire,
}

/// One lexicon entry (a line of the TSV after brace expansion of its phrases).
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub phrase: String,
    /// Only an event when the sentence has no other trigger.
    pub weak: bool,
    pub noun: bool,
    /// Needs a place soon after ("took Mantong").
    pub obj_place: bool,
    /// Line of the TSV, for `--explain`.
    pub line: usize,
}

/// A trigger found in the text.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub span: Span,
    pub entry: usize,
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    matcher: AhoCorasick,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

const DATA: &str = include_str!("../data/triggers.tsv");

impl Lexicon {
    /// The embedded lexicon.
    pub fn embedded() -> &'static Lexicon {
        LEXICON.get_or_init(|| Lexicon::parse(DATA).expect("embedded trigger lexicon is valid"))
    }

    /// Parse the TSV format described at the top of `data/triggers.tsv`.
    pub fn parse(data: &str) -> Result<Lexicon, String> {
        let mut entries = Vec::new();
        for (i, line) in data.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let kind_s = cols.next().unwrap_or("").trim();
            let phrases = cols.next().ok_or(format!("line {line_no}: no phrases"))?;
            let flags = cols.next().unwrap_or("");
            let kind = match kind_s {
                "kill" => Kind::Kill,
                "injure" => Kind::Injure,
                "flee" => Kind::Flee,
                "take" => Kind::Take,
                "release" => Kind::Release,
                "fire" => Kind::Fire,
                t => Kind::Event(t.parse().map_err(|e| format!("line {line_no}: {e}"))?),
            };
            let flag = |f: &str| flags.split(',').any(|x| x.trim() == f);
            for p in phrases.split('|') {
                for phrase in expand(p.trim()) {
                    if phrase.is_empty() {
                        continue;
                    }
                    entries.push(Entry {
                        kind,
                        phrase: phrase.to_lowercase(),
                        weak: flag("weak"),
                        noun: flag("noun"),
                        obj_place: flag("obj_place"),
                        line: line_no,
                    });
                }
            }
        }
        // Drop duplicate phrases (first wins).
        let mut seen = std::collections::HashSet::new();
        entries.retain(|e| seen.insert(e.phrase.clone()));
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|e| e.phrase.as_str()))
            .map_err(|e| e.to_string())?;
        Ok(Lexicon { entries, matcher })
    }

    /// All triggers in `text` on word boundaries, in text order.
    pub fn find(&self, text: &str) -> Vec<Trigger> {
        let mut out = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let before_ok = !text[..s].chars().next_back().is_some_and(is_word_char);
            let after_ok = !text[e..].chars().next().is_some_and(is_word_char);
            if before_ok && after_ok {
                out.push(Trigger {
                    span: Span(s, e),
                    entry: m.pattern().as_usize(),
                });
            }
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Brace expansion: `surrender{,ed,s}` → surrender, surrendered, surrenders.
pub fn expand(p: &str) -> Vec<String> {
    if let (Some(open), Some(close)) = (p.find('{'), p.find('}')) {
        if open < close {
            let (head, rest) = (&p[..open], &p[close + 1..]);
            let mut out = Vec::new();
            for alt in p[open + 1..close].split(',') {
                for tail in expand(rest) {
                    out.push(format!("{head}{alt}{tail}"));
                }
            }
            return out;
        }
    }
    vec![p.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brace_expansion() {
        assert_eq!(
            expand("surrender{,ed,s}"),
            vec!["surrender", "surrendered", "surrenders"]
        );
        assert_eq!(expand("air strike{,s}"), vec!["air strike", "air strikes"]);
        assert_eq!(expand("{a,b}{c,d}"), vec!["ac", "ad", "bc", "bd"]);
    }

    #[test]
    fn embedded_lexicon_loads_and_finds_longest_on_word_boundaries() {
        let lx = Lexicon::embedded();
        let t = "Troops laid down their arms; a drone strike hit. Unsurrendered stays out.";
        let found: Vec<&str> = lx.find(t).iter().map(|tr| tr.span.slice(t)).collect();
        assert_eq!(found, vec!["laid down their arms", "drone strike"]);
        let e = &lx.entries[lx.find("Police arrested 40 men")[0].entry];
        assert_eq!(e.kind, Kind::Event(EventType::Arrest));
    }

    #[test]
    fn bad_kind_is_an_error() {
        assert!(Lexicon::parse("riot\tunrest\t\n").is_err());
    }
}
