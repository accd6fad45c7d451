//! From a cluster of reports to an incident: the count interval, the place
//! and time the reports agree on, the actors, and the discrepancy flags.

use std::collections::BTreeSet;

use sitrep_core::{ActorKind, EventType, Location, Modality, PlacePrecision, Time, TimePrecision};

use crate::cluster::Cluster;
use crate::profile::{normalise_place, precision_rank, window_of, Profile, WindowKind};
use crate::similarity::{judge, Why};
use crate::{Count, Flag, FlagValue, Incident, IncidentActor, MergeConfig, MergeInput};

pub(crate) fn build_incident(
    inputs: &[&MergeInput],
    profiles: &[Profile],
    cluster: &Cluster,
    cfg: &MergeConfig,
) -> Incident {
    let mut members: Vec<&MergeInput> = cluster
        .members
        .iter()
        .map(|&i| inputs[i as usize])
        .collect();
    members.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    let id = format!("inc-{}", members[0].event_id);

    let event_type = majority_type(&members);
    let measure = event_type.primary_measure();
    let modality = if members
        .iter()
        .any(|m| m.event.modality == Modality::Asserted)
    {
        Modality::Asserted
    } else if members
        .iter()
        .any(|m| m.event.modality == Modality::Claimed)
    {
        Modality::Claimed
    } else if members
        .iter()
        .any(|m| m.event.modality == Modality::Planned)
    {
        Modality::Planned
    } else {
        Modality::Denied
    };
    // Credible reports: those that do not deny it (unless all do).
    let credible: Vec<&MergeInput> = {
        let c: Vec<&MergeInput> = members
            .iter()
            .copied()
            .filter(|m| m.event.modality != Modality::Denied)
            .collect();
        if c.is_empty() {
            members.clone()
        } else {
            c
        }
    };

    let mut flags = Vec::new();
    let count = combine_count(&credible, measure, &mut flags);
    let location = combine_place(&members, &mut flags);
    // A denial's date is usually that of the statement: time from credible reports.
    let time = combine_time(&credible, &mut flags);
    flag_units(&members, &mut flags);
    flag_counterparts(&members, &mut flags);
    flag_types(&members, &mut flags);
    flag_denial(&members, &mut flags);

    let mut actors: BTreeSet<IncidentActor> = BTreeSet::new();
    for m in &members {
        for a in &m.event.actors {
            actors.insert(IncidentActor {
                role: a.role,
                canonical: a.canonical.clone(),
                kind: a.kind,
                parent: a.parent.clone(),
            });
        }
    }

    let mut reasons = Vec::new();
    if cfg.explain {
        for &(a, b, score) in &cluster.links {
            let mut why = Vec::new();
            judge(
                &profiles[a as usize],
                &profiles[b as usize],
                cfg,
                Why(Some(&mut why)),
            );
            reasons.push(format!(
                "{} ~ {}: {:.2} ({})",
                inputs[a as usize].event_id,
                inputs[b as usize].event_id,
                score,
                why.join("; ")
            ));
        }
    }

    Incident {
        id,
        event_type,
        types: {
            let mut t: Vec<EventType> = members.iter().map(|m| m.event.event_type).collect();
            t.sort();
            t.dedup();
            t
        },
        aggregate: members[0].event.aggregate,
        modality,
        events: members.iter().map(|m| m.event_id.clone()).collect(),
        documents: members.iter().map(|m| m.document.clone()).collect(),
        measure,
        count,
        location,
        time,
        reported: members.iter().filter_map(|m| m.published).min(),
        actors: actors.into_iter().collect(),
        flags,
        reasons,
    }
}

fn majority_type(members: &[&MergeInput]) -> EventType {
    let mut counts: Vec<(EventType, usize)> = Vec::new();
    for m in members {
        match counts.iter_mut().find(|(t, _)| *t == m.event.event_type) {
            Some(c) => c.1 += 1,
            None => counts.push((m.event.event_type, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts[0].0
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]).div_euclid(2)
    })
}

fn combine_count(
    credible: &[&MergeInput],
    measure: sitrep_core::Measure,
    flags: &mut Vec<Flag>,
) -> Count {
    let qs: Vec<(&MergeInput, &sitrep_core::Quantity)> = credible
        .iter()
        .filter_map(|m| m.event.quantity(measure).map(|q| (*m, q)))
        .collect();
    if qs.is_empty() {
        return Count::default();
    }
    let low = qs.iter().filter_map(|(_, q)| q.low).min();
    let best = median(qs.iter().filter_map(|(_, q)| q.best).collect());
    let high = if qs.iter().all(|(_, q)| q.high.is_some()) {
        qs.iter().filter_map(|(_, q)| q.high).max()
    } else {
        None
    };
    let conservative = qs.iter().filter_map(|(_, q)| q.best.or(q.low)).min();
    let mut who: Vec<String> = qs
        .iter()
        .filter_map(|(_, q)| q.who.as_ref().map(|w| w.trim().to_lowercase()))
        .filter(|w| !w.is_empty())
        .collect();
    who.sort();
    who.dedup();
    let distinct: BTreeSet<(Option<i64>, Option<i64>, Option<i64>)> =
        qs.iter().map(|(_, q)| (q.low, q.best, q.high)).collect();
    if distinct.len() > 1 {
        flags.push(Flag {
            field: "count".into(),
            values: qs
                .iter()
                .map(|(m, q)| FlagValue {
                    value: if q.text.trim().is_empty() {
                        render_interval(q.low, q.best, q.high)
                    } else {
                        q.text.trim().to_string()
                    },
                    document: m.document.clone(),
                })
                .collect(),
        });
    }
    Count {
        low,
        best,
        high,
        conservative,
        reports: qs.len(),
        who,
    }
}

fn render_interval(low: Option<i64>, best: Option<i64>, high: Option<i64>) -> String {
    let f = |x: Option<i64>| x.map_or("?".to_string(), |v| v.to_string());
    format!("{} [{}–{}]", f(best), f(low), f(high))
}

fn same_place(a: &Location, b: &Location) -> bool {
    if let (Some(x), Some(y)) = (&a.place_id, &b.place_id) {
        if x == y {
            return true;
        }
    }
    normalise_place(&a.name) == normalise_place(&b.name)
}

fn combine_place(members: &[&MergeInput], flags: &mut Vec<Flag>) -> Option<Location> {
    let locs: Vec<(&MergeInput, &Location)> = members
        .iter()
        .filter_map(|m| m.event.location.as_ref().map(|l| (*m, l)))
        .collect();
    if locs.is_empty() {
        return None;
    }
    let rank = |l: &Location| precision_rank(l.precision);
    // Fine places (site/town): how many different ones?
    let fine: Vec<&(&MergeInput, &Location)> = locs.iter().filter(|(_, l)| rank(l) <= 1).collect();
    let mut classes: Vec<&Location> = Vec::new();
    for (_, l) in &fine {
        if !classes.iter().any(|c| same_place(c, l)) {
            classes.push(l);
        }
    }
    let admin1 = locs.iter().find_map(|(_, l)| l.admin1.clone());
    let township = locs.iter().find_map(|(_, l)| {
        l.township
            .clone()
            .or_else(|| (l.precision == Some(PlacePrecision::Township)).then(|| l.name.clone()))
    });
    let mut chosen = if classes.len() == 1 {
        // The fullest description of that place.
        let mut best = fine
            .iter()
            .filter(|(_, l)| same_place(classes[0], l))
            .map(|(_, l)| *l)
            .collect::<Vec<_>>();
        best.sort_by_key(|l| {
            std::cmp::Reverse(
                l.place_id.is_some() as u8
                    + l.lat.is_some() as u8
                    + l.township.is_some() as u8
                    + l.admin1.is_some() as u8,
            )
        });
        best[0].clone()
    } else {
        if classes.len() > 1 {
            flags.push(Flag {
                field: "place".into(),
                values: locs
                    .iter()
                    .map(|(m, l)| FlagValue {
                        value: l.name.clone(),
                        document: m.document.clone(),
                    })
                    .collect(),
            });
        }
        // The most precise coarser description.
        let coarse = locs
            .iter()
            .filter(|(_, l)| rank(l) >= 2)
            .min_by_key(|(_, l)| rank(l))
            .map(|(_, l)| (*l).clone());
        match (coarse, &township) {
            (Some(c), Some(t)) if rank(&c) > 2 => township_location(t, admin1.clone()),
            (Some(c), _) => c,
            (None, Some(t)) => township_location(t, admin1.clone()),
            (None, None) => Location {
                name: admin1.clone().unwrap_or_default(),
                admin1: admin1.clone(),
                precision: admin1.as_ref().map(|_| PlacePrecision::Admin1),
                kind: admin1.as_ref().map(|_| "admin1".to_string()),
                ..Location::default()
            },
        }
    };
    if chosen.admin1.is_none() {
        chosen.admin1 = admin1;
    }
    if chosen.township.is_none() && rank(&chosen) <= 2 {
        chosen.township = township;
    }
    chosen.span = None;
    Some(chosen)
}

fn township_location(t: &str, admin1: Option<String>) -> Location {
    Location {
        name: t.to_string(),
        kind: Some("township".into()),
        admin1,
        township: Some(t.to_string()),
        precision: Some(PlacePrecision::Township),
        ..Location::default()
    }
}

fn render_window(t: &Time, s: chrono::NaiveDate, e: chrono::NaiveDate) -> String {
    let base = if s == e {
        s.to_string()
    } else {
        format!("{s}/{e}")
    };
    match &t.text {
        Some(x) if !x.trim().is_empty() => format!("{base} ({})", x.trim()),
        _ => base,
    }
}

fn combine_time(members: &[&MergeInput], flags: &mut Vec<Flag>) -> Time {
    let stated: Vec<(&MergeInput, chrono::NaiveDate, chrono::NaiveDate)> = members
        .iter()
        .filter_map(|m| match window_of(m) {
            (Some((s, e)), WindowKind::Stated) => Some((*m, s, e)),
            _ => None,
        })
        .collect();
    if stated.is_empty() {
        return Time::default();
    }
    let s = stated.iter().map(|x| x.1).max().unwrap_or_default();
    let e = stated.iter().map(|x| x.2).min().unwrap_or_default();
    if s <= e {
        // The narrowest report inside the common window, if it is the window.
        let narrowest = stated
            .iter()
            .min_by_key(|x| (x.2 - x.1).num_days())
            .filter(|x| x.1 == s && x.2 == e);
        return match narrowest {
            Some((m, _, _)) => Time {
                span: None,
                ..m.event.time.clone()
            },
            None => Time {
                start: Some(s),
                end: Some(e),
                precision: Some(if s == e {
                    TimePrecision::Day
                } else {
                    TimePrecision::Range
                }),
                text: None,
                text_norm: None,
                span: None,
            },
        };
    }
    flags.push(Flag {
        field: "date".into(),
        values: stated
            .iter()
            .map(|(m, s, e)| FlagValue {
                value: render_window(&m.event.time, *s, *e),
                document: m.document.clone(),
            })
            .collect(),
    });
    let s = stated.iter().map(|x| x.1).min().unwrap_or_default();
    let e = stated.iter().map(|x| x.2).max().unwrap_or_default();
    Time {
        start: Some(s),
        end: Some(e),
        precision: Some(TimePrecision::Range),
        text: None,
        text_norm: None,
        span: None,
    }
}

/// Adds a flag when the members that give a value give different ones.
fn flag_distinct(
    members: &[&MergeInput],
    field: &str,
    value: impl Fn(&MergeInput) -> Option<String>,
    flags: &mut Vec<Flag>,
) {
    let vals: Vec<(&MergeInput, String)> = members
        .iter()
        .filter_map(|m| value(m).map(|v| (*m, v)))
        .collect();
    let distinct: BTreeSet<&str> = vals.iter().map(|(_, v)| v.as_str()).collect();
    if distinct.len() > 1 {
        flags.push(Flag {
            field: field.into(),
            values: vals
                .into_iter()
                .map(|(m, v)| FlagValue {
                    value: v,
                    document: m.document.clone(),
                })
                .collect(),
        });
    }
}

fn flag_units(members: &[&MergeInput], flags: &mut Vec<Flag>) {
    flag_distinct(
        members,
        "unit",
        |m| {
            let mut units: Vec<&str> = m
                .event
                .actors
                .iter()
                .filter(|a| a.kind == ActorKind::MilitaryUnit)
                .map(|a| a.canonical.as_str())
                .collect();
            units.sort_unstable();
            units.dedup();
            (!units.is_empty()).then(|| units.join(", "))
        },
        flags,
    );
}

fn flag_counterparts(members: &[&MergeInput], flags: &mut Vec<Flag>) {
    flag_distinct(
        members,
        "actor",
        |m| {
            let mut cps: Vec<&str> = m
                .event
                .actors
                .iter()
                .filter(|a| {
                    a.role == sitrep_core::Role::Counterpart
                        && !matches!(a.kind, ActorKind::Person | ActorKind::Civilians)
                })
                .map(|a| a.parent.as_deref().unwrap_or(a.canonical.as_str()))
                .collect();
            cps.sort_unstable();
            cps.dedup();
            (!cps.is_empty()).then(|| format!("counterpart: {}", cps.join(", ")))
        },
        flags,
    );
}

fn flag_types(members: &[&MergeInput], flags: &mut Vec<Flag>) {
    flag_distinct(
        members,
        "type",
        |m| Some(m.event.event_type.as_str().to_string()),
        flags,
    );
}

fn flag_denial(members: &[&MergeInput], flags: &mut Vec<Flag>) {
    let denied = members.iter().any(|m| m.event.modality == Modality::Denied);
    let affirmed = members
        .iter()
        .any(|m| matches!(m.event.modality, Modality::Asserted | Modality::Claimed));
    if denied && affirmed {
        flags.push(Flag {
            field: "modality".into(),
            values: members
                .iter()
                .map(|m| FlagValue {
                    value: match &m.event.claimed_by {
                        Some(by) => format!("{} by {}", m.event.modality.as_str(), by),
                        None => m.event.modality.as_str().to_string(),
                    },
                    document: m.document.clone(),
                })
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_even_count_is_rounded_down_mean() {
        assert_eq!(median(vec![127, 126]), Some(126));
        assert_eq!(median(vec![126, 127, 101]), Some(126));
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![62, 63, 63, 70]), Some(63));
    }
}
