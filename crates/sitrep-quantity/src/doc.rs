//! The document as tokens, with a lowercase copy for word comparisons.

use crate::token::{tokenize, Kind, Tok};

/// A document being read: its text, an ASCII-lowercased copy (same byte
/// offsets) and its tokens.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub low: String,
    pub toks: Vec<Tok>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &mut toks);
        Doc {
            text,
            low: text.to_ascii_lowercase(),
            toks,
        }
    }

    /// Lowercase text of token `j` ("" past the end).
    pub fn w(&self, j: usize) -> &str {
        self.toks.get(j).map_or("", |t| &self.low[t.s..t.e])
    }

    /// Text of token `j` as written ("" past the end).
    pub fn raw(&self, j: usize) -> &'a str {
        self.toks.get(j).map_or("", |t| &self.text[t.s..t.e])
    }

    pub fn kind(&self, j: usize) -> Option<Kind> {
        self.toks.get(j).map(|t| t.kind)
    }

    pub fn is_word(&self, j: usize) -> bool {
        self.kind(j) == Some(Kind::Word)
    }

    pub fn is_num(&self, j: usize) -> bool {
        self.kind(j) == Some(Kind::Num)
    }

    /// Token `j` exists and touches the token before it (no whitespace).
    pub fn attached(&self, j: usize) -> bool {
        self.toks.get(j).is_some_and(|t| !t.sp)
    }

    /// Token `j` starts a new line (or is past the end).
    pub fn new_line(&self, j: usize) -> bool {
        !matches!(self.toks.get(j), Some(t) if !t.nl)
    }

    /// Word starting with an uppercase letter.
    pub fn is_capitalized(&self, j: usize) -> bool {
        self.is_word(j) && self.raw(j).as_bytes()[0].is_ascii_uppercase()
    }

    /// A hyphen (ASCII or U+2010/U+2011).
    pub fn is_hyphen(&self, j: usize) -> bool {
        self.kind(j) == Some(Kind::Punct) && matches!(self.raw(j), "-" | "\u{2010}" | "\u{2011}")
    }

    /// A hyphen or an en/em dash.
    pub fn is_dash(&self, j: usize) -> bool {
        self.is_hyphen(j) || (self.kind(j) == Some(Kind::Punct) && matches!(self.raw(j), "–" | "—"))
    }

    /// Punctuation token equal to `p`.
    pub fn is_punct(&self, j: usize, p: &str) -> bool {
        self.kind(j) == Some(Kind::Punct) && self.raw(j) == p
    }

    /// Word token equal (lowercase) to `w`.
    pub fn word_is(&self, j: usize, w: &str) -> bool {
        self.is_word(j) && self.w(j) == w
    }
}
