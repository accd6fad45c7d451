//! The unit grammar: every form of issue 5, coordination, owners, normalisation.
mod common;
use common::{canonicals, find, mention};
use sitrep_actors::{normalise_unit, Actors};
use sitrep_core::ActorKind;

#[test]
fn long_and_short_forms_resolve_to_canonical_short_forms() {
    let cases = [
        (
            "Soldiers of Light Infantry Battalion 118 fled the camp.",
            "Light Infantry Battalion 118",
            "LIB 118",
        ),
        (
            "The convoy of LIB 143 was hit near the bridge.",
            "LIB 143",
            "LIB 143",
        ),
        (
            "Infantry Battalion 87 shelled the village.",
            "Infantry Battalion 87",
            "IB 87",
        ),
        (
            "Reinforcements from IB 125 arrived on Monday.",
            "IB 125",
            "IB 125",
        ),
        (
            "Troops of Light Infantry Division 22 moved north.",
            "Light Infantry Division 22",
            "LID 22",
        ),
        ("A column of LID 22 entered the town.", "LID 22", "LID 22"),
        (
            "Men from Division 66 were deployed at the university.",
            "Division 66",
            "LID 66",
        ),
        (
            "The 33rd Light Infantry Division burned the village.",
            "33rd Light Infantry Division",
            "LID 33",
        ),
        (
            "Light Infantry Brigade 12 retreated.",
            "Light Infantry Brigade 12",
            "LIB 12",
        ),
        (
            "Artillery Battalion 301 fired on the hills.",
            "Artillery Battalion 301",
            "Artillery Battalion 301",
        ),
        (
            "The base of Military Operations Command 16 fell.",
            "Military Operations Command 16",
            "MOC 16",
        ),
        ("Officers of MOC 16 fled.", "MOC 16", "MOC 16"),
        ("Officers of MOC-9 fled.", "MOC-9", "MOC 9"),
        (
            "No. 6 Military Operations Command was overrun.",
            "No. 6 Military Operations Command",
            "MOC 6",
        ),
        (
            "The Tactical Operations Command 2 base was shelled.",
            "Tactical Operations Command 2",
            "TOC 2",
        ),
        (
            "Resistance forces seized the TOC 3 headquarters.",
            "TOC 3",
            "TOC 3",
        ),
        (
            "Fighters surrounded the Laukkai Regional Operations Command.",
            "Laukkai Regional Operations Command",
            "ROC Laukkai",
        ),
        (
            "Troops from Battalion 430 surrendered.",
            "Battalion 430",
            "Battalion 430",
        ),
        (
            "Light Infantry Battalion No. 54 withdrew.",
            "Light Infantry Battalion No. 54",
            "LIB 54",
        ),
        (
            "Infantry Battalion (IB) 33 withdrew.",
            "Infantry Battalion (IB) 33",
            "IB 33",
        ),
    ];
    for (text, name, canonical) in cases {
        let ms = find(text);
        let m = mention(&ms, name);
        assert_eq!(m.canonical, canonical, "{text}");
        assert_eq!(m.kind, ActorKind::MilitaryUnit, "{text}");
        assert_eq!(m.parent.as_deref(), Some("Myanmar Armed Forces"), "{text}");
        assert_eq!(m.side.as_deref(), Some("junta"), "{text}");
        assert!(!m.generic, "{text}");
    }
}

#[test]
fn regional_military_commands() {
    let ms = find(
        "Lashio, home to the Northeastern Command, fell; the Western Command in Ann was next.",
    );
    let ne = mention(&ms, "Northeastern Command");
    assert_eq!(ne.kind, ActorKind::MilitaryUnit);
    assert_eq!(ne.parent.as_deref(), Some("Myanmar Armed Forces"));
    assert_eq!(mention(&ms, "Western Command").canonical, "Western Command");
}

#[test]
fn two_units_in_one_phrase() {
    let text = "Infantry Battalion 125 and 129 surrendered in the north.";
    let ms = find(text);
    let units: Vec<_> = ms
        .iter()
        .filter(|m| m.kind == ActorKind::MilitaryUnit)
        .collect();
    assert_eq!(units.len(), 2, "{ms:#?}");
    assert_eq!(units[0].canonical, "IB 125");
    assert_eq!(units[0].name, "Infantry Battalion 125");
    assert_eq!(units[1].canonical, "IB 129");
    assert_eq!(units[1].name, "129");
    assert_eq!(units[1].span.slice(text), "129");
    assert_eq!(units[1].parent.as_deref(), Some("Myanmar Armed Forces"));

    let ms = find("Fighters overran Light Infantry Battalions 543 and 544 on Monday.");
    assert_eq!(canonicals(&ms)[1..], ["LIB 543", "LIB 544"]);

    let ms = find("Light Infantry Battalions 101, 102 and 103 were disbanded.");
    assert_eq!(canonicals(&ms), ["LIB 101", "LIB 102", "LIB 103"]);

    let ms =
        find("Soldiers of Infantry Battalion 130 and Light Infantry Battalion 324 laid down arms.");
    let units: Vec<_> = ms
        .iter()
        .filter(|m| m.kind == ActorKind::MilitaryUnit)
        .map(|m| m.canonical.as_str())
        .collect();
    assert_eq!(units, ["IB 130", "LIB 324"]);
}

#[test]
fn a_count_after_a_unit_is_not_another_unit() {
    let ms = find("LIB 143 and 200 soldiers surrendered.");
    let units: Vec<_> = ms
        .iter()
        .filter(|m| m.kind == ActorKind::MilitaryUnit)
        .collect();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].canonical, "LIB 143");
    let ms = find("The base of Battalion 20 km north of the town was empty.");
    assert!(
        ms.iter().all(|m| m.kind != ActorKind::MilitaryUnit),
        "{ms:#?}"
    );
}

#[test]
fn pdf_battalion_versus_army_battalion() {
    let text = "PDF Battalion 3 ambushed a column of Light Infantry Battalion 3 near the river.";
    let ms = find(text);
    let pdf = mention(&ms, "PDF Battalion 3");
    assert_eq!(pdf.canonical, "PDF Battalion 3");
    assert_eq!(pdf.parent.as_deref(), Some("PDF"));
    assert_eq!(pdf.side.as_deref(), Some("resistance"));
    let army = mention(&ms, "Light Infantry Battalion 3");
    assert_eq!(army.canonical, "LIB 3");
    assert_eq!(army.parent.as_deref(), Some("Myanmar Armed Forces"));
    // The owner is part of the unit, not a separate mention.
    assert!(!ms.iter().any(|m| m.name == "PDF"));
}

#[test]
fn units_of_ethnic_armed_groups() {
    let ms = find("KNLA Brigade 7 attacked an outpost.");
    let b = mention(&ms, "KNLA Brigade 7");
    assert_eq!(b.canonical, "KNLA Brigade 7");
    assert_eq!(b.parent.as_deref(), Some("KNLA"));

    let ms = find("The Kachin Independence Army said its 3rd Brigade led the assault.");
    let b = mention(&ms, "3rd Brigade");
    assert_eq!(b.canonical, "KIA Brigade 3");
    assert_eq!(b.parent.as_deref(), Some("KIA"));

    let ms = find("Fighters from the TNLA’s Brigade 5 took the hill.");
    assert_eq!(mention(&ms, "Brigade 5").canonical, "TNLA Brigade 5");

    // The army's own possessive keeps the army canonical.
    let ms = find("The junta's Light Infantry Battalion 20 withdrew.");
    assert_eq!(
        mention(&ms, "Light Infantry Battalion 20").canonical,
        "LIB 20"
    );
}

#[test]
fn not_units() {
    for text in [
        "Operation 1027 began on October 27.",
        "He was born in Mandalay Division in 1970.",
        "The division of labour was unfair.",
        "Two battalion bases fell.",
    ] {
        let ms = find(text);
        assert!(
            ms.iter()
                .all(|m| m.kind != ActorKind::MilitaryUnit || m.generic),
            "{text}: {ms:#?}"
        );
    }
}

#[test]
fn generic_unit_references_resolve_to_the_last_unit() {
    let ms = find("Infantry Battalion 12 was based in the town. The battalion fled on Sunday.");
    let g = mention(&ms, "The battalion");
    assert!(g.generic);
    assert_eq!(g.canonical, "IB 12");
    assert_eq!(g.kind, ActorKind::MilitaryUnit);
}

#[test]
fn normalise_unit_strings() {
    let cases = [
        ("Light Infantry Battalion 143", Some("LIB 143")),
        ("light infantry battalion 143", Some("LIB 143")),
        ("LIB 143", Some("LIB 143")),
        ("LIB-143", Some("LIB 143")),
        ("Infantry Battalion 125", Some("IB 125")),
        ("IB 125", Some("IB 125")),
        ("Light Infantry Division 22", Some("LID 22")),
        ("Division 66", Some("LID 66")),
        ("LID 66", Some("LID 66")),
        ("Military Operations Command 16", Some("MOC 16")),
        ("MOC No. 16", Some("MOC 16")),
        ("22nd Light Infantry Division", Some("LID 22")),
        ("Battalion 430", Some("Battalion 430")),
        ("Arakan Army", None),
        ("Operation 1027", None),
        ("", None),
    ];
    for (s, want) in cases {
        assert_eq!(normalise_unit(s).as_deref(), want, "{s:?}");
        assert_eq!(
            Actors::embedded().normalise_unit(s).as_deref(),
            want,
            "{s:?}"
        );
    }
}

#[test]
fn owner_after_the_unit() {
    let ms = find("Brigade 5 of the KNLA attacked the camp.");
    let b = mention(&ms, "Brigade 5");
    assert_eq!(b.canonical, "KNLA Brigade 5");
    assert_eq!(b.parent.as_deref(), Some("KNLA"));
}
