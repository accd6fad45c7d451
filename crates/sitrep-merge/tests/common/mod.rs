//! Builders for the hand-written report groups of the tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use sitrep_core::{
    Actor, ActorKind, Event, EventType, Location, Measure, Modality, PlacePrecision, Qualifier,
    Quantity, Role, Span, Time, TimePrecision,
};
use sitrep_merge::MergeInput;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One report's event, built field by field. `text` is the sentence the
/// event stands for (written for these tests; kept for readability).
pub struct R {
    pub input: MergeInput,
}

/// A report from document `doc` (its path is `reports/<doc>.txt`), published on `published`.
pub fn report(doc: &str, n: usize, t: EventType, published: &str, text: &str) -> R {
    let _ = text;
    R {
        input: MergeInput {
            event_id: format!("{doc}-{n}"),
            doc_id: doc.to_string(),
            document: format!("reports/{doc}.txt"),
            outlet: None,
            published: Some(d(published)),
            event: Event {
                id: format!("{doc}-{n}"),
                event_type: t,
                aggregate: false,
                modality: Modality::Asserted,
                quantities: vec![],
                location: None,
                time: Time::default(),
                actors: vec![],
                claimed_by: None,
                sentence: Span(0, 0),
                trigger: Span(0, 0),
                confidence: 0.8,
                mentions: vec![],
                explain: vec![],
            },
        },
    }
}

impl R {
    #[allow(clippy::too_many_arguments)]
    fn q(
        mut self,
        m: Measure,
        low: Option<i64>,
        best: Option<i64>,
        high: Option<i64>,
        qual: Qualifier,
        text: &str,
        who: &str,
    ) -> Self {
        self.input.event.quantities.push(Quantity {
            measure: m,
            who: Some(who.to_string()),
            low,
            best,
            high,
            qualifier: qual,
            text: text.to_string(),
            span: Span(0, 0),
        });
        self
    }
    /// The type's primary measure, exactly `n`.
    pub fn exact(self, n: i64, who: &str) -> Self {
        let m = self.input.event.event_type.primary_measure();
        self.q(
            m,
            Some(n),
            Some(n),
            Some(n),
            Qualifier::Exact,
            &format!("{n} {who}"),
            who,
        )
    }
    /// "more than N".
    pub fn more_than(self, n: i64, who: &str) -> Self {
        let m = self.input.event.event_type.primary_measure();
        self.q(
            m,
            Some(n + 1),
            Some(n + 1),
            None,
            Qualifier::MoreThan,
            &format!("more than {n} {who}"),
            who,
        )
    }
    /// "at least N".
    pub fn at_least(self, n: i64, who: &str) -> Self {
        let m = self.input.event.event_type.primary_measure();
        self.q(
            m,
            Some(n),
            Some(n),
            None,
            Qualifier::AtLeast,
            &format!("at least {n} {who}"),
            who,
        )
    }
    /// "around N".
    pub fn around(self, n: i64, who: &str) -> Self {
        let m = self.input.event.event_type.primary_measure();
        let low = n * 9 / 10;
        let high = (n * 11 + 9) / 10;
        self.q(
            m,
            Some(low),
            Some(n),
            Some(high),
            Qualifier::Approx,
            &format!("around {n} {who}"),
            who,
        )
    }
    /// "dozens of".
    pub fn dozens(self, who: &str) -> Self {
        let m = self.input.event.event_type.primary_measure();
        self.q(
            m,
            Some(24),
            None,
            Some(99),
            Qualifier::Vague,
            &format!("dozens of {who}"),
            who,
        )
    }
    fn place(
        mut self,
        name: &str,
        id: Option<&str>,
        township: Option<&str>,
        admin1: Option<&str>,
        p: PlacePrecision,
    ) -> Self {
        self.input.event.location = Some(Location {
            name: name.to_string(),
            place_id: id.map(str::to_string),
            kind: None,
            admin1: admin1.map(str::to_string),
            township: township.map(str::to_string),
            lat: None,
            lon: None,
            precision: Some(p),
            span: None,
        });
        self
    }
    /// A village, town or site with a gazetteer id.
    pub fn site(self, name: &str, id: &str, township: &str, admin1: &str) -> Self {
        self.place(
            name,
            Some(id),
            Some(township),
            Some(admin1),
            PlacePrecision::Town,
        )
    }
    /// A village the gazetteer could not place in a township.
    pub fn village(self, name: &str, admin1: &str) -> Self {
        self.place(name, None, None, Some(admin1), PlacePrecision::Site)
    }
    pub fn township(self, name: &str, admin1: &str) -> Self {
        let t = name
            .trim_end_matches(" Township")
            .trim_end_matches(" township");
        self.place(name, None, Some(t), Some(admin1), PlacePrecision::Township)
    }
    pub fn admin1(self, name: &str, admin1: &str) -> Self {
        self.place(name, None, None, Some(admin1), PlacePrecision::Admin1)
    }
    pub fn on(mut self, day: &str, text: &str) -> Self {
        self.input.event.time = Time {
            start: Some(d(day)),
            end: Some(d(day)),
            precision: Some(TimePrecision::Day),
            text: Some(text.to_string()),
            text_norm: None,
            span: None,
        };
        self
    }
    pub fn between(mut self, start: &str, end: &str, p: TimePrecision, text: &str) -> Self {
        self.input.event.time = Time {
            start: Some(d(start)),
            end: Some(d(end)),
            precision: Some(p),
            text: Some(text.to_string()),
            text_norm: None,
            span: None,
        };
        self
    }
    fn actor(mut self, role: Role, canonical: &str, kind: ActorKind, parent: Option<&str>) -> Self {
        self.input.event.actors.push(Actor {
            role,
            name: canonical.to_string(),
            canonical: canonical.to_string(),
            kind,
            parent: parent.map(str::to_string),
            span: None,
        });
        self
    }
    pub fn unit(self, canonical: &str) -> Self {
        self.actor(
            Role::Agent,
            canonical,
            ActorKind::MilitaryUnit,
            Some("Myanmar Armed Forces"),
        )
    }
    pub fn junta(self) -> Self {
        self.actor(
            Role::Agent,
            "Myanmar Armed Forces",
            ActorKind::StateForce,
            None,
        )
    }
    pub fn agent(self, canonical: &str) -> Self {
        let kind = match canonical {
            "Myanmar Armed Forces" => ActorKind::StateForce,
            "Myanmar Police Force" => ActorKind::Police,
            _ => ActorKind::ArmedGroup,
        };
        self.actor(Role::Agent, canonical, kind, None)
    }
    pub fn to(self, canonical: &str) -> Self {
        let kind = match canonical {
            "Myanmar Armed Forces" => ActorKind::StateForce,
            _ => ActorKind::ArmedGroup,
        };
        self.actor(Role::Counterpart, canonical, kind, None)
    }
    pub fn target(self, canonical: &str) -> Self {
        let kind = match canonical {
            "Myanmar Armed Forces" => ActorKind::StateForce,
            "civilians" => ActorKind::Civilians,
            _ => ActorKind::ArmedGroup,
        };
        self.actor(Role::Target, canonical, kind, None)
    }
    pub fn claimed(mut self, by: &str) -> Self {
        self.input.event.modality = Modality::Claimed;
        self.input.event.claimed_by = Some(by.to_string());
        self
    }
    pub fn denied(mut self, by: &str) -> Self {
        self.input.event.modality = Modality::Denied;
        self.input.event.claimed_by = Some(by.to_string());
        self
    }
    pub fn planned(mut self) -> Self {
        self.input.event.modality = Modality::Planned;
        self
    }
    pub fn aggregate(mut self) -> Self {
        self.input.event.aggregate = true;
        self
    }
    pub fn done(self) -> MergeInput {
        self.input
    }
}

/// Pairwise precision and recall of a clustering against gold labels.
pub fn pairwise(pred: &[usize], gold: &[usize]) -> (f64, f64, usize, usize, usize) {
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for i in 0..pred.len() {
        for j in i + 1..pred.len() {
            let (p, g) = (pred[i] == pred[j], gold[i] == gold[j]);
            match (p, g) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                _ => {}
            }
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fneg == 0 {
        1.0
    } else {
        tp as f64 / (tp + fneg) as f64
    };
    (precision, recall, tp, fp, fneg)
}
