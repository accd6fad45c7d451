//! Reading files and folders from disk, including every bad-input case.

use std::path::Path;

use sitrep_read::{list_files, read_file_with, read_path, read_path_with, Limits};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn folder_is_walked_recursively_in_sorted_order() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "b.txt",
        b"Headline about Kawlin\nTroops fled Kawlin on Monday.\n",
    );
    write(
        d.path(),
        "a/inner.md",
        b"# Heading here\n\nShelling hit Loikaw.\n",
    );
    write(
        d.path(),
        "a/page.html",
        b"<html><body><p>Police detained five students.</p></body></html>",
    );
    write(
        d.path(),
        "c.jsonl",
        b"{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n",
    );
    write(d.path(), "notes.csv", b"a,b\n1,2\n");
    write(d.path(), ".hidden.txt", b"Hidden text.");
    let files = list_files(d.path()).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(d.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["a/inner.md", "a/page.html", "b.txt", "c.jsonl"]);
    let docs = read_path(d.path());
    assert_eq!(docs.len(), 5);
    assert!(docs.iter().all(|r| r.is_ok()));
    let md = &docs[0].as_ref().unwrap().doc;
    assert_eq!(md.title.as_deref(), Some("Heading here"));
    let html = &docs[1].as_ref().unwrap().doc;
    assert_eq!(html.text, "Police detained five students.\n");
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let r = read_path(Path::new("/no/such/report.txt"));
    assert_eq!(r.len(), 1);
    let e = r[0].as_ref().unwrap_err();
    assert_eq!(e.source, "/no/such/report.txt");
    assert!(e.message.contains("No such file"), "{e}");
}

#[test]
fn folder_without_documents_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "data.csv", b"x");
    let e = list_files(d.path()).unwrap_err();
    assert!(e.message.starts_with("no documents in this folder"), "{e}");
    let empty = tempfile::tempdir().unwrap();
    assert!(list_files(empty.path()).is_err());
}

#[test]
fn binary_empty_and_invalid_utf8_files() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "bin.txt", b"\x7fELF\x02\x01\x01\0\0\0\0");
    write(d.path(), "empty.txt", b"");
    write(
        d.path(),
        "latin1.txt",
        b"Soldiers fled Loikaw\ncaf\xe9 owners said.",
    );
    let bin = read_path(&d.path().join("bin.txt"));
    assert!(bin[0].as_ref().unwrap_err().message.contains("binary file"));
    let empty = read_path(&d.path().join("empty.txt"));
    assert_eq!(empty[0].as_ref().unwrap_err().message, "empty document");
    let lossy = read_path(&d.path().join("latin1.txt"));
    let i = lossy[0].as_ref().unwrap();
    assert!(i.doc.text.contains("caf\u{fffd} owners"));
    assert!(i.warnings[0].contains("latin1.txt"));
    assert!(i.warnings[0].contains("byte offset 24"), "{:?}", i.warnings);
}

#[test]
fn html_without_body_file() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "head.html",
        b"<html><head><title>Only a head</title></head></html>",
    );
    let r = read_path(&d.path().join("head.html"));
    assert!(r[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("without a body"));
}

#[test]
fn files_over_the_size_cap_are_refused() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "big.txt",
        "Troops withdrew. ".repeat(100).as_bytes(),
    );
    let limits = Limits {
        max_doc_bytes: 1000,
        max_batch_file_bytes: 1000,
    };
    let r = read_file_with(&d.path().join("big.txt"), &limits);
    let e = r[0].as_ref().unwrap_err();
    assert!(e.message.starts_with("file too large"), "{e}");
    assert!(read_path_with(d.path(), &Limits::default())[0].is_ok());
}

#[test]
fn unknown_extension_is_sniffed_when_named_directly() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "page.php",
        b"<!doctype html><html><body><p>Fighting resumed.</p></body></html>",
    );
    let r = read_path(&d.path().join("page.php"));
    assert_eq!(r[0].as_ref().unwrap().doc.text, "Fighting resumed.\n");
}

#[test]
fn feed_file_by_extension() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "wire.xml",
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>Arrests in Mandalay</title><link>https://w.example/1</link>
<pubDate>Thu, 15 Aug 2024 02:00:00 GMT</pubDate><description>Police arrested ten young men.</description></item>
</channel></rss>"#,
    );
    let r = read_path(d.path());
    assert_eq!(r.len(), 1);
    let doc = &r[0].as_ref().unwrap().doc;
    assert_eq!(doc.text, "Police arrested ten young men.\n");
    assert_eq!(doc.path.as_deref(), Some("https://w.example/1"));
}

/// Arbitrary and mangled input in every format: errors are fine, panics are not.
#[test]
fn no_input_makes_reading_panic() {
    use sitrep_read::{read_format, Format};
    let seeds: &[&[u8]] = &[
        b"<html><head><meta property=\"article:published_time\" content=\"2024-01-01\"></head><body><article><p>Ten soldiers surrendered.</p></article></body></html>",
        b"{\"text\":\"Troops withdrew.\",\"published\":\"2024-02-30\"}\n{\"html\":\"<p>x</p>\"}",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title><description>Body</description></item></channel></rss>",
        "Headline \u{1000}\u{1001}\n\nText with Burmese \u{1019}\u{103c}\u{1014}\u{103a}\u{1019}\u{102c} and \u{201c}quotes\u{201d}.".as_bytes(),
    ];
    let formats = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Feed,
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let limits = sitrep_read::Limits::default();
    for seed in seeds {
        for round in 0..60 {
            let mut b = seed.to_vec();
            // Truncate, flip bytes, insert random bytes.
            let cut = (next() as usize) % (b.len() + 1);
            if round % 3 == 0 {
                b.truncate(cut);
            }
            for _ in 0..(round % 7) {
                if b.is_empty() {
                    break;
                }
                let i = (next() as usize) % b.len();
                b[i] = next() as u8;
            }
            if round % 5 == 0 {
                let i = (next() as usize) % (b.len() + 1);
                b.insert(i, next() as u8);
            }
            for f in formats {
                for r in read_format("fuzz", &b, f, &limits) {
                    if let Ok(i) = r {
                        assert!(!i.doc.text.trim().is_empty(), "documents are never empty");
                    }
                }
            }
        }
    }
}
