//! HTML pages: the article text without navigation and boilerplate, the title and
//! the publication date from the page metadata.
//!
//! The article text comes from a Readability-style extractor (`dom_smoothie`); when it
//! fails on a page, a simple stripper keeps the text of `<article>`, `<main>` or
//! `<body>` without scripts, navigation, headers, footers and forms. Either way the
//! text has one paragraph per line, paragraphs separated by a blank line, so that
//! the sentence splitter sees the paragraph breaks.
//!
//! Publication date, first found wins: `article:published_time` (or
//! `itemprop=datePublished`) meta, JSON-LD `datePublished`, `<meta name=date>` and its
//! relatives (`pubdate`, `DC.date.issued`, `dcterms.created`, …), `<time datetime>`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::NaiveDate;
use dom_query::Document as Dom;
use sitrep_core::Document;

use crate::{date::parse_date, decode::decode, Input, ReadError};

/// What is read from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// Article text, one paragraph per line, blank line between paragraphs.
    pub text: String,
    pub published: Option<NaiveDate>,
    /// `link rel=canonical` or `og:url`.
    pub url: Option<String>,
    /// `og:site_name`.
    pub outlet: Option<String>,
}

/// Read an HTML document named `name`.
pub fn read_html(name: &str, bytes: &[u8]) -> Result<Input, ReadError> {
    let d = decode(name, bytes)?;
    let a = extract_html(&d.text).map_err(|m| ReadError::new(name, m))?;
    let mut doc = Document::new(a.text)
        .with_path(name)
        .with_title(a.title)
        .with_published(a.published);
    doc.url = a.url;
    doc.outlet = a.outlet;
    Ok(Input {
        doc,
        warnings: d.warnings,
    })
}

/// Extract the article of an HTML page. Errors: a page without body text.
pub fn extract_html(html: &str) -> Result<HtmlArticle, String> {
    let meta = catch_unwind(AssertUnwindSafe(|| metadata(html))).unwrap_or_default();
    let readable = catch_unwind(AssertUnwindSafe(|| readability_text(html)))
        .ok()
        .flatten()
        .map(|t| paragraphs(&t))
        .filter(|t| !t.is_empty());
    let text = match readable {
        Some(t) => t,
        None => catch_unwind(AssertUnwindSafe(|| paragraphs(&stripped_text(html))))
            .map_err(|_| "could not parse this HTML".to_string())?,
    };
    if text.trim().is_empty() {
        return Err("HTML without a body (no article text found)".to_string());
    }
    Ok(HtmlArticle { text, ..meta })
}

/// Title, date, URL and outlet from the page's metadata (text left empty).
pub fn metadata(html: &str) -> HtmlArticle {
    let dom = Dom::from(html);
    let mut a = HtmlArticle::default();
    let mut metas: Vec<(String, String)> = Vec::new(); // (lower-case key, content)
    for node in dom.select("meta").iter() {
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"));
        if let (Some(k), Some(c)) = (key, node.attr("content")) {
            metas.push((k.trim().to_ascii_lowercase(), c.trim().to_string()));
        }
    }
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, c)| mk == k && !c.is_empty())
                .map(|(_, c)| c.clone())
        })
    };
    let json_ld: Vec<serde_json::Value> = dom
        .select("script[type='application/ld+json']")
        .iter()
        .filter_map(|n| serde_json::from_str(n.text().trim()).ok())
        .collect();
    let ld = |key: &str| json_ld.iter().find_map(|v| find_key(v, key, 0));

    a.published = meta(&["article:published_time", "datepublished"])
        .and_then(|s| parse_date(&s))
        .or_else(|| ld("datePublished").and_then(|s| parse_date(&s)))
        .or_else(|| {
            meta(&[
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "og:published_time",
                "dc.date.issued",
                "dc.date",
                "dcterms.issued",
                "dcterms.created",
                "dcterms.date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
            ])
            .and_then(|s| parse_date(&s))
        })
        .or_else(|| {
            [
                "time[pubdate]",
                "time[itemprop='datePublished']",
                "article time",
                "time",
            ]
            .iter()
            .find_map(|sel| {
                dom.select(sel)
                    .iter()
                    .find_map(|n| n.attr("datetime").and_then(|d| parse_date(&d)))
            })
        });

    let title_tag = dom.select("title").first().text().trim().to_string();
    let h1 = dom.select("h1").first().text().trim().to_string();
    a.title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld("headline"))
        .or_else(|| (!title_tag.is_empty()).then_some(title_tag))
        .or_else(|| (!h1.is_empty()).then_some(h1))
        .map(|t| collapse_spaces(&t));
    a.url = dom
        .select("link[rel='canonical']")
        .first()
        .attr("href")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| meta(&["og:url"]));
    a.outlet = meta(&["og:site_name"]).or_else(|| ld("publisher_name"));
    a
}

/// A string value under `key` anywhere in a JSON-LD value (`@graph`, arrays).
/// `publisher_name` looks up `publisher.name`.
fn find_key(v: &serde_json::Value, key: &str, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(m) => {
            if key == "publisher_name" {
                if let Some(n) = m
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                {
                    return Some(n.to_string());
                }
            } else if let Some(s) = m.get(key).and_then(|x| x.as_str()) {
                return Some(s.to_string());
            }
            m.values().find_map(|x| find_key(x, key, depth + 1))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_key(x, key, depth + 1)),
        _ => None,
    }
}

/// Article text by the Readability algorithm; `None` when it finds none.
fn readability_text(html: &str) -> Option<String> {
    let dom = Dom::from(html);
    remove_boilerplate(&dom);
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::with_document(dom, None, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    Some(article.text_content.to_string())
}

/// Remove scripts, navigation, footers, sidebars, forms, and page headers (a
/// `<header>` without an `<h1>`: the site banner, not the article's heading).
fn remove_boilerplate(dom: &Dom) {
    dom.select(
        "script, style, noscript, template, nav, footer, aside, form, iframe, svg, \
         button, select, menu, [role='navigation'], [role='banner'], [role='contentinfo'], \
         [aria-hidden='true']",
    )
    .remove();
    for h in dom.select("header").iter() {
        if h.select("h1").is_empty() {
            h.remove();
        }
    }
}

/// Text of `<article>`, `<main>` or `<body>` without scripts, navigation and forms.
fn stripped_text(html: &str) -> String {
    let dom = Dom::from(html);
    remove_boilerplate(&dom);
    for sel in ["article", "main", "body"] {
        let s = dom.select(sel);
        if s.exists() {
            let t = s.first().formatted_text().to_string();
            if !t.trim().is_empty() {
                return t;
            }
        }
    }
    String::new()
}

/// The text of an HTML fragment (a feed item's content): every element's text, one
/// paragraph per line, scripts and styles dropped. Plain text passes through.
pub fn fragment_text(html: &str) -> String {
    catch_unwind(AssertUnwindSafe(|| {
        let dom = Dom::from(html);
        dom.select("script, style, noscript, template").remove();
        paragraphs(&dom.select("body").formatted_text())
    }))
    .unwrap_or_default()
}

/// One paragraph per line, a blank line between paragraphs, spaces collapsed.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse_spaces(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Troops surrender in Mon State | Example News</title>
<meta property="og:title" content="Troops surrender in Mon State">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-01-09T18:45:00+06:30">
<link rel="canonical" href="https://news.example/troops-surrender">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<header><p>Subscribe to our newsletter for daily updates</p></header>
<article>
<h1>Troops surrender in Mon State</h1>
<p>Twenty-three soldiers from a junta column surrendered to resistance forces near
Kyaikmayaw on Monday, a spokesperson for the local defence force said.</p>
<p>The soldiers handed over their rifles and ammunition, the spokesperson said, adding that
they were being treated in line with the rules of war.</p>
<p>The junta did not respond to requests for comment on the surrender by the time of
publication.</p>
</article>
<footer><p>Copyright Example News. All rights reserved.</p></footer>
<script>var x = "tracking";</script>
</body></html>"#;

    #[test]
    fn article_text_title_date_url() {
        let a = extract_html(PAGE).unwrap();
        assert_eq!(a.title.as_deref(), Some("Troops surrender in Mon State"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 1, 9));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example/troops-surrender")
        );
        assert_eq!(a.outlet.as_deref(), Some("Example News"));
        assert!(a.text.contains(
            "Twenty-three soldiers from a junta column surrendered to resistance forces near Kyaikmayaw on Monday"
        ));
        for boiler in ["Home", "Subscribe", "Copyright", "tracking"] {
            assert!(!a.text.contains(boiler), "{boiler} in {:?}", a.text);
        }
        // Paragraphs stay on their own lines.
        let lines: Vec<&str> = a.text.lines().filter(|l| !l.is_empty()).collect();
        assert!(lines.len() >= 3, "{:?}", a.text);
        assert!(lines
            .iter()
            .any(|l| l.starts_with("The soldiers handed over")));
    }

    #[test]
    fn json_ld_date_and_headline() {
        let html = r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Shelling hits Loikaw","datePublished":"2023-11-20T08:00:00Z"}]}
        </script></head><body><p>Artillery shells struck two wards of the town on Sunday.</p></body></html>"#;
        let a = extract_html(html).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2023, 11, 20));
        assert_eq!(a.title.as_deref(), Some("Shelling hits Loikaw"));
        assert!(a.text.contains("Artillery shells struck two wards"));
    }

    #[test]
    fn time_element_and_meta_date() {
        let html = r#"<html><body><article><time datetime="2024-03-02">2 March</time>
        <p>Police detained six youths in Mandalay on Friday.</p></article></body></html>"#;
        assert_eq!(
            extract_html(html).unwrap().published,
            NaiveDate::from_ymd_opt(2024, 3, 2)
        );
        let html = r#"<html><head><meta name="date" content="March 5, 2021"></head>
        <body><p>Protesters marched in Yangon.</p></body></html>"#;
        assert_eq!(
            extract_html(html).unwrap().published,
            NaiveDate::from_ymd_opt(2021, 3, 5)
        );
    }

    #[test]
    fn html_without_body_is_an_error() {
        let e = extract_html("<html><head><title>Nothing here</title></head></html>").unwrap_err();
        assert!(e.contains("without a body"), "{e}");
        let e = read_html("p.html", b"<html><head></head><body>  </body></html>").unwrap_err();
        assert_eq!(e.source, "p.html");
    }

    #[test]
    fn garbage_markup_does_not_panic() {
        for h in [
            "<<<>>>",
            "<html><body><p>unclosed <b>bold <i>text",
            "<div><div><div>",
            "</p></p></body>",
            "<table><tr><td>A cell about 12 people</td></tr></table>",
        ] {
            let _ = extract_html(h);
        }
    }
}
