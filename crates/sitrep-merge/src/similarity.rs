//! The similarity of two events: hard vetoes first, then a weighted score of
//! time, place, actors and count agreement, each with its reason.
//!
//! ```text
//! score = 0.30·time + 0.30·place + 0.25·actors + 0.15·count − 0.10·(types differ)
//! ```
//! A component the reports do not both give takes a neutral value (place
//! 0.25, actors 0.40, count 0.40). Pairs scoring at least
//! [`crate::MergeConfig::threshold`] (0.60) are merge candidates. The numbers
//! are documented with examples in `docs/merge.md`.

use crate::profile::{Profile, WindowKind};
use crate::MergeConfig;

/// The verdict on one pair of events, with the reasons (for `--explain` and tests).
#[derive(Debug, Clone, PartialEq)]
pub struct PairJudgement {
    /// `None` when a hard rule keeps the two apart.
    pub score: Option<f32>,
    pub reasons: Vec<String>,
}

pub(crate) const W_TIME: f32 = 0.30;
pub(crate) const W_PLACE: f32 = 0.30;
pub(crate) const W_ACTORS: f32 = 0.25;
pub(crate) const W_COUNT: f32 = 0.15;
pub(crate) const NEUTRAL_PLACE: f32 = 0.25;
pub(crate) const NEUTRAL_ACTORS: f32 = 0.40;
pub(crate) const NEUTRAL_COUNT: f32 = 0.40;
pub(crate) const TYPE_PENALTY: f32 = 0.10;

/// Collects reasons only when asked (scoring a million pairs builds no strings).
pub(crate) struct Why<'a>(pub Option<&'a mut Vec<String>>);

impl Why<'_> {
    #[inline]
    fn say(&mut self, f: impl FnOnce() -> String) {
        if let Some(v) = self.0.as_deref_mut() {
            v.push(f());
        }
    }
}

fn intersects(a: &[u32], b: &[u32]) -> bool {
    // Both sorted and tiny.
    a.iter().any(|x| b.binary_search(x).is_ok())
}

/// Score a pair; `None` when a hard rule forbids merging them.
pub(crate) fn judge(a: &Profile, b: &Profile, cfg: &MergeConfig, mut why: Why) -> Option<f32> {
    if a.group != b.group {
        why.say(|| "different type groups".into());
        return None;
    }
    if a.aggregate != b.aggregate {
        why.say(|| "a summary claim is never merged with a single happening".into());
        return None;
    }
    if a.planned != b.planned {
        why.say(|| "a planned event is never merged with one that happened".into());
        return None;
    }
    if a.doc == b.doc {
        why.say(|| "same document".into());
        return None;
    }

    // Time.
    let (Some((sa, ea)), Some((sb, eb))) = (a.window, b.window) else {
        why.say(|| "no date and no publication date".into());
        return None;
    };
    let max_w = cfg.max_window_days;
    if ea - sa + 1 > max_w || eb - sb + 1 > max_w {
        why.say(|| format!("time window wider than {max_w} days"));
        return None;
    }
    let gap = sa.max(sb) - ea.min(eb);
    if gap > cfg.slack_days {
        why.say(|| format!("{gap} days apart"));
        return None;
    }
    // A reported (not planned) event happened on or before its report: an
    // event whose whole window lies after the other's report date is later.
    // Not applied to the window of a claim or denial, which may be the date
    // of the statement rather than of the happening.
    if !a.planned {
        if let (Some(pa), Some(pb)) = (a.published, b.published) {
            if (sb > pa && !b.attributed) || (sa > pb && !a.attributed) {
                why.say(|| "one happened after the other's report was published".into());
                return None;
            }
        }
    }
    let mut t = if gap > 0 {
        why.say(|| format!("{gap} day(s) apart"));
        0.75 - 0.15 * gap as f32
    } else {
        let width = (ea - sa).max(eb - sb) + 1;
        if a.day_precision && b.day_precision && sa == sb {
            why.say(|| "same day".into());
            1.0
        } else if width <= 1 {
            why.say(|| "same day".into());
            1.0
        } else if width <= 7 {
            why.say(|| "times overlap within a week".into());
            0.8
        } else if width <= 31 {
            why.say(|| "times overlap within a month".into());
            0.6
        } else {
            why.say(|| "times overlap (wide window)".into());
            0.45
        }
    };
    if a.window_kind == WindowKind::Reported || b.window_kind == WindowKind::Reported {
        why.say(|| "time from the publication date only".into());
        t = t.min(0.5);
    }

    // Place.
    let p = place_similarity(a, b, &mut why)?;

    // Actors.
    let both_agents = !a.agents.is_empty() && !b.agents.is_empty();
    if both_agents && !intersects(&a.agents, &b.forces) && !intersects(&b.agents, &a.forces) {
        why.say(|| "different agents".into());
        return None;
    }
    let mut act = if !a.units.is_empty() && !b.units.is_empty() {
        if intersects(&a.units, &b.units) {
            why.say(|| "same unit".into());
            Some(1.0)
        } else {
            why.say(|| "units differ".into());
            Some(0.35)
        }
    } else if both_agents {
        if intersects(&a.agents, &b.agents) {
            why.say(|| "same agent".into());
            Some(0.75)
        } else {
            why.say(|| "agent of one named in the other".into());
            Some(0.55)
        }
    } else if !a.forces.is_empty() && !b.forces.is_empty() {
        if intersects(&a.forces, &b.forces) {
            why.say(|| "a force in common".into());
            Some(0.6)
        } else {
            why.say(|| "no force in common".into());
            Some(0.3)
        }
    } else {
        None
    };
    if !a.counterparts.is_empty()
        && !b.counterparts.is_empty()
        && !intersects(&a.counterparts, &b.forces)
        && !intersects(&b.counterparts, &a.forces)
    {
        why.say(|| "different counterparts".into());
        act = Some(act.unwrap_or(NEUTRAL_ACTORS) * 0.5);
    }

    // Count.
    let c = match (a.count, b.count) {
        (Some(x), Some(y)) => Some(count_similarity(x, y, &mut why)),
        _ => None,
    };

    let mut score = W_TIME * t
        + W_PLACE * p.unwrap_or(NEUTRAL_PLACE)
        + W_ACTORS * act.unwrap_or(NEUTRAL_ACTORS)
        + W_COUNT * c.unwrap_or(NEUTRAL_COUNT);
    if a.etype != b.etype {
        why.say(|| "types differ within the group".into());
        score -= TYPE_PENALTY;
    }
    Some(score)
}

/// Place agreement: `None` when a hard rule forbids the pair (different
/// states or townships), `Some(None)` when neither report gives a place,
/// else `Some(Some(similarity in 0..1))`.
fn place_similarity(a: &Profile, b: &Profile, why: &mut Why) -> Option<Option<f32>> {
    let (ha, hb) = (a.has_place(), b.has_place());
    if !ha && !hb {
        return Some(None);
    }
    if !ha || !hb {
        why.say(|| "only one report gives a place".into());
        return Some(Some(0.3));
    }
    if a.admin1 != 0 && b.admin1 != 0 && a.admin1 != b.admin1 {
        why.say(|| "different states/regions".into());
        return None;
    }
    if a.place_id != 0 && a.place_id == b.place_id {
        why.say(|| "same place".into());
        return Some(Some(1.0));
    }
    let fine = |p: &Profile| p.precision <= 2;
    if fine(a) && fine(b) && a.place_name != 0 && a.place_name == b.place_name {
        why.say(|| "same place name".into());
        return Some(Some(1.0));
    }
    if a.township != 0 && b.township != 0 {
        if a.township != b.township {
            why.say(|| "different townships".into());
            return None;
        }
        return Some(Some(match (a.precision <= 1, b.precision <= 1) {
            (true, true) => {
                why.say(|| "different places in the same township".into());
                0.1
            }
            (true, false) | (false, true) => {
                why.say(|| "a place within the township the other names".into());
                0.8
            }
            (false, false) => {
                why.say(|| "same township".into());
                0.9
            }
        }));
    }
    if a.admin1 != 0 && a.admin1 == b.admin1 {
        return Some(Some(match (fine(a), fine(b)) {
            (true, true) => {
                why.say(|| "different places in the same state/region".into());
                0.1
            }
            (false, false) => {
                why.say(|| "same state/region".into());
                0.6
            }
            _ => {
                why.say(|| "one report gives only the state/region".into());
                0.5
            }
        }));
    }
    why.say(|| "places not comparable".into());
    Some(Some(0.3))
}

type Triple = (Option<i64>, Option<i64>, Option<i64>);

fn bounds(x: Triple) -> (i64, i64) {
    // A missing bound is open: "more than 100" has no high, "up to 50" no low.
    let lo = x.0.unwrap_or(0);
    let hi = x.2.unwrap_or(i64::MAX);
    (lo, hi)
}

/// Count agreement in -0.6..1.
fn count_similarity(x: Triple, y: Triple, why: &mut Why) -> f32 {
    if x.1.is_some() && x.1 == y.1 {
        why.say(|| "same count".into());
        return 1.0;
    }
    let (lx, hx) = bounds(x);
    let (ly, hy) = bounds(y);
    if lx <= hy && ly <= hx {
        why.say(|| "counts overlap".into());
        return 0.8;
    }
    // Disjoint: compare the nearest bounds.
    let (lo_hi, hi_lo) = if hx < ly { (hx, ly) } else { (hy, lx) };
    let sim = if lo_hi <= 0 {
        -0.6
    } else {
        let r = hi_lo as f64 / lo_hi as f64;
        (0.7 - 1.2 * r.ln()).clamp(-0.6, 0.7) as f32
    };
    why.say(|| format!("counts differ ({lo_hi} vs {hi_lo})"));
    sim
}

/// Judge two inputs on their own (for `--explain` and tests): the score
/// (`None` when a hard rule keeps them apart) and the reasons.
pub fn explain_pair(
    a: &crate::MergeInput,
    b: &crate::MergeInput,
    cfg: &MergeConfig,
) -> PairJudgement {
    let mut admins = crate::profile::Interner::default();
    let mut places = crate::profile::Interner::default();
    let mut names = crate::profile::Interner::default();
    let mut docs = crate::profile::Interner::default();
    let da = docs.id(&a.doc_id);
    let db = docs.id(&b.doc_id);
    let pa = crate::profile::profile(a, da, &mut admins, &mut places, &mut names);
    let pb = crate::profile::profile(b, db, &mut admins, &mut places, &mut names);
    let mut reasons = Vec::new();
    let score = judge(&pa, &pb, cfg, Why(Some(&mut reasons)));
    PairJudgement { score, reasons }
}
