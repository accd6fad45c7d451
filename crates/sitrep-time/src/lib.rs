//! Time expressions resolved against the publication date D (spec §4).
//!
//! [`find`] returns every time expression of a document, in text order, with
//! its byte span, its resolved interval, its precision, what the text itself
//! fixes (`text_norm`) and its role (`At`, `Since`, `Deadline`, `Future`).
//!
//! How it works: one Aho-Corasick pass over the text finds candidates (month
//! and weekday names, relative words such as "yesterday" or "earlier",
//! numbers starting with 19/20, and the named anchors of
//! `data/anchors.tsv`); at each candidate a few tokens of look-around decide
//! whether it is a time and how it is qualified; then the expression is
//! resolved against D.
//!
//! Choices made where the contract leaves room:
//! - A date without a year is the most recent one on or before D; in a
//!   future context ("will … on Friday", "is due to … on", "next March") the
//!   first one on or after D; for a deadline ("by March 31") and after a weak
//!   cue ("said the talks would start on Feb. 3") whichever is closer to D.
//!   "late October" read on October 5 is last year's.
//! - A weekday is the most recent one on or before D (D itself when D is
//!   that weekday); "last Tuesday" on a Tuesday is a week back; "this
//!   Tuesday" is the Tuesday of D's week (Monday–Sunday), `Future` if after D.
//! - "last week" is the previous calendar week, Monday to Sunday (precision
//!   `week`); "this week" runs from Monday to D; "the past week" is D-7..D
//!   (precision `range`).
//! - "early/mid/late July" are the 1st–10th, 11th–20th and 21st–end
//!   (precision `range`); "early/mid/late 2023" are Jan–Apr, May–Aug, Sep–Dec.
//! - "since X" starts at X and ends at D; "after <anchor>" is read the same
//!   way. "before X" has no start and ends at X. "four years after X" shifts X.
//! - A deadline ("by March 31", "until the end of the month") has start =
//!   end = the deadline day; "within 30 days" runs from D to D+30.
//! - "the following day", "four days later" count from the closest
//!   preceding day-precision date of the document (At or Since).
//! - A date after D with role At or Since becomes `Future`: the text puts it
//!   after publication.
//! - A relative-to-D expression (weekday, "last month") never resolves after
//!   D unless its role is `Future` or `Deadline`; the property tests check it.
//! - Named anchors are times only after a temporal word ("since the coup",
//!   "during Operation 1027"); when the same clause gives an explicit date
//!   ("since Operation 1027 was launched … on October 27") that date is used.
//!   Lunar holidays (National Day) are not in the anchor list.
//! - Not times: durations ("for seven years"), ages, clock times, unit and
//!   operation numbers, "fourth week".

mod calendar;
mod lexicon;
mod parse;
mod resolve;
mod tokens;

use chrono::NaiveDate;
use sitrep_core::{Span, TimeMention, TimeRole};

/// Every time expression in `text`, resolved against `published` (D), in
/// text order. Without D, only what the text itself fixes is resolved
/// (explicit years, fixed anchors); the rest keeps `start: None` and, for
/// dates without a year, `text_norm` such as `"--12-03"`.
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let mut prev_day: Option<NaiveDate> = None;
    for x in parse::scan(text) {
        let (res, day_mention) = resolve::resolve(&x, published, prev_day);
        if day_mention {
            prev_day = res.start.or(prev_day);
        }
        out.push(TimeMention {
            span: Span::new(x.s, x.e),
            text: text[x.s..x.e].to_string(),
            start: res.start,
            end: res.end,
            precision: res.precision,
            text_norm: res.text_norm,
            role: res.role.unwrap_or(TimeRole::At),
        });
    }
    out
}
