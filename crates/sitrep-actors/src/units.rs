//! The military unit grammar (spec §5, §7): "Light Infantry Battalion 143",
//! "LIB 143", "Infantry Battalion 125 and 129", "No. 6 Military Operations Command",
//! "33rd Light Infantry Division", "Light Infantry Battalions 543 and 544".

use regex::Regex;
use sitrep_core::Span;

use crate::data;
use crate::textutil::{char_at, lower, prev_word};

/// One unit read from the text, before its owner is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitHit {
    /// The whole unit phrase; for the second and later numbers of a coordination
    /// ("125 and 129") just the number.
    pub span: Span,
    /// Canonical prefix ("LIB", "IB", "LID", "MOC", "Battalion").
    pub prefix: &'static str,
    /// The unit number, when there is one.
    pub number: Option<u32>,
    /// The type was written in lower case and without a number: a generic reference.
    pub generic: bool,
    /// Place name for an unnumbered command ("Laukkai" in "Laukkai Regional Operations Command").
    pub place: Option<String>,
}

impl UnitHit {
    /// Canonical name for an army unit ("LIB 143", "ROC Laukkai", "ROC").
    pub fn canonical(&self) -> String {
        match (self.number, &self.place) {
            (Some(n), _) => format!("{} {n}", self.prefix),
            (None, Some(p)) => format!("{} {p}", self.prefix),
            (None, None) => self.prefix.to_string(),
        }
    }

    /// Canonical name for a unit of another force ("PDF Battalion 3").
    pub fn owned_canonical(&self, owner: &str) -> String {
        format!("{owner} {}", self.canonical())
    }
}

/// Unit types that make sense without a number ("Regional Operations Command").
const NAMED_WITHOUT_NUMBER: &[&str] = &["MOC", "ROC", "TOC"];

/// Words after a number that show it counts something, so "LIB 143 and 200 soldiers"
/// does not read 200 as a second battalion.
const COUNT_NOUNS: &[&str] = &[
    "of",
    "percent",
    "per",
    "km",
    "kms",
    "miles",
    "kilometres",
    "kilometers",
    "years",
    "year",
    "months",
    "days",
    "weeks",
    "hours",
    "people",
    "men",
    "women",
    "children",
    "soldiers",
    "troops",
    "civilians",
    "members",
    "villagers",
    "houses",
    "homes",
    "killed",
    "dead",
    "injured",
    "wounded",
    "others",
    "more",
    "fighters",
    "personnel",
    "prisoners",
    "residents",
    "other",
    "family",
    "families",
    "policemen",
    "officers",
    "deserters",
    "rifles",
    "guns",
];

/// Words after a number that show it measures distance, time or a share.
const MEASURE_WORDS: &[&str] = &[
    "km",
    "kms",
    "miles",
    "mile",
    "kilometres",
    "kilometers",
    "percent",
    "per",
    "years",
    "months",
    "days",
    "weeks",
    "hours",
    "minutes",
];

/// Function words ending in "s" that may follow a unit number.
const S_WORDS: &[&str] = &["was", "has", "is", "its", "his", "this", "thus", "as", "us"];

/// The groups of one match of the unit regex (absolute byte offsets).
struct Groups {
    end: usize,
    type_end: usize,
    n: Option<(usize, usize)>,
}

pub(crate) struct UnitGrammar {
    /// The unit phrase, anchored at the start of the haystack: run on `text[p..]` at
    /// each candidate `p` (see [`UnitGrammar::find`]).
    re: Regex,
    /// The unit phrase as written (unanchored), for tests.
    #[cfg(test)]
    post: String,
    /// The `type` group of `re`, anchored the same way.
    type_re: Regex,
    /// The first words of the written types, in every form the regex accepts.
    first_words: Vec<String>,
    /// (written type lowercased, canonical prefix)
    types: Vec<(String, &'static str)>,
    /// Continuation numbers: ", 544", " and 129", ", and 545".
    more: Regex,
    exact: Regex,
    /// A number written before the type, at the end of the preceding text.
    before: Regex,
}

/// A type as a regex: abbreviations as written; phrases as written (Title Case),
/// in lower case, or in capitals (no `(?i)`, so that the regex keeps a literal
/// prefilter and stays fast).
fn type_pattern(t: &str) -> String {
    let is_abbr = !t.chars().any(|c| c.is_ascii_lowercase());
    let phrase = |t: &str| -> String {
        let words: Vec<String> = t.split(' ').map(regex::escape).collect();
        words.join(r"\s+")
    };
    if is_abbr {
        format!("{}s?", phrase(t))
    } else {
        format!(
            "(?:{}|{}|{})s?",
            phrase(t),
            phrase(&t.to_lowercase()),
            phrase(&t.to_uppercase())
        )
    }
}

impl UnitGrammar {
    pub fn new() -> Self {
        let types = data::load_unit_types();
        let alts: Vec<String> = types.iter().map(|(t, _)| type_pattern(t)).collect();
        // The type and a number after it; a number before it ("No. 6", "33rd") is
        // read by `pre`, so that the search regex starts with the type words and
        // keeps a literal prefilter.
        let post = format!(
            r"\b(?P<type>{})\b(?:\s*\([A-Z]{{2,5}}s?\))?(?:(?:\s*(?:[Nn]o\.|[Nn]o|[Nn]umber|\#)\s*|\s+|-)\(?(?P<n>\d{{1,4}})\)?\b)?",
            alts.join("|")
        );
        let pre = r"(?:\b[Nn]o\.?\s*\(?(?P<pn>\d{1,4})\)?|\b(?P<po>\d{1,4})(?:st|nd|rd|th))\s+";
        let re = Regex::new(&format!("(?-u)^(?:{post})")).expect("unit grammar regex");
        // The type alone: the regex takes the first type (in order) followed by `\b`,
        // as the rest of it is optional.
        let type_re =
            Regex::new(&format!(r"(?-u)^\b(?:{})\b", alts.join("|"))).expect("unit grammar regex");
        let mut first_words: Vec<String> = Vec::new();
        for (t, _) in &types {
            let w = t.split(' ').next().unwrap_or(t);
            for f in [w.to_string(), w.to_lowercase(), w.to_uppercase()] {
                if !first_words.contains(&f) {
                    first_words.push(f);
                }
            }
        }
        let exact = Regex::new(&format!("(?-u)^(?:{pre})?{post}$")).expect("unit grammar regex");
        let before = Regex::new(&format!("(?-u)(?:{pre})$")).expect("unit grammar regex");
        let more = Regex::new(r"(?-u)^(?:\s*,\s*|\s*,?\s+(?:and|&|or)\s+)\(?(\d{1,4})\)?\b")
            .expect("unit continuation regex");
        UnitGrammar {
            #[cfg(test)]
            post: post.clone(),
            re,
            type_re,
            first_words,
            before,
            types: types.iter().map(|(t, p)| (t.to_lowercase(), *p)).collect(),
            more,
            exact,
        }
    }

    fn prefix_of(&self, written: &str) -> Option<&'static str> {
        // The words with single spaces, lower case: on the stack when short and ASCII
        // (as written types are), where ASCII lower-casing is `to_lowercase`.
        let mut buf = [0u8; 64];
        let mut n = 0;
        let mut fits = written.is_ascii();
        for (k, w) in written.split_whitespace().enumerate() {
            let need = w.len() + usize::from(k > 0);
            if !fits || n + need > buf.len() {
                fits = false;
                break;
            }
            if k > 0 {
                buf[n] = b' ';
                n += 1;
            }
            for (d, c) in buf[n..n + w.len()].iter_mut().zip(w.bytes()) {
                *d = c.to_ascii_lowercase();
            }
            n += w.len();
        }
        let owned;
        let norm: &str = if fits {
            std::str::from_utf8(&buf[..n]).expect("ASCII")
        } else {
            owned = written
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            &owned
        };
        let singular = norm.strip_suffix('s').unwrap_or(norm);
        self.types
            .iter()
            .find(|(t, _)| *t == norm || *t == singular)
            .map(|(_, p)| *p)
    }

    /// The words that may start a unit name (any case: a superset of the regex's forms).
    pub fn first_words(&self) -> &[String] {
        &self.first_words
    }

    /// Every unit in `text`, in text order. `starts` are the positions, in text order,
    /// where one of [`UnitGrammar::first_words`] begins after an ASCII `\b`: every
    /// place where the grammar can match. The matches are those of one leftmost-first
    /// search over the whole text (the grammar tried at each start not inside an
    /// earlier match), without scanning the text again.
    pub fn find(&self, text: &str, starts: &[usize]) -> Vec<UnitHit> {
        let mut out = Vec::new();
        let mut last_end = 0;
        for &p in starts {
            if p < last_end {
                continue;
            }
            let Some(g) = self.groups(text, p) else {
                continue;
            };
            let (m_start, m_end) = (p, g.end);
            last_end = m_end;
            let ty = &text[p..g.type_end];
            let Some(prefix) = self.prefix_of(ty) else {
                continue;
            };
            let mut start = m_start;
            let mut number = g.n.and_then(|(a, b)| text[a..b].parse::<u32>().ok());
            if number.is_none() {
                // "No. 6 Military Operations Command", "33rd Light Infantry Division".
                let mut w = m_start.saturating_sub(16);
                while !text.is_char_boundary(w) {
                    w -= 1;
                }
                if let Some(c) = self.before.captures(&text[w..m_start]) {
                    let n = c.name("pn").or_else(|| c.name("po"));
                    if let Some(n) = n.and_then(|n| n.as_str().parse::<u32>().ok()) {
                        number = Some(n);
                        start = w + c.get(0).expect("match").start();
                    }
                }
            }
            // A number after the type must not run on ("Battalion 1,000", "LIB 143.5")
            // nor measure something ("the battalion 20 km away").
            if let Some((_, n_end)) = g.n {
                if matches!(char_at(text, n_end), Some(',' | '.'))
                    && text[n_end + 1..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit())
                {
                    continue;
                }
                let next = alphabetic_prefix(text[n_end..].trim_start_matches([' ', '\t']));
                if MEASURE_WORDS.contains(&&*lower(next)) {
                    continue;
                }
            }
            match number {
                Some(n) => {
                    out.push(UnitHit {
                        span: Span(start, m_end),
                        prefix,
                        number: Some(n),
                        generic: false,
                        place: None,
                    });
                    self.continuations(text, m_end, prefix, &mut out);
                }
                None if NAMED_WITHOUT_NUMBER.contains(&prefix) => {
                    let capitalised = ty.starts_with(|c: char| c.is_uppercase());
                    let place = prev_word(text, m_start)
                        .filter(|(_, w)| {
                            w.starts_with(|c: char| c.is_uppercase())
                                && !["The", "A", "An", "In", "At", "Of", "Its", "Their"].contains(w)
                                && w.chars().any(|c| c.is_lowercase())
                        })
                        .filter(|_| capitalised);
                    let (start, place) = match place {
                        Some((s, w)) => (s, Some(w.to_string())),
                        None => (m_start, None),
                    };
                    let generic = place.is_none();
                    out.push(UnitHit {
                        span: Span(start, m_end),
                        prefix,
                        number: None,
                        generic,
                        place,
                    });
                }
                None => {}
            }
        }
        out
    }

    /// The unit phrase starting at `p`: where it ends, where its type ends and its
    /// number (the `n` group), as `re.captures` would give them, from two DFA searches.
    fn groups(&self, text: &str, p: usize) -> Option<Groups> {
        let hay = &text[p..];
        let end = p + self.re.find(hay)?.end();
        let type_end = p + self.type_re.find(hay).expect("the type of a match").end();
        // After the type come an optional "(LIB)" and an optional number part that ends
        // with the digits, or the digits and ")": the only digits a match can end with.
        let tail = &text[type_end..end];
        let core = match tail.strip_suffix(')') {
            Some(c) if c.ends_with(|c: char| c.is_ascii_digit()) => c,
            _ => tail,
        };
        let digits = core.len() - core.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let n_end = type_end + core.len();
        let n = (digits > 0).then_some((n_end - digits, n_end));
        Some(Groups { end, type_end, n })
    }

    /// Further numbers coordinated with the unit: "125 and 129", "543, 544 and 545".
    fn continuations(
        &self,
        text: &str,
        mut at: usize,
        prefix: &'static str,
        out: &mut Vec<UnitHit>,
    ) {
        while let Some(c) = self.more.captures(&text[at..]) {
            let n = c.get(1).expect("number");
            let (ns, ne) = (at + n.start(), at + n.end());
            if !plausible_unit_number_end(text, ne) {
                break;
            }
            let Ok(num) = n.as_str().parse::<u32>() else {
                break;
            };
            out.push(UnitHit {
                span: Span(ns, ne),
                prefix,
                number: Some(num),
                generic: false,
                place: None,
            });
            at += c.get(0).expect("match").end();
        }
    }

    /// Canonical short form of a whole string that is a unit name, or `None`.
    pub fn normalise(&self, s: &str) -> Option<String> {
        let s = s.trim();
        let caps = self.exact.captures(s)?;
        let prefix = self.prefix_of(caps.name("type")?.as_str())?;
        let number = caps
            .name("n")
            .or_else(|| caps.name("pn"))
            .or_else(|| caps.name("po"))
            .and_then(|n| n.as_str().parse::<u32>().ok());
        match number {
            Some(n) => Some(format!("{prefix} {n}")),
            None if NAMED_WITHOUT_NUMBER.contains(&prefix) => Some(prefix.to_string()),
            None => None,
        }
    }
}

/// The letters at the start of `s`.
fn alphabetic_prefix(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// After a coordinated number: not a count ("and 200 soldiers"), not a decimal or
/// a larger number.
fn plausible_unit_number_end(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '%' || c == '-') {
        return false;
    }
    if (rest.starts_with(',') || rest.starts_with('.'))
        && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let next = alphabetic_prefix(rest.trim_start_matches([' ', '\t']));
    if next.is_empty() {
        return true;
    }
    let lower = lower(next);
    if COUNT_NOUNS.contains(&&*lower) {
        return false;
    }
    if next.starts_with(|c: char| c.is_lowercase())
        && lower.ends_with('s')
        && lower.len() > 3
        && !S_WORDS.contains(&&*lower)
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text made of unit phrases in many forms, with odd neighbours.
    fn phrases() -> Vec<String> {
        let types = data::load_unit_types();
        let mut forms: Vec<String> = Vec::new();
        for (t, _) in &types {
            for f in [t.to_string(), t.to_lowercase(), t.to_uppercase()] {
                forms.push(f.clone());
                forms.push(format!("{f}s"));
                forms.push(f.replace(' ', "  "));
            }
        }
        let before = ["", "the ", "x", "_", "é", "No. 6 ", "33rd ", "(", "Kalay "];
        let sep = [
            " ", "  ", "-", " No. ", " no", " Number ", " #", " (", "\n", " (LIB) ", "(IB)",
        ];
        let num = [
            "1", "12", "123", "1234", "12345", "12)", "(12)", "7 and 8", "x",
        ];
        let after = [
            "",
            " ",
            ",",
            ".",
            "abc",
            ")x",
            "th",
            " km",
            ",5",
            " soldiers",
        ];
        // A small deterministic generator: every form, with neighbours picked in turn.
        let mut out = Vec::new();
        let mut k = 0usize;
        for f in &forms {
            for _ in 0..12 {
                k = k
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = |n: usize, shift: u32| (k >> shift) % n;
                out.push(format!(
                    "{}{f}{}{}{}",
                    before[pick(before.len(), 11)],
                    sep[pick(sep.len(), 19)],
                    num[pick(num.len(), 27)],
                    after[pick(after.len(), 35)]
                ));
            }
        }
        out
    }

    #[test]
    fn groups_are_those_of_the_capturing_regex() {
        let g = UnitGrammar::new();
        let anchored = Regex::new(&format!("(?-u)^(?:{})", g.post)).unwrap();
        let mut checked = 0;
        for t in phrases() {
            for p in (0..t.len()).filter(|&p| t.is_char_boundary(p)) {
                let want = anchored.captures(&t[p..]).map(|c| {
                    let ty = c.name("type").unwrap();
                    let n = c.name("n").map(|n| (p + n.start(), p + n.end()));
                    (p + c.get(0).unwrap().end(), p + ty.end(), n)
                });
                let got = g.groups(&t, p).map(|x| (x.end, x.type_end, x.n));
                assert_eq!(got, want, "{t:?} at {p}");
                checked += usize::from(want.is_some());
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn candidate_search_finds_the_matches_of_a_full_search() {
        let g = UnitGrammar::new();
        let full = Regex::new(&format!("(?-u){}", g.post)).unwrap();
        let text = phrases().join(" ");
        let b = text.as_bytes();
        let starts: Vec<usize> = (0..text.len())
            .filter(|&p| p == 0 || !(b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'_'))
            .filter(|&p| {
                g.first_words().iter().any(|w| {
                    b[p..].len() >= w.len() && b[p..p + w.len()].eq_ignore_ascii_case(w.as_bytes())
                })
            })
            .collect();
        let want: Vec<(usize, usize)> = full
            .find_iter(&text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut got = Vec::new();
        let mut last_end = 0;
        for &p in &starts {
            if p < last_end {
                continue;
            }
            if let Some(x) = g.groups(&text, p) {
                got.push((p, x.end));
                last_end = x.end;
            }
        }
        assert_eq!(got, want);
    }
}
