//! Dictionary lookup: one Aho-Corasick pass over the text for every alias and
//! generic phrase, filtered by case (acronyms) and word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use sitrep_core::Span;
use std::collections::HashMap;

use crate::data::{ActorInfo, Alias, Generic};
use crate::textutil::on_word_boundaries;

/// What a dictionary hit refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DictRef {
    /// An actor of the dictionary (index into the actor list).
    Actor(usize),
    /// A generic phrase (index into the generic list).
    Generic(usize),
    /// A rank, role or honorific that may start a person's name.
    PersonTrigger,
}

/// A dictionary hit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DictHit {
    pub span: Span,
    pub what: DictRef,
}

struct Pattern {
    text: String,
    case_sensitive: bool,
    what: DictRef,
}

pub(crate) struct Dictionary {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Lower-cased alias -> actor, for `canonical_of`.
    by_name: HashMap<String, usize>,
    /// Exact acronym -> actor.
    by_acronym: HashMap<String, usize>,
}

/// Prefixes that turn an actor into its opposite or a description ("pro-junta").
const NEGATING_PREFIXES: &[&str] = &["pro-", "anti-", "ex-", "non-", "counter-", "post-", "pre-"];

impl Dictionary {
    pub fn new(
        actors: &[ActorInfo],
        aliases: &[Alias],
        generics: &[Generic],
        triggers: &[(String, bool)],
    ) -> Self {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<(String, bool), usize> = HashMap::new();
        let mut by_name = HashMap::new();
        let mut by_acronym = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            if crate::data::is_acronym(&a.canonical) {
                by_acronym.entry(a.canonical.clone()).or_insert(i);
            } else {
                by_name.entry(a.canonical.to_lowercase()).or_insert(i);
            }
        }
        for a in aliases {
            let key = if a.case_sensitive {
                a.text.clone()
            } else {
                a.text.to_lowercase()
            };
            if a.case_sensitive {
                by_acronym.entry(a.text.clone()).or_insert(a.actor);
            } else {
                by_name.entry(key.clone()).or_insert(a.actor);
            }
            if seen.contains_key(&(key.clone(), a.case_sensitive)) {
                continue;
            }
            seen.insert((key, a.case_sensitive), patterns.len());
            patterns.push(Pattern {
                text: a.text.clone(),
                case_sensitive: a.case_sensitive,
                what: DictRef::Actor(a.actor),
            });
        }
        for (i, g) in generics.iter().enumerate() {
            let key = g.text.to_lowercase();
            if seen.contains_key(&(key.clone(), false)) {
                continue;
            }
            seen.insert((key, false), patterns.len());
            patterns.push(Pattern {
                text: g.text.clone(),
                case_sensitive: false,
                what: DictRef::Generic(i),
            });
        }
        for (t, case_sensitive) in triggers {
            patterns.push(Pattern {
                text: t.clone(),
                case_sensitive: *case_sensitive,
                what: DictRef::PersonTrigger,
            });
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| p.text.as_str()))
            .expect("dictionary automaton");
        Dictionary {
            ac,
            patterns,
            by_name,
            by_acronym,
        }
    }

    /// Every dictionary hit (overlapping), filtered by case and word boundaries.
    pub fn find(&self, text: &str) -> Vec<DictHit> {
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if p.case_sensitive && text[s..e] != p.text {
                continue;
            }
            let ascii_start = p.text.as_bytes().first().is_some_and(u8::is_ascii);
            if ascii_start && !on_word_boundaries(text, s, e) {
                continue;
            }
            if p.what == DictRef::PersonTrigger {
                out.push(DictHit {
                    span: Span(s, e),
                    what: p.what,
                });
                continue;
            }
            let before = &text[..s];
            if NEGATING_PREFIXES.iter().any(|pre| {
                before.len() >= pre.len()
                    && before.is_char_boundary(before.len() - pre.len())
                    && before[before.len() - pre.len()..].eq_ignore_ascii_case(pre)
                    && !p.text.to_lowercase().starts_with(pre)
            }) {
                continue;
            }
            out.push(DictHit {
                span: Span(s, e),
                what: p.what,
            });
        }
        out
    }

    /// The actor a name refers to: an exact acronym, or any alias or canonical name
    /// ignoring case.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.by_acronym
            .get(name)
            .or_else(|| self.by_name.get(&name.to_lowercase()))
            .copied()
    }
}
