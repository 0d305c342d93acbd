//! The library under stress: an import killed with SIGKILL, imports and
//! readers at the same time.

#[path = "support/isolated.rs"]
mod isolated;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn sahifa(data: &Path) -> Command {
    let mut c = isolated::sahifa();
    c.arg("--data-dir").arg(data).env("NO_COLOR", "1");
    c.env_remove("SAHIFA_CRASH_POINT");
    c
}

fn count(data: &Path) -> usize {
    let out = sahifa(data).args(["library", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    info["articles"].as_u64().unwrap() as usize
}

/// SQLite's own check of every page and index, and the search index's.
fn assert_intact(data: &Path) {
    let conn = rusqlite::Connection::open(data.join("library.db")).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Every article is in the index, and only articles are.
    let mut articles = roaring::RoaringBitmap::new();
    let mut st = conn.prepare("SELECT n FROM articles").unwrap();
    for n in st.query_map([], |r| r.get::<_, u32>(0)).unwrap() {
        articles.insert(n.unwrap());
    }
    for table in ["forms", "prefixes"] {
        let mut indexed = roaring::RoaringBitmap::new();
        let mut st = conn.prepare(&format!("SELECT docs FROM {table}")).unwrap();
        for blob in st.query_map([], |r| r.get::<_, Vec<u8>>(0)).unwrap() {
            indexed |= roaring::RoaringBitmap::deserialize_from(&blob.unwrap()[..]).unwrap();
        }
        assert_eq!(indexed, articles, "{table}");
    }
}

fn generated(dir: &Path, name: &str, count: usize, seed: u64) -> PathBuf {
    let path = dir.join(name);
    sahifa::corpus::synthetic::write(count, seed, &path).unwrap();
    path
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_library_before_or_after() {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = tmp.path().join("data");
    // Over 8 MB, so it is read in blocks and the first is written while
    // the rest is still being read.
    let big = generated(tmp.path(), "big.jsonl", 2_500, 3);
    assert_eq!(count(&data), 5);

    // Killed exactly inside the transaction, with a block written.
    let mut child = sahifa(&data)
        .arg("import")
        .arg(&big)
        .env("SAHIFA_CRASH_POINT", "import-pause")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let paused = stderr
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("paused inside the import transaction"));
    assert!(paused);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_intact(&data);
    assert_eq!(count(&data), 5, "as before the import");

    // Killed at other moments: before, or after, never between.
    for wait_ms in [50, 300, 900, 2_000] {
        let before = count(&data);
        let mut child = sahifa(&data)
            .arg("import")
            .arg(&big)
            .stderr(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_intact(&data);
        let after = count(&data);
        assert!(
            after == before || after == 2_505,
            "{after} articles after a kill at {wait_ms} ms (before: {before})"
        );
    }
    let out = sahifa(&data).arg("import").arg(&big).output().unwrap();
    assert!(out.status.success());
    assert_eq!(count(&data), 2_505);
}

#[test]
fn imports_and_readers_run_at_once() {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let one = generated(tmp.path(), "one.jsonl", 1_500, 11);
    // Pages whose ids (file stems) are those of the JSONL's first 600
    // articles, with other text: whichever import comes second updates them.
    let pages = tmp.path().join("pages");
    sahifa::corpus::synthetic::write(600, 12, &pages).unwrap();
    let spawn = |path: &Path| {
        sahifa(&data)
            .arg("import")
            .arg(path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Create the library first, as the first command would.
    assert_eq!(count(&data), 5);
    let a = spawn(&one);
    let b = spawn(&pages);
    let mut reads = 0;
    let mut done = [false, false];
    let mut children = [a, b];
    while !done.iter().all(|d| *d) {
        for args in [
            vec!["list", "--json"],
            vec!["search", "خيرسون", "--json"],
            vec!["show", "000"],
        ] {
            let out = sahifa(&data).args(&args).output().unwrap();
            assert!(
                out.status.success(),
                "{args:?} during imports: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            reads += 1;
        }
        for (child, done) in children.iter_mut().zip(done.iter_mut()) {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success());
                *done = true;
            }
        }
    }
    assert!(reads >= 3);
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("error") && !err.contains("locked"), "{err}");
    }
    assert_eq!(count(&data), 5 + 1_500);
    assert_intact(&data);
}
