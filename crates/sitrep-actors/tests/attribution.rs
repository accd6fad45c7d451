//! Attribution and quotes: who says so.
mod common;
use common::attribute;
use sitrep_core::{Attribution, AttributionKind};

fn only(atts: &[Attribution]) -> &Attribution {
    assert_eq!(atts.len(), 1, "{atts:#?}");
    &atts[0]
}

#[test]
fn nested_attribution_keeps_the_outer_speaker() {
    let text = "The junta said that the MNDAA had executed 12 prisoners in the town.";
    let (_, atts, _) = attribute(text);
    let a = only(&atts);
    assert_eq!(a.source, "Myanmar Armed Forces");
    assert_eq!(a.kind, AttributionKind::Said);
    assert_eq!(a.scope.slice(text), text);
    assert_eq!(a.source_span.slice(text), "The junta");

    let text = "Residents said the TNLA claimed the base had fallen.";
    let (_, atts, _) = attribute(text);
    assert_eq!(only(&atts).source, "Residents");
}

#[test]
fn claims_and_says_it_has() {
    let (_, atts, _) = attribute("The MNDAA claimed that 50 soldiers were killed near the town.");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("MNDAA", AttributionKind::Claimed)
    );

    let (_, atts, _) =
        attribute("The Arakan Army says it has captured the last junta base in the township.");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("AA", AttributionKind::Claimed)
    );
}

#[test]
fn denials() {
    let (_, atts, _) = attribute("A military spokesman denied that any bases had fallen.");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("Myanmar Armed Forces", AttributionKind::Denied)
    );

    let (_, atts, _) = attribute("The KIA rejected the claim that it had shelled the camp.");
    assert_eq!(only(&atts).kind, AttributionKind::Denied);

    let (_, atts, _) = attribute("The regime said the reports of a massacre were not true.");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("Myanmar Armed Forces", AttributionKind::Denied)
    );

    // A denial in a second clause starts its own attribution.
    let text = "The KNDF said it had overrun two posts, while the military council denied that any positions were lost.";
    let (_, atts, _) = attribute(text);
    assert_eq!(atts.len(), 2, "{atts:#?}");
    assert_eq!(atts[0].source, "KNDF");
    assert_eq!(atts[1].source, "Myanmar Armed Forces");
    assert_eq!(atts[1].kind, AttributionKind::Denied);
    assert!(atts[0].scope.1 <= atts[1].scope.0);
}

#[test]
fn according_to_and_parenthetical_sources() {
    let text = "Over 60 prisoners were moved to the front line, according to prison sources.";
    let (_, atts, _) = attribute(text);
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("prison sources", AttributionKind::AccordingTo)
    );
    assert_eq!(a.scope.slice(text), text);

    let (_, atts, _) =
        attribute("Troops burned 40 houses in the village on Sunday, residents said.");
    assert_eq!(only(&atts).source, "residents");

    let (_, atts, _) = attribute("The column withdrew on Monday, a KNDF spokesperson said.");
    assert_eq!(only(&atts).source, "KNDF");

    let (_, atts, _) = attribute("A KIA officer told RFA that 20 soldiers were captured.");
    assert_eq!(only(&atts).source, "KIA");

    let text = "The AA took the town on Tuesday. Dozens of soldiers were captured, the group said.";
    let (_, atts, _) = attribute(text);
    assert_eq!(only(&atts).source, "AA");

    let (_, atts, _) = attribute(
        "Four bases fell, said a resistance commander based in Kalay, who asked not to be named.",
    );
    assert_eq!(only(&atts).source, "a resistance commander based in Kalay");
}

#[test]
fn quotes_with_speakers_before_and_after() {
    let text =
        "A villager in Sagaing Region said: “The planes came at dawn. We ran to the forest.”";
    let (_, atts, quotes) = attribute(text);
    assert_eq!(quotes.len(), 1);
    let q = &quotes[0];
    assert_eq!(
        q.span.slice(text),
        "The planes came at dawn. We ran to the forest."
    );
    assert_eq!(
        q.speaker_description.as_deref(),
        Some("A villager in Sagaing Region")
    );
    assert_eq!(
        q.speaker_span.map(|s| s.slice(text)),
        Some("A villager in Sagaing Region")
    );
    let a = only(&atts);
    assert_eq!(a.scope, q.span);

    let text = "“We will not surrender the hill,” the KNDF spokesperson said.";
    let (_, _, quotes) = attribute(text);
    assert_eq!(quotes[0].speaker.as_deref(), Some("KNDF"));
    assert_eq!(
        quotes[0].span.slice(text),
        "We will not surrender the hill,"
    );

    let text = "\"The town is ours now,\" said a resistance fighter, who gave only his first name.";
    let (_, _, quotes) = attribute(text);
    assert_eq!(quotes[0].speaker.as_deref(), Some("a resistance fighter"));

    // A pronoun takes the earlier speaker.
    let text =
        "The Chin National Army said the post had fallen. “They ran before we arrived,” he said.";
    let (_, _, quotes) = attribute(text);
    assert_eq!(quotes[0].speaker.as_deref(), Some("CNA"));
}

#[test]
fn a_quote_across_paragraphs_is_one_quote() {
    let text = "Former sergeant Min Thu, who left the army in 2022, said: “The men are tired. Nobody wants to go.\n“They send prisoners now. It will get worse.”\nThe army did not comment.";
    let (_, atts, quotes) = attribute(text);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let q = &quotes[0];
    assert_eq!(
        q.span.slice(text),
        "The men are tired. Nobody wants to go.\n“They send prisoners now. It will get worse."
    );
    assert_eq!(q.speaker.as_deref(), Some("Min Thu"));
    let a = atts
        .iter()
        .find(|a| a.scope == q.span)
        .expect("attribution of the quote");
    assert_eq!(a.source, "Min Thu");
    // Sentences inside the quote get no attribution of their own.
    assert!(atts
        .iter()
        .all(|a| a.scope == q.span || !q.span.overlaps(a.scope)));
}

#[test]
fn scare_quotes_are_not_quotes() {
    let text = "The junta blamed “terrorists” for the attack.";
    let (_, _, quotes) = attribute(text);
    assert!(quotes.is_empty(), "{quotes:#?}");
}

#[test]
fn verbs_that_are_not_attributions() {
    for text in [
        "The claims could not be independently verified.",
        "The statement did not say how many troops had surrendered.",
        "The United States Institute of Peace estimated the figure.",
    ] {
        let (_, atts, _) = attribute(text);
        assert!(atts.iter().all(|a| a.source != "The"), "{text}: {atts:#?}");
    }
    let (_, atts, _) = attribute("The claims could not be independently verified.");
    assert!(atts.is_empty(), "{atts:#?}");
    let (_, atts, _) = attribute("The United States Institute of Peace estimated the figure.");
    assert_eq!(only(&atts).source, "USIP");
}

#[test]
fn said_that_it_is_a_claim_and_appositions_name_the_source() {
    let (_, atts, _) =
        attribute("The Myanmar military said on Sunday that its troops had retaken the town.");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("Myanmar Armed Forces", AttributionKind::Claimed)
    );

    let (_, atts, _) =
        attribute("Three activists were sentenced to death, rights group AAPP said.");
    assert_eq!(only(&atts).source, "AAPP");

    // An organisation after "appointed by" does not speak for the speaker.
    let (_, atts, _) = attribute(
        "Ten men were taken, said a village head appointed by the National Unity Government.",
    );
    assert_eq!(
        only(&atts).source,
        "a village head appointed by the National Unity Government"
    );

    // A noun "claim" is not a verb: the denial is the junta's.
    let text = "In a statement, the TNLA said the MNDAA had taken the town, but the junta rejected the claim.";
    let (_, atts, _) = attribute(text);
    assert_eq!(atts.len(), 2, "{atts:#?}");
    assert_eq!(
        (atts[0].source.as_str(), atts[0].kind),
        ("TNLA", AttributionKind::Said)
    );
    assert_eq!(
        (atts[1].source.as_str(), atts[1].kind),
        ("Myanmar Armed Forces", AttributionKind::Denied)
    );

    // A joint statement: the first group.
    let (_, atts, _) = attribute("The KNDF and the Karenni Army said they had taken the bridge.");
    assert_eq!(only(&atts).source, "KNDF");
}

#[test]
fn appositives_name_the_group_a_speaker_speaks_for() {
    let text = "Col. Tun Lin, the KNDF spokesman, said the bridge was destroyed.";
    let (ms, atts, _) = attribute(text);
    let a = only(&atts);
    assert_eq!(a.source, "KNDF");
    assert_eq!(
        a.source_span.slice(text),
        "Col. Tun Lin, the KNDF spokesman"
    );
    let p = ms
        .iter()
        .find(|m| m.name == "Col. Tun Lin")
        .expect("person");
    assert_eq!(p.parent.as_deref(), Some("KNDF"));

    let text =
        "The Karen National Union’s armed wing, the KNLA, said its 5th Brigade repelled an attack.";
    let (_, atts, _) = attribute(text);
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("KNLA", AttributionKind::Claimed)
    );

    // A relative clause is not part of the speaker.
    let text = "Former corporal Min Zaw, who deserted in 2022, said many units were half empty.";
    let (_, atts, _) = attribute(text);
    assert_eq!(
        only(&atts).source_span.slice(text),
        "Former corporal Min Zaw"
    );
}

#[test]
fn speakers_lose_surrounding_quotation_marks() {
    let text = "'They came at night,' another villager said.";
    let (_, atts, _) = attribute(text);
    assert_eq!(only(&atts).source, "another villager");
    let text = "“The soldiers looted everything” – a farmer told the outlet.";
    let (_, atts, quotes) = attribute(text);
    assert_eq!(only(&atts).source, "a farmer");
    assert_eq!(quotes[0].speaker_description.as_deref(), Some("a farmer"));
}

#[test]
fn quoted_terms_are_not_quotes_and_claim_nouns_are_skipped() {
    let text = "State media reported that “terrorists” had gathered at the site, a claim residents rejected.";
    let (_, atts, quotes) = attribute(text);
    assert!(quotes.is_empty(), "{quotes:#?}");
    let a = only(&atts);
    assert_eq!(
        (a.source.as_str(), a.kind),
        ("residents", AttributionKind::Denied)
    );

    let text = "State media reported that “terrorists” had gathered at the site.";
    let (_, atts, _) = attribute(text);
    assert_eq!(only(&atts).source, "Myanmar state media");
}
