//! JSON Lines (and JSON) documents: one object per line with a `text` or `html`
//! field and optional `url`, `title`, `published`, `outlet`, `path`.
//!
//! A `.json` file may also hold one object or an array of objects. A line that is
//! not valid JSON, or has neither `text` nor `html`, is an error naming the file and
//! the line number; the other lines are still read.

use serde_json::{Map, Value};
use sitrep_core::Document;

use crate::{
    date::parse_date, decode::decode, html::extract_html, text::headline, Input, Limits, ReadError,
};

/// Read the documents of a JSON Lines / JSON file named `name`.
pub fn read_json(name: &str, bytes: &[u8], limits: &Limits) -> Vec<Result<Input, ReadError>> {
    let decoded = match decode(name, bytes) {
        Ok(d) => d,
        Err(e) => return vec![Err(e)],
    };
    let text = decoded.text.as_str();
    let mut file_warnings = decoded.warnings;
    let mut out = Vec::new();
    // A whole-file JSON array, or one object spread over several lines.
    let trimmed = text.trim_start();
    let multi_line = text.trim().lines().nth(1).is_some();
    if trimmed.starts_with('[') || (trimmed.starts_with('{') && multi_line) {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => {
                if items.is_empty() {
                    return vec![Err(ReadError::new(name, "empty document (an empty array)"))];
                }
                for (i, v) in items.into_iter().enumerate() {
                    let r = from_value(name, &format!("item {}", i + 1), i + 1, v, limits);
                    out.push(attach(r, &mut file_warnings));
                }
                return out;
            }
            Ok(v @ Value::Object(_)) => {
                return vec![attach(
                    from_value(name, "object", 1, v, limits),
                    &mut file_warnings,
                )];
            }
            _ => {} // not one JSON value: read it line by line
        }
    }
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let where_ = format!("line {n}");
        if line.len() as u64 > limits.max_doc_bytes {
            out.push(Err(ReadError::new(
                name,
                format!(
                    "{where_}: {}",
                    crate::too_large(line.len() as u64, limits.max_doc_bytes)
                ),
            )));
            continue;
        }
        let r = match serde_json::from_str::<Value>(line) {
            Ok(v) => from_value(name, &where_, n, v, limits),
            Err(e) => Err(ReadError::new(
                name,
                format!("{where_}: invalid JSON ({e})"),
            )),
        };
        out.push(attach(r, &mut file_warnings));
    }
    if out.is_empty() {
        out.push(Err(ReadError::new(name, "empty document")));
    }
    out
}

/// File-level warnings go with the first document read.
fn attach(r: Result<Input, ReadError>, warnings: &mut Vec<String>) -> Result<Input, ReadError> {
    r.map(|mut i| {
        if !warnings.is_empty() {
            let mut w = std::mem::take(warnings);
            w.append(&mut i.warnings);
            i.warnings = w;
        }
        i
    })
}

fn string_field(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key)
        .and_then(|v| v.as_str())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// One document from a JSON object found at `where_` (`line 3`, `item 2`).
fn from_value(
    name: &str,
    where_: &str,
    n: usize,
    v: Value,
    limits: &Limits,
) -> Result<Input, ReadError> {
    let err = |m: String| ReadError::new(name, format!("{where_}: {m}"));
    let Value::Object(m) = v else {
        return Err(err("not a JSON object".into()));
    };
    let mut warnings = Vec::new();
    let mut title = string_field(&m, "title");
    let mut published = None;
    if let Some(p) = m.get("published").filter(|p| !p.is_null()) {
        match p.as_str().and_then(parse_date) {
            Some(d) => published = Some(d),
            None => warnings.push(format!(
                "{name}: {where_}: `published` is not a date ({p}); ignored"
            )),
        }
    }
    let mut url = string_field(&m, "url");
    let mut outlet = string_field(&m, "outlet");
    let text = match (m.get("text"), m.get("html")) {
        (Some(Value::String(t)), _) if !t.trim().is_empty() => {
            if title.is_none() {
                title = headline(t, false);
            }
            t.clone()
        }
        (_, Some(Value::String(h))) if !h.trim().is_empty() => {
            if h.len() as u64 > limits.max_doc_bytes {
                return Err(err(crate::too_large(h.len() as u64, limits.max_doc_bytes)));
            }
            let a = extract_html(h).map_err(err)?;
            title = title.or(a.title);
            published = published.or(a.published);
            url = url.or(a.url);
            outlet = outlet.or(a.outlet);
            a.text
        }
        (Some(Value::String(_)), _) | (_, Some(Value::String(_))) => {
            return Err(err("empty document".into()))
        }
        (Some(_), _) | (_, Some(_)) => return Err(err("`text`/`html` is not a string".into())),
        (None, None) => return Err(err("no `text` or `html` field".into())),
    };
    let path = string_field(&m, "path")
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("{name}:{n}"));
    let mut doc = Document::new(text)
        .with_path(path)
        .with_title(title)
        .with_published(published);
    doc.url = url;
    doc.outlet = outlet;
    Ok(Input { doc, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn read(s: &str) -> Vec<Result<Input, ReadError>> {
        read_json("in.jsonl", s.as_bytes(), &Limits::default())
    }

    #[test]
    fn lines_with_text_and_metadata() {
        let r = read(concat!(
            r#"{"text":"Fifty residents fled Myebon on Monday.","url":"https://x.example/1","title":"Residents flee","published":"2024-02-06","outlet":"X"}"#,
            "\n\n",
            r#"{"text":"Police arrested four youths.","path":"reports/arrests.txt"}"#,
            "\n"
        ));
        assert_eq!(r.len(), 2);
        let a = &r[0].as_ref().unwrap().doc;
        assert_eq!(a.text, "Fifty residents fled Myebon on Monday.");
        assert_eq!(a.path.as_deref(), Some("https://x.example/1"));
        assert_eq!(a.url.as_deref(), Some("https://x.example/1"));
        assert_eq!(a.title.as_deref(), Some("Residents flee"));
        assert_eq!(a.outlet.as_deref(), Some("X"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 2, 6));
        let b = &r[1].as_ref().unwrap().doc;
        assert_eq!(b.path.as_deref(), Some("reports/arrests.txt"));
        assert_eq!(b.published, None);
    }

    #[test]
    fn html_field_is_extracted() {
        let r = read(
            r#"{"html":"<html><head><meta property='article:published_time' content='2023-06-20'></head><body><nav>Menu</nav><p>Shelling damaged a monastery.</p></body></html>"}"#,
        );
        let d = &r[0].as_ref().unwrap().doc;
        assert!(d.text.contains("Shelling damaged a monastery."));
        assert!(!d.text.contains("Menu"));
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2023, 6, 20));
        assert_eq!(d.path.as_deref(), Some("in.jsonl:1"));
    }

    #[test]
    fn malformed_lines_are_errors_with_line_numbers_and_reading_goes_on() {
        let r = read(concat!(
            r#"{"text":"One."}"#,
            "\n",
            "{not json\n",
            r#"{"title":"no text"}"#,
            "\n",
            r#"{"text":"   "}"#,
            "\n",
            r#"{"text":5}"#,
            "\n",
            "[1,2]\n",
            r#"{"text":"Two."}"#,
        ));
        assert_eq!(r.len(), 7);
        assert!(r[0].is_ok() && r[6].is_ok());
        let msg = |i: usize| r[i].as_ref().unwrap_err().to_string();
        assert!(
            msg(1).starts_with("in.jsonl: line 2: invalid JSON"),
            "{}",
            msg(1)
        );
        assert_eq!(msg(2), "in.jsonl: line 3: no `text` or `html` field");
        assert_eq!(msg(3), "in.jsonl: line 4: empty document");
        assert_eq!(msg(4), "in.jsonl: line 5: `text`/`html` is not a string");
        assert_eq!(msg(5), "in.jsonl: line 6: not a JSON object");
    }

    #[test]
    fn bad_published_is_a_warning() {
        let r = read(r#"{"text":"Troops withdrew.","published":"last week"}"#);
        let i = r[0].as_ref().unwrap();
        assert_eq!(i.doc.published, None);
        assert!(i.warnings[0].contains("line 1: `published` is not a date"));
    }

    #[test]
    fn whole_file_array_and_pretty_object() {
        let r = read("[{\"text\":\"A.\"},\n {\"text\":\"B.\"}]");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].as_ref().unwrap().doc.text, "B.");
        let r = read("{\n  \"text\": \"Pretty printed.\"\n}\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].as_ref().unwrap().doc.text, "Pretty printed.");
    }

    #[test]
    fn oversized_line_is_an_error() {
        let limits = Limits {
            max_doc_bytes: 40,
            ..Limits::default()
        };
        let long = format!(r#"{{"text":"{}"}}"#, "word ".repeat(20));
        let r = read_json(
            "big.jsonl",
            format!("{long}\n{{\"text\":\"ok\"}}").as_bytes(),
            &limits,
        );
        assert!(r[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("line 1: file too large"));
        assert!(r[1].is_ok());
    }
}
