//! The library from the command line: import, the commands on it, and
//! that it says the same as reading the files directly.

#[path = "support/isolated.rs"]
mod isolated;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            tmp: tempfile::TempDir::new().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        isolated::sahifa()
            .arg("--data-dir")
            .arg(self.data())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("SAHIFA_CRASH_POINT")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

/// Files that look like the world: a JSONL export with metadata and a bad
/// line, a JSON array with other ids, a directory of pages.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let jsonl = dir.join("feed.jsonl");
    let mut lines = vec![
        serde_json::json!({"id": "r1", "title": "روسيا تنسحب من خيرسون", "body": "قالت وزارة الدفاع إن القوات انسحبت.\nوأضافت أن «الوضع مستقر».", "source": "وكالة الأنباء", "url": "https://news.example/r1", "published": "2022-11-11T10:00:00Z", "tags": ["حرب"]}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": "r2", "title": "Talks \u{1b}[2J resume", "paragraphs": ["The minister said <b>we</b> will talk.", "وللدروع الأوكرانية دور."], "lang": "en"}).to_string(),
        serde_json::json!({"title": "بلا معرّف", "body": "نص بلا معرف في الخبر"}).to_string(),
    ];
    lines.push(String::new());
    fs::write(&jsonl, lines.join("\n")).unwrap();
    let array = dir.join("archive.json");
    fs::write(
        &array,
        serde_json::json!([
            {"id": 7, "title": "حلف شمال الأطلسي يجتمع", "body": "اجتمع وزراء حلف شمال الأطلسي في بروكسل."},
            {"id": "r1", "title": "مكرر", "body": "معرف مكرر في ملف آخر"}
        ])
        .to_string(),
    )
    .unwrap();
    let pages = dir.join("pages");
    sahifa::corpus::synthetic::write(40, 9, &pages).unwrap();
    vec![jsonl, array, pages]
}

fn strs(paths: &[PathBuf]) -> Vec<&str> {
    paths.iter().map(|p| p.to_str().unwrap()).collect()
}

#[test]
fn the_library_says_what_reading_the_files_says() {
    let env = Env::new();
    let files = corpus(env.tmp.path());
    // Start from an empty library: only the imported files are in it.
    let seeds: Vec<String> = env
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seeds.len(), 5, "a new library holds the seeds");
    let mut remove = vec!["remove"];
    remove.extend(seeds.iter().map(String::as_str));
    env.ok(&remove);
    let mut import = vec!["import"];
    import.extend(strs(&files));
    let out = env.run(&import);
    assert!(out.status.success());
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.starts_with("added 45, updated 0, unchanged 0, skipped 0"),
        "{summary}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("feed.jsonl:2") && err.contains("duplicate id \"r1\""),
        "{err}"
    );

    let direct = |args: &[&str]| {
        let mut all = Vec::new();
        for f in strs(&files) {
            all.extend(["--corpus", f]);
        }
        all.extend(args);
        env.run(&all)
    };
    for args in [
        vec!["list", "--json"],
        vec!["list", "--visual", "never"],
        vec!["show", "r2", "--json"],
        vec!["show", "r1", "--raw", "--visual", "never"],
        vec!["search", "خيرسون", "--json"],
        vec!["search", "الدروع", "--json"],
        vec!["search", "\"حلف شمال\"", "--visual", "never"],
        vec!["search", "روسيا -زابوريجيا", "--json"],
        vec!["search", "minister", "--visual", "never"],
        vec!["search", "بلينكن", "--json"],
        vec!["entities", "r1", "--json"],
    ] {
        let library = env.run(&args);
        let files = direct(&args);
        assert!(library.status.success(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&library.stdout),
            String::from_utf8_lossy(&files.stdout),
            "{args:?}"
        );
        if args[0] == "search" {
            // "N of M articles · K matches" (the files' warnings aside).
            let last = |o: &Output| -> Vec<String> {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .filter(|l| !l.starts_with("sahifa: warning:"))
                    .map(String::from)
                    .collect()
            };
            assert_eq!(last(&library), last(&files), "{args:?}");
        }
    }
    let rows = env.json(&["list", "--json"]);
    let r1 = &rows[0];
    assert_eq!(r1["source"], "وكالة الأنباء");
    assert_eq!(r1["published"], "2022-11-11T10:00:00Z");
    assert_eq!(r1["url"], "https://news.example/r1");
}

#[test]
fn importing_again_adds_nothing_and_a_changed_article_is_updated() {
    let env = Env::new();
    let feed = env.path("feed.jsonl");
    let write = |body: &str| {
        let rec = serde_json::json!({"id": "a1", "title": "خبر", "body": body});
        fs::write(&feed, rec.to_string()).unwrap();
    };
    write("الفقرة الأولى\nالفقرة الثانية");
    let f = feed.to_str().unwrap();
    assert!(env
        .ok(&["import", f])
        .starts_with("added 1, updated 0, unchanged 0"));
    assert!(env
        .ok(&["import", f])
        .starts_with("added 0, updated 0, unchanged 1"));
    // A bookmark on paragraph 2, then a paragraph is inserted before it.
    env.ok(&["bookmarks", "add", "a1", "--paragraph", "2"]);
    write("مقدمة جديدة\nالفقرة الأولى\nالفقرة الثانية");
    let out = env.run(&["import", "--json", f]);
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (summary["added"].clone(), summary["updated"].clone()),
        (0.into(), 1.into())
    );
    assert_eq!(summary["articles"], 6);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 found at new paragraphs"), "{err}");
    let marks = env.json(&["bookmarks", "list", "--json"]);
    assert_eq!(marks[0]["from"], 3, "re-anchored: {marks}");
    assert_eq!(marks[0]["status"], "found");
}

#[test]
fn corpus_never_creates_or_reads_the_library() {
    let env = Env::new();
    let files = corpus(env.tmp.path());
    env.ok(&["--corpus", files[0].to_str().unwrap(), "list"]);
    env.ok(&["--corpus", files[0].to_str().unwrap(), "search", "خيرسون"]);
    assert!(!env.data().join("library.db").exists());
    let out = env.run(&["--corpus", files[0].to_str().unwrap(), "import", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ids_people_type_are_checked() {
    let env = Env::new();
    let out = env.run(&["show", "00"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("ambiguous: 5 articles start with 00: 000_"),
        "{err}"
    );
    let out = env.run(&["remove", "nope", "000"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        env.json(&["library", "--json"])["articles"],
        5,
        "nothing removed"
    );
    assert!(env.ok(&["remove", "000"]).contains("000_4eab74525d7f3c58"));
    let info = env.json(&["library", "--json"]);
    assert_eq!(info["articles"], 4);
    assert!(info["bytes"].as_u64().unwrap() > 0);
    let out = env.run(&["import", "/no/such/file.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "sahifa: /no/such/file.jsonl: no such file or directory\n"
    );
}

#[test]
fn a_damaged_library_is_moved_aside_with_a_clear_message() {
    let env = Env::new();
    fs::create_dir_all(env.data()).unwrap();
    let db = env.data().join("library.db");
    fs::write(&db, "PK\u{3}\u{4} a zip file, not a library".repeat(50)).unwrap();
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("library.db is damaged") && err.contains("corrupt-"),
        "{err}"
    );
    let moved: Vec<_> = fs::read_dir(env.data())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert!(fs::read_to_string(moved[0].path())
        .unwrap()
        .starts_with("PK"));
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 5);
}

#[test]
fn a_newer_library_is_not_written_to() {
    let env = Env::new();
    env.ok(&["library"]);
    let db = env.data().join("library.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 7; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let before = fs::read(&db).unwrap();
    let feed = env.path("f.jsonl");
    fs::write(&feed, r#"{"title":"t","body":"b"}"#).unwrap();
    for args in [
        vec!["import", feed.to_str().unwrap()],
        vec!["remove", "000"],
        vec!["list"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("newer sahifa (library schema 7"), "{err}");
    }
    assert_eq!(fs::read(&db).unwrap(), before);
}
