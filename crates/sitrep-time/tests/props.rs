//! Property tests over publication dates and generated sentences.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use sitrep_core::TimeRole;
use sitrep_time::find;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Publication dates from 2000 to 2035.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..13_000).prop_map(|k| {
        NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(k))
            .unwrap()
    })
}

/// Weekday phrases as reports write them; `{}` is the weekday.
const WEEKDAY_FORMS: &[&str] = &[
    "Troops shelled the village on {}, residents said.",
    "The raid took place on {} afternoon.",
    "{} evening shelling killed two people.",
    "{}'s strike was the deadliest this month.",
    "Soldiers opened fire on {} morning.",
    "Fighting resumed on {} night near the bridge.",
    "Since {}, thousands have fled.",
];

/// Time phrases, mixed into sentences by the generator.
const PHRASES: &[&str] = &[
    "on Tuesday",
    "since March 7",
    "earlier this month",
    "last week",
    "last month",
    "in November",
    "early July",
    "late October",
    "mid-March",
    "last year",
    "in 2024",
    "this year",
    "yesterday",
    "today",
    "this morning",
    "tonight",
    "two years ago",
    "three days ago",
    "the following day",
    "four days later",
    "since the coup",
    "since Operation 1027 began",
    "on Armed Forces Day",
    "by March 31",
    "within 30 days",
    "until the end of the month",
    "next month",
    "later this month",
    "next week",
    "will meet on Friday",
    "on December 3",
    "on 24 June",
    "on Nov 12, 2023",
    "2023-11-12",
    "February 10 last year",
    "last Tuesday",
    "the past two weeks",
    "since late October",
    "since the start of the year",
    "before the coup",
    "from March 2 to March 9",
    "between 2021 and 2023",
    "on February 29",
    "in May",
    "since 2021",
];

const FILLER: &[&str] = &[
    "junta troops attacked the village",
    "the group said",
    "more than 40 people were killed",
    "residents fled to the forest",
    "Light Infantry Battalion 2021 withdrew",
    "a 62-year-old man was injured",
    "for seven years",
    "at around 2 pm",
    "Operation 1027",
    ",",
    ".",
    "\n",
    "“",
    "”",
    "—",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            (0..PHRASES.len()).prop_map(|i| PHRASES[i].to_string()),
            (0..FILLER.len()).prop_map(|i| FILLER[i].to_string()),
        ],
        1..12,
    )
    .prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    /// A weekday alone resolves to that weekday, 0..=6 days before D.
    #[test]
    fn weekday_is_within_the_week_before(d in any_date(), wd in 0usize..7, form in 0usize..WEEKDAY_FORMS.len()) {
        let text = WEEKDAY_FORMS[form].replace("{}", WEEKDAYS[wd]);
        let ms = find(&text, Some(d));
        let m = ms.iter().find(|m| m.text.contains(WEEKDAYS[wd])).expect("weekday found");
        let s = m.start.expect("resolved");
        let back = (d - s).num_days();
        prop_assert!((0..=6).contains(&back), "{text:?} D={d} start={s}");
        prop_assert_eq!(s.weekday().num_days_from_monday() as usize, wd);
    }

    /// "last <weekday>" is 1..=7 days before D (7 when D is that weekday).
    #[test]
    fn last_weekday_is_within_a_week(d in any_date(), wd in 0usize..7) {
        let text = format!("Troops withdrew last {}.", WEEKDAYS[wd]);
        let ms = find(&text, Some(d));
        let s = ms[0].start.unwrap();
        let back = (d - s).num_days();
        if d.weekday().num_days_from_monday() as usize == wd {
            prop_assert_eq!(back, 7);
        } else {
            prop_assert!((1..=6).contains(&back));
        }
    }

    /// A month and day without a year is the most recent one on or before D.
    #[test]
    fn month_day_is_most_recent(d in any_date(), m in 1u32..=12, day in 1u32..=28, dayfirst in any::<bool>()) {
        let text = if dayfirst {
            format!("The attack took place on {day} {} near the town.", MONTHS[m as usize - 1])
        } else {
            format!("The attack took place on {} {day} near the town.", MONTHS[m as usize - 1])
        };
        let ms = find(&text, Some(d));
        prop_assert_eq!(ms.len(), 1);
        let s = ms[0].start.unwrap();
        prop_assert!(s <= d);
        prop_assert!((d - s).num_days() < 366);
        prop_assert_eq!((s.month(), s.day()), (m, day));
        prop_assert_eq!(ms[0].text_norm.clone(), Some(format!("--{m:02}-{day:02}")));
        // Without D the text fixes only month and day.
        let none = find(&text, None);
        prop_assert_eq!(none[0].start, None);
        prop_assert_eq!(none[0].text_norm.clone(), Some(format!("--{m:02}-{day:02}")));
    }

    /// "since <Month>" starts on the 1st of the most recent such month.
    #[test]
    fn since_month_is_most_recent_first(d in any_date(), m in 1u32..=12) {
        let text = format!("Thousands have fled since {}.", MONTHS[m as usize - 1]);
        let ms = find(&text, Some(d));
        prop_assert_eq!(ms.len(), 1);
        let s = ms[0].start.unwrap();
        prop_assert_eq!(ms[0].role, TimeRole::Since);
        prop_assert_eq!((s.month(), s.day()), (m, 1));
        prop_assert!(s <= d && (d - s).num_days() < 366);
        prop_assert_eq!(ms[0].end, Some(d));
    }

    /// Nothing resolves after D unless the text makes it a future or a deadline;
    /// spans are in order, do not overlap and match the text.
    #[test]
    fn no_start_after_publication(d in any_date(), text in sentence()) {
        let ms = find(&text, Some(d));
        let mut last = 0;
        for m in &ms {
            prop_assert!(m.span.0 >= last && m.span.0 < m.span.1);
            last = m.span.1;
            prop_assert_eq!(text.get(m.span.0..m.span.1), Some(m.text.as_str()));
            if let Some(s) = m.start {
                if !matches!(m.role, TimeRole::Future | TimeRole::Deadline) {
                    prop_assert!(s <= d, "{:?} starts {} after D {}", m.text, s, d);
                }
                if let Some(e) = m.end {
                    prop_assert!(s <= e, "{:?}: start {} after end {}", m.text, s, e);
                }
            }
        }
    }

    /// Without D nothing relative resolves, and nothing panics.
    #[test]
    fn without_date_only_fixed_times_resolve(text in sentence()) {
        for m in find(&text, None) {
            if m.start.is_some() {
                // What the text fixes, or a day counted from a fixed date mentioned before.
                prop_assert!(m.text_norm.is_some() || m.text.contains("later") || m.text.contains("following")
                    || m.text.starts_with("between") || m.text.starts_with("from")
                    || m.text.contains(" after the coup"),
                    "{:?} resolved without D", m.text);
            }
        }
    }

    /// Arbitrary text never panics and spans fall on character boundaries.
    #[test]
    fn arbitrary_text_is_safe(text in "\\PC{0,200}", d in any_date()) {
        for m in find(&text, Some(d)) {
            prop_assert!(text.is_char_boundary(m.span.0) && text.is_char_boundary(m.span.1));
        }
    }
}
