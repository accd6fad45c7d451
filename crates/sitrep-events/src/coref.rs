//! One event per happening inside a document: merge repeated mentions (the
//! title, the lead, the detail paragraph, the quote), keeping the first full
//! mention's fields and filling what it lacks from the later ones (spec §8).

use sitrep_core::{ActorKind, Event, EventType, Location, PlacePrecision};

use crate::frame::Candidate;

/// Merge candidates into events. Title candidates only merge into body
/// events; a title event with no body counterpart is dropped (headlines
/// restate the story).
pub fn merge(cands: Vec<Candidate>) -> Vec<Event> {
    let (titles, body): (Vec<Candidate>, Vec<Candidate>) =
        cands.into_iter().partition(|c| c.from_title);
    let mut out: Vec<Candidate> = Vec::new();
    for c in body {
        let target = out
            .iter()
            .position(|o| compatible(o, &c))
            .or_else(|| out.iter().rposition(|o| remention(o, &c)));
        match target {
            Some(i) => absorb(&mut out[i], c),
            // A remark inside a quote that adds nothing of its own (no count,
            // place or date) is commentary, not a new happening.
            // Likewise a definite reference ("the raids came a week after …") that
            // matches nothing told: it adds no happening of its own.
            None if (c.in_quote || c.anaphoric)
                && !c.own_count
                && !c.own_place
                && c.event.time.start.is_none() => {}
            None => out.push(c),
        }
    }
    // A headline goes to the body event it restates: one with the same count
    // first (even if the body tells it as a summary over time), then any
    // compatible one.
    let counted = |e: &Event| e.primary_quantity().is_some();
    for c in titles {
        let target = out
            .iter()
            .position(|o| counted(&o.event) && counted(&c.event) && compatible(o, &c))
            .or_else(|| {
                out.iter().position(|o| {
                    counted(&o.event) && counted(&c.event) && compatible_with(o, &c, true)
                })
            })
            .or_else(|| out.iter().position(|o| compatible(o, &c)));
        if let Some(i) = target {
            absorb(&mut out[i], c);
        }
    }
    carry_dates(&mut out);
    out.into_iter().map(|c| c.event).collect()
}

/// A happening told right after another, in the same or the next paragraph,
/// with no date of its own, keeps that day ("… captured the station on
/// Wednesday. Twelve police officers surrendered"). Done after merging, so that
/// later mentions of one happening are merged first.
fn carry_dates(out: &mut [Candidate]) {
    for i in 1..out.len() {
        let (before, rest) = out.split_at_mut(i);
        let prev = &before[i - 1];
        let c = &mut rest[0];
        let day = prev.event.time.precision == Some(sitrep_core::TimePrecision::Day);
        if day
            && !prev.event.aggregate
            && !c.event.aggregate
            && c.paragraph <= prev.paragraph + 1
            && c.paragraph >= prev.paragraph
            && c.event.time.start.is_none()
            && c.event.time.text_norm.is_none()
        {
            c.event.time = prev.event.time.clone();
            if !c.event.explain.is_empty() {
                c.event
                    .explain
                    .push("date carried over from the event told just before".into());
            }
        }
    }
}

fn is_violent(t: EventType) -> bool {
    use EventType::*;
    matches!(
        t,
        Battle | Airstrike | Shelling | Explosion | AttackOnCivilians | Casualties
    )
}

/// A later, vaguer mention of an earlier violent event, whatever word it uses:
/// "the Kale attack" after "fighters attacked a police outpost near Kalay";
/// "Saw Lin died at the scene" after "a landmine killed one villager".
pub fn remention(a: &Candidate, b: &Candidate) -> bool {
    let (ea, eb) = (&a.event, &b.event);
    if ea.aggregate || eb.aggregate || a.sentence_index == b.sentence_index {
        return false;
    }
    let same_type = ea.event_type == eb.event_type;
    if !(same_type || is_violent(ea.event_type) && is_violent(eb.event_type)) {
        return false;
    }
    // The later mention must not date itself differently.
    if let (Some(da), Some(db)) = (ea.time.start, eb.time.start) {
        if da != db {
            return false;
        }
    }
    let places_ok = match (&ea.location, &eb.location) {
        (Some(la), Some(lb)) => b.place_inherited || places_agree(la, lb),
        _ => true,
    };
    if !places_ok {
        return false;
    }
    // A definite reference merges despite a disagreeing count ("state media
    // said only one officer had been killed"); an indefinite one only when it
    // brings no count or date of its own, close to the first mention.
    b.anaphoric
        || (!b.own_count
            && eb.time.start.is_none()
            && b.paragraph <= a.paragraph + 2
            && !b.own_place)
        || (!b.own_count && eb.time.start.is_none() && b.in_quote)
}

/// Could `b` be a later mention of the happening `a`?
pub fn compatible(a: &Candidate, b: &Candidate) -> bool {
    compatible_with(a, b, false)
}

/// [`compatible`], optionally letting a single mention (a headline) join a
/// summary told over a period.
fn compatible_with(a: &Candidate, b: &Candidate, any_aggregate: bool) -> bool {
    let (ea, eb) = (&a.event, &b.event);
    if ea.event_type != eb.event_type || (ea.aggregate != eb.aggregate && !any_aggregate) {
        return false;
    }
    // Items of one list are separate happenings.
    if a.list_item && b.list_item && a.sentence_index == b.sentence_index {
        return false;
    }
    if a.sentence_index == b.sentence_index && !b.from_title {
        return false;
    }
    // Counts must overlap.
    if let (Some(qa), Some(qb)) = (ea.primary_quantity(), eb.primary_quantity()) {
        let lo_a = qa.low.or(qa.best).unwrap_or(0);
        let hi_a = qa.high.or(qa.best).unwrap_or(i64::MAX);
        let lo_b = qb.low.or(qb.best).unwrap_or(0);
        let hi_b = qb.high.or(qb.best).unwrap_or(i64::MAX);
        if lo_a > hi_b || lo_b > hi_a {
            return false;
        }
    }
    // Dates must agree.
    if let (Some(da), Some(db)) = (ea.time.start, eb.time.start) {
        if da != db {
            return false;
        }
    }
    // Places must agree.
    if let (Some(la), Some(lb)) = (&ea.location, &eb.location) {
        if !b.place_inherited && !a.place_inherited && !places_agree(la, lb) {
            return false;
        }
    }
    // Units must agree.
    let units = |e: &Event| -> Vec<String> {
        e.actors
            .iter()
            .filter(|x| x.kind == ActorKind::MilitaryUnit)
            .map(|x| x.canonical.clone())
            .collect()
    };
    let (ua, ub) = (units(ea), units(eb));
    if !ua.is_empty() && !ub.is_empty() && !ua.iter().any(|u| ub.contains(u)) {
        return false;
    }
    // A list item only absorbs a mention naming its own place.
    if a.list_item && (eb.location.is_none() || b.place_inherited) {
        return false;
    }
    true
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '\u{2019}', '\''], " ")
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "township" | "town" | "village" | "city" | "region" | "state" | "the"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Same place, or one inside the other.
pub fn places_agree(a: &Location, b: &Location) -> bool {
    if a.place_id.is_some() && a.place_id == b.place_id {
        return true;
    }
    if norm(&a.name) == norm(&b.name) {
        return true;
    }
    let township = |l: &Location| l.township.as_deref().map(norm);
    if township(a).is_some() && township(a) == township(b) {
        return true;
    }
    if township(a).as_deref() == Some(&norm(&b.name))
        || township(b).as_deref() == Some(&norm(&a.name))
    {
        return true;
    }
    let coarse = |l: &Location| {
        matches!(
            l.precision,
            Some(PlacePrecision::Admin1)
                | Some(PlacePrecision::Country)
                | Some(PlacePrecision::District)
        )
    };
    if (coarse(a) || coarse(b)) && a.admin1.is_some() && a.admin1 == b.admin1 {
        return true;
    }
    // A village the gazetteer does not know, with no township or region from
    // its context, may lie anywhere: it does not contradict the other place.
    let unresolved =
        |l: &Location| l.place_id.is_none() && l.township.is_none() && l.admin1.is_none();
    unresolved(a) || unresolved(b)
}

fn specificity(l: &Option<Location>) -> usize {
    l.as_ref()
        .and_then(|l| l.precision)
        .map_or(9, |p| p as usize)
}

fn absorb(a: &mut Candidate, b: Candidate) {
    let eb = b.event;
    let ea = &mut a.event;
    ea.mentions.push(eb.trigger);
    for q in eb.quantities {
        if !ea.quantities.iter().any(|x| x.measure == q.measure) {
            ea.quantities.push(q);
        }
    }
    let better_place = ea.location.is_none()
        || (a.place_inherited && !b.place_inherited && eb.location.is_some())
        || (specificity(&eb.location) < specificity(&ea.location)
            && !b.place_inherited
            && ea
                .location
                .as_ref()
                .zip(eb.location.as_ref())
                .is_some_and(|(x, y)| places_agree(x, y)));
    if better_place && eb.location.is_some() {
        let old = ea.location.take();
        let mut loc = eb.location;
        // An unregistered village inside the place told before takes its
        // region, township and coordinates ("a market in Lone Khin village"
        // after "Hpakant Township, Kachin State").
        if let (Some(l), Some(o)) = (loc.as_mut(), old.as_ref()) {
            if l.place_id.is_none() && l.admin1.is_none() && l.township.is_none() {
                l.admin1.clone_from(&o.admin1);
                l.township.clone_from(&o.township);
                if l.lat.is_none() {
                    l.lat = o.lat;
                    l.lon = o.lon;
                }
            }
        }
        ea.location = loc;
        a.place_inherited = b.place_inherited;
    }
    if ea.time.start.is_none() && eb.time.start.is_some() {
        ea.time = eb.time;
    }
    for actor in eb.actors {
        if !ea.actors.iter().any(|x| x.canonical == actor.canonical) {
            ea.actors.push(actor);
        }
    }
    if ea.claimed_by.is_none() {
        ea.claimed_by = eb.claimed_by;
    }
    ea.confidence = ((ea.confidence + 0.05).min(0.99) * 100.0).round() / 100.0;
    if !eb.explain.is_empty() {
        ea.explain
            .push(format!("merged a later mention: trigger {:?}", eb.trigger));
    }
}
