//! Reliability of the store under `sitrep ingest`: kill -9 mid-way,
//! concurrent readers, bad database files, unwritable places.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use sitrep_store::Store;

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("SITREP_DB")
        .output()
        .expect("run sitrep")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder of `n` short generated reports (varied words, places, numbers).
fn corpus(dir: &Path, n: usize) {
    let places = [
        "Lashio", "Kawlin", "Myawaddy", "Hpakant", "Kalay", "Mindat", "Loikaw", "Sittwe",
    ];
    let groups = [
        "the Arakan Army",
        "the MNDAA",
        "the KIA",
        "local PDF fighters",
        "the TNLA",
    ];
    let verbs = [
        "surrendered to",
        "clashed with",
        "were ambushed by",
        "fled from",
        "were captured by",
    ];
    for i in 0..n {
        let sub = dir.join(format!("d{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let text = format!(
            "Report {i}. About {} junta soldiers {} {} near {} on Tuesday, a local source said. \
             Residents said {} houses were burned and {} people fled the area.\n",
            10 + i % 90,
            verbs[i % verbs.len()],
            groups[(i / 3) % groups.len()],
            places[(i / 7) % places.len()],
            i % 40,
            100 + i
        );
        std::fs::write(sub.join(format!("r{i:05}.txt")), text).unwrap();
    }
}

/// doc_id -> number of events, for every stored document.
fn events_per_doc(db: &Path) -> HashMap<String, i64> {
    let s = Store::open_read_only(db).unwrap();
    let mut stmt = s
        .connection()
        .prepare(
            "SELECT d.doc_id, (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) FROM documents d",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

fn integrity_ok(db: &Path) {
    let s = Store::open_read_only(db).unwrap();
    let r: String = s
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r, "ok");
    let fk: i64 = s
        .connection()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "foreign key violations");
}

#[test]
fn kill_during_ingest_leaves_whole_documents_and_a_rerun_completes() {
    let t = tempfile::tempdir().unwrap();
    let docs = t.path().join("corpus");
    let n = 4000;
    corpus(&docs, n);
    let docs_s = docs.to_str().unwrap();

    // Reference: a complete, uninterrupted ingest.
    let reference = t.path().join("ref.db");
    let o = sitrep(&[
        "ingest",
        "--quiet",
        "--db",
        reference.to_str().unwrap(),
        docs_s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = events_per_doc(&reference);
    assert_eq!(expected.len(), n);

    // The run we kill.
    let db = t.path().join("killed.db");
    let dbs = db.to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["ingest", "--quiet", "--batch", "8", "--db", dbs, docs_s])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, reading concurrently meanwhile.
    let start = Instant::now();
    let mut readers_ok = 0;
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "ingest never committed"
        );
        std::thread::sleep(Duration::from_millis(15));
        // The schema is created in one transaction: once it opens, it is whole.
        if !db.exists() || Store::open_read_only(&db).is_err() {
            continue;
        }
        // A concurrent reader: `sitrep events` while ingest writes.
        let o = sitrep(&["events", "--db", dbs, "--format", "jsonl", "--limit", "5"]);
        assert!(
            o.status.success(),
            "reader failed during ingest: {}",
            stderr(&o)
        );
        readers_ok += 1;
        let count = Store::open_read_only(&db)
            .map(|s| s.documents_count().unwrap_or(0))
            .unwrap_or(0);
        if count >= 40 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(readers_ok > 0);

    integrity_ok(&db);
    let partial = events_per_doc(&db);
    assert!(!partial.is_empty());
    assert!(
        partial.len() < n,
        "ingest finished before the kill; the corpus is too small for this machine"
    );
    for (doc, k) in &partial {
        assert_eq!(
            Some(k),
            expected.get(doc),
            "document {doc} stored with part of its events"
        );
    }

    // Rerun: completes the job, skipping what is stored.
    let o = sitrep(&["ingest", "--db", dbs, docs_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{} duplicates", partial.len())),
        "{}",
        stderr(&o)
    );
    integrity_ok(&db);
    assert_eq!(events_per_doc(&db), expected);
}

/// The file's bytes, to compare before and after.
fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn a_report(dir: &Path) -> String {
    let p = dir.join("r.txt");
    std::fs::write(&p, "Troops shelled a village near Loikaw on Monday.\n").unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_non_sqlite_database_file_is_refused_untouched() {
    let t = tempfile::tempdir().unwrap();
    let r = a_report(t.path());
    let db = t.path().join("notes.db");
    std::fs::write(&db, "these are my notes, not a database\n".repeat(50)).unwrap();
    let before = sha(&db);
    for args in [
        vec!["ingest", "--db", db.to_str().unwrap(), r.as_str()],
        vec!["events", "--db", db.to_str().unwrap()],
        vec!["export", "--format", "jsonl", "--db", db.to_str().unwrap()],
        vec!["reextract", "--db", db.to_str().unwrap()],
    ] {
        let o = sitrep(&args);
        assert!(!o.status.success(), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("notes.db") && e.contains("not a sitrep database"),
            "{e}"
        );
    }
    assert_eq!(sha(&db), before);
    assert!(!t.path().join("notes.db-wal").exists());
}

#[test]
fn a_corrupt_database_is_refused_untouched() {
    let t = tempfile::tempdir().unwrap();
    let r = a_report(t.path());
    let db = t.path().join("c.db");
    let o = sitrep(&["ingest", "--db", db.to_str().unwrap(), &r]);
    assert!(o.status.success());
    // Damage the schema page (page 1 after the 100-byte header).
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[100..1500] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let before = sha(&db);
    let o = sitrep(&["ingest", "--db", db.to_str().unwrap(), &r]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("c.db"), "{e}");
    assert!(
        e.contains("not a sitrep database") || e.contains("malformed"),
        "{e}"
    );
    assert_eq!(sha(&db), before);
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("other.db");
    {
        let c = sitrep_store::rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
    }
    let before = sha(&db);
    let o = sitrep(&["ingest", "--db", db.to_str().unwrap(), &a_report(t.path())]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("another program"), "{}", stderr(&o));
    assert_eq!(sha(&db), before);
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let t = tempfile::tempdir().unwrap();
    let r = a_report(t.path());
    let db = t.path().join("new.db");
    let o = sitrep(&["ingest", "--db", db.to_str().unwrap(), &r]);
    assert!(o.status.success());
    {
        let s = Store::open(&db).unwrap();
        s.connection()
            .execute_batch(
                "INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01'); PRAGMA user_version = 9999;",
            )
            .unwrap();
    }
    let before = sha(&db);
    for args in [
        vec!["ingest", "--db", db.to_str().unwrap(), r.as_str()],
        vec!["events", "--db", db.to_str().unwrap()],
    ] {
        let o = sitrep(&args);
        assert!(!o.status.success());
        let e = stderr(&o);
        assert!(e.contains("new.db") && e.contains("newer"), "{e}");
    }
    assert_eq!(sha(&db), before);
}

#[test]
fn an_unwritable_place_is_a_clear_error() {
    let t = tempfile::tempdir().unwrap();
    let r = a_report(t.path());
    // A regular file as the "folder": nobody, root included, can create below it.
    let blocker = t.path().join("plainfile");
    std::fs::write(&blocker, "x").unwrap();
    let db = blocker.join("s.db");
    let o = sitrep(&["ingest", "--db", db.to_str().unwrap(), &r]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("plainfile/s.db") && e.contains("cannot open"),
        "{e}"
    );
    // A folder given as the database.
    let o = sitrep(&["ingest", "--db", t.path().to_str().unwrap(), &r]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    // Reading a database that does not exist does not create it.
    let missing = t.path().join("missing.db");
    let o = sitrep(&["events", "--db", missing.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no database here"), "{}", stderr(&o));
    assert!(!missing.exists());
}
