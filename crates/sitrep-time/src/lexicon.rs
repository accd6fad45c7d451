//! The word lists (`data/words.tsv`), the named anchors (`data/anchors.tsv`)
//! and the one automaton that finds candidate positions in a single pass.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use chrono::NaiveDate;

const WORDS_TSV: &str = include_str!("../data/words.tsv");
const ANCHORS_TSV: &str = include_str!("../data/anchors.tsv");

/// Function words that start or hold a time expression (grammar, not data).
const TRIGGER_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "this",
    "last",
    "next",
    "earlier",
    "later",
    "past",
    "ago",
    "following",
    "previous",
    "within",
    "the end of",
    "the start of",
    "the beginning of",
    "the middle of",
    "the turn of",
    "the same day",
    "the day before",
    "weekend",
];

/// What kind of candidate an automaton match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A month name or abbreviation.
    Month,
    /// A weekday name.
    Weekday,
    /// A relative word ("yesterday", "last", "earlier", "ago").
    Word,
    /// "19" or "20": a possible year or ISO date.
    Digits,
    /// A named anchor: index into [`Lexicon::anchors`].
    Anchor(usize),
}

/// When an anchor counts as a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorContext {
    /// A temporal word right before it ("since the coup").
    Prep,
    /// since/after/before at most three words before it ("since the military seized power").
    Near,
}

/// What an anchor stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorValue {
    /// A fixed date or range.
    Date {
        start: NaiveDate,
        end: Option<NaiveDate>,
    },
    /// A yearly date or range (month, day).
    Annual {
        start: (u32, u32),
        end: Option<(u32, u32)>,
    },
}

/// A named anchor from `data/anchors.tsv`.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The variant as written in the data file.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: String,
    pub value: AnchorValue,
    pub context: AnchorContext,
}

/// All word lists, compiled once.
pub struct Lexicon {
    pub ac: AhoCorasick,
    pub triggers: Vec<Trigger>,
    pub anchors: Vec<Anchor>,
    months: HashMap<String, u32>,
    month_abbr: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    numbers: HashMap<String, i64>,
    ordinals: HashMap<String, i64>,
    dayparts: HashSet<String>,
    /// Future cues, each as its lower-case words; `true` for strong cues
    /// ("will"), `false` for weak ones ("would").
    pub future: Vec<(Vec<String>, bool)>,
    count_nouns: HashSet<String>,
}

/// The lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::build().expect("embedded sitrep-time data files are valid"))
}

fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

impl Lexicon {
    fn build() -> Result<Lexicon, String> {
        let mut lx = Lexicon {
            ac: AhoCorasick::new(["x"]).map_err(|e| e.to_string())?,
            triggers: Vec::new(),
            anchors: Vec::new(),
            months: HashMap::new(),
            month_abbr: HashMap::new(),
            weekdays: HashMap::new(),
            numbers: HashMap::new(),
            ordinals: HashMap::new(),
            dayparts: HashSet::new(),
            future: Vec::new(),
            count_nouns: HashSet::new(),
        };
        let mut patterns: Vec<String> = Vec::new();
        for (i, line) in WORDS_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let kind = f.next().unwrap_or("");
            let word = f
                .next()
                .ok_or(format!("words.tsv line {}: no word", i + 1))?;
            let value = f.next().unwrap_or("");
            let num = || -> Result<i64, String> {
                value
                    .parse()
                    .map_err(|_| format!("words.tsv line {}: bad value `{value}`", i + 1))
            };
            match kind {
                "month" => {
                    lx.months.insert(word.into(), num()? as u32);
                    patterns.push(word.into());
                    lx.triggers.push(Trigger::Month);
                }
                "month_abbr" => {
                    lx.month_abbr.insert(word.into(), num()? as u32);
                    patterns.push(word.into());
                    lx.triggers.push(Trigger::Month);
                }
                "weekday" => {
                    lx.weekdays.insert(word.into(), num()? as u32);
                    patterns.push(word.into());
                    lx.triggers.push(Trigger::Weekday);
                }
                "number" => {
                    lx.numbers.insert(word.into(), num()?);
                }
                "ordinal" => {
                    lx.ordinals.insert(word.into(), num()?);
                }
                "daypart" => {
                    lx.dayparts.insert(word.into());
                }
                "future" => lx
                    .future
                    .push((word.split(' ').map(String::from).collect(), true)),
                "future_weak" => lx
                    .future
                    .push((word.split(' ').map(String::from).collect(), false)),
                "count_noun" => {
                    lx.count_nouns.insert(word.into());
                }
                other => return Err(format!("words.tsv line {}: unknown kind `{other}`", i + 1)),
            }
        }
        for w in TRIGGER_WORDS {
            patterns.push((*w).into());
            lx.triggers.push(Trigger::Word);
        }
        for d in ["19", "20"] {
            patterns.push(d.into());
            lx.triggers.push(Trigger::Digits);
        }
        for (i, line) in ANCHORS_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("anchors.tsv line {}: `{line}`", i + 1);
            if f.len() < 5 {
                return Err(bad());
            }
            let value = match f[1] {
                "date" => AnchorValue::Date {
                    start: f[2].parse().map_err(|_| bad())?,
                    end: if f[3].is_empty() {
                        None
                    } else {
                        Some(f[3].parse().map_err(|_| bad())?)
                    },
                },
                "annual" => AnchorValue::Annual {
                    start: parse_month_day(f[2]).ok_or_else(bad)?,
                    end: if f[3].is_empty() {
                        None
                    } else {
                        Some(parse_month_day(f[3]).ok_or_else(bad)?)
                    },
                },
                _ => return Err(bad()),
            };
            let context = match f[4] {
                "prep" => AnchorContext::Prep,
                "near" => AnchorContext::Near,
                _ => return Err(bad()),
            };
            patterns.push(f[0].to_string());
            lx.triggers.push(Trigger::Anchor(lx.anchors.len()));
            lx.anchors.push(Anchor {
                name: f[0].to_string(),
                value,
                context,
            });
        }
        lx.ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(lx)
    }

    /// Month number of a full month name (any case).
    pub fn month(&self, w: &str) -> Option<u32> {
        lookup(&self.months, w)
    }

    /// Month number of an abbreviation ("Dec", "Sept").
    pub fn month_abbr(&self, w: &str) -> Option<u32> {
        lookup(&self.month_abbr, w)
    }

    /// Weekday number, 1 = Monday.
    pub fn weekday(&self, w: &str) -> Option<u32> {
        lookup(&self.weekdays, w)
    }

    /// Value of a number word ("four") or of digits ("30").
    pub fn number(&self, w: &str) -> Option<i64> {
        if !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) {
            return w.parse().ok();
        }
        lookup(&self.numbers, w)
    }

    /// Value of an ordinal ("third", "3rd").
    pub fn ordinal(&self, w: &str) -> Option<i64> {
        let b = w.as_bytes();
        let nd = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if nd > 0 && nd <= 3 {
            let suffix = &w[nd..];
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|x| suffix.eq_ignore_ascii_case(x))
            {
                return w[..nd].parse().ok();
            }
            return None;
        }
        lookup(&self.ordinals, w)
    }

    /// "morning", "night", ….
    pub fn is_daypart(&self, w: &str) -> bool {
        contains(&self.dayparts, w)
    }

    /// Nouns that make a 4-digit number a count.
    pub fn is_count_noun(&self, w: &str) -> bool {
        contains(&self.count_nouns, w)
    }
}

fn lower(w: &str, buf: &mut [u8; 32]) -> Option<usize> {
    let b = w.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    Some(b.len())
}

fn lookup<V: Copy>(m: &HashMap<String, V>, w: &str) -> Option<V> {
    let mut buf = [0u8; 32];
    let n = lower(w, &mut buf)?;
    let k = std::str::from_utf8(&buf[..n]).ok()?;
    m.get(k).copied()
}

fn contains(m: &HashSet<String>, w: &str) -> bool {
    let mut buf = [0u8; 32];
    let Some(n) = lower(w, &mut buf) else {
        return false;
    };
    std::str::from_utf8(&buf[..n])
        .map(|k| m.contains(k))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let lx = lexicon();
        assert_eq!(lx.month("December"), Some(12));
        assert_eq!(lx.month_abbr("Sept"), Some(9));
        assert_eq!(lx.weekday("sunday"), Some(7));
        assert_eq!(lx.number("four"), Some(4));
        assert_eq!(lx.number("30"), Some(30));
        assert!(lx.is_daypart("Night"));
        assert!(lx.is_count_noun("soldiers"));
        assert!(lx.anchors.iter().any(|a| a.name == "Operation 1027"));
        assert_eq!(lx.triggers.len(), lx.ac.patterns_len());
    }
}
