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
pub(crate) struct Sentences {
    pub spans: Vec<Sentence>,
}

impl Sentences {
    pub fn new(text: &str, given: &[Sentence]) -> Self {
        if !given.is_empty() {
            return Sentences {
                spans: given.to_vec(),
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
        Sentences { spans }
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
