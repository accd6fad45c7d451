//! Attribution: quotes and reported speech with their sources (issue 5).
//!
//! - Quotes: “…” and "…", including quotes that run over several sentences and
//!   paragraphs (a paragraph that opens with a quotation mark while the previous
//!   quote is still open continues it). The speaker comes from an introduction
//!   before the quote ("X said: “…”", "X told RFA, “…”") or an attribution after
//!   it ("“…,” X said.", "“…,” said X, who …"); pronouns and definite descriptions
//!   ("he said", "the officer said") take the source of the previous speaker.
//! - Reported speech per sentence: "according to X", a parenthetical
//!   "…, X said." (outermost), and leading "X said/claimed/denied (that) …".
//!   In "the junta said that the MNDAA had …" the outer speaker is the source;
//!   inner verbs are not attributions of their own.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use sitrep_core::{ActorKind, ActorMention, Attribution, AttributionKind, Quote, Sentence, Span};

use crate::data;
use crate::textutil::{
    lower, lower_contains, lower_ends_with, lower_eq, lower_starts_with, rfind_comma_space,
    trim_suffixes, words, Lexicon, Sentences,
};
use crate::Actors;

/// The verbs of saying, from `data/speech.tsv`.
pub(crate) struct Speech {
    /// The verbs (whole words of ASCII letters, as written), by length then bytes.
    verbs: Vec<Box<[u8]>>,
    /// `verbs` index range of each word length.
    by_len: Vec<(usize, usize)>,
    /// A bit per [`Speech::sketch`] of the verbs: most words are ruled out by one test.
    sketches: Vec<u64>,
    kinds: HashMap<String, AttributionKind>,
    /// Phrases that make reported speech a denial, matched ignoring ASCII case (which
    /// is lower-casing for them: no "k", none ends in "i"; see `textutil`).
    denial: AhoCorasick,
}

/// Phrases that make reported speech a denial ("said the reports were not true").
const DENIAL: &[&str] = &[
    "not true",
    "untrue",
    "was false",
    "were false",
    "baseless",
    "fabricated",
    "groundless",
    "no truth",
    "did not happen",
    "never happened",
];

/// A word byte of the regex crate's ASCII `\b`.
fn is_ascii_word(b: u8) -> bool {
    ASCII_WORD[b as usize]
}

/// [`is_ascii_word`] as a table.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

impl Speech {
    pub fn new() -> Self {
        let pairs = data::load_pairs(data::SPEECH_TSV, "speech.tsv");
        let mut kinds = HashMap::new();
        let mut verbs: Vec<Box<[u8]>> = Vec::new();
        for (w, k) in pairs {
            let kind = match k {
                "said" => AttributionKind::Said,
                "claimed" => AttributionKind::Claimed,
                "denied" => AttributionKind::Denied,
                other => panic!("speech.tsv: unknown kind `{other}`"),
            };
            assert!(
                !w.is_empty() && w.bytes().all(is_ascii_word),
                "speech.tsv: `{w}` is not one word"
            );
            kinds.insert(w.to_string(), kind);
            verbs.push(w.as_bytes().into());
        }
        verbs.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        verbs.dedup();
        let longest = verbs.iter().map(|v| v.len()).max().unwrap_or(0);
        let by_len = (0..=longest)
            .map(|n| {
                (
                    verbs.partition_point(|v| v.len() < n),
                    verbs.partition_point(|v| v.len() <= n),
                )
            })
            .collect();
        let mut sketches = vec![0u64; 1 << 10];
        for v in &verbs {
            let k = Self::sketch(v);
            sketches[k / 64] |= 1 << (k % 64);
        }
        assert!(DENIAL
            .iter()
            .all(|d| d.is_ascii() && !d.contains(['k', 'K']) && !d.ends_with(['i', 'I'])));
        let denial = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(DENIAL)
            .expect("denial phrases");
        Speech {
            verbs,
            by_len,
            sketches,
            kinds,
            denial,
        }
    }

    /// A 16-bit summary of a word: its first and last bytes and its length.
    #[inline]
    fn sketch(w: &[u8]) -> usize {
        (usize::from(w[0]) & 0x3F)
            | ((usize::from(w[w.len() - 1]) & 0x3F) << 6)
            | ((w.len() & 0xF) << 12)
    }

    fn kind(&self, verb: &str) -> Option<AttributionKind> {
        if verb
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return self.kinds.get(verb).copied();
        }
        self.kinds.get(&verb.to_lowercase()).copied()
    }

    fn is_verb(&self, w: &[u8]) -> bool {
        let k = Self::sketch(w);
        if self.sketches[k / 64] & (1 << (k % 64)) == 0 {
            return false;
        }
        self.by_len
            .get(w.len())
            .is_some_and(|&(a, z)| self.verbs[a..z].iter().any(|v| **v == *w))
    }

    /// Every verb of saying and "according to" in `text`, as the regex
    /// `(?-u)\b(?:[Aa]ccording\s+to|VERB|…)\b` finds them: whole words (runs of ASCII
    /// word bytes) that are verbs, in one pass.
    fn find<'t>(&self, text: &'t str) -> Vec<(Span, &'t str)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !is_ascii_word(b[i]) {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && is_ascii_word(b[i]) {
                i += 1;
            }
            let w = &b[s..i];
            if w == b"according" || w == b"According" {
                // `\s+to\b`, with the regex's ASCII `\s` (which has \v).
                let mut j = i;
                while j < b.len() && matches!(b[j], b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                    j += 1;
                }
                if j > i
                    && b[j..].starts_with(b"to")
                    && !matches!(b.get(j + 2), Some(&c) if is_ascii_word(c))
                {
                    out.push((Span(s, j + 2), &text[s..j + 2]));
                    i = j + 2;
                }
            } else if self.is_verb(w) {
                out.push((Span(s, i), &text[s..i]));
            }
        }
        out
    }
}

/// A quotation found in the text.
#[derive(Debug, Clone, Copy)]
struct QSpan {
    /// The opening mark.
    open: usize,
    /// The quoted text, without the marks.
    content: Span,
    /// Just after the closing mark (or the end of the content when unclosed).
    close: usize,
}

/// Who said something, as resolved.
#[derive(Debug, Clone)]
struct Speaker {
    /// Canonical actor or description: the `source` of an attribution.
    source: String,
    /// As the text describes them.
    description: String,
    span: Span,
    /// Head noun of the description ("officer" in "a KIA information officer").
    head: String,
}

/// Words that, around an actor's name, still make the actor the speaker
/// ("a KNDF spokesperson", "a member of the MPPN", "the military council's information team").
const REPRESENTATIVE: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "of",
    "for",
    "from",
    "s",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "spokespersons",
    "official",
    "officials",
    "officer",
    "officers",
    "statement",
    "statements",
    "source",
    "sources",
    "representative",
    "representatives",
    "leader",
    "leaders",
    "leadership",
    "commander",
    "commanders",
    "member",
    "members",
    "chief",
    "head",
    "information",
    "team",
    "office",
    "press",
    "release",
    "senior",
    "local",
    "unnamed",
    "anonymous",
    "deputy",
    "top",
    "high-ranking",
    "spokesmen",
    "group",
    "department",
    "unit",
    "channel",
    "announcement",
    "broadcaster",
    "television",
    "radio",
    "newspaper",
    "outlet",
    "mouthpiece",
    "said",
    "in",
    "a",
    "military",
    "junta",
    "and",
    "presidential",
    "ministry",
    "cabinet",
    "council",
    "committee",
    "wing",
    "armed",
    "political",
    "media",
    "public",
    "relations",
    "publicity",
];

/// Adverbs and auxiliaries between a subject and its verb ("The junta has also said").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "later",
    "earlier",
    "previously",
    "recently",
    "reportedly",
    "further",
    "then",
    "again",
    "separately",
    "publicly",
    "officially",
    "repeatedly",
    "already",
    "once",
    "first",
    "subsequently",
    "initially",
    "since",
    "quickly",
    "immediately",
    "yesterday",
    "today",
    "had",
    "swiftly",
    "strongly",
    "flatly",
    "firmly",
    "allegedly",
    "would",
    "will",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "only",
];

const NEGATIONS: &[&str] = &["not", "never", "n't", "didn’t", "didn't", "neither", "nor"];

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "week",
    "month",
    "year",
    "morning",
    "night",
    "evening",
    "afternoon",
    "weekend",
];

/// Finite verbs that show a stretch of text is a clause, not a subject.
const FINITE: &[&str] = &[
    "is", "was", "were", "are", "been", "be", "being", "has", "have", "had", "will", "would",
    "could", "can", "did", "does", "do", "should", "shall", "must",
];

/// Verbs of saying and thinking that never occur inside a subject.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "claimed",
    "claims",
    "denied",
    "denies",
    "rejected",
    "added",
    "reported",
    "announced",
    "confirmed",
    "stated",
    "warned",
    "alleged",
    "insisted",
    "dismissed",
    "estimated",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

// Flags of the word lists in [`lexicon`].
const NEG: u32 = 1;
const BETWEEN: u32 = 1 << 1;
const TIME: u32 = 1 << 2;
const SAY: u32 = 1 << 3;
const FIN: u32 = 1 << 4;
const REPR: u32 = 1 << 5;
/// Words that lead a time phrase ("on Tuesday", "last week").
const TIME_LEAD: u32 = 1 << 6;
/// Time leads that end the time phrase.
const TIME_LEAD_END: u32 = 1 << 7;
/// Words a subject cannot start with (a preposition or a gerund clause).
const NOT_FIRST: u32 = 1 << 8;
/// Words a subject cannot end with (determiners).
const NOT_LAST: u32 = 1 << 9;
/// Words that say nothing on their own ("the", "many").
const NO_CONTENT: u32 = 1 << 10;
/// Words after which a description's head noun is not looked for.
const HEAD_STOP: u32 = 1 << 11;
/// Objects of "told" in an attribution ("told RFA", "told our reporter").
const TOLD_OBJECT: u32 = 1 << 12;

/// The word lists of this module, lower case, as one table.
fn lexicon() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        Lexicon::new(&[
            (NEGATIONS, NEG),
            (BETWEEN_SUBJECT_AND_VERB, BETWEEN),
            (TIME_WORDS, TIME),
            (SAYING, SAY),
            (FINITE, FIN),
            (REPRESENTATIVE, REPR),
            (
                &[
                    "on", "in", "last", "this", "earlier", "late", "early", "next",
                ],
                TIME_LEAD,
            ),
            (&["on", "in", "last", "this", "earlier"], TIME_LEAD_END),
            (
                &[
                    "of", "to", "in", "on", "at", "from", "with", "by", "for", "that", "than",
                ],
                NOT_FIRST,
            ),
            (
                &[
                    "the", "a", "an", "its", "their", "this", "that", "his", "her", "our", "these",
                    "those",
                ],
                NOT_LAST,
            ),
            (
                &[
                    "the", "a", "an", "this", "that", "these", "those", "most", "many", "its",
                    "their", "his", "her",
                ],
                NO_CONTENT,
            ),
            (
                &[
                    "of",
                    "from",
                    "in",
                    "at",
                    "for",
                    "with",
                    "based",
                    "who",
                    "appointed",
                    "near",
                    "on",
                ],
                HEAD_STOP,
            ),
            (
                &[
                    "us",
                    "our",
                    "reporter",
                    "reporters",
                    "journalists",
                    "service",
                    "the",
                    "media",
                    "rfa",
                    "reuters",
                    "afp",
                    "ap",
                    "irrawaddy",
                    "frontier",
                    "myanmar",
                    "now",
                    "mizzima",
                    "dvb",
                    "bbc",
                    "voa",
                    "news",
                    "agency",
                    "a",
                    "local",
                    "press",
                    "conference",
                    "in",
                    "statement",
                    "him",
                    "her",
                    "them",
                ],
                TOLD_OBJECT,
            ),
        ])
    })
}

/// `s` ends with `w`, ignoring ASCII case.
fn ends_with_word(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.as_bytes()[s.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
}

/// "a claim residents rejected": the speaker follows a noun of claiming.
fn skip_claim_noun(text: &str, sub: Span) -> Span {
    let t = sub.slice(text);
    let mut ws = t.split_whitespace();
    let first = lower(ws.next().unwrap_or(""));
    let second = if ["a", "an", "the"].contains(&&*first) {
        lower(ws.next().unwrap_or(""))
    } else {
        first
    };
    let nouns = [
        "claim",
        "claims",
        "report",
        "reports",
        "allegation",
        "allegations",
        "account",
        "accusation",
        "accusations",
        "figure",
        "figures",
        "statement",
        "version",
    ];
    if !nouns.contains(&&*second) {
        return sub;
    }
    let Some(p) = t.to_lowercase().find(&*second) else {
        return sub;
    };
    let rest = trim_span(text, Span(sub.0 + p + second.len(), sub.1));
    if rest.is_empty() {
        sub
    } else {
        rest
    }
}

/// "according to" (the only multi-word entry of the verb regex).
fn is_according(w: &str) -> bool {
    w.len() > 9 && w.as_bytes()[..9].eq_ignore_ascii_case(b"according")
}

/// Words after which a verb of saying is not one ("did not say", "refused to comment").
fn negated(before: &str) -> bool {
    let mut tail = before.split_whitespace().rev().take(2).map(lower);
    let first = tail.next();
    let neg = |w: &str| lexicon().has(w, NEG) || w.ends_with("n't") || w.ends_with("n’t");
    first.as_deref().is_some_and(|w| neg(w) || w == "to") || tail.next().is_some_and(|w| neg(&w))
}

/// The first position from `i` of a `"`, a newline or the byte 0xE2 (which starts
/// “ and ”), or `b.len()`: eight bytes at a time.
fn next_quote_byte(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `x` equal to `c`; the lowest such bit is exact.
    let eq = |x: u64, c: u8| {
        let v = x ^ (u64::from(c) * LO);
        v.wrapping_sub(LO) & !v & HI
    };
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let m = eq(x, b'"') | eq(x, b'\n') | eq(x, 0xE2);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'"' | b'\n' | 0xE2) {
        i += 1;
    }
    i
}

/// Find quotations, merging quotes continued over paragraphs.
fn find_quotes(text: &str) -> Vec<QSpan> {
    let mut out = Vec::new();
    // (mark position, content start, straight quotes?)
    let mut open: Option<(usize, usize, bool)> = None;
    let mut i = 0;
    while i < text.len() {
        // Only “, ”, " and newlines matter (“ and ” start with 0xE2, which is never
        // inside a character): skip to the next such byte.
        i = next_quote_byte(text.as_bytes(), i);
        if i >= text.len() {
            break;
        }
        let c = text[i..].chars().next().expect("char");
        let n = c.len_utf8();
        match c {
            '“' => {
                if open.is_none() || open.is_some_and(|o| o.2) {
                    open = Some((i, i + n, false));
                } else {
                    // A second opening mark inside an open quote: the first was never closed.
                    open = Some((i, i + n, false));
                }
            }
            '”' => {
                if let Some((m, s, _)) = open.take() {
                    out.push(QSpan {
                        open: m,
                        content: Span(s, i),
                        close: i + n,
                    });
                }
            }
            '"' => match open {
                Some((m, s, true)) => {
                    out.push(QSpan {
                        open: m,
                        content: Span(s, i),
                        close: i + n,
                    });
                    open = None;
                }
                Some((_, _, false)) => {}
                None => {
                    // An opening straight quote begins a word; a closing one follows one.
                    let next = text[i + n..].chars().next();
                    if next.is_some_and(|c| !c.is_whitespace()) {
                        open = Some((i, i + n, true));
                    }
                }
            },
            '\n' => {
                if let Some((m, s, straight)) = open {
                    let rest = &text[i..];
                    let skip = rest.len() - rest.trim_start().len();
                    let next = rest.trim_start().chars().next();
                    let reopens = match next {
                        Some('“') => true,
                        Some('"') => straight,
                        _ => false,
                    };
                    if reopens {
                        // The quote continues in the next paragraph: skip the reopening mark.
                        let mark = next.expect("mark").len_utf8();
                        i += skip + mark;
                        continue;
                    }
                    let end = text[..i].trim_end().len().max(s);
                    out.push(QSpan {
                        open: m,
                        content: Span(s, end),
                        close: end,
                    });
                    open = None;
                }
            }
            _ => {}
        }
        i += n;
    }
    if let Some((m, s, _)) = open {
        let end = text.trim_end().len().max(s);
        out.push(QSpan {
            open: m,
            content: Span(s, end),
            close: end,
        });
    }
    out
}

/// A quotation that reads as speech rather than a quoted term ("fake news").
fn is_speech(content: &str) -> bool {
    let t = content.trim();
    words(t).nth(3).is_some() || t.ends_with([',', '.', '?', '!', '…'])
}

/// Extract the subject ending at `verb` in `text[lo..verb]`.
enum Subject {
    Found(Span),
    /// "… and has denied": the subject is that of the sentence.
    Elided,
    None,
}

fn trim_span(text: &str, s: Span) -> Span {
    let Some(t) = text.get(s.0..s.1) else {
        return Span(s.0.min(text.len()), s.0.min(text.len()));
    };
    // Whitespace, punctuation and quotation marks around a subject go; a closing
    // bracket or the period of an initial inside it stays.
    let lead_marks = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '—' | '–' | '-' | '(' | '[' | '\'' | '‘' | '’' | '"' | '“' | '”'
            )
    };
    let trail_marks = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '—' | '–' | '-' | '.' | '\'' | '‘' | '’' | '"' | '“' | '”'
            )
    };
    let t2 = t.trim_start_matches(lead_marks);
    let start = s.1 - t2.len();
    let t3 = t2.trim_end_matches(trail_marks);
    Span(start, start + t3.len())
}

fn last_word(s: &str) -> Option<(usize, &str)> {
    let t = s.trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    (start < t.len()).then(|| (start, &t[start..]))
}

/// Clause boundaries before a subject ("On Friday, the council said", "…, while X denied").
const CLAUSE_MARKS: &[&str] = &[
    ", ",
    "; ",
    ": ",
    " — ",
    " – ",
    "“",
    "”",
    "\"",
    " while ",
    " but ",
    " whereas ",
    " as ",
    " after ",
    " when ",
    " because ",
    " although ",
    " though ",
    " since ",
    " and that ",
];

/// Where the clause ending `region` starts: just after the last clause mark in it
/// (the largest end of any occurrence of a [`CLAUSE_MARKS`] entry), or 0. One backward
/// scan that stops at the first mark found.
fn clause_start(region: &str) -> usize {
    let b = region.as_bytes();
    for e in (1..=b.len()).rev() {
        let last = b[e - 1];
        // Every mark ends with a space, a straight quote or the last byte of a curly one.
        if !matches!(last, b' ' | b'"' | 0x9C | 0x9D) {
            continue;
        }
        let head = &b[..e];
        if CLAUSE_MARKS.iter().any(|m| head.ends_with(m.as_bytes())) {
            return e;
        }
    }
    0
}

fn extract_subject(text: &str, lo: usize, verb: usize) -> Subject {
    let mut end = verb;
    // Strip adverbs, auxiliaries and a time phrase between subject and verb.
    loop {
        let pre = &text[lo..end];
        let Some((ws, w)) = last_word(pre) else {
            return Subject::None;
        };
        if w.ends_with(',') {
            // The end of an appositive ("X, who defected in 2021, said"): handled below.
            break;
        }
        let lw = lower(w);
        let lw = &*lw;
        let flags = lexicon().flags(lw);
        if flags & NEG != 0 {
            return Subject::None;
        }
        if flags & BETWEEN != 0 {
            end = lo + ws;
            continue;
        }
        if flags & TIME != 0 || lw.chars().all(|c| c.is_ascii_digit()) && !lw.is_empty() {
            // "on Tuesday", "last week", "on December 3"
            let head = &text[lo..lo + ws];
            let mut cut = lo + ws;
            for _ in 0..2 {
                if let Some((ps, pw)) = last_word(&text[lo..cut]) {
                    let pl = lexicon().flags(&lower(pw));
                    if pl & (TIME_LEAD | TIME) != 0 {
                        cut = lo + ps;
                        if pl & TIME_LEAD_END != 0 {
                            break;
                        }
                        continue;
                    }
                }
                break;
            }
            if cut < lo + ws || head.is_empty() {
                end = cut;
                continue;
            }
        }
        if lw == "and" || lw == "but" {
            return Subject::Elided;
        }
        break;
    }
    let pre = text[lo..end].trim_end();
    end = lo + pre.len();
    // An appositive or relative clause between commas: "X, who defected in 2021, said".
    // A descriptive appositive ("Col. Naw Bu, the KIA spokesman, said") stays part of
    // the speaker: it often names the group they speak for.
    let mut appositive_end: Option<usize> = None;
    if let Some(inner) = pre.strip_suffix(',') {
        match inner.rfind(',') {
            Some(c) => {
                let seg = inner[c + 1..].trim_start();
                if ["a ", "an ", "the "]
                    .iter()
                    .any(|p| lower_starts_with(seg, p))
                {
                    appositive_end = Some(lo + inner.len());
                }
                let appositive = [
                    "who ", "which ", "whose ", "a ", "an ", "the ", "aged ", "himself", "herself",
                    "based ",
                ]
                .iter()
                .any(|p| lower_starts_with(seg, p))
                    // Lower-casing keeps digits and makes none.
                    || seg.starts_with(|ch: char| ch.is_ascii_digit());
                if !appositive {
                    return Subject::None;
                }
                end = lo + c;
            }
            None => return Subject::None,
        }
    }
    // Clause start.
    let region = &text[lo..end];
    let start = clause_start(region);
    let span = trim_span(text, Span(lo + start, end));
    if span.is_empty() {
        return Subject::None;
    }
    let full = appositive_end.map_or(span, |e| Span(span.0, e));
    let subj = span.slice(text);
    // Every test below rejects the subject, so they are made in one pass over its words.
    let mut n = 0;
    let mut content = false;
    let mut last_determiner = false;
    for w in words(subj) {
        let flags = lexicon().flags(&lower(w));
        n += 1;
        // A subject starts like a noun phrase: not with a preposition or a gerund clause.
        let bad_first = n == 1 && flags & NOT_FIRST != 0;
        // "… rejected the claim": a subject does not end with a determiner (the "verb"
        // was a noun) nor contain a verb of saying.
        if bad_first || flags & (SAY | FIN) != 0 || n > 14 {
            return Subject::None;
        }
        last_determiner = flags & NOT_LAST != 0;
        content |= flags & NO_CONTENT == 0;
    }
    if n == 0 || last_determiner || !content {
        return Subject::None;
    }
    Subject::Found(full)
}

/// Head noun of a description: the last word before a preposition or clause.
fn head_of(desc: &str) -> String {
    let mut head: Option<&str> = None;
    for w in words(desc) {
        if lexicon().has(&lower(w), HEAD_STOP) {
            break;
        }
        head = Some(w);
    }
    match head {
        Some(w) => trim_suffixes(trim_suffixes(&lower(w), "’s"), "'s").to_string(),
        None => String::new(),
    }
}

struct Ctx<'a> {
    text: &'a str,
    mentions: &'a [ActorMention],
    sents: Sentences<'a>,
    /// Speakers seen so far, in text order.
    history: Vec<Speaker>,
}

impl Ctx<'_> {
    fn mentions_in(&self, span: Span) -> Vec<&ActorMention> {
        let i = self.mentions.partition_point(|m| m.span.0 < span.0);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.span.0 < span.1)
            .filter(|m| span.contains(m.span))
            .collect()
    }

    /// The nearest organisation-like mention before `pos` within two sentences.
    fn org_before(&self, pos: usize) -> Option<&ActorMention> {
        let sent = self.sents.index_of(pos);
        let i = self.mentions.partition_point(|m| m.span.0 < pos);
        self.mentions[..i].iter().rev().find(|m| {
            self.sents.index_of(m.span.0) + 2 >= sent
                && !matches!(
                    m.kind,
                    ActorKind::Civilians | ActorKind::Person | ActorKind::MilitaryUnit
                )
                && !(m.generic
                    && m.canonical == "Myanmar Armed Forces"
                    && m.kind == ActorKind::StateForce
                    && is_plain_force(&m.name))
        })
    }

    /// Is `canonical` a person among the mentions?
    fn is_person(&self, canonical: &str) -> bool {
        self.mentions
            .iter()
            .any(|m| m.kind == ActorKind::Person && m.canonical == canonical)
    }

    /// Resolve a subject span to a speaker.
    fn speaker(&self, span: Span) -> Speaker {
        let text = self.text;
        let desc = span.slice(text);
        let head = head_of(desc);
        // Each way out builds at most one speaker: `head` moves into it.
        let mk = |source: String, head: String| Speaker {
            source,
            description: desc.to_string(),
            span,
            head,
        };
        let is_pronoun = |s: &str| PRONOUNS.iter().any(|p| lower_eq(s, p));
        // "The KNU's armed wing, the KNLA": an appositive that names a group speaks.
        if let Some(c) = rfind_comma_space(desc) {
            let tail = trim_span(text, Span(span.0 + c + 2, span.1));
            let pronoun = is_pronoun(tail.slice(text));
            if !tail.is_empty() && tail != span && !pronoun {
                let t = self.speaker(tail);
                if t.source != t.description && !self.is_person(&t.source) {
                    return mk(t.source, head);
                }
            }
        }
        // Pronouns: the previous speaker (for it/they also the nearest group).
        if is_pronoun(desc) {
            if let Some(prev) = self.history.last() {
                if self.sents.index_of(prev.span.0) + 6 >= self.sents.index_of(span.0) {
                    // The antecedent's description and span: "he" says nothing more.
                    return prev.clone();
                }
            }
            if lower_eq(desc, "it") || lower_eq(desc, "they") {
                if let Some(m) = self.org_before(span.0) {
                    return mk(m.canonical.clone(), head);
                }
            }
            return mk(desc.to_string(), head);
        }
        // "its statements": the group before.
        if lower_starts_with(desc, "its ") || lower_starts_with(desc, "their ") {
            if let Some(m) = self.org_before(span.0) {
                return mk(m.canonical.clone(), head);
            }
        }
        // The mentions inside the span (without collecting them).
        let from = self.mentions.partition_point(|m| m.span.0 < span.0);
        let inside = || {
            self.mentions[from..]
                .iter()
                .take_while(move |m| m.span.0 < span.1)
                .filter(move |m| span.contains(m.span))
        };
        let former = lower_contains(desc, "former ")
            || lower_contains(desc, "ex-")
            || lower_contains(desc, "retired ");
        // Generic references that found no antecedent say nothing about the speaker.
        let named = || {
            inside()
                .filter(|m| m.kind != ActorKind::Civilians)
                .filter(|m| !(m.generic && m.canonical == "Unidentified armed group"))
        };
        if named().next().is_some() {
            // Words left over when the names are taken out (and brackets with what is
            // in them: only built as a string when there are brackets).
            let bracket = |c: char| matches!(c, '(' | '[' | ')' | ']');
            let rest: Option<String> = desc.contains(bracket).then(|| {
                let mut rest = String::new();
                let mut at = span.0;
                for m in named() {
                    rest.push_str(&text[at..m.span.0]);
                    rest.push(' ');
                    at = m.span.1;
                }
                rest.push_str(&text[at..span.1]);
                without_brackets(&rest)
            });
            let pieces = || {
                let ends = named().map(|m| m.span.0).chain([span.1]);
                let starts = [span.0].into_iter().chain(named().map(|m| m.span.1));
                starts.zip(ends).flat_map(|(a, b)| words(&text[a..b]))
            };
            let rest_words = || -> Box<dyn Iterator<Item = &str> + '_> {
                match &rest {
                    Some(r) => Box::new(words(r)),
                    None => Box::new(pieces()),
                }
            };
            // Capitalised words left over are places or names ("in Magwe Region").
            let representative = rest_words().all(|w| {
                let l = lower(w);
                let l = trim_suffixes(trim_suffixes(&l, "’s"), "'s");
                lexicon().has(l, REPR) || l.is_empty() || w.starts_with(|c: char| c.is_uppercase())
            });
            let person = named().find(|m| m.kind == ActorKind::Person);
            // The organisation nearest the head noun ("The junta's police chief"), the
            // first of a joint statement ("The KNDF and the KA said"); a name before a
            // generic reference.
            let joint = rest_words().any(|w| w == "and");
            let orgs = || named().filter(|m| m.kind != ActorKind::Person);
            let proper = || orgs().filter(|m| !m.generic);
            let org = match (proper().next().is_some(), joint) {
                (true, true) => proper().next(),
                (true, false) => proper().last(),
                (false, true) => orgs().next(),
                (false, false) => orgs().last(),
            };
            // A description in apposition before the name: "rights group AAPP".
            if !former {
                if let Some(last) = named().last() {
                    let after_last = &text[last.span.1..span.1];
                    let nothing_after = if after_last.contains(bracket) {
                        words(&without_brackets(after_last)).next().is_none()
                    } else {
                        words(after_last).next().is_none()
                    };
                    let lead = text[span.0..last.span.0].trim_end();
                    let after_prep = AFTER_PREP.iter().any(|(p, sp, sp_the)| {
                        lower_eq(lead, p)
                            || lower_ends_with(lead, sp)
                            || lower_ends_with(lead, sp_the)
                    });
                    if last.kind != ActorKind::Person
                        && !last.generic
                        && orgs().count() == 1
                        && nothing_after
                        && !after_prep
                    {
                        return mk(last.canonical.clone(), head);
                    }
                }
            }
            if former {
                if let Some(p) = person {
                    return mk(p.canonical.clone(), head);
                }
            } else if representative {
                if let Some(o) = org {
                    return mk(o.canonical.clone(), head);
                }
                if let Some(p) = person {
                    return mk(p.canonical.clone(), head);
                }
            }
        }
        // "the officer", "the relative": a speaker described before.
        if lower_starts_with(desc, "the ") && !head.is_empty() {
            if let Some(prev) = self.history.iter().rev().find(|s| s.head == head) {
                let mut s = prev.clone();
                s.span = span;
                s.description = desc.to_string();
                return s;
            }
        }
        // A description: without its appositive ("one of the officers, a sergeant …"),
        // which stays in the description.
        match rfind_comma_space(desc) {
            Some(c) => mk(desc[..c].to_string(), head),
            None => mk(desc.to_string(), head),
        }
    }
}

/// Prepositions before a name that make it not the speaker ("a member of the KIA"):
/// (word, " word", " word the").
const AFTER_PREP: &[(&str, &str, &str)] = &[
    ("of", " of", " of the"),
    ("for", " for", " for the"),
    ("from", " from", " from the"),
    ("by", " by", " by the"),
    ("with", " with", " with the"),
    ("in", " in", " in the"),
    ("at", " at", " at the"),
    ("to", " to", " to the"),
    ("on", " on", " on the"),
];

/// Text with bracketed parts removed ("the National Unity Government (NUG)").
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// "troops", "soldiers": not a speaker for "it".
fn is_plain_force(name: &str) -> bool {
    ["troops", "soldiers", "soldier", "forces", "personnel"].contains(&&*lower(name))
}

/// Objects of "told" in an attribution: "told RFA", "told our reporter".
fn skip_told_object(text: &str, at: usize, limit: usize) -> usize {
    let rest = &text[at..limit];
    let mut end = at;
    let mut n = 0;
    for (i, w) in rest.split(' ').enumerate() {
        if i == 0 && w.is_empty() {
            continue;
        }
        let clean = w.trim_end_matches([',', '.', ';', ':']);
        let ok = lexicon().has(&lower(clean), TOLD_OBJECT)
            || clean.chars().all(|c| c.is_ascii_uppercase());
        if !ok || n >= 4 {
            break;
        }
        n += 1;
        end = at + rest[..].find(w).map_or(0, |p| p + clean.len());
        if clean.len() != w.len() {
            break;
        }
    }
    end
}

pub(crate) fn attributions(
    a: &Actors,
    text: &str,
    sentences: &[Sentence],
    mentions: &[ActorMention],
) -> (Vec<Attribution>, Vec<Quote>) {
    let speech = &a.speech;
    let mut sorted: Vec<ActorMention>;
    let mentions = if mentions.windows(2).all(|w| w[0].span.0 <= w[1].span.0) {
        mentions
    } else {
        sorted = mentions.to_vec();
        sorted.sort_by_key(|m| m.span);
        &sorted
    };
    let quotes = find_quotes(text);
    let verbs: Vec<(Span, &str)> = speech.find(text);
    let mut ctx = Ctx {
        text,
        mentions,
        sents: Sentences::new(text, sentences),
        // About one speaker per verb or quote.
        history: Vec::with_capacity(verbs.len() + quotes.len()),
    };
    let in_quote = |p: usize| quotes.iter().any(|q| q.content.0 <= p && p < q.content.1);
    let mut consumed: Vec<Span> = Vec::new();
    let mut atts: Vec<Attribution> = Vec::new();
    let mut out_quotes: Vec<Quote> = Vec::new();
    let mut qi = 0;
    // (index of the speaker in the history, paragraph of the quote's end)
    let mut last_quote_speaker: Option<(usize, usize)> = None;

    for si in 0..ctx.sents.len() {
        let s = ctx.sents.span(si, text.len());
        // Quotes opening in this sentence (or before it, not yet handled).
        while qi < quotes.len() && quotes[qi].open < s.1 {
            let q = quotes[qi];
            qi += 1;
            // Quoted terms ("terrorists", “fake news”) are not quotes: the sentence's
            // own attribution covers them.
            if !is_speech(q.content.slice(text)) {
                continue;
            }
            let (speaker, verb) = quote_speaker(&ctx, speech, &verbs, &q, &quotes);
            let speaker = match speaker {
                Some(sp) => Some(sp),
                None => {
                    // A new paragraph of quoted speech continues the previous speaker.
                    // So does another quote in the same paragraph.
                    let para = ctx.sents.paragraph(ctx.sents.index_of(q.open));
                    let starts_para = text[..q.open].trim_end_matches([' ', '\t']).ends_with('\n');
                    last_quote_speaker
                        .filter(|&(_, p)| p == para || starts_para && p + 1 == para)
                        .map(|(k, _)| ctx.history[k].clone())
                }
            };
            if let Some((v, _)) = verb {
                consumed.push(v);
            }
            let quote = Quote {
                speaker: speaker.as_ref().map(|sp| sp.source.clone()),
                speaker_description: speaker.as_ref().map(|sp| sp.description.clone()),
                speaker_span: speaker.as_ref().map(|sp| sp.span),
                span: q.content,
            };
            if let Some(sp) = speaker {
                let kind = verb.map_or(AttributionKind::Said, |(_, k)| k);
                atts.push(Attribution {
                    scope: q.content,
                    source: sp.source.clone(),
                    source_span: sp.span,
                    kind,
                });
                ctx.history.push(sp);
                let end_para = ctx
                    .sents
                    .paragraph(ctx.sents.index_of(q.content.1.saturating_sub(1)));
                // The speaker is the last of the history.
                last_quote_speaker = Some((ctx.history.len() - 1, end_para));
            }
            out_quotes.push(quote);
        }
        sentence_attributions(&mut ctx, speech, &verbs, s, &in_quote, &consumed, &mut atts);
    }
    atts.sort_by_key(|a| (a.scope.0, a.scope.1));
    (atts, out_quotes)
}

/// The speaker of a quote: an introduction before it or an attribution after it.
fn quote_speaker(
    ctx: &Ctx,
    speech: &Speech,
    verbs: &[(Span, &str)],
    q: &QSpan,
    quotes: &[QSpan],
) -> (Option<Speaker>, Option<(Span, AttributionKind)>) {
    let text = ctx.text;
    let si = ctx.sents.index_of(q.open);
    let s = ctx.sents.span(si, text.len());
    // Where the text before the quote starts: the sentence, or the end of an earlier quote in it.
    let lo = quotes
        .iter()
        .filter(|o| o.close <= q.open && o.close > s.0)
        .map(|o| o.close)
        .max()
        .unwrap_or(s.0)
        .min(q.open);
    // Before: "X said: “…”", "X told RFA, “…”".
    let pre = &text[lo..q.open];
    let pre_t = pre.trim_end();
    if pre_t.ends_with([':', ',']) || ends_with_word(pre_t, "said") || ends_with_word(pre_t, "that")
    {
        // The verbs are in text order and do not overlap.
        let upto = verbs.partition_point(|(v, _)| v.1 <= q.open);
        if let Some(&(v, w)) = verbs[..upto]
            .iter()
            .rev()
            .take_while(|(v, _)| v.0 >= lo)
            .find(|(_, w)| !is_according(w))
        {
            let gap = text[v.1..lo + pre_t.len()]
                .trim_end_matches([':', ','])
                .trim();
            let gap_words = words(gap).take(6).count();
            if gap_words <= 5 && !gap.contains(',') && !gap.contains('.') {
                if let Subject::Found(sub) = extract_subject(text, lo, v.0) {
                    let kind = speech.kind(w).unwrap_or(AttributionKind::Said);
                    return (Some(ctx.speaker(sub)), Some((v, kind)));
                }
            }
        }
    }
    // After: "“…,” X said." / "“…,” said X, who …".
    let line_end = text[q.close..]
        .find('\n')
        .map_or(text.len(), |p| q.close + p);
    let seg_end = text[q.close..line_end]
        .find(['.', '“', '"', '?', '!', ';'])
        .map_or(line_end, |p| q.close + p);
    let seg_start = q.close
        + (text[q.close..seg_end].len()
            - text[q.close..seg_end].trim_start_matches([' ', ',']).len());
    let seg = &text[seg_start..seg_end];
    if seg.is_empty() {
        return (None, None);
    }
    let first = verbs.partition_point(|(v, _)| v.0 < seg_start);
    let Some(&(v, w)) = verbs[first..]
        .iter()
        .find(|(v, w)| v.1 <= seg_end && !is_according(w))
    else {
        return (None, None);
    };
    let kind = speech.kind(w).unwrap_or(AttributionKind::Said);
    if v.0 == seg_start {
        // Inverted: "said a Rakhine political analyst based in Yangon, who …".
        let rest_end = text[v.1..seg_end].find(',').map_or(seg_end, |p| v.1 + p);
        let sub = trim_span(text, Span(v.1, rest_end));
        if sub.is_empty() || words(sub.slice(text)).nth(14).is_some() {
            return (None, None);
        }
        return (Some(ctx.speaker(sub)), Some((v, kind)));
    }
    // Normal: "the officer said", "a villager told our service".
    let sub = trim_span(text, Span(seg_start, v.0));
    let n = words(sub.slice(text)).take(25).count();
    let tail_end = skip_told_object(text, v.1, seg_end);
    let tail = text[tail_end..seg_end].trim();
    if n == 0 || n > 24 || words(tail).nth(8).is_some() {
        return (None, None);
    }
    if let Subject::Found(sub) = extract_subject(text, seg_start, v.0) {
        return (Some(ctx.speaker(sub)), Some((v, kind)));
    }
    (None, None)
}

/// Reported speech in one sentence.
fn sentence_attributions(
    ctx: &mut Ctx,
    speech: &Speech,
    verbs: &[(Span, &str)],
    s: Span,
    in_quote: &dyn Fn(usize) -> bool,
    consumed: &[Span],
    atts: &mut Vec<Attribution>,
) {
    let text = ctx.text;
    // The verbs are in text order and do not overlap.
    let first = verbs.partition_point(|(v, _)| v.0 < s.0);
    let here: Vec<(Span, &str)> = verbs[first..]
        .iter()
        .take_while(|(v, _)| v.0 < s.1)
        .filter(|(v, _)| v.1 <= s.1 && !in_quote(v.0) && !consumed.contains(v))
        .copied()
        .collect();
    if here.is_empty() {
        return;
    }
    let mut outer = false;
    // 1. "according to X".
    for &(v, w) in &here {
        if !is_according(w) {
            continue;
        }
        let after = &text[v.1..s.1];
        // Where the first of these marks starts.
        let marks = [
            ",", ".", ";", ":", "\n", " who ", " which ", "(", "“", "\"", " that ",
        ];
        let stop = (0..after.len())
            .find(|&p| {
                marks
                    .iter()
                    .any(|m| after.as_bytes()[p..].starts_with(m.as_bytes()))
            })
            .unwrap_or(after.len());
        let sub = trim_span(text, Span(v.1, v.1 + stop));
        if sub.is_empty() || words(sub.slice(text)).nth(14).is_some() {
            continue;
        }
        let sp = ctx.speaker(sub);
        atts.push(Attribution {
            scope: s,
            source: sp.source.clone(),
            source_span: sp.span,
            kind: AttributionKind::AccordingTo,
        });
        ctx.history.push(sp);
        outer = true;
    }
    // 2. Parenthetical "…, X said." and inverted "…, said X.".
    for &(v, w) in &here {
        if is_according(w) {
            continue;
        }
        let kind = speech.kind(w).unwrap_or(AttributionKind::Said);
        let after_obj = skip_told_object(text, v.1, s.1);
        let next = text[after_obj..s.1].trim_start().chars().next();
        let before = &text[s.0..v.0];
        let prev_boundary = before
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, ',' | '”' | '"' | ';'))
            .map(|(p, c)| s.0 + p + c.len_utf8());
        if matches!(next, None | Some(',' | '.' | ';' | '—' | '–' | '?' | '!')) {
            if let Some(b) = prev_boundary {
                if let Subject::Found(sub) = extract_subject(text, b, v.0) {
                    let sub = skip_claim_noun(text, sub);
                    let sp = ctx.speaker(sub);
                    let kind = reported_kind(speech, text, kind, v, s);
                    atts.push(Attribution {
                        scope: s,
                        source: sp.source.clone(),
                        source_span: sp.span,
                        kind,
                    });
                    ctx.history.push(sp);
                    outer = true;
                    continue;
                }
            }
        }
        // Inverted: ", said a local administrator appointed by the NUG." — unless the
        // comma closes an appositive of a leading subject ("X, the KIA spokesman, said").
        let leading = || matches!(extract_subject(text, s.0, v.0), Subject::Found(_));
        if before.trim_end().ends_with(',') && w.eq_ignore_ascii_case("said") && !leading() {
            let after = &text[v.1..s.1];
            let stop = after.find([',', '.', ';']).unwrap_or(after.len());
            let sub = trim_span(text, Span(v.1, v.1 + stop));
            let n = words(sub.slice(text)).take(15).count();
            // "X, the KIA spokesman, said the KIO would …" is not inverted.
            let clause = words(sub.slice(text))
                .any(|w| lexicon().has(&lower(w), FIN) || lexicon().has(w, SAY));
            if n > 0 && n <= 14 && !clause {
                let sp = ctx.speaker(sub);
                atts.push(Attribution {
                    scope: s,
                    source: sp.source.clone(),
                    source_span: sp.span,
                    kind,
                });
                ctx.history.push(sp);
                outer = true;
            }
        }
    }
    if outer {
        return;
    }
    // 3. Leading "X said (that) …": the first one is the outer speaker; later verbs are
    // nested unless a new clause ("…, while X denied …") starts.
    let mut open: Option<usize> = None; // index into atts of the current leading attribution
    for &(v, w) in &here {
        if is_according(w) {
            continue;
        }
        if negated(&text[s.0..v.0]) {
            continue;
        }
        let kind = speech.kind(w).unwrap_or(AttributionKind::Said);
        let sub = match extract_subject(text, s.0, v.0) {
            Subject::Found(sub) => sub,
            Subject::Elided => {
                // The subject of the sentence: an actor named at its start.
                let first = ctx
                    .mentions_in(Span(s.0, v.0))
                    .into_iter()
                    .find(|m| words(&text[s.0..m.span.0]).nth(2).is_none());
                match first {
                    Some(m) => m.span,
                    None => continue,
                }
            }
            Subject::None => continue,
        };
        if let Some(ix) = open {
            // Nested unless a new clause begins before the subject.
            let between = text.get(atts[ix].source_span.1..sub.0).unwrap_or("");
            let new_clause = [
                ", while ",
                ", but ",
                ", whereas ",
                "; ",
                " while ",
                ", and ",
            ]
            .iter()
            .any(|m| between.contains(m));
            if !new_clause {
                continue;
            }
            let cut = [
                ", while ",
                ", but ",
                ", whereas ",
                "; ",
                " while ",
                ", and ",
            ]
            .iter()
            .filter_map(|m| between.rfind(m))
            .max()
            .map_or(sub.0, |p| atts[ix].source_span.1 + p);
            atts[ix].scope.1 = cut;
        }
        let sp = ctx.speaker(sub);
        let scope = if open.is_some() { Span(sub.0, s.1) } else { s };
        let kind = reported_kind(speech, text, kind, v, scope);
        atts.push(Attribution {
            scope,
            source: sp.source.clone(),
            source_span: sp.span,
            kind,
        });
        ctx.history.push(sp);
        open = Some(atts.len() - 1);
    }
}

/// Refine the kind of reported speech: "says it has …" is a claim; "said … was not
/// true" a denial.
fn reported_kind(
    speech: &Speech,
    text: &str,
    kind: AttributionKind,
    verb: Span,
    scope: Span,
) -> AttributionKind {
    if kind != AttributionKind::Said {
        return kind;
    }
    // Tests on the lower-cased text, made on the text itself: lower-casing keeps the
    // words (no character lower-cases to or from white space) and the tests are those
    // of `lower_eq`, `lower_contains` and `lower`.
    let after = &text[verb.1..scope.1];
    // The first word of the reported clause: after "that" when it comes within a few
    // words ("said on Sunday that its troops …"), else the word right after the verb.
    let mut ws: [&str; 8] = [""; 8];
    let mut n = 0;
    for w in after.split_whitespace().take(8) {
        ws[n] = w;
        n += 1;
    }
    let ws = &ws[..n];
    let first = match ws.iter().position(|w| lower_eq(w, "that")) {
        Some(p) => ws.get(p + 1).copied().unwrap_or(""),
        None => ws.first().copied().unwrap_or(""),
    };
    if speech.denial.is_match(after) {
        return AttributionKind::Denied;
    }
    let verb_word = &text[verb.0..verb.1];
    if ["says", "said", "say"]
        .iter()
        .any(|v| lower_eq(verb_word, v))
        && ["it", "its", "it’s", "it's", "we", "our"].contains(&&*lower(first))
    {
        return AttributionKind::Claimed;
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_bytes() {
        let t = "abcdefghij\u{201c}klmnopqrstuvwxyz\"0123456789\nABCDEFGH\u{2019}x";
        let b = t.as_bytes();
        let mut want = Vec::new();
        let mut got = Vec::new();
        for i in 0..=b.len() {
            want.push(
                (i..b.len())
                    .find(|&j| matches!(b[j], b'"' | b'\n' | 0xE2))
                    .unwrap_or(b.len()),
            );
            got.push(next_quote_byte(b, i));
        }
        assert_eq!(got, want);
    }

    #[test]
    fn quotes_across_paragraphs_are_one() {
        let t = "He said: “First part.\n“Second part.” Then more.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].content.slice(t), "First part.\n“Second part.");
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let t = "She said: “No closing mark here.\nNext paragraph.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].content.slice(t), "No closing mark here.");
    }

    #[test]
    fn straight_quotes() {
        let t = r#""We held the town," he said. "It fell.""#;
        let q = find_quotes(t);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].content.slice(t), "We held the town,");
        assert_eq!(q[1].content.slice(t), "It fell.");
    }

    #[test]
    fn verbs_are_those_of_the_regex() {
        let speech = Speech::new();
        let mut words: Vec<String> = speech
            .verbs
            .iter()
            .map(|v| String::from_utf8(v.to_vec()).unwrap())
            .collect();
        words.sort_by_key(|x| std::cmp::Reverse(x.len()));
        let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let re = regex::Regex::new(&format!(
            r"(?-u)\b(?:[Aa]ccording\s+to|{})\b",
            alts.join("|")
        ))
        .unwrap();
        let texts = [
            "He said, she says; they told us. According to him, according\tto her, according\x0bto it.",
            "according to_x, According  tox, accordingto, ACCORDING TO, according\n\nto",
            "said_ _said saidé ésaid 3said said3 (said) “said” said-said unsaid saidsaid",
            "The junta denied, rejected, refuted and dismissed it; claims, claim, claimed.",
            "",
            "according",
            "according ",
            "according to",
        ];
        for t in texts {
            let want: Vec<(Span, &str)> = re
                .find_iter(t)
                .map(|m| (Span(m.start(), m.end()), m.as_str()))
                .collect();
            assert_eq!(speech.find(t), want, "{t:?}");
        }
    }

    #[test]
    fn clause_start_is_the_end_of_the_last_mark() {
        let naive = |r: &str| {
            CLAUSE_MARKS
                .iter()
                .filter_map(|m| r.rfind(m).map(|p| p + m.len()))
                .max()
                .unwrap_or(0)
        };
        for r in [
            "",
            "the council",
            "On Friday, the council",
            "He left “early” and then the group",
            "X — the officer, while the team",
            "a, b; c: d \"e\" f as g since h and that the army",
            "ends with a mark, ",
            "“",
            "– dash–no space – here",
        ] {
            assert_eq!(clause_start(r), naive(r), "{r:?}");
        }
    }

    #[test]
    fn subjects() {
        let t = "On Friday, the military council announced that";
        let v = t.find("announced").unwrap();
        match extract_subject(t, 0, v) {
            Subject::Found(s) => assert_eq!(s.slice(t), "the military council"),
            _ => panic!("no subject"),
        }
        let t = "Former captain Htet Myat, who defected in 2021, said";
        let v = t.find("said").unwrap();
        match extract_subject(t, 0, v) {
            Subject::Found(s) => assert_eq!(s.slice(t), "Former captain Htet Myat"),
            _ => panic!("no subject"),
        }
        let t = "The junta does not publish figures and has denied";
        let v = t.find("denied").unwrap();
        assert!(matches!(extract_subject(t, 0, v), Subject::Elided));
        let t = "The statement did not say";
        let v = t.find("say").unwrap();
        assert!(matches!(extract_subject(t, 0, v), Subject::None));
    }
}
