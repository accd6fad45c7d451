//! Turning parsed expressions into dates, against the publication date D.

use chrono::{Datelike, NaiveDate};
use sitrep_core::{TimePrecision, TimeRole};

use crate::calendar::*;
use crate::lexicon::{lexicon, AnchorValue};
use crate::parse::{Core, Expr, Part, Role, Unit, WeekdayMod, YearSpec};

/// Which occurrence a date without a year means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// The most recent on or before D (what happened).
    Back,
    /// The first on or after D (what will happen).
    Forward,
    /// Whichever is closer to D, the future on a tie (deadlines).
    Nearest,
    /// Whichever is closer to D, the past on a tie (after "would").
    Closest,
}

/// A resolved interval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: Option<TimePrecision>,
    pub text_norm: Option<String>,
    pub role: Option<TimeRole>,
}

fn r(start: Option<NaiveDate>, end: Option<NaiveDate>, p: TimePrecision) -> Resolved {
    match start {
        Some(_) => Resolved {
            start,
            end: end.or(start),
            precision: Some(p),
            ..Default::default()
        },
        None => Resolved::default(),
    }
}

fn add_unit(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(d, n),
        Unit::Week => add_days(d, 7 * n),
        Unit::Month => add_months(d, n),
        Unit::Year => add_months(d, 12 * n),
    }
}

fn unit_precision(unit: Unit) -> TimePrecision {
    match unit {
        Unit::Day => TimePrecision::Day,
        Unit::Week => TimePrecision::Week,
        Unit::Month => TimePrecision::Month,
        Unit::Year => TimePrecision::Year,
    }
}

/// A whole month or a part of it.
fn month_part(y: i32, m: u32, part: Part) -> Resolved {
    let end = month_end(y, m);
    let (s, e, p) = match part {
        Part::Whole => (month_start(y, m), end, TimePrecision::Month),
        Part::Early | Part::Start => (ymd(y, m, 1), ymd(y, m, 10), TimePrecision::Range),
        Part::Mid => (ymd(y, m, 11), ymd(y, m, 20), TimePrecision::Range),
        Part::Late | Part::End => (ymd(y, m, 21), end, TimePrecision::Range),
    };
    r(s, e, p)
}

/// A whole year or a part of it.
fn year_part(y: i32, part: Part) -> Resolved {
    let (s, e, p) = match part {
        Part::Whole => (ymd(y, 1, 1), ymd(y, 12, 31), TimePrecision::Year),
        Part::Early | Part::Start => (ymd(y, 1, 1), ymd(y, 4, 30), TimePrecision::Range),
        Part::Mid => (ymd(y, 5, 1), ymd(y, 8, 31), TimePrecision::Range),
        Part::Late | Part::End => (ymd(y, 9, 1), ymd(y, 12, 31), TimePrecision::Range),
    };
    r(s, e, p)
}

/// A month-day without a year, in the direction asked.
fn month_day(m: u32, d: u32, dir: Dir, dd: NaiveDate) -> Option<NaiveDate> {
    match dir {
        Dir::Back => month_day_on_or_before(m, d, dd),
        Dir::Forward => month_day_on_or_after(m, d, dd),
        Dir::Nearest | Dir::Closest => {
            let b = month_day_on_or_before(m, d, dd);
            let f = month_day_on_or_after(m, d, dd);
            match (b, f) {
                (Some(b), Some(f)) => Some(if (dd - b) < (f - dd) { b } else { f }),
                (b, f) => f.or(b),
            }
        }
    }
}

fn month_year(m: u32, y: YearSpec, dir: Dir, d: Option<NaiveDate>) -> Option<i32> {
    match y {
        YearSpec::Abs(y) => Some(y),
        YearSpec::Rel(k) => d.map(|d| d.year() + k),
        YearSpec::Last => d.map(|d| {
            if m < d.month() {
                d.year()
            } else {
                d.year() - 1
            }
        }),
        YearSpec::Next => d.map(|d| {
            if m > d.month() {
                d.year()
            } else {
                d.year() + 1
            }
        }),
        YearSpec::Unknown => d.map(|d| match dir {
            Dir::Back => month_year_back(m, d),
            Dir::Forward => month_year_forward(m, d),
            Dir::Nearest | Dir::Closest => {
                let b = month_year_back(m, d);
                let f = month_year_forward(m, d);
                let dist =
                    |y: i32| ((y * 12 + m as i32) - (d.year() * 12 + d.month() as i32)).abs();
                if dist(b) < dist(f) {
                    b
                } else {
                    f
                }
            }
        }),
    }
}

/// The interval the core names (before the role is applied).
fn core(
    c: Core,
    part: Part,
    dir: Dir,
    d: Option<NaiveDate>,
    prev_day: Option<NaiveDate>,
) -> Resolved {
    use TimePrecision as P;
    let mut out = match c {
        Core::Date { y, m, d: day } => {
            let date = match y {
                YearSpec::Abs(y) => ymd(y, m, day),
                YearSpec::Rel(k) => d.and_then(|d| ymd(d.year() + k, m, day)),
                _ => d.and_then(|d| month_day(m, day, dir, d)),
            };
            r(date, date, P::Day)
        }
        Core::Month { y, m } => match month_year(m, y, dir, d) {
            Some(yy) => {
                let out = month_part(yy, m, part);
                // "late October" on October 5 is last year's.
                match (y, dir, d, out.start) {
                    (YearSpec::Unknown, Dir::Back, Some(d), Some(s)) if s > d => {
                        month_part(yy - 1, m, part)
                    }
                    _ => out,
                }
            }
            None => Resolved::default(),
        },
        Core::Year { y } => year_part(y, part),
        Core::Anchor(i) => match lexicon().anchors[i].value {
            AnchorValue::Date { start, end } => r(
                Some(start),
                end,
                if end.is_some() { P::Range } else { P::Day },
            ),
            AnchorValue::Annual {
                start: (m, day),
                end,
            } => {
                let s = d.and_then(|d| month_day(m, day, dir, d));
                let e = match (s, end) {
                    (Some(s), Some((m2, d2))) => ymd(s.year(), m2, d2),
                    _ => s,
                };
                r(s, e, if end.is_some() { P::Range } else { P::Day })
            }
        },
        Core::RelPrev(k) => {
            let s = prev_day.and_then(|p| add_days(p, k));
            r(s, s, P::Day)
        }
        _ => {
            let Some(d) = d else {
                return Resolved::default();
            };
            relative(c, part, dir, d)
        }
    };
    out.text_norm = norm(c);
    out
}

/// Cores that need D.
fn relative(c: Core, part: Part, dir: Dir, d: NaiveDate) -> Resolved {
    use TimePrecision as P;
    let monday = monday_of(d);
    match c {
        Core::Weekday { wd, modifier } => {
            let s = match modifier {
                WeekdayMod::Plain => match dir {
                    Dir::Back => weekday_on_or_before(wd, d),
                    Dir::Closest => {
                        let b = weekday_on_or_before(wd, d);
                        let f = weekday_on_or_after(wd, d);
                        match (b, f) {
                            (Some(b), Some(f)) if (f - d) < (d - b) => Some(f),
                            (b, f) => b.or(f),
                        }
                    }
                    _ => weekday_on_or_after(wd, d),
                },
                WeekdayMod::Last => {
                    let x = weekday_on_or_before(wd, d);
                    if x == Some(d) {
                        add_days(d, -7)
                    } else {
                        x
                    }
                }
                WeekdayMod::Next => add_days(d, 1).and_then(|n| weekday_on_or_after(wd, n)),
                WeekdayMod::This => monday.and_then(|m| add_days(m, i64::from(wd) - 1)),
                WeekdayMod::PrevWeek => monday.and_then(|m| add_days(m, -7 + i64::from(wd) - 1)),
                WeekdayMod::NextWeek => monday.and_then(|m| add_days(m, 7 + i64::from(wd) - 1)),
            };
            r(s, s, P::Day)
        }
        Core::DayOffset(k) => {
            let s = add_days(d, k);
            r(s, s, P::Day)
        }
        Core::Week(k) => {
            let s = monday.and_then(|m| add_days(m, 7 * i64::from(k)));
            let e = if k == 0 && dir == Dir::Back {
                Some(d)
            } else {
                s.and_then(|s| add_days(s, 6))
            };
            let (s, e) = match part {
                Part::End => (
                    s.and_then(|s| add_days(s, 4)),
                    s.and_then(|s| add_days(s, 6)),
                ),
                Part::Start => (s, s.and_then(|s| add_days(s, 2))),
                _ => (s, e),
            };
            r(s, e, P::Week)
        }
        Core::Weekend(k) => {
            // The Saturday of the weekend meant.
            let sat = match k {
                0 => weekday_on_or_before(6, d),
                -1 => {
                    let x = weekday_on_or_before(6, d);
                    // On the weekend itself, "last weekend" is the one before.
                    if x.is_some_and(|x| (d - x).num_days() <= 1) {
                        x.and_then(|x| add_days(x, -7))
                    } else {
                        x
                    }
                }
                _ => add_days(d, 1).and_then(|n| weekday_on_or_after(6, n)),
            };
            r(sat, sat.and_then(|s| add_days(s, 1)), P::Range)
        }
        Core::MonthRel(k) => {
            let (y, m) = shift_month(d.year(), d.month(), k);
            let mut out = month_part(y, m, part);
            if k == 0 && part == Part::Whole && dir == Dir::Back {
                out.end = Some(d);
            }
            out
        }
        Core::YearRel(k) => {
            let mut out = year_part(d.year() + k, part);
            if k == 0 && part == Part::Whole && dir == Dir::Back {
                out.end = Some(d);
            }
            out
        }
        Core::SoFar(unit) => {
            let s = match unit {
                Unit::Day => Some(d),
                Unit::Week => monday,
                Unit::Month => month_start(d.year(), d.month()),
                Unit::Year => ymd(d.year(), 1, 1),
            };
            r(s, Some(d), unit_precision(unit))
        }
        Core::Rest(unit) => {
            let e = match unit {
                Unit::Day => Some(d),
                Unit::Week => monday.and_then(|m| add_days(m, 6)),
                Unit::Month => month_end(d.year(), d.month()),
                Unit::Year => ymd(d.year(), 12, 31),
            };
            let s = add_days(d, 1)
                .filter(|s| e.is_some_and(|e| *s <= e))
                .or(Some(d));
            r(s, e, unit_precision(unit))
        }
        Core::Past { unit, n } => r(add_unit(d, -n, unit), Some(d), P::Range),
        Core::Ago { unit, n } => match unit {
            Unit::Day => {
                let s = add_days(d, -n);
                r(s, s, P::Day)
            }
            Unit::Week => {
                let s = add_days(d, -7 * n).and_then(monday_of);
                r(s, s.and_then(|s| add_days(s, 6)), P::Week)
            }
            Unit::Month => {
                let (y, m) = shift_month(d.year(), d.month(), -(n as i32));
                month_part(y, m, Part::Whole)
            }
            Unit::Year => year_part(d.year() - n as i32, Part::Whole),
        },
        Core::Within { unit, n } => r(Some(d), add_unit(d, n, unit), P::Range),
        _ => Resolved::default(),
    }
}

/// What the text itself fixes ("--12-03", "2023-11", "2024").
fn norm(c: Core) -> Option<String> {
    match c {
        Core::Date {
            y: YearSpec::Abs(y),
            m,
            d,
        } => Some(format!("{y:04}-{m:02}-{d:02}")),
        Core::Date { m, d, .. } => Some(format!("--{m:02}-{d:02}")),
        Core::Month {
            y: YearSpec::Abs(y),
            m,
        } => Some(format!("{y:04}-{m:02}")),
        Core::Month { m, .. } => Some(format!("--{m:02}")),
        Core::Year { y } => Some(format!("{y:04}")),
        Core::Anchor(i) => match lexicon().anchors[i].value {
            AnchorValue::Date { start, .. } => Some(start.format("%Y-%m-%d").to_string()),
            AnchorValue::Annual { start: (m, d), .. } => Some(format!("--{m:02}-{d:02}")),
        },
        _ => None,
    }
}

/// Resolves one expression. `prev_day` is the last day-precision date
/// mentioned before it (for "the following day").
pub fn resolve(x: &Expr, d: Option<NaiveDate>, prev_day: Option<NaiveDate>) -> (Resolved, bool) {
    let dir = match x.role {
        Role::Future => Dir::Forward,
        Role::Deadline => Dir::Nearest,
        Role::At if x.nearest => Dir::Closest,
        _ => Dir::Back,
    };
    let mut out = core(x.core, x.part, dir, d, prev_day);
    let is_day = out.precision == Some(TimePrecision::Day);
    if let Some((second, part)) = x.to {
        let b = core(second, part, dir, d, prev_day);
        if out.start.is_some() {
            out.end = b
                .end
                .or(b.start)
                .filter(|e| Some(*e) >= out.start)
                .or(out.end);
            out.precision = Some(TimePrecision::Range);
            out.text_norm = None;
        }
    }
    if let Some((n, unit)) = x.shift {
        let s = out.start.and_then(|s| add_unit(s, n, unit));
        let precision = if x.exact_shift {
            TimePrecision::Day
        } else {
            unit_precision(unit)
        };
        out = Resolved {
            text_norm: None,
            ..r(s, s, precision)
        };
    }
    let mut role = match x.role {
        Role::At | Role::Before => TimeRole::At,
        Role::Since => TimeRole::Since,
        Role::Deadline => TimeRole::Deadline,
        Role::Future => TimeRole::Future,
    };
    match x.role {
        Role::Since if out.start.is_some() => {
            out.end = d;
            out.precision = Some(TimePrecision::Range);
        }
        Role::Before if out.start.is_some() => {
            out.end = out.start;
            out.start = None;
            out.precision = Some(TimePrecision::Range);
        }
        Role::Deadline if !matches!(x.core, Core::Within { .. }) && out.start.is_some() => {
            let e = out.end.or(out.start);
            out.start = e;
            out.end = e;
            out.precision = Some(TimePrecision::Day);
        }
        _ => {}
    }
    // A date after D that the text itself fixes is a future date. (Dates
    // counted from D never land after it unless the text says so; the
    // property tests check that.)
    let fixed_by_text = x.shift.is_some()
        || x.nearest
        || x.to.is_some()
        || match x.core {
            Core::Date { y, .. } | Core::Month { y, .. } => {
                matches!(y, YearSpec::Abs(_) | YearSpec::Rel(_))
            }
            // "late this month", "the end of this week": the text names the period.
            Core::MonthRel(_) | Core::YearRel(_) | Core::Week(_) => x.part != Part::Whole,
            Core::Year { .. } | Core::RelPrev(_) => true,
            // "this Sunday" read on a Friday is two days ahead.
            Core::Weekday { modifier, .. } => modifier == WeekdayMod::This,
            Core::Anchor(i) => matches!(lexicon().anchors[i].value, AnchorValue::Date { .. }),
            _ => false,
        };
    if let (Some(s), Some(d)) = (out.start, d) {
        if s > d && fixed_by_text && matches!(role, TimeRole::At | TimeRole::Since) {
            role = TimeRole::Future;
            if x.role == Role::Since {
                out.end = out.start;
            }
        }
    }
    out.role = Some(role);
    let day_mention = is_day && matches!(role, TimeRole::At | TimeRole::Since) && x.shift.is_none();
    (out, day_mention)
}
