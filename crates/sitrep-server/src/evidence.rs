//! The evidence spans of an event, ready for highlighting in a browser.
//!
//! Spans in sitrep are UTF-8 byte offsets; JavaScript strings count UTF-16 code units, so every
//! span is also given in those units.

use serde::Serialize;
use sitrep_core::{Event, Span};

/// One piece of evidence: which field it supports and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// `trigger`, `count:<measure>`, `place`, `date`, `actor:<role>`, `mention`.
    pub field: String,
    /// `[start, end)` byte offsets (spec §6).
    pub span: Span,
    /// The same span in UTF-16 code units (for JavaScript).
    pub utf16: [usize; 2],
    /// The text of the span.
    pub text: String,
}

/// The evidence spans of `event` in `text`, in text order; spans that do not fit the text
/// (out of range or not on character boundaries) are left out.
pub fn evidence(event: &Event, text: &str) -> Vec<Evidence> {
    let mut raw: Vec<(String, Span)> = vec![("trigger".into(), event.trigger)];
    for q in &event.quantities {
        raw.push((format!("count:{}", q.measure), q.span));
    }
    if let Some(s) = event.location.as_ref().and_then(|l| l.span) {
        raw.push(("place".into(), s));
    }
    if let Some(s) = event.time.span {
        raw.push(("date".into(), s));
    }
    for a in &event.actors {
        if let Some(s) = a.span {
            raw.push((format!("actor:{}", a.role), s));
        }
    }
    for m in &event.mentions {
        raw.push(("mention".into(), *m));
    }
    let mut out: Vec<Evidence> = raw
        .into_iter()
        .filter(|(_, s)| s.0 < s.1 && text.get(s.0..s.1).is_some())
        .map(|(field, s)| Evidence {
            utf16: [utf16_offset(text, s.0), utf16_offset(text, s.1)],
            text: s.slice(text).to_string(),
            field,
            span: s,
        })
        .collect();
    out.sort_by_key(|e| (e.span.0, e.span.1));
    out.dedup_by(|a, b| a.span == b.span && a.field == b.field);
    out
}

/// `[start, end)` of the sentence the event was read from, in UTF-16 units, if it fits the text.
pub fn sentence_utf16(event: &Event, text: &str) -> Option<[usize; 2]> {
    let s = event.sentence;
    text.get(s.0..s.1)?;
    Some([utf16_offset(text, s.0), utf16_offset(text, s.1)])
}

/// The UTF-16 offset of byte offset `byte` (which must be a char boundary of `text`).
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{EventType, Measure, Modality, Qualifier, Quantity, Time};

    fn ev(text: &str, trigger: &str, qty: &str) -> Event {
        let t = text.find(trigger).unwrap();
        let q = text.find(qty).unwrap();
        Event {
            id: "e1".into(),
            event_type: EventType::Surrender,
            aggregate: false,
            modality: Modality::Asserted,
            quantities: vec![Quantity {
                measure: Measure::People,
                who: None,
                low: Some(3),
                best: Some(3),
                high: Some(3),
                qualifier: Qualifier::Exact,
                text: qty.into(),
                span: Span(q, q + qty.len()),
            }],
            location: None,
            time: Time::default(),
            actors: vec![],
            claimed_by: None,
            sentence: Span(0, text.len()),
            trigger: Span(t, t + trigger.len()),
            confidence: 0.5,
            mentions: vec![Span(0, 2000)],
            explain: vec![],
        }
    }

    #[test]
    fn spans_get_utf16_offsets_and_bad_spans_are_dropped() {
        // "Mỹ" style multi-byte characters before the spans shift UTF-16 offsets.
        let text = "Ṁyawaddy — three soldiers surrendered.";
        let e = ev(text, "surrendered", "three soldiers");
        let ev = evidence(&e, text);
        assert_eq!(ev.len(), 2, "the out-of-range mention is left out");
        assert_eq!(ev[0].field, "count:people");
        assert_eq!(ev[0].text, "three soldiers");
        let js: Vec<u16> = text.encode_utf16().collect();
        let [a, b] = ev[1].utf16;
        assert_eq!(String::from_utf16(&js[a..b]).unwrap(), "surrendered");
    }
}
