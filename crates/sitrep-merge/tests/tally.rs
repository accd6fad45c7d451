//! Tallies and the force-strength ledger over merged incidents.

mod common;

use common::*;
use sitrep_core::{EventType::*, Measure};
use sitrep_merge::{ledger, merge, tally, Flow, TallyBy};

const MAF: &str = "Myanmar Armed Forces";

fn reports() -> Vec<sitrep_merge::MergeInput> {
    vec![
        // One surrender told twice (126 / 127): counted once.
        report(
            "a",
            1,
            Surrender,
            "2024-01-06",
            "126 soldiers of LIB 128 surrendered in Laukkai on Friday.",
        )
        .exact(126, "soldiers")
        .site("Laukkai", "P1", "Laukkai", "Shan")
        .on("2024-01-05", "on Friday")
        .unit("LIB 128")
        .to("MNDAA")
        .done(),
        report(
            "b",
            1,
            Surrender,
            "2024-01-07",
            "127 troops of LIB 128 gave up in Laukkai on January 5.",
        )
        .exact(127, "troops")
        .site("Laukkai", "P1", "Laukkai", "Shan")
        .on("2024-01-05", "on January 5")
        .unit("LIB 128")
        .to("MNDAA")
        .done(),
        // Another surrender with an open upper bound.
        report(
            "c",
            1,
            Surrender,
            "2024-01-21",
            "More than 30 soldiers surrendered in Hsenwi Township on Saturday.",
        )
        .more_than(30, "soldiers")
        .township("Hsenwi Township", "Shan")
        .on("2024-01-20", "on Saturday")
        .junta()
        .to("TNLA")
        .done(),
        // A surrender with no number at all.
        report(
            "d",
            1,
            Surrender,
            "2024-02-03",
            "Soldiers of an outpost in Kutkai surrendered on Friday.",
        )
        .township("Kutkai Township", "Shan")
        .on("2024-02-02", "on Friday")
        .junta()
        .done(),
        // A summary claim: never added to the single incidents.
        report(
            "e",
            1,
            Surrender,
            "2024-01-07",
            "Over 2,000 soldiers have surrendered since October 27.",
        )
        .more_than(2000, "soldiers")
        .admin1("Shan State", "Shan")
        .between(
            "2023-10-27",
            "2024-01-07",
            sitrep_core::TimePrecision::Range,
            "since October 27",
        )
        .junta()
        .aggregate()
        .done(),
        // Killed: the junta as target of a PDF ambush.
        report(
            "f",
            1,
            Battle,
            "2024-01-10",
            "PDF fighters ambushed a junta convoy in Kani, killing 12 soldiers.",
        )
        .exact(12, "soldiers")
        .township("Kani Township", "Sagaing")
        .on("2024-01-09", "on Tuesday")
        .agent("PDF")
        .target(MAF)
        .done(),
        // Prisoners sent to the front, and a call-up.
        report(
            "g",
            1,
            Conscription,
            "2024-03-05",
            "The junta sent 300 prisoners to the front on Sunday.",
        )
        .exact(300, "prisoners")
        .admin1("Mandalay", "Mandalay")
        .on("2024-03-03", "on Sunday")
        .junta()
        .done(),
        report(
            "h",
            1,
            Conscription,
            "2024-03-20",
            "The regime called up dozens of young men in Magway.",
        )
        .dozens("young men")
        .admin1("Magway", "Magway")
        .on("2024-03-18", "on Monday")
        .junta()
        .done(),
        // An air strike by the junta: not a loss of the junta's.
        report(
            "i",
            1,
            Airstrike,
            "2024-03-11",
            "A junta air strike killed 9 villagers in Kani on Sunday.",
        )
        .exact(9, "villagers")
        .township("Kani Township", "Sagaing")
        .on("2024-03-10", "on Sunday")
        .junta()
        .done(),
        // No time in the text: dated by its publication.
        report(
            "j",
            1,
            Desertion,
            "2024-05-02",
            "Eight soldiers deserted from a base in Minbu, a local group said.",
        )
        .exact(8, "soldiers")
        .township("Minbu Township", "Magway")
        .junta()
        .done(),
    ]
}

#[test]
fn tally_by_type_sums_incidents_not_reports_and_keeps_unknown_bounds_unknown() {
    let incidents = merge(&reports());
    let rows = tally(&incidents, TallyBy::Type);
    let s = rows.iter().find(|r| r.key == "surrender").unwrap();
    assert_eq!(s.measure, Measure::People);
    assert_eq!(s.incidents, 3, "{rows:#?}");
    assert_eq!(s.reports, 4);
    // 126 (low of 126/127) + 31 + nothing.
    assert_eq!(s.low, 126 + 31);
    // Bests: median of 126/127 = 126, and 31; one incident without a best.
    assert_eq!(s.best, 126 + 31);
    assert_eq!(s.best_missing, 1);
    // "more than 30" and the surrender without a number leave the high unknown.
    assert_eq!(s.high, None);
    assert!(s.high_unknown);
    assert_eq!(s.high_missing, 2);
    assert_eq!(s.disputed, 1);
    assert_eq!(s.summary_claims, 1);
    assert_eq!(s.summary_best_max, Some(2001));

    let b = rows.iter().find(|r| r.key == "battle").unwrap();
    assert_eq!(b.measure, Measure::Killed);
    assert_eq!((b.low, b.best, b.high), (12, 12, Some(12)));
    assert!(!b.high_unknown);
}

#[test]
fn tally_by_place_time_and_actor() {
    let incidents = merge(&reports());
    let by_admin1 = tally(&incidents, TallyBy::Admin1);
    let shan = by_admin1.iter().find(|r| r.key == "Shan").unwrap();
    assert_eq!(shan.incidents, 3);
    let by_month = tally(&incidents, TallyBy::Month);
    let jan: Vec<_> = by_month.iter().filter(|r| r.key == "2024-01").collect();
    // January: surrenders (people) and the ambush (killed) in separate rows.
    assert_eq!(jan.len(), 2);
    assert!(by_month.iter().any(|r| r.key == "2024-05" && r.best == 8));
    let by_week = tally(&incidents, TallyBy::Week);
    assert!(by_week
        .iter()
        .any(|r| r.key == "2024-W01" && r.incidents == 1));
    let by_township = tally(&incidents, TallyBy::Township);
    assert!(by_township.iter().any(|r| r.key == "Hsenwi" && r.low == 31));
    let by_actor = tally(&incidents, TallyBy::Actor);
    let pdf = by_actor.iter().find(|r| r.key == "PDF").unwrap();
    assert_eq!(pdf.incidents, 1);
    // Units count for their parent force.
    assert!(by_actor
        .iter()
        .any(|r| r.key == MAF && r.measure == Measure::People && r.low >= 126));
}

#[test]
fn ledger_lists_personnel_flows_against_the_force_by_month() {
    let incidents = merge(&reports());
    let rows = ledger(&incidents, "myanmar armed forces");
    let find = |month: &str, flow: Flow, summary: bool| {
        rows.iter()
            .find(|r| r.month == month && r.flow == flow && r.summary == summary)
            .unwrap_or_else(|| panic!("no {month} {flow:?} row in {rows:#?}"))
    };
    let jan = find("2024-01", Flow::Surrendered, false);
    assert_eq!(jan.incidents, 2);
    assert_eq!(jan.low, 126 + 31);
    assert_eq!(jan.high, None);
    assert!(jan.high_unknown);
    assert_eq!(jan.sources.len(), 3);
    assert_eq!(jan.direction, "out");
    let feb = find("2024-02", Flow::Surrendered, false);
    assert_eq!(feb.best_missing, 1);
    let summary = find("2023-10", Flow::Surrendered, true);
    assert_eq!(summary.best, 2001);
    let killed = find("2024-01", Flow::Killed, false);
    assert_eq!((killed.low, killed.best, killed.high), (12, 12, Some(12)));
    let front = find("2024-03", Flow::ReleasedToFront, false);
    assert_eq!(front.best, 300);
    assert_eq!(front.direction, "in");
    let drafted = find("2024-03", Flow::Conscripted, false);
    assert_eq!(drafted.low, 24);
    assert_eq!(drafted.best_missing, 1);
    // The junta's own air strike is not a loss of the junta's.
    assert!(!rows
        .iter()
        .any(|r| r.flow == Flow::Killed && r.month == "2024-03"));
    // Another force: only what names it.
    let deserted = find("2024-05", Flow::Deserted, false);
    assert_eq!(deserted.best, 8);
    let pdf = ledger(&incidents, "PDF");
    assert!(pdf.is_empty(), "{pdf:#?}");
}

#[test]
fn a_capture_told_as_the_garrisons_surrender_counts_as_surrendered() {
    let inputs = vec![
        report(
            "a",
            1,
            Capture,
            "2024-01-06",
            "The MNDAA captured the Laukkai base on Friday.",
        )
        .site("Laukkai", "P1", "Laukkai", "Shan")
        .on("2024-01-05", "on Friday")
        .agent("MNDAA")
        .to(MAF)
        .done(),
        report(
            "b",
            1,
            Capture,
            "2024-01-06",
            "Laukkai base fell to the Kokang army on Friday.",
        )
        .site("Laukkai", "P1", "Laukkai", "Shan")
        .on("2024-01-05", "on Friday")
        .agent("MNDAA")
        .to(MAF)
        .done(),
        report(
            "c",
            1,
            Surrender,
            "2024-01-07",
            "The 126 soldiers of the Laukkai base surrendered to the MNDAA on Friday.",
        )
        .exact(126, "soldiers")
        .site("Laukkai", "P1", "Laukkai", "Shan")
        .on("2024-01-05", "on Friday")
        .junta()
        .to("MNDAA")
        .done(),
    ];
    let incidents = merge(&inputs);
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    assert_eq!(incidents[0].event_type, Capture);
    assert_eq!(incidents[0].types, vec![Capture, Surrender]);
    let rows = ledger(&incidents, MAF);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].flow, Flow::Surrendered);
    assert_eq!(rows[0].best, 126);
}
