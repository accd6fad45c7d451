//! Plain text and Markdown documents: the text as read, the first line as title
//! when it looks like a headline.

use sitrep_core::Document;

use crate::{decode::decode, Input, ReadError};

/// Read a plain-text (or Markdown, `markdown = true`) document named `name`.
pub fn read_text(name: &str, bytes: &[u8], markdown: bool) -> Result<Input, ReadError> {
    let d = decode(name, bytes)?;
    let title = headline(&d.text, markdown);
    Ok(Input {
        doc: Document::new(d.text).with_path(name).with_title(title),
        warnings: d.warnings,
    })
}

/// The first non-blank line when it looks like a headline: shorter than 200 bytes,
/// at least two words, not ending in sentence punctuation, and followed by more text.
/// In Markdown a leading `#` heading marker is dropped.
pub fn headline(text: &str, markdown: bool) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    lines.next()?;
    let first = if markdown {
        first.trim_start_matches('#').trim()
    } else {
        first
    };
    let words = first.split_whitespace().count();
    let ends_like_sentence = first.ends_with(['.', ',', ';', ':', '"', '\u{201d}']);
    if first.len() < 200 && words >= 2 && !ends_like_sentence {
        Some(first.to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_headline_line() {
        let t = "Junta troops abandon outpost near Kawlin\n\nResistance fighters said on Monday that troops fled.\n";
        let i = read_text("r.txt", t.as_bytes(), false).unwrap();
        assert_eq!(
            i.doc.title.as_deref(),
            Some("Junta troops abandon outpost near Kawlin")
        );
        assert_eq!(i.doc.text, t, "text is kept as read");
        assert_eq!(i.doc.path.as_deref(), Some("r.txt"));
    }

    #[test]
    fn a_sentence_first_line_is_not_a_title() {
        let t = "Resistance fighters said on Monday that troops fled.\nMore text here.";
        assert_eq!(headline(t, false), None);
        // A single line is never a title of itself.
        assert_eq!(headline("Junta troops abandon outpost", false), None);
    }

    #[test]
    fn markdown_heading_marker_is_dropped() {
        let t = "# Fighting in Loikaw continues\n\nShelling hit the town.";
        assert_eq!(
            headline(t, true).as_deref(),
            Some("Fighting in Loikaw continues")
        );
    }

    #[test]
    fn empty_text_is_an_error() {
        let e = read_text("e.txt", b"\n\n", false).unwrap_err();
        assert_eq!(e.to_string(), "e.txt: empty document");
    }
}
