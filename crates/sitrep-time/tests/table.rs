//! Table-driven tests: `tests/cases.txt` holds news-style sentences written
//! for sitrep, with the time each must yield.

use chrono::NaiveDate;
use sitrep_core::{TimeMention, TimeRole};

const CASES: &str = include_str!("cases.txt");

fn date(s: &str) -> Option<NaiveDate> {
    if s == "-" {
        None
    } else {
        Some(
            s.parse()
                .unwrap_or_else(|e| panic!("bad date {s:?} in cases.txt: {e}")),
        )
    }
}

fn role(s: &str) -> TimeRole {
    match s {
        "at" => TimeRole::At,
        "since" => TimeRole::Since,
        "deadline" => TimeRole::Deadline,
        "future" => TimeRole::Future,
        _ => panic!("bad role {s:?} in cases.txt"),
    }
}

fn describe(ms: &[TimeMention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "[{:?} {:?} {:?}..{:?} {:?} {:?}]",
                m.text,
                m.role,
                m.start,
                m.end,
                m.precision.map(|p| p.as_str()),
                m.text_norm
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn table_of_news_sentences() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in CASES.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let f: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert!(
            f.len() == 3 || f.len() == 8,
            "cases.txt line {}: {} fields",
            i + 1,
            f.len()
        );
        let published = date(f[0]);
        let found = sitrep_time::find(f[1], published);
        for m in &found {
            assert_eq!(&f[1][m.span.0..m.span.1], m.text, "span and text agree");
        }
        if f[2] == "-" {
            if !found.is_empty() {
                failures.push(format!(
                    "line {}: expected no time in {:?}, got {}",
                    i + 1,
                    f[1],
                    describe(&found)
                ));
            }
            continue;
        }
        let Some(m) = found.iter().find(|m| m.text == f[2]) else {
            failures.push(format!(
                "line {}: {:?} not found in {:?}; got {}",
                i + 1,
                f[2],
                f[1],
                describe(&found)
            ));
            continue;
        };
        let want_precision = if f[6] == "-" { None } else { Some(f[6]) };
        let want_norm = if f[7] == "-" {
            None
        } else {
            Some(f[7].to_string())
        };
        let ok = m.role == role(f[3])
            && m.start == date(f[4])
            && m.end == date(f[5])
            && m.precision.map(|p| p.as_str()) == want_precision
            && (f[7].is_empty() || m.text_norm == want_norm);
        if !ok {
            failures.push(format!(
                "line {}: {:?} in {:?}: want {} {}..{} {} {}; got {}",
                i + 1,
                f[2],
                f[1],
                f[3],
                f[4],
                f[5],
                f[6],
                f[7],
                describe(std::slice::from_ref(m))
            ));
        }
    }
    assert!(n >= 80, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
