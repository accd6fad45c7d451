//! The word lists in `data/`, loaded once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

/// A small fast hasher for short lowercase words (the lists are fixed, so
/// hash flooding is no concern).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxBuild;

/// See [`FxBuild`].
pub(crate) struct Fx(u64);

impl BuildHasher for FxBuild {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Map<V> = HashMap<String, V, FxBuild>;
type Set = HashSet<String, FxBuild>;

use sitrep_core::Qualifier;

/// What a counted noun is (data/nouns.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounClass {
    Person,
    Dependent,
    House,
    Killed,
    Injured,
    Casualty,
    Thing,
    /// Not a count at all (durations, money, distances, weights, percentages,
    /// fractions, multipliers, clock words).
    NotCount,
}

/// Roles of context words (data/context.tsv), as bit flags.
pub(crate) mod role {
    pub const KILL_VERB: u16 = 1;
    pub const WOUND_VERB: u16 = 2;
    pub const KILLED: u16 = 4;
    pub const INJURED: u16 = 8;
    pub const AUX: u16 = 16;
    pub const ADVERB: u16 = 32;
    pub const STOP: u16 = 64;
    pub const DEATH_OF: u16 = 128;
}

/// All lists.
pub(crate) struct Lexicon {
    pub nouns: Map<NounClass>,
    /// Most words in a multi-word noun.
    pub noun_max_words: usize,
    /// First words of the multi-word nouns ("police" of "police officers").
    pub noun_starts: Set,
    pub designators: Set,
    /// Designators that count only when capitalised ("Camp 3").
    pub designators_capitalized: Set,
    pub months: Set,
    /// Qualifier phrases split into lowercase words.
    pub qualifiers: Vec<(Vec<String>, Qualifier)>,
    /// Last words of the qualifier phrases (a quick test before matching them).
    pub qualifier_ends: Set,
    pub context: Map<u16>,
    pub stopwords: Set,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn two_cols(data: &'static str, file: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let file = file.to_string();
    lines(data).map(move |l| {
        let mut it = l.split('\t');
        let a = it.next().unwrap_or_default().trim();
        let b = it
            .next()
            .unwrap_or_else(|| panic!("{file}: line without a tab: {l:?}"))
            .trim();
        (a, b)
    })
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut nouns = Map::default();
        let mut noun_max_words = 1;
        let mut noun_starts = Set::default();
        for (w, c) in two_cols(include_str!("../data/nouns.tsv"), "nouns.tsv") {
            let class = match c {
                "person" => NounClass::Person,
                "dependent" => NounClass::Dependent,
                "house" => NounClass::House,
                "killed" => NounClass::Killed,
                "injured" => NounClass::Injured,
                "casualty" => NounClass::Casualty,
                "thing" => NounClass::Thing,
                "duration" | "money" | "distance" | "weight" | "percent" | "fraction"
                | "multiplier" | "clock" => NounClass::NotCount,
                other => panic!("nouns.tsv: unknown class {other:?} for {w:?}"),
            };
            noun_max_words = noun_max_words.max(w.split(' ').count());
            if let Some((first, _)) = w.split_once(' ') {
                noun_starts.insert(first.to_ascii_lowercase());
            }
            nouns.insert(w.to_ascii_lowercase(), class);
        }
        let set = |d: &'static str| lines(d).map(|l| l.to_ascii_lowercase()).collect();
        let mut designators = Set::default();
        let mut designators_capitalized = Set::default();
        for l in lines(include_str!("../data/designators.txt")) {
            let mut cols = l.split('\t');
            let w = cols.next().unwrap_or_default().trim().to_ascii_lowercase();
            match cols.next().map(str::trim) {
                Some("capitalized") => designators_capitalized.insert(w),
                None | Some("") => designators.insert(w),
                Some(other) => panic!("designators.txt: unknown flag {other:?} for {w:?}"),
            };
        }
        let qualifiers: Vec<(Vec<String>, Qualifier)> =
            two_cols(include_str!("../data/qualifiers.tsv"), "qualifiers.tsv")
                .map(|(p, q)| {
                    let q: Qualifier = q.parse().unwrap_or_else(|e| panic!("qualifiers.tsv: {e}"));
                    (p.split(' ').map(str::to_string).collect(), q)
                })
                .collect();
        let qualifier_ends = qualifiers
            .iter()
            .filter_map(|(w, _): &(Vec<String>, Qualifier)| w.last().cloned())
            .collect();
        let mut context: Map<u16> = Map::default();
        for (w, r) in two_cols(include_str!("../data/context.tsv"), "context.tsv") {
            let bit = match r {
                "kill_verb" => role::KILL_VERB,
                "wound_verb" => role::WOUND_VERB,
                "killed" => role::KILLED,
                "injured" => role::INJURED,
                "aux" => role::AUX,
                "adverb" => role::ADVERB,
                "stop" => role::STOP,
                "death_of" => role::DEATH_OF,
                other => panic!("context.tsv: unknown role {other:?} for {w:?}"),
            };
            *context.entry(w.to_string()).or_default() |= bit;
        }
        Lexicon {
            nouns,
            noun_max_words,
            noun_starts,
            designators,
            designators_capitalized,
            months: set(include_str!("../data/months.txt")),
            qualifiers,
            qualifier_ends,
            context,
            stopwords: set(include_str!("../data/stopwords.txt")),
        }
    }

    /// Context roles of a lowercase word (0 if none).
    pub fn roles(&self, w: &str) -> u16 {
        self.context.get(w).copied().unwrap_or(0)
    }
}

/// The lexicon, parsed on first use.
pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let l = &*LEX;
        assert_eq!(l.nouns.get("family members"), Some(&NounClass::Dependent));
        assert_eq!(l.nouns.get("kyats"), Some(&NounClass::NotCount));
        assert!(l.designators.contains("battalion"));
        assert!(l.months.contains("december"));
        assert!(l.roles("killed") & role::KILL_VERB != 0);
        assert!(l.roles("killed") & role::KILLED != 0);
        assert!(l.noun_max_words >= 3);
    }
}
