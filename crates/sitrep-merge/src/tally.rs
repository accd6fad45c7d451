//! Sums over incidents (never over raw reports) with honest intervals, and
//! the force-strength ledger.
//!
//! Rules (also in `docs/merge.md`):
//! - `low` sums the incidents' lows; an incident without a low adds 0 (a
//!   count is never below zero).
//! - `best` sums the known bests; `best_missing` says how many incidents had
//!   none, so the sum is "≥ best" whenever it is not 0.
//! - `high` is `None` (and `high_unknown` true) as soon as one incident's high
//!   is unknown, including incidents that give no number at all.
//! - Summary claims (`aggregate` incidents) never enter these sums: they are
//!   counted in `summary_claims` and their largest figure is in
//!   `summary_best_max` (summary claims overlap each other, so they are not
//!   added up either).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sitrep_core::{ActorKind, EventType, Measure, Role};

use crate::Incident;

/// What to group a tally by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TallyBy {
    Type,
    Admin1,
    Township,
    /// The agent force (a unit counts for its parent force); an incident
    /// with several agents counts once for each, so rows may overlap.
    Actor,
    /// `YYYY-MM` of the incident's start date (else its earliest report's
    /// publication date).
    Month,
    /// ISO week `YYYY-Www` of the same date.
    Week,
}

impl std::str::FromStr for TallyBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "type" => TallyBy::Type,
            "admin1" => TallyBy::Admin1,
            "township" => TallyBy::Township,
            "actor" => TallyBy::Actor,
            "month" => TallyBy::Month,
            "week" => TallyBy::Week,
            _ => {
                return Err(format!(
                    "unknown tally grouping `{s}` (expected one of: type, admin1, township, actor, month, week)"
                ))
            }
        })
    }
}

/// One row of a tally: the sums over the incidents of one key and measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRow {
    pub key: String,
    /// What is counted (incidents of different measures are never added).
    pub measure: Measure,
    /// Single-happening incidents in the row.
    pub incidents: usize,
    /// Reports (member events) behind those incidents.
    pub reports: usize,
    pub low: i64,
    /// Sum of the known bests.
    pub best: i64,
    /// Incidents without a best (not in `best`).
    pub best_missing: usize,
    /// Sum of the highs; `None` when any incident's high is unknown.
    pub high: Option<i64>,
    pub high_unknown: bool,
    /// Incidents whose high is unknown.
    pub high_missing: usize,
    /// Sum of the ACLED-style conservative figures.
    pub conservative: i64,
    /// Incidents whose reports disagree (any flag).
    pub disputed: usize,
    /// Summary claims (aggregate incidents) with this key: not in the sums.
    pub summary_claims: usize,
    /// The largest best of those summary claims.
    pub summary_best_max: Option<i64>,
}

#[derive(Default)]
struct Acc {
    incidents: usize,
    reports: usize,
    low: i64,
    best: i64,
    best_missing: usize,
    high: i64,
    high_missing: usize,
    conservative: i64,
    disputed: usize,
    summary_claims: usize,
    summary_best_max: Option<i64>,
    sources: BTreeSet<String>,
    ids: Vec<String>,
}

impl Acc {
    fn add(&mut self, inc: &Incident) {
        if inc.aggregate {
            self.summary_claims += 1;
            if let Some(b) = inc.count.best.or(inc.count.low) {
                self.summary_best_max = Some(self.summary_best_max.map_or(b, |m| m.max(b)));
            }
        } else {
            let c = &inc.count;
            self.incidents += 1;
            self.reports += inc.events.len();
            self.low += c.low.unwrap_or(0);
            match c.best {
                Some(b) => self.best += b,
                None => self.best_missing += 1,
            }
            match c.high {
                Some(h) => self.high += h,
                None => self.high_missing += 1,
            }
            self.conservative += c.conservative.unwrap_or(0);
            self.disputed += inc.disputed() as usize;
        }
        self.sources.extend(inc.documents.iter().cloned());
        self.ids.push(inc.id.clone());
    }
    fn high(&self) -> Option<i64> {
        (self.high_missing == 0).then_some(self.high)
    }
}

fn agent_forces(inc: &Incident) -> BTreeSet<String> {
    inc.actors
        .iter()
        .filter(|a| a.role == Role::Agent)
        .filter(|a| !matches!(a.kind, ActorKind::Civilians | ActorKind::Person))
        .map(|a| match (&a.kind, &a.parent) {
            (ActorKind::MilitaryUnit, Some(p)) => p.clone(),
            _ => a.canonical.clone(),
        })
        .collect()
}

fn keys_of(inc: &Incident, by: TallyBy) -> Vec<String> {
    const UNKNOWN: &str = "unknown";
    let one = |k: Option<String>| vec![k.unwrap_or_else(|| UNKNOWN.to_string())];
    match by {
        TallyBy::Type => vec![inc.event_type.as_str().to_string()],
        TallyBy::Admin1 => one(inc.location.as_ref().and_then(|l| l.admin1.clone())),
        TallyBy::Township => one(inc.location.as_ref().and_then(|l| l.township.clone())),
        TallyBy::Month => one(inc.date().map(|d| d.format("%Y-%m").to_string())),
        TallyBy::Week => one(inc.date().map(|d| d.format("%G-W%V").to_string())),
        TallyBy::Actor => {
            let f = agent_forces(inc);
            if f.is_empty() {
                one(None)
            } else {
                f.into_iter().collect()
            }
        }
    }
}

/// Sum incidents by `by` and measure. Rows are sorted by key, then measure.
pub fn tally(incidents: &[Incident], by: TallyBy) -> Vec<TallyRow> {
    let mut groups: BTreeMap<(String, Measure), Acc> = BTreeMap::new();
    for inc in incidents {
        for k in keys_of(inc, by) {
            groups.entry((k, inc.measure)).or_default().add(inc);
        }
    }
    groups
        .into_iter()
        .map(|((key, measure), a)| TallyRow {
            key,
            measure,
            incidents: a.incidents,
            reports: a.reports,
            low: a.low,
            best: a.best,
            best_missing: a.best_missing,
            high: a.high(),
            high_unknown: a.high_missing > 0,
            high_missing: a.high_missing,
            conservative: a.conservative,
            disputed: a.disputed,
            summary_claims: a.summary_claims,
            summary_best_max: a.summary_best_max,
        })
        .collect()
}

/// A personnel flow reported against a force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    Surrendered,
    Defected,
    Deserted,
    Killed,
    Captured,
    ReleasedToFront,
    Conscripted,
}

impl Flow {
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Surrendered => "surrendered",
            Flow::Defected => "defected",
            Flow::Deserted => "deserted",
            Flow::Killed => "killed",
            Flow::Captured => "captured",
            Flow::ReleasedToFront => "released_to_front",
            Flow::Conscripted => "conscripted",
        }
    }
    /// `out` for losses, `in` for personnel added.
    pub fn direction(self) -> &'static str {
        match self {
            Flow::ReleasedToFront | Flow::Conscripted => "in",
            _ => "out",
        }
    }
}

/// One month of one flow in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// `YYYY-MM` of the incidents' start dates (else the earliest
    /// publication date of their reports), or `unknown`.
    pub month: String,
    pub flow: Flow,
    /// `out` (losses) or `in` (conscripted, released to the front).
    pub direction: String,
    /// Summary claims ("hundreds have surrendered since October") are rows
    /// of their own and never added to the single incidents.
    pub summary: bool,
    pub incidents: usize,
    pub low: i64,
    pub best: i64,
    pub best_missing: usize,
    pub high: Option<i64>,
    pub high_unknown: bool,
    /// The documents behind the row.
    pub sources: Vec<String>,
    pub incident_ids: Vec<String>,
}

fn eq_force(a: &str, force: &str) -> bool {
    a.trim().eq_ignore_ascii_case(force.trim())
}

/// True when the incident names the force (or one of its units) in one of the roles.
fn names_force(inc: &Incident, force: &str, roles: &[Role]) -> bool {
    inc.actors.iter().any(|a| {
        roles.contains(&a.role)
            && (eq_force(&a.canonical, force)
                || a.parent.as_deref().is_some_and(|p| eq_force(p, force)))
    })
}

fn soldier_words(inc: &Incident) -> bool {
    inc.count.who.iter().any(|w| {
        [
            "soldier",
            "troop",
            "personnel",
            "servicem",
            "police",
            "officer",
            "junta",
            "army",
            "militia",
            "member",
            "fighter",
            "combatant",
        ]
        .iter()
        .any(|k| w.contains(k))
    })
}

fn prisoner_words(inc: &Incident) -> bool {
    inc.count.who.iter().any(|w| {
        ["prison", "inmate", "convict", "detainee"]
            .iter()
            .any(|k| w.contains(k))
    })
}

/// The flow an incident represents for `force`, if any.
pub(crate) fn flow_of(inc: &Incident, force: &str) -> Option<Flow> {
    use EventType::*;
    let agent = names_force(inc, force, &[Role::Agent]);
    let other_side = names_force(inc, force, &[Role::Target, Role::Counterpart]);
    let any = agent || other_side;
    // Someone else named as target/counterpart: the dead are theirs, not the agent's.
    let others_hit = inc
        .actors
        .iter()
        .any(|a| matches!(a.role, Role::Target | Role::Counterpart));
    // A personnel flow any report gives wins over the incident's main type
    // (a base captured and its garrison surrendering is a surrender to the ledger).
    let has = |t: EventType| inc.event_type == t || inc.types.contains(&t);
    if agent {
        for (t, flow) in [
            (Surrender, Flow::Surrendered),
            (Defection, Flow::Defected),
            (Desertion, Flow::Deserted),
        ] {
            if has(t) {
                return Some(flow);
            }
        }
    }
    match inc.event_type {
        Battle | Casualties | Airstrike | Shelling | Explosion
            if other_side || (agent && !others_hit && soldier_words(inc)) =>
        {
            Some(Flow::Killed)
        }
        Capture | Arrest if other_side && inc.count.reports > 0 && !prisoner_words(inc) => {
            Some(Flow::Captured)
        }
        Conscription if any && prisoner_words(inc) => Some(Flow::ReleasedToFront),
        Conscription if any => Some(Flow::Conscripted),
        _ => None,
    }
}

/// The force-strength ledger: personnel flows reported against `force`
/// (its canonical name, or the parent of its units), by month and flow.
///
/// Which incidents count: surrender/defection/desertion whose agent is the
/// force; battle/casualties/airstrike/shelling/explosion where the force is
/// the target or counterpart, or is the only side named and the counted
/// noun is personnel ("soldiers", "troops"); capture/arrest with a count where the
/// force is the target or counterpart; conscription naming the force
/// (prisoners sent to the front when the counted noun is prisoners).
pub fn ledger(incidents: &[Incident], force: &str) -> Vec<LedgerRow> {
    let mut groups: BTreeMap<(String, Flow, bool), Acc> = BTreeMap::new();
    for inc in incidents {
        let Some(flow) = flow_of(inc, force) else {
            continue;
        };
        let month = inc
            .date()
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_else(|| "unknown".into());
        let acc = groups.entry((month, flow, inc.aggregate)).or_default();
        if inc.aggregate {
            // Summary rows sum their own claims (shown apart, never added to singles).
            let single = Incident {
                aggregate: false,
                ..inc.clone()
            };
            acc.add(&single);
        } else {
            acc.add(inc);
        }
    }
    groups
        .into_iter()
        .map(|((month, flow, summary), a)| LedgerRow {
            month,
            flow,
            direction: flow.direction().to_string(),
            summary,
            incidents: a.incidents,
            low: a.low,
            best: a.best,
            best_missing: a.best_missing,
            high: a.high(),
            high_unknown: a.high_missing > 0,
            sources: a.sources.into_iter().collect(),
            incident_ids: a.ids,
        })
        .collect()
}
