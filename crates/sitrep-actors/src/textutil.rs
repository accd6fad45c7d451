//! Small helpers over byte offsets in UTF-8 text.

use sitrep_core::{Sentence, Span};

/// A letter or digit: what a word is made of.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The character starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// True when `[s, e)` starts and ends on word boundaries.
pub(crate) fn on_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let first = char_at(text, s);
    let last = char_before(text, e);
    let start_ok = match (char_before(text, s), first) {
        (Some(p), Some(f)) => !(is_word_char(p) && is_word_char(f)),
        _ => true,
    };
    let end_ok = match (last, char_at(text, e)) {
        (Some(l), Some(n)) => !(is_word_char(l) && is_word_char(n)),
        _ => true,
    };
    start_ok && end_ok
}

/// The words of `s` (split on whitespace, punctuation trimmed from both ends).
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

/// The previous word before byte `i` (skipping spaces), with its start.
pub(crate) fn prev_word(text: &str, i: usize) -> Option<(usize, &str)> {
    let before = text.get(..i)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.len() == before.len() && !before.is_empty() {
        // No space before i: the word is glued (e.g. punctuation).
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c) && c != '\'' && c != '’' && c != '-')
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let w = &trimmed[start..];
    (!w.is_empty()).then_some((start, w))
}

/// Sentence lookup by byte offset. Falls back to newline-separated paragraphs
/// when the caller has no sentences.
pub(crate) struct Sentences<'a> {
    pub spans: std::borrow::Cow<'a, [Sentence]>,
}

impl<'a> Sentences<'a> {
    pub fn new(text: &str, given: &'a [Sentence]) -> Self {
        if !given.is_empty() {
            return Sentences {
                spans: std::borrow::Cow::Borrowed(given),
            };
        }
        let mut spans = Vec::new();
        let mut start = 0;
        for (p, line) in text.split_inclusive('\n').enumerate() {
            let content = line.trim_end();
            if !content.trim().is_empty() {
                let lead = content.len() - content.trim_start().len();
                spans.push(Sentence {
                    span: Span(start + lead, start + content.len()),
                    paragraph: p,
                    is_title: false,
                });
            }
            start += line.len();
        }
        Sentences {
            spans: std::borrow::Cow::Owned(spans),
        }
    }

    /// Index of the sentence containing byte `pos` (or the last one starting before it).
    pub fn index_of(&self, pos: usize) -> usize {
        match self.spans.binary_search_by(|s| s.span.0.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// The span of sentence `i`, or the whole text when there are none.
    pub fn span(&self, i: usize, text_len: usize) -> Span {
        self.spans
            .get(i)
            .map(|s| s.span)
            .unwrap_or(Span(0, text_len))
    }

    pub fn paragraph(&self, i: usize) -> usize {
        self.spans.get(i).map(|s| s.paragraph).unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }
}

/// Word lists as one hash table: word -> the bit flags of the lists that have it.
pub(crate) struct Lexicon {
    slots: Vec<u32>,
    words: Vec<(&'static str, u32)>,
}

impl Lexicon {
    /// `lists`: (words, flag) pairs; a word may be in several lists.
    pub fn new(lists: &[(&[&'static str], u32)]) -> Self {
        let mut words: Vec<(&'static str, u32)> = Vec::new();
        for (list, flag) in lists {
            for w in list.iter() {
                match words.iter_mut().find(|(x, _)| x == w) {
                    Some((_, f)) => *f |= flag,
                    None => words.push((w, *flag)),
                }
            }
        }
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        for (k, (w, _)) in words.iter().enumerate() {
            let mut i = Self::hash(w) & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = k as u32 + 1;
        }
        Lexicon { slots, words }
    }

    #[inline]
    fn hash(w: &str) -> usize {
        let h = w.bytes().fold(w.len() as u64, |h, b| {
            (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
        });
        (h >> 32) as usize
    }

    /// The flags of `w` (as written: the lists are matched exactly).
    #[inline]
    pub fn flags(&self, w: &str) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(w) & mask;
        loop {
            match self.slots[i] {
                0 => return 0,
                k => {
                    let (x, f) = self.words[k as usize - 1];
                    if x == w {
                        return f;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Is `w` in one of the lists of `flags`?
    #[inline]
    pub fn has(&self, w: &str, flags: u32) -> bool {
        self.flags(w) & flags != 0
    }
}

// Case-insensitive tests against lower-case ASCII words, without allocating.
//
// Each is exactly `s.to_lowercase()` followed by the same test. Lower-casing maps an
// ASCII character to ASCII and a non-ASCII one to non-ASCII, except U+212A KELVIN
// SIGN (to "k") and U+0130 (to "i" and a combining dot, U+0307); a test is made on
// the bytes of `s`, ignoring ASCII case, when neither can change its outcome (`p`
// has no "k", and for prefixes and substrings does not end in "i"), and falls back
// to lower-casing otherwise (see the tests).

/// `s.to_lowercase() == p`, for a lower-case ASCII `p`.
pub(crate) fn lower_eq(s: &str, p: &str) -> bool {
    if !p.contains('k') || s.is_ascii() {
        s.eq_ignore_ascii_case(p)
    } else {
        s.to_lowercase() == p
    }
}

/// `s.to_lowercase().starts_with(p)`, for a lower-case ASCII `p`.
pub(crate) fn lower_starts_with(s: &str, p: &str) -> bool {
    if !(p.contains('k') || p.ends_with('i')) || s.is_ascii() {
        s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    } else {
        s.to_lowercase().starts_with(p)
    }
}

/// `s.to_lowercase().ends_with(p)`, for a lower-case ASCII `p`.
pub(crate) fn lower_ends_with(s: &str, p: &str) -> bool {
    if !p.contains('k') || s.is_ascii() {
        s.len() >= p.len() && s.as_bytes()[s.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
    } else {
        s.to_lowercase().ends_with(p)
    }
}

/// `s.to_lowercase().contains(p)`, for a lower-case ASCII `p`.
pub(crate) fn lower_contains(s: &str, p: &str) -> bool {
    if !(p.contains('k') || p.ends_with('i')) || s.is_ascii() {
        let (h, n) = (s.as_bytes(), p.as_bytes());
        let Some(&first) = n.first() else {
            return true;
        };
        h.len() >= n.len()
            && (0..=h.len() - n.len()).any(|i| {
                h[i].to_ascii_lowercase() == first && h[i..i + n.len()].eq_ignore_ascii_case(n)
            })
    } else {
        s.to_lowercase().contains(p)
    }
}

/// `s` without any number of trailing `suffix` (like `trim_end_matches`, without a
/// substring searcher).
pub(crate) fn trim_suffixes<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(t) = s.strip_suffix(suffix) {
        s = t;
    }
    s
}

/// The position of the last ", " in `s`.
pub(crate) fn rfind_comma_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(1))
        .rev()
        .find(|&i| b[i] == b',' && b[i + 1] == b' ')
}

/// `s.to_lowercase()` as a string, without allocating for short ASCII words.
pub(crate) fn lower(s: &str) -> Lower<'_> {
    let b = s.as_bytes();
    if !b.iter().any(|c| !c.is_ascii() || c.is_ascii_uppercase()) {
        return Lower::Same(s);
    }
    if b.is_ascii() && b.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        return Lower::Inline(buf, b.len() as u8);
    }
    Lower::Owned(s.to_lowercase())
}

const INLINE: usize = 31;

/// A lower-cased string (see [`lower`]).
pub(crate) enum Lower<'a> {
    Same(&'a str),
    Inline([u8; INLINE], u8),
    Owned(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Lower::Same(s) => s,
            Lower::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).expect("ASCII"),
            Lower::Owned(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_non_ascii_characters_lower_case_to_ascii() {
        let odd: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, ['\u{130}', '\u{212A}']);
        // No character lower-cases to or from white space.
        assert!((0..=0x10FFFF).filter_map(char::from_u32).all(|c| {
            let l: String = c.to_lowercase().collect();
            if c.is_whitespace() {
                l == c.to_string()
            } else {
                !l.contains(char::is_whitespace)
            }
        }));
        // And lower-casing never makes ASCII non-ASCII.
        assert!((0..0x80u8).all(|b| (b as char).to_lowercase().all(|l| l.is_ascii())));
    }

    #[test]
    fn suffixes_and_commas() {
        for t in [
            "",
            "a",
            "x’s",
            "x’s’s",
            "’s",
            "x's’s",
            "a, b, c",
            ", ",
            "a,b",
            "é, ",
            ",",
        ] {
            assert_eq!(trim_suffixes(t, "’s"), t.trim_end_matches("’s"));
            assert_eq!(trim_suffixes(t, "'s"), t.trim_end_matches("'s"));
            assert_eq!(rfind_comma_space(t), t.rfind(", "), "{t:?}");
        }
    }

    #[test]
    fn case_tests_are_those_of_lower_case() {
        let words = [
            "it", "its", "the", "kia", "said", "former ", "i", "hi", "ik", "k", "not true",
        ];
        let texts = [
            "It",
            "ITS",
            "the",
            "\u{212A}IA",
            "\u{212A}ia",
            "Kia",
            "İt",
            "İ",
            "hİ",
            "HI",
            "İk",
            "\u{212A}",
            "K",
            "Former officer",
            "FORMER ",
            "the group’s",
            "NOT TRUE",
            "nOt trUe!",
            "ſaid",
            "SAİD",
            "",
            "Σ",
            "ΣAID",
            "x İ y",
            "xi",
            "a \u{212A}ia b",
            "k",
        ];
        for s in texts {
            let l = s.to_lowercase();
            for p in words {
                assert_eq!(lower_eq(s, p), l == p, "{s:?} == {p:?}");
                assert_eq!(
                    lower_starts_with(s, p),
                    l.starts_with(p),
                    "{s:?} starts {p:?}"
                );
                assert_eq!(lower_ends_with(s, p), l.ends_with(p), "{s:?} ends {p:?}");
                assert_eq!(lower_contains(s, p), l.contains(p), "{s:?} contains {p:?}");
            }
            assert_eq!(&*lower(s), l);
        }
    }
}
