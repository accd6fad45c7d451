//! Reading one number at a token: digits (`41`, `20,000`, `5.000`, `1.2 million`,
//! Burmese digits), English number words (`one hundred and twenty-six`,
//! `Thirty-two`, `a dozen`) and vague quantifiers (`dozens`, `tens of thousands`,
//! `several`, `a few`, `a handful`).

use crate::doc::Doc;
use crate::token::{burmese_digit, Kind};

/// The value read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Val {
    Exact(i64),
    /// A vague quantifier of the spec §2 table: bounds, no best value.
    Vague {
        low: i64,
        high: i64,
    },
}

/// A number read at tokens `[s, e)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumParse {
    pub val: Val,
    pub s: usize,
    pub e: usize,
    /// Written with digits only, without separators or scale word
    /// (how years, unit numbers and phone numbers look); its digit count.
    pub plain_digits: usize,
    /// The single word "one" (often a pronoun: "one of them", "another one").
    pub lone_one: bool,
    /// The scale word that ends the number ("two million": 1,000,000), else 1;
    /// lets "one to two million" read as 1,000,000 to 2,000,000.
    pub scale: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nw {
    Zero,
    Unit(i64),
    Teen(i64),
    Tens(i64),
    Hundred,
    Scale(i64),
    Dozen,
}

fn num_word(w: &str) -> Option<Nw> {
    use Nw::*;
    Some(match w {
        "zero" => Zero,
        "one" => Unit(1),
        "two" => Unit(2),
        "three" => Unit(3),
        "four" => Unit(4),
        "five" => Unit(5),
        "six" => Unit(6),
        "seven" => Unit(7),
        "eight" => Unit(8),
        "nine" => Unit(9),
        "ten" => Teen(10),
        "eleven" => Teen(11),
        "twelve" => Teen(12),
        "thirteen" => Teen(13),
        "fourteen" => Teen(14),
        "fifteen" => Teen(15),
        "sixteen" => Teen(16),
        "seventeen" => Teen(17),
        "eighteen" => Teen(18),
        "nineteen" => Teen(19),
        "twenty" => Tens(20),
        "thirty" => Tens(30),
        "forty" | "fourty" => Tens(40),
        "fifty" => Tens(50),
        "sixty" => Tens(60),
        "seventy" => Tens(70),
        "eighty" => Tens(80),
        "ninety" => Tens(90),
        "hundred" => Hundred,
        "thousand" => Scale(1_000),
        "million" => Scale(1_000_000),
        "billion" => Scale(1_000_000_000),
        "dozen" => Dozen,
        _ => return None,
    })
}

/// Words that can start a number (for the pre-filter below).
const START_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "tens",
    "several",
];

/// For each (first letter, last letter): bit `len` set when a start word
/// of that length has them. Rejects almost every other word in a few instructions.
static START_FILTER: [u16; 26 * 26] = {
    let mut t = [0u16; 26 * 26];
    let mut i = 0;
    while i < START_WORDS.len() {
        let b = START_WORDS[i].as_bytes();
        let f = (b[0] - b'a') as usize;
        let l = (b[b.len() - 1] - b'a') as usize;
        t[f * 26 + l] |= 1 << b.len();
        i += 1;
    }
    t
};

/// Whether a lowercase word can start a number or vague quantifier.
pub(crate) fn starts_number(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if !(3..=9).contains(&n) {
        return false;
    }
    let (f, l) = (b[0].wrapping_sub(b'a'), b[n - 1].wrapping_sub(b'a'));
    if f >= 26 || l >= 26 || START_FILTER[f as usize * 26 + l as usize] & (1 << n) == 0 {
        return false;
    }
    START_WORDS.contains(&w)
}

/// Words that say people were killed or hurt ("killed", "dead", "wounded"),
/// matched without a table look-up: used to skip "a"/"an" far from any.
pub(crate) fn is_harm_word(w: &str) -> bool {
    let b = w.as_bytes();
    if !(4..=9).contains(&b.len())
        || !matches!(
            b[0],
            b'k' | b'd' | b'p' | b's' | b'm' | b'e' | b'w' | b'i' | b'h' | b'l'
        )
    {
        return false;
    }
    matches!(
        w,
        "killed"
            | "dead"
            | "died"
            | "perished"
            | "slain"
            | "massacred"
            | "executed"
            | "murdered"
            | "wounded"
            | "injured"
            | "hurt"
            | "maimed"
            | "death"
            | "lost"
    )
}

fn scale_word(w: &str) -> Option<i64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// Value of a digit token: `(mantissa, decimals)`; `None` if it is not a
/// well-formed number (bad grouping, leading zero, too long: codes and phones).
fn digit_value(s: &str, scaled: bool) -> Option<(i64, u32)> {
    let mut groups = [(0i64, 0u32); 8];
    let mut seps = [0u8; 7];
    let mut ng = 1;
    let mut first_zero = None;
    for c in s.chars() {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if let Some(d) = burmese_digit(c) {
            d
        } else if c == ',' || c == '.' {
            if ng >= 8 {
                return None;
            }
            seps[ng - 1] = c as u8;
            ng += 1;
            continue;
        } else {
            return None;
        };
        if first_zero.is_none() {
            first_zero = Some(d == 0);
        }
        let g = &mut groups[ng - 1];
        if g.1 >= 15 {
            return None;
        }
        g.0 = g.0 * 10 + d as i64;
        g.1 += 1;
    }
    let seps = &seps[..ng - 1];
    let groups = &groups[..ng];
    if groups.iter().any(|g| g.1 == 0) {
        return None;
    }
    let lead = groups[0].1;
    if first_zero == Some(true) && lead > 1 {
        return None; // "09 …" phone numbers, codes
    }
    if seps.is_empty() {
        return (lead <= 6).then_some((groups[0].0, 0));
    }
    let grouped = |gs: &[(i64, u32)]| -> Option<i64> {
        if !(1..=3).contains(&gs[0].1) || gs[1..].iter().any(|g| g.1 != 3) {
            return None;
        }
        let mut v = 0i64;
        for g in gs {
            v = v.checked_mul(1000)?.checked_add(g.0)?;
        }
        Some(v)
    };
    let dec = |int: i64, frac: (i64, u32)| -> Option<(i64, u32)> {
        if frac.1 > 6 {
            return None;
        }
        Some((
            int.checked_mul(10i64.pow(frac.1))?.checked_add(frac.0)?,
            frac.1,
        ))
    };
    if seps.iter().all(|&c| c == b',') {
        grouped(groups).map(|v| (v, 0))
    } else if seps.iter().all(|&c| c == b'.') {
        if seps.len() == 1 && (scaled || groups[1].1 != 3) {
            dec(groups[0].0, groups[1])
        } else {
            grouped(groups).map(|v| (v, 0))
        }
    } else {
        // "1,234.5": commas, then one decimal point.
        let last = seps.len() - 1;
        if seps[last] != b'.' || seps[..last].iter().any(|&c| c != b',') {
            return None;
        }
        dec(grouped(&groups[..ng - 1])?, groups[ng - 1])
    }
}

/// Reads a number or vague quantifier starting at token `j`.
pub(crate) fn parse_at(doc: &Doc, j: usize) -> Option<NumParse> {
    let t = doc.toks.get(j)?;
    match t.kind {
        Kind::Num => parse_digits(doc, j),
        Kind::Word => parse_vague(doc, j).or_else(|| parse_words(doc, j)),
        _ => None,
    }
}

fn parse_digits(doc: &Doc, j: usize) -> Option<NumParse> {
    let raw = doc.raw(j);
    let scale = if doc.is_word(j + 1) && doc.toks[j + 1].sp {
        scale_word(doc.w(j + 1))
    } else {
        None
    };
    let (mant, dec) = digit_value(raw, scale.is_some())?;
    let p10 = 10i64.pow(dec);
    let (value, e) = match scale {
        Some(sc) => {
            let v = (mant as i128 * sc as i128) / p10 as i128;
            (i64::try_from(v).ok()?, j + 2)
        }
        None => {
            if mant % p10 != 0 {
                return None; // "2.5": not a count
            }
            (mant / p10, j + 1)
        }
    };
    let plain = scale.is_none()
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || burmese_digit(c).is_some());
    Some(NumParse {
        val: Val::Exact(value),
        s: j,
        e,
        plain_digits: if plain { raw.chars().count() } else { 0 },
        lone_one: false,
        scale: scale.unwrap_or(1),
    })
}

fn parse_vague(doc: &Doc, j: usize) -> Option<NumParse> {
    let w = doc.w(j);
    let next_is = |k: usize, x: &str| doc.is_word(k) && doc.w(k) == x;
    let (low, high, e) = match w {
        "tens" | "hundreds" if next_is(j + 1, "of") && next_is(j + 2, "thousands") => {
            if w == "tens" {
                (20_000, 99_999, j + 3)
            } else {
                (200_000, 999_999, j + 3)
            }
        }
        "dozens" => (24, 99, j + 1),
        "scores" if next_is(j + 1, "of") => (40, 99, j + 1),
        "hundreds" => (200, 999, j + 1),
        "thousands" => (2_000, 9_999, j + 1),
        "millions" => (2_000_000, 9_999_999, j + 1),
        "several" => (3, 9, j + 1),
        "a" if next_is(j + 1, "few") => (2, 5, j + 2),
        "a" if next_is(j + 1, "handful") => (2, 5, j + 2),
        _ => return None,
    };
    // "several hundred", "a few thousand", "a few dozen": the bounds times the scale.
    let (mut low, mut high, mut e) = (low, high, e);
    if high < 10 && doc.is_word(e) && doc.toks[e].sp {
        let mult = match doc.w(e) {
            "dozen" => 12,
            w => scale_word(w).unwrap_or(1),
        };
        if mult > 1 {
            low *= mult;
            high *= mult;
            e += 1;
        }
    }
    Some(NumParse {
        val: Val::Vague { low, high },
        s: j,
        e,
        plain_digits: 0,
        lone_one: false,
        scale: 1,
    })
}

fn parse_words(doc: &Doc, j: usize) -> Option<NumParse> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Start,
        A,
        Unit,
        Teen,
        Tens,
        Hundred,
        Scale(i64),
        Dozen,
        Zero,
    }
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut last = Last::Start;
    let mut end = j;
    let mut k = j;
    let mut words = 0;
    let mut min_scale = i64::MAX;
    let n = doc.toks.len();
    while k < n {
        if !doc.is_word(k) {
            break;
        }
        // Words must follow each other with a space, or a hyphen ("twenty-six").
        if k > j {
            let prev = k - 1;
            let joined_by_hyphen = doc.is_hyphen(prev) && !doc.toks[prev].sp && !doc.toks[k].sp;
            if !(joined_by_hyphen || doc.toks[k].sp && doc.is_word(prev)) {
                break;
            }
        }
        let w = doc.w(k);
        if k == j && (w == "a" || w == "an") {
            if matches!(
                doc.w(k + 1),
                "hundred" | "thousand" | "million" | "billion" | "dozen"
            ) && doc.is_word(k + 1)
            {
                current = 1;
                last = Last::A;
                k += 1;
                continue;
            }
            return None;
        }
        if w == "and" && matches!(last, Last::Hundred | Last::Scale(_)) {
            match doc.is_word(k + 1).then(|| num_word(doc.w(k + 1))).flatten() {
                Some(Nw::Unit(_) | Nw::Teen(_) | Nw::Tens(_)) => {
                    k += 1;
                    continue;
                }
                _ => break,
            }
        }
        let Some(nw) = num_word(w) else { break };
        let ok = match nw {
            Nw::Zero => last == Last::Start,
            Nw::Unit(v) => {
                let ok = matches!(
                    last,
                    Last::Start | Last::Hundred | Last::Scale(_) | Last::Tens
                );
                if ok {
                    current += v;
                    last = Last::Unit;
                }
                ok
            }
            Nw::Teen(v) | Nw::Tens(v) => {
                let ok = matches!(last, Last::Start | Last::Hundred | Last::Scale(_));
                if ok {
                    current += v;
                    last = if matches!(nw, Nw::Teen(_)) {
                        Last::Teen
                    } else {
                        Last::Tens
                    };
                }
                ok
            }
            Nw::Hundred => {
                let ok = matches!(last, Last::Start | Last::A | Last::Unit | Last::Teen);
                if ok {
                    current = current.max(1) * 100;
                    last = Last::Hundred;
                }
                ok
            }
            Nw::Scale(sc) => {
                let ok = sc < min_scale
                    && matches!(
                        last,
                        Last::Start
                            | Last::A
                            | Last::Unit
                            | Last::Teen
                            | Last::Tens
                            | Last::Hundred
                    );
                if ok {
                    total += current.max(1) * sc;
                    current = 0;
                    min_scale = sc;
                    last = Last::Scale(sc);
                }
                ok
            }
            Nw::Dozen => {
                let ok = matches!(last, Last::A | Last::Unit | Last::Teen | Last::Start);
                if ok {
                    current = current.max(1) * 12;
                    last = Last::Dozen;
                }
                ok
            }
        };
        if !ok {
            break;
        }
        if nw == Nw::Zero {
            last = Last::Zero;
        }
        words += 1;
        k += 1;
        end = k;
        if matches!(last, Last::Dozen | Last::Zero) {
            break;
        }
        // Allow one attached hyphen between number words ("thirty-two").
        if doc.is_hyphen(k)
            && !doc.toks[k].sp
            && doc.toks.get(k + 1).is_some_and(|t| !t.sp)
            && doc.is_word(k + 1)
            && num_word(doc.w(k + 1)).is_some()
        {
            k += 1;
        }
    }
    if words == 0 {
        return None;
    }
    let lone_one = end == j + 1 && doc.w(j) == "one";
    let scale = match last {
        Last::Scale(sc) if current == 0 => sc,
        Last::Hundred if total == 0 && current % 100 == 0 => 100,
        _ => 1,
    };
    Some(NumParse {
        val: Val::Exact(total + current),
        s: j,
        e: end,
        plain_digits: 0,
        lone_one,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_groups() {
        assert_eq!(digit_value("20,000", false), Some((20_000, 0)));
        assert_eq!(digit_value("5.000", false), Some((5_000, 0)));
        assert_eq!(digit_value("1.2", true), Some((12, 1)));
        assert_eq!(digit_value("1.500", true), Some((1_500, 3)));
        assert_eq!(digit_value("1,234.5", true), Some((12_345, 1)));
        assert_eq!(digit_value("12,34", false), None);
        assert_eq!(digit_value("0912345", false), None);
        assert_eq!(digit_value("၁၂၃", false), Some((123, 0)));
        assert_eq!(digit_value("၂၀,၀၀၀", false), Some((20_000, 0)));
    }
}
