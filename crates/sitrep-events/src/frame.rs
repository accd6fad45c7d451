//! Frame filling: triggers of a sentence + the mentions around them → candidate events.

use sitrep_core::{
    Actor, ActorKind, ActorMention, AttributionKind, Document, Event, EventType, Location, Measure,
    Mentions, Modality, PlaceMention, PlacePrecision, Quantity, QuantityMention, Role, Sentence,
    Span, Time, TimeRole,
};

use crate::cues::{self, Block};
use crate::lexicon::{Kind, Lexicon};
use crate::Options;

/// An event before in-document coreference.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub event: Event,
    pub sentence_index: usize,
    pub paragraph: usize,
    /// One item of a list sharing a verb (spec §8): never merged with its siblings.
    pub list_item: bool,
    pub from_title: bool,
    pub in_quote: bool,
    pub place_inherited: bool,
}

/// The myanmar-wide default actor.
pub const JUNTA: &str = "Myanmar Armed Forces";

const MILITARY_NOUNS: &[&str] = &[
    "soldier",
    "troop",
    "personnel",
    "servicemen",
    "officer",
    "commander",
    "recruit",
    "conscript",
    "battalion",
    "junta",
    "regime",
    "army",
    "military",
    "forces",
    "fighters",
    "police",
    "militia",
    "guards",
    "garrison",
    "men",
];

const CIVILIAN_NOUNS: &[&str] = &[
    "civilian",
    "villager",
    "resident",
    "people",
    "protester",
    "demonstrator",
    "farmer",
    "monk",
    "nun",
    "child",
    "children",
    "woman",
    "women",
    "student",
    "worker",
    "family",
    "families",
    "person",
    "persons",
    "man",
    "men",
    "boy",
    "girl",
    "baby",
    "teacher",
    "doctor",
    "patient",
    "passenger",
    "novice",
    "elderly",
    "crowd",
    "displaced",
    "refugee",
    "journalist",
];

/// Types whose primary count is deaths; one event per sentence among these.
fn is_violent(t: EventType) -> bool {
    use EventType::*;
    matches!(
        t,
        Battle | Airstrike | Shelling | Explosion | AttackOnCivilians
    )
}

struct TrigHit {
    event_type: EventType,
    span: Span,
    weak: bool,
    rule: String,
}

struct Ctx<'a> {
    text: &'a str,
    mentions: &'a Mentions,
    places: Vec<&'a PlaceMention>,
    explain: bool,
}

/// Candidate events of every sentence of the document, in text order.
pub fn candidates(
    doc: &Document,
    sentences: &[Sentence],
    mentions: &Mentions,
    opts: &Options,
) -> Vec<Candidate> {
    let text = doc.text.as_str();
    let lex = Lexicon::embedded();
    let triggers = lex.find(text);
    // Places inside organisation names are not places ("Kachin Independence Army"),
    // except local forces named after their township ("Kalay PDF").
    let places: Vec<&PlaceMention> = mentions
        .places
        .iter()
        .filter(|p| {
            !mentions.actors.iter().any(|a| {
                !a.generic
                    && a.span.contains(p.span)
                    && a.span != p.span
                    && a.canonical != "PDF"
                    && a.kind != ActorKind::MilitaryUnit
            })
        })
        .collect();
    let ctx = Ctx {
        text,
        mentions,
        places,
        explain: opts.explain,
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut last_place: Option<(Location, usize)> = None; // (place, paragraph)
    let mut ti = 0;
    for (si, sent) in sentences.iter().enumerate() {
        while ti < triggers.len() && triggers[ti].span.0 < sent.span.0 {
            ti += 1;
        }
        let mut hits_raw = Vec::new();
        while ti < triggers.len() && triggers[ti].span.1 <= sent.span.1 {
            hits_raw.push(triggers[ti].clone());
            ti += 1;
        }
        let stext = sent.span.slice(text);
        let lower = stext.to_ascii_lowercase();
        let mut hits: Vec<TrigHit> = Vec::new();
        let mut kills: Vec<Span> = Vec::new();
        let mut injures: Vec<Span> = Vec::new();
        let mut blocked_notes: Vec<String> = Vec::new();
        for tr in &hits_raw {
            let entry = &lex.entries[tr.entry];
            let (ls, le) = (tr.span.0 - sent.span.0, tr.span.1 - sent.span.0);
            if let Some(b) = cues::blocked(&lower, ls, le) {
                if ctx.explain {
                    blocked_notes.push(format!(
                        "trigger `{}` ignored: {}",
                        tr.span.slice(text),
                        b.as_str()
                    ));
                }
                if b != Block::Legal || !matches!(entry.kind, Kind::Kill | Kind::Injure) {
                    continue;
                }
                continue;
            }
            let rule = format!("lexicon line {} `{}`", entry.line, entry.phrase);
            let event_type = match entry.kind {
                Kind::Event(t) => Some(t),
                Kind::Kill => {
                    kills.push(tr.span);
                    None
                }
                Kind::Injure => {
                    injures.push(tr.span);
                    None
                }
                Kind::Take => ctx
                    .takes_place(sent.span, tr.span)
                    .then_some(EventType::Capture),
                Kind::Flee => Some(ctx.flee_type(sent.span, tr.span, &lower)),
                Kind::Release => Some(EventType::PrisonerRelease),
                Kind::Fire => Some(ctx.fire_type(tr.span)),
            };
            if let Some(t) = event_type {
                // "captured 20 soldiers" is not a capture of territory.
                let t = if t == EventType::Capture && ctx.people_object(sent.span, tr.span) {
                    EventType::Arrest
                } else {
                    t
                };
                hits.push(TrigHit {
                    event_type: t,
                    span: tr.span,
                    weak: entry.weak,
                    rule,
                });
            }
        }
        let has_strong = hits.iter().any(|h| !h.weak);
        if has_strong {
            hits.retain(|h| !h.weak);
        }
        // One violent event per sentence: the first strong trigger's type.
        if let Some(first_violent) = hits
            .iter()
            .find(|h| is_violent(h.event_type))
            .map(|h| h.event_type)
        {
            hits.retain(|h| !is_violent(h.event_type) || h.event_type == first_violent);
        }
        // Casualty verbs alone make their own event.
        if hits.is_empty() && !kills.is_empty() {
            let t = ctx.casualty_type(sent.span, &lower);
            hits.push(TrigHit {
                event_type: t,
                span: kills[0],
                weak: false,
                rule: "casualty verb without another trigger".into(),
            });
        }
        if hits.is_empty() {
            update_last_place(&ctx, sent, &mut last_place);
            continue;
        }
        // Group by type, keeping text order of first trigger.
        let mut types: Vec<EventType> = Vec::new();
        for h in &hits {
            if !types.contains(&h.event_type) {
                types.push(h.event_type);
            }
        }
        let group_triggers: Vec<(EventType, Span)> = types
            .iter()
            .map(|t| (*t, hits.iter().find(|h| h.event_type == *t).unwrap().span))
            .collect();
        for t in types {
            let first = hits.iter().find(|h| h.event_type == t).unwrap();
            if first.weak && !ctx.weak_ok(sent.span) {
                continue;
            }
            let mut new = ctx.build(
                doc,
                si,
                sent,
                &lower,
                t,
                first.span,
                &first.rule,
                &group_triggers,
                &kills,
                &injures,
                &last_place,
            );
            if ctx.explain {
                for c in &mut new {
                    c.event.explain.extend(blocked_notes.iter().cloned());
                }
            }
            out.extend(new);
        }
        update_last_place(&ctx, sent, &mut last_place);
    }
    out
}

fn update_last_place(ctx: &Ctx, sent: &Sentence, last: &mut Option<(Location, usize)>) {
    if sent.is_title {
        return;
    }
    if let Some(p) = ctx.best_place(sent.span, None, &[]) {
        if p.location.precision != Some(PlacePrecision::Admin1)
            && p.location.precision != Some(PlacePrecision::Country)
        {
            *last = Some((p.location.clone(), sent.paragraph));
        }
    }
}

fn lower_word_after(text: &str, pos: usize, n: usize) -> String {
    let end = (pos + n).min(text.len());
    let mut end = end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[pos..end].to_ascii_lowercase()
}

fn has_word(hay: &str, words: &[&str]) -> bool {
    hay.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            words
                .iter()
                .any(|n| w == *n || w.strip_suffix('s') == Some(n))
        })
}

impl<'a> Ctx<'a> {
    fn quantities_in(&self, span: Span) -> impl Iterator<Item = &'a QuantityMention> {
        self.mentions
            .quantities
            .iter()
            .filter(move |q| span.contains(q.span))
    }

    fn places_in(&self, span: Span) -> impl Iterator<Item = &&'a PlaceMention> + '_ {
        self.places.iter().filter(move |p| span.contains(p.span))
    }

    fn actors_in(&self, span: Span) -> impl Iterator<Item = &'a ActorMention> {
        self.mentions
            .actors
            .iter()
            .filter(move |a| span.contains(a.span))
    }

    /// "took Mantong", "took the town": a place or a position soon after the verb.
    fn takes_place(&self, sent: Span, trig: Span) -> bool {
        let after = lower_word_after(self.text, trig.1, 45.min(sent.1 - trig.1));
        let window = Span(trig.1, (trig.1 + 45).min(sent.1));
        if after.trim_start().starts_with("part") || after.trim_start().starts_with("place") {
            return false;
        }
        self.places_in(window).next().is_some()
            || has_word(
                &after,
                &[
                    "town",
                    "base",
                    "outpost",
                    "camp",
                    "headquarters",
                    "position",
                    "control",
                    "village",
                    "city",
                    "hill",
                    "post",
                    "gate",
                ],
            )
    }

    /// "captured 20 soldiers": the object is people, not territory.
    fn people_object(&self, sent: Span, trig: Span) -> bool {
        let window = Span(trig.1, (trig.1 + 30).min(sent.1));
        let q = self.quantities_in(window).next();
        let place_first = self.places_in(window).next().map(|p| p.span.0);
        match q {
            Some(q) => {
                q.measure == Some(Measure::People)
                    && q.who.as_deref().is_some_and(|w| {
                        has_word(&w.to_ascii_lowercase(), MILITARY_NOUNS)
                            || has_word(&w.to_ascii_lowercase(), CIVILIAN_NOUNS)
                    })
                    && place_first.is_none_or(|p| q.span.0 < p)
            }
            None => false,
        }
    }

    /// Troops flee → withdrawal; residents flee → displacement.
    fn flee_type(&self, sent: Span, trig: Span, _lower: &str) -> EventType {
        let cs = sent.0
            + cues::clause_start(&sent.slice(self.text).to_ascii_lowercase(), trig.0 - sent.0);
        let before = Span(cs.min(trig.0), trig.0);
        let before_text = before.slice(self.text).to_ascii_lowercase();
        let civ = has_word(&before_text, CIVILIAN_NOUNS);
        let mil = has_word(
            &before_text,
            &[
                "soldier",
                "troop",
                "junta",
                "regime",
                "army",
                "military",
                "battalion",
                "police",
                "garrison",
                "forces",
            ],
        ) || self.actors_in(before).any(|a| {
            matches!(
                a.kind,
                ActorKind::StateForce | ActorKind::MilitaryUnit | ActorKind::Police
            )
        });
        if mil && !civ {
            EventType::Withdrawal
        } else {
            EventType::Displacement
        }
    }

    fn fire_type(&self, trig: Span) -> EventType {
        let after = lower_word_after(self.text, trig.1, 40);
        if has_word(&after, CIVILIAN_NOUNS) || after.contains("tear gas") {
            EventType::AttackOnCivilians
        } else {
            EventType::Battle
        }
    }

    fn casualty_type(&self, sent: Span, lower: &str) -> EventType {
        let victims_civilian = self
            .quantities_in(sent)
            .filter(|q| q.measure == Some(Measure::Killed))
            .any(|q| {
                q.who.as_deref().is_some_and(|w| {
                    has_word(&w.to_ascii_lowercase(), CIVILIAN_NOUNS)
                        && !has_word(&w.to_ascii_lowercase(), &["soldier", "troop", "personnel"])
                })
            });
        if victims_civilian
            || (has_word(lower, &["civilians", "villagers", "protesters", "bodies"])
                && !has_word(lower, &["soldiers", "troops"]))
        {
            EventType::AttackOnCivilians
        } else {
            EventType::Casualties
        }
    }

    /// A weak trigger alone needs something concrete in its sentence.
    fn weak_ok(&self, sent: Span) -> bool {
        self.quantities_in(sent).any(|q| q.measure.is_some())
            || self.places_in(sent).next().is_some()
            || self
                .mentions
                .times
                .iter()
                .any(|t| sent.contains(t.span) && matches!(t.role, TimeRole::At | TimeRole::Since))
    }

    /// The most specific place in `span`, preferring places near `near`, not
    /// destinations, consistent with an admin1 named in the sentence.
    fn best_place(
        &self,
        span: Span,
        near: Option<Span>,
        exclude: &[Span],
    ) -> Option<&'a PlaceMention> {
        let cands: Vec<&&PlaceMention> = self
            .places_in(span)
            .filter(|p| !exclude.iter().any(|x| x.contains(p.span)))
            .filter(|p| !self.is_destination(p.span))
            .collect();
        let admin1s: Vec<&str> = cands
            .iter()
            .filter(|p| p.location.precision == Some(PlacePrecision::Admin1))
            .filter_map(|p| p.location.admin1.as_deref())
            .collect();
        cands
            .into_iter()
            .min_by_key(|p| {
                let prec = p.location.precision.map_or(9, |x| x as usize);
                let consistent = admin1s.is_empty()
                    || p.location
                        .admin1
                        .as_deref()
                        .is_some_and(|a| admin1s.contains(&a));
                let dist = near.map_or(0, |n| n.distance(p.span));
                (!consistent as usize, prec, dist)
            })
            .copied()
    }

    /// "taken to Insein Prison", "fled towards Bhamo": where people went, not where it happened.
    fn is_destination(&self, place: Span) -> bool {
        let start = place.0.saturating_sub(16);
        let mut s = start;
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        let before = self.text[s..place.0].to_ascii_lowercase();
        let before = before.trim_end();
        [
            "towards",
            "toward",
            "taken to",
            "sent to",
            "transferred to",
            "moved to",
            "deported to",
            "taken to the",
            "into",
            "bound for",
            "to the",
            "border with",
            "borders with",
        ]
        .iter()
        .any(|w| before.ends_with(w))
            || before.ends_with(" to")
                && !before.ends_with("close to")
                && !before.ends_with("next to")
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        doc: &Document,
        si: usize,
        sent: &Sentence,
        lower: &str,
        t: EventType,
        trigger: Span,
        rule: &str,
        groups: &[(EventType, Span)],
        kills: &[Span],
        injures: &[Span],
        last_place: &Option<(Location, usize)>,
    ) -> Vec<Candidate> {
        let text = self.text;
        let s = sent.span;
        let primary = t.primary_measure();
        let mut explain = vec![format!(
            "type {t}: trigger `{}` ({rule})",
            trigger.slice(text)
        )];
        // --- quantities belonging to this group (nearest trigger of a compatible type)
        let owner = |q: &QuantityMention| -> bool {
            let mut best: Option<(usize, EventType)> = None;
            for (gt, gs) in groups {
                if !accepts(*gt, q) {
                    continue;
                }
                let d = gs.distance(q.span);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, *gt));
                }
            }
            best.is_some_and(|(_, gt)| gt == t)
        };
        let qs: Vec<&QuantityMention> = self
            .quantities_in(s)
            .filter(|q| accepts(t, q) && owner(q))
            .filter(|q| !self.is_subset(q.span))
            .collect();
        let has_houses = qs.iter().any(|q| q.measure == Some(Measure::Houses));
        let anchor_qs: Vec<&QuantityMention> = qs
            .iter()
            .copied()
            .filter(|q| match primary {
                Measure::Killed => q.measure == Some(Measure::Killed),
                Measure::Houses => {
                    q.measure == Some(Measure::Houses) || (has_houses && q.who.is_none())
                }
                _ => q.measure == Some(Measure::People),
            })
            .collect();
        let secondary: Vec<&QuantityMention> = qs
            .iter()
            .copied()
            .filter(|q| !anchor_qs.iter().any(|a| a.span == q.span))
            .filter(|q| {
                matches!(
                    q.measure,
                    Some(Measure::Injured) | Some(Measure::Dependents)
                ) || (primary != Measure::Killed && q.measure == Some(Measure::Killed))
            })
            .collect();
        let _ = (kills, injures);
        // --- units: anchors of their own
        let units: Vec<&ActorMention> = self
            .actors_in(s)
            .filter(|a| a.kind == ActorKind::MilitaryUnit && !a.generic)
            .filter(|a| t != EventType::Capture || a.span.0 > trigger.0)
            .collect();
        // --- items
        let mut items: Vec<Item> = Vec::new();
        for q in &anchor_qs {
            items.push(Item {
                start: q.span.0,
                qty: Some(q),
                unit: None,
                place: None,
            });
        }
        for u in &units {
            // "41 members of Light Infantry Battalion 143": the count before the unit.
            if let Some(it) = items
                .iter_mut()
                .filter(|it| it.unit.is_none() && it.start < u.span.0)
                .next_back()
            {
                let gap = Span(it.qty.map_or(it.start, |q| q.span.1), u.span.0)
                    .slice(text)
                    .to_ascii_lowercase();
                if gap.len() <= 30
                    && (gap.contains(" of ") || gap.contains(" from ") || gap.trim().is_empty())
                {
                    it.unit = Some(u);
                    continue;
                }
            }
            items.push(Item {
                start: u.span.0,
                qty: None,
                unit: Some(u),
                place: None,
            });
        }
        // Captures of several places in one sentence ("a base at A on Monday and an outpost near B on Tuesday").
        if t == EventType::Capture && items.len() < 2 {
            let mut seen_town: Vec<String> = Vec::new();
            let mut place_items = Vec::new();
            for p in self.places_in(Span(trigger.1, s.1)) {
                let prec = p.location.precision;
                if !matches!(
                    prec,
                    Some(PlacePrecision::Site) | Some(PlacePrecision::Town)
                ) {
                    continue;
                }
                let key = p
                    .location
                    .place_id
                    .clone()
                    .unwrap_or_else(|| p.location.name.to_lowercase());
                if seen_town.contains(&key) {
                    continue;
                }
                seen_town.push(key);
                place_items.push(Item {
                    start: p.span.0,
                    qty: None,
                    unit: None,
                    place: Some(p),
                });
            }
            if place_items.len() >= 2 && items.is_empty() {
                items = place_items;
            }
        }
        items.sort_by_key(|it| it.start);
        let list = items.len() >= 2;
        if !list {
            items.truncate(1);
            if items.is_empty() {
                items.push(Item {
                    start: trigger.0,
                    qty: None,
                    unit: None,
                    place: None,
                });
            }
            // In single mode, the unit and count are the sentence's.
            if items[0].unit.is_none() {
                items[0].unit = units.first().copied();
            }
            if items[0].qty.is_none() {
                items[0].qty = anchor_qs.first().copied();
            }
        }
        // --- shared fields
        let time = self.best_time(s, trigger);
        let aggregate_time = time.as_ref().is_some_and(|(_, r)| *r == TimeRole::Since);
        let mut aggregate =
            aggregate_time || cues::aggregate_cue(lower) || t == EventType::StrengthEstimate;
        let (claimed_by, modality, source_actor) = self.attribution(s, trigger);
        let in_quote = self
            .mentions
            .quotes
            .iter()
            .any(|q| q.span.contains(trigger));
        let item_spans: Vec<Span> = items
            .iter()
            .enumerate()
            .map(|(i, it)| Span(it.start, items.get(i + 1).map_or(s.1, |n| n.start)))
            .collect();
        let first_item_start = items.first().map_or(s.1, |it| it.start).min(trigger.0);
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let mut ex = explain.clone();
            let seg = item_spans[i];
            // quantities
            let mut quantities: Vec<Quantity> = Vec::new();
            if let Some(q) = it.qty {
                let m = anchor_measure(primary, q);
                quantities.push(q.to_quantity(m));
                if self.explain {
                    ex.push(format!(
                        "count `{}` → {m} (nearest {} quantity to the trigger)",
                        q.text, m
                    ));
                }
            }
            for q in &secondary {
                let inside = if list { seg.contains(q.span) } else { true };
                if inside {
                    if let Some(m) = q.measure {
                        if !quantities.iter().any(|x| x.measure == m) {
                            quantities.push(q.to_quantity(m));
                        }
                    }
                }
            }
            // place
            let mut place_inherited = false;
            let exclude: Vec<Span> = if list {
                item_spans
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, sp)| *sp)
                    .collect()
            } else {
                vec![]
            };
            let pm = it
                .place
                .or_else(|| {
                    if list {
                        self.best_place(seg, Some(seg), &[])
                    } else {
                        None
                    }
                })
                .or_else(|| self.best_place(s, Some(trigger), &exclude));
            let mut location = pm.map(|p| {
                let mut loc = p.location.clone();
                loc.span = Some(p.span);
                if loc.name.is_empty() {
                    loc.name = p.name.clone();
                }
                loc
            });
            // A list item whose place lacks its region: the region named after it.
            if let Some(loc) = &mut location {
                if loc.admin1.is_none() {
                    if let Some(reg) = self.places_in(Span(seg.0, s.1)).find(|p| {
                        p.span.0 > loc.span.map_or(0, |x| x.0)
                            && p.location.precision == Some(PlacePrecision::Admin1)
                    }) {
                        loc.admin1 = reg.location.admin1.clone();
                    }
                }
            }
            if location.is_none()
                && !aggregate
                && !matches!(t, EventType::Amnesty | EventType::StrengthEstimate)
            {
                if let Some((lp, para)) = last_place {
                    if sent.paragraph <= para + 2 {
                        location = Some(Location {
                            span: None,
                            ..lp.clone()
                        });
                        place_inherited = true;
                        if self.explain {
                            ex.push(format!(
                                "place `{}` carried over from an earlier sentence",
                                lp.name
                            ));
                        }
                    }
                }
            } else if let (Some(p), true) = (pm, self.explain) {
                ex.push(format!(
                    "place `{}` ({}): most specific place of the {}",
                    p.name,
                    p.why,
                    if list { "list item" } else { "sentence" }
                ));
            }
            let _ = first_item_start;
            // actors
            let mut actors: Vec<Actor> = Vec::new();
            for a in self.actors_in(s) {
                if a.kind == ActorKind::MilitaryUnit && !a.generic {
                    let mine = match it.unit {
                        Some(u) => u.span == a.span,
                        None => !list || seg.contains(a.span),
                    };
                    if !mine && (list || units.len() > 1) {
                        continue;
                    }
                }
                if a.kind == ActorKind::Person {
                    continue;
                }
                let canonical = self.resolve_generic(a, s);
                if actors.iter().any(|x: &Actor| x.canonical == canonical) {
                    continue;
                }
                let role = role_of(self.text, t, trigger, a.span);
                actors.push(Actor {
                    role,
                    name: a.name.clone(),
                    canonical,
                    kind: a.kind,
                    parent: a.parent.clone(),
                    span: Some(a.span),
                });
            }
            if let Some(src) = &source_actor {
                if matches!(
                    src.kind,
                    ActorKind::ArmedGroup
                        | ActorKind::StateForce
                        | ActorKind::Police
                        | ActorKind::Militia
                ) && !actors.iter().any(|x| x.canonical == src.canonical)
                {
                    actors.push(Actor {
                        role: Role::Counterpart,
                        name: src.name.clone(),
                        canonical: src.canonical.clone(),
                        kind: src.kind,
                        parent: src.parent.clone(),
                        span: Some(src.span),
                    });
                }
            }
            let mut confidence: f64 = 0.9;
            let junta_default = matches!(
                t,
                EventType::Airstrike
                    | EventType::Shelling
                    | EventType::Conscription
                    | EventType::Amnesty
                    | EventType::PrisonerRelease
            ) || (matches!(
                t,
                EventType::Surrender
                    | EventType::Desertion
                    | EventType::Withdrawal
                    | EventType::StrengthEstimate
                    | EventType::Arson
            ) && quantities.iter().any(|q| {
                q.who.as_deref().is_some_and(|w| {
                    has_word(&w.to_ascii_lowercase(), &["soldier", "troop", "personnel"])
                })
            }));
            if junta_default
                && !actors.iter().any(|a| {
                    a.canonical == JUNTA
                        || a.parent.as_deref() == Some(JUNTA)
                        || a.kind == ActorKind::Police
                })
            {
                actors.push(Actor {
                    role: Role::Agent,
                    name: "(implied)".into(),
                    canonical: JUNTA.into(),
                    kind: ActorKind::StateForce,
                    parent: None,
                    span: None,
                });
                confidence -= 0.1;
                if self.explain {
                    ex.push(format!("actor {JUNTA} implied by the type ({t})"));
                }
            }
            // time
            let time_out = match &time {
                Some((tm, _)) => {
                    if self.explain {
                        ex.push(format!(
                            "date `{}` → {:?} (nearest time phrase to the trigger)",
                            tm.text.clone().unwrap_or_default(),
                            tm.start
                        ));
                    }
                    tm.clone()
                }
                None => Time::default(),
            };
            if list {
                confidence -= 0.05;
            }
            if place_inherited {
                confidence -= 0.1;
            }
            if modality == Modality::Claimed {
                confidence -= 0.1;
            }
            if in_quote {
                confidence -= 0.15;
            }
            if sent.is_title {
                confidence -= 0.2;
            }
            if quantities.is_empty()
                && !matches!(
                    t,
                    EventType::Capture | EventType::Withdrawal | EventType::Amnesty
                )
            {
                confidence -= 0.05;
            }
            if aggregate
                && quantities
                    .iter()
                    .all(|q| q.qualifier == sitrep_core::Qualifier::Vague)
            {
                aggregate = true;
            }
            let event = Event {
                id: String::new(),
                event_type: t,
                aggregate,
                modality,
                quantities,
                location,
                time: time_out,
                actors,
                claimed_by: claimed_by.clone(),
                sentence: s,
                trigger,
                confidence: (confidence.max(0.1) * 100.0).round() / 100.0,
                mentions: vec![],
                explain: ex,
            };
            let _ = doc;
            out.push(Candidate {
                event,
                sentence_index: si,
                paragraph: sent.paragraph,
                list_item: list,
                from_title: sent.is_title,
                in_quote,
                place_inherited,
            });
        }
        explain.clear();
        out
    }

    /// "including a baby", "among them a girl": a subset, not a new count.
    fn is_subset(&self, q: Span) -> bool {
        let start = q.0.saturating_sub(14);
        let mut s = start;
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        let before = self.text[s..q.0].to_ascii_lowercase();
        let before = before.trim_end();
        before.ends_with("including")
            || before.ends_with("among them")
            || before.ends_with("of whom")
            || before.ends_with("among")
    }

    /// The time phrase nearest the trigger (happening times only).
    fn best_time(&self, s: Span, trigger: Span) -> Option<(Time, TimeRole)> {
        self.mentions
            .times
            .iter()
            .filter(|t| s.contains(t.span) && matches!(t.role, TimeRole::At | TimeRole::Since))
            .filter(|t| t.start.is_some() || t.text_norm.is_some())
            .min_by_key(|t| t.span.distance(trigger))
            .map(|t| (t.to_time(), t.role))
    }

    /// claimed_by, modality and the source as an actor.
    fn attribution(
        &self,
        s: Span,
        trigger: Span,
    ) -> (Option<String>, Modality, Option<&'a ActorMention>) {
        let att = self
            .mentions
            .attributions
            .iter()
            .filter(|a| {
                a.scope.contains(trigger) || (a.scope.overlaps(s) && s.contains(a.source_span))
            })
            .min_by_key(|a| a.scope.len());
        let Some(a) = att else {
            return (None, Modality::Asserted, None);
        };
        let actor = self
            .mentions
            .actors
            .iter()
            .find(|m| a.source_span.overlaps(m.span) && !m.generic);
        let party = actor.is_some_and(|m| {
            matches!(
                m.kind,
                ActorKind::ArmedGroup
                    | ActorKind::StateForce
                    | ActorKind::Militia
                    | ActorKind::Government
                    | ActorKind::MilitaryUnit
                    | ActorKind::Police
            )
        });
        let modality = match a.kind {
            AttributionKind::Denied => Modality::Asserted,
            AttributionKind::Claimed => Modality::Claimed,
            _ if party => Modality::Claimed,
            _ => Modality::Asserted,
        };
        (Some(a.source.clone()), modality, actor)
    }

    /// Generic references ("the group", "the battalion") take the last named actor of their kind.
    fn resolve_generic(&self, a: &ActorMention, s: Span) -> String {
        if !a.generic {
            return a.canonical.clone();
        }
        let lname = a.name.to_ascii_lowercase();
        let want_group = lname.contains("group")
            || lname.contains("alliance")
            || lname.contains("organisation")
            || lname.contains("organization");
        if want_group {
            if let Some(prev) = self
                .mentions
                .actors
                .iter()
                .rev()
                .filter(|m| m.span.1 <= a.span.0 && !m.generic && m.kind == ActorKind::ArmedGroup)
                .find(|m| m.span.0 + 3000 > s.0)
            {
                return prev.canonical.clone();
            }
        }
        a.canonical.clone()
    }
}

struct Item<'a> {
    start: usize,
    qty: Option<&'a QuantityMention>,
    unit: Option<&'a ActorMention>,
    place: Option<&'a PlaceMention>,
}

/// Can a quantity of this measure be a count of this type?
fn accepts(t: EventType, q: &QuantityMention) -> bool {
    let Some(m) = q.measure else { return false };
    match t {
        EventType::Capture => false,
        EventType::Arson => {
            matches!(m, Measure::Houses | Measure::Killed | Measure::Injured)
                || (m == Measure::People && q.who.is_none())
        }
        _ if t.primary_measure() == Measure::Killed => {
            matches!(m, Measure::Killed | Measure::Injured)
        }
        _ => matches!(
            m,
            Measure::People | Measure::Dependents | Measure::Killed | Measure::Injured
        ),
    }
}

/// The measure a list anchor is counted as (bare list items take the head's).
fn anchor_measure(primary: Measure, q: &QuantityMention) -> Measure {
    match (primary, q.measure) {
        (Measure::Houses, _) => Measure::Houses,
        (_, Some(m)) => m,
        (p, None) => p,
    }
}

/// Role of an actor relative to the trigger: subject → agent; after "to" → counterpart;
/// after "by" → agent; other objects → target (or counterpart for surrender/defection).
fn role_of(text: &str, t: EventType, trigger: Span, a: Span) -> Role {
    if a.1 <= trigger.0 {
        return Role::Agent;
    }
    let gap = Span(trigger.1, a.0).slice(text).to_ascii_lowercase();
    let gap = gap.trim();
    if gap.ends_with("by") || gap.ends_with("by the") {
        return Role::Agent;
    }
    match t {
        EventType::Surrender
        | EventType::Defection
        | EventType::Withdrawal
        | EventType::Desertion => Role::Counterpart,
        _ => Role::Target,
    }
}
