//! Numbers inside the names of units, operations, laws and aircraft are
//! never counts (spec §2: "unit numbers", "Operation 1027").

use sitrep_quantity::find;

/// Each sentence with the designator whose number must not be read as a count.
const CASES: &[(&str, &str)] = &[
    (
        "41 members of Light Infantry Battalion 143 surrendered.",
        "143",
    ),
    (
        "Light Infantry Battalions 543 and 544 were overrun on Monday.",
        "543",
    ),
    (
        "Light Infantry Battalions 543 and 544 were overrun on Monday.",
        "544",
    ),
    (
        "Infantry Battalion 125 and 129 surrendered to the MNDAA.",
        "125",
    ),
    (
        "Infantry Battalion 125 and 129 surrendered to the MNDAA.",
        "129",
    ),
    ("Troops from LIB 143 torched the village.", "143"),
    ("IB 54 soldiers deserted their posts.", "54"),
    ("Thirty-two soldiers from Division 66 surrendered.", "66"),
    (
        "Twenty-three troops from Light Infantry Division 22 surrendered.",
        "22",
    ),
    (
        "The KNLA's Brigade 7 attacked the outpost, killing five soldiers.",
        "7",
    ),
    ("Fighters from the KIA's 3rd Brigade led the assault.", "3"),
    (
        "Hundreds of soldiers have surrendered since Operation 1027 began.",
        "1027",
    ),
    ("Tens of thousands fled as Operation 1111 began.", "1111"),
    ("He was jailed under Section 505A of the Penal Code.", "505"),
    (
        "The No. 6 Military Advanced Training Depot was attacked.",
        "6",
    ),
    ("The jets, Yak-130 fighters, made three passes.", "130"),
    ("Two Mi-17 helicopters landed at the base.", "17"),
    ("MOC 16 troops entered the town.", "16"),
    ("Troops of Regiment 11 and 200 police were deployed.", "11"),
    ("Article 144 was imposed in 12 townships.", "144"),
];

#[test]
fn unit_numbers_are_never_counts() {
    for (text, num) in CASES {
        let at = text.find(num).expect("number in case text");
        let found = find(text);
        let hit = found
            .iter()
            .find(|m| m.number_span.0 <= at && at < m.number_span.1);
        assert!(hit.is_none(), "{text}: `{num}` read as a count: {hit:?}");
    }
}

#[test]
fn counts_next_to_unit_numbers_are_kept() {
    let text = "41 members of Light Infantry Battalion 143, 126 members of Light Infantry \
                Battalion 128 and 124 family members surrendered.";
    let got: Vec<(Option<i64>, Option<String>)> =
        find(text).into_iter().map(|m| (m.best, m.who)).collect();
    assert_eq!(
        got,
        vec![
            (Some(41), Some("members".to_string())),
            (Some(126), Some("members".to_string())),
            (Some(124), Some("family members".to_string())),
        ]
    );
    let text = "Troops of Regiment 11 and 200 police were deployed.";
    let found = find(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].best, Some(200));
}
