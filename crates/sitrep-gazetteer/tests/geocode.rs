//! The geocoder on texts written for these tests, in the style of news reports.

use sitrep_core::{PlaceMention, PlacePrecision};
use sitrep_gazetteer::Gazetteer;

fn g() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(Gazetteer::builtin)
}

fn find(text: &str) -> Vec<PlaceMention> {
    let m = g().find(text, &sitrep_text::sentences(text));
    for x in &m {
        assert_eq!(&text[x.span.0..x.span.1], x.name, "span and name agree");
        assert_eq!(x.location.span, Some(x.span));
    }
    m
}

fn get<'a>(ms: &'a [PlaceMention], name: &str) -> &'a PlaceMention {
    ms.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no mention `{name}` in {:#?}", names(ms)))
}

fn names(ms: &[PlaceMention]) -> Vec<String> {
    ms.iter().map(|m| m.name.clone()).collect()
}

fn admin1(m: &PlaceMention) -> Option<&str> {
    m.location.admin1.as_deref()
}

#[test]
fn same_named_villages_follow_their_township() {
    let a = find("Soldiers raided Sin Kyun village in Madaya Township on Monday, residents said.");
    let m = get(&a, "Sin Kyun village");
    assert_eq!(admin1(m), Some("Mandalay"));
    assert_eq!(m.location.township.as_deref(), Some("Madaya"));
    assert_eq!(m.location.place_id.as_deref(), Some("190110"));
    assert_eq!(m.location.precision, Some(PlacePrecision::Site));
    assert_eq!(m.location.kind.as_deref(), Some("village"));

    let b = find("Soldiers raided Sin Kyun village in Kayan Township on Monday, residents said.");
    let m = get(&b, "Sin Kyun village");
    assert_eq!(admin1(m), Some("Yangon"));
    assert_eq!(m.location.place_id.as_deref(), Some("160545"));

    // The township is named in another sentence of the document.
    let c = find(
        "Fighting spread across Madaya Township this week.\n\nOn Friday troops burned houses in Sin Kyun village, a monk said.",
    );
    let m = get(&c, "Sin Kyun village");
    assert_eq!(m.location.place_id.as_deref(), Some("190110"));
}

#[test]
fn a_village_named_only_with_its_region_keeps_the_region() {
    // Two villages of this name in Magway Region, none chosen by the text.
    let a = find("Artillery shells hit Kyin village in Magway Region on Tuesday night.");
    let m = get(&a, "Kyin village");
    assert_eq!(admin1(m), Some("Magway"));
    assert_eq!(m.location.place_id, None);
    assert_eq!(m.location.precision, Some(PlacePrecision::Site));
    // A township name shared by two regions: the region decides.
    let b = find("Junta troops entered Htantabin in Yangon Region on Sunday.");
    assert_eq!(admin1(get(&b, "Htantabin")), Some("Yangon"));
    let c = find("Junta troops entered Htantabin, Bago Region, on Sunday.");
    assert_eq!(admin1(get(&c, "Htantabin")), Some("Bago"));
}

#[test]
fn a_list_followed_by_one_region_takes_that_region() {
    let t = "The regime freed 30 inmates from Myingyan Prison, 12 from Minhla and 8 from Thayet Prison in Magway Region, and 40 from Hpa-an Prison in Karen State.";
    let ms = find(t);
    assert_eq!(
        admin1(get(&ms, "Myingyan Prison")),
        Some("Mandalay"),
        "the gazetteer wins over a conflicting region"
    );
    let minhla = get(&ms, "Minhla");
    assert_eq!(admin1(minhla), Some("Magway"), "{}", minhla.why);
    assert_eq!(minhla.location.place_id.as_deref(), Some("MMR009013701"));
    assert_eq!(admin1(get(&ms, "Thayet Prison")), Some("Magway"));
    assert_eq!(admin1(get(&ms, "Hpa-an Prison")), Some("Kayin"));
    // An unknown prison in the list gets the region from the list.
    let t = "Around 50 were taken from Obo Prison, 20 from Zayat Gyi Prison and 9 from Meiktila Prison in Mandalay Region.";
    let ms = find(t);
    let z = get(&ms, "Zayat Gyi Prison");
    assert_eq!(admin1(z), Some("Mandalay"));
    assert_eq!(z.location.kind.as_deref(), Some("prison"));
    assert_eq!(z.location.place_id, None);
}

#[test]
fn place_names_inside_organisation_names_are_not_places() {
    let t = "Delegates of the Kachin Independence Army, the Karen National Union, the Arakan Army, the Shan State Progress Party, the Chin National Army and the Karenni Nationalities Defense Force met in Mon State. The United Wa State Army and the Myanmar National Democratic Alliance Army sent observers.";
    let ms = find(t);
    assert_eq!(names(&ms), ["Mon State"]);
    assert_eq!(admin1(&ms[0]), Some("Mon"));
    assert_eq!(ms[0].location.precision, Some(PlacePrecision::Admin1));
}

#[test]
fn ethnonyms_people_and_common_words_are_not_places() {
    let ms = find("A Shan political analyst said Kachin refugees and Karen villagers fled. Captain Kyaw Ye Aung surrendered. Ann told reporters the talks failed.");
    assert!(ms.is_empty(), "{:?}", names(&ms));
    let ms = find("Fighting continued in northern Shan and in Karenni, residents said.");
    assert_eq!(admin1(get(&ms, "northern Shan")), Some("Shan"));
    assert_eq!(
        get(&ms, "northern Shan").location.place_id.as_deref(),
        Some("MMR015")
    );
    assert_eq!(admin1(get(&ms, "Karenni")), Some("Kayah"));
    // "Ann" with the Western Command named in the document is the Rakhine township.
    let ms = find("The AA overran the Western Command headquarters in Ann in December.");
    assert_eq!(admin1(get(&ms, "Ann")), Some("Rakhine"));
    assert_eq!(admin1(get(&ms, "Western Command")), Some("Rakhine"));
}

#[test]
fn possessives_and_apposition() {
    let ms = find("Jets bombed a school in Sagaing Region's Kanbalu Township. Troops at Loikaw University in Karenni State's capital, Loikaw, surrendered.");
    let k = get(&ms, "Kanbalu Township");
    assert_eq!(admin1(k), Some("Sagaing"));
    assert_eq!(k.location.precision, Some(PlacePrecision::Township));
    assert_eq!(k.location.place_id.as_deref(), Some("MMR005007"));
    assert_eq!(admin1(get(&ms, "Sagaing Region")), Some("Sagaing"));
    assert_eq!(admin1(get(&ms, "Karenni State")), Some("Kayah"));
    let u = get(&ms, "Loikaw University");
    assert_eq!(u.location.kind.as_deref(), Some("university"));
    assert_eq!(u.location.township.as_deref(), Some("Loikaw"));
    let l = get(&ms, "Loikaw");
    assert_eq!(l.location.precision, Some(PlacePrecision::Town));
    assert_eq!(admin1(l), Some("Kayah"));
}

#[test]
fn unknown_villages_keep_their_name_and_context() {
    let t = "Two jets bombed Thit Seint Pin Gyi village in Sagaing Region's Kanbalu Township on Tuesday.\n\nResidents of Thit Seint Pin Gyi said 17 people died.";
    let ms = find(t);
    let v = get(&ms, "Thit Seint Pin Gyi village");
    assert_eq!(v.location.kind.as_deref(), Some("village"));
    assert_eq!(v.location.precision, Some(PlacePrecision::Site));
    assert_eq!(admin1(v), Some("Sagaing"));
    assert_eq!(v.location.township.as_deref(), Some("Kanbalu"));
    assert_eq!(v.location.place_id, None);
    // The bare repeat is found and resolved the same way.
    let r = get(&ms, "Thit Seint Pin Gyi");
    assert_eq!(r.location.township.as_deref(), Some("Kanbalu"));
}

#[test]
fn spelling_variants_are_the_same_place() {
    let ms = find("Clashes were reported in Kalay, Kale and Kalemyo, in Theinni and Hsenwi, in Laukkai and Laukkaing, in Namkham and Namhkan, and in Paunde and Paungde.");
    let id = |n: &str| get(&ms, n).location.place_id.clone().unwrap();
    assert_eq!(id("Kalay"), id("Kale"));
    assert_eq!(id("Kale"), id("Kalemyo"));
    assert_eq!(id("Theinni"), id("Hsenwi"));
    assert_eq!(id("Laukkai"), id("Laukkaing"));
    assert_eq!(id("Namkham"), id("Namhkan"));
    assert_eq!(id("Paunde"), id("Paungde"));
    assert_eq!(admin1(get(&ms, "Kalay")), Some("Sagaing"));
    assert_eq!(admin1(get(&ms, "Theinni")), Some("Shan"));
}

#[test]
fn admin1_aliases_resolve_to_the_canonical_names() {
    let ms = find("Refugees fled from Irrawaddy Region, Pegu Division, Tenasserim Region, Arakan State, Karen State and Nay Pyi Taw to northern Shan State.");
    assert_eq!(admin1(get(&ms, "Irrawaddy Region")), Some("Ayeyarwady"));
    assert_eq!(admin1(get(&ms, "Pegu Division")), Some("Bago"));
    assert_eq!(admin1(get(&ms, "Tenasserim Region")), Some("Tanintharyi"));
    assert_eq!(admin1(get(&ms, "Arakan State")), Some("Rakhine"));
    assert_eq!(admin1(get(&ms, "Karen State")), Some("Kayin"));
    assert_eq!(admin1(get(&ms, "Nay Pyi Taw")), Some("Naypyitaw"));
    let s = get(&ms, "northern Shan State");
    assert_eq!(admin1(s), Some("Shan"));
    assert_eq!(s.location.precision, Some(PlacePrecision::Admin1));
}

#[test]
fn type_words_choose_the_level() {
    let ms =
        find("The PDF attacked Kawlin town, then withdrew to Kawlin Township and Kale District.");
    assert_eq!(
        get(&ms, "Kawlin town").location.precision,
        Some(PlacePrecision::Town)
    );
    assert_eq!(
        get(&ms, "Kawlin Township").location.precision,
        Some(PlacePrecision::Township)
    );
    assert_eq!(
        get(&ms, "Kale District").location.precision,
        Some(PlacePrecision::District)
    );
    let ms = find("The MNDAA seized the town of Theinni on Saturday.");
    assert_eq!(
        get(&ms, "Theinni").location.precision,
        Some(PlacePrecision::Town)
    );
}

#[test]
fn odd_input_does_not_panic() {
    assert!(find("").is_empty());
    assert!(find("   \n\n ").is_empty());
    let _ = find("’s 's - -- Township village Region of in Prison");
    let _ = find("ကလေးမြို့ Kale’ Kale' Kale- -Kale ⚠️ Kalay—Kale");
    let t = "In Kale";
    assert_eq!(g().find(t, &[]).len(), 1, "works without sentences");
}

#[test]
fn resolve_admin1_of_and_lookup() {
    let g = g();
    assert_eq!(g.admin1_of("Kalay"), Some("Sagaing"));
    assert_eq!(g.admin1_of("Karenni"), Some("Kayah"));
    assert_eq!(g.admin1_of("northern Shan State"), Some("Shan"));
    assert_eq!(g.admin1_of("Insein Prison"), Some("Yangon"));
    assert_eq!(g.admin1_of("Minhla"), None, "two townships of that name");
    assert_eq!(g.admin1_of("Nowhere At All"), None);
    let l = g.resolve("Minhla", Some("Magway Region")).unwrap();
    assert_eq!(l.admin1.as_deref(), Some("Magway"));
    assert_eq!(l.name, "Minhla");
    let l = g.resolve("Kanbalu Township", None).unwrap();
    assert_eq!(l.precision, Some(PlacePrecision::Township));
    assert!(g.resolve("Minhla", None).is_none());
    let c = g.lookup("Minhla", None);
    assert!(
        c.len() >= 2,
        "both Minhla townships and their towns are candidates"
    );
    assert_eq!(g.canonical_admin1("Tenasserim"), Some("Tanintharyi"));
    assert_eq!(g.canonical_admin1("Kale"), None);
}

#[test]
fn user_rows_add_and_merge_places() {
    let mut g = Gazetteer::builtin();
    let n = g
        .add_user_tsv("#id\tname\tkind\tprecision\tadmin1\ttownship_pcode\tlat\tlon\taliases\nuser:1\tHtee Kyaw Pin\tvillage\tsite\t\tMMR005007\t23.2\t95.5\tHti Kyaw Pin\n")
        .unwrap();
    assert_eq!(n, 1);
    let ms = g.find("Troops burned Hti Kyaw Pin village on Sunday.", &[]);
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].location.admin1.as_deref(), Some("Sagaing"));
    assert_eq!(ms[0].location.place_id.as_deref(), Some("user:1"));
    let err = g
        .add_user_tsv("user:2\tSomewhere\tvillage\tsite\tAtlantis\t\t\t\t\n")
        .unwrap_err();
    assert!(
        err.to_string().contains("line 1") && err.to_string().contains("Atlantis"),
        "{err}"
    );
    let err = g
        .add_user_tsv("user:3\tSomewhere\tvillage\tsite\t\tMMR999999\t\t\t\n")
        .unwrap_err();
    assert!(err.to_string().contains("MMR999999"), "{err}");
}

#[test]
fn bare_list_items_take_the_township_of_the_sentence() {
    let t = "In Madaya Township, troops burned 30 houses in Kan Gyi Kone village, 12 in Let Pan Chaung and several more on Sunday.";
    let ms = find(t);
    let v = get(&ms, "Let Pan Chaung");
    assert_eq!(v.location.township.as_deref(), Some("Madaya"), "{}", v.why);
    assert_eq!(admin1(v), Some("Mandalay"));
    assert_eq!(
        v.location.place_id, None,
        "no village of that name in Madaya"
    );
    // Without a township in the sentence a bare village name elsewhere is not guessed.
    let ms = find("Troops burned 12 houses in Let Pan Chaung on Sunday.");
    assert!(ms.is_empty(), "{:?}", names(&ms));
}

#[test]
fn a_direction_word_stays_in_the_name() {
    let ms = find("Police officers in southern Chin State defected on Friday.");
    let m = get(&ms, "southern Chin State");
    assert_eq!(admin1(m), Some("Chin"));
    assert_eq!(m.location.precision, Some(PlacePrecision::Admin1));
}

#[test]
fn burmese_names_are_found_by_lookup() {
    let c = g().lookup("ကလေး", None);
    assert!(
        c.iter()
            .any(|c| c.location.place_id.as_deref() == Some("MMR005027")),
        "Kale township by its Burmese name"
    );
}

#[test]
fn hyphens_and_capitals_around_type_words() {
    let ms = find("Troops shelled Hpa-an town and the junta-held Kawlin town on Sunday.");
    assert_eq!(admin1(get(&ms, "Hpa-an town")), Some("Kayin"));
    assert_eq!(admin1(get(&ms, "Kawlin town")), Some("Sagaing"));
    let ms = find("JUNTA JETS BOMB KANBALU VILLAGE\n\nTwo jets bombed a school.");
    let m = get(&ms, "KANBALU VILLAGE");
    assert_eq!(admin1(m), Some("Sagaing"));
    assert!(
        !names(&ms).iter().any(|n| n.contains("JETS")),
        "{:?}",
        names(&ms)
    );
}

#[test]
fn districts_are_named_without_the_level_word() {
    let ms = find("Fighters said they had held the road in Myitkyina District for a month.");
    let m = get(&ms, "Myitkyina District");
    assert_eq!(m.location.name, "Myitkyina");
    assert_eq!(m.location.kind.as_deref(), Some("district"));
    assert_eq!(admin1(m), Some("Kachin"));
}
