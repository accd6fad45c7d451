//! The actor dictionary: canonical names, aliases, generic references, sides.
mod common;
use common::{find, mention, names};
use sitrep_actors::Actors;
use sitrep_core::ActorKind;

#[test]
fn spec_table_canonicals_exist_with_their_kinds() {
    let a = Actors::embedded();
    let table = [
        ("Myanmar Armed Forces", ActorKind::StateForce),
        ("Myanmar Police Force", ActorKind::Police),
        ("Pyu Saw Htee", ActorKind::Militia),
        ("Three Brotherhood Alliance", ActorKind::ArmedGroup),
        ("MNDAA", ActorKind::ArmedGroup),
        ("TNLA", ActorKind::ArmedGroup),
        ("AA", ActorKind::ArmedGroup),
        ("KIA", ActorKind::ArmedGroup),
        ("KNLA", ActorKind::ArmedGroup),
        ("KNDF", ActorKind::ArmedGroup),
        ("KA", ActorKind::ArmedGroup),
        ("CNA", ActorKind::ArmedGroup),
        ("PDF", ActorKind::ArmedGroup),
        ("NUG", ActorKind::Government),
        ("UWSA", ActorKind::ArmedGroup),
        ("BGF", ActorKind::Militia),
    ];
    for (c, kind) in table {
        let info = a.info(c).unwrap_or_else(|| panic!("missing {c}"));
        assert_eq!(info.kind, kind, "{c}");
        assert!(info.acled_actor.is_some(), "{c} has no ACLED actor");
    }
    let groups = a
        .entries()
        .filter(|e| matches!(e.kind, ActorKind::ArmedGroup | ActorKind::Militia))
        .count();
    assert!(groups >= 30, "only {groups} armed groups and militias");
}

#[test]
fn every_way_of_naming_the_armed_forces() {
    for (text, name) in [
        ("The junta bombed the village.", "junta"),
        ("Myanmar's regime announced a curfew.", "Myanmar's regime"),
        ("The Tatmadaw lost the town.", "Tatmadaw"),
        ("Sit-Tat columns advanced.", "Sit-Tat"),
        ("The SAC extended martial law.", "SAC"),
        (
            "The State Administration Council met.",
            "State Administration Council",
        ),
        (
            "The military council announced a pardon.",
            "The military council",
        ),
        ("Junta troops torched the houses.", "Junta troops"),
        ("Fifty junta soldiers surrendered.", "junta soldiers"),
        ("The army shelled the town.", "The army"),
        ("Military jets struck the market.", "Military jets"),
        ("Junta aircraft bombed a school.", "Junta aircraft"),
        ("The regime's forces withdrew.", "regime's forces"),
    ] {
        let ms = find(text);
        let m = mention(&ms, name);
        assert_eq!(m.canonical, "Myanmar Armed Forces", "{text}");
        assert_eq!(m.kind, ActorKind::StateForce, "{text}");
        assert_eq!(m.side.as_deref(), Some("junta"), "{text}");
        assert!(
            !m.generic,
            "{text}: {name} is a name, not a generic reference"
        );
    }
}

#[test]
fn police_militias_and_state_media() {
    let ms = find("Junta police and Pyu Saw Htee members raided the ward, state media said.");
    assert_eq!(
        mention(&ms, "Junta police").canonical,
        "Myanmar Police Force"
    );
    assert_eq!(mention(&ms, "Junta police").kind, ActorKind::Police);
    assert_eq!(
        mention(&ms, "Pyu Saw Htee members").canonical,
        "Pyu Saw Htee"
    );
    let sm = mention(&ms, "state media");
    assert_eq!(sm.canonical, "Myanmar state media");
    assert_eq!(sm.kind, ActorKind::Organization);
    assert_eq!(sm.side.as_deref(), Some("junta"));

    let ms = find("A pro-junta militia abducted five men.");
    assert_eq!(mention(&ms, "pro-junta militia").canonical, "Pyu Saw Htee");
    // "pro-military" does not name the army.
    let ms = find("A pro-military channel posted the video.");
    assert!(
        ms.iter().all(|m| m.canonical != "Myanmar Armed Forces"),
        "{:?}",
        names(&ms)
    );
}

#[test]
fn place_named_organisations_are_one_actor() {
    let text = "The Kachin Independence Army (KIA) seized the base.";
    let ms = find(text);
    let kia: Vec<_> = ms.iter().filter(|m| m.canonical == "KIA").collect();
    assert_eq!(kia.len(), 1, "{:?}", names(&ms));
    assert_eq!(kia[0].name, "Kachin Independence Army");
    assert_eq!(kia[0].kind, ActorKind::ArmedGroup);

    for (text, name, canonical) in [
        (
            "The Karen National Liberation Army attacked.",
            "Karen National Liberation Army",
            "KNLA",
        ),
        (
            "The Karen National Union signed.",
            "Karen National Union",
            "KNU",
        ),
        (
            "The Ta'ang National Liberation Army advanced.",
            "Ta'ang National Liberation Army",
            "TNLA",
        ),
        (
            "The Myanmar National Democratic Alliance Army took the town.",
            "Myanmar National Democratic Alliance Army",
            "MNDAA",
        ),
        (
            "The Karenni Nationalities Defense Force shelled the base.",
            "Karenni Nationalities Defense Force",
            "KNDF",
        ),
        (
            "The Chin National Army ambushed a convoy.",
            "Chin National Army",
            "CNA",
        ),
        (
            "The United Wa State Army stayed neutral.",
            "United Wa State Army",
            "UWSA",
        ),
        ("ULA/AA fighters entered the town.", "ULA/AA fighters", "AA"),
        (
            "The Kalay PDF said it attacked the outpost.",
            "Kalay PDF",
            "PDF",
        ),
        ("The Karenni Army joined.", "Karenni Army", "KA"),
        (
            "The Border Guard Force switched sides.",
            "Border Guard Force",
            "BGF",
        ),
    ] {
        let ms = find(text);
        assert_eq!(mention(&ms, name).canonical, canonical, "{text}");
    }
}

#[test]
fn acronyms_match_only_in_capitals() {
    let ms = find("The AA and the KA met; a baa and a ka were heard.");
    let c: Vec<_> = ms.iter().map(|m| m.canonical.as_str()).collect();
    assert_eq!(c, ["AA", "KA"]);
}

#[test]
fn burmese_aliases() {
    let ms = find("တပ်မတော် က ဗုံးကြဲသည်။");
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].canonical, "Myanmar Armed Forces");
}

#[test]
fn generic_references_are_flagged_and_resolved() {
    let text = "The TNLA took Mantong on Friday. The group said its fighters captured 20 soldiers. Troops withdrew.";
    let ms = find(text);
    let group = mention(&ms, "The group");
    assert!(group.generic);
    assert_eq!(group.canonical, "TNLA");
    let fighters = mention(&ms, "its fighters");
    assert!(fighters.generic);
    assert_eq!(fighters.canonical, "TNLA");
    let soldiers = mention(&ms, "soldiers");
    assert!(soldiers.generic);
    assert_eq!(soldiers.canonical, "Myanmar Armed Forces");
    assert!(mention(&ms, "Troops").generic);

    let ms = find("Resistance forces attacked the base.");
    let r = mention(&ms, "Resistance forces");
    assert!(r.generic);
    assert_eq!(r.side.as_deref(), Some("resistance"));
}

#[test]
fn a_name_before_a_generic_noun_absorbs_it() {
    let ms = find("KIA fighters and KNDF officials arrived.");
    assert_eq!(mention(&ms, "KIA fighters").canonical, "KIA");
    assert!(!mention(&ms, "KIA fighters").generic);
    assert_eq!(mention(&ms, "KNDF officials").canonical, "KNDF");
    assert_eq!(ms.len(), 2, "{:?}", names(&ms));
}

#[test]
fn lookups_and_sides() {
    let a = Actors::embedded();
    assert_eq!(
        a.canonical_of("Tatmadaw").map(|i| i.canonical.as_str()),
        Some("Myanmar Armed Forces")
    );
    assert_eq!(
        a.canonical_of("kachin independence army")
            .map(|i| i.canonical.as_str()),
        Some("KIA")
    );
    assert_eq!(
        a.canonical_of("Kokang army").map(|i| i.canonical.as_str()),
        Some("MNDAA")
    );
    assert_eq!(
        a.canonical_of("Yinmabin PDF").map(|i| i.canonical.as_str()),
        Some("PDF")
    );
    assert_eq!(
        a.canonical_of("the group").map(|i| i.canonical.as_str()),
        Some("Unidentified armed group")
    );
    assert!(a.canonical_of("aa").is_none());
    assert!(a.canonical_of("Insein Prison").is_none());
    assert_eq!(a.side_of("MNDAA"), Some("resistance"));
    assert_eq!(a.side_of("Pyu Saw Htee"), Some("junta"));
    assert_eq!(a.side_of("LIB 143"), Some("junta"));
    assert_eq!(a.side_of("PDF Battalion 3"), Some("resistance"));
    assert_eq!(a.side_of("KIA Brigade 3"), Some("resistance"));
    assert_eq!(a.side_of("ROC Laukkai"), Some("junta"));
    assert_eq!(a.side_of("Nobody"), None);
    assert_eq!(
        a.acled_of("Myanmar Armed Forces"),
        Some(("Military Forces of Myanmar (2021-)", 1))
    );
    assert_eq!(a.acled_of("Civilians").map(|x| x.1), Some(7));
    assert_eq!(a.acled_of("Protesters").map(|x| x.1), Some(6));
}

#[test]
fn mentions_are_in_text_order_with_exact_spans() {
    let text = "On Monday the AA, the TNLA and junta troops from LIB 12 clashed near Kyauktaw.";
    let ms = find(text);
    for w in ms.windows(2) {
        assert!(w[0].span.1 <= w[1].span.0);
    }
    for m in &ms {
        assert_eq!(m.span.slice(text), m.name);
    }
}

#[test]
fn bad_input_does_not_panic() {
    for text in [
        "",
        " ",
        "\n\n",
        "“",
        "”\"“",
        "LIB",
        "Battalion",
        "No. ",
        "Captain",
        "U",
        "said:",
        "Saw “",
    ] {
        let (ms, atts, quotes) = common::attribute(text);
        let _ = (ms, atts, quotes);
    }
}

#[test]
fn possessive_generics_take_the_actor_before_them() {
    let ms = find("The Myanmar military said its troops had retaken the town.");
    let t = mention(&ms, "its troops");
    assert!(t.generic);
    assert_eq!(t.canonical, "Myanmar Armed Forces");
    let ms = find("The Arakan Army said its fighters had overrun the base.");
    assert_eq!(mention(&ms, "its fighters").canonical, "AA");
}
