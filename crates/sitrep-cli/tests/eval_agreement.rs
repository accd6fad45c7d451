//! `sitrep eval` agrees with the development set's own scorer
//! (`../shared/eval/run.sh` and `score.py`) on the same binary; skipped with a
//! note when `../shared/eval` or `python3` is absent.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn eval_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    if !d.join("run.sh").is_file() {
        eprintln!("note: ../shared/eval not found; eval agreement test skipped");
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("note: python3 not found; eval agreement test skipped");
        return None;
    }
    Some(d)
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_sitrep")
}

fn stdout(mut c: Command) -> String {
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{:?}: {}",
        c,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn eval_agrees_with_run_sh() {
    let Some(dir) = eval_dir() else { return };
    let mut ours = Command::new(bin());
    ours.args(["eval", "--json", "--per-doc", "--gold"])
        .arg(dir.join("gold"))
        .arg("--docs")
        .arg(dir.join("docs"));
    let ours = stdout(ours);
    let mut theirs = Command::new("bash");
    theirs
        .arg(dir.join("run.sh"))
        .args([bin(), "--json", "--per-doc"]);
    let theirs = stdout(theirs);
    let a: Value = serde_json::from_str(&ours).unwrap();
    let b: Value = serde_json::from_str(&theirs).unwrap();
    assert_eq!(a, b, "sitrep eval:\n{ours}\nrun.sh:\n{theirs}");
    assert_eq!(ours.trim_end(), theirs.trim_end(), "same JSON text");
    eprintln!(
        "sitrep eval = run.sh: tp={} fp={} fn={} F1={} full_match_F1={}",
        a["tp"], a["fp"], a["fn"], a["f1"], a["full_match_f1"]
    );
}

#[test]
fn eval_pred_agrees_with_score_py() {
    let Some(dir) = eval_dir() else { return };
    // Extract the dev set once into a JSON Lines file as run.sh does.
    let tmp = tempfile::tempdir().unwrap();
    let pred = tmp.path().join("pred.jsonl");
    let mut all = String::new();
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    golds.sort();
    for g in golds
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let name = g.file_stem().unwrap().to_str().unwrap();
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let mut c = Command::new(bin());
        c.args([
            "extract",
            "--format",
            "jsonl",
            "--date",
            gold["published"].as_str().unwrap(),
        ])
        .arg(dir.join("docs").join(format!("{name}.txt")));
        all.push_str(&stdout(c));
    }
    std::fs::write(&pred, all).unwrap();
    for flags in [&["--json", "--per-doc"][..], &["--per-doc"][..], &[][..]] {
        let mut ours = Command::new(bin());
        ours.args(["eval", "--gold"])
            .arg(dir.join("gold"))
            .arg("--pred")
            .arg(&pred)
            .args(flags);
        let mut theirs = Command::new("python3");
        theirs
            .arg(dir.join("score.py"))
            .arg(dir.join("gold"))
            .arg(&pred)
            .args(flags);
        assert_eq!(stdout(ours), stdout(theirs), "flags {flags:?}");
    }
    // In-process extraction prints the same text as score.py on the binary's output.
    let mut ours = Command::new(bin());
    ours.args(["eval", "--per-doc", "--gold"])
        .arg(dir.join("gold"))
        .arg("--docs")
        .arg(dir.join("docs"));
    let mut theirs = Command::new("python3");
    theirs
        .arg(dir.join("score.py"))
        .arg(dir.join("gold"))
        .arg(&pred)
        .arg("--per-doc");
    assert_eq!(stdout(ours), stdout(theirs));
}
