//! Frame filling: triggers of a sentence + the mentions around them → candidate events.

use sitrep_core::{
    Actor, ActorKind, ActorMention, AttributionKind, Document, Event, EventType, Location, Measure,
    Mentions, Modality, PlaceMention, PlacePrecision, Quantity, QuantityMention, Role, Sentence,
    Span, Time, TimeRole,
};

use crate::cues;
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
    /// A definite reference ("the Kale attack"): merges more freely.
    pub anaphoric: bool,
    /// The count, place or date came from the sentence itself.
    pub own_count: bool,
    pub own_place: bool,
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
    /// A nominal trigger ("the fall of", "Tuesday's strike"): it names an event
    /// more often than it reports one, and does not own the sentence's date.
    noun: bool,
    /// A definite reference to an event already told ("the attack").
    anaphoric: bool,
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
    let sorted = sorted_mentions(mentions);
    let mentions: &Mentions = &sorted;
    let mut places: Vec<&PlaceMention> = mentions
        .places
        .iter()
        .filter(|p| {
            !win(
                &sorted.actors,
                |a| a.span.0,
                p.span.0.saturating_sub(300),
                p.span.1,
            )
            .iter()
            .any(|a| {
                !a.generic
                    && a.span.contains(p.span)
                    && a.span != p.span
                    && a.canonical != "PDF"
                    && a.kind != ActorKind::MilitaryUnit
            })
        })
        .collect();
    places.sort_by_key(|p| p.span.0);
    let ctx = Ctx {
        text,
        mentions,
        places,
        explain: opts.explain,
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut last_place: Option<(Location, usize)> = None; // (place, paragraph)
    let mut memory = Memory::default();
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
        if hits_raw.is_empty() && ctx.list_elaboration(sent, &out).is_none() {
            // As for a sentence whose triggers are all blocked, below.
            memory.elaborate(&ctx, sent, &mut out);
            update_last_place(&ctx, sent, &mut last_place);
            continue;
        }
        let stext = sent.span.slice(text);
        let lower = stext.to_ascii_lowercase();
        let sentence_cues = cues::SentenceCues::new(&lower);
        let mut hits: Vec<TrigHit> = Vec::new();
        let mut kills: Vec<Span> = Vec::new();
        let mut blocked_notes: Vec<String> = Vec::new();
        for tr in &hits_raw {
            let entry = &lex.entries[tr.entry];
            let (ls, le) = (tr.span.0 - sent.span.0, tr.span.1 - sent.span.0);
            let block = cues::blocked_in(&sentence_cues, &lower, ls, le)
                .map(|b| b.as_str())
                .or_else(|| ctx.structural_block(tr.span, entry.kind, &entry.phrase));
            if let Some(why) = block {
                if ctx.explain {
                    blocked_notes.push(format!("trigger `{}` ignored: {why}", tr.span.slice(text)));
                }
                continue;
            }
            // The rule is only read by explain mode.
            let rule = if ctx.explain {
                format!("lexicon line {} `{}`", entry.line, entry.phrase)
            } else {
                String::new()
            };
            let event_type = match entry.kind {
                Kind::Event(t) => Some(t),
                Kind::Kill => {
                    kills.push(tr.span);
                    None
                }
                Kind::Injure => None,
                Kind::Take => ctx
                    .takes_place(sent.span, tr.span)
                    .then_some(EventType::Capture),
                Kind::Flee => Some(ctx.flee_type(sent.span, tr.span)),
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
                let anaphoric = !entry.phrase.ends_with(" of") && ctx.definite(tr.span);
                // "the Kale attack" refers to a happening: not background.
                let weak = entry.weak && !(anaphoric && t == EventType::Battle);
                if t == EventType::Defection
                    && entry.phrase.starts_with("joined")
                    && !ctx.personnel_subject(sent.span, tr.span)
                {
                    if ctx.explain {
                        blocked_notes.push(format!(
                            "trigger `{}` ignored: civilians joining a group do not defect",
                            tr.span.slice(text)
                        ));
                    }
                    continue;
                }
                hits.push(TrigHit {
                    event_type: t,
                    span: tr.span,
                    weak,
                    noun: entry.noun || anaphoric,
                    anaphoric,
                    rule,
                });
            }
        }
        // "junta aircraft struck the town, killing seven": a weak weapon noun
        // with deaths is the strike itself.
        if !kills.is_empty() {
            for h in hits.iter_mut() {
                if h.weak
                    && matches!(
                        h.event_type,
                        EventType::Airstrike | EventType::Shelling | EventType::Explosion
                    )
                {
                    h.weak = false;
                }
            }
        }
        let has_strong = hits.iter().any(|h| !h.weak);
        if has_strong {
            hits.retain(|h| !h.weak);
        }
        // Soldiers who slipped away and joined the other side defected.
        if hits.iter().any(|h| h.event_type == EventType::Defection) {
            hits.retain(|h| h.event_type != EventType::Desertion);
        }
        // "killed, injured, defected, deserted or retired": a casualty figure.
        let losses = [
            EventType::Defection,
            EventType::Desertion,
            EventType::Surrender,
        ]
        .iter()
        .filter(|t| hits.iter().any(|h| h.event_type == **t))
        .count();
        if !kills.is_empty() && losses >= 2 {
            hits.retain(|h| {
                !matches!(
                    h.event_type,
                    EventType::Defection | EventType::Desertion | EventType::Surrender
                )
            });
        }
        // One violent event per sentence: the first strong trigger's type.
        if let Some(first_violent) = hits
            .iter()
            .find(|h| is_violent(h.event_type))
            .map(|h| h.event_type)
        {
            hits.retain(|h| !is_violent(h.event_type) || h.event_type == first_violent);
        }
        // Casualty verbs make their own event when no violent trigger takes
        // their counts: alone, after a weak trigger ("killed in the fighting"),
        // or beside a non-violent one ("1,500 deserted and 13,000 were killed").
        if !kills.is_empty() && !hits.iter().any(|h| is_violent(h.event_type) && !h.weak) {
            let killed_left = ctx
                .quantities_in(sent.span)
                .any(|q| q.measure == Some(Measure::Killed));
            if hits.iter().all(|h| h.weak) || killed_left {
                hits.retain(|h| !h.weak || !is_violent(h.event_type));
                let t = ctx.casualty_type(sent.span, &lower);
                hits.push(TrigHit {
                    event_type: t,
                    span: kills[0],
                    weak: false,
                    noun: false,
                    anaphoric: false,
                    rule: "casualty verb without a violent trigger".into(),
                });
                hits.sort_by_key(|h| h.span.0);
            }
        }
        // "Among them were about 400 inmates from Insein Prison, 150 from Obo
        // Prison and 87 from Myitkyina Prison": the parts of the event just told.
        let mut elaborated: Option<usize> = None;
        if hits.is_empty() {
            if let Some(t) = ctx.list_elaboration(sent, &out) {
                let first_word = stext.find(' ').unwrap_or(stext.len());
                hits.push(TrigHit {
                    event_type: t,
                    span: Span(sent.span.0, sent.span.0 + first_word),
                    weak: false,
                    noun: false,
                    anaphoric: false,
                    rule: if ctx.explain {
                        "a list of counts detailing the event before".into()
                    } else {
                        String::new()
                    },
                });
                elaborated = Some(out.len() - 1);
            }
        }
        if hits.is_empty() {
            memory.elaborate(&ctx, sent, &mut out);
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
        let others = types.len() > 1;
        for t in types {
            let first = hits
                .iter()
                .find(|h| h.event_type == t && !h.noun)
                .or_else(|| hits.iter().find(|h| h.event_type == t))
                .unwrap();
            if first.weak && !ctx.weak_ok(sent.span) {
                continue;
            }
            let mut new = ctx.build(
                si,
                sent,
                &lower,
                t,
                first,
                others,
                &group_triggers,
                &last_place,
            );
            for c in &mut new {
                memory.fill(&ctx, c);
                if ctx.explain {
                    c.event.explain.extend(blocked_notes.iter().cloned());
                }
            }
            if let Some(pi) = elaborated {
                // The parts share the total's date and actors; the total is a summary.
                let parent = out[pi].event.clone();
                for c in &mut new {
                    if c.event.time.start.is_none() && c.event.time.text_norm.is_none() {
                        c.event.time = parent.time.clone();
                    }
                    for a in &parent.actors {
                        if !c.event.actors.iter().any(|x| x.canonical == a.canonical) {
                            c.event.actors.push(a.clone());
                        }
                    }
                    if c.event.claimed_by.is_none() {
                        c.event.claimed_by.clone_from(&parent.claimed_by);
                    }
                }
                if new.len() >= 2 {
                    out[pi].event.aggregate = true;
                }
            }
            out.extend(new);
        }
        memory.remember(&out);
        update_last_place(&ctx, sent, &mut last_place);
    }
    out
}

/// The army itself or one of its units.
fn of_junta(a: &Actor) -> bool {
    a.canonical == JUNTA || a.parent.as_deref() == Some(JUNTA)
}

/// Roles that depend on the event type, after the actors of a frame are read
/// from the text in order.
fn settle_roles(
    t: EventType,
    military_who: bool,
    qty: Option<&QuantityMention>,
    trigger: Span,
    actors: &mut [Actor],
) {
    // "Around 20 soldiers were killed, the AA claimed": the soldiers are
    // the army's, so the army is the target and the claiming group the agent.
    if t == EventType::Casualties
        && military_who
        && actors
            .iter()
            .any(|a| a.kind == ActorKind::ArmedGroup && !of_junta(a))
    {
        for a in actors.iter_mut() {
            if of_junta(a) {
                a.role = Role::Target;
            } else if a.kind == ActorKind::ArmedGroup {
                a.role = Role::Agent;
            }
        }
    }
    // "17 members of the PDF had surrendered", as the junta's media tells
    // it: the group named between the count and the verb is the one that
    // gave up (not "soldiers surrendered to resistance groups"); the army is
    // who they gave up to.
    if let (EventType::Surrender | EventType::Defection, Some(q)) = (t, qty) {
        let near = Span(q.span.1, (q.span.1 + 40).min(trigger.0.max(q.span.1)));
        let named = actors.iter().any(|a| {
            a.kind == ActorKind::ArmedGroup
                && a.canonical != JUNTA
                && a.span.is_some_and(|sp| near.contains(sp))
        });
        if named {
            for a in actors.iter_mut() {
                if a.canonical == JUNTA && a.role == Role::Agent {
                    a.role = Role::Counterpart;
                }
            }
        }
    }
    // "35 soldiers deserted from LIB 703": the unit they leave is theirs.
    if matches!(
        t,
        EventType::Desertion | EventType::Defection | EventType::Surrender
    ) {
        for a in actors.iter_mut() {
            if a.kind == ActorKind::MilitaryUnit
                && a.parent.as_deref() == Some(JUNTA)
                && a.role == Role::Counterpart
            {
                a.role = Role::Agent;
            }
        }
    }
    // Only the army flies and fires artillery from its bases: named but
    // not as the agent ("shells fired from a junta base"), it is the agent.
    if matches!(t, EventType::Airstrike | EventType::Shelling)
        && !actors.iter().any(|a| a.role == Role::Agent)
    {
        if let Some(a) = actors.iter_mut().find(|a| of_junta(a)) {
            a.role = Role::Agent;
        }
    }
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

/// Actors carried across sentences: who did the last thing told.
#[derive(Default)]
struct Memory {
    /// Named actors (not implied, not civilians) of the last event, with its paragraph.
    last: Vec<Actor>,
    paragraph: usize,
    index: usize,
}

impl Memory {
    /// An event without named actors takes those of the story so far
    /// (same or next paragraph): "Dozens more had been killed, it said."
    fn fill(&self, ctx: &Ctx, c: &mut Candidate) {
        if self.last.is_empty() || c.paragraph > self.paragraph + 1 || c.event.aggregate {
            return;
        }
        let named = c
            .event
            .actors
            .iter()
            .any(|a| a.span.is_some() && a.kind != ActorKind::Civilians);
        if named {
            return;
        }
        if matches!(
            c.event.event_type,
            EventType::Displacement | EventType::Protest
        ) {
            return;
        }
        c.event.actors.retain(|a| a.span.is_some());
        for a in &self.last {
            if !c.event.actors.iter().any(|x| x.canonical == a.canonical) {
                c.event.actors.push(a.clone());
            }
        }
        c.event.confidence = ((c.event.confidence - 0.05) * 100.0).round() / 100.0;
        if ctx.explain {
            c.event
                .explain
                .push("actors carried over from the previous event of the story".into());
        }
    }

    fn remember(&mut self, out: &[Candidate]) {
        if let Some(c) = out.last() {
            if c.event.aggregate || out.len() == self.index {
                return;
            }
            let named: Vec<Actor> = c
                .event
                .actors
                .iter()
                .filter(|a| {
                    a.span.is_some()
                        && !matches!(a.kind, ActorKind::Civilians | ActorKind::Organization)
                })
                .cloned()
                .collect();
            if !named.is_empty() {
                self.last = named;
                self.paragraph = c.paragraph;
            }
            self.index = out.len();
        }
    }

    /// A sentence without a trigger that names units ("the troops, believed to
    /// be from Light Infantry Division 33, …") adds them to the last event of
    /// its paragraph.
    fn elaborate(&mut self, ctx: &Ctx, sent: &Sentence, out: &mut [Candidate]) {
        let Some(last) = out.last_mut() else { return };
        if last.paragraph + 1 < sent.paragraph || last.event.aggregate {
            return;
        }
        for a in ctx.actors_in(sent.span) {
            if a.kind == ActorKind::MilitaryUnit
                && !a.generic
                && !last.event.actors.iter().any(|x| x.canonical == a.canonical)
                && !last.list_item
            {
                last.event.actors.push(Actor {
                    role: Role::Agent,
                    name: a.name.clone(),
                    canonical: a.canonical.clone(),
                    kind: a.kind,
                    parent: a.parent.clone(),
                    span: Some(a.span),
                });
                self.last.push(last.event.actors.last().unwrap().clone());
            }
        }
    }
}

const WEAPONS: &[&str] = &[
    "rifle",
    "rifles",
    "weapon",
    "weapons",
    "arms",
    "ammunition",
    "gun",
    "guns",
    "drone",
    "drones",
    "vehicle",
    "vehicles",
    "truck",
    "trucks",
    "power",
    "property",
    "land",
    "documents",
    "phones",
    "money",
    "cash",
    "equipment",
    "supplies",
    "mortar",
    "mortars",
    "explosives",
    "quantity",
];

/// The mentions that start inside `[from, to)` of a list sorted by start.
fn win<T>(v: &[T], start: impl Fn(&T) -> usize, from: usize, to: usize) -> &[T] {
    let lo = v.partition_point(|x| start(x) < from);
    let hi = v.partition_point(|x| start(x) < to).max(lo);
    &v[lo..hi]
}

fn attribution_key(a: &sitrep_core::Attribution) -> usize {
    a.scope.0.min(a.source_span.0)
}

/// A copy of the mentions with every list sorted by start, so that each
/// lookup is a binary search and assembly stays linear in the document size.
/// The mentions in text order: borrowed when the recognisers already gave them
/// so (the usual case), copied and sorted otherwise.
fn sorted_mentions(m: &Mentions) -> std::borrow::Cow<'_, Mentions> {
    let sorted = m.quantities.is_sorted_by_key(|q| q.span.0)
        && m.times.is_sorted_by_key(|t| t.span.0)
        && m.places.is_sorted_by_key(|p| p.span.0)
        && m.actors.is_sorted_by_key(|a| a.span.0)
        && m.quotes.is_sorted_by_key(|q| q.span.0)
        && m.attributions.is_sorted_by_key(attribution_key);
    if sorted {
        return std::borrow::Cow::Borrowed(m);
    }
    let mut s = m.clone();
    s.quantities.sort_by_key(|q| q.span.0);
    s.times.sort_by_key(|t| t.span.0);
    s.places.sort_by_key(|p| p.span.0);
    s.actors.sort_by_key(|a| a.span.0);
    s.quotes.sort_by_key(|q| q.span.0);
    s.attributions.sort_by_key(attribution_key);
    std::borrow::Cow::Owned(s)
}

impl<'a> Ctx<'a> {
    fn attributions_near(&self, from: usize, to: usize) -> &'a [sitrep_core::Attribution] {
        win(&self.mentions.attributions, attribution_key, from, to)
    }

    fn quantities_in(&self, span: Span) -> impl Iterator<Item = &'a QuantityMention> {
        win(&self.mentions.quantities, |q| q.span.0, span.0, span.1)
            .iter()
            .filter(move |q| span.contains(q.span))
    }

    fn places_in(&self, span: Span) -> impl Iterator<Item = &&'a PlaceMention> + '_ {
        win(&self.places, |p| p.span.0, span.0, span.1)
            .iter()
            .filter(move |p| span.contains(p.span))
    }

    fn actors_in(&self, span: Span) -> impl Iterator<Item = &'a ActorMention> {
        win(&self.mentions.actors, |a| a.span.0, span.0, span.1)
            .iter()
            .filter(move |a| span.contains(a.span))
    }

    fn before(&self, pos: usize, n: usize) -> String {
        let mut s = pos.saturating_sub(n);
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        self.text[s..pos].to_ascii_lowercase()
    }

    /// Triggers that are part of something else: a time phrase ("since the
    /// start of the offensive"), a source's description ("a group that tracks
    /// conscription arrests"), a participle used as an adjective ("jailed
    /// soldiers", "a camp for displaced people"), a seizure of things ("seized
    /// 12 rifles", "seized power"), a circumstance ("freed under an amnesty").
    fn structural_block(&self, trig: Span, kind: Kind, phrase: &str) -> Option<&'static str> {
        if win(
            &self.mentions.times,
            |t| t.span.0,
            trig.0.saturating_sub(300),
            trig.0 + 1,
        )
        .iter()
        .any(|t| t.span.contains(trig))
        {
            return Some("part of a time phrase");
        }
        if self
            .attributions_near(trig.0.saturating_sub(5000), trig.1)
            .iter()
            .any(|a| a.source_span.contains(trig))
        {
            return Some("part of a source's description");
        }
        let after = lower_word_after(self.text, trig.1, 30);
        let next_word = after
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .find(|w| !w.is_empty())
            .unwrap_or("");
        // "seized a large cache of weapons": goods, not a place.
        if kind == Kind::Event(EventType::Capture) {
            let obj = lower_word_after(self.text, trig.1, 40);
            let goods = [
                "weapon",
                "arms ",
                "ammunition",
                "rifle",
                "guns",
                "cache",
                "vehicle",
                "drugs",
                "equipment",
                "supplies",
                "explosives",
                "mines",
                "drones",
                "documents",
            ];
            let first_place = self
                .places_in(Span(trig.1, trig.1 + obj.len()))
                .next()
                .map(|p| p.span.0 - trig.1);
            if let Some(g) = goods.iter().filter_map(|g| obj.find(g)).min() {
                if first_place.is_none_or(|p| g < p) && !obj[..g].contains(" and ") {
                    return Some("the capture of goods, not of a place");
                }
            }
        }
        let before = self.before(trig.0, 24);
        let quantity_before = win(
            &self.mentions.quantities,
            |q| q.span.0,
            trig.0.saturating_sub(200),
            trig.0,
        )
        .iter()
        .any(|q| q.span.1 <= trig.0 && trig.0 - q.span.1 <= 2);
        if phrase.ends_with("ed")
            && !phrase.contains(' ')
            && !quantity_before
            && (CIVILIAN_NOUNS.contains(&next_word)
                || MILITARY_NOUNS.contains(&next_word)
                || [
                    "inmates",
                    "prisoners",
                    "detainees",
                    "deserters",
                    "persons",
                    "soldiers",
                    "troops",
                ]
                .contains(&next_word))
            && after.starts_with(' ')
        {
            return Some("a participle used as an adjective");
        }
        // "fled after the attack", "since its offensive began": a reference point in time.
        let b = before.trim_end();
        if [
            "after the",
            "before the",
            "following the",
            "since the",
            "during the",
            "since its",
            "since their",
            "after its",
            "after their",
        ]
        .iter()
        .any(|w| b.ends_with(w))
        {
            return Some("a reference point in time");
        }
        // "arrested for joining a protest", "jailed for desertion": a reason.
        let near = cues::tail_words(&before, 3);
        if (near.starts_with("for ") || near.contains(" for ")) && !phrase.ends_with("ed") {
            return Some("the reason for something else");
        }
        if matches!(kind, Kind::Event(EventType::Capture) | Kind::Take) {
            let obj: Vec<&str> = after
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(4)
                .collect();
            if obj.iter().any(|w| WEAPONS.contains(w)) {
                return Some("a seizure of things, not territory");
            }
        }
        if matches!(
            kind,
            Kind::Event(EventType::Amnesty) | Kind::Event(EventType::PrisonerRelease)
        ) && [
            "under an",
            "under the",
            "part of an",
            "part of the",
            "marking the",
            "in an",
        ]
        .iter()
        .any(|w| before.trim_end().ends_with(w))
        {
            return Some("the circumstance of another event");
        }
        None
    }

    /// "the attack", "the Kale attack", "Tuesday's strike", "this amnesty".
    fn definite(&self, trig: Span) -> bool {
        let mut from = trig.0.saturating_sub(30);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let before = &self.text[from..trig.0];
        let words: Vec<&str> = before.split_whitespace().collect();
        let n = words.len();
        let w1 = words.last().copied().unwrap_or("");
        let w2 = if n >= 2 { words[n - 2] } else { "" };
        let det = |w: &str| {
            let w = w.to_ascii_lowercase();
            matches!(w.as_str(), "the" | "this" | "its" | "their")
                || w.ends_with("'s")
                || w.ends_with("\u{2019}s")
        };
        // "the attack", "Tuesday's strike", "the Kale attack" (a name between).
        (det(w1) || (det(w2) && w1.chars().next().is_some_and(|c| c.is_uppercase())))
            && !lower_word_after(self.text, trig.1, 4)
                .trim_start()
                .starts_with("of")
    }

    /// Soldiers or police (not civilians) in the clause before the trigger.
    fn personnel_subject(&self, sent: Span, trig: Span) -> bool {
        let before = Span(sent.0, trig.0);
        let text = before.slice(self.text).to_ascii_lowercase();
        has_word(
            &text,
            &[
                "soldier",
                "troop",
                "police",
                "officer",
                "personnel",
                "sergeant",
                "captain",
                "major",
                "private",
                "corporal",
                "guards",
                "they",
            ],
        ) || self.actors_in(before).any(|a| {
            matches!(
                a.kind,
                ActorKind::StateForce | ActorKind::MilitaryUnit | ActorKind::Police
            )
        })
    }

    /// "took Mantong", "took the town": a place or a position soon after the verb.
    fn takes_place(&self, sent: Span, trig: Span) -> bool {
        let after = lower_word_after(self.text, trig.1, 45.min(sent.1 - trig.1));
        let first = after.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "to" | "into"
                | "from"
                | "by"
                | "away"
                | "part"
                | "place"
                | "over"
                | "up"
                | "as"
                | "in"
                | "on"
                | "at"
                | "off"
        ) {
            return false;
        }
        let window = Span(trig.1, (trig.1 + 45).min(sent.1));
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

    /// "captured 20 soldiers", "12 were captured": people, not territory.
    fn people_object(&self, sent: Span, trig: Span) -> bool {
        let before = self.before(trig.0, 12);
        if [" were ", " was ", " been ", " be "]
            .iter()
            .any(|w| before.ends_with(w))
        {
            let subj = self
                .quantities_in(Span(sent.0, trig.0))
                .last()
                .is_some_and(|q| q.measure == Some(Measure::People) && trig.0 - q.span.1 < 16);
            if subj {
                return true;
            }
        }
        // "20 soldiers were killed and 14 captured": a count right before the verb.
        let right_before = self
            .quantities_in(Span(sent.0, trig.0))
            .last()
            .is_some_and(|q| {
                q.measure == Some(Measure::People) && self.text[q.span.1..trig.0].trim().is_empty()
            });
        if right_before {
            return true;
        }
        let window = Span(trig.1, (trig.1 + 30).min(sent.1));
        let q = self.quantities_in(window).next();
        let place_first = self.places_in(window).next().map(|p| p.span.0);
        match q {
            Some(q) => {
                q.measure == Some(Measure::People)
                    && q.who.as_deref().is_some_and(|w| {
                        let w = w.to_ascii_lowercase();
                        has_word(&w, MILITARY_NOUNS) || has_word(&w, CIVILIAN_NOUNS)
                    })
                    && place_first.is_none_or(|p| q.span.0 < p)
            }
            None => false,
        }
    }

    /// Troops flee → withdrawal; residents flee → displacement. The words right
    /// before the verb decide first ("sent thousands fleeing"), then the clause.
    fn flee_type(&self, sent: Span, trig: Span) -> EventType {
        let near = cues::tail_words(&self.before(trig.0, 60), 4).to_string();
        let q_near = self
            .quantities_in(Span(trig.0.saturating_sub(40), trig.0))
            .last()
            .map(|q| q.who.as_deref().map(|w| w.to_ascii_lowercase()));
        let mil_words = [
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
            "unit",
            "column",
        ];
        match q_near {
            Some(None) => return EventType::Displacement,
            Some(Some(w)) if has_word(&w, CIVILIAN_NOUNS) && !has_word(&w, &mil_words) => {
                return EventType::Displacement
            }
            Some(Some(w)) if has_word(&w, &mil_words) => return EventType::Withdrawal,
            _ => {}
        }
        if has_word(&near, CIVILIAN_NOUNS) && !has_word(&near, &mil_words) {
            return EventType::Displacement;
        }
        let lower_sent = sent.slice(self.text).to_ascii_lowercase();
        let cs = sent.0 + cues::clause_start(&lower_sent, trig.0 - sent.0);
        let before = Span(cs.min(trig.0), trig.0);
        let before_text = before.slice(self.text).to_ascii_lowercase();
        let civ = has_word(&before_text, CIVILIAN_NOUNS);
        let mil = has_word(&before_text, &mil_words)
            || self.actors_in(before).any(|a| {
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
        let phrase = trig.slice(self.text).to_ascii_lowercase();
        let after = lower_word_after(self.text, trig.1, 60);
        if phrase.contains("tear gas")
            || phrase.contains("rubber")
            || has_word(&after, CIVILIAN_NOUNS)
            || has_word(
                &after,
                &[
                    "village",
                    "house",
                    "home",
                    "monastery",
                    "school",
                    "market",
                    "hospital",
                    "church",
                    "mosque",
                    "ward",
                ],
            )
            || after.contains("tear gas")
        {
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
                    let w = w.to_ascii_lowercase();
                    has_word(&w, CIVILIAN_NOUNS)
                        && !has_word(&w, &["soldier", "troop", "personnel"])
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
            || win(&self.mentions.times, |t| t.span.0, sent.0, sent.1)
                .iter()
                .any(|t| sent.contains(t.span) && matches!(t.role, TimeRole::At | TimeRole::Since))
    }

    /// The most specific place in `span`, preferring places near `near`, not
    /// destinations or reference points, consistent with an admin1 named in
    /// the sentence.
    fn best_place(
        &self,
        span: Span,
        near: Option<Span>,
        exclude: &[Span],
    ) -> Option<&'a PlaceMention> {
        let cands: Vec<&&PlaceMention> = self
            .places_in(span)
            .filter(|p| !exclude.iter().any(|x| x.contains(p.span)))
            .filter(|p| !self.is_destination(p.span) && !self.in_source(p.span))
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
                let reference = self.is_reference(p.span);
                let dist = near.map_or(0, |n| n.distance(p.span));
                (!consistent as usize, reference as usize, prec, dist)
            })
            .copied()
    }

    /// "taken to Insein Prison", "fled towards Bhamo": where people went, not where it happened.
    fn is_destination(&self, place: Span) -> bool {
        let before = self.before(place.0, 16);
        let before = before.trim_end();
        [
            "towards",
            "toward",
            "taken to",
            "sent to",
            "transferred to",
            "moved to",
            "deported to",
            "into",
            "bound for",
            "border with",
            "borders with",
            "to the",
        ]
        .iter()
        .any(|w| before.ends_with(w))
            || (before.ends_with(" to")
                && !before.ends_with("close to")
                && !before.ends_with("next to"))
            || self.in_destination_phrase(place)
    }

    /// A sentence without a trigger that lists two or more counts of people,
    /// each from its own place, right after an event of a personnel type:
    /// the parts of that event (its type).
    fn list_elaboration(&self, sent: &Sentence, out: &[Candidate]) -> Option<EventType> {
        if sent.is_title {
            return None;
        }
        let last = out.last()?;
        if last.from_title || sent.paragraph > last.paragraph + 1 {
            return None;
        }
        let t = last.event.event_type;
        if !matches!(
            t,
            EventType::PrisonerRelease
                | EventType::Conscription
                | EventType::Surrender
                | EventType::Defection
                | EventType::Desertion
                | EventType::Arrest
        ) {
            return None;
        }
        let qs: Vec<&QuantityMention> = self
            .quantities_in(sent.span)
            .filter(|q| q.measure == Some(Measure::People))
            .collect();
        if qs.len() < 2 {
            return None;
        }
        // Each count names its own place ("… from Insein Prison").
        let placed = qs
            .iter()
            .filter(|q| {
                let after = Span(q.span.1, (q.span.1 + 12).min(sent.span.1));
                let w = after.slice(self.text).trim_start().to_ascii_lowercase();
                (w.starts_with("from ") || w.starts_with("in ") || w.starts_with("at "))
                    && self
                        .places_in(Span(q.span.1, (q.span.1 + 60).min(sent.span.1)))
                        .next()
                        .is_some()
            })
            .count();
        (placed >= 2).then_some(t)
    }

    /// "sent to frontline units in northern Shan State", "taken to a camp in
    /// Hpakant": a place that locates the destination noun phrase.
    fn in_destination_phrase(&self, place: Span) -> bool {
        let before = self.before(place.0, 48);
        let Some(head) = before.trim_end().strip_suffix(" in") else {
            return false;
        };
        let Some(i) = head.rfind(" to ") else {
            return false;
        };
        let phrase: Vec<&str> = head[i + 4..].split_whitespace().collect();
        !phrase.is_empty()
            && phrase.len() <= 4
            && !head[i..].contains([',', ';', '.'])
            && matches!(
                phrase[0],
                "the" | "a" | "an" | "frontline" | "front-line" | "front" | "military" | "prisons"
            )
    }

    /// "told The Irrawaddy": the place names the outlet the source spoke to.
    fn in_source(&self, place: Span) -> bool {
        let before = self.before(place.0, 10);
        let before = before.trim_end();
        before.ends_with("told") || before.ends_with("told the")
    }

    /// "70 km southeast of Sittwe", "north of Namhsan": a reference point.
    fn is_reference(&self, place: Span) -> bool {
        let before = self.before(place.0, 40);
        let before = before.trim_end();
        before.ends_with(" of")
            && [
                "north", "south", "east", "west", " km", "kilomet", "miles", "mile", "capital",
            ]
            .iter()
            .any(|w| before.contains(w))
            || before.ends_with("state capital")
            || before.ends_with("regional capital")
    }

    /// Several regions and nothing more specific ("across Sagaing and Magway
    /// regions"), or the whole country: no single place.
    fn no_single_place(&self, s: Span, lower: &str) -> bool {
        if [
            "across the country",
            "nationwide",
            "across myanmar",
            "around the country",
            "across the nation",
        ]
        .iter()
        .any(|w| lower.contains(w))
        {
            return true;
        }
        let ps: Vec<&&PlaceMention> = self.places_in(s).collect();
        let mut admin1s: Vec<&str> = ps
            .iter()
            .filter_map(|p| p.location.admin1.as_deref())
            .collect();
        admin1s.sort();
        admin1s.dedup();
        !ps.is_empty()
            && admin1s.len() >= 2
            && ps.iter().all(|p| {
                matches!(
                    p.location.precision,
                    Some(PlacePrecision::Admin1) | Some(PlacePrecision::Country)
                )
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        si: usize,
        sent: &Sentence,
        lower: &str,
        t: EventType,
        hit: &TrigHit,
        others: bool,
        groups: &[(EventType, Span)],
        last_place: &Option<(Location, usize)>,
    ) -> Vec<Candidate> {
        let text = self.text;
        let s = sent.span;
        let trigger = hit.span;
        let primary = t.primary_measure();
        let explain = if self.explain {
            vec![format!(
                "type {t}: trigger `{}` ({})",
                trigger.slice(text),
                hit.rule
            )]
        } else {
            Vec::new()
        };
        let has_violent_group = groups
            .iter()
            .any(|(gt, _)| is_violent(*gt) || *gt == EventType::Casualties);
        // A mention belongs to the nearest trigger of a type that accepts it;
        // deaths and injuries to the violent event when there is one.
        let nearest_group = |span: Span, ok: &dyn Fn(EventType) -> bool| -> Option<EventType> {
            groups
                .iter()
                .filter(|(gt, _)| ok(*gt))
                .min_by_key(|(_, gs)| gs.distance(span))
                .map(|(gt, _)| *gt)
        };
        let qs: Vec<&QuantityMention> = self
            .quantities_in(s)
            .filter(|q| accepts(t, q))
            .filter(|q| {
                let violent_q = matches!(q.measure, Some(Measure::Killed) | Some(Measure::Injured));
                let owner = if violent_q && has_violent_group {
                    nearest_group(q.span, &|gt| is_violent(gt) || gt == EventType::Casualties)
                } else {
                    nearest_group(q.span, &|gt| accepts(gt, q))
                };
                owner == Some(t)
            })
            .filter(|q| !self.is_subset(q.span) && !self.is_speaker(q.span))
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
                )
            })
            .collect();
        // Units: anchors of their own when several share the verb.
        let units: Vec<&ActorMention> = self
            .actors_in(s)
            .filter(|a| a.kind == ActorKind::MilitaryUnit && !a.generic)
            .filter(|a| t != EventType::Capture || a.span.0 > trigger.0)
            .filter(|a| nearest_group(a.span, &|_| true) == Some(t))
            .collect();
        let mut items: Vec<Item> = Vec::new();
        let qty_list = anchor_qs.len() >= 2;
        // "LIB 128 and LIB 129 surrendered" is two surrenders; "fighting with
        // troops from IB 52 and LIB 301" is one battle.
        // One count over several units ("2,300 soldiers, including the commanders of
        // LIB 125 and IB 128, surrendered") is one happening too.
        let unit_list = units.len() >= 2
            && anchor_qs.len() != 1
            && !is_violent(t)
            && t != EventType::Casualties;
        if qty_list || unit_list {
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
                    .rfind(|it| it.unit.is_none() && it.start < u.span.0)
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
                if unit_list {
                    items.push(Item {
                        start: u.span.0,
                        qty: None,
                        unit: Some(u),
                        place: None,
                    });
                }
            }
        } else if t == EventType::Capture {
            // Captures of several places ("a base at A on Monday and an outpost near B on Tuesday").
            let mut seen: Vec<String> = Vec::new();
            for p in self.places_in(Span(trigger.1, s.1)) {
                if !matches!(
                    p.location.precision,
                    Some(PlacePrecision::Site) | Some(PlacePrecision::Town)
                ) || self.is_reference(p.span)
                    || self.is_destination(p.span)
                {
                    continue;
                }
                let key = p
                    .location
                    .place_id
                    .clone()
                    .unwrap_or_else(|| p.location.name.to_lowercase());
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                items.push(Item {
                    start: p.span.0,
                    qty: None,
                    unit: None,
                    place: Some(p),
                });
            }
            if items.len() < 2 {
                items.clear();
            }
        }
        items.sort_by_key(|it| it.start);
        let list = items.len() >= 2;
        if !list {
            items = vec![Item {
                start: trigger.0,
                qty: anchor_qs.first().copied(),
                unit: units.first().copied(),
                place: None,
            }];
        }
        // Shared fields.
        // A nominal or definite trigger names an event told elsewhere: it
        // takes the sentence's date only when that date is a day.
        let time = match self.best_time(s, trigger) {
            Some((tm, _)) if (hit.noun && others) || hit.anaphoric => {
                (tm.precision == Some(sitrep_core::TimePrecision::Day) && !others)
                    .then_some((tm, TimeRole::At))
            }
            other => other,
        };
        let aggregate_time = time.as_ref().is_some_and(|(_, r)| *r == TimeRole::Since);
        let aggregate = aggregate_time
            || cues::aggregate_cue(lower)
            || matches!(t, EventType::StrengthEstimate);
        let no_place = self.no_single_place(s, lower);
        let separately = lower.starts_with("separately") || lower.starts_with("in a separate");
        let (claimed_by, modality, source_actor) = self.attribution(s, trigger);
        let in_quote = win(
            &self.mentions.quotes,
            |q| q.span.0,
            trigger.0.saturating_sub(20000),
            trigger.0 + 1,
        )
        .iter()
        .any(|q| q.span.contains(trigger));
        let item_spans: Vec<Span> = items
            .iter()
            .enumerate()
            .map(|(i, it)| Span(it.start, items.get(i + 1).map_or(s.1, |n| n.start)))
            .collect();
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let mut ex = explain.clone();
            let seg = item_spans[i];
            // Quantities.
            let mut quantities: Vec<Quantity> = Vec::new();
            if let Some(q) = it.qty {
                let m = anchor_measure(primary, q);
                quantities.push(q.to_quantity(m));
                if self.explain {
                    ex.push(format!(
                        "count `{}` → {m} (nearest {m} quantity to the trigger)",
                        q.text
                    ));
                }
            }
            for q in &secondary {
                if !list || seg.contains(q.span) {
                    if let Some(m) = q.measure {
                        if !quantities.iter().any(|x| x.measure == m) {
                            quantities.push(q.to_quantity(m));
                        }
                    }
                }
            }
            // Place: the item's own, else the sentence's; never a list sibling's.
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
            let pm = if no_place {
                None
            } else {
                it.place
                    .or_else(|| {
                        if list {
                            self.best_place(seg, Some(seg), &[])
                        } else {
                            None
                        }
                    })
                    .or_else(|| self.best_place(s, Some(trigger), &exclude))
                    .or_else(|| {
                        // The region named after a group applies to its items.
                        if list {
                            self.places_in(Span(seg.1, s.1)).find(|p| {
                                matches!(
                                    p.location.precision,
                                    Some(PlacePrecision::Admin1) | Some(PlacePrecision::District)
                                )
                            })
                        } else {
                            None
                        }
                        .copied()
                    })
            };
            let mut location = pm.map(|p| {
                let mut loc = p.location.clone();
                loc.span = Some(p.span);
                if loc.name.is_empty() {
                    loc.name = p.name.clone();
                }
                loc
            });
            if let Some(loc) = &mut location {
                if loc.admin1.is_none() {
                    let after = loc.span.map_or(seg.0, |x| x.1);
                    if let Some(reg) = self
                        .places_in(Span(after.min(s.1), s.1))
                        .find(|p| p.location.precision == Some(PlacePrecision::Admin1))
                    {
                        loc.admin1 = reg.location.admin1.clone();
                    }
                }
            }
            let own_place = location.is_some();
            if location.is_none()
                && !aggregate
                && !no_place
                && !separately
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
            // Actors.
            let mut actors: Vec<Actor> = Vec::new();
            // A party claiming a surrender, capture or clash is the other side of
            // it; the source of a report on an attack on civilians, a strike or a
            // release is only its source.
            let party_type = matches!(
                t,
                EventType::Surrender
                    | EventType::Defection
                    | EventType::Desertion
                    | EventType::Capture
                    | EventType::Battle
                    | EventType::Casualties
                    | EventType::Withdrawal
                    | EventType::StrengthEstimate
            );
            for a in self.actors_in(s) {
                if a.kind == ActorKind::MilitaryUnit && !a.generic {
                    let mine = match it.unit {
                        Some(u) => u.span == a.span,
                        None => !list || seg.contains(a.span),
                    };
                    if !mine && list {
                        continue;
                    }
                }
                if a.kind == ActorKind::Person {
                    continue;
                }
                // The source of a statement is not an actor of it ("the group said",
                // "the AAPP says … have been arrested", "the CNF said" of a shelling).
                if (a.generic || a.kind == ActorKind::Organization || !party_type)
                    && self
                        .attributions_near(a.span.0.saturating_sub(5000), a.span.1)
                        .iter()
                        .any(|x| x.source_span.overlaps(a.span))
                {
                    continue;
                }
                let canonical = self.resolve_generic(a, s);
                if canonical.is_empty() || actors.iter().any(|x: &Actor| x.canonical == canonical) {
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
            if let Some(src) = source_actor.as_ref().filter(|_| party_type) {
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
            let military_who = quantities.iter().any(|q| {
                q.who.as_deref().is_some_and(|w| {
                    has_word(&w.to_ascii_lowercase(), &["soldier", "troop", "personnel"])
                })
            });
            settle_roles(t, military_who, it.qty, trigger, &mut actors);
            let junta_default = matches!(
                t,
                EventType::Airstrike
                    | EventType::Shelling
                    | EventType::Conscription
                    | EventType::Amnesty
                    | EventType::PrisonerRelease
                    | EventType::StrengthEstimate
            ) || (t == EventType::Arrest
                && !actors.iter().any(|a| a.kind != ActorKind::Civilians))
                || (matches!(
                    t,
                    EventType::Surrender
                        | EventType::Desertion
                        | EventType::Withdrawal
                        | EventType::Arson
                ) && military_who);
            if junta_default
                && !actors.iter().any(|a| {
                    of_junta(a) || matches!(a.kind, ActorKind::Police | ActorKind::Militia)
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
            // Time: the item's own time phrase, else the sentence's.
            let own_time = if list {
                win(&self.mentions.times, |t| t.span.0, seg.0, seg.1)
                    .iter()
                    .find(|tm| {
                        seg.contains(tm.span) && tm.role == TimeRole::At && tm.start.is_some()
                    })
                    .map(|tm| (tm.to_time(), tm.role))
            } else {
                None
            };
            let time_out = match own_time.or_else(|| time.clone()) {
                Some((tm, _)) => {
                    if self.explain {
                        ex.push(format!(
                            "date `{}` → {:?} (time phrase of the {})",
                            tm.text.clone().unwrap_or_default(),
                            tm.start,
                            if list {
                                "item or its list"
                            } else {
                                "sentence nearest the trigger"
                            }
                        ));
                    }
                    tm
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
            let own_count = !quantities.is_empty();
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
            out.push(Candidate {
                event,
                sentence_index: si,
                paragraph: sent.paragraph,
                list_item: list,
                from_title: sent.is_title,
                in_quote,
                place_inherited,
                anaphoric: hit.anaphoric,
                own_count,
                own_place,
            });
        }
        out
    }

    /// "including a baby", "among them a girl": a subset, not a new count.
    fn is_subset(&self, q: Span) -> bool {
        let before = self.before(q.0, 14);
        let before = before.trim_end();
        before.ends_with("including")
            || before.ends_with("among them")
            || before.ends_with("of whom")
            || before.ends_with("among")
    }

    /// "two relatives said": the people who speak are not a count of the event.
    fn is_speaker(&self, q: Span) -> bool {
        let after = lower_word_after(self.text, q.1, 12);
        let w = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            w,
            "said" | "told" | "say" | "says" | "reported" | "confirmed"
        )
    }

    /// The time of the happening: a "since" phrase first (counts since then),
    /// then phrases not tied to the statement ("said on Wednesday"), the most
    /// precise, then the nearest to the trigger.
    fn best_time(&self, s: Span, trigger: Span) -> Option<(Time, TimeRole)> {
        let cands: Vec<&sitrep_core::TimeMention> =
            win(&self.mentions.times, |t| t.span.0, s.0, s.1)
                .iter()
                .filter(|t| s.contains(t.span) && matches!(t.role, TimeRole::At | TimeRole::Since))
                .filter(|t| t.start.is_some() || t.text_norm.is_some())
                .collect();
        let speech = |t: &sitrep_core::TimeMention| -> bool {
            // Within the sentence: "…, a monk said. On Monday, a drone …" is not speech-tied.
            let n = (t.span.0 - s.0).min(24);
            let before = self.before(t.span.0, n);
            let after = lower_word_after(self.text, t.span.1, 16);
            [
                "said",
                "says",
                "statement",
                "posted",
                "told",
                "announced",
                "reported",
                "claimed",
                "message",
            ]
            .iter()
            .any(|w| {
                before.contains(w)
                    || after.trim_start().starts_with(w)
                    || after.strip_prefix(", ").is_some_and(|a| a.starts_with(w))
            })
        };
        cands
            .into_iter()
            // "…, sources said on Thursday": the date of the statement, not of the happening.
            .filter(|t| !speech(t))
            .min_by_key(|t| {
                let prec = match t.precision {
                    Some(sitrep_core::TimePrecision::Day) => 0,
                    Some(sitrep_core::TimePrecision::Week) => 1,
                    Some(sitrep_core::TimePrecision::Month) => 2,
                    Some(sitrep_core::TimePrecision::Range) => 2,
                    Some(sitrep_core::TimePrecision::Year) => 3,
                    None => 4,
                };
                (
                    (t.role != TimeRole::Since) as usize,
                    prec,
                    t.span.distance(trigger),
                )
            })
            .map(|t| (t.to_time(), t.role))
    }

    /// claimed_by, modality and the source as an actor.
    fn attribution(
        &self,
        s: Span,
        trigger: Span,
    ) -> (Option<String>, Modality, Option<&'a ActorMention>) {
        let att = self
            .attributions_near(s.0.saturating_sub(20000), s.1)
            .iter()
            .filter(|a| {
                a.scope.contains(trigger) || (a.scope.overlaps(s) && s.contains(a.source_span))
            })
            .min_by_key(|a| a.scope.len());
        let Some(a) = att else {
            return (None, Modality::Asserted, None);
        };
        let actor = win(
            &self.mentions.actors,
            |m| m.span.0,
            a.source_span.0.saturating_sub(100),
            a.source_span.1,
        )
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

    /// Generic references ("the group", "the alliance") take the last named actor of their kind.
    fn resolve_generic(&self, a: &ActorMention, s: Span) -> String {
        if !a.generic {
            return a.canonical.clone();
        }
        let lname = a.name.to_ascii_lowercase();
        let prev = |pred: &dyn Fn(&ActorMention) -> bool| -> Option<String> {
            win(
                &self.mentions.actors,
                |m| m.span.0,
                s.0.saturating_sub(3000),
                a.span.0,
            )
            .iter()
            .rev()
            .filter(|m| m.span.1 <= a.span.0 && !m.generic && pred(m))
            .find(|m| m.span.0 + 3000 > s.0)
            .map(|m| m.canonical.clone())
        };
        if lname.contains("alliance") {
            if let Some(c) = prev(&|m| m.canonical.to_ascii_lowercase().contains("alliance")) {
                return c;
            }
        }
        if lname.contains("group") || lname.contains("organi") {
            if let Some(c) = prev(&|m| m.kind == ActorKind::ArmedGroup) {
                return c;
            }
            return String::new();
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
        _ => matches!(m, Measure::People | Measure::Dependents),
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

/// Role of an actor relative to the trigger: subject → agent; after "by" →
/// agent; other objects → target (counterpart for surrender/defection).
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
