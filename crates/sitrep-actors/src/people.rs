//! People named with a rank, a role or a Burmese honorific: "Captain Kaung Myat Ko",
//! "Major General Zaw Min Tun", "battalion commander Major Kyaw Ye Aung",
//! "spokesperson Li Kyarwen", "U Kyaw Min", "Saw Eh Htoo".

use sitrep_core::Span;

use crate::data;
use crate::textutil::{char_before, is_word_char, prev_word};

/// One person read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonHit {
    /// Rank (if any) and name: "Major General Zaw Min Tun".
    pub span: Span,
    /// The role words before it ("spokesman", "battalion commander"), if any.
    pub role: Option<Span>,
    /// Canonical: the name without rank and courtesy titles ("Zaw Min Tun").
    pub canonical: String,
}

/// Lower-case ranks that are ordinary words too often to start a name.
const WEAK_LOWERCASE_RANKS: &[&str] =
    &["private", "general", "major", "bo", "commodore", "admiral"];

/// Courtesy titles left out of the canonical name (ethnic name prefixes such as
/// Saw, Salai or Sai stay: they are part of the name).
const COURTESY: &[&str] = &[
    "U", "Daw", "Ko", "Ma", "Dr", "Dr.", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.",
];

pub(crate) struct People {
    ranks: Vec<String>,
    roles: Vec<String>,
    honorifics: Vec<&'static str>,
    stop: Vec<&'static str>,
}

impl People {
    pub fn new() -> Self {
        let pairs = data::load_pairs(data::PEOPLE_TSV, "people.tsv");
        let pick = |class: &str| -> Vec<&'static str> {
            let mut v: Vec<&'static str> = pairs
                .iter()
                .filter(|(c, _)| *c == class)
                .map(|(_, w)| *w)
                .collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.len()));
            v
        };
        let ranks = pick("rank");
        let roles = pick("role");
        let honorifics = pick("honorific");
        let stop = pick("stop");
        People {
            ranks: ranks.iter().map(|r| r.to_lowercase()).collect(),
            roles: roles.iter().map(|r| r.to_lowercase()).collect(),
            honorifics,
            stop,
        }
    }

    /// The words that can start a person: ranks and roles (any case) and honorifics
    /// (as written), for the dictionary automaton. `true` marks a case-sensitive word.
    pub fn trigger_words(&self) -> Vec<(String, bool)> {
        let mut v: Vec<(String, bool)> = self
            .ranks
            .iter()
            .chain(self.roles.iter())
            .map(|w| (w.clone(), false))
            .collect();
        v.extend(self.honorifics.iter().map(|h| (h.to_string(), true)));
        v
    }

    /// Every person starting at one of the trigger positions (sorted), in text order.
    pub fn find(&self, text: &str, triggers: &[usize]) -> Vec<PersonHit> {
        let mut out = Vec::new();
        let mut next_free = 0;
        for &t in triggers {
            if t < next_free {
                continue;
            }
            if let Some(p) = self.parse_at(text, t) {
                next_free = p.span.1;
                out.push(p);
            }
        }
        out
    }

    /// Longest entry of `list` (lower-cased) that `text[at..]` starts with, ignoring
    /// case, followed by a space; returns its length.
    fn starts_with_any(text: &str, at: usize, list: &[String]) -> Option<usize> {
        let rest = &text.as_bytes()[at..];
        list.iter().find_map(|w| {
            let n = w.len();
            (rest.len() > n && rest[n] == b' ' && rest[..n].eq_ignore_ascii_case(w.as_bytes()))
                .then_some(n)
        })
    }

    fn parse_at(&self, text: &str, start: usize) -> Option<PersonHit> {
        let mut at = start;
        // Roles ("Junta spokesman", "battalion commander"), possibly several.
        let mut role: Option<Span> = None;
        while let Some(n) = Self::starts_with_any(text, at, &self.roles) {
            role = Some(Span(role.map_or(at, |r| r.0), at + n));
            at += n + 1;
        }
        // Rank.
        let rank_start = at;
        let mut rank_len = None;
        if let Some(n) = Self::starts_with_any(text, at, &self.ranks) {
            let written = &text[at..at + n];
            let lower_case = written.starts_with(|c: char| c.is_lowercase());
            let weak =
                lower_case && WEAK_LOWERCASE_RANKS.contains(&written.to_lowercase().as_str());
            // "Hpa An General Hospital": a capitalised rank after another capitalised word
            // (not a role, not the start of a sentence) is part of a name of a place.
            let after_capital = role.is_none()
                && !lower_case
                && prev_word(text, at).is_some_and(|(ps, w)| {
                    // "the SAC’s General X", "KIA Colonel X" are ranks.
                    let possessive = w.ends_with("’s") || w.ends_with("'s");
                    let acronym = w.len() > 1 && !w.chars().any(|c| c.is_lowercase());
                    !possessive
                        && !acronym
                        && w.starts_with(|c: char| c.is_uppercase())
                        && !matches!(char_before(text, ps), None | Some('\n'))
                        && !text[..ps].trim_end().ends_with(['.', '“', '"', ':'])
                        && !["Former", "Retired", "The", "Junta", "Army", "Police"].contains(&w)
                });
            if !weak && !after_capital {
                rank_len = Some(n);
                at += n + 1;
            }
        }
        // Honorific.
        let mut honorific = None;
        let rest = &text[at..];
        for h in &self.honorifics {
            if rest.starts_with(h) && rest[h.len()..].starts_with(' ') {
                honorific = Some(*h);
                break;
            }
        }
        let name_start = at;
        if let Some(h) = honorific {
            at += h.len() + 1;
        }
        // Name words.
        let mut end = None;
        let mut words = Vec::new();
        if let Some(h) = honorific {
            words.push(h);
        }
        let mut n_words = 0;
        let mut pos = at;
        while n_words < 4 {
            let w_end = text[pos..]
                .char_indices()
                .find(|&(_, c)| !(is_word_char(c) || c == '-' || c == '\'' || c == '’'))
                .map_or(text.len(), |(i, _)| pos + i);
            let w = &text[pos..w_end];
            let w = w.trim_end_matches(['\'', '’', '-']);
            let w_end = pos + w.len();
            if !self.is_name_word(w) {
                break;
            }
            words.push(w);
            n_words += 1;
            end = Some(w_end);
            // Another word follows only after exactly one space.
            if text[w_end..].starts_with(' ')
                && text[w_end + 1..].starts_with(|c: char| c.is_uppercase())
            {
                pos = w_end + 1;
            } else {
                break;
            }
        }
        let end = end?;
        if role.is_none() && rank_len.is_none() && honorific.is_none() {
            return None;
        }
        // A capitalised honorific or role at the start must not be the first word of a
        // name of something else ("Sai" alone is fine; "Ko" + stop word was rejected).
        let span_start = if rank_len.is_some() {
            rank_start
        } else {
            name_start
        };
        // Courtesy titles are dropped unless only one name word would remain
        // ("Ko Htet" stays "Ko Htet"; "U Tun Tun Naing" becomes "Tun Tun Naing").
        let stripped: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| COURTESY.contains(w))
            .collect();
        let canonical = if stripped.len() >= 2 {
            stripped
        } else {
            words.clone()
        };
        if canonical.is_empty() {
            return None;
        }
        Some(PersonHit {
            span: Span(span_start, end),
            role,
            canonical: canonical.join(" "),
        })
    }

    /// A capitalised word that can be part of a Burmese (or other) personal name.
    fn is_name_word(&self, w: &str) -> bool {
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        // Acronyms ("KIA", "PDF") are not names; "U" alone is an honorific handled above.
        if w.chars().count() > 1 && !w.chars().any(|c| c.is_lowercase()) {
            return false;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        !self.stop.contains(&w)
            && !self.ranks.iter().any(|r| r.eq_ignore_ascii_case(w))
            && !self.roles.iter().any(|r| r.eq_ignore_ascii_case(w))
    }
}
