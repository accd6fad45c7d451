//! Whole-pipeline tests of event assembly (issue 6) on reports written for
//! these tests: every type of spec §1, the rules of spec §8 and the not-events.
//! All texts are fictional.

use chrono::NaiveDate;
use sitrep_core::{Document, Event, EventType};
use sitrep_extract::{Extractor, Options};

fn extract(text: &str, published: &str) -> Vec<Event> {
    let d = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
    let doc = Document::new(text).with_published(Some(d));
    Extractor::new(Options { explain: true })
        .extract(&doc)
        .events
}

fn of_type(events: &[Event], t: EventType) -> Vec<&Event> {
    events.iter().filter(|e| e.event_type == t).collect()
}

fn best(e: &Event) -> Option<i64> {
    e.primary_quantity().and_then(|q| q.best)
}

fn admin1(e: &Event) -> Option<&str> {
    e.location.as_ref().and_then(|l| l.admin1.as_deref())
}

fn date(e: &Event) -> Option<String> {
    e.time.start.map(|d| d.to_string())
}

/// The role of the actor with this canonical name, if the event has it.
fn role_of(e: &Event, canonical: &str) -> Option<&'static str> {
    e.actors
        .iter()
        .find(|a| a.canonical == canonical)
        .map(|a| a.role.as_str())
}

fn has_actor(e: &Event, canonical: &str) -> bool {
    e.actors.iter().any(|a| a.canonical == canonical)
}

fn dump(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| {
            format!(
                "{} count={:?} admin1={:?} place={:?} date={:?} actors={:?}",
                e.event_type,
                best(e),
                admin1(e),
                e.location.as_ref().map(|l| &l.name),
                date(e),
                e.actors
                    .iter()
                    .map(|a| a.canonical.as_str())
                    .collect::<Vec<_>>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn surrender_with_unit_count_and_counterpart() {
    let ev = extract(
        "Fifty-four soldiers from Light Infantry Battalion 212 surrendered to the Ta'ang National Liberation Army in Kyaukme Township, Shan State, on Monday, the group said.",
        "2024-01-17",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(best(s[0]), Some(54));
    assert_eq!(admin1(s[0]), Some("Shan"));
    assert_eq!(date(s[0]).as_deref(), Some("2024-01-15"));
    assert!(
        has_actor(s[0], "LIB 212") && has_actor(s[0], "TNLA"),
        "{}",
        dump(&ev)
    );
}

#[test]
fn airstrike_with_killed_and_injured_and_implied_junta() {
    let ev = extract(
        "Military jets bombed a market in Pale Township, Sagaing Region, on Friday, killing 12 civilians and wounding at least 20 others, residents said.",
        "2024-05-13",
    );
    let a = of_type(&ev, EventType::Airstrike);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert_eq!(best(a[0]), Some(12));
    let inj = a[0]
        .quantity(sitrep_core::Measure::Injured)
        .expect("injured count");
    assert_eq!((inj.low, inj.best, inj.high), (Some(20), Some(20), None));
    assert_eq!(admin1(a[0]), Some("Sagaing"));
    assert_eq!(date(a[0]).as_deref(), Some("2024-05-10"));
    assert!(has_actor(a[0], "Myanmar Armed Forces"));
}

#[test]
fn list_of_counts_and_places_is_one_event_per_item() {
    let ev = extract(
        "More than 300 inmates were released from Mandalay Prison, 45 from Myingyan Prison in Mandalay Region and about 80 from Taungoo Prison in Bago Region on Tuesday.",
        "2024-01-05",
    );
    let r = of_type(&ev, EventType::PrisonerRelease);
    assert_eq!(r.len(), 3, "{}", dump(&ev));
    assert_eq!(best(r[0]), Some(301));
    assert_eq!(best(r[1]), Some(45));
    assert_eq!(best(r[2]), Some(80));
    assert_eq!(admin1(r[1]), Some("Mandalay"));
    assert_eq!(admin1(r[2]), Some("Bago"));
    for e in &r {
        assert_eq!(
            date(e).as_deref(),
            Some("2024-01-02"),
            "shared date: {}",
            dump(&ev)
        );
    }
}

#[test]
fn two_units_named_together_are_two_events() {
    let ev = extract(
        "Troops of Infantry Battalion 61 and 62 abandoned their camps near Hpakant in Kachin State on Sunday.",
        "2024-03-05",
    );
    let w = of_type(&ev, EventType::Withdrawal);
    assert_eq!(w.len(), 2, "{}", dump(&ev));
    assert!(has_actor(w[0], "IB 61") && !has_actor(w[0], "IB 62"));
    assert!(has_actor(w[1], "IB 62") && !has_actor(w[1], "IB 61"));
}

#[test]
fn repeated_mentions_are_one_event() {
    let ev = extract(
        "Junta shelling kills five in Minbya\n\nArtillery shells fired from a junta base hit Pyin Shey village in Minbya Township, Rakhine State, on Wednesday, killing five villagers.\nThe shelling also destroyed a school, residents said.",
        "2024-02-16",
    );
    let s = of_type(&ev, EventType::Shelling);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(best(s[0]), Some(5));
    assert_eq!(admin1(s[0]), Some("Rakhine"));
}

#[test]
fn summary_claims_are_aggregate() {
    let ev = extract(
        "The resistance says more than 2,500 soldiers have surrendered across the country since the 2021 coup.",
        "2024-06-01",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert!(s[0].aggregate);
    assert_eq!(best(s[0]), Some(2501));
    assert_eq!(date(s[0]).as_deref(), Some("2021-02-01"));
}

#[test]
fn not_events_calls_laws_negations() {
    let ev = extract(
        "The KIA urged soldiers at the base to surrender. Under military law, desertion is punishable by death. The junta said it was not an amnesty.",
        "2024-06-01",
    );
    assert!(ev.is_empty(), "{}", dump(&ev));
}

#[test]
fn arson_counts_houses() {
    let ev = extract(
        "Junta troops torched about 120 houses in Mogaung Township, Kachin State, on Thursday.",
        "2024-06-01",
    );
    let a = of_type(&ev, EventType::Arson);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    let q = a[0].primary_quantity().unwrap();
    assert_eq!((q.low, q.best, q.high), (Some(108), Some(120), Some(132)));
}

#[test]
fn residents_fleeing_is_displacement_and_troops_fleeing_is_withdrawal() {
    let ev = extract(
        "Around 2,000 residents fled Kutkai town on Monday. Junta troops fled the town the same day.",
        "2024-06-04",
    );
    assert_eq!(
        of_type(&ev, EventType::Displacement).len(),
        1,
        "{}",
        dump(&ev)
    );
    assert_eq!(
        of_type(&ev, EventType::Withdrawal).len(),
        1,
        "{}",
        dump(&ev)
    );
}

#[test]
fn arrests_defection_desertion_conscription_protest() {
    let ev = extract(
        "Police arrested 14 students in Mandalay on Tuesday.\n\
         Nine police officers defected to the People's Defense Force in Kalay on Sunday.\n\
         Six soldiers deserted from their post in Magway Region last week.\n\
         The military called up 5,000 men in its latest batch on Monday.\n\
         Hundreds of workers marched in Yangon on Monday.",
        "2024-06-05",
    );
    for t in [
        EventType::Arrest,
        EventType::Defection,
        EventType::Desertion,
        EventType::Conscription,
        EventType::Protest,
    ] {
        assert_eq!(of_type(&ev, t).len(), 1, "{t}: {}", dump(&ev));
    }
    assert_eq!(best(of_type(&ev, EventType::Arrest)[0]), Some(14));
    assert_eq!(best(of_type(&ev, EventType::Defection)[0]), Some(9));
    assert_eq!(best(of_type(&ev, EventType::Conscription)[0]), Some(5000));
}

#[test]
fn capture_battle_explosion_amnesty() {
    let ev = extract(
        "The Arakan Army captured Kyauktaw town on Friday.\n\
         Fighters ambushed a junta convoy near Gangaw on Saturday, killing seven soldiers.\n\
         A landmine exploded near Myawaddy in Kayin State on Sunday, killing two villagers.\n\
         The junta announced an amnesty for 2,000 prisoners on Monday.",
        "2024-06-04",
    );
    assert_eq!(of_type(&ev, EventType::Capture).len(), 1, "{}", dump(&ev));
    let b = of_type(&ev, EventType::Battle);
    assert_eq!(b.len(), 1, "{}", dump(&ev));
    assert_eq!(best(b[0]), Some(7));
    let x = of_type(&ev, EventType::Explosion);
    assert_eq!(x.len(), 1, "{}", dump(&ev));
    assert_eq!(admin1(x[0]), Some("Kayin"));
    assert_eq!(of_type(&ev, EventType::Amnesty).len(), 1, "{}", dump(&ev));
}

#[test]
fn explain_names_the_rule() {
    let ev = extract(
        "Forty soldiers surrendered in Lashio on Monday.",
        "2024-06-04",
    );
    assert!(
        ev[0].explain.iter().any(|l| l.contains("lexicon line")),
        "{:?}",
        ev[0].explain
    );
}

#[test]
fn negation_binds_to_its_own_verb() {
    let ev = extract(
        "Two elderly men who could not flee were burned to death in Let Pan village in Madaya Township on Friday.",
        "2024-01-13",
    );
    let a = of_type(&ev, EventType::AttackOnCivilians);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert_eq!(best(a[0]), Some(2));
    let ev = extract(
        "The statement did not say how many soldiers had surrendered. The junta denied that any general had surrendered.",
        "2024-01-13",
    );
    assert!(ev.is_empty(), "{}", dump(&ev));
}

#[test]
fn units_and_counts_in_one_surrender_claim() {
    let ev = extract(
        "The Myanmar National Democratic Alliance Army said on Thursday that about 300 soldiers surrendered in Laukkaing on January 4.",
        "2024-01-12",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    let q = s[0].primary_quantity().unwrap();
    assert_eq!((q.low, q.best, q.high), (Some(270), Some(300), Some(330)));
    assert_eq!(
        date(s[0]).as_deref(),
        Some("2024-01-04"),
        "the event's date, not the statement's"
    );
    assert_eq!(admin1(s[0]), Some("Shan"));
    assert_eq!(s[0].modality, sitrep_core::Modality::Claimed);
}

#[test]
fn nationwide_summaries_have_no_place() {
    let ev = extract(
        "In Sagaing Region, the rights group said the junta has killed more than 4,000 civilians across the country since the 2021 coup.",
        "2024-01-12",
    );
    assert_eq!(ev.len(), 1, "{}", dump(&ev));
    assert!(ev[0].location.is_none(), "{}", dump(&ev));
    assert!(ev[0].aggregate);
    assert_eq!(best(&ev[0]), Some(4001));
}

#[test]
fn weapon_nouns_with_deaths_are_strikes_and_outlets_are_not_places() {
    let ev = extract(
        "On Tuesday night, junta aircraft struck Nawnghkio town, killing 7 civilians and injuring 15, a rescue worker told The Irrawaddy.",
        "2024-01-12",
    );
    let a = of_type(&ev, EventType::Airstrike);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert_eq!(admin1(a[0]), Some("Shan"), "{}", dump(&ev));
    assert_eq!(date(a[0]).as_deref(), Some("2024-01-09"));
}

#[test]
fn people_captured_are_arrests_not_captures_of_territory() {
    let ev = extract(
        "The KIA overran the base of Infantry Battalion 45 near Bhamo on Monday. At least 30 soldiers were killed and 12 were captured, it added.",
        "2024-01-12",
    );
    assert_eq!(of_type(&ev, EventType::Capture).len(), 1, "{}", dump(&ev));
    let arrests = of_type(&ev, EventType::Arrest);
    assert_eq!(arrests.len(), 1, "{}", dump(&ev));
    assert_eq!(best(arrests[0]), Some(12));
    let c = of_type(&ev, EventType::Casualties);
    assert_eq!(c.len(), 1, "{}", dump(&ev));
    assert_eq!(best(c[0]), Some(30));
}

#[test]
fn the_date_of_a_statement_is_not_the_date_of_the_happening() {
    // Only a speech date in the sentence: the happening's date is unknown there,
    // and the later sentence that dates it is the same surrender.
    let ev = extract(
        "About 30 soldiers surrendered to the KNDF near Demoso town in Kayah State, \
         resistance sources said on Thursday.\n\n\
         The troops laid down their arms on Tuesday after a three-day siege, a KNDF officer said.\n",
        "2024-11-14",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(date(s[0]).as_deref(), Some("2024-11-12"), "{}", dump(&ev));
    // A speech verb ending the previous sentence does not tie the next one's date.
    let ev = extract(
        "Two villagers were wounded, a relative said. On Monday, a junta jet bombed \
         Kyaukkyi village in Sagaing Region.\n",
        "2024-03-13",
    );
    let a = of_type(&ev, EventType::Airstrike);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert_eq!(date(a[0]).as_deref(), Some("2024-03-11"), "{}", dump(&ev));
}

#[test]
fn prisoners_moved_to_frontline_units_forced_flight_and_future_policies() {
    let ev = extract(
        "Junta sends 80 inmates from Tharrawaddy Prison to the front lines\n\n\
         The military has transferred about 80 inmates from Tharrawaddy Prison in Bago Region \
         to frontline units in Rakhine State since early September, relatives said.\n\n\
         The move came after the regime announced that conscription would be enforced again.\n\n\
         Shelling forced more than 2,000 residents of Minbya to flee their homes last week, \
         aid workers said.\n",
        "2024-10-20",
    );
    let c = of_type(&ev, EventType::Conscription);
    assert_eq!(c.len(), 1, "{}", dump(&ev));
    assert_eq!(best(c[0]), Some(80), "{}", dump(&ev));
    assert_eq!(
        admin1(c[0]),
        Some("Bago"),
        "the prison, not the destination: {}",
        dump(&ev)
    );
    let d = of_type(&ev, EventType::Displacement);
    assert_eq!(d.len(), 1, "{}", dump(&ev));
    assert_eq!(admin1(d[0]), Some("Rakhine"), "{}", dump(&ev));
}

#[test]
fn a_risen_death_toll_an_unregistered_village_and_one_battle_with_two_units() {
    let ev = extract(
        "The death toll from a junta airstrike on a market in Tamu Township, Sagaing Region, \
         on Friday has risen to 19, rescuers said on Sunday.\n\n\
         Two jets dropped bombs on the market in Nan Pha Lone Gyi village, a rescuer said.\n\n\
         In Kachin State, fighting between the KIA and junta troops from Infantry Battalion 58 \
         and Light Infantry Battalion 386 continued near Bhamo on Saturday.\n",
        "2024-06-09",
    );
    let a = of_type(&ev, EventType::Airstrike);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert_eq!(best(a[0]), Some(19), "{}", dump(&ev));
    assert_eq!(admin1(a[0]), Some("Sagaing"), "{}", dump(&ev));
    assert_eq!(date(a[0]).as_deref(), Some("2024-06-07"), "{}", dump(&ev));
    let b = of_type(&ev, EventType::Battle);
    assert_eq!(b.len(), 1, "{}", dump(&ev));
    assert_eq!(admin1(b[0]), Some("Kachin"), "{}", dump(&ev));
}

#[test]
fn soldiers_killed_by_a_claiming_group_are_the_armys_losses() {
    let ev = extract(
        "Fighting continued near Kyauktaw for a fourth day on Monday. About 30 soldiers were \
         killed and 9 captured, the Arakan Army claimed.\n",
        "2024-02-06",
    );
    let c = of_type(&ev, EventType::Casualties);
    assert_eq!(c.len(), 1, "{}", dump(&ev));
    assert_eq!(
        role_of(c[0], "Myanmar Armed Forces"),
        Some("target"),
        "{:?}",
        c[0].actors
    );
    assert_eq!(role_of(c[0], "AA"), Some("agent"), "{:?}", c[0].actors);
    // "9 captured": people, so an arrest, not the capture of a place.
    assert_eq!(of_type(&ev, EventType::Capture).len(), 0, "{}", dump(&ev));
    assert_eq!(of_type(&ev, EventType::Arrest).len(), 1, "{}", dump(&ev));
}

#[test]
fn a_monitoring_group_reporting_arrests_is_their_source_not_their_agent() {
    let ev = extract(
        "The Assistance Association for Political Prisoners says more than 20,000 people \
         have been arrested since the 2021 coup.\n",
        "2024-06-10",
    );
    let a = of_type(&ev, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", dump(&ev));
    assert!(a[0].aggregate);
    assert!(!has_actor(a[0], "AAPP"), "{}", dump(&ev));
    assert!(has_actor(a[0], "Myanmar Armed Forces"), "{}", dump(&ev));
    assert_eq!(
        a[0].claimed_by.as_deref(),
        Some("AAPP"),
        "{:?}",
        a[0].claimed_by
    );
}

#[test]
fn a_list_of_counts_after_a_total_is_its_parts() {
    let ev = extract(
        "The regime released 1,220 prisoners across the country on Monday, state media said.\n\n\
         Among them were about 300 inmates from Insein Prison in Yangon, 95 from Obo Prison in \
         Mandalay and 41 from Myitkyina Prison, relatives said.\n",
        "2024-04-18",
    );
    let r = of_type(&ev, EventType::PrisonerRelease);
    assert_eq!(r.len(), 4, "{}", dump(&ev));
    assert!(r[0].aggregate, "{}", dump(&ev));
    let parts: Vec<(Option<i64>, Option<&str>)> =
        r[1..].iter().map(|e| (best(e), admin1(e))).collect();
    assert_eq!(
        parts,
        vec![
            (Some(300), Some("Yangon")),
            (Some(95), Some("Mandalay")),
            (Some(41), Some("Kachin"))
        ],
        "{}",
        dump(&ev)
    );
    assert!(
        r[1..]
            .iter()
            .all(|e| date(e).as_deref() == Some("2024-04-15")),
        "{}",
        dump(&ev)
    );
    assert!(r[1..].iter().all(|e| !e.aggregate));
}

#[test]
fn fighting_that_forces_residents_to_flee_is_a_battle_and_a_displacement() {
    let ev = extract(
        "Fighting between the KNDF and junta troops broke out near Pekon on Sunday, forcing \
         about 600 residents to flee their homes.\n",
        "2024-05-07",
    );
    assert_eq!(of_type(&ev, EventType::Battle).len(), 1, "{}", dump(&ev));
    let d = of_type(&ev, EventType::Displacement);
    assert_eq!(d.len(), 1, "{}", dump(&ev));
    assert_eq!(best(d[0]), Some(600), "{}", dump(&ev));
}

#[test]
fn shells_from_a_junta_base_and_villagers_unable_to_flee() {
    let ev = extract(
        "Soldiers burned 40 houses in Sipin village of Pauk Township and killed three villagers \
         who were unable to flee, residents said.\n\n\
         In Chin State, a woman was injured on Monday when artillery shells fired from a junta \
         base in Hakha landed in a market, the Chin National Front said.\n",
        "2024-04-12",
    );
    assert_eq!(
        of_type(&ev, EventType::Displacement).len(),
        0,
        "{}",
        dump(&ev)
    );
    let sh = of_type(&ev, EventType::Shelling);
    assert_eq!(sh.len(), 1, "{}", dump(&ev));
    let agent = sh[0].actors.iter().find(|a| a.role.as_str() == "agent");
    assert_eq!(
        agent.map(|a| a.canonical.as_str()),
        Some("Myanmar Armed Forces"),
        "{:?}",
        sh[0].actors
    );
    assert!(
        !has_actor(sh[0], "CNF"),
        "the source is not an actor: {:?}",
        sh[0].actors
    );
    assert_eq!(sh[0].claimed_by.as_deref(), Some("CNF"));
}

#[test]
fn one_count_over_two_units_is_one_surrender_with_both_units() {
    let ev = extract(
        "About 400 junta soldiers, including the commanders of Light Infantry Battalion 501 and \
         Infantry Battalion 42, surrendered to the TNLA in Namhsan on Friday, the group said.\n",
        "2024-01-08",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert!(
        has_actor(s[0], "LIB 501") && has_actor(s[0], "IB 42"),
        "{}",
        dump(&ev)
    );
    // Without a count, two units that surrender are two happenings.
    let ev = extract(
        "Light Infantry Battalion 501 and Infantry Battalion 42 surrendered to the TNLA in \
         Namhsan on Friday.\n",
        "2024-01-08",
    );
    assert_eq!(of_type(&ev, EventType::Surrender).len(), 2, "{}", dump(&ev));
}

#[test]
fn a_detail_sentence_without_a_date_keeps_the_day_just_told() {
    let ev = extract(
        "Resistance fighters captured the police station in Tamu town on Wednesday after a \
         two-day battle, the local PDF said. Eight police officers surrendered and two were \
         killed, according to the group.\n\n\
         Separately, about 3,000 people have fled Tamu since January, aid groups said.\n",
        "2024-03-15",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(date(s[0]).as_deref(), Some("2024-03-13"), "{}", dump(&ev));
    // A summary keeps its own range.
    let d = of_type(&ev, EventType::Displacement);
    assert_eq!(d.len(), 1, "{}", dump(&ev));
    assert_eq!(date(d[0]).as_deref(), Some("2024-01-01"), "{}", dump(&ev));
}

#[test]
fn references_laws_and_protest_objects_add_no_events() {
    let ev = extract(
        "Soldiers detained 60 young men in Insein Township on Saturday, residents said.\n\n\
         The raids came days after the regime began enforcing the conscription law.\n\n\
         Students staged a protest against the draft in Yangon on Monday.\n",
        "2024-03-05",
    );
    assert_eq!(of_type(&ev, EventType::Arrest).len(), 1, "{}", dump(&ev));
    assert_eq!(of_type(&ev, EventType::Battle).len(), 0, "{}", dump(&ev));
    assert_eq!(
        of_type(&ev, EventType::AttackOnCivilians).len(),
        0,
        "{}",
        dump(&ev)
    );
    assert_eq!(
        of_type(&ev, EventType::Conscription).len(),
        0,
        "{}",
        dump(&ev)
    );
    assert_eq!(of_type(&ev, EventType::Protest).len(), 1, "{}", dump(&ev));
}

#[test]
fn deserters_belong_to_the_unit_they_leave() {
    let ev = extract(
        "Twenty soldiers deserted from Light Infantry Battalion 288 in Magway Region last month, \
         a group helping defectors said.\n",
        "2024-03-05",
    );
    let d = of_type(&ev, EventType::Desertion);
    assert_eq!(d.len(), 1, "{}", dump(&ev));
    assert_eq!(role_of(d[0], "LIB 288"), Some("agent"), "{:?}", d[0].actors);
}

#[test]
fn seized_weapons_are_no_capture_and_a_group_named_with_its_count_surrenders() {
    let ev = extract(
        "The regime said its troops killed 12 fighters and seized a large cache of weapons near \
         Hpapun on Friday.\n\n\
         State media reported that 9 members of the People's Defense Force had surrendered in \
         Kyaukkyi Township.\n",
        "2024-04-08",
    );
    assert_eq!(of_type(&ev, EventType::Capture).len(), 0, "{}", dump(&ev));
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(role_of(s[0], "PDF"), Some("agent"), "{:?}", s[0].actors);
    assert_ne!(
        role_of(s[0], "Myanmar Armed Forces"),
        Some("agent"),
        "{:?}",
        s[0].actors
    );
}

#[test]
fn the_group_soldiers_surrender_to_is_the_counterpart() {
    let ev = extract(
        "Hundreds of junta soldiers have surrendered to the KIA since \
         October, the group said.\n",
        "2024-01-10",
    );
    let s = of_type(&ev, EventType::Surrender);
    assert_eq!(s.len(), 1, "{}", dump(&ev));
    assert_eq!(
        role_of(s[0], "Myanmar Armed Forces"),
        Some("agent"),
        "{:?}",
        s[0].actors
    );
    assert_eq!(
        role_of(s[0], "KIA"),
        Some("counterpart"),
        "{:?}",
        s[0].actors
    );
}
