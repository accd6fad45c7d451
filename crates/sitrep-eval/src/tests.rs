//! Scorer tests on hand-made gold/prediction pairs. The expected outputs in
//! `testdata/expected.*` are what `score.py` prints for the same files.

use serde_json::json;

use super::*;

fn testdata() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn fixture() -> Report {
    let golds = load_gold_dir(&testdata().join("gold")).unwrap();
    let preds = parse_jsonl(include_str!("../testdata/pred.jsonl")).unwrap();
    score(&golds, &preds)
}

#[test]
fn fixture_counts_and_rates() {
    let r = fixture();
    assert_eq!((r.docs, r.docs_with_output), (3, 2));
    assert_eq!((r.tp, r.fp, r.fn_, r.full_tp), (5, 2, 2, 3));
    assert_eq!((r.precision, r.recall, r.f1), (0.714, 0.714, 0.714));
    assert_eq!(r.full_match_f1, 0.429);
    assert_eq!(r.field_accuracy["count_bounds"], 0.667);
    assert_eq!(r.field_accuracy["actors"], 0.5);
    assert_eq!(r.per_doc[0].0, "alpha");
    assert_eq!(r.per_doc[0].1.extras, vec![json!("protest")]);
}

#[test]
fn fixture_text_is_what_score_py_prints() {
    assert_eq!(
        fixture().to_text(true),
        include_str!("../testdata/expected.txt")
    );
}

#[test]
fn fixture_json_is_what_score_py_prints() {
    assert_eq!(
        fixture().to_json(true),
        include_str!("../testdata/expected.json").trim_end()
    );
}

#[test]
fn type_must_be_accepted_by_gold() {
    let g = vec![
        json!({"type": ["airstrike", "shelling"], "count": null, "admin1": null,
        "place": null, "date": null, "actors": []}),
    ];
    let p = json!({"type": "battle"});
    let r = score_doc(&[&p], &g);
    assert_eq!((r.tp, r.fp, r.fn_), (0, 1, 1));
    let p = json!({"type": "shelling"});
    let r = score_doc(&[&p], &g);
    assert_eq!((r.tp, r.fp, r.fn_, r.full_tp), (1, 0, 0, 1));
}

#[test]
fn optional_gold_absorbs_a_prediction_without_counting() {
    let g = vec![
        json!({"type": ["battle"], "count": null, "admin1": null, "place": null,
        "date": null, "actors": [], "optional": true}),
    ];
    let p = json!({"type": "battle"});
    let r = score_doc(&[&p], &g);
    assert_eq!((r.tp, r.fp, r.fn_), (0, 0, 0));
    let r = score_doc(&[], &g);
    assert_eq!(
        (r.tp, r.fp, r.fn_),
        (0, 0, 0),
        "a missed optional is no miss"
    );
}

#[test]
fn assignment_maximises_the_pair_score() {
    // Two golds of the same type; the first prediction fits the second gold better.
    let g = vec![
        json!({"type": ["surrender"], "count": {"low": 10, "best": 10, "high": 10}, "admin1": "Mon",
               "place": null, "date": null, "actors": []}),
        json!({"type": ["surrender"], "count": {"low": 32, "best": 32, "high": 32}, "admin1": "Kayah",
               "place": null, "date": null, "actors": []}),
    ];
    let p1 = json!({"type": "surrender", "quantities": [{"measure": "people", "low": 32, "best": 32, "high": 32}],
                    "location": {"name": "Loikaw", "admin1": "Kayah"}});
    let p2 = json!({"type": "surrender", "location": {"name": "Mon State", "admin1": "Mon"}});
    let r = score_doc(&[&p1, &p2], &g);
    assert_eq!((r.tp, r.full_tp), (2, 1));
    assert_eq!(r.fields["count_best"], (1.0, 2));
    assert_eq!(r.fields["admin1"], (2.0, 2));
}

#[test]
fn count_fields_use_the_primary_measure() {
    let g = [
        json!({"type": ["airstrike"], "count": {"low": 5, "best": 5, "high": 5},
        "admin1": null, "place": null, "date": null, "actors": []}),
    ];
    // A people count of 5 is not the killed count.
    let p = json!({"type": "airstrike", "quantities": [
        {"measure": "people", "low": 5, "best": 5, "high": 5},
        {"measure": "killed", "low": 4, "best": 5, "high": 6}]});
    let f = pair_feats(&p, &g[0]);
    assert_eq!(f.count_best, Some(true));
    assert_eq!(f.count_bounds, Some(false));
    assert_eq!(pair_score(&f), 2.0);
    // null best in gold agrees with null best in prediction (as in Python).
    let g = json!({"type": ["surrender"], "count": {"low": 200, "best": null, "high": 999}});
    let p = json!({"type": "surrender", "quantities": [{"measure": "people", "low": 200, "best": null, "high": 999}]});
    let f = pair_feats(&p, &g);
    assert_eq!((f.count_best, f.count_bounds), (Some(true), Some(true)));
}

#[test]
fn dates_may_be_lists_and_actors_partial() {
    let g = json!({"type": ["capture"], "date": ["2024-01-05", "2024-01-06"],
        "actors": ["MNDAA", "LID 55", "Myanmar Armed Forces"]});
    let p = json!({"type": "capture", "time": {"start": "2024-01-06"},
        "actors": [{"name": "Light Infantry Division 55", "canonical": "Myanmar Armed Forces"}]});
    let f = pair_feats(&p, &g);
    assert_eq!(f.date, Some(true));
    assert!((f.actors.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(f.count_best, None);
    assert_eq!(f.place, None);
}

#[test]
fn full_match_f1_counts_partial_matches_as_errors() {
    let golds = vec![(
        "d".to_string(),
        json!({"events": [
            {"type": ["arrest"], "count": {"low": 4, "best": 4, "high": 4}, "admin1": null, "place": null, "date": null, "actors": []},
            {"type": ["arrest"], "count": {"low": 9, "best": 9, "high": 9}, "admin1": null, "place": null, "date": null, "actors": []}
        ]}),
    )];
    let preds = vec![json!({"path": "/x/d.txt", "events": [
        {"type": "arrest", "quantities": [{"measure": "people", "low": 4, "best": 4, "high": 4}]},
        {"type": "arrest", "quantities": [{"measure": "people", "low": 8, "best": 8, "high": 8}]}
    ]})];
    let r = score(&golds, &preds);
    assert_eq!((r.tp, r.fp, r.fn_, r.full_tp), (2, 0, 0, 1));
    assert_eq!(r.f1, 1.0);
    // full: tp 1, fp 0+1, fn 0+1 -> P = R = F = 0.5
    assert_eq!(r.full_match_f1, 0.5);
    assert_eq!(r.field_accuracy["count_best"], 0.5);
}

#[test]
fn doc_keys_like_python_splitext() {
    assert_eq!(doc_key(&json!({"path": "/a/b/synth-01.txt"})), "synth-01");
    assert_eq!(doc_key(&json!({"path": "x.tar.gz"})), "x.tar");
    assert_eq!(doc_key(&json!({"path": ".hidden"})), ".hidden");
    assert_eq!(doc_key(&json!({"path": null, "doc_id": "abc"})), "abc");
    assert_eq!(doc_key(&json!({"path": "", "doc_id": "abc.json"})), "abc");
}

#[test]
fn rounding_like_python() {
    assert_eq!(round3(0.0625), 0.062);
    assert_eq!(round3(0.1875), 0.188);
    assert_eq!(round3(2.0 / 3.0), 0.667);
    assert_eq!(py_float(1.0), "1.0");
    assert_eq!(py_float(0.5), "0.5");
    assert_eq!(format!("{:.2}", 0.125), "0.12");
}

#[test]
fn python_reprs() {
    assert_eq!(
        py_str(&json!(["Insein Prison", "Insein"])),
        "['Insein Prison', 'Insein']"
    );
    assert_eq!(py_str(&json!(null)), "None");
    assert_eq!(py_repr(&json!("Ta'ang")), "\"Ta'ang\"");
    assert_eq!(py_repr(&json!(null)), "None");
}
