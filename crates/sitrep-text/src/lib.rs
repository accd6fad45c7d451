//! Sentence and paragraph segmentation with byte offsets.
//!
//! Splits on sentence-final punctuation followed by space and an upper-case
//! letter, digit or quote, except after abbreviations ("Lt.", "Gen.", "Dec.",
//! "No.", initials); newlines end paragraphs, and a blank line or a newline
//! always ends a sentence. Spans are byte offsets into the input.

use sitrep_core::{Sentence, Span};

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "lt", "col", "gen", "maj", "capt", "cpt", "sgt", "cpl", "pte", "pvt", "brig", "adm", "cmdr",
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "approx",
    "est", "govt", "dept", "div", "bn", "inc", "co", "ltd", "jr", "sr", "mt", "ft", "ret", "rev",
    "hon", "fig", "vol", "pp", "al",
];

/// Months whose abbreviation is a word in its own right: "in May." ends a sentence.
const AMBIGUOUS_ABBREVIATIONS: &[&str] = &["mar", "may", "jun", "co", "no", "st"];

/// Split `text` into sentences. Leading/trailing whitespace is excluded from spans.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut first_line = true;
    let mut line_start = 0usize;
    // Iterate over lines; each line is a paragraph (news text puts one paragraph per line).
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            line_start = line_end;
            continue;
        }
        let spans = split_line(content, line_start);
        let is_title = first_line && looks_like_title(content);
        for s in spans {
            out.push(Sentence {
                span: s,
                paragraph,
                is_title,
            });
        }
        first_line = false;
        paragraph += 1;
        line_start = line_end;
    }
    out
}

/// A first line without sentence-final punctuation, shortish: a headline.
fn looks_like_title(line: &str) -> bool {
    let t = line.trim();
    t.len() < 200 && !t.ends_with(['.', '"', '\u{201d}']) && t.split_whitespace().count() >= 2
}

fn split_line(line: &str, base: usize) -> Vec<Span> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'!' || b == b'?' {
            // Extend over closing quotes/brackets after the punctuation.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &line[j..];
                if let Some(c) = rest.chars().next() {
                    if matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']') {
                        j += c.len_utf8();
                        continue;
                    }
                }
                break;
            }
            let at_end = j >= bytes.len();
            let followed_by_space = !at_end && bytes[j].is_ascii_whitespace();
            if (at_end || followed_by_space) && !(b == b'.' && is_abbreviation(line, i, j)) {
                // Next non-space char must look like a sentence start.
                let next = line[j..].trim_start();
                let starts_ok = next.is_empty()
                    || next.chars().next().is_some_and(|c| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[')
                            || !c.is_ascii()
                    });
                if starts_ok {
                    push_trimmed(line, base, start, j, &mut out);
                    start = j;
                    i = j;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(line, base, start, line.len(), &mut out);
    out
}

fn push_trimmed(line: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let seg = &line[start..end];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if seg.trim().is_empty() {
        return;
    }
    out.push(Span(base + start + lead, base + end - trail));
}

/// Is the period at `dot` the end of an abbreviation or an initial?
fn is_abbreviation(line: &str, dot: usize, after: usize) -> bool {
    let before = &line[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Single capital letter: an initial ("U Kyaw M. Win").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_lowercase();
    if !ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if AMBIGUOUS_ABBREVIATIONS.contains(&lower.as_str()) {
        // "Dec. 3" / "No. 6": an abbreviation only when a number follows.
        let next = line[after..].trim_start();
        return next.chars().next().is_some_and(|c| c.is_ascii_digit());
    }
    // Month abbreviations end sentences too when no number follows ("…in Dec. The …").
    if matches!(
        lower.as_str(),
        "jan" | "feb" | "apr" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
    ) {
        let next = line[after..].trim_start();
        return next.chars().next().is_some_and(|c| c.is_ascii_digit());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| s.span.slice(t)).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            texts("Troops fled. Ten died! Why? Nobody knows."),
            vec!["Troops fled.", "Ten died!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn keeps_ranks_and_dates_together() {
        let t = "Lt. Col. Aung Win led them. On Dec. 3 the camp fell. Brig. Gen. Tun spoke.";
        assert_eq!(
            texts(t),
            vec![
                "Lt. Col. Aung Win led them.",
                "On Dec. 3 the camp fell.",
                "Brig. Gen. Tun spoke."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let t = "He said: \u{201c}We left. It burned.\u{201d} Then rain came.";
        assert_eq!(
            texts(t),
            vec![
                "He said: \u{201c}We left.",
                "It burned.\u{201d}",
                "Then rain came."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_and_title_is_marked() {
        let t = "Junta jets bomb a village\n\nTwo jets struck on Monday. Five died.\nMore later.";
        let s = sentences(t);
        assert_eq!(s.len(), 4);
        assert!(s[0].is_title);
        assert!(!s[1].is_title);
        assert_eq!(s[1].paragraph, 1);
        assert_eq!(s[3].paragraph, 2);
        assert_eq!(s[3].span.slice(t), "More later.");
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        assert_eq!(
            texts("About 5 p.m. troops left."),
            vec!["About 5 p.m. troops left."]
        );
    }

    #[test]
    fn month_name_may_ends_sentence() {
        assert_eq!(
            texts("They camped there in May. They left."),
            vec!["They camped there in May.", "They left."]
        );
    }

    #[test]
    fn spans_are_char_boundaries_in_unicode_text() {
        let t = "Myanmar’s regime fled. ၁၂ soldiers “surrendered.” Done.";
        for s in sentences(t) {
            assert!(t.is_char_boundary(s.span.0) && t.is_char_boundary(s.span.1));
        }
    }
}
