//! A light tokenizer: words, numbers and punctuation with byte offsets.
//!
//! One pass over the bytes; everything else in the crate works on these
//! tokens so that context rules ("killing at least 17 civilians") look at a
//! few neighbouring tokens instead of re-scanning text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of ASCII letters.
    Word,
    /// Digits (ASCII or Burmese U+1040–U+1049) with inner `,`/`.` between digits.
    Num,
    /// One punctuation character (ASCII or from the General Punctuation block).
    Punct,
    /// A run of other non-ASCII characters (Burmese script, accented words).
    Other,
}

/// A token: `[s, e)` byte offsets, its kind, and whether whitespace came before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// Whitespace (or the start of the text) precedes the token.
    pub sp: bool,
    /// A line break precedes the token (a new line, paragraph or title).
    pub nl: bool,
}

/// Burmese digit value of `c`, if it is one.
pub(crate) fn burmese_digit(c: char) -> Option<u32> {
    let v = c as u32;
    (0x1040..=0x1049).contains(&v).then(|| v - 0x1040)
}

fn is_punct_char(c: char) -> bool {
    matches!(c as u32, 0x2010..=0x205E | 0x00A1..=0x00BF | 0x3000..=0x303F | 0xFF01..=0xFF0F)
        || c == '\u{00D7}'
}

/// Splits `text` into tokens, appending to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut sp = true;
    let mut nl = true;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            sp = true;
            nl |= c == b'\n' || c == b'\r';
            i += 1;
            continue;
        }
        let s = i;
        let kind;
        if c.is_ascii_alphabetic() {
            i += 1;
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = Kind::Word;
        } else if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < n && (b[i] == b',' || b[i] == b'.') && b[i + 1].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                break;
            }
            kind = Kind::Num;
        } else if c < 0x80 {
            i += 1;
            kind = Kind::Punct;
        } else {
            let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let l = ch.len_utf8();
            if ch.is_whitespace() {
                sp = true;
                i += l;
                continue;
            }
            if burmese_digit(ch).is_some() {
                i += l;
                loop {
                    let rest = &text[i..];
                    let mut it = rest.chars();
                    match it.next() {
                        Some(d) if burmese_digit(d).is_some() => i += d.len_utf8(),
                        Some(sep @ (',' | '.')) if it.next().and_then(burmese_digit).is_some() => {
                            i += sep.len_utf8()
                        }
                        _ => break,
                    }
                }
                kind = Kind::Num;
            } else if is_punct_char(ch) {
                i += l;
                kind = Kind::Punct;
            } else {
                i += l;
                while i < n && b[i] >= 0x80 {
                    let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    if ch.is_whitespace() || burmese_digit(ch).is_some() || is_punct_char(ch) {
                        break;
                    }
                    i += ch.len_utf8();
                }
                kind = Kind::Other;
            }
        }
        out.push(Tok {
            s,
            e: i,
            kind,
            sp,
            nl,
        });
        sp = false;
        nl = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(String, Kind, bool)> {
        let mut v = Vec::new();
        tokenize(t, &mut v);
        v.iter()
            .map(|k| (t[k.s..k.e].to_string(), k.kind, k.sp))
            .collect()
    }

    #[test]
    fn splits_numbers_words_and_punctuation() {
        let k = kinds("About 20,000 fled—Thirty-two, 5.000 and ၁၂၃ 11th.");
        let words: Vec<&str> = k.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "About",
                "20,000",
                "fled",
                "—",
                "Thirty",
                "-",
                "two",
                ",",
                "5.000",
                "and",
                "၁၂၃",
                "11",
                "th",
                "."
            ]
        );
        assert_eq!(k[10].1, Kind::Num);
        assert!(!k[12].2, "suffix is attached");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            " ",
            "é",
            "1,",
            "1.",
            "၁,",
            "\u{00A0}5\u{00A0}",
            "ab\u{FFFD}1",
        ] {
            let _ = kinds(t);
        }
    }
}
