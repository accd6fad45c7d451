//! Invariants of the merge on randomly generated reports (fixed seeds):
//! every event in exactly one incident, at most one event per document per
//! incident, intervals that cover every credible report, the same result
//! twice, and an incremental merge that keeps every event.

mod common;

use std::collections::{HashMap, HashSet};

use common::*;
use sitrep_core::{EventType, Modality};
use sitrep_merge::{merge, merge_incremental, MergeConfig, MergeInput};

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const TYPES: &[EventType] = &[
    EventType::Surrender,
    EventType::Defection,
    EventType::Capture,
    EventType::Airstrike,
    EventType::Shelling,
    EventType::Battle,
    EventType::Arrest,
];

/// `n` reports from a few documents each, about a handful of places and days,
/// so that many pairs are candidates.
fn random_reports(seed: u64, n: usize) -> Vec<MergeInput> {
    let mut r = Rng(seed);
    let mut out = Vec::new();
    for i in 0..n {
        let t = TYPES[r.below(TYPES.len() as u64) as usize];
        let doc = format!("doc{}", r.below((n / 2 + 1) as u64));
        let day = 1 + r.below(20);
        let published = format!("2024-01-{:02}", (day + r.below(3)).min(28));
        let mut b = report(&doc, i, t, &published, "a report written for the test");
        b = match r.below(4) {
            0 => b.exact(1 + r.below(60) as i64, "soldiers"),
            1 => b.more_than(10 * (1 + r.below(5) as i64), "soldiers"),
            2 => b.around(10 + r.below(50) as i64, "soldiers"),
            _ => b,
        };
        let ts = ["Kani", "Laukkai", "Hsenwi"][r.below(3) as usize];
        let a1 = if ts == "Kani" { "Sagaing" } else { "Shan" };
        b = match r.below(4) {
            0 => b.site(
                &format!("{ts} village {}", r.below(3)),
                &format!("{ts}{}", r.below(3)),
                ts,
                a1,
            ),
            1 => b.township(&format!("{ts} Township"), a1),
            2 => b.admin1(a1, a1),
            _ => b,
        };
        if r.below(5) != 0 {
            b = b.on(&format!("2024-01-{day:02}"), "on a weekday");
        }
        b = match r.below(4) {
            0 => b.unit(&format!("LIB {}", 100 + r.below(3))),
            1 => b.junta(),
            2 => b.agent("PDF"),
            _ => b,
        };
        b = match r.below(10) {
            0 => b.denied("Myanmar Armed Forces"),
            1 => b.claimed("PDF"),
            _ => b,
        };
        out.push(b.done());
    }
    out
}

fn check(inputs: &[MergeInput], incidents: &[sitrep_merge::Incident]) {
    let by_id: HashMap<&str, &MergeInput> =
        inputs.iter().map(|e| (e.event_id.as_str(), e)).collect();
    let mut seen = HashSet::new();
    for inc in incidents {
        assert_eq!(inc.events.len(), inc.documents.len());
        let mut docs = HashSet::new();
        for (e, d) in inc.events.iter().zip(&inc.documents) {
            assert!(seen.insert(e.clone()), "{e} in two incidents");
            let input = by_id[e.as_str()];
            assert_eq!(&input.document, d);
            assert!(
                docs.insert(input.doc_id.clone()),
                "two events of {} in {}",
                input.doc_id,
                inc.id
            );
            if inc.events.len() > 1 {
                assert_eq!(input.event.aggregate, inc.aggregate);
            }
        }
        // The interval covers every credible report's best.
        let any_credible = inc
            .events
            .iter()
            .any(|e| by_id[e.as_str()].event.modality != Modality::Denied);
        for e in &inc.events {
            let ev = &by_id[e.as_str()].event;
            if any_credible && ev.modality == Modality::Denied {
                continue;
            }
            if let Some(best) = ev.quantity(inc.measure).and_then(|q| q.best) {
                if let Some(low) = inc.count.low {
                    assert!(low <= best, "{}: low {low} > best {best}", inc.id);
                }
                if let Some(high) = inc.count.high {
                    assert!(best <= high, "{}: high {high} < best {best}", inc.id);
                }
            }
        }
        if let (Some(l), Some(b), Some(h)) = (inc.count.low, inc.count.best, inc.count.high) {
            assert!(l <= b && b <= h, "{}: {l} {b} {h}", inc.id);
        }
        if let (Some(s), Some(e)) = (inc.time.start, inc.time.end) {
            assert!(s <= e);
        }
        assert!(inc.id.starts_with("inc-"));
        assert_eq!(inc.id, format!("inc-{}", inc.events.iter().min().unwrap()));
    }
    assert_eq!(
        seen.len(),
        inputs.len(),
        "every event in exactly one incident"
    );
}

#[test]
fn random_reports_keep_the_invariants() {
    for seed in [1u64, 7, 42, 1234, 99991] {
        let inputs = random_reports(seed, 120);
        let incidents = merge(&inputs);
        check(&inputs, &incidents);
        assert!(
            incidents.iter().any(|i| i.events.len() > 1),
            "seed {seed}: some reports merge"
        );
        assert_eq!(incidents, merge(&inputs), "seed {seed}: deterministic");
    }
}

#[test]
fn incremental_merge_keeps_every_event_and_the_invariants() {
    for seed in [3u64, 11, 2024] {
        let inputs = random_reports(seed, 120);
        let (old, new) = inputs.split_at(70);
        let first = merge(old);
        let mut ids = Vec::new();
        let mut existing = Vec::new();
        for inc in &first {
            for e in &inc.events {
                existing.push(old.iter().find(|x| &x.event_id == e).unwrap().clone());
                ids.push(inc.id.clone());
            }
        }
        let upd = merge_incremental(&existing, &ids, new, &MergeConfig::default());
        // Final state: untouched incidents + updated ones.
        let touched: HashSet<&str> = upd
            .incidents
            .iter()
            .flat_map(|i| i.events.iter().map(String::as_str))
            .collect();
        let mut all: Vec<sitrep_merge::Incident> = first
            .into_iter()
            .filter(|i| !upd.removed.contains(&i.id))
            .filter(|i| !i.events.iter().any(|e| touched.contains(e.as_str())))
            .collect();
        all.extend(upd.incidents.iter().cloned());
        check(&inputs, &all);
    }
}
