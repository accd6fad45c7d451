use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Event, Span};

/// One news report as read from a file, a feed item, a JSON line or stdin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Content identity: the first 16 hex digits of SHA-256 of `text`.
    pub doc_id: String,
    /// Where it came from: a file path, a URL or `-` for stdin.
    pub path: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// Publication date D against which relative dates are resolved.
    pub published: Option<NaiveDate>,
    /// The text every span points into (for HTML: the article text).
    pub text: String,
}

impl Document {
    /// A document from its text; `doc_id` is the content hash.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            doc_id: content_id(&text),
            path: None,
            url: None,
            outlet: None,
            title: None,
            published: None,
            text,
        }
    }
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
    pub fn with_published(mut self, d: Option<NaiveDate>) -> Self {
        self.published = d;
        self
    }
    pub fn with_title(mut self, t: Option<String>) -> Self {
        self.title = t;
        self
    }
}

/// First 16 hex digits of the SHA-256 of the text.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A sentence of the document, found by `sitrep-text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (blank-line or newline separated block) it is in.
    pub paragraph: usize,
    /// True for the first line of a plain-text document when it looks like a headline.
    pub is_title: bool,
}

/// Quoted or reported speech with its speaker (issue 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical speaker when known ("MNDAA"), else the description.
    pub speaker: Option<String>,
    /// The speaker as the text describes them ("A labor camp guard in Yangon Region").
    pub speaker_description: Option<String>,
    pub speaker_span: Option<Span>,
    /// The quoted text (without the quotation marks).
    pub span: Span,
}

/// `sitrep extract --format jsonl`: one of these per document (spec §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocOutput {
    pub doc_id: String,
    pub path: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// Non-fatal problems met while reading or extracting (lossy UTF-8, no date…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}
