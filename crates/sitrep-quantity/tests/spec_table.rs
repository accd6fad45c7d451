//! One test per row of the spec §2 quantity table (spec/EVENTS.md), through `find`.

use sitrep_core::{Measure, Qualifier};
use sitrep_quantity::find;

/// The single quantity in `text`, as (low, best, high, qualifier).
fn one(text: &str) -> (Option<i64>, Option<i64>, Option<i64>, Qualifier) {
    let found = find(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let m = &found[0];
    assert_eq!(m.measure, Some(Measure::People), "{text}");
    (m.low, m.best, m.high, m.qualifier)
}

fn row(texts: &[&str], low: Option<i64>, best: Option<i64>, high: Option<i64>, q: Qualifier) {
    for t in texts {
        assert_eq!(one(t), (low, best, high, q), "{t}");
    }
}

#[test]
fn exact() {
    row(
        &[
            "41 soldiers surrendered.",
            "Forty-one soldiers surrendered.",
            "forty-one soldiers surrendered.",
            "All 41 soldiers surrendered.",
            "A total of 41 soldiers surrendered.",
            "a total of forty-one soldiers surrendered.",
        ],
        Some(41),
        Some(41),
        Some(41),
        Qualifier::Exact,
    );
}

#[test]
fn approx() {
    row(
        &[
            "around 200 soldiers surrendered.",
            "About 200 soldiers surrendered.",
            "approximately 200 soldiers surrendered.",
            "roughly two hundred soldiers surrendered.",
            "Some 200 soldiers surrendered.",
            "An estimated 200 soldiers surrendered.",
            "estimated 200 soldiers surrendered.",
        ],
        Some(180),
        Some(200),
        Some(220),
        Qualifier::Approx,
    );
    // Integer floor/ceil: no float error.
    row(
        &["about 150 villagers fled."],
        Some(135),
        Some(150),
        Some(165),
        Qualifier::Approx,
    );
    row(
        &["about 7 villagers fled."],
        Some(6),
        Some(7),
        Some(8),
        Qualifier::Approx,
    );
}

#[test]
fn nearly() {
    row(
        &[
            "nearly 180 prisoners were freed.",
            "Almost 180 prisoners were freed.",
            "close to 180 prisoners were freed.",
            "just under 180 prisoners were freed.",
        ],
        Some(162),
        Some(180),
        Some(180),
        Qualifier::Nearly,
    );
}

#[test]
fn more_than() {
    row(
        &[
            "more than 3,000 prisoners were freed.",
            "Over 3,000 prisoners were freed.",
            "above 3,000 prisoners were freed.",
            "upwards of 3,000 prisoners were freed.",
            "More than three thousand prisoners were freed.",
        ],
        Some(3001),
        Some(3001),
        None,
        Qualifier::MoreThan,
    );
}

#[test]
fn at_least() {
    row(
        &[
            "at least 40 men were detained.",
            "No fewer than forty men were detained.",
        ],
        Some(40),
        Some(40),
        None,
        Qualifier::AtLeast,
    );
}

#[test]
fn up_to() {
    row(
        &[
            "up to 2,000 soldiers are trapped.",
            "As many as 2,000 soldiers are trapped.",
        ],
        None,
        Some(2000),
        Some(2000),
        Qualifier::UpTo,
    );
}

#[test]
fn less_than() {
    row(
        &[
            "fewer than 50,000 troops remain.",
            "less than 50,000 troops remain.",
            "Under 50,000 troops remain.",
        ],
        None,
        None,
        Some(49_999),
        Qualifier::LessThan,
    );
}

#[test]
fn range() {
    row(
        &[
            "10 to 20 soldiers fled.",
            "10-20 soldiers fled.",
            "10–20 soldiers fled.",
            "between 10 and 20 soldiers fled.",
            "Between ten and twenty soldiers fled.",
        ],
        Some(10),
        Some(15),
        Some(20),
        Qualifier::Range,
    );
    // Halves are rounded up.
    row(
        &["15 to 20 soldiers fled."],
        Some(15),
        Some(18),
        Some(20),
        Qualifier::Range,
    );
}

#[test]
fn a_dozen() {
    row(
        &["a dozen soldiers fled.", "A dozen soldiers fled."],
        Some(12),
        Some(12),
        Some(12),
        Qualifier::Exact,
    );
}

#[test]
fn dozens_of() {
    row(
        &["dozens of soldiers fled.", "Dozens of soldiers fled."],
        Some(24),
        None,
        Some(99),
        Qualifier::Vague,
    );
}

#[test]
fn scores_of() {
    row(
        &["scores of soldiers fled."],
        Some(40),
        None,
        Some(99),
        Qualifier::Vague,
    );
}

#[test]
fn hundreds_of() {
    row(
        &["hundreds of soldiers fled.", "Hundreds rallied."],
        Some(200),
        None,
        Some(999),
        Qualifier::Vague,
    );
}

#[test]
fn thousands_of() {
    row(
        &["thousands of soldiers fled.", "Thousands gathered."],
        Some(2000),
        None,
        Some(9999),
        Qualifier::Vague,
    );
}

#[test]
fn tens_of_thousands_of() {
    row(
        &["tens of thousands of soldiers fled."],
        Some(20_000),
        None,
        Some(99_999),
        Qualifier::Vague,
    );
}

#[test]
fn several_a_few_a_handful() {
    row(
        &["several soldiers fled."],
        Some(3),
        None,
        Some(9),
        Qualifier::Vague,
    );
    row(
        &["a few soldiers fled."],
        Some(2),
        None,
        Some(5),
        Qualifier::Vague,
    );
    row(
        &["a handful of soldiers fled."],
        Some(2),
        None,
        Some(5),
        Qualifier::Vague,
    );
}

#[test]
fn bounds_helpers_match_the_table() {
    use sitrep_quantity::{bounds, range_bounds};
    assert_eq!(
        bounds(Qualifier::Approx, 150),
        (Some(135), Some(150), Some(165))
    );
    assert_eq!(
        bounds(Qualifier::Nearly, 4000),
        (Some(3600), Some(4000), Some(4000))
    );
    assert_eq!(
        bounds(Qualifier::MoreThan, 100),
        (Some(101), Some(101), None)
    );
    assert_eq!(bounds(Qualifier::AtLeast, 17), (Some(17), Some(17), None));
    assert_eq!(bounds(Qualifier::UpTo, 300), (None, Some(300), Some(300)));
    assert_eq!(
        bounds(Qualifier::LessThan, 50_000),
        (None, None, Some(49_999))
    );
    assert_eq!(range_bounds(10, 20), (Some(10), Some(15), Some(20)));
    assert_eq!(range_bounds(2, 3), (Some(2), Some(3), Some(3)));
}
