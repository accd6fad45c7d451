//! Hand-built documents and events for the store tests (no extractor).
#![allow(dead_code)]

use chrono::NaiveDate;
use sitrep_core::{
    Actor, ActorKind, DocOutput, Document, Event, EventType, Location, Measure, Modality,
    PlacePrecision, Qualifier, Quantity, Role, Span, Time, TimePrecision,
};

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Builder for one event; spans point into the document text by searching words.
pub struct Ev {
    pub e: Event,
}

impl Ev {
    pub fn new(t: EventType, text: &str, trigger: &str) -> Ev {
        let tstart = text.find(trigger).expect("trigger in text");
        let sent_start = text[..tstart].rfind(". ").map(|i| i + 2).unwrap_or(0);
        let sent_end = text[tstart..]
            .find(". ")
            .map(|i| tstart + i + 1)
            .unwrap_or(text.len());
        Ev {
            e: Event {
                id: String::new(),
                event_type: t,
                aggregate: false,
                modality: Modality::Asserted,
                quantities: vec![],
                location: None,
                time: Time::default(),
                actors: vec![],
                claimed_by: None,
                sentence: Span(sent_start, sent_end),
                trigger: Span(tstart, tstart + trigger.len()),
                confidence: 0.8,
                mentions: vec![],
                explain: vec![],
            },
        }
    }
    pub fn count(
        mut self,
        m: Measure,
        low: Option<i64>,
        best: Option<i64>,
        high: Option<i64>,
    ) -> Ev {
        let s = self.e.trigger;
        self.e.quantities.push(Quantity {
            measure: m,
            who: Some("people".into()),
            low,
            best,
            high,
            qualifier: if low == high {
                Qualifier::Exact
            } else {
                Qualifier::Range
            },
            text: format!("{best:?}"),
            span: s,
        });
        self
    }
    pub fn n(self, m: Measure, n: i64) -> Ev {
        self.count(m, Some(n), Some(n), Some(n))
    }
    pub fn place(
        mut self,
        name: &str,
        admin1: &str,
        township: Option<&str>,
        prec: PlacePrecision,
        latlon: Option<(f64, f64)>,
    ) -> Ev {
        self.e.location = Some(Location {
            name: name.into(),
            place_id: None,
            kind: Some("town".into()),
            admin1: Some(admin1.into()),
            township: township.map(str::to_string),
            lat: latlon.map(|x| x.0),
            lon: latlon.map(|x| x.1),
            precision: Some(prec),
            span: None,
        });
        self
    }
    pub fn on(mut self, d: &str) -> Ev {
        self.e.time = Time {
            start: Some(date(d)),
            end: Some(date(d)),
            precision: Some(TimePrecision::Day),
            text: Some(d.into()),
            text_norm: None,
            span: None,
        };
        self
    }
    pub fn between(mut self, a: &str, b: &str, p: TimePrecision) -> Ev {
        self.e.time = Time {
            start: Some(date(a)),
            end: Some(date(b)),
            precision: Some(p),
            text: None,
            text_norm: None,
            span: None,
        };
        self
    }
    pub fn actor(
        mut self,
        role: Role,
        canonical: &str,
        kind: ActorKind,
        parent: Option<&str>,
    ) -> Ev {
        self.e.actors.push(Actor {
            role,
            name: canonical.into(),
            canonical: canonical.into(),
            kind,
            parent: parent.map(str::to_string),
            span: None,
        });
        self
    }
    pub fn aggregate(mut self) -> Ev {
        self.e.aggregate = true;
        self
    }
    pub fn modality(mut self, m: Modality) -> Ev {
        self.e.modality = m;
        self
    }
    pub fn build(self) -> Event {
        self.e
    }
}

pub fn doc(text: &str, url: Option<&str>, published: Option<&str>) -> Document {
    let mut d = Document::new(text).with_published(published.map(date));
    d.url = url.map(str::to_string);
    d.path = url.map(str::to_string);
    d.outlet = Some("Test Wire".into());
    d
}

pub fn output(d: &Document, events: Vec<Event>) -> DocOutput {
    DocOutput {
        doc_id: d.doc_id.clone(),
        path: d.path.clone(),
        published: d.published,
        title: d.title.clone(),
        events,
        quotes: vec![],
        warnings: vec![],
    }
}

pub const TEXT_A: &str =
    "Resistance fighters said on Monday they had captured the town of Kawlin. \
Forty-one soldiers of Light Infantry Battalion 143 surrendered to the MNDAA near Lashio. \
A drone strike killed 12 civilians in Kanbalu Township.";

pub const TEXT_B: &str =
    "Junta troops burned 30 houses in a village of Yinmabin Township on Friday. \
Police arrested five students at a protest in Yangon.";

/// Two documents with five events across types, places, dates, actors.
pub fn seed(store: &mut sitrep_store::Store) -> (Document, Document) {
    let a = doc(TEXT_A, Some("https://example.org/a"), Some("2023-12-14"));
    let ea = vec![
        Ev::new(EventType::Capture, TEXT_A, "captured")
            .place(
                "Kawlin",
                "Sagaing",
                Some("Kawlin"),
                PlacePrecision::Town,
                Some((23.79, 95.68)),
            )
            .on("2023-12-11")
            .actor(Role::Agent, "PDF", ActorKind::ArmedGroup, None)
            .build(),
        Ev::new(EventType::Surrender, TEXT_A, "surrendered")
            .n(Measure::People, 41)
            .place(
                "Lashio",
                "Shan",
                Some("Lashio"),
                PlacePrecision::Town,
                Some((22.93, 97.75)),
            )
            .actor(
                Role::Agent,
                "LIB 143",
                ActorKind::MilitaryUnit,
                Some("Myanmar Armed Forces"),
            )
            .actor(Role::Counterpart, "MNDAA", ActorKind::ArmedGroup, None)
            .build(),
        Ev::new(EventType::Airstrike, TEXT_A, "drone strike")
            .count(Measure::Killed, Some(12), Some(12), Some(12))
            .place(
                "Kanbalu Township",
                "Sagaing",
                Some("Kanbalu"),
                PlacePrecision::Township,
                None,
            )
            .between("2023-12-01", "2023-12-14", TimePrecision::Range)
            .actor(
                Role::Agent,
                "Myanmar Armed Forces",
                ActorKind::StateForce,
                None,
            )
            .actor(Role::Target, "civilians", ActorKind::Civilians, None)
            .build(),
    ];
    let b = doc(TEXT_B, Some("https://example.org/b"), Some("2024-01-20"));
    let eb = vec![
        Ev::new(EventType::Arson, TEXT_B, "burned")
            .n(Measure::Houses, 30)
            .place(
                "Yinmabin Township",
                "Sagaing",
                Some("Yinmabin"),
                PlacePrecision::Township,
                Some((22.07, 94.9)),
            )
            .on("2024-01-19")
            .actor(
                Role::Agent,
                "Myanmar Armed Forces",
                ActorKind::StateForce,
                None,
            )
            .aggregate()
            .build(),
        Ev::new(EventType::Arrest, TEXT_B, "arrested")
            .count(Measure::People, Some(5), Some(5), Some(5))
            .place(
                "Yangon",
                "Yangon",
                None,
                PlacePrecision::Town,
                Some((16.8, 96.15)),
            )
            .actor(Role::Agent, "Myanmar Police Force", ActorKind::Police, None)
            .modality(Modality::Claimed)
            .build(),
    ];
    let oa = output(&a, ea);
    let ob = output(&b, eb);
    store.insert_document(&a, &oa).unwrap();
    store.insert_document(&b, &ob).unwrap();
    (a, b)
}
