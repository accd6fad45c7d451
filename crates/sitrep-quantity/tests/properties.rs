//! Property tests: number words read back to their value, bounds are ordered,
//! spans are always valid, and odd input never panics.

use proptest::prelude::*;
use sitrep_core::Qualifier;
use sitrep_quantity::{bounds, find, parse_number, range_bounds};

const UNITS: [&str; 20] = [
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
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 0 < n < 1000, with "and" after hundred when `and` is set
/// and a hyphen or a space between tens and units.
fn below_thousand(n: u32, and: bool, hyphen: bool) -> String {
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(format!("{} hundred", UNITS[(n / 100) as usize]));
    }
    let rest = n % 100;
    if rest > 0 {
        if n >= 100 && and {
            parts.push("and".to_string());
        }
        if rest < 20 {
            parts.push(UNITS[rest as usize].to_string());
        } else {
            let t = TENS[(rest / 10) as usize];
            match rest % 10 {
                0 => parts.push(t.to_string()),
                u => parts.push(format!(
                    "{t}{}{}",
                    if hyphen { "-" } else { " " },
                    UNITS[u as usize]
                )),
            }
        }
    }
    parts.join(" ")
}

/// English words for 0 <= n <= 1,000,000.
fn words(n: u32, and: bool, hyphen: bool) -> String {
    if n == 0 {
        return "zero".into();
    }
    if n == 1_000_000 {
        return "one million".into();
    }
    let (th, rest) = (n / 1000, n % 1000);
    let mut s = String::new();
    if th > 0 {
        s = format!("{} thousand", below_thousand(th, and, hyphen));
    }
    if rest > 0 {
        if !s.is_empty() {
            s.push(' ');
            if rest < 100 && and {
                s.push_str("and ");
            }
        }
        s.push_str(&below_thousand(rest, and, hyphen));
    }
    s
}

fn with_case(s: &str, mode: u8) -> String {
    match mode % 3 {
        0 => s.to_string(),
        1 => s.to_uppercase(),
        _ => {
            let mut c = s.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        }
    }
}

fn with_commas(n: u64) -> String {
    let mut groups = Vec::new();
    let mut n = n;
    while n >= 1000 {
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.push(n.to_string());
    groups.reverse();
    groups.join(",")
}

#[test]
fn every_integer_below_a_million_in_words_parses_back() {
    // Exhaustive over 0..=1,000,000 in one style, the others sampled below.
    for n in 0..=1_000_000u32 {
        let w = words(n, true, true);
        assert_eq!(parse_number(&w), Some(n as i64), "{w}");
    }
}

proptest! {
    #[test]
    fn number_words_in_any_style_parse_back(n in 0u32..=1_000_000, and: bool, hyphen: bool, case in 0u8..3) {
        let w = with_case(&words(n, and, hyphen), case);
        prop_assert_eq!(parse_number(&w), Some(n as i64), "{}", w);
    }

    #[test]
    fn digits_with_and_without_commas_parse_back(n in 0u64..1_000_000_000) {
        prop_assert_eq!(parse_number(&with_commas(n)), Some(n as i64));
        if n < 1_000_000 {
            prop_assert_eq!(parse_number(&n.to_string()), Some(n as i64));
        }
    }

    #[test]
    fn bounds_are_ordered(n in 1i64..100_000_000, qi in 0usize..7) {
        let q = [Qualifier::Exact, Qualifier::Approx, Qualifier::Nearly, Qualifier::MoreThan,
                 Qualifier::AtLeast, Qualifier::UpTo, Qualifier::LessThan][qi];
        let (l, b, h) = bounds(q, n);
        let present: Vec<i64> = [l, b, h].into_iter().flatten().collect();
        prop_assert!(present.windows(2).all(|w| w[0] <= w[1]), "{:?} {}: {:?}", q, n, (l, b, h));
        prop_assert!(!present.is_empty());
    }

    #[test]
    fn bounds_never_overflow(n in any::<i64>(), qi in 0usize..7) {
        let q = [Qualifier::Exact, Qualifier::Approx, Qualifier::Nearly, Qualifier::MoreThan,
                 Qualifier::AtLeast, Qualifier::UpTo, Qualifier::LessThan][qi];
        let _ = bounds(q, n);
        let _ = range_bounds(n, n);
    }

    #[test]
    fn range_bounds_are_ordered(a in 0i64..10_000_000, d in 1i64..10_000_000) {
        let (l, b, h) = range_bounds(a, a + d);
        prop_assert!(l <= b && b <= h);
    }

    #[test]
    fn found_quantities_are_ordered_and_spans_valid(
        qual in prop::sample::select(vec!["", "around ", "nearly ", "more than ", "at least ", "up to ",
                                          "fewer than ", "all ", "between 3 and ", "some "]),
        n in 4u32..200_000,
        noun in prop::sample::select(vec!["soldiers", "houses", "bases", "family members", "", "civilians were killed"]),
    ) {
        let text = format!("Officials said {qual}{} {noun} on Monday.", with_commas(n as u64));
        let found = find(&text);
        prop_assert!(!found.is_empty(), "{}", text);
        for m in &found {
            prop_assert_eq!(m.span.slice(&text), m.text.as_str());
            prop_assert!(m.span.contains(m.number_span));
            let present: Vec<i64> = [m.low, m.best, m.high].into_iter().flatten().collect();
            prop_assert!(present.windows(2).all(|w| w[0] <= w[1]), "{}: {:?}", text, m);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        for m in find(&s) {
            prop_assert!(s.is_char_boundary(m.span.0) && s.is_char_boundary(m.span.1));
            prop_assert_eq!(m.span.slice(&s), m.text.as_str());
        }
    }

    #[test]
    fn number_soup_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "1", "20,000", "5.000", "1.2", "million", "-", "–", "to", "and", "between", "a", "dozen",
        "dozens", "of", "killed", "wounded", "soldiers", "Battalion", "aged", "၁၂", ",", ".", ":", "%",
        "one", "hundred", "another", "were", "the", "toll", "rose", "thirty", "-two", "$", "No", "\n",
    ]), 0..30)) {
        let s = parts.join(" ");
        for m in find(&s) {
            prop_assert_eq!(m.span.slice(&s), m.text.as_str());
        }
        let s2 = parts.concat();
        let _ = find(&s2);
    }
}
