//! Blocking, pair scoring and clustering.
//!
//! Blocking: every event with a usable time window is filed under
//! `(type group, admin1, week)` for each week its window covers. An event
//! probes the buckets of the weeks its window covers widened by the slack,
//! in its own admin1 and the "no admin1" bucket (an event without admin1
//! probes every admin1). So the number of pairs scored grows with the
//! density of reports per group, region and week, not with the size of the
//! store.
//!
//! Clustering: accepted pairs are taken best first; two clusters are joined
//! only if the join keeps at most one event per document and every member
//! of one is compatible (passes the hard rules) with every member of the
//! other — so a chain A~B~C never puts together an A and a C that the rules
//! keep apart.

use std::collections::HashMap;

use crate::combine::build_incident;
use crate::profile::{profile, Interner, Profile};
use crate::similarity::{judge, Why};
use crate::{Incident, MergeInput};

/// Tunable numbers of the merge (the defaults are the documented ones).
#[derive(Debug, Clone, PartialEq)]
pub struct MergeConfig {
    /// Minimum pair score to merge (default 0.60).
    pub threshold: f32,
    /// Days two time windows may be apart and still be one happening (default 3).
    pub slack_days: i32,
    /// Events whose time window is longer than this many days are never
    /// merged (default 92: "last year" or "since 2021" is too vague).
    pub max_window_days: i32,
    /// Keep the reasons of each accepted pair in the incidents (default true).
    pub explain: bool,
}

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig {
            threshold: 0.60,
            slack_days: 3,
            max_window_days: 92,
            explain: true,
        }
    }
}

/// The result of an incremental merge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeUpdate {
    /// Incidents that are new or whose members changed (complete, to store as they are).
    pub incidents: Vec<Incident>,
    /// Ids of existing incidents that no longer exist (absorbed into another).
    pub removed: Vec<String>,
}

/// Merge all events with the default configuration: every input ends up in
/// exactly one incident (a report nobody else gives is an incident of one).
pub fn merge(inputs: &[MergeInput]) -> Vec<Incident> {
    merge_with(inputs, &crate::MergeConfig::default())
}

/// [`merge`] with a configuration.
pub fn merge_with(inputs: &[MergeInput], cfg: &MergeConfig) -> Vec<Incident> {
    let refs: Vec<&MergeInput> = inputs.iter().collect();
    let result = run(&refs, 0, &[], cfg);
    let mut out: Vec<Incident> = result
        .clusters
        .iter()
        .map(|c| build_incident(&refs, &result.profiles, c, cfg))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Add `new` events to existing incidents: `existing[i]` is a stored event
/// that belongs to the incident `incident_ids[i]`. Existing incidents are
/// kept as they are (not re-split); a new event joins the incident whose
/// members it fits, or starts its own, and may join two existing incidents
/// it bridges. Pass the existing events whose time windows are near the new
/// ones (passing all of them is always correct). `sitrep merge` re-merges
/// everything and may cluster slightly differently (order of arrival).
pub fn merge_incremental(
    existing: &[MergeInput],
    incident_ids: &[String],
    new: &[MergeInput],
    cfg: &MergeConfig,
) -> MergeUpdate {
    assert_eq!(
        existing.len(),
        incident_ids.len(),
        "merge_incremental: one incident id per existing event"
    );
    let mut label_of: HashMap<&str, usize> = HashMap::new();
    let labels: Vec<usize> = incident_ids
        .iter()
        .map(|id| {
            let n = label_of.len();
            *label_of.entry(id.as_str()).or_insert(n)
        })
        .collect();
    let refs: Vec<&MergeInput> = existing.iter().chain(new.iter()).collect();
    let fixed = existing.len();
    let result = run(&refs, fixed, &labels, cfg);
    let mut update = MergeUpdate::default();
    for c in &result.clusters {
        if !c.members.iter().any(|&m| m as usize >= fixed) {
            continue;
        }
        let inc = build_incident(&refs, &result.profiles, c, cfg);
        for &m in &c.members {
            if (m as usize) < fixed {
                let old = &incident_ids[m as usize];
                if *old != inc.id && !update.removed.contains(old) {
                    update.removed.push(old.clone());
                }
            }
        }
        update.incidents.push(inc);
    }
    update.incidents.sort_by(|a, b| a.id.cmp(&b.id));
    update.removed.sort();
    update
}

/// One cluster: member indices and the accepted pairs that joined it.
pub(crate) struct Cluster {
    pub members: Vec<u32>,
    pub links: Vec<(u32, u32, f32)>,
}

pub(crate) struct RunResult {
    pub profiles: Vec<Profile>,
    pub clusters: Vec<Cluster>,
}

fn week(day: i32) -> i32 {
    day.div_euclid(7)
}

fn bucket_key(group: u64, admin1: u32, week: i32) -> u64 {
    (group << 56) | ((admin1 as u64 & 0xFF_FFFF) << 32) | (week as u32 as u64)
}

/// Profile, block, score and cluster. The first `fixed` inputs are already
/// clustered by `labels`: they are not compared among themselves.
fn run(inputs: &[&MergeInput], fixed: usize, labels: &[usize], cfg: &MergeConfig) -> RunResult {
    let n = inputs.len();
    let mut docs = Interner::default();
    let mut admins = Interner::default();
    let mut places = Interner::default();
    let mut names = Interner::default();
    let profiles: Vec<Profile> = inputs
        .iter()
        .map(|inp| {
            let d = docs.id(&inp.doc_id);
            profile(inp, d, &mut admins, &mut places, &mut names)
        })
        .collect();
    let all_admins: Vec<u32> = (0..=admins.len() as u32).collect();

    // Blocking and scoring.
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut seen: Vec<u32> = vec![u32::MAX; n];
    let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
    for i in 0..n {
        let p = &profiles[i];
        let Some((s, e)) = p.window else { continue };
        if e - s + 1 > cfg.max_window_days {
            continue;
        }
        let g = p.group.code();
        if i >= fixed {
            let keys: &[u32] = if p.admin1 != 0 {
                &[p.admin1, 0][..]
            } else {
                &all_admins[..]
            };
            for w in week(s - cfg.slack_days)..=week(e + cfg.slack_days) {
                for &a in keys {
                    let Some(bucket) = index.get(&bucket_key(g, a, w)) else {
                        continue;
                    };
                    for &j in bucket {
                        if seen[j as usize] == i as u32 {
                            continue;
                        }
                        seen[j as usize] = i as u32;
                        if let Some(score) = judge(&profiles[j as usize], p, cfg, Why(None)) {
                            if score >= cfg.threshold {
                                pairs.push((score, j, i as u32));
                            }
                        }
                    }
                }
            }
        }
        for w in week(s)..=week(e) {
            index
                .entry(bucket_key(g, p.admin1, w))
                .or_default()
                .push(i as u32);
        }
    }
    drop(index);
    drop(seen);
    pairs.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });

    // Union-find with member lists at the roots.
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let mut links: Vec<Vec<(u32, u32, f32)>> = vec![Vec::new(); n];
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    // Seed the existing incidents.
    let mut first_of_label: HashMap<usize, u32> = HashMap::new();
    for (i, &l) in labels.iter().enumerate().take(fixed) {
        match first_of_label.get(&l) {
            None => {
                first_of_label.insert(l, i as u32);
            }
            Some(&r0) => {
                let (ra, rb) = (find(&mut parent, r0), find(&mut parent, i as u32));
                if ra != rb {
                    parent[rb as usize] = ra;
                    let moved = std::mem::take(&mut members[rb as usize]);
                    members[ra as usize].extend(moved);
                }
            }
        }
    }
    for &(score, a, b) in &pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb {
            continue;
        }
        let (ma, mb) = (&members[ra as usize], &members[rb as usize]);
        let ok = ma.iter().all(|&x| {
            mb.iter().all(|&y| {
                let (px, py) = (&profiles[x as usize], &profiles[y as usize]);
                px.doc != py.doc && judge(px, py, cfg, Why(None)).is_some()
            })
        });
        if !ok {
            continue;
        }
        let (big, small) = if ma.len() >= mb.len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        parent[small as usize] = big;
        let moved = std::mem::take(&mut members[small as usize]);
        members[big as usize].extend(moved);
        let moved = std::mem::take(&mut links[small as usize]);
        links[big as usize].extend(moved);
        links[big as usize].push((a, b, score));
    }

    let mut clusters = Vec::new();
    for r in 0..n {
        if parent[r] == r as u32 && !members[r].is_empty() {
            let mut m = std::mem::take(&mut members[r]);
            m.sort_unstable();
            clusters.push(Cluster {
                members: m,
                links: std::mem::take(&mut links[r]),
            });
        }
    }
    RunResult { profiles, clusters }
}
