//! `sitrep extract` end to end: every input format, every bad-input case, output
//! formats, exit codes and order.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(args: &[&str]) -> Output {
    sitrep().args(args).output().expect("run sitrep")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = sitrep()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sitrep");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

const REPORT: &str = "Junta troops abandon camp near Kawlin\n\nResistance fighters said on Monday that junta troops fled their camp near Kawlin in Sagaing Region.\n";

#[test]
fn text_file_jsonl_has_document_fields() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "camp.txt", REPORT.as_bytes());
    let o = run(&["extract", "--format", "jsonl", "--date", "2024-01-10", &p]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = lines(&o);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["path"], p.as_str());
    assert_eq!(doc["published"], "2024-01-10");
    assert_eq!(doc["title"], "Junta troops abandon camp near Kawlin");
    assert_eq!(doc["doc_id"].as_str().unwrap().len(), 16);
    assert!(doc["events"].is_array());
}

#[test]
fn folder_html_jsonl_md_and_feed_in_order() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", REPORT.as_bytes());
    write(
        d.path(),
        "b/page.html",
        br#"<html><head><meta property="article:published_time" content="2023-11-20T10:00:00+06:30"><title>Shelling in Loikaw</title></head>
<body><nav>Home | World</nav><article><p>Artillery shells hit two wards of Loikaw on Sunday, residents said.</p>
<p>Three people were injured.</p></article></body></html>"#,
    );
    write(
        d.path(),
        "c.jsonl",
        b"{\"text\":\"Police arrested six youths in Mandalay.\",\"path\":\"m.txt\",\"published\":\"2024-08-15\"}\n{\"html\":\"<p>Troops withdrew from Hpapun.</p>\",\"url\":\"https://n.example/h\"}\n",
    );
    write(
        d.path(),
        "d.md",
        b"# Drone strike in Kanbalu\n\nA drone dropped bombs on a monastery.\n",
    );
    write(
        d.path(),
        "e.rss",
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>Strike hits Falam</title><link>https://w.example/f</link><pubDate>Thu, 14 Sep 2023 06:00:00 GMT</pubDate>
<description>&lt;p&gt;Fighter jets struck Falam town.&lt;/p&gt;</description></item></channel></rss>"#,
    );
    write(d.path(), "skip.csv", b"x,y\n");
    let o = run(&["extract", d.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = lines(&o);
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    assert!(paths[0].ends_with("a.txt"));
    assert!(paths[1].ends_with("b/page.html"));
    assert_eq!(paths[2], "m.txt");
    assert_eq!(paths[3], "https://n.example/h");
    assert!(paths[4].ends_with("d.md"));
    assert_eq!(paths[5], "https://w.example/f");
    assert_eq!(docs[1]["published"], "2023-11-20");
    assert_eq!(docs[1]["title"], "Shelling in Loikaw");
    assert_eq!(docs[2]["published"], "2024-08-15");
    assert_eq!(docs[4]["title"], "Drone strike in Kanbalu");
    assert_eq!(docs[5]["published"], "2023-09-14");
}

#[test]
fn date_flag_overrides_document_dates() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "x.jsonl",
        b"{\"text\":\"Troops fled.\",\"published\":\"2020-01-01\"}\n",
    );
    let o = run(&["extract", "--date", "2024-02-08", &p]);
    assert_eq!(lines(&o)[0]["published"], "2024-02-08");
}

#[test]
fn stdin_is_read_and_sniffed() {
    let o = run_stdin(&["extract"], REPORT.as_bytes());
    assert!(o.status.success());
    let docs = lines(&o);
    assert_eq!(docs[0]["path"], "-");
    assert_eq!(docs[0]["title"], "Junta troops abandon camp near Kawlin");
    let o = run_stdin(
        &["extract", "-"],
        b"<html><body><p>Soldiers surrendered in Kyaikmayaw.</p></body></html>",
    );
    assert!(o.status.success());
    assert_eq!(lines(&o).len(), 1);
    let o = run_stdin(&["extract"], b"{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n");
    assert_eq!(lines(&o).len(), 2);
}

#[test]
fn bad_inputs_fail_alone_and_others_still_print() {
    let d = tempfile::tempdir().unwrap();
    let good = write(d.path(), "good.txt", REPORT.as_bytes());
    let empty = write(d.path(), "empty.txt", b"");
    let binary = write(d.path(), "blob.txt", b"\x00\x01\x02\x03binary\x00");
    let headless = write(
        d.path(),
        "head.html",
        b"<html><head><title>T</title></head></html>",
    );
    let nodocs = d.path().join("nodocs");
    std::fs::create_dir_all(&nodocs).unwrap();
    std::fs::write(nodocs.join("x.csv"), "1,2").unwrap();
    let nodocs = nodocs.display().to_string();
    let missing = d.path().join("missing.txt").display().to_string();
    let o = run(&[
        "extract", &empty, &good, &binary, &missing, &headless, &nodocs,
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "non-zero exit when an input failed"
    );
    let docs = lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], good.as_str());
    let err = stderr(&o);
    let errs: Vec<&str> = err.lines().collect();
    assert_eq!(errs.len(), 5, "{err}");
    assert_eq!(errs[0], format!("sitrep: {empty}: empty document"));
    assert_eq!(errs[1], format!("sitrep: {binary}: binary file (not text)"));
    assert!(
        errs[2].starts_with(&format!("sitrep: {missing}: No such file")),
        "{err}"
    );
    assert!(
        errs[3].starts_with(&format!("sitrep: {headless}: HTML without a body")),
        "{err}"
    );
    assert!(
        errs[4].starts_with(&format!("sitrep: {nodocs}: no documents in this folder")),
        "{err}"
    );
}

#[test]
fn invalid_utf8_warns_with_offset_and_succeeds() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "latin.txt",
        b"Villagers fled Kani\nThe caf\xe9 owner said troops came.\n",
    );
    let o = run(&["extract", &p]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{p}: invalid UTF-8 at byte offset 27")),
        "{err}"
    );
    let docs = lines(&o);
    let w = docs[0]["warnings"].as_array().unwrap();
    assert!(w[0].as_str().unwrap().contains("byte offset 27"));
}

#[test]
fn malformed_json_lines_name_the_line_and_continue() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "batch.jsonl",
        b"{\"text\":\"First report.\"}\n{broken\n{\"text\":\"Third report.\"}\n",
    );
    let o = run(&["extract", &p]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(lines(&o).len(), 2);
    assert!(stderr(&o).starts_with(&format!("sitrep: {p}: line 2: invalid JSON")));
}

#[test]
fn huge_file_is_refused_with_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(60 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let o = run(&["extract", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("file too large (60.0 MB; the limit is 50 MB per document)"),
        "{err}"
    );
}

#[test]
fn bad_date_is_a_clear_error() {
    let o = run(&["extract", "--date", "10/01/2024", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("`10/01/2024` is not a date (expected YYYY-MM-DD)"),
        "{err}"
    );
}

#[test]
fn json_format_is_one_array() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", REPORT.as_bytes());
    let b = write(d.path(), "b.txt", b"Second report about Hpapun.\n");
    let o = run(&["extract", "--format", "json", &a, &b]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["path"], b.as_str());
    let o = run(&["extract", "--format", "json", "/no/such/file.txt"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn table_format_is_readable() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", REPORT.as_bytes());
    let o = run(&["extract", "--format", "table", "--date", "2024-01-10", &a]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with(&format!("== {a} — Junta troops abandon camp near Kawlin\n")),
        "{out}"
    );
    assert!(out.contains("published 2024-01-10"), "{out}");
    if !out.contains(" 0 events") {
        // With events: a header row and aligned columns.
        let header = out
            .lines()
            .find(|l| l.trim_start().starts_with("TYPE"))
            .unwrap();
        let col = header.find("COUNT").unwrap();
        for row in out.lines().skip_while(|l| !l.contains("TYPE")).skip(1) {
            assert!(row.len() > col && row.as_bytes()[col - 1] == b' ', "{out}");
        }
    }
}

#[test]
fn many_files_keep_input_order_under_parallelism() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            d.path(),
            &format!("r{i:03}.txt"),
            format!("Report number {i}\n\nFighting continued in Tedim for the {i}th day.\n")
                .as_bytes(),
        );
    }
    let o = run(&["extract", d.path().to_str().unwrap()]);
    let docs = lines(&o);
    assert_eq!(docs.len(), 40);
    for (i, doc) in docs.iter().enumerate() {
        assert!(doc["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("r{i:03}.txt")));
    }
}

#[test]
fn extra_gazetteer_files_add_places_for_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("camps.tsv");
    std::fs::write(
        &tsv,
        "# id\tname\tkind\tprecision\tadmin1\ttownship_pcode\tlat\tlon\taliases\n\
         user:camp-1\tThit Sar Aye Camp\tidp_camp\tsite\tSagaing\t\t22.5\t95.1\tThitsar Aye Camp\n",
    )
    .unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(
        &report,
        "Junta jets bombed Thitsar Aye Camp on Tuesday, killing four displaced people.\n",
    )
    .unwrap();
    let with = |extra: &[&str]| {
        let mut args = vec!["extract", "--date", "2024-03-08"];
        args.extend_from_slice(extra);
        args.push(report.to_str().unwrap());
        sitrep()
            .args(&args)
            .env("XDG_DATA_HOME", dir.path())
            .env_remove("SITREP_GAZETTEER")
            .output()
            .unwrap()
    };
    let o = with(&["--gazetteer", tsv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = &lines(&o)[0];
    let loc = &doc["events"][0]["location"];
    assert_eq!(loc["place_id"], "user:camp-1", "{doc:#}");
    assert_eq!(loc["admin1"], "Sagaing");

    let o = with(&[]);
    let doc = &lines(&o)[0];
    assert_ne!(doc["events"][0]["location"]["place_id"], "user:camp-1");

    let o = with(&["--gazetteer", "/nonexistent/places.tsv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/nonexistent/places.tsv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    let mut child = sitrep()
        .args([
            "extract",
            "--format",
            "jsonl",
            "--date",
            "2024-01-10",
            "examples/",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR").to_string() + "/../..")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
