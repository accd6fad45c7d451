//! The event of the contract (spec §1–§6) and its fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Span;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),+ } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s { $($s => Ok($name::$variant),)+ _ => Err(format!(concat!("unknown ", stringify!($name), " `{}` (expected one of: {})"), s, [$($s),+].join(", "))) }
            }
        }
    };
}

string_enum!(
    /// Event types of spec §1.
    EventType {
        Battle => "battle",
        Capture => "capture",
        Withdrawal => "withdrawal",
        Airstrike => "airstrike",
        Shelling => "shelling",
        Explosion => "explosion",
        AttackOnCivilians => "attack_on_civilians",
        Arson => "arson",
        Surrender => "surrender",
        Defection => "defection",
        Desertion => "desertion",
        Conscription => "conscription",
        PrisonerRelease => "prisoner_release",
        Amnesty => "amnesty",
        Arrest => "arrest",
        Displacement => "displacement",
        Protest => "protest",
        Casualties => "casualties",
        StrengthEstimate => "strength_estimate",
    }
);

impl EventType {
    /// The primary count of the type (spec §1 table).
    pub fn primary_measure(self) -> Measure {
        use EventType::*;
        match self {
            Battle | Airstrike | Shelling | Explosion | AttackOnCivilians | Casualties => {
                Measure::Killed
            }
            Arson => Measure::Houses,
            _ => Measure::People,
        }
    }
    /// ACLED `event_type` / `sub_event_type` for export (spec §1).
    pub fn acled(self) -> (&'static str, &'static str) {
        use EventType::*;
        match self {
            Battle | Casualties => ("Battles", "Armed clash"),
            Capture => ("Battles", "Non-state actor overtakes territory"),
            Withdrawal => (
                "Strategic developments",
                "Non-violent transfer of territory",
            ),
            Airstrike => ("Explosions/Remote violence", "Air/drone strike"),
            Shelling => (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            Explosion => (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            AttackOnCivilians => ("Violence against civilians", "Attack"),
            Arson => ("Strategic developments", "Looting/property destruction"),
            Surrender | Defection | Desertion => {
                ("Strategic developments", "Change to group/activity")
            }
            Conscription | PrisonerRelease | Displacement | StrengthEstimate => {
                ("Strategic developments", "Other")
            }
            Amnesty => ("Strategic developments", "Agreement"),
            Arrest => ("Strategic developments", "Arrests"),
            Protest => ("Protests", "Peaceful protest"),
        }
    }
}

string_enum!(
    /// What a quantity counts (spec §2).
    Measure {
        People => "people",
        Killed => "killed",
        Injured => "injured",
        Dependents => "dependents",
        Houses => "houses",
    }
);

string_enum!(
    /// How the wording qualifies a number (spec §2 table).
    Qualifier {
        Exact => "exact",
        Approx => "approx",
        Nearly => "nearly",
        MoreThan => "more_than",
        AtLeast => "at_least",
        UpTo => "up_to",
        LessThan => "less_than",
        Range => "range",
        Vague => "vague",
    }
);

string_enum!(
    /// Spec §3 place precision, most specific first.
    PlacePrecision {
        Site => "site",
        Town => "town",
        Township => "township",
        District => "district",
        Admin1 => "admin1",
        Country => "country",
    }
);

string_enum!(
    /// Spec §4 time precision.
    TimePrecision {
        Day => "day",
        Week => "week",
        Month => "month",
        Year => "year",
        Range => "range",
    }
);

string_enum!(
    Modality {
        Asserted => "asserted",
        Claimed => "claimed",
        Denied => "denied",
        Planned => "planned",
    }
);

string_enum!(
    Role {
        Agent => "agent",
        Counterpart => "counterpart",
        Target => "target",
    }
);

string_enum!(
    /// Spec §5 actor kinds.
    ActorKind {
        StateForce => "state_force",
        MilitaryUnit => "military_unit",
        ArmedGroup => "armed_group",
        Militia => "militia",
        Police => "police",
        Government => "government",
        Civilians => "civilians",
        Person => "person",
        Organization => "organization",
    }
);

/// A count with its uncertainty (spec §2). `low <= best <= high` where present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub measure: Measure,
    /// The counted noun as written ("soldiers", "family members").
    pub who: Option<String>,
    pub low: Option<i64>,
    pub best: Option<i64>,
    pub high: Option<i64>,
    pub qualifier: Qualifier,
    /// The words the quantity was read from ("around 200 soldiers").
    pub text: String,
    pub span: Span,
}

/// Where (spec §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Location {
    /// The most specific place as written.
    pub name: String,
    /// MIMU P-code or other gazetteer id.
    pub place_id: Option<String>,
    /// Gazetteer kind: `admin1`, `district`, `township`, `town`, `village`, `prison`, …
    pub kind: Option<String>,
    pub admin1: Option<String>,
    pub township: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Option<PlacePrecision>,
    /// Evidence: where the place is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// When (spec §4). All fields null when the text gives no time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Time {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: Option<TimePrecision>,
    pub text: Option<String>,
    /// Partial date the text fixes when D is unknown (`--12-03`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_norm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Who (spec §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub role: Role,
    /// As written ("Light Infantry Battalion 143").
    pub name: String,
    /// Canonical name ("LIB 143", "Myanmar Armed Forces").
    pub canonical: String,
    pub kind: ActorKind,
    /// For units and persons: the force they belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One event of a document (spec §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub aggregate: bool,
    pub modality: Modality,
    pub quantities: Vec<Quantity>,
    pub location: Option<Location>,
    pub time: Time,
    pub actors: Vec<Actor>,
    pub claimed_by: Option<String>,
    /// The sentence the event was read from.
    pub sentence: Span,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// 0..1; see ARCHITECTURE.md for what lowers it.
    pub confidence: f64,
    /// Further mentions of the same happening merged into this event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Span>,
    /// `--explain`: why each field was chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

impl Event {
    /// The quantity of the type's primary measure, if any.
    pub fn primary_quantity(&self) -> Option<&Quantity> {
        let m = self.event_type.primary_measure();
        self.quantities.iter().find(|q| q.measure == m)
    }
    pub fn quantity(&self, m: Measure) -> Option<&Quantity> {
        self.quantities.iter().find(|q| q.measure == m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_type_round_trips_through_strings() {
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>().unwrap(), *t);
            assert_eq!(
                serde_json::to_string(t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
        }
        assert!("riot".parse::<EventType>().is_err());
    }

    #[test]
    fn primary_measures_follow_spec_table() {
        assert_eq!(EventType::Airstrike.primary_measure(), Measure::Killed);
        assert_eq!(EventType::Arson.primary_measure(), Measure::Houses);
        assert_eq!(EventType::Surrender.primary_measure(), Measure::People);
        assert_eq!(EventType::Casualties.primary_measure(), Measure::Killed);
    }

    #[test]
    fn event_serialises_with_spec_field_names() {
        let e = Event {
            id: "x-1".into(),
            event_type: EventType::Surrender,
            aggregate: false,
            modality: Modality::Asserted,
            quantities: vec![Quantity {
                measure: Measure::People,
                who: Some("members".into()),
                low: Some(41),
                best: Some(41),
                high: Some(41),
                qualifier: Qualifier::Exact,
                text: "41 members".into(),
                span: Span(10, 20),
            }],
            location: None,
            time: Time::default(),
            actors: vec![],
            claimed_by: None,
            sentence: Span(0, 50),
            trigger: Span(30, 40),
            confidence: 0.9,
            mentions: vec![],
            explain: vec![],
        };
        let v: serde_json::Value = serde_json::to_value(&e).unwrap();
        assert_eq!(v["type"], "surrender");
        assert_eq!(v["quantities"][0]["span"], serde_json::json!([10, 20]));
        assert!(v["location"].is_null());
        assert!(v["time"]["start"].is_null());
        assert!(v["time"].get("span").is_none());
        assert!(v["claimed_by"].is_null());
        assert!(v.get("explain").is_none());
    }
}
