//! RSS and Atom feeds: one document per item.

use sitrep_core::Document;

use crate::{decode::decode, html::fragment_text, Input, ReadError};

/// Read the items of an RSS/Atom feed named `name`. Each item becomes a document
/// with its link as `url` and `path`, its title, its publication date (else its
/// update date) and the text of its content (else its summary). Items without text
/// are errors naming the item; the other items are still read.
pub fn read_feed(name: &str, bytes: &[u8]) -> Vec<Result<Input, ReadError>> {
    let decoded = match decode(name, bytes) {
        Ok(d) => d,
        Err(e) => return vec![Err(e)],
    };
    let feed = match feed_rs::parser::parse(decoded.text.as_bytes()) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(ReadError::new(
                name,
                format!("not a valid RSS/Atom feed ({e})"),
            ))]
        }
    };
    if feed.entries.is_empty() {
        return vec![Err(ReadError::new(name, "feed without items"))];
    }
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let title = e
                .title
                .as_ref()
                .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty());
            let label = format!(
                "item {}{}",
                i + 1,
                title
                    .as_ref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default()
            );
            let body = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()));
            let text = body.map(|b| fragment_text(&b)).unwrap_or_default();
            if text.trim().is_empty() {
                return Err(ReadError::new(name, format!("{label}: empty document")));
            }
            let url = e
                .links
                .first()
                .map(|l| l.href.trim().to_string())
                .filter(|u| !u.is_empty());
            let published = e.published.or(e.updated).map(|d| d.date_naive());
            let path = url.clone().unwrap_or_else(|| format!("{name}#{}", i + 1));
            let mut doc = Document::new(text)
                .with_path(path)
                .with_title(title)
                .with_published(published);
            doc.url = url;
            doc.outlet = outlet.clone();
            Ok(Input {
                doc,
                warnings: decoded.warnings.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link>
<description>News</description>
<item><title>Drone strike hits village in Sagaing</title>
<link>https://wire.example/a1</link>
<pubDate>Fri, 15 Mar 2024 04:00:00 GMT</pubDate>
<description><![CDATA[<p>A drone dropped two bombs on a village in Sagaing Region on Thursday.</p><p>Three people were hurt, residents said.</p>]]></description>
</item>
<item><title>Empty item</title><link>https://wire.example/a2</link><description></description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:x</id>
<updated>2024-02-08T00:00:00Z</updated>
<entry><title>Arakan Army takes town</title><id>urn:e1</id>
<link href="https://atom.example/e1"/>
<published>2024-02-07T10:00:00Z</published><updated>2024-02-08T00:00:00Z</updated>
<content type="html">&lt;p&gt;The Arakan Army said it captured the town after weeks of fighting.&lt;/p&gt;</content>
</entry></feed>"#;

    #[test]
    fn rss_items_become_documents() {
        let r = read_feed("news.rss", RSS.as_bytes());
        assert_eq!(r.len(), 2);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.doc.url.as_deref(), Some("https://wire.example/a1"));
        assert_eq!(a.doc.path.as_deref(), Some("https://wire.example/a1"));
        assert_eq!(
            a.doc.title.as_deref(),
            Some("Drone strike hits village in Sagaing")
        );
        assert_eq!(a.doc.published, NaiveDate::from_ymd_opt(2024, 3, 15));
        assert_eq!(a.doc.outlet.as_deref(), Some("Example Wire"));
        assert!(a.doc.text.starts_with(
            "A drone dropped two bombs on a village in Sagaing Region on Thursday.\n"
        ));
        assert!(a.doc.text.contains("\nThree people were hurt"));
        let e = r[1].as_ref().unwrap_err();
        assert!(
            e.message.contains("item 2 (Empty item): empty document"),
            "{e}"
        );
    }

    #[test]
    fn atom_entries_become_documents() {
        let r = read_feed("f.atom", ATOM.as_bytes());
        assert_eq!(r.len(), 1);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.doc.published, NaiveDate::from_ymd_opt(2024, 2, 7));
        assert!(a
            .doc
            .text
            .contains("The Arakan Army said it captured the town"));
        assert!(!a.doc.text.contains("<p>"));
    }

    #[test]
    fn not_a_feed_is_an_error() {
        let r = read_feed("x.xml", b"<note><to>nobody</to></note>");
        assert_eq!(r.len(), 1);
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.source, "x.xml");
        assert!(e.message.contains("not a valid RSS/Atom feed"), "{e}");
    }
}
