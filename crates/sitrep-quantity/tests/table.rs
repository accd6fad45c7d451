//! Table-driven tests: `tests/sentences.tsv` lists news-style sentences and
//! every quantity `find` must return for each (see the header of that file;
//! `\n` in a sentence stands for a line break).

use sitrep_quantity::find;

fn fmt_opt(v: Option<i64>) -> String {
    v.map_or("-".into(), |v| v.to_string())
}

/// One mention in the notation of the table.
fn render(m: &sitrep_core::QuantityMention) -> String {
    format!(
        "{} => {}/{}/{}/{}/{}/{}{}",
        m.text,
        m.measure.map_or("none", |m| m.as_str()),
        m.who.as_deref().unwrap_or("-"),
        fmt_opt(m.low),
        fmt_opt(m.best),
        fmt_opt(m.high),
        m.qualifier.as_str(),
        if m.killed_or_injured { "/koi" } else { "" }
    )
}

#[test]
fn sentences_table() {
    let data = include_str!("sentences.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (lineno, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (sentence, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("sentences.tsv:{}: no tab", lineno + 1));
        // `\n` in the table stands for a line break (titles, paragraphs).
        let sentence = &sentence.replace("\\n", "\n");
        cases += 1;
        let expected: Vec<String> = if expected.trim() == "-" {
            Vec::new()
        } else {
            expected
                .split(" ; ")
                .map(|s| s.trim().to_string())
                .collect()
        };
        let found = find(sentence);
        for m in &found {
            assert_eq!(
                m.span.slice(sentence),
                m.text,
                "text is the span: {sentence}"
            );
            assert!(
                m.span.contains(m.number_span),
                "number inside span: {sentence}"
            );
        }
        let got: Vec<String> = found.iter().map(render).collect();
        if got != expected {
            failures.push(format!(
                "line {}: {sentence}\n   expected: {expected:?}\n   got:      {got:?}",
                lineno + 1
            ));
        }
    }
    assert!(cases >= 120, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} sentences differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
