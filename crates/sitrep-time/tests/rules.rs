//! Behaviour that a one-sentence table cannot show: several mentions in a
//! document, chains of relative dates, spans, and what is left out.

use chrono::NaiveDate;
use sitrep_core::{TimePrecision, TimeRole};
use sitrep_time::find;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn mentions_come_in_text_order_with_byte_spans() {
    let text = "“Résistance” fighters attacked on Monday. On Wednesday, jets bombed the town; since March 7, 900 people fled.";
    let ms = find(text, Some(d("2024-04-04")));
    let texts: Vec<&str> = ms.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Monday", "Wednesday", "since March 7"]);
    for m in &ms {
        assert_eq!(&text[m.span.0..m.span.1], m.text);
    }
    assert_eq!(ms[0].start, Some(d("2024-04-01")));
    assert_eq!(ms[1].start, Some(d("2024-04-03")));
    assert_eq!(ms[2].role, TimeRole::Since);
}

#[test]
fn explicit_date_wins_over_the_operation_anchor() {
    let text = "Hundreds of soldiers have surrendered since Operation 1027 was launched in northern Shan State on October 27.";
    let ms = find(text, Some(d("2023-12-14")));
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!(ms[0].text, "October 27");
    assert_eq!(ms[0].role, TimeRole::Since);
    assert_eq!(ms[0].start, Some(d("2023-10-27")));
    assert_eq!(ms[0].end, Some(d("2023-12-14")));
}

#[test]
fn relative_days_count_from_the_closest_preceding_day() {
    let text = "The siege began in November. Troops entered the town on December 2. \
                The following day they burned the market. Two days later, they left.";
    let ms = find(text, Some(d("2023-12-20")));
    let starts: Vec<_> = ms.iter().map(|m| (m.text.as_str(), m.start)).collect();
    assert_eq!(
        starts,
        [
            ("November", Some(d("2023-11-01"))),
            ("December 2", Some(d("2023-12-02"))),
            ("The following day", Some(d("2023-12-03"))),
            ("Two days later", Some(d("2023-12-05"))),
        ]
    );
}

#[test]
fn relative_day_without_a_preceding_day_stays_open() {
    let ms = find(
        "The following day, the troops withdrew.",
        Some(d("2024-01-10")),
    );
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].start, None);
    // A month is not a day to count from.
    let ms = find(
        "Fighting began in May. The next day, troops withdrew.",
        Some(d("2024-07-01")),
    );
    assert_eq!(ms[1].start, None);
}

#[test]
fn relative_day_resolves_without_publication_date_after_a_full_date() {
    let ms = find(
        "Troops entered on February 1, 2021. The following day, strikes began.",
        None,
    );
    assert_eq!(ms[1].start, Some(d("2021-02-02")));
}

#[test]
fn anchors_only_count_in_a_temporal_context() {
    assert!(find(
        "The coup leader addressed the nation.",
        Some(d("2024-01-01"))
    )
    .is_empty());
    assert!(find(
        "Analysts discussed the coup and its aftermath.",
        Some(d("2024-01-01"))
    )
    .is_empty());
    let ms = find("Prices have tripled since the coup.", Some(d("2024-01-01")));
    assert_eq!(ms[0].start, Some(d("2021-02-01")));
    let ms = find(
        "He fled to Thailand after seizing power was announced.",
        Some(d("2024-01-01")),
    );
    assert_eq!(ms[0].role, TimeRole::Since);
}

#[test]
fn before_an_anchor_has_no_start() {
    let ms = find(
        "Before the coup, the army had 300,000 troops.",
        Some(d("2025-02-03")),
    );
    assert_eq!(ms[0].start, None);
    assert_eq!(ms[0].end, Some(d("2021-02-01")));
    assert_eq!(ms[0].precision, Some(TimePrecision::Range));
}

#[test]
fn a_weekday_on_publication_day_is_that_day() {
    // Wire copy dated Thursday saying "on Thursday".
    let ms = find("Protesters marched on Thursday.", Some(d("2021-03-04")));
    assert_eq!(ms[0].start, Some(d("2021-03-04")));
    let ms = find("Protesters marched last Thursday.", Some(d("2021-03-04")));
    assert_eq!(ms[0].start, Some(d("2021-02-25")));
}

#[test]
fn explicit_future_date_is_marked_future() {
    let ms = find(
        "Elections were announced for November 8, 2025.",
        Some(d("2025-01-10")),
    );
    assert_eq!(ms[0].role, TimeRole::Future);
    assert_eq!(ms[0].start, Some(d("2025-11-08")));
}

#[test]
fn future_cue_only_in_the_same_clause() {
    let ms = find(
        "The group said it will keep fighting, after jets bombed the camp on Tuesday.",
        Some(d("2024-03-15")),
    );
    assert_eq!(ms[0].role, TimeRole::At);
    assert_eq!(ms[0].start, Some(d("2024-03-12")));
}

#[test]
fn deadline_is_not_read_into_a_possessive() {
    let ms = find(
        "Two villagers were killed by Monday's airstrike.",
        Some(d("2024-03-15")),
    );
    assert_eq!(ms[0].role, TimeRole::At);
    assert_eq!(ms[0].start, Some(d("2024-03-11")));
}

#[test]
fn dates_without_year_keep_text_norm_without_publication_date() {
    let ms = find(
        "Clashes broke out on 12 November night and again in December.",
        None,
    );
    assert_eq!(ms[0].text_norm.as_deref(), Some("--11-12"));
    assert_eq!(ms[0].start, None);
    assert_eq!(ms[1].text_norm.as_deref(), Some("--12"));
    let ms = find("Clashes broke out in November 2023.", None);
    assert_eq!(ms[0].text_norm.as_deref(), Some("2023-11"));
    assert_eq!(ms[0].start, Some(d("2023-11-01")));
}

#[test]
fn durations_ages_clock_times_and_unit_numbers_are_not_times() {
    let text = "The 31-year-old, who served for seven years in Battalion 2020, was shot at 9 pm \
                during the fourth week of the strike; 2019 soldiers and 24/7 patrols were mentioned.";
    assert!(
        find(text, Some(d("2024-03-15"))).is_empty(),
        "{:?}",
        find(text, Some(d("2024-03-15")))
    );
}

#[test]
fn empty_and_odd_input() {
    assert!(find("", Some(d("2024-03-15"))).is_empty());
    assert!(find("December", None).len() == 1);
    assert!(find("on 31 February", Some(d("2024-03-15")))[0]
        .start
        .is_none());
    assert!(find("20", Some(d("2024-03-15"))).is_empty());
    assert!(find("since", Some(d("2024-03-15"))).is_empty());
    assert!(find("2023-13-45 and 2023-02-30", Some(d("2024-03-15"))).is_empty());
}
