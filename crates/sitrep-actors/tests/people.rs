//! People with ranks, roles and honorifics, and the units they belong to.
mod common;
use common::{find, mention, names};
use sitrep_core::ActorKind;

#[test]
fn rank_and_unit() {
    let text =
        "Thirty soldiers led by Captain Aung Ko Min from Light Infantry Division 77 surrendered.";
    let ms = find(text);
    let p = mention(&ms, "Captain Aung Ko Min");
    assert_eq!(p.kind, ActorKind::Person);
    assert_eq!(p.canonical, "Aung Ko Min");
    assert_eq!(p.parent.as_deref(), Some("LID 77"));
    assert_eq!(p.side.as_deref(), Some("junta"));
}

#[test]
fn role_rank_and_group() {
    let ms = find("Junta spokesman Major General Zaw Min Tun said the town was safe.");
    let p = mention(&ms, "Major General Zaw Min Tun");
    assert_eq!(p.canonical, "Zaw Min Tun");
    assert_eq!(p.parent.as_deref(), Some("Myanmar Armed Forces"));

    let ms = find("TNLA spokesperson Lway Yay Oo confirmed the attack.");
    let p = mention(&ms, "Lway Yay Oo");
    assert_eq!(p.kind, ActorKind::Person);
    assert_eq!(p.parent.as_deref(), Some("TNLA"));
    assert_eq!(p.side.as_deref(), Some("resistance"));

    let ms =
        find("The battalion commander Major Kyaw Thura of Infantry Battalion 54 was captured.");
    let p = mention(&ms, "Major Kyaw Thura");
    assert_eq!(p.canonical, "Kyaw Thura");
    assert_eq!(p.parent.as_deref(), Some("IB 54"));
}

#[test]
fn commander_of_the_unit_named_before() {
    let ms = find("Ninety members of Light Infantry Battalion 200, including the commander Kyaw Soe Win, surrendered.");
    let p = mention(&ms, "Kyaw Soe Win");
    assert_eq!(p.parent.as_deref(), Some("LIB 200"));
}

#[test]
fn burmese_honorifics_begin_names() {
    for (text, name, canonical) in [
        (
            "U Tun Tun Naing was arrested.",
            "U Tun Tun Naing",
            "Tun Tun Naing",
        ),
        (
            "Daw Khin Myo Aye fled to the camp.",
            "Daw Khin Myo Aye",
            "Khin Myo Aye",
        ),
        (
            "The driver, Ko Zaw Htet, was shot.",
            "Ko Zaw Htet",
            "Zaw Htet",
        ),
        (
            "Saw Ler Wah, 40, stepped on a mine.",
            "Saw Ler Wah",
            "Saw Ler Wah",
        ),
        (
            "Villager Salai Za Uk was injured.",
            "Salai Za Uk",
            "Salai Za Uk",
        ),
        ("Nang Seng was detained.", "Nang Seng", "Nang Seng"),
        (
            "Former lieutenant Sai Tun Aung defected.",
            "lieutenant Sai Tun Aung",
            "Sai Tun Aung",
        ),
    ] {
        let ms = find(text);
        let p = mention(&ms, name);
        assert_eq!(p.kind, ActorKind::Person, "{text}");
        assert_eq!(p.canonical, canonical, "{text}");
    }
}

#[test]
fn known_leaders() {
    let ms = find("Min Aung Hlaing chaired the meeting.");
    let p = mention(&ms, "Min Aung Hlaing");
    assert_eq!(p.kind, ActorKind::Person);
    assert_eq!(p.parent.as_deref(), Some("Myanmar Armed Forces"));
}

#[test]
fn not_people() {
    for text in [
        "He was treated at Hpa-an General Hospital.",
        "He was treated at Hpa An General Hospital.",
        "The General Strike Committee called a stoppage.",
        "A captain and two sergeants were captured.",
        "The major roads were closed.",
        "A private Telegram channel posted it.",
    ] {
        let ms = find(text);
        assert!(
            ms.iter().all(|m| m.kind != ActorKind::Person),
            "{text}: {:?}",
            names(&ms)
        );
    }
}

#[test]
fn appositive_roles_give_the_group() {
    let ms = find(
        "U Kyaw Zaw, a spokesperson for the NUG’s presidential office, told reporters the figure.",
    );
    let p = mention(&ms, "U Kyaw Zaw");
    assert_eq!(p.parent.as_deref(), Some("NUG"));
    let ms = find("Col. Naw Bu, the KIA spokesman, said so.");
    assert_eq!(mention(&ms, "Col. Naw Bu").parent.as_deref(), Some("KIA"));
    // A dictionary organisation beats a name-like reading ("Ma" is also an honorific).
    let ms = find("Ma Ba Tha monks marched in Mandalay.");
    assert_eq!(mention(&ms, "Ma Ba Tha").kind, ActorKind::Organization);
}
