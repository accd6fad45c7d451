//! Tokens of a text and the normalised keys place names are indexed under.
//!
//! A name and the text are cut into the same words (runs of letters and digits,
//! keeping an inner apostrophe as in "Ta'ang" but not a possessive "'s"), so that
//! "Hpa-an", "Hpa An" and "Hpaan" all meet in the index.

/// A word of the text with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// What separates two consecutive words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Only spaces or tabs.
    Space,
    /// A single hyphen (or hyphen-like dash) with no spaces.
    Hyphen,
    /// Anything else: punctuation, a possessive, a line break.
    Break,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c as u32, 0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Classes of a byte for the tokenizer's fast loops.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const NON_ASCII: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Words of `text` in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut start: Option<usize> = None;
    let mut skip_s = false;
    let mut i = 0;
    while i < n {
        // ASCII runs without anything to decide: letters and digits inside a word,
        // other ASCII between words.
        if !skip_s {
            if let Some(s) = start {
                while i < n && BYTE_CLASS[bytes[i] as usize] == ALNUM {
                    i += 1;
                }
                if i == n {
                    break;
                }
                // An ASCII word end other than an apostrophe: nothing to decide.
                let b = bytes[i];
                if b < 0x80 && b != b'\'' {
                    out.push(Token { start: s, end: i });
                    start = None;
                    i += 1;
                    continue;
                }
            } else {
                while i < n && BYTE_CLASS[bytes[i] as usize] == OTHER {
                    i += 1;
                }
                if i == n {
                    break;
                }
                if bytes[i].is_ascii_alphanumeric() {
                    start = Some(i);
                    i += 1;
                    continue;
                }
            }
        }
        let b = bytes[i];
        let c = if b < 0x80 {
            b as char
        } else {
            text[i..].chars().next().unwrap_or('\0')
        };
        let len = c.len_utf8();
        if skip_s {
            // The "s" of a possessive belongs to no word.
            skip_s = false;
            if c == 's' || c == 'S' {
                i += len;
                continue;
            }
        }
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            i += len;
            continue;
        }
        if let Some(s) = start {
            // An inner apostrophe followed by a letter stays in the word, except "'s".
            if is_apostrophe(c) {
                let rest = &text[i + len..];
                let mut r = rest.chars();
                let next = r.next();
                let after = r.next();
                let possessive =
                    matches!(next, Some('s') | Some('S')) && !after.is_some_and(is_word_char);
                if next.is_some_and(|n| n.is_alphabetic()) && !possessive {
                    i += len;
                    continue;
                }
                skip_s = possessive;
            }
            out.push(Token { start: s, end: i });
            start = None;
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// How the words ending at `a_end` and starting at `b_start` are separated.
pub fn gap(text: &str, a_end: usize, b_start: usize) -> Gap {
    let g = &text[a_end..b_start];
    if g.len() == 1 {
        return match g.as_bytes()[0] {
            b' ' | b'\t' => Gap::Space,
            b'-' => Gap::Hyphen,
            _ => Gap::Break,
        };
    }
    if !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}') {
        Gap::Space
    } else if matches!(g, "-" | "\u{2010}" | "\u{2011}") {
        Gap::Hyphen
    } else {
        Gap::Break
    }
}

/// Lower-cased word with a typographic apostrophe made plain.
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Appends `word` folded (as [`fold`] does) to `buf`.
pub fn fold_into(buf: &mut String, word: &str) {
    if word.is_ascii() {
        let s = buf.len();
        buf.push_str(word);
        buf[s..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        buf.extend(c.to_lowercase());
    }
}

/// The words of a name, folded.
pub fn words(name: &str) -> Vec<String> {
    tokenize(name)
        .into_iter()
        .map(|t| fold(&name[t.start..t.end]))
        .collect()
}

/// Index keys of a name: the spaced form, and the run-together form of a multi-word
/// name ("hpa an", "hpaan"). Parenthesised parts give more names: a direction in
/// brackets is kept both after and before the base ("Dagon Myothit (North)" →
/// "dagon myothit north", "north dagon myothit"), other brackets are alternative names
/// ("Nar Wee (Na Wi)" → "nar wee", "na wi"); SAZ/SAD notes are dropped.
#[cfg(test)]
pub fn name_keys(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut a, mut b) = (String::new(), String::new());
    for_each_key(name, &mut a, &mut b, &mut |k| out.push(k.to_string()));
    out.sort();
    out.dedup();
    out
}

/// Calls `f` with each index key of `name` (see [`name_keys`]), using the two buffers
/// for the common plain names so that indexing allocates nothing per name.
pub fn for_each_key(
    name: &str,
    spaced: &mut String,
    compact: &mut String,
    f: &mut dyn FnMut(&str),
) {
    if !name.contains('(') && !name.ends_with("Sub-township") {
        spaced.clear();
        compact.clear();
        let mut n = 0;
        for t in tokenize(name) {
            if n > 0 {
                spaced.push(' ');
            }
            for c in name[t.start..t.end].chars() {
                let c = if c == '\u{2019}' { '\'' } else { c };
                if c.is_ascii() {
                    spaced.push(c.to_ascii_lowercase());
                    compact.push(c.to_ascii_lowercase());
                } else {
                    for l in c.to_lowercase() {
                        spaced.push(l);
                        compact.push(l);
                    }
                }
            }
            n += 1;
        }
        if n > 0 {
            f(spaced);
        }
        if n > 1 {
            f(compact);
        }
        return;
    }
    for k in name_keys_slow(name) {
        f(&k);
    }
}

fn name_keys_slow(name: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let (base, paren) = match (name.find('('), name.rfind(')')) {
        (Some(a), Some(b)) if a < b => (
            format!("{} {}", &name[..a], &name[b + 1..]),
            Some(name[a + 1..b].trim().to_string()),
        ),
        _ => (name.to_string(), None),
    };
    let base = base.trim().to_string();
    let base = base
        .strip_suffix(" Sub-township")
        .map(str::to_string)
        .unwrap_or(base);
    names.push(base.clone());
    if let Some(p) = paren {
        let pl = p.to_lowercase();
        if matches!(
            pl.as_str(),
            "north" | "south" | "east" | "west" | "upper" | "lower" | "middle" | "central"
        ) {
            names.push(format!("{base} {p}"));
            names.push(format!("{p} {base}"));
        } else if !(pl.contains("saz") || pl.contains("sad") || pl.contains("zone")) {
            names.push(p);
        }
    }
    let mut keys = Vec::new();
    for n in names {
        let w = words(&n);
        if w.is_empty() {
            continue;
        }
        keys.push(w.join(" "));
        if w.len() > 1 {
            keys.push(w.concat());
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Whether a word starts with an upper-case letter, a digit, or a letter of a script
/// without case (Burmese).
pub fn is_capitalised(word: &str) -> bool {
    match word.chars().next() {
        Some(c) => {
            c.is_uppercase() || c.is_ascii_digit() || (c.is_alphabetic() && !c.is_lowercase())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_possessives_but_keep_inner_apostrophes() {
        let t = "Sagaing Region's Ta'ang town";
        let w: Vec<&str> = tokenize(t).iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(w, ["Sagaing", "Region", "Ta'ang", "town"]);
        let t = "Theinni\u{2019}s market";
        let w: Vec<&str> = tokenize(t).iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(w, ["Theinni", "market"]);
    }

    /// The tokenizer as first written (one `char_indices` pass), to check the fast one.
    fn tokenize_reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut skip_s = false;
        for (i, c) in text.char_indices() {
            if skip_s {
                skip_s = false;
                if c == 's' || c == 'S' {
                    continue;
                }
            }
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            if let Some(s) = start {
                if is_apostrophe(c) {
                    let mut r = text[i + c.len_utf8()..].chars();
                    let next = r.next();
                    let after = r.next();
                    let possessive =
                        matches!(next, Some('s') | Some('S')) && !after.is_some_and(is_word_char);
                    if next.is_some_and(|n| n.is_alphabetic()) && !possessive {
                        continue;
                    }
                    skip_s = possessive;
                }
                out.push(Token { start: s, end: i });
                start = None;
            }
        }
        if let Some(s) = start {
            out.push(Token {
                start: s,
                end: text.len(),
            });
        }
        out
    }

    #[test]
    fn fast_tokenizer_agrees_with_the_reference() {
        let samples = [
            "",
            "a",
            "'s",
            "Sagaing Region's Ta'ang town, Hpa-an's market.",
            "Theinni\u{2019}s  Ta\u{2019}ang  O'Brien's 'quoted' it's 3's X'",
            "Müse and Mong Ko — Lashio’s “airport” in Shan State's north",
            "ကချင်ပြည်နယ် မြစ်ကြီးနား Myitkyina ၁၂ ဦး",
            "KIA's AA'S S's s'S x'y'z 1'2 a'1 ab's's ‘Laukkai’ Ü'ber",
            "İstanbul ΣΑΣ ß ﬁ \u{a0}Loikaw\u{a0}\tHakha\nFalam",
        ];
        for t in samples {
            assert_eq!(tokenize(t), tokenize_reference(t), "{t:?}");
        }
        // Every prefix and suffix of a mixed text (cuts in odd places).
        let t = "Kyaukme's Ta'ang, Hsipaw\u{2019}s: ‘Müse’ ၁၂ O's x'S 'a' don't";
        for (i, _) in t.char_indices() {
            assert_eq!(tokenize(&t[i..]), tokenize_reference(&t[i..]));
            assert_eq!(tokenize(&t[..i]), tokenize_reference(&t[..i]));
        }
    }

    #[test]
    fn gaps() {
        let t = "Hpa-an, Kale Town";
        let k = tokenize(t);
        assert_eq!(gap(t, k[0].end, k[1].start), Gap::Hyphen);
        assert_eq!(gap(t, k[1].end, k[2].start), Gap::Break);
        assert_eq!(gap(t, k[2].end, k[3].start), Gap::Space);
    }

    #[test]
    fn keys_of_names() {
        assert_eq!(name_keys("Hpa-An"), ["hpa an", "hpaan"]);
        assert_eq!(name_keys("Ta\u{2019}ang"), ["ta'ang"]);
        assert_eq!(
            name_keys("Dagon Myothit (North)"),
            [
                "dagon myothit",
                "dagon myothit north",
                "dagonmyothit",
                "dagonmyothitnorth",
                "north dagon myothit",
                "northdagonmyothit"
            ]
        );
        assert_eq!(
            name_keys("Nar Wee (Na Wi)"),
            ["na wi", "nar wee", "narwee", "nawi"]
        );
        assert_eq!(name_keys("Laukkaing (Kokang SAZ)"), ["laukkaing"]);
        assert_eq!(
            name_keys("Chinshwehaw Sub-township (Kokang SAZ)"),
            ["chinshwehaw"]
        );
    }
}
