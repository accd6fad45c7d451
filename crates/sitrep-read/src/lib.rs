//! Document reading: turns paths, bytes and standard input into [`Document`]s.
//!
//! Stub API (filled in by issue 2): plain text only for now. Formats to come:
//! `.txt`/`.md` (title = first line), `.html`/`.htm` (article text, title,
//! publication date from metadata), `.json`/`.jsonl` (one document per line with
//! `text` or `html`, `url`, `title`, `published`, `outlet`), RSS/Atom feeds.

use std::path::Path;

use sitrep_core::Document;

/// A document read from an input, with non-fatal warnings (lossy UTF-8, …).
#[derive(Debug, Clone)]
pub struct Input {
    pub doc: Document,
    pub warnings: Vec<String>,
}

/// Why an input could not be read. `source` names the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Read a file or a folder (recursively). Each file may yield several
/// documents (JSON Lines, feeds); each result is one document or one failure.
pub fn read_path(path: &Path) -> Vec<Result<Input, ReadError>> {
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&path.display().to_string(), &bytes),
        Err(e) => vec![Err(ReadError { source: path.display().to_string(), message: e.to_string() })],
    }
}

/// Read documents from bytes; `name` is used as the path and in messages.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Input, ReadError>> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    vec![Ok(Input { doc: Document::new(text).with_path(name), warnings: Vec::new() })]
}
