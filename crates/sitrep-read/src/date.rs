//! Publication dates as pages and feeds write them.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Parse a publication date in one of the common metadata forms into the calendar
/// date as written (the time and the zone are dropped):
/// `2023-12-14`, `2023-12-14T09:30:00+06:30`, `2023/12/14`, `20231214`,
/// `Thu, 14 Dec 2023 09:30:00 +0630` (RFC 2822), `December 14, 2023`, `Dec. 14, 2023`,
/// `14 December 2023`, and `14/12/2023` or `12/14/2023` when the order is unambiguous.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static COMPACT: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let iso =
        ISO.get_or_init(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").unwrap());
    if let Some(c) = iso.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    let compact = COMPACT.get_or_init(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)").unwrap());
    if let Some(c) = compact.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    let numeric = NUMERIC
        .get_or_init(|| Regex::new(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\D|$)").unwrap());
    if let Some(c) = numeric.captures(s) {
        let a: u32 = c[1].parse().ok()?;
        let b: u32 = c[2].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        return match (a > 12, b > 12) {
            (true, false) => NaiveDate::from_ymd_opt(y, b, a),
            (false, true) => NaiveDate::from_ymd_opt(y, a, b),
            _ if a == b => NaiveDate::from_ymd_opt(y, a, b),
            _ => None,
        };
    }
    with_month_name(s)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `December 14, 2023`, `14 Dec 2023`, `Thu, 14 Dec 2023 09:30:00 GMT`.
fn with_month_name(s: &str) -> Option<NaiveDate> {
    // Tokens: runs of letters or of digits.
    let mut tokens: Vec<&str> = Vec::new();
    let (mut cur_start, mut cur_class) = (0usize, 0u8);
    for (i, c) in s.char_indices() {
        let class = if c.is_ascii_alphabetic() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            0
        };
        if class != cur_class {
            if cur_class != 0 {
                tokens.push(&s[cur_start..i]);
            }
            cur_start = i;
            cur_class = class;
        }
    }
    if cur_class != 0 {
        tokens.push(&s[cur_start..]);
    }
    let month_at = tokens.iter().position(|t| month_number(t).is_some())?;
    let month = month_number(tokens[month_at])?;
    let year: i32 = tokens
        .iter()
        .find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let is_day = |t: &&&str| t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    let day = tokens.get(month_at + 1).filter(is_day).or_else(|| {
        month_at
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .filter(is_day)
    })?;
    NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)
}

fn month_number(t: &str) -> Option<u32> {
    if t.len() < 3 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let l = t.to_ascii_lowercase();
    let i = MONTHS.iter().position(|m| l.starts_with(m))?;
    // Either the abbreviation ("Dec", "Sept") or the full name ("December").
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][i];
    (full.starts_with(&l)).then_some(i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn iso_forms() {
        assert_eq!(parse_date("2023-12-14"), d(2023, 12, 14));
        assert_eq!(parse_date("2023-12-14T23:30:00+06:30"), d(2023, 12, 14));
        assert_eq!(parse_date(" 2023-12-14 08:00 "), d(2023, 12, 14));
        assert_eq!(parse_date("2023/1/5"), d(2023, 1, 5));
        assert_eq!(parse_date("20231214"), d(2023, 12, 14));
        assert_eq!(parse_date("20231214T0930"), d(2023, 12, 14));
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            parse_date("Thu, 14 Dec 2023 09:30:00 +0630"),
            d(2023, 12, 14)
        );
        assert_eq!(parse_date("December 14, 2023"), d(2023, 12, 14));
        assert_eq!(parse_date("Dec. 14, 2023"), d(2023, 12, 14));
        assert_eq!(parse_date("14 September 2024"), d(2024, 9, 14));
        assert_eq!(parse_date("Sept 3 2024"), d(2024, 9, 3));
    }

    #[test]
    fn numeric_day_month_order_only_when_unambiguous() {
        assert_eq!(parse_date("14/12/2023"), d(2023, 12, 14));
        assert_eq!(parse_date("12/14/2023"), d(2023, 12, 14));
        assert_eq!(parse_date("03/04/2023"), None);
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2023-13-40"), None);
        assert_eq!(parse_date("Mayhem 12 2023"), None);
        assert_eq!(parse_date("Battalion 143"), None);
    }
}
