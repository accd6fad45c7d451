//! Store behaviour on real SQLite files: ingest, idempotency, versions,
//! filters, pagination, reviews, reextract.

mod common;

use common::*;
use serde_json::json;
use sitrep_core::{ActorKind, EventType, Measure, Modality, PlacePrecision, Role};
use sitrep_store::{
    EventFilter, InsertOutcome, NewDocument, Page, ReviewAction, ReviewField, ReviewFilter,
    ReviewStatus, Store, StoreError,
};

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db")).unwrap();
    (dir, store)
}

fn types(store: &Store, f: &EventFilter) -> Vec<String> {
    let mut v = Vec::new();
    store
        .for_each_event(f, |e| {
            v.push(e.event.event_type.to_string());
            Ok(())
        })
        .unwrap();
    v
}

#[test]
fn same_document_twice_is_stored_once() {
    let (_d, mut s) = fresh();
    let a = doc(TEXT_A, Some("https://example.org/a"), Some("2023-12-14"));
    let ev = Ev::new(EventType::Surrender, TEXT_A, "surrendered")
        .n(Measure::People, 41)
        .build();
    let out = output(&a, vec![ev]);
    assert_eq!(
        s.insert_document(&a, &out).unwrap(),
        InsertOutcome::New { events: 1 }
    );
    assert_eq!(
        s.insert_document(&a, &out).unwrap(),
        InsertOutcome::Duplicate
    );
    // Same content under another URL is still the same document.
    let mut a2 = a.clone();
    a2.url = Some("https://mirror.example.net/a".into());
    assert_eq!(
        s.insert_document(&a2, &out).unwrap(),
        InsertOutcome::Duplicate
    );
    assert_eq!(s.documents_count().unwrap(), 1);
    assert_eq!(s.stats().unwrap().events, 1);
}

#[test]
fn changed_document_at_same_url_is_a_new_version() {
    let (_d, mut s) = fresh();
    let v1 = doc(
        "Troops burned 20 houses. ",
        Some("https://example.org/x"),
        Some("2024-01-02"),
    );
    let e1 = Ev::new(EventType::Arson, &v1.text, "burned")
        .n(Measure::Houses, 20)
        .build();
    s.insert_document(&v1, &output(&v1, vec![e1])).unwrap();
    let v2 = doc(
        "Troops burned 25 houses. ",
        Some("https://example.org/x"),
        Some("2024-01-02"),
    );
    let e2 = Ev::new(EventType::Arson, &v2.text, "burned")
        .n(Measure::Houses, 25)
        .build();
    let got = s.insert_document(&v2, &output(&v2, vec![e2])).unwrap();
    assert_eq!(
        got,
        InsertOutcome::NewVersion {
            supersedes: v1.doc_id.clone(),
            events: 1
        }
    );
    let old = s.document(&v1.doc_id).unwrap().unwrap();
    let new = s.document(&v2.doc_id).unwrap().unwrap();
    assert_eq!(old.superseded_by.as_deref(), Some(v2.doc_id.as_str()));
    assert_eq!(new.supersedes.as_deref(), Some(v1.doc_id.as_str()));
    // Only the current version's events are listed by default.
    let page = s.events(&EventFilter::default(), Page::first(10)).unwrap();
    assert_eq!(page.events.len(), 1);
    assert_eq!(
        page.events[0].event.primary_quantity().unwrap().best,
        Some(25)
    );
    let all = EventFilter {
        include_superseded: true,
        ..Default::default()
    };
    assert_eq!(s.events_count(&all).unwrap(), 2);
    // Re-ingesting the old content changes nothing.
    let e1 = Ev::new(EventType::Arson, &v1.text, "burned")
        .n(Measure::Houses, 20)
        .build();
    assert_eq!(
        s.insert_document(&v1, &output(&v1, vec![e1])).unwrap(),
        InsertOutcome::Duplicate
    );
    // A third version supersedes the second.
    let v3 = doc(
        "Troops burned 26 houses. ",
        Some("https://example.org/x"),
        None,
    );
    let got = s.insert_document(&v3, &output(&v3, vec![])).unwrap();
    assert_eq!(
        got,
        InsertOutcome::NewVersion {
            supersedes: v2.doc_id.clone(),
            events: 0
        }
    );
    assert_eq!(s.events_count(&EventFilter::default()).unwrap(), 0);
}

#[test]
fn batch_is_all_or_nothing() {
    let (_d, mut s) = fresh();
    let a = doc("One clash was reported. ", None, None);
    let ok = NewDocument::new(
        a.clone(),
        output(
            &a,
            vec![Ev::new(EventType::Battle, &a.text, "clash").build()],
        ),
    );
    let b = doc("A second clash was reported. ", None, None);
    let mut bad_events = vec![Ev::new(EventType::Battle, &b.text, "clash").build()];
    // A NaN confidence violates NOT NULL in SQLite (stored as NULL): the batch must roll back.
    bad_events[0].confidence = f64::NAN;
    let bad = NewDocument::new(b.clone(), output(&b, bad_events));
    assert!(s.insert_batch(&[ok.clone(), bad]).is_err());
    assert_eq!(s.documents_count().unwrap(), 0);
    assert_eq!(s.stats().unwrap().events, 0);
    assert_eq!(s.insert_batch(&[ok]).unwrap().len(), 1);
    assert_eq!(s.documents_count().unwrap(), 1);
}

#[test]
fn event_ids_are_unique_across_documents() {
    let (_d, mut s) = fresh();
    let (a, b) = seed(&mut s);
    let page = s.events(&EventFilter::default(), Page::first(100)).unwrap();
    assert_eq!(page.events.len(), 5);
    let mut seen = std::collections::HashSet::new();
    for e in &page.events {
        assert!(seen.insert(e.id.clone()));
        assert_eq!(e.id, e.event.id);
        assert!(e.id.starts_with(&e.doc_id));
        assert_eq!(s.event(&e.id).unwrap().unwrap(), *e);
    }
    assert_eq!(s.document_events(&a.doc_id).unwrap().len(), 3);
    assert_eq!(s.document_events(&b.doc_id).unwrap().len(), 2);
    let e = &page.events[1];
    assert_eq!(e.doc_source.as_deref(), Some("https://example.org/a"));
    assert_eq!(e.outlet.as_deref(), Some("Test Wire"));
    assert!(
        e.sentence_text.starts_with("Forty-one soldiers"),
        "{}",
        e.sentence_text
    );
}

#[test]
fn every_filter_selects_what_it_says() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    let f = |x: EventFilter| types(&s, &x);
    assert_eq!(f(EventFilter::default()).len(), 5);
    assert_eq!(
        f(EventFilter {
            types: vec![EventType::Surrender, EventType::Arrest],
            ..Default::default()
        }),
        ["surrender", "arrest"]
    );
    assert_eq!(
        f(EventFilter {
            admin1: Some("sagaing region".into()),
            ..Default::default()
        }),
        ["capture", "airstrike", "arson"]
    );
    assert_eq!(
        f(EventFilter {
            admin1: Some("Shan State".into()),
            ..Default::default()
        }),
        ["surrender"]
    );
    // place: the place name or its township
    assert_eq!(
        f(EventFilter {
            place: Some("kawlin".into()),
            ..Default::default()
        }),
        ["capture"]
    );
    assert_eq!(
        f(EventFilter {
            place: Some("Kanbalu".into()),
            ..Default::default()
        }),
        ["airstrike"]
    );
    // actor: canonical, or parent force of a unit
    assert_eq!(
        f(EventFilter {
            actor: Some("mndaa".into()),
            ..Default::default()
        }),
        ["surrender"]
    );
    assert_eq!(
        f(EventFilter {
            actor: Some("Myanmar Armed Forces".into()),
            ..Default::default()
        }),
        ["surrender", "airstrike", "arson"]
    );
    // dates: overlap; undated events use the publication date
    assert_eq!(
        f(EventFilter {
            since: Some(date("2023-12-12")),
            until: Some(date("2023-12-31")),
            ..Default::default()
        }),
        ["surrender", "airstrike"]
    );
    assert_eq!(
        f(EventFilter {
            until: Some(date("2023-12-01")),
            ..Default::default()
        }),
        ["airstrike"]
    );
    assert_eq!(
        f(EventFilter {
            since: Some(date("2024-01-01")),
            ..Default::default()
        }),
        ["arson", "arrest"]
    );
    assert_eq!(
        f(EventFilter {
            min_count: Some(12),
            ..Default::default()
        }),
        ["surrender", "airstrike", "arson"]
    );
    assert_eq!(
        f(EventFilter {
            min_count: Some(31),
            ..Default::default()
        }),
        ["surrender"]
    );
    assert_eq!(
        f(EventFilter {
            aggregate: Some(true),
            ..Default::default()
        }),
        ["arson"]
    );
    assert_eq!(
        f(EventFilter {
            aggregate: Some(false),
            ..Default::default()
        })
        .len(),
        4
    );
    assert_eq!(
        f(EventFilter {
            modality: Some(Modality::Claimed),
            ..Default::default()
        }),
        ["arrest"]
    );
    let b_id = s
        .events(
            &EventFilter {
                types: vec![EventType::Arrest],
                ..Default::default()
            },
            Page::first(1),
        )
        .unwrap()
        .events[0]
        .doc_id
        .clone();
    assert_eq!(
        f(EventFilter {
            doc: Some(b_id),
            ..Default::default()
        }),
        ["arson", "arrest"]
    );
    // combined filters are ANDed
    assert_eq!(
        f(EventFilter {
            admin1: Some("Sagaing".into()),
            min_count: Some(20),
            ..Default::default()
        }),
        ["arson"]
    );
    assert!(f(EventFilter {
        place: Some("Nowhere".into()),
        ..Default::default()
    })
    .is_empty());
    // counts agree with listings
    let x = EventFilter {
        admin1: Some("Sagaing".into()),
        ..Default::default()
    };
    assert_eq!(s.events_count(&x).unwrap(), 3);
}

#[test]
fn cursor_pagination_visits_every_event_once() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    seed_more(&mut s, 20);
    let total = s.events_count(&EventFilter::default()).unwrap() as usize;
    let mut seen = Vec::new();
    let mut page = Page::first(3);
    loop {
        let p = s.events(&EventFilter::default(), page.clone()).unwrap();
        assert!(p.events.len() <= 3);
        seen.extend(p.events.iter().map(|e| e.seq));
        match p.next {
            Some(c) => {
                page = Page {
                    after: Some(c),
                    limit: 3,
                }
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
    assert!(matches!(
        s.events(
            &EventFilter::default(),
            Page {
                after: Some("zz".into()),
                limit: 3
            }
        ),
        Err(StoreError::Invalid(_))
    ));
    // filters combine with paging
    let f = EventFilter {
        types: vec![EventType::Battle],
        ..Default::default()
    };
    let p1 = s.events(&f, Page::first(5)).unwrap();
    let p2 = s
        .events(
            &f,
            Page {
                after: p1.next.clone(),
                limit: 100,
            },
        )
        .unwrap();
    assert_eq!(p1.events.len() + p2.events.len(), 20);
    assert!(p2.next.is_none());
}

fn seed_more(s: &mut Store, n: usize) {
    let batch: Vec<NewDocument> = (0..n)
        .map(|i| {
            let text = format!("Clash number {i} was reported near Hpakant. ");
            let d = doc(&text, None, Some("2024-02-01"));
            let e = Ev::new(EventType::Battle, &text, "Clash")
                .place(
                    "Hpakant",
                    "Kachin",
                    Some("Hpakant"),
                    PlacePrecision::Town,
                    Some((25.6, 96.3)),
                )
                .build();
            NewDocument::new(d.clone(), output(&d, vec![e]))
        })
        .collect();
    s.insert_batch(&batch).unwrap();
}

#[test]
fn reviews_win_in_every_read_and_are_audited() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    let surrender = s
        .events(
            &EventFilter {
                types: vec![EventType::Surrender],
                ..Default::default()
            },
            Page::first(1),
        )
        .unwrap()
        .events
        .remove(0);
    let id = surrender.id.clone();
    assert!(surrender.review.is_none());
    let e = s
        .review(
            &id,
            ReviewAction::Correct {
                field: ReviewField::Count,
                value: json!(43),
            },
            "ana",
        )
        .unwrap();
    assert_eq!(e.event.primary_quantity().unwrap().best, Some(43));
    assert_eq!(e.review.as_ref().unwrap().status, ReviewStatus::Corrected);
    // Filters see the corrected count.
    assert_eq!(
        types(
            &s,
            &EventFilter {
                min_count: Some(42),
                ..Default::default()
            }
        ),
        ["surrender"]
    );
    // Correct the place and the type.
    s.review(
        &id,
        ReviewAction::Correct {
            field: ReviewField::Place,
            value: json!({"name": "Hseni", "admin1": "Shan", "precision": "town"}),
        },
        "ana",
    )
    .unwrap();
    s.review(
        &id,
        ReviewAction::Correct {
            field: ReviewField::Type,
            value: json!("defection"),
        },
        "bo",
    )
    .unwrap();
    let e = s.event(&id).unwrap().unwrap();
    assert_eq!(e.event.event_type, EventType::Defection);
    assert_eq!(e.event.location.as_ref().unwrap().name, "Hseni");
    // The people count survives the type change (defection counts people too).
    assert_eq!(e.event.primary_quantity().unwrap().best, Some(43));
    assert_eq!(
        types(
            &s,
            &EventFilter {
                place: Some("hseni".into()),
                ..Default::default()
            }
        ),
        ["defection"]
    );
    assert!(types(
        &s,
        &EventFilter {
            types: vec![EventType::Surrender],
            ..Default::default()
        }
    )
    .is_empty());
    // Date and actors.
    s.review(
        &id,
        ReviewAction::Correct {
            field: ReviewField::Date,
            value: json!("2023-12-10"),
        },
        "bo",
    )
    .unwrap();
    s.review(&id, ReviewAction::Correct { field: ReviewField::Actors, value: json!([{"canonical": "LIB 145", "kind": "military_unit", "parent": "Myanmar Armed Forces"}, "TNLA"]) }, "bo").unwrap();
    let e = s.event(&id).unwrap().unwrap();
    assert_eq!(e.event.time.start, Some(date("2023-12-10")));
    assert_eq!(e.event.actors[0].canonical, "LIB 145");
    assert_eq!(e.event.actors[1].role, Role::Counterpart);
    assert_eq!(
        types(
            &s,
            &EventFilter {
                actor: Some("TNLA".into()),
                ..Default::default()
            }
        ),
        ["defection"]
    );
    assert!(types(
        &s,
        &EventFilter {
            actor: Some("MNDAA".into()),
            ..Default::default()
        }
    )
    .is_empty());
    // Accept keeps the corrections.
    let e = s.review(&id, ReviewAction::Accept, "chi").unwrap();
    assert_eq!(e.review.as_ref().unwrap().status, ReviewStatus::Accepted);
    assert_eq!(e.review.as_ref().unwrap().reviewer, "chi");
    assert_eq!(e.event.primary_quantity().unwrap().best, Some(43));
    // Audit log: every action, reviewer, previous value.
    let log = s.audit_log(Some(&id)).unwrap();
    let actions: Vec<_> = log.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        ["correct", "correct", "correct", "correct", "correct", "accept"]
    );
    assert_eq!(log[0].field.as_deref(), Some("count"));
    assert_eq!(
        log[0].old_value,
        Some(json!({"low": 41, "best": 41, "high": 41}))
    );
    assert_eq!(log[0].new_value, Some(json!(43)));
    assert_eq!(log[2].old_value, Some(json!("surrender")));
    assert_eq!(log[5].old_value, Some(json!("corrected")));
    assert_eq!(log[2].reviewer, "bo");
    // Review filters.
    assert_eq!(
        types(
            &s,
            &EventFilter {
                review: Some(ReviewFilter::Accepted),
                ..Default::default()
            }
        ),
        ["defection"]
    );
    assert_eq!(
        types(
            &s,
            &EventFilter {
                review: Some(ReviewFilter::Unreviewed),
                ..Default::default()
            }
        )
        .len(),
        4
    );
    let arrest = s
        .events(
            &EventFilter {
                types: vec![EventType::Arrest],
                ..Default::default()
            },
            Page::first(1),
        )
        .unwrap()
        .events
        .remove(0);
    s.review(&arrest.id, ReviewAction::Reject, "ana").unwrap();
    assert_eq!(
        types(
            &s,
            &EventFilter {
                review: Some(ReviewFilter::Rejected),
                ..Default::default()
            }
        ),
        ["arrest"]
    );
    assert_eq!(
        types(
            &s,
            &EventFilter {
                review: Some(ReviewFilter::NotRejected),
                ..Default::default()
            }
        )
        .len(),
        4
    );
    assert_eq!(
        types(
            &s,
            &EventFilter {
                review: Some(ReviewFilter::Reviewed),
                ..Default::default()
            }
        )
        .len(),
        2
    );
}

#[test]
fn bad_reviews_are_refused_and_change_nothing() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    let e = s
        .events(&EventFilter::default(), Page::first(1))
        .unwrap()
        .events
        .remove(0);
    let bad = [
        (ReviewField::Count, json!("many")),
        (ReviewField::Count, json!({"low": 10, "best": 5})),
        (ReviewField::Count, json!(-3)),
        (ReviewField::Type, json!("riot")),
        (ReviewField::Date, json!("yesterday")),
        (ReviewField::Date, json!("2024-01-05/2024-01-01")),
        (ReviewField::Actors, json!("PDF")),
        (ReviewField::Place, json!(7)),
    ];
    for (field, value) in bad {
        let r = s.review(
            &e.id,
            ReviewAction::Correct {
                field,
                value: value.clone(),
            },
            "ana",
        );
        assert!(
            matches!(r, Err(StoreError::Invalid(_))),
            "{field:?} {value} -> {r:?}"
        );
    }
    assert!(matches!(
        s.review("nope", ReviewAction::Accept, "ana"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.review(&e.id, ReviewAction::Accept, " "),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(s.event(&e.id).unwrap().unwrap(), e);
    assert!(s.audit_log(None).unwrap().is_empty());
}

#[test]
fn reviews_survive_reextract() {
    let (_d, mut s) = fresh();
    let (a, _) = seed(&mut s);
    let evs = s.document_events(&a.doc_id).unwrap();
    let (capture, surrender, airstrike) = (&evs[0], &evs[1], &evs[2]);
    s.review(
        &surrender.id,
        ReviewAction::Correct {
            field: ReviewField::Count,
            value: json!(43),
        },
        "ana",
    )
    .unwrap();
    s.review(&capture.id, ReviewAction::Reject, "ana").unwrap();
    s.review(&airstrike.id, ReviewAction::Accept, "ana")
        .unwrap();
    assert_eq!(s.stale_documents("9.9.9", false).unwrap().len(), 2);
    assert!(s
        .stale_documents(sitrep_core::EXTRACTOR_VERSION, false)
        .unwrap()
        .is_empty());
    assert_eq!(
        s.stale_documents(sitrep_core::EXTRACTOR_VERSION, true)
            .unwrap()
            .len(),
        2
    );

    // The new extractor: finds the surrender with a slightly different trigger
    // span (overlapping), reorders events, drops the capture, adds a new one.
    let text = TEXT_A;
    let mut surrender2 = Ev::new(EventType::Surrender, text, "surrendered to")
        .n(Measure::People, 41)
        .build();
    surrender2.id = "x7".into();
    let airstrike2 = Ev::new(EventType::Airstrike, text, "drone strike")
        .count(Measure::Killed, Some(12), Some(12), Some(12))
        .build();
    let extra = Ev::new(EventType::Casualties, text, "killed 12").build();
    let out = output(&a, vec![extra, surrender2, airstrike2]);
    let sum = s.replace_events(&a.doc_id, &out, "9.9.9").unwrap();
    assert_eq!((sum.events, sum.reattached, sum.orphaned), (3, 2, 1));
    assert!(s.stale_documents("9.9.9", false).unwrap().len() == 1);
    let evs = s.document_events(&a.doc_id).unwrap();
    let sur = evs
        .iter()
        .find(|e| e.event.event_type == EventType::Surrender)
        .unwrap();
    assert_eq!(
        sur.event.primary_quantity().unwrap().best,
        Some(43),
        "correction re-applied"
    );
    assert_eq!(sur.review.as_ref().unwrap().status, ReviewStatus::Corrected);
    let air = evs
        .iter()
        .find(|e| e.event.event_type == EventType::Airstrike)
        .unwrap();
    assert_eq!(air.review.as_ref().unwrap().status, ReviewStatus::Accepted);
    let cas = evs
        .iter()
        .find(|e| e.event.event_type == EventType::Casualties)
        .unwrap();
    assert!(
        cas.review.is_none(),
        "the airstrike's review must not jump to the overlapping casualties event"
    );
    assert_eq!(
        s.orphaned_reviews().unwrap(),
        vec![(capture.id.clone(), ReviewStatus::Rejected)]
    );
    assert_eq!(
        types(
            &s,
            &EventFilter {
                min_count: Some(43),
                ..Default::default()
            }
        ),
        ["surrender"]
    );
    let log = s.audit_log(None).unwrap();
    assert!(log.iter().any(|l| l.action == "reattach"));
    assert!(log
        .iter()
        .any(|l| l.action == "orphan" && l.event_id == capture.id));
    // A later extraction that finds the capture again re-attaches the orphan.
    let cap = Ev::new(EventType::Capture, text, "captured").build();
    let out = output(&a, vec![cap]);
    let sum = s.replace_events(&a.doc_id, &out, "9.9.10").unwrap();
    assert_eq!((sum.reattached, sum.orphaned), (1, 2));
    let evs = s.document_events(&a.doc_id).unwrap();
    assert_eq!(
        evs[0].review.as_ref().unwrap().status,
        ReviewStatus::Rejected
    );
}

#[test]
fn reattach_by_count_and_place_when_spans_moved() {
    let (_d, mut s) = fresh();
    let text = "Intro line here. Troops burned 30 houses in Pale. Another line.";
    let d = doc(text, None, None);
    let e = Ev::new(EventType::Arson, text, "burned")
        .n(Measure::Houses, 30)
        .place("Pale", "Sagaing", None, PlacePrecision::Town, None)
        .build();
    s.insert_document(&d, &output(&d, vec![e])).unwrap();
    let id = s.document_events(&d.doc_id).unwrap()[0].id.clone();
    s.review(&id, ReviewAction::Accept, "ana").unwrap();
    let mut moved = Ev::new(EventType::Arson, text, "Another line")
        .n(Measure::Houses, 30)
        .place("Pale", "Sagaing", None, PlacePrecision::Town, None)
        .build();
    moved.sentence = sitrep_core::Span(50, 63);
    let other = Ev::new(EventType::Arson, text, "Intro")
        .n(Measure::Houses, 31)
        .place("Pale", "Sagaing", None, PlacePrecision::Town, None)
        .build();
    let sum = s
        .replace_events(&d.doc_id, &output(&d, vec![other, moved]), "2")
        .unwrap();
    assert_eq!(sum.reattached, 1);
    let evs = s.document_events(&d.doc_id).unwrap();
    assert!(evs[0].review.is_none());
    assert_eq!(
        evs[1].review.as_ref().unwrap().status,
        ReviewStatus::Accepted
    );
}

#[test]
fn read_only_store_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.db");
    {
        let mut s = Store::open(&p).unwrap();
        seed(&mut s);
    }
    let mut r = Store::open_read_only(&p).unwrap();
    assert_eq!(r.documents_count().unwrap(), 2);
    let d = doc("Something else happened. ", None, None);
    assert!(matches!(
        r.insert_document(&d, &output(&d, vec![])),
        Err(StoreError::ReadOnly { .. })
    ));
    let id = r
        .events(&EventFilter::default(), Page::first(1))
        .unwrap()
        .events[0]
        .id
        .clone();
    assert!(matches!(
        r.review(&id, ReviewAction::Accept, "a"),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        Store::open_read_only(dir.path().join("missing.db")),
        Err(StoreError::Open { .. })
    ));
}

#[test]
fn an_older_database_is_migrated_and_backfilled() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.db");
    {
        let mut s = Store::open(&p).unwrap();
        seed(&mut s);
        // Turn it back into a version-1 database (before actor_keys,
        // event_bodies and place_keys).
        s.connection()
            .execute_batch(
                "DROP TABLE place_keys;
                 DELETE FROM schema_migrations WHERE version = 4;
                 UPDATE events SET event_json = (SELECT event_json FROM event_bodies b WHERE b.seq = events.seq),
                     sentence_text = (SELECT sentence_text FROM event_bodies b WHERE b.seq = events.seq);
                 DROP TABLE event_bodies;
                 DELETE FROM schema_migrations WHERE version = 3;
                 DROP TABLE actor_keys;
                 DROP INDEX events_place_seq; DROP INDEX events_township_seq;
                 CREATE INDEX events_place ON events(place_name COLLATE NOCASE);
                 CREATE INDEX events_township ON events(township COLLATE NOCASE);
                 DELETE FROM schema_migrations WHERE version = 2;",
            )
            .unwrap();
    }
    // Read-only refuses to use it unmigrated.
    assert!(matches!(
        Store::open_read_only(&p),
        Err(StoreError::OlderSchema { .. })
    ));
    let s = Store::open(&p).unwrap();
    assert_eq!(
        types(
            &s,
            &EventFilter {
                actor: Some("mndaa".into()),
                ..Default::default()
            }
        ),
        ["surrender"]
    );
    assert_eq!(
        types(
            &s,
            &EventFilter {
                actor: Some("Myanmar Armed Forces".into()),
                ..Default::default()
            }
        ),
        ["surrender", "airstrike", "arson"]
    );
    assert_eq!(types(&s, &place("kanbalu")), ["airstrike"]);
    assert_eq!(types(&s, &place("Yinmabin Township")), ["arson"]);
    assert_eq!(
        types(
            &s,
            &EventFilter {
                place: Some("Lashio".into()),
                actor: Some("mndaa".into()),
                ..Default::default()
            }
        ),
        ["surrender"]
    );
}

fn ids(store: &Store, f: &EventFilter) -> Vec<String> {
    let mut v = Vec::new();
    store
        .for_each_event(f, |e| {
            v.push(e.id);
            Ok(())
        })
        .unwrap();
    v
}

/// Every page of `f` with pages of `limit`, following the cursor.
fn paged(store: &Store, f: &EventFilter, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut page = Page::first(limit);
    for _ in 0..1000 {
        let p = store.events(f, page.clone()).unwrap();
        assert!(p.events.len() <= limit);
        out.extend(p.events.into_iter().map(|e| e.id));
        match p.next {
            Some(c) => {
                page = Page {
                    after: Some(c),
                    limit,
                }
            }
            None => return out,
        }
    }
    panic!("pagination does not end");
}

/// `n` one-event documents: place Hpakant (township Hpakant), Namti (township
/// Myitkyina) or Tamu (no township) in turn, the agent KIA or the army
/// every other document, the type battle or airstrike every third.
fn seed_places(s: &mut Store, n: usize) {
    let batch: Vec<NewDocument> = (0..n)
        .map(|i| {
            let (place, township) = [
                ("Hpakant", Some("Hpakant")),
                ("Namti", Some("Myitkyina")),
                ("Tamu", None),
            ][i % 3];
            let text = format!("Fighting number {i} was reported near {place}. ");
            let d = doc(&text, None, Some("2024-03-01"));
            let t = if i % 3 == 1 {
                EventType::Airstrike
            } else {
                EventType::Battle
            };
            let (actor, kind) = if i % 2 == 0 {
                ("KIA", ActorKind::ArmedGroup)
            } else {
                ("Myanmar Armed Forces", ActorKind::StateForce)
            };
            let e = Ev::new(t, &text, "Fighting")
                .place(place, "Kachin", township, PlacePrecision::Town, None)
                .actor(Role::Agent, actor, kind, None)
                .build();
            NewDocument::new(d.clone(), output(&d, vec![e]))
        })
        .collect();
    s.insert_batch(&batch).unwrap();
}

/// What the place (and actor) filter must select, computed from the events.
fn expected(s: &Store, place: &str, actor: Option<&str>) -> Vec<String> {
    let p = place.trim().to_lowercase();
    let mut v = Vec::new();
    s.for_each_event(&EventFilter::default(), |e| {
        let loc = e.event.location.as_ref();
        let place_ok = loc.is_some_and(|l| {
            l.name.to_lowercase() == p || l.township.as_ref().is_some_and(|t| t.to_lowercase() == p)
        });
        let actor_ok = match actor {
            None => true,
            Some(a) => e.event.actors.iter().any(|x| {
                x.canonical.eq_ignore_ascii_case(a)
                    || x.name.eq_ignore_ascii_case(a)
                    || x.parent.as_ref().is_some_and(|p| p.eq_ignore_ascii_case(a))
            }),
        };
        if place_ok && actor_ok {
            v.push(e.id);
        }
        Ok(())
    })
    .unwrap();
    v
}

fn place(p: &str) -> EventFilter {
    EventFilter {
        place: Some(p.into()),
        ..Default::default()
    }
}

#[test]
fn place_filter_matches_name_or_township_in_any_case() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    let f = |x: EventFilter| types(&s, &x);
    // Name and township the same.
    assert_eq!(f(place("Kawlin")), ["capture"]);
    // The township only ("Kanbalu Township" is the name).
    assert_eq!(f(place("Kanbalu")), ["airstrike"]);
    // The name only.
    assert_eq!(f(place("Kanbalu Township")), ["airstrike"]);
    // No township at all.
    assert_eq!(f(place("Yangon")), ["arrest"]);
    // Any case, surrounding spaces ignored; exact otherwise.
    assert_eq!(f(place("YINMABIN")), ["arson"]);
    assert_eq!(f(place("yinmabin township")), ["arson"]);
    assert_eq!(f(place("  lAsHiO ")), ["surrender"]);
    assert!(f(place("Yinmabin Town")).is_empty());
    assert!(f(place("Lashi")).is_empty());
    // An empty place is no filter.
    assert_eq!(f(place("  ")).len(), 5);
    // Counts and pages agree with the listing.
    for p in ["Kanbalu", "kawlin", "Yangon", "nowhere"] {
        let n = types(&s, &place(p)).len() as u64;
        assert_eq!(s.events_count(&place(p)).unwrap(), n, "{p}");
        assert_eq!(paged(&s, &place(p), 1).len() as u64, n, "{p}");
    }
}

#[test]
fn place_filter_with_actor_and_other_filters() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    seed_places(&mut s, 30);
    let both = |p: &str, a: &str| EventFilter {
        place: Some(p.into()),
        actor: Some(a.into()),
        ..Default::default()
    };
    // The seed's events.
    assert_eq!(
        types(&s, &both("kanbalu", "myanmar armed forces")),
        ["airstrike"]
    );
    assert_eq!(types(&s, &both("Lashio", "MNDAA")), ["surrender"]);
    // The actor by its parent force.
    assert_eq!(
        types(&s, &both("Lashio", "Myanmar Armed Forces")),
        ["surrender"]
    );
    assert!(types(&s, &both("Kawlin", "Myanmar Armed Forces")).is_empty());
    assert!(types(&s, &both("Kawlin", "nobody")).is_empty());
    // The generated ones, against what the events say.
    for (p, a) in [
        ("hpakant", "kia"),
        ("Myitkyina", "Myanmar Armed Forces"),
        ("namti", "KIA"),
        ("TAMU", "myanmar armed forces"),
    ] {
        let want = expected(&s, p, Some(a));
        assert_eq!(want.len(), 5, "{p} {a}");
        assert_eq!(ids(&s, &both(p, a)), want, "{p} {a}");
        assert_eq!(s.events_count(&both(p, a)).unwrap(), 5);
    }
    // With the other filters, all ANDed.
    let f = EventFilter {
        place: Some("namti".into()),
        types: vec![EventType::Airstrike],
        ..Default::default()
    };
    assert_eq!(s.events_count(&f).unwrap(), 10);
    let f = EventFilter {
        place: Some("namti".into()),
        types: vec![EventType::Battle],
        ..Default::default()
    };
    assert_eq!(s.events_count(&f).unwrap(), 0);
    let f = EventFilter {
        place: Some("Sagaing".into()),
        ..Default::default()
    };
    assert!(types(&s, &f).is_empty(), "admin1 is not a place");
    let f = EventFilter {
        place: Some("yinmabin".into()),
        admin1: Some("Sagaing Region".into()),
        min_count: Some(30),
        since: Some(date("2024-01-01")),
        aggregate: Some(true),
        actor: Some("Myanmar Armed Forces".into()),
        ..Default::default()
    };
    assert_eq!(types(&s, &f), ["arson"]);
    let f = EventFilter {
        min_count: Some(31),
        ..f
    };
    assert!(types(&s, &f).is_empty());
}

#[test]
fn place_filter_pages_in_event_order() {
    let (_d, mut s) = fresh();
    seed(&mut s);
    seed_places(&mut s, 50);
    for (p, a) in [
        ("Hpakant", None),
        ("myitkyina", None),
        ("Namti", Some("KIA")),
        ("tamu", Some("Myanmar Armed Forces")),
        ("Kawlin", None),
    ] {
        let want = expected(&s, p, a);
        let f = EventFilter {
            place: Some(p.into()),
            actor: a.map(str::to_string),
            ..Default::default()
        };
        assert!(!want.is_empty());
        for limit in [1, 3, 7, 100] {
            assert_eq!(paged(&s, &f, limit), want, "{p} {a:?} limit {limit}");
        }
        let first = s.events(&f, Page::first(4)).unwrap();
        let seqs: Vec<i64> = first.events.iter().map(|e| e.seq).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
        assert_eq!(first.next.is_some(), want.len() > 4);
        assert_eq!(s.events_count(&f).unwrap(), want.len() as u64);
    }
    // A cursor from another listing still works: events after it.
    let all = s.events(&EventFilter::default(), Page::first(20)).unwrap();
    let after = all.events[9].seq;
    let rest = s
        .events(
            &place("Hpakant"),
            Page {
                after: Some(after.to_string()),
                limit: 1000,
            },
        )
        .unwrap();
    assert!(rest.events.iter().all(|e| e.seq > after));
    assert_eq!(
        rest.events.len(),
        expected(&s, "Hpakant", None)
            .iter()
            .filter(|id| s.event(id).unwrap().unwrap().seq > after)
            .count()
    );
}

#[test]
fn place_filter_follows_reviews_reextract_and_versions() {
    let (_d, mut s) = fresh();
    let (a, _) = seed(&mut s);
    let capture = s.document_events(&a.doc_id).unwrap().remove(0);
    // A place correction moves the event from one place to the other.
    s.review(
        &capture.id,
        ReviewAction::Correct {
            field: ReviewField::Place,
            value: json!({"name": "Mawlu", "township": "Indaw", "admin1": "Sagaing", "precision": "town"}),
        },
        "ana",
    )
    .unwrap();
    assert!(types(&s, &place("Kawlin")).is_empty());
    assert_eq!(types(&s, &place("mawlu")), ["capture"]);
    assert_eq!(types(&s, &place("INDAW")), ["capture"]);
    // Removing the place removes it from every place.
    s.review(
        &capture.id,
        ReviewAction::Correct {
            field: ReviewField::Place,
            value: json!(null),
        },
        "ana",
    )
    .unwrap();
    assert!(types(&s, &place("mawlu")).is_empty());
    assert!(types(&s, &place("indaw")).is_empty());
    let keys = |s: &Store| -> i64 {
        s.connection()
            .query_row("SELECT count(*) FROM place_keys", [], |r| r.get(0))
            .unwrap()
    };
    // Kanbalu Township/Kanbalu, Lashio, Yinmabin Township/Yinmabin, Yangon.
    assert_eq!(keys(&s), 6);
    // Reextract replaces the document's keys.
    let moved = Ev::new(EventType::Surrender, TEXT_A, "surrendered")
        .place("Lashio", "Shan", Some("Lashio"), PlacePrecision::Town, None)
        .build();
    let new = Ev::new(EventType::Battle, TEXT_A, "captured")
        .place(
            "Kawlin",
            "Sagaing",
            Some("Kawlin"),
            PlacePrecision::Town,
            None,
        )
        .build();
    s.replace_events(&a.doc_id, &output(&a, vec![moved, new]), "2")
        .unwrap();
    assert!(types(&s, &place("Kanbalu")).is_empty());
    assert_eq!(types(&s, &place("kawlin")), ["battle"]);
    assert_eq!(types(&s, &place("lashio")), ["surrender"]);
    // Lashio, Kawlin, Yinmabin Township/Yinmabin, Yangon.
    assert_eq!(keys(&s), 5);
    // A new version of the document hides the old one's events.
    let a2 = doc(
        "Resistance fighters captured Kawlin again. ",
        Some("https://example.org/a"),
        Some("2024-05-01"),
    );
    let again = Ev::new(EventType::Capture, &a2.text, "captured")
        .place(
            "Kawlin",
            "Sagaing",
            Some("Kawlin"),
            PlacePrecision::Town,
            None,
        )
        .build();
    let out = output(&a2, vec![again]);
    assert!(matches!(
        s.insert_document(&a2, &out).unwrap(),
        InsertOutcome::NewVersion { .. }
    ));
    assert_eq!(types(&s, &place("kawlin")), ["capture"]);
    assert!(types(&s, &place("lashio")).is_empty());
    let with_old = EventFilter {
        include_superseded: true,
        ..place("kawlin")
    };
    assert_eq!(types(&s, &with_old), ["battle", "capture"]);
    assert_eq!(s.events_count(&with_old).unwrap(), 2);
}

#[test]
fn a_version_3_database_gets_its_place_keys() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v3.db");
    {
        let mut s = Store::open(&p).unwrap();
        seed(&mut s);
        seed_places(&mut s, 12);
        s.connection()
            .execute_batch(
                "DROP TABLE place_keys;
                 DELETE FROM schema_migrations WHERE version = 4;",
            )
            .unwrap();
    }
    assert!(matches!(
        Store::open_read_only(&p),
        Err(StoreError::OlderSchema { .. })
    ));
    let s = Store::open(&p).unwrap();
    assert!(s.schema_version().unwrap() >= 4);
    // One key per distinct (case-insensitive) name or township of an event.
    let n: i64 = s
        .connection()
        .query_row("SELECT count(*) FROM place_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 7 + 4 + 8 + 4);
    assert_eq!(types(&s, &place("kanbalu")), ["airstrike"]);
    assert_eq!(types(&s, &place("Kanbalu Township")), ["airstrike"]);
    for (pl, a) in [
        ("Hpakant", None),
        ("myitkyina", Some("KIA")),
        ("tamu", None),
    ] {
        let f = EventFilter {
            place: Some(pl.into()),
            actor: a.map(str::to_string),
            ..Default::default()
        };
        assert_eq!(paged(&s, &f, 3), expected(&s, pl, a), "{pl}");
    }
}
