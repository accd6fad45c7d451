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
    /// Patterns that start with an ASCII letter or digit match only at the start of a
    /// word: they are read by walking a trie from each word start, ignoring ASCII case
    /// (`fold`) or as written (`exact`: acronyms and honorifics).
    fold: Trie,
    exact: Trie,
    /// The words (runs of ASCII letters and digits) that such a pattern or a unit name
    /// can start with: a match that survives the word-boundary filter starts with a
    /// whole run, so only these runs are looked at.
    runs: RunTable,
    /// The other patterns (Burmese script), searched everywhere, with their indices.
    anywhere: Option<(AhoCorasick, Vec<usize>)>,
    patterns: Vec<Pattern>,
    /// Lower-cased alias -> actor, for `canonical_of`.
    by_name: HashMap<String, usize>,
    /// Exact acronym -> actor.
    by_acronym: HashMap<String, usize>,
}

/// A trie of byte strings as a table (states x byte classes), walked from a given
/// start: an anchored search that reports every pattern ending on the way.
struct Trie {
    /// Byte -> class (0: no pattern has the byte, so the walk stops).
    class: [u8; 256],
    n_classes: usize,
    /// `next[state * n_classes + class]`: the next state, with [`ACCEPTS`] set when
    /// patterns end there; 0 is the dead state, 1 the root. States are numbered
    /// breadth-first, so that the rows walked most (near the root) share cache lines.
    next: Vec<u16>,
    /// Patterns ending in each state: `accept[accept_at[s]..accept_at[s + 1]]`.
    accept_at: Vec<u32>,
    accept: Vec<u32>,
}

/// The bit of a [`Trie`] transition that marks a state where patterns end.
const ACCEPTS: u16 = 0x8000;

/// A state of a [`TrieBuilder`]: (byte, next state) pairs and the patterns ending there.
type BuildState = (Vec<(u8, usize)>, Vec<u32>);

/// A [`Trie`] being built: children and patterns of each state (0 dead, 1 root).
struct TrieBuilder {
    fold_case: bool,
    states: Vec<BuildState>,
}

impl TrieBuilder {
    fn new(fold_case: bool) -> Self {
        TrieBuilder {
            fold_case,
            states: vec![(Vec::new(), Vec::new()), (Vec::new(), Vec::new())],
        }
    }

    fn insert(&mut self, pattern: &[u8], id: usize) {
        let mut st = 1usize;
        for &b in pattern {
            let b = if self.fold_case {
                b.to_ascii_lowercase()
            } else {
                b
            };
            st = match self.states[st].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, n)) => n,
                None => {
                    let n = self.states.len();
                    self.states.push((Vec::new(), Vec::new()));
                    self.states[st].0.push((b, n));
                    n
                }
            };
        }
        self.states[st]
            .1
            .push(u32::try_from(id).expect("pattern id"));
    }

    fn finish(self) -> Trie {
        let mut class = [0u8; 256];
        let mut n = 1usize;
        for (children, _) in &self.states {
            for &(b, _) in children {
                if class[b as usize] == 0 {
                    class[b as usize] = u8::try_from(n).expect("at most 255 byte classes");
                    n += 1;
                }
            }
        }
        if self.fold_case {
            for b in b'A'..=b'Z' {
                class[b as usize] = class[b.to_ascii_lowercase() as usize];
            }
        }
        // Breadth-first numbering from the root (1); the dead state stays 0.
        let mut order: Vec<usize> = vec![1];
        let mut k = 0;
        while k < order.len() {
            let s = order[k];
            order.extend(self.states[s].0.iter().map(|&(_, t)| t));
            k += 1;
        }
        let mut number = vec![0u16; self.states.len()];
        for (k, &s) in order.iter().enumerate() {
            number[s] = u16::try_from(k + 1)
                .ok()
                .filter(|v| v & ACCEPTS == 0)
                .expect("too many trie states");
        }
        let states = order.len() + 1;
        let mut next = vec![0u16; states * n];
        let mut accept_at = vec![0u32; 2];
        let mut accept = Vec::new();
        for &s in &order {
            let (children, _) = &self.states[s];
            for &(b, t) in children {
                let flag = if self.states[t].1.is_empty() {
                    0
                } else {
                    ACCEPTS
                };
                next[number[s] as usize * n + class[b as usize] as usize] = number[t] | flag;
            }
            let mut ids = self.states[s].1.clone();
            ids.sort_unstable();
            accept.extend(ids);
            accept_at.push(accept.len() as u32);
        }
        Trie {
            class,
            n_classes: n,
            next,
            accept_at,
            accept,
        }
    }
}

impl Trie {
    /// The transition value (state and [`ACCEPTS`] flag) after reading `key` from the
    /// root, or 0 when no pattern starts with it.
    fn state_after(&self, key: &[u8]) -> u16 {
        let mut v = 1u16;
        for &b in key {
            v = self.next
                [usize::from(v & !ACCEPTS) * self.n_classes + self.class[b as usize] as usize];
            if v == 0 {
                return 0;
            }
        }
        v
    }

    /// Every pattern starting at `start` and ending at or after `at`, given the
    /// transition value `v` reached by reading `bytes[start..at]`: as (end, start, id).
    #[inline]
    fn walk_from(
        &self,
        bytes: &[u8],
        start: usize,
        at: usize,
        mut v: u16,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let n = self.n_classes;
        let mut i = at;
        loop {
            let st = usize::from(v & !ACCEPTS);
            if v & ACCEPTS != 0 {
                let (a, z) = (self.accept_at[st] as usize, self.accept_at[st + 1] as usize);
                out.extend(self.accept[a..z].iter().map(|&id| (i, start, id as usize)));
            }
            let Some(&b) = bytes.get(i) else {
                return;
            };
            v = self.next[st * n + self.class[b as usize] as usize];
            if v == 0 {
                return;
            }
            i += 1;
        }
    }
}

/// What may start at a word (a run of ASCII letters and digits, lower-cased): the
/// dictionary state after it, whether a case-sensitive pattern or a unit name may
/// start with it.
struct RunInfo {
    key: Box<[u8]>,
    fold: u16,
    exact: bool,
    unit: bool,
}

/// The words that may start a pattern or a unit name, by hash (open addressing).
struct RunTable {
    slots: Vec<u16>,
    runs: Vec<RunInfo>,
    /// A bit per [`RunTable::sketch`] of the runs: most words are ruled out by it.
    sketches: Vec<u64>,
}

/// A hash of the run `b[start..end]` of ASCII letters and digits, ignoring case: its
/// bytes eight at a time, without a chain of steps per byte.
#[inline]
fn run_hash(b: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (end - start) as u64;
    let mut at = start;
    while at < end {
        let k = (end - at).min(8);
        let x = match b.get(at..at + 8) {
            Some(c) => u64::from_le_bytes(c.try_into().expect("8 bytes")),
            None => {
                let mut buf = [0u8; 8];
                buf[..k].copy_from_slice(&b[at..at + k]);
                u64::from_le_bytes(buf)
            }
        };
        let mask = if k == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * k)) - 1
        };
        // Letters and digits: setting 0x20 lower-cases a letter and keeps a digit.
        h = (h.rotate_left(29) ^ ((x | 0x2020_2020_2020_2020) & mask)).wrapping_mul(K);
        at += k;
    }
    h
}

/// ASCII letters and digits, as a table.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

impl RunTable {
    fn new(mut runs: Vec<RunInfo>) -> Self {
        runs.sort_by(|a, b| a.key.cmp(&b.key));
        let size = (runs.len() * 4).next_power_of_two().max(16);
        assert!(runs.len() < usize::from(u16::MAX), "too many words");
        let mut slots = vec![0u16; size];
        for (k, r) in runs.iter().enumerate() {
            let mut i = (run_hash(&r.key, 0, r.key.len()) >> 32) as usize & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (k + 1) as u16;
        }
        let mut sketches = vec![0u64; 1 << 10];
        for r in &runs {
            let k = Self::sketch(&r.key);
            sketches[k / 64] |= 1 << (k % 64);
        }
        RunTable {
            slots,
            runs,
            sketches,
        }
    }

    /// A 16-bit summary of a run (its first two bytes, ignoring case, and length).
    #[inline]
    fn sketch(run: &[u8]) -> usize {
        let b0 = usize::from(run[0] | 0x20) & 0x3F;
        let b1 = run.get(1).map_or(0, |&b| usize::from(b | 0x20) & 0x3F);
        b0 | (b1 << 6) | (run.len().min(15) << 12)
    }

    /// Can `run` be one of the runs? (No means no; yes is checked by [`RunTable::get`].)
    #[inline]
    fn may_have(&self, run: &[u8]) -> bool {
        let k = Self::sketch(run);
        self.sketches[k / 64] & (1 << (k % 64)) != 0
    }

    /// The entry of the run `word` (any case) whose hash is `h`.
    #[inline]
    fn get(&self, h: u64, word: &[u8]) -> Option<&RunInfo> {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            let k = self.slots[i];
            if k == 0 {
                return None;
            }
            let r = &self.runs[usize::from(k) - 1];
            if r.key.len() == word.len() && r.key.eq_ignore_ascii_case(word) {
                return Some(r);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word byte of the regex crate's ASCII `\b`.
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Prefixes that turn an actor into its opposite or a description ("pro-junta").
const NEGATING_PREFIXES: &[&str] = &["pro-", "anti-", "ex-", "non-", "counter-", "post-", "pre-"];

impl Dictionary {
    pub fn new(
        actors: &[ActorInfo],
        aliases: &[Alias],
        generics: &[Generic],
        triggers: &[(String, bool)],
        unit_words: &[String],
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
        let word_start = |p: &Pattern| {
            p.text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphanumeric)
        };
        let mut fold = TrieBuilder::new(true);
        let mut exact = TrieBuilder::new(false);
        let mut anywhere_ids = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            assert!(!p.text.is_empty(), "empty dictionary pattern");
            if !word_start(p) {
                anywhere_ids.push(i);
            } else if p.case_sensitive {
                exact.insert(p.text.as_bytes(), i);
            } else {
                fold.insert(p.text.as_bytes(), i);
            }
        }
        let anywhere = (!anywhere_ids.is_empty()).then(|| {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(anywhere_ids.iter().map(|&i| patterns[i].text.as_str()))
                .expect("dictionary automaton");
            (ac, anywhere_ids)
        });
        let fold = fold.finish();
        let exact = exact.finish();
        // The first run of every pattern, and the first words of unit types (with a
        // plural "s": "Battalions 5 and 6").
        let run_of = |t: &str| -> Vec<u8> {
            t.bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect()
        };
        let mut runs: HashMap<Vec<u8>, (bool, bool)> = HashMap::new();
        for p in &patterns {
            if word_start(p) {
                runs.entry(run_of(&p.text)).or_default().0 |= p.case_sensitive;
            }
        }
        for w in unit_words {
            assert!(
                w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic),
                "unit type words start with a letter"
            );
            for form in [w.to_string(), format!("{w}s")] {
                runs.entry(run_of(&form)).or_default().1 = true;
            }
        }
        let runs = RunTable::new(
            runs.into_iter()
                .map(|(key, (exact, unit))| RunInfo {
                    fold: fold.state_after(&key),
                    key: key.into_boxed_slice(),
                    exact,
                    unit,
                })
                .collect(),
        );
        Dictionary {
            fold,
            exact,
            runs,
            anywhere,
            patterns,
            by_name,
            by_acronym,
        }
    }

    /// Every dictionary hit (overlapping), filtered by case and word boundaries, in
    /// the order of one overlapping search for all patterns: by end, then start, then
    /// pattern. Also returns, in text order, the positions where a word that may start a
    /// unit name begins at a word start (ASCII `\b`): the candidates of
    /// [`crate::units::UnitGrammar::find`].
    pub fn find(&self, text: &str) -> (Vec<DictHit>, Vec<usize>) {
        // (end, start, pattern): the order of an overlapping Aho-Corasick search.
        let mut raw: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len() / 32);
        let mut units = Vec::new();
        let bytes = text.as_bytes();
        // Whether the character before `i` is a letter or digit (any script).
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if ALNUM[b as usize] {
                let start = i;
                i += 1;
                while i < bytes.len() && ALNUM[bytes[i] as usize] {
                    i += 1;
                }
                let word_start = !prev_word;
                prev_word = true;
                if !self.runs.may_have(&bytes[start..i]) {
                    continue;
                }
                let h = run_hash(bytes, start, i);
                let Some(r) = self.runs.get(h, &bytes[start..i]) else {
                    continue;
                };
                // A unit name starts after an ASCII `\b` (also after a non-ASCII letter).
                if r.unit && (start == 0 || !is_ascii_word(bytes[start - 1])) {
                    units.push(start);
                }
                if word_start {
                    if r.fold != 0 {
                        self.fold.walk_from(bytes, start, i, r.fold, &mut raw);
                    }
                    if r.exact {
                        self.exact.walk_from(bytes, start, start, 1, &mut raw);
                    }
                }
            } else if b < 0x80 {
                prev_word = false;
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("char");
                prev_word = c.is_alphanumeric();
                i += c.len_utf8();
            }
        }
        if let Some((ac, ids)) = &self.anywhere {
            for m in ac.find_overlapping_iter(text) {
                raw.push((m.end(), m.start(), ids[m.pattern().as_usize()]));
            }
        }
        raw.sort_unstable();
        let mut out = Vec::new();
        for (e, s, pid) in raw {
            let p = &self.patterns[pid];
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
            // Every negating prefix ends with a hyphen.
            if before.ends_with('-')
                && NEGATING_PREFIXES.iter().any(|pre| {
                    before.len() >= pre.len()
                        && before.is_char_boundary(before.len() - pre.len())
                        && before[before.len() - pre.len()..].eq_ignore_ascii_case(pre)
                        && !p.text.to_lowercase().starts_with(pre)
                })
            {
                continue;
            }
            out.push(DictHit {
                span: Span(s, e),
                what: p.what,
            });
        }
        (out, units)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Actors;

    /// The dictionary search as one overlapping Aho-Corasick pass over every pattern.
    fn reference(d: &Dictionary, text: &str) -> Vec<(Span, DictRef)> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(d.patterns.iter().map(|p| p.text.as_str()))
            .unwrap();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let p = &d.patterns[m.pattern().as_usize()];
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
            let before = &text[..s];
            let negated = NEGATING_PREFIXES.iter().any(|pre| {
                before.len() >= pre.len()
                    && before.is_char_boundary(before.len() - pre.len())
                    && before[before.len() - pre.len()..].eq_ignore_ascii_case(pre)
                    && !p.text.to_lowercase().starts_with(pre)
            });
            if p.what != DictRef::PersonTrigger && negated {
                continue;
            }
            out.push((Span(s, e), p.what));
        }
        out
    }

    #[test]
    fn trie_search_is_the_overlapping_search() {
        let d = &Actors::embedded().dict;
        let texts = [
            "The KIA's 3rd Brigade and the military council said U Kyaw Min and Ma Ba Tha left.",
            "pro-junta militia, anti-KIA forces, ex-PDF fighters; Pyu Saw Htee and the PDF.",
            "ÉKIA _KIA KIA_ KIAé éPDF U.S. Ko Htet, Daw Aung San Suu Kyi, Dr. Sasa, Mr. Li.",
            "တပ်မတော် စစ်ကောင်စီ said; the Tatmadaw (Myanmar military) and the People’s Defense Force.",
            "junta troops, regime forces, the group, its fighters, local defence forces, the AA and ULA/AA.",
            "Light Infantry Battalion 143, LIB 143, battalion commander Major Kyaw, police officers, SAC",
            "",
            "a",
            "the",
        ];
        for t in texts {
            let got: Vec<(Span, DictRef)> = d.find(t).0.iter().map(|h| (h.span, h.what)).collect();
            assert_eq!(got, reference(d, t), "{t:?}");
        }
    }
}
