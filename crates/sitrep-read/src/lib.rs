//! Document reading: turns paths, bytes and standard input into [`Document`]s.
//!
//! Formats:
//! - plain text (`.txt`, `.md`, anything unknown that is text): the text as read; the
//!   title is the first line when it looks like a headline;
//! - HTML (`.html`, `.htm`, `.xhtml`): the article text without navigation and
//!   boilerplate (one paragraph per line), the title and the publication date from the
//!   page metadata (see [`html`]);
//! - JSON (`.json`, `.jsonl`, `.ndjson`): one document per line (or a single object / an
//!   array of objects) with a `text` or `html` field and optional `url`, `title`,
//!   `published`, `outlet`, `path` (see [`jsonl`]);
//! - RSS/Atom feeds (`.xml`, `.rss`, `.atom`, or sniffed): one document per item (see [`feed`]).
//!
//! Spans of later stages are byte offsets into [`Document::text`] exactly as produced
//! here. Reading never panics: every problem is a [`ReadError`] naming the input, or a
//! warning in [`Input::warnings`] when the document could still be read.

pub mod date;
pub mod decode;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod text;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use sitrep_core::Document;

pub use date::parse_date;

/// Default size cap for one document (and for one file that is not JSON Lines): 50 MB.
pub const MAX_DOC_BYTES: u64 = 50 * 1024 * 1024;

/// Default size cap for a JSON Lines file or a feed holding many documents: 1 GB.
pub const MAX_BATCH_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// File extensions read when walking a folder.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "xml", "rss",
    "atom",
];

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

impl ReadError {
    /// An error about the input `source`.
    pub fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            source: source.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for ReadError {}

/// The formats an input can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Feed,
}

impl Format {
    /// The format a file extension stands for (`None`: not a document extension).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            "xml" | "rss" | "atom" => Some(Format::Feed),
            _ => None,
        }
    }

    /// Guess the format from the content (used for stdin and unknown extensions).
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(4096)];
        let head = String::from_utf8_lossy(head);
        let t = head.trim_start_matches('\u{feff}').trim_start();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with('<') {
            if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
                return Format::Feed;
            }
            return Format::Html;
        }
        if lower.starts_with('{') || lower.starts_with('[') {
            return Format::Json;
        }
        if lower.contains("<html") || lower.contains("<body") || lower.contains("<p>") {
            return Format::Html;
        }
        Format::Text
    }
}

/// Size limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest document (file or JSON line) read, in bytes.
    pub max_doc_bytes: u64,
    /// The largest JSON Lines file or feed read, in bytes.
    pub max_batch_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: MAX_DOC_BYTES,
            max_batch_file_bytes: MAX_BATCH_FILE_BYTES,
        }
    }
}

/// Read a file or a folder (recursively). Each file may yield several
/// documents (JSON Lines, feeds); each result is one document or one failure.
pub fn read_path(path: &Path) -> Vec<Result<Input, ReadError>> {
    read_path_with(path, &Limits::default())
}

/// [`read_path`] with explicit size limits.
pub fn read_path_with(path: &Path, limits: &Limits) -> Vec<Result<Input, ReadError>> {
    match list_files(path) {
        Ok(files) => files
            .iter()
            .flat_map(|f| read_file_with(f, limits))
            .collect(),
        Err(e) => vec![Err(e)],
    }
}

/// The document files a path stands for: the file itself, or every file with a
/// document extension ([`EXTENSIONS`]) below a folder, in sorted order. Hidden files and
/// folders (name starting with `.`) are skipped. A folder without any is an error.
pub fn list_files(path: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| ReadError::new(&name, io_message(&e)))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    walk(path, &mut out, &mut seen, 0).map_err(|e| ReadError::new(&name, e))?;
    if out.is_empty() {
        return Err(ReadError::new(
            name,
            format!(
                "no documents in this folder (looked for .{} files)",
                EXTENSIONS.join(", .")
            ),
        ));
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) -> Result<(), String> {
    if depth > 64 {
        return Ok(());
    }
    // Follow symlinked folders once; a loop ends at a folder already seen.
    if let Ok(canon) = std::fs::canonicalize(dir) {
        if !seen.insert(canon) {
            return Ok(());
        }
    }
    let rd =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {}", dir.display(), io_message(&e)))?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                // An unreadable subfolder does not stop the walk.
                let _ = walk(&p, out, seen, depth + 1);
            }
            Ok(m) if m.is_file() => {
                let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                if Format::from_extension(ext).is_some() {
                    out.push(p);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Read one file (not a folder) with default limits.
pub fn read_file(path: &Path) -> Vec<Result<Input, ReadError>> {
    read_file_with(path, &Limits::default())
}

/// Read one file (not a folder): the format comes from the extension, else from the content.
pub fn read_file_with(path: &Path, limits: &Limits) -> Vec<Result<Input, ReadError>> {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return vec![Err(ReadError::new(name, io_message(&e)))],
    };
    if meta.is_dir() {
        return vec![Err(ReadError::new(name, "is a folder, not a file"))];
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let by_ext = Format::from_extension(ext);
    let cap = match by_ext {
        Some(Format::Json) | Some(Format::Feed) => limits.max_batch_file_bytes,
        _ => limits.max_doc_bytes,
    };
    if meta.len() > cap {
        return vec![Err(ReadError::new(name, too_large(meta.len(), cap)))];
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path);
    let read = file.and_then(|f| f.take(cap + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return vec![Err(ReadError::new(name, io_message(&e)))];
    }
    if bytes.len() as u64 > cap {
        return vec![Err(ReadError::new(
            name,
            too_large(bytes.len() as u64, cap),
        ))];
    }
    let format = by_ext.unwrap_or_else(|| Format::sniff(&bytes));
    read_format(&name, &bytes, format, limits)
}

/// Read documents from bytes; `name` is used as the path and in messages.
/// The format is guessed from `name`'s extension, else from the content.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Input, ReadError>> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let format = Format::from_extension(ext).unwrap_or_else(|| Format::sniff(bytes));
    read_format(name, bytes, format, &Limits::default())
}

/// Read all of standard input (`name` = `-`), sniffing its format.
pub fn read_stdin() -> Vec<Result<Input, ReadError>> {
    read_reader("-", std::io::stdin().lock(), &Limits::default())
}

/// Read everything from `reader` and sniff its format.
pub fn read_reader(
    name: &str,
    reader: impl Read,
    limits: &Limits,
) -> Vec<Result<Input, ReadError>> {
    let cap = limits.max_batch_file_bytes;
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(cap + 1).read_to_end(&mut bytes) {
        return vec![Err(ReadError::new(name, io_message(&e)))];
    }
    if bytes.len() as u64 > cap {
        return vec![Err(ReadError::new(
            name,
            too_large(bytes.len() as u64, cap),
        ))];
    }
    let format = Format::sniff(&bytes);
    if format != Format::Json && format != Format::Feed && bytes.len() as u64 > limits.max_doc_bytes
    {
        return vec![Err(ReadError::new(
            name,
            too_large(bytes.len() as u64, limits.max_doc_bytes),
        ))];
    }
    read_format(name, &bytes, format, limits)
}

/// Read bytes in a known format.
pub fn read_format(
    name: &str,
    bytes: &[u8],
    format: Format,
    limits: &Limits,
) -> Vec<Result<Input, ReadError>> {
    match format {
        Format::Text => vec![text::read_text(name, bytes, false)],
        Format::Markdown => vec![text::read_text(name, bytes, true)],
        Format::Html => vec![html::read_html(name, bytes)],
        Format::Json => jsonl::read_json(name, bytes, limits),
        Format::Feed => feed::read_feed(name, bytes),
    }
}

/// The message for a file over the size cap.
pub(crate) fn too_large(len: u64, cap: u64) -> String {
    if cap < 1_048_576 {
        return format!("file too large ({len} bytes; the limit is {cap} bytes per document)");
    }
    format!(
        "file too large ({:.1} MB; the limit is {} MB per document)",
        len as f64 / 1_048_576.0,
        cap / 1_048_576
    )
}

/// An I/O error as a short message ("No such file or directory").
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    // "No such file or directory (os error 2)" → without the os error number.
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><rss>"), Format::Feed);
        assert_eq!(
            Format::sniff(b"\xEF\xBB\xBF  <feed xmlns=\"x\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"{\"text\": \"x\"}"), Format::Json);
        assert_eq!(Format::sniff(b"Headline\n\n<p>Body</p>"), Format::Html);
        assert_eq!(Format::sniff(b"Troops fled on Monday."), Format::Text);
        assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
        assert_eq!(Format::from_extension("csv"), None);
    }

    #[test]
    fn read_bytes_uses_the_extension_then_the_content() {
        let r = read_bytes("x.md", b"# Title line here\n\nBody text.");
        assert_eq!(
            r[0].as_ref().unwrap().doc.title.as_deref(),
            Some("Title line here")
        );
        let r = read_bytes("noext", b"<html><body><p>Body text.</p></body></html>");
        assert_eq!(r[0].as_ref().unwrap().doc.text, "Body text.\n");
    }

    #[test]
    fn reader_input_respects_limits() {
        let limits = Limits {
            max_doc_bytes: 20,
            max_batch_file_bytes: 100,
        };
        let r = read_reader("-", &b"Plain text longer than twenty bytes."[..], &limits);
        assert_eq!(
            r[0].as_ref().unwrap_err().message,
            "file too large (36 bytes; the limit is 20 bytes per document)"
        );
        let big = [b'a'; 200];
        let r = read_reader("-", &big[..], &limits);
        assert_eq!(r[0].as_ref().unwrap_err().source, "-");
        let r = read_reader("-", &b"{\"text\":\"Short.\"}"[..], &limits);
        assert_eq!(r[0].as_ref().unwrap().doc.path.as_deref(), Some("-:1"));
    }

    #[test]
    fn io_messages_drop_the_os_error_number() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&e), "No such file or directory");
    }
}
