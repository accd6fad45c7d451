//! Numbers and quantities of people, deaths, injuries, dependents and houses
//! (spec §2 of `spec/EVENTS.md`).
//!
//! [`find`] reads every count in a document: digits (`41`, `20,000`, `5.000`,
//! `1.2 million`, Burmese digits), English number words (`one hundred and
//! twenty-six`, `Thirty-two`, `a dozen`) and vague quantifiers (`dozens of`,
//! `tens of thousands`, `several`, `a few`). Each count gets its qualifier and
//! bounds from the wording (spec §2 table), the counted noun (`who`) and what it
//! measures (`people`, `killed`, `injured`, `dependents`, `houses`, or `None`
//! for counts of other things such as bases or drones). Numbers that are not
//! counts (years, ages, unit numbers, money, durations, distances, dates, clock
//! times, percentages, fractions, ordinals, phone numbers) are left out.
//!
//! How it works: one tokenizer pass ([`token`]), a cheap test per token for
//! whether it can start a number, then small look-ups in the few tokens around
//! each candidate. The word lists are data files in `data/`.

mod context;
mod doc;
mod finder;
mod lexicon;
mod nouns;
mod number;
mod token;

use sitrep_core::{Qualifier, QuantityMention};

use doc::Doc;
use number::{parse_at, Val};

/// Every count of people, deaths, injuries, dependents or houses in `text`
/// (and counts of other nouns with `measure: None`), in text order.
///
/// Spans are byte offsets into `text`. Never panics, whatever the input.
pub fn find(text: &str) -> Vec<QuantityMention> {
    let doc = Doc::new(text);
    finder::Finder::new(&doc).find()
}

/// Reads `s` as one number (digits, words or both: `"20,000"`,
/// `"one hundred and twenty-six"`, `"1.2 million"`, `"a dozen"`, `"၁၂"`).
/// `None` if `s` is not exactly one number.
pub fn parse_number(s: &str) -> Option<i64> {
    let doc = Doc::new(s);
    let np = parse_at(&doc, 0)?;
    match np.val {
        Val::Exact(v) if np.e == doc.toks.len() => Some(v),
        _ => None,
    }
}

/// `(low, best, high)` of a number `n` under a qualifier (spec §2 table).
/// For [`Qualifier::Range`] and [`Qualifier::Vague`] use [`range_bounds`] or
/// the vague rows; here they read as `exact`.
pub fn bounds(q: Qualifier, n: i64) -> (Option<i64>, Option<i64>, Option<i64>) {
    let n128 = n as i128;
    let clamp = |v: i128| v.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    let floor90 = clamp((9 * n128).div_euclid(10));
    let ceil110 = clamp((11 * n128 + 9).div_euclid(10));
    let (plus1, minus1) = (n.saturating_add(1), n.saturating_sub(1));
    match q {
        Qualifier::Approx => (Some(floor90), Some(n), Some(ceil110)),
        Qualifier::Nearly => (Some(floor90), Some(n), Some(n)),
        Qualifier::MoreThan => (Some(plus1), Some(plus1), None),
        Qualifier::AtLeast => (Some(n), Some(n), None),
        Qualifier::UpTo => (None, Some(n), Some(n)),
        Qualifier::LessThan => (None, None, Some(minus1)),
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => (Some(n), Some(n), Some(n)),
    }
}

/// `(low, best, high)` of a range "N to M": best is (N+M)/2 with halves rounded up.
pub fn range_bounds(n: i64, m: i64) -> (Option<i64>, Option<i64>, Option<i64>) {
    let best = (n as i128 + m as i128 + 1).div_euclid(2) as i64;
    (Some(n), Some(best), Some(m))
}
