//! The compact form of an event that blocking and scoring work on: interned
//! names, dates as day numbers, the primary count.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use sitrep_core::{ActorKind, Location, Modality, PlacePrecision, Role, TimePrecision};

use crate::{group::TypeGroup, MergeInput};

/// Days before publication in the report-date window used when an event
/// gives no time (the window is the week ending on the publication date).
pub(crate) const REPORT_WINDOW_DAYS: i32 = 6;

/// Maps strings to small integers; 0 is reserved for "none".
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.ids.len() as u32 + 1;
        self.ids.insert(s.to_string(), id);
        id
    }
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// How a time window was obtained: decides how much a time match is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WindowKind {
    /// The text gives a time (day, week, month, year or range).
    Stated,
    /// No time in the text: the week before publication.
    Reported,
}

/// One event, compacted.
pub(crate) struct Profile {
    pub group: TypeGroup,
    pub etype: sitrep_core::EventType,
    pub aggregate: bool,
    pub planned: bool,
    /// Claimed or denied: its date may be the date of the statement.
    pub attributed: bool,
    pub doc: u32,
    /// Inclusive window of days since the common era; `None`: no time at all.
    pub window: Option<(i32, i32)>,
    pub window_kind: WindowKind,
    pub day_precision: bool,
    /// Publication date as a day number.
    pub published: Option<i32>,
    pub admin1: u32,
    pub township: u32,
    /// place_id when known.
    pub place_id: u32,
    /// Normalised name of the place as written.
    pub place_name: u32,
    /// 0 site, 1 town, 2 township, 3 district, 4 admin1, 5 country/none.
    pub precision: u8,
    /// Canonical military units (any role).
    pub units: Vec<u32>,
    /// Forces of the agents: non-unit agents' canonical names and the parents of agent units.
    pub agents: Vec<u32>,
    pub counterparts: Vec<u32>,
    /// Every force named in any role (units counted as their parents).
    pub forces: Vec<u32>,
    /// Primary quantity (low, best, high).
    pub count: Option<(Option<i64>, Option<i64>, Option<i64>)>,
}

impl Profile {
    pub fn has_place(&self) -> bool {
        self.precision < 5 || self.admin1 != 0
    }
}

/// Lower-case a place name and drop the type words reports add or leave out.
pub(crate) fn normalise_place(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "township"
                        | "town"
                        | "village"
                        | "city"
                        | "region"
                        | "state"
                        | "the"
                        | "of"
                        | "tsp"
                        | "tsp."
                )
        })
        .collect();
    words.join(" ")
}

pub(crate) fn precision_rank(p: Option<PlacePrecision>) -> u8 {
    match p {
        Some(PlacePrecision::Site) => 0,
        Some(PlacePrecision::Town) => 1,
        Some(PlacePrecision::Township) => 2,
        Some(PlacePrecision::District) => 3,
        Some(PlacePrecision::Admin1) => 4,
        Some(PlacePrecision::Country) | None => 5,
    }
}

/// The time window of an event: its stated time, else the week before publication.
pub(crate) fn window_of(input: &MergeInput) -> (Option<(NaiveDate, NaiveDate)>, WindowKind) {
    let t = &input.event.time;
    match (t.start, t.end) {
        (Some(s), Some(e)) => (Some((s.min(e), s.max(e))), WindowKind::Stated),
        (Some(s), None) => {
            let e = match t.precision {
                Some(TimePrecision::Month) => end_of_month(s),
                Some(TimePrecision::Year) => NaiveDate::from_ymd_opt(s.year(), 12, 31).unwrap_or(s),
                Some(TimePrecision::Week) => s + Duration::days(6),
                Some(TimePrecision::Range) => input.published.filter(|p| *p >= s).unwrap_or(s),
                _ => s,
            };
            (Some((s, e)), WindowKind::Stated)
        }
        (None, Some(e)) => (Some((e, e)), WindowKind::Stated),
        (None, None) => match input.published {
            Some(p) => (
                Some((p - Duration::days(REPORT_WINDOW_DAYS as i64), p)),
                WindowKind::Reported,
            ),
            None => (None, WindowKind::Reported),
        },
    }
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(|n| n - Duration::days(1))
        .unwrap_or(d)
}

fn township_name(loc: &Location) -> Option<String> {
    if let Some(t) = &loc.township {
        return Some(normalise_place(t));
    }
    if loc.precision == Some(PlacePrecision::Township) {
        return Some(normalise_place(&loc.name));
    }
    None
}

/// Build the profile of one input.
pub(crate) fn profile(
    input: &MergeInput,
    doc: u32,
    admins: &mut Interner,
    places: &mut Interner,
    names: &mut Interner,
) -> Profile {
    let ev = &input.event;
    let (win, window_kind) = window_of(input);
    let window = win.map(|(s, e)| (s.num_days_from_ce(), e.num_days_from_ce()));
    let day_precision = window_kind == WindowKind::Stated
        && window.is_some_and(|(s, e)| s == e)
        && matches!(ev.time.precision, Some(TimePrecision::Day) | None);

    let (mut admin1, mut township, mut place_id, mut place_name, mut precision) = (0, 0, 0, 0, 5);
    if let Some(loc) = &ev.location {
        if let Some(a) = &loc.admin1 {
            admin1 = admins.id(&a.trim().to_lowercase());
        }
        if let Some(t) = township_name(loc) {
            township = places.id(&format!("t:{t}"));
        }
        if let Some(p) = &loc.place_id {
            place_id = places.id(&format!("p:{p}"));
        }
        let n = normalise_place(&loc.name);
        if !n.is_empty() {
            place_name = places.id(&format!("n:{n}"));
        }
        precision = precision_rank(loc.precision);
        if precision == 5 && admin1 == 0 && place_name != 0 {
            // A named place without precision: treat it as a site-level name.
            precision = 1;
        }
        if precision == 4 && admin1 == 0 {
            precision = 5;
        }
    }

    let mut units = Vec::new();
    let mut agents = Vec::new();
    let mut counterparts = Vec::new();
    let mut forces = Vec::new();
    for a in &ev.actors {
        let force = if a.kind == ActorKind::MilitaryUnit {
            units.push(names.id(&a.canonical.trim().to_lowercase()));
            a.parent.as_deref()
        } else if matches!(a.kind, ActorKind::Person | ActorKind::Civilians) {
            None
        } else {
            Some(a.canonical.as_str())
        };
        if let Some(f) = force {
            let id = names.id(&f.trim().to_lowercase());
            forces.push(id);
            match a.role {
                Role::Agent => agents.push(id),
                Role::Counterpart => counterparts.push(id),
                Role::Target => {}
            }
        }
    }
    for v in [&mut units, &mut agents, &mut counterparts, &mut forces] {
        v.sort_unstable();
        v.dedup();
    }

    let count = ev.primary_quantity().map(|q| (q.low, q.best, q.high));

    Profile {
        group: TypeGroup::of(ev.event_type),
        etype: ev.event_type,
        aggregate: ev.aggregate,
        planned: ev.modality == Modality::Planned,
        attributed: matches!(ev.modality, Modality::Claimed | Modality::Denied),
        doc,
        window,
        window_kind,
        day_precision,
        published: input.published.map(|d| d.num_days_from_ce()),
        admin1,
        township,
        place_id,
        place_name,
        precision,
        units,
        agents,
        counterparts,
        forces,
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_drop_type_words() {
        assert_eq!(normalise_place("Laukkai Township"), "laukkai");
        assert_eq!(normalise_place(" the town of Paletwa "), "paletwa");
        assert_eq!(normalise_place("Shan State"), "shan");
    }

    #[test]
    fn month_windows_end_on_the_last_day() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        assert_eq!(
            end_of_month(d),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        let d = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        assert_eq!(
            end_of_month(d),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
        );
    }
}
