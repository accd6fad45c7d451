//! Calendar arithmetic used to resolve expressions against the publication date.

use chrono::{Datelike, Days, Months, NaiveDate};

/// `y-m-d` if it is a real date.
pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// First day of month `m` of year `y`.
pub fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    ymd(y, m, 1)
}

/// Last day of month `m` of year `y`.
pub fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).and_then(|d| d.pred_opt())
}

/// Year and month `k` months after (or before, if negative) `y-m`.
pub fn shift_month(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// `d` plus `n` days (negative goes back); `None` when out of range.
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// `d` plus `n` months, clamped to the month's end.
pub fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let k = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(k))
    } else {
        d.checked_sub_months(Months::new(k))
    }
}

/// How many years back (or forward) we look for a month-day that exists
/// (February 29 needs up to 8).
const YEAR_SEARCH: i32 = 8;

/// The most recent `m`-`d` on or before `reference`.
pub fn month_day_on_or_before(m: u32, d: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    (y - YEAR_SEARCH..=y)
        .rev()
        .filter_map(|yy| ymd(yy, m, d))
        .find(|x| *x <= reference)
}

/// The first `m`-`d` on or after `reference`.
pub fn month_day_on_or_after(m: u32, d: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    (y..=y + YEAR_SEARCH)
        .filter_map(|yy| ymd(yy, m, d))
        .find(|x| *x >= reference)
}

/// The year of the most recent month `m` that has begun on or before `reference`.
pub fn month_year_back(m: u32, reference: NaiveDate) -> i32 {
    if m <= reference.month() {
        reference.year()
    } else {
        reference.year() - 1
    }
}

/// The year of the first month `m` that has not ended before `reference`.
pub fn month_year_forward(m: u32, reference: NaiveDate) -> i32 {
    if m >= reference.month() {
        reference.year()
    } else {
        reference.year() + 1
    }
}

/// Weekday index 0 = Monday .. 6 = Sunday.
fn wd_index(d: NaiveDate) -> i64 {
    i64::from(d.weekday().num_days_from_monday())
}

/// The most recent weekday `wd` (1 = Monday .. 7 = Sunday) on or before `reference`.
pub fn weekday_on_or_before(wd: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let back = (wd_index(reference) - (i64::from(wd) - 1)).rem_euclid(7);
    add_days(reference, -back)
}

/// The first weekday `wd` (1 = Monday .. 7 = Sunday) on or after `reference`.
pub fn weekday_on_or_after(wd: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let fwd = ((i64::from(wd) - 1) - wd_index(reference)).rem_euclid(7);
    add_days(reference, fwd)
}

/// Monday of the ISO week holding `d`.
pub fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -wd_index(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_day_back_and_forward() {
        assert_eq!(
            month_day_on_or_before(12, 3, d("2023-12-14")),
            Some(d("2023-12-03"))
        );
        assert_eq!(
            month_day_on_or_before(12, 28, d("2024-01-10")),
            Some(d("2023-12-28"))
        );
        assert_eq!(
            month_day_on_or_before(1, 10, d("2024-01-10")),
            Some(d("2024-01-10"))
        );
        assert_eq!(
            month_day_on_or_before(2, 29, d("2023-03-01")),
            Some(d("2020-02-29"))
        );
        assert_eq!(
            month_day_on_or_after(3, 31, d("2025-02-03")),
            Some(d("2025-03-31"))
        );
        assert_eq!(month_day_on_or_before(2, 30, d("2023-03-01")), None);
    }

    #[test]
    fn weekdays() {
        // 2024-03-15 is a Friday.
        assert_eq!(
            weekday_on_or_before(2, d("2024-03-15")),
            Some(d("2024-03-12"))
        );
        assert_eq!(
            weekday_on_or_before(5, d("2024-03-15")),
            Some(d("2024-03-15"))
        );
        assert_eq!(
            weekday_on_or_before(6, d("2024-03-15")),
            Some(d("2024-03-09"))
        );
        assert_eq!(
            weekday_on_or_after(1, d("2024-03-15")),
            Some(d("2024-03-18"))
        );
        assert_eq!(monday_of(d("2024-03-17")), Some(d("2024-03-11")));
    }

    #[test]
    fn months() {
        assert_eq!(shift_month(2024, 1, -1), (2023, 12));
        assert_eq!(shift_month(2024, 12, 1), (2025, 1));
        assert_eq!(month_end(2024, 2), Some(d("2024-02-29")));
        assert_eq!(month_year_back(10, d("2025-02-03")), 2024);
        assert_eq!(month_year_back(2, d("2025-02-03")), 2025);
        assert_eq!(month_year_forward(1, d("2025-02-03")), 2026);
    }
}
