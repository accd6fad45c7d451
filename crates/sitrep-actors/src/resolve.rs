//! From raw hits (dictionary, units, people) to actor mentions: overlaps, unit
//! owners, place-named PDFs, "KIA fighters", people's units and generic references.

use std::borrow::Cow;

use sitrep_core::{ActorKind, ActorMention, Sentence, Span};

use crate::data::GenericClass;
use crate::dict::DictRef;
use crate::people::PersonHit;
use crate::textutil::{lower_contains, lower_ends_with, lower_eq, prev_word, Sentences};
use crate::units::UnitHit;
use crate::{Actors, MYANMAR_ARMED_FORCES};

/// Where a working mention came from.
#[derive(Debug, Clone)]
enum Source {
    Actor,
    Generic,
    Unit(UnitHit),
    Person(PersonHit),
}

/// A mention being resolved. Names borrow from the dictionary until the mention is
/// written out.
#[derive(Debug, Clone)]
struct Work<'a> {
    span: Span,
    source: Source,
    canonical: Cow<'a, str>,
    kind: ActorKind,
    parent: Option<Cow<'a, str>>,
    side: Option<Cow<'a, str>>,
    generic: bool,
    class: Option<GenericClass>,
    sent: usize,
    drop: bool,
}

/// Role words in an appositive that ties a person to a group ("a spokesperson for").
const APPOSITIVE_ROLES: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "commander",
    "leader",
    "member",
    "official",
    "officer",
    "chief",
    "head",
    "chairman",
    "secretary",
    "minister",
    "representative",
];

/// Sentences to look back over when resolving a generic reference.
const LOOKBACK_SENTENCES: usize = 4;

/// Capitalised words that cannot name the place of a local PDF ("The PDF").
const NOT_PLACE: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "And",
    "Of",
    "For",
    "From",
    "By",
    "With",
    "Local",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Two",
    "Three",
    "Several",
    "Many",
    "Some",
    "Other",
    "Allied",
    "Resistance",
    "Further",
    "Meanwhile",
    "When",
    "While",
    "But",
    "Both",
    "All",
];

/// A raw hit of one of the three recognisers.
enum Hit {
    Dict(DictRef),
    Unit(UnitHit),
    Person(PersonHit),
}

pub(crate) fn find(a: &Actors, text: &str, sentences: &[Sentence]) -> Vec<ActorMention> {
    let sents = Sentences::new(text, sentences);
    let (dict_hits, unit_starts) = a.dict.find(text);
    // Room for the dictionary's hits, the units and a few people.
    let mut hits: Vec<(Span, Hit)> = Vec::with_capacity(dict_hits.len() + unit_starts.len() + 8);
    let mut triggers: Vec<usize> = Vec::new();
    for h in dict_hits {
        if h.what == DictRef::PersonTrigger {
            triggers.push(h.span.0);
        } else {
            hits.push((h.span, Hit::Dict(h.what)));
        }
    }
    triggers.sort_unstable();
    triggers.dedup();
    for u in a.units.find(text, &unit_starts) {
        hits.push((u.span, Hit::Unit(u)));
    }
    for p in a.people.find(text, &triggers) {
        hits.push((p.span, Hit::Person(p)));
    }
    let selected = select(a, hits);
    let mut ms: Vec<Work<'_>> = Vec::with_capacity(selected.len());
    ms.extend(
        selected
            .into_iter()
            .filter_map(|(span, hit)| to_work(a, span, hit)),
    );
    for m in &mut ms {
        m.sent = sents.index_of(m.span.0);
    }
    drop_parenthetical_acronyms(text, &mut ms);
    absorb_following_generics(text, &mut ms);
    // Modifier nouns ("officials", "spokesperson") only ever extend a name before them.
    for m in &mut ms {
        if m.class == Some(GenericClass::Modifier) {
            m.drop = true;
        }
    }
    ms.retain(|m| !m.drop);
    place_named_pdfs(text, &mut ms);
    unit_owners(a, text, &mut ms);
    ms.retain(|m| !m.drop);
    person_parents(a, text, &mut ms);
    resolve_generics(a, &mut ms);
    ms.retain(|m| !m.drop);
    ms.into_iter()
        .map(|m| ActorMention {
            name: m.span.slice(text).to_string(),
            span: m.span,
            canonical: m.canonical.into_owned(),
            kind: m.kind,
            parent: m.parent.map(Cow::into_owned),
            side: m.side.map(Cow::into_owned),
            generic: m.generic,
        })
        .collect()
}

/// A selected hit as a mention to resolve.
fn to_work<'a>(a: &'a Actors, span: Span, hit: Hit) -> Option<Work<'a>> {
    let base = |source: Source, canonical: Cow<'a, str>, kind: ActorKind| Work {
        span,
        source,
        canonical,
        kind,
        parent: None,
        side: None,
        generic: false,
        class: None,
        sent: 0,
        drop: false,
    };
    Some(match hit {
        Hit::Dict(DictRef::Actor(i)) => {
            let info = a.actor(i);
            let mut w = base(Source::Actor, Cow::Borrowed(&info.canonical), info.kind);
            w.parent = info.parent.as_deref().map(Cow::Borrowed);
            w.side = Some(Cow::Borrowed(&info.side));
            w
        }
        Hit::Dict(DictRef::Generic(g)) => {
            let gen = a.generic(g);
            let info = a.actor(gen.default);
            let unit = gen.class == GenericClass::Unit;
            let kind = if unit {
                ActorKind::MilitaryUnit
            } else {
                info.kind
            };
            let mut w = base(Source::Generic, Cow::Borrowed(&info.canonical), kind);
            w.parent = if unit {
                Some(Cow::Borrowed(MYANMAR_ARMED_FORCES))
            } else {
                info.parent.as_deref().map(Cow::Borrowed)
            };
            w.side = Some(Cow::Borrowed(&info.side));
            w.generic = true;
            w.class = Some(gen.class);
            w
        }
        Hit::Unit(u) => {
            let mut w = base(
                Source::Actor,
                Cow::Owned(u.canonical()),
                ActorKind::MilitaryUnit,
            );
            w.parent = Some(Cow::Borrowed(MYANMAR_ARMED_FORCES));
            w.side = Some(Cow::Borrowed("junta"));
            w.generic = u.generic;
            w.source = Source::Unit(u);
            w
        }
        // Person triggers are not mentions (they are never selected as hits).
        Hit::Dict(DictRef::PersonTrigger) => return None,
        Hit::Person(p) => {
            let known = a.info(&p.canonical).filter(|i| i.kind == ActorKind::Person);
            let mut w = base(
                Source::Actor,
                Cow::Owned(p.canonical.clone()),
                ActorKind::Person,
            );
            w.parent = known.and_then(|i| i.parent.as_deref().map(Cow::Borrowed));
            w.side = known.map(|i| Cow::Borrowed(i.side.as_str()));
            w.source = Source::Person(p);
            w
        }
    })
}

/// The last `n` bytes (or fewer, on a char boundary) of `text[..end]`.
fn tail(text: &str, end: usize, n: usize) -> &str {
    let mut s = end.saturating_sub(n);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    &text[s..end]
}

/// Leftmost-longest selection among overlapping hits; units and people win ties
/// with the dictionary ("Military Operations Command 16" over "military").
fn select(a: &Actors, mut hits: Vec<(Span, Hit)>) -> Vec<(Span, Hit)> {
    // On equal spans the curated dictionary beats the person grammar ("Ma Ba Tha").
    let rank = |h: &Hit| match h {
        Hit::Unit(_) => 0,
        Hit::Dict(DictRef::Actor(_)) => 1,
        Hit::Person(_) => 2,
        Hit::Dict(DictRef::Generic(_)) => 3,
        Hit::Dict(DictRef::PersonTrigger) => 4,
    };
    hits.sort_by(|x, y| {
        x.0 .0
            .cmp(&y.0 .0)
            .then(y.0 .1.cmp(&x.0 .1))
            .then(rank(&x.1).cmp(&rank(&y.1)))
    });
    let mut out: Vec<(Span, Hit)> = Vec::new();
    let mut last_end = 0;
    for (span, hit) in hits {
        if span.0 < last_end {
            // Overlapping names of the same actor join: "the military" + "military
            // council" is "the military council".
            if let (Some((pspan, Hit::Dict(DictRef::Actor(pi)))), Hit::Dict(DictRef::Actor(ci))) =
                (out.last_mut(), &hit)
            {
                let same = *pi == *ci || a.actor(*pi).canonical == a.actor(*ci).canonical;
                if same && span.1 > pspan.1 {
                    pspan.1 = span.1;
                    last_end = span.1;
                }
            }
            continue;
        }
        last_end = span.1;
        out.push((span, hit));
    }
    out
}

/// "Kachin Independence Army (KIA)": the acronym in brackets repeats the name.
fn drop_parenthetical_acronyms(text: &str, ms: &mut [Work<'_>]) {
    for i in 1..ms.len() {
        let (prev, cur) = (&ms[i - 1], &ms[i]);
        let between = &text[prev.span.1..cur.span.0];
        let closes = text[cur.span.1..].starts_with(')');
        if between.trim() == "(" && closes && prev.canonical == cur.canonical {
            ms[i].drop = true;
        }
    }
}

/// "KIA fighters", "junta security forces", "the group's forces": a name followed by
/// a generic noun of people is one mention of the name.
fn absorb_following_generics(text: &str, ms: &mut [Work<'_>]) {
    for i in 1..ms.len() {
        if ms[i].drop || !matches!(ms[i].source, Source::Generic) {
            continue;
        }
        let class = ms[i].class;
        if !matches!(
            class,
            Some(GenericClass::Force | GenericClass::Fighters | GenericClass::Modifier)
        ) {
            continue;
        }
        // Find the previous kept mention.
        let Some(j) = (0..i).rev().find(|&j| !ms[j].drop) else {
            continue;
        };
        let prev = &ms[j];
        let absorbing = match prev.source {
            Source::Actor => prev.kind != ActorKind::Civilians && prev.kind != ActorKind::Person,
            Source::Generic => matches!(
                prev.class,
                Some(
                    GenericClass::Group
                        | GenericClass::Alliance
                        | GenericClass::Unit
                        | GenericClass::Militia
                        | GenericClass::Resist
                )
            ),
            Source::Unit(_) => true,
            Source::Person(_) => false,
        };
        if !absorbing {
            continue;
        }
        let between = &text[prev.span.1..ms[i].span.0];
        let ok = matches!(between, " " | "’s " | "'s " | "s’ " | "s' ");
        if ok {
            ms[j].span.1 = ms[i].span.1;
            ms[i].drop = true;
        }
    }
}

/// "Kalay PDF", "the Yinmabin People's Defense Force": a place-named local PDF.
fn place_named_pdfs(text: &str, ms: &mut [Work<'_>]) {
    for i in 0..ms.len() {
        if ms[i].canonical != "PDF" || ms[i].generic {
            continue;
        }
        let mut start = ms[i].span.0;
        let prev_end = if i > 0 { ms[i - 1].span.1 } else { 0 };
        let mut words = 0;
        while words < 2 {
            let Some((ws, w)) = prev_word(text, start) else {
                break;
            };
            if ws < prev_end
                || !w.starts_with(|c: char| c.is_uppercase())
                || !w.chars().any(|c| c.is_lowercase())
                || NOT_PLACE.contains(&w)
                || text[ws..start].contains('\n')
            {
                break;
            }
            // The first word of a sentence is a place only if the next is too.
            start = ws;
            words += 1;
        }
        if words > 0 {
            ms[i].span.0 = start;
        }
    }
}

/// Owners of units: "PDF Battalion 3", "KNLA Brigade 7", "the KIA's 3rd Brigade",
/// "its Brigade 7" after a group; army units default to the Myanmar Armed Forces.
fn unit_owners(a: &Actors, text: &str, ms: &mut [Work<'_>]) {
    for i in 0..ms.len() {
        let Source::Unit(u) = &ms[i].source else {
            continue;
        };
        let u = u.clone();
        // Coordinated numbers ("125 and 129") take the owner of the first unit.
        let is_continuation = text[u.span.0..u.span.1].chars().all(|c| c.is_ascii_digit());
        if is_continuation {
            if let Some(j) = (0..i)
                .rev()
                .find(|&j| matches!(ms[j].source, Source::Unit(_)))
            {
                let first = ms[j].clone();
                if let (Some(parent), Source::Unit(fu)) = (&first.parent, &first.source) {
                    if parent != MYANMAR_ARMED_FORCES && first.canonical != fu.canonical() {
                        ms[i].canonical = Cow::Owned(u.owned_canonical(parent));
                        ms[i].parent = Some(parent.clone());
                        ms[i].side = first.side.clone();
                    }
                }
            }
            continue;
        }
        let mut owner: Option<(usize, bool)> = None; // (mention index, adjacent without possessive)
        if i > 0 && !ms[i - 1].drop {
            let prev = &ms[i - 1];
            let between = &text[prev.span.1..u.span.0];
            let owner_kind = matches!(
                prev.kind,
                ActorKind::ArmedGroup
                    | ActorKind::Militia
                    | ActorKind::StateForce
                    | ActorKind::Government
            );
            if owner_kind && !prev.generic {
                if between == " " {
                    owner = Some((i - 1, true));
                } else if matches!(between, "’s " | "'s ") {
                    owner = Some((i - 1, false));
                }
            }
        }
        if owner.is_none() {
            let t = tail(text, u.span.0, 8).trim_end();
            let possessive = lower_eq(t, "its")
                || lower_eq(t, "their")
                || lower_ends_with(t, " its")
                || lower_ends_with(t, " their");
            if possessive {
                let sent = ms[i].sent;
                owner = (0..i)
                    .rev()
                    .take_while(|&j| ms[j].sent + 1 >= sent)
                    .find(|&j| {
                        !ms[j].generic
                            && matches!(
                                ms[j].kind,
                                ActorKind::ArmedGroup | ActorKind::Militia | ActorKind::StateForce
                            )
                    })
                    .map(|j| (j, false));
            }
        }
        // "Brigade 5 of the KNLA".
        if owner.is_none() && i + 1 < ms.len() {
            let next = &ms[i + 1];
            let between = text.get(u.span.1..next.span.0).unwrap_or("");
            if matches!(between, " of the " | " of ")
                && !next.generic
                && matches!(next.kind, ActorKind::ArmedGroup | ActorKind::Militia)
            {
                owner = Some((i + 1, false));
            }
        }
        let Some((j, adjacent)) = owner else {
            continue;
        };
        let o = ms[j].canonical.clone();
        if o == MYANMAR_ARMED_FORCES {
            continue;
        }
        let side = a.info(&o).map(|x| Cow::Owned(x.side.clone()));
        ms[i].canonical = Cow::Owned(u.owned_canonical(&o));
        ms[i].parent = Some(o);
        ms[i].side = side;
        if adjacent {
            ms[i].span.0 = ms[j].span.0;
            ms[j].drop = true;
        }
    }
}

/// Which unit or group a person belongs to, where the text says so.
fn person_parents(a: &Actors, text: &str, ms: &mut [Work<'_>]) {
    for i in 0..ms.len() {
        let Source::Person(p) = &ms[i].source else {
            continue;
        };
        let p = p.clone();
        let mut parent: Option<usize> = None;
        let lead = p.role.map_or(p.span.0, |r| r.0);
        // "Junta spokesman X", "the KNDF's spokesperson X".
        if i > 0 {
            let prev = &ms[i - 1];
            let between = text.get(prev.span.1..lead).unwrap_or("");
            // "KNDF spokesperson X": the role was taken into the group's mention.
            let role_absorbed = prev.span.1 > lead
                && prev.span.0 < lead
                && text
                    .get(prev.span.1..p.span.0)
                    .is_some_and(|b| b.trim().is_empty());
            if (role_absorbed || prev.span.1 <= lead && matches!(between, " " | "’s " | "'s "))
                && prev.kind != ActorKind::Civilians
                && prev.kind != ActorKind::Person
            {
                parent = Some(i - 1);
            }
        }
        // "Captain X from Division 66", "commander Y of the KIA".
        if parent.is_none() && i + 1 < ms.len() {
            let next = &ms[i + 1];
            let between = text.get(p.span.1..next.span.0).unwrap_or("").trim();
            let between = between.trim_start_matches(',').trim();
            let preps = [
                "from", "of", "with", "in", "from the", "of the", "with the", "in the",
            ];
            if preps.contains(&between)
                && next.kind != ActorKind::Civilians
                && next.kind != ActorKind::Person
            {
                parent = Some(i + 1);
            }
        }
        // "Col. Naw Bu, the KIA spokesman", "U Kyaw, a spokesperson for the NUG": an
        // appositive names the group.
        if parent.is_none() && i + 1 < ms.len() {
            let next = &ms[i + 1];
            let between = text.get(p.span.1..next.span.0).unwrap_or("");
            let direct = matches!(between, ", the " | ", a " | ", an ");
            let role_of = [", the ", ", a ", ", an "]
                .iter()
                .any(|d| between.starts_with(d))
                && !between[1..].contains([',', '.', ';'])
                && between.split_whitespace().count() <= 8
                && [
                    " of ",
                    " for ",
                    " from ",
                    " of the ",
                    " for the ",
                    " from the ",
                ]
                .iter()
                .any(|e| between.ends_with(e))
                && APPOSITIVE_ROLES.iter().any(|r| between.contains(r));
            if (direct || role_of)
                && !matches!(next.kind, ActorKind::Civilians | ActorKind::Person)
                && !next.generic
            {
                parent = Some(i + 1);
            }
        }
        // "led by Captain X" or "the commander X": the nearest unit or force before.
        if parent.is_none() {
            let before = tail(text, lead, 16).trim_end();
            let led = lower_ends_with(before, "led by") || lower_ends_with(before, "commanded by");
            let commander = p
                .role
                .is_some_and(|r| lower_contains(r.slice(text), "commander"));
            if led || commander {
                let sent = ms[i].sent;
                let in_sentence = |j: &usize| ms[*j].sent == sent;
                parent = (0..i)
                    .rev()
                    .filter(in_sentence)
                    .find(|&j| ms[j].kind == ActorKind::MilitaryUnit && !ms[j].generic)
                    .or_else(|| {
                        (0..i).rev().filter(in_sentence).find(|&j| {
                            matches!(
                                ms[j].kind,
                                ActorKind::ArmedGroup
                                    | ActorKind::StateForce
                                    | ActorKind::Militia
                                    | ActorKind::Police
                            )
                        })
                    });
            }
        }
        if let Some(j) = parent {
            let pc = ms[j].canonical.clone();
            let side = ms[j]
                .side
                .clone()
                .or_else(|| a.side_of(&pc).map(|s| Cow::Owned(s.to_string())));
            ms[i].parent = Some(pc);
            ms[i].side = side;
        }
    }
}

/// Resolve generic references against the named mentions before them.
fn resolve_generics<'a>(a: &'a Actors, ms: &mut [Work<'a>]) {
    for i in 0..ms.len() {
        let Source::Generic = ms[i].source else {
            continue;
        };
        let Some(class) = ms[i].class else { continue };
        if class == GenericClass::Modifier {
            ms[i].drop = true;
            continue;
        }
        let sent = ms[i].sent;
        let window = |j: &usize| ms[*j].sent + LOOKBACK_SENTENCES >= sent;
        let named = |j: &usize| !ms[*j].generic && !ms[*j].drop;
        let found: Option<usize> = match class {
            GenericClass::Fighters => (0..i).rev().take_while(window).filter(named).find(|&j| {
                ms[j].kind == ActorKind::ArmedGroup
                    && ms[j].side.as_deref() != Some("junta")
                    && ms[j].canonical != "Unidentified armed group"
            }),
            GenericClass::Poss => (0..i)
                .rev()
                .take_while(|j| ms[*j].sent + 1 >= sent)
                .filter(named)
                .find(|&j| {
                    matches!(
                        ms[j].kind,
                        ActorKind::ArmedGroup
                            | ActorKind::StateForce
                            | ActorKind::Militia
                            | ActorKind::Police
                    ) && ms[j].canonical != "Unidentified armed group"
                }),
            GenericClass::Group => (0..i)
                .rev()
                .take_while(window)
                .filter(named)
                .find(|&j| matches!(ms[j].kind, ActorKind::ArmedGroup | ActorKind::Militia)),
            GenericClass::Alliance => (0..i).rev().take_while(window).filter(named).find(|&j| {
                ms[j].canonical.contains("Alliance") || ms[j].canonical.contains("Brotherhood")
            }),
            GenericClass::Unit => (0..i)
                .rev()
                .take_while(window)
                .filter(named)
                .find(|&j| ms[j].kind == ActorKind::MilitaryUnit),
            GenericClass::Militia => (0..i)
                .rev()
                .take_while(window)
                .filter(named)
                .find(|&j| ms[j].kind == ActorKind::Militia),
            _ => None,
        };
        if let Some(j) = found {
            ms[i].canonical = ms[j].canonical.clone();
            ms[i].kind = ms[j].kind;
            ms[i].parent = ms[j].parent.clone();
            ms[i].side = ms[j].side.clone();
        } else if class == GenericClass::Unit {
            ms[i].side = a.side_of(MYANMAR_ARMED_FORCES).map(Cow::Borrowed);
        }
    }
    // Side of a generic unit follows its parent.
    for m in ms.iter_mut() {
        if m.side.is_none() {
            if let Some(p) = &m.parent {
                m.side = a.side_of(p).map(|s| Cow::Owned(s.to_string()));
            }
        }
    }
}
