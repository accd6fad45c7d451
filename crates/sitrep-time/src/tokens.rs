//! A tiny on-demand tokenizer: the recogniser only looks at a few tokens
//! around each candidate, so tokens are read lazily from byte offsets.

/// One token: a run of ASCII letters and digits, or one other character.
/// Spaces and tabs separate tokens; a newline is a token of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// True for the bytes that make up word tokens.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Length of the UTF-8 character starting with byte `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Byte view of the text with token helpers.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    pub s: &'a str,
    pub b: &'a [u8],
}

impl<'a> Text<'a> {
    pub fn new(s: &'a str) -> Self {
        Text { s, b: s.as_bytes() }
    }

    /// The token starting at or after `p` (after spaces).
    pub fn next(&self, mut p: usize) -> Option<Tok> {
        let b = self.b;
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        // U+00A0 no-break space.
        while p + 1 < b.len() && b[p] == 0xC2 && b[p + 1] == 0xA0 {
            p += 2;
            while p < b.len() && is_space(b[p]) {
                p += 1;
            }
        }
        if p >= b.len() {
            return None;
        }
        let s = p;
        if is_word_byte(b[p]) {
            while p < b.len() && is_word_byte(b[p]) {
                p += 1;
            }
        } else {
            p = (p + char_len(b[p])).min(b.len());
        }
        Some(Tok { s, e: p })
    }

    /// The token ending at or before `p` (before spaces).
    pub fn prev(&self, mut p: usize) -> Option<Tok> {
        let b = self.b;
        loop {
            while p > 0 && is_space(b[p - 1]) {
                p -= 1;
            }
            if p >= 2 && b[p - 2] == 0xC2 && b[p - 1] == 0xA0 {
                p -= 2;
                continue;
            }
            break;
        }
        if p == 0 {
            return None;
        }
        let e = p;
        if is_word_byte(b[p - 1]) {
            while p > 0 && is_word_byte(b[p - 1]) {
                p -= 1;
            }
        } else {
            p -= 1;
            while p > 0 && (b[p] & 0xC0) == 0x80 {
                p -= 1;
            }
        }
        Some(Tok { s: p, e })
    }

    /// The token's text.
    pub fn str(&self, t: Tok) -> &'a str {
        &self.s[t.s..t.e]
    }

    /// Case-insensitive comparison with an ASCII word.
    pub fn is(&self, t: Tok, w: &str) -> bool {
        self.b[t.s..t.e].eq_ignore_ascii_case(w.as_bytes())
    }

    /// Case-insensitive comparison with any of the words.
    pub fn is_any(&self, t: Tok, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(t, w))
    }

    /// True when the token is a word (letters or digits).
    pub fn is_word(&self, t: Tok) -> bool {
        is_word_byte(self.b[t.s])
    }

    /// True when the word starts with an upper-case ASCII letter.
    pub fn is_capitalised(&self, t: Tok) -> bool {
        self.b[t.s].is_ascii_uppercase()
    }

    /// True when the token is all digits.
    pub fn is_digits(&self, t: Tok) -> bool {
        self.b[t.s..t.e].iter().all(u8::is_ascii_digit)
    }

    /// The integer value of an all-digit token (up to 9 digits).
    pub fn digits_value(&self, t: Tok) -> Option<i64> {
        if t.e - t.s > 9 || !self.is_digits(t) {
            return None;
        }
        self.str(t).parse().ok()
    }

    /// A day of month written as `3`, `03`, `3rd`, `21st`: its value 1..=31.
    pub fn day_value(&self, t: Tok) -> Option<u32> {
        let s = &self.b[t.s..t.e];
        let nd = s.iter().take_while(|c| c.is_ascii_digit()).count();
        if nd == 0 || nd > 2 {
            return None;
        }
        let rest = &s[nd..];
        if !(rest.is_empty()
            || [&b"st"[..], b"nd", b"rd", b"th"]
                .iter()
                .any(|x| rest.eq_ignore_ascii_case(x)))
        {
            return None;
        }
        let v: u32 = std::str::from_utf8(&s[..nd]).ok()?.parse().ok()?;
        (1..=31).contains(&v).then_some(v)
    }

    /// A year written as four digits, 1900..=2099.
    pub fn year_value(&self, t: Tok) -> Option<i32> {
        if t.e - t.s != 4 || !self.is_digits(t) {
            return None;
        }
        let v: i32 = self.str(t).parse().ok()?;
        (1900..=2099).contains(&v).then_some(v)
    }

    /// True for tokens that end a clause: punctuation other than hyphens,
    /// apostrophes and periods of abbreviations; and newlines.
    pub fn is_clause_break(&self, t: Tok) -> bool {
        let s = self.str(t);
        matches!(
            s,
            "," | ";"
                | ":"
                | "."
                | "!"
                | "?"
                | "("
                | ")"
                | "\""
                | "\n"
                | "“"
                | "”"
                | "["
                | "]"
                | "—"
        )
    }

    /// True when the byte before `p` and the byte at `p` are not both word bytes.
    pub fn boundary(&self, p: usize) -> bool {
        p == 0 || p >= self.b.len() || !(is_word_byte(self.b[p - 1]) && is_word_byte(self.b[p]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_forward_and_back() {
        let t = Text::new("On Tuesday’s  strike, Dec. 3rd\nx");
        let mut toks = Vec::new();
        let mut p = 0;
        while let Some(k) = t.next(p) {
            toks.push(k);
            p = k.e;
        }
        let words: Vec<&str> = toks.iter().map(|k| t.str(*k)).collect();
        assert_eq!(
            words,
            ["On", "Tuesday", "’", "s", "strike", ",", "Dec", ".", "3rd", "\n", "x"]
        );
        // Walking back gives the same tokens.
        let mut back = Vec::new();
        let mut q = t.s.len();
        while let Some(k) = t.prev(q) {
            back.push(k);
            q = k.s;
        }
        back.reverse();
        assert_eq!(back, toks);
        assert_eq!(t.day_value(toks[8]), Some(3));
        assert!(t.is_clause_break(toks[9]));
        assert!(t.is_capitalised(toks[1]));
        assert_eq!(t.year_value(toks[8]), None);
    }
}
