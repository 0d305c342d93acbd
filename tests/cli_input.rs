//! What a user can get wrong, and text that tries to break the line-based
//! output: ambiguous ids, empty queries, a missing config file, absurd
//! widths, line breaks in titles and notes, a newer bookmarks file.

#[path = "support/isolated.rs"]
mod isolated;

mod support;

use std::fs;
use std::process::Output;
use support::{assert_bad_input, Env};

fn sahifa(args: &[&str]) -> Output {
    isolated::sahifa()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

#[test]
fn an_ambiguous_prefix_is_reported_with_the_candidates() {
    let out = sahifa(&["show", "00"]);
    assert_bad_input(
        &out,
        "ambiguous: 5 articles start with 00: 000_4eab74525d7f3c58, 001_",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("004_3d76b183650e0d8d"), "{err}");
    assert_bad_input(&sahifa(&["entities", "00"]), "ambiguous: 5 articles");
    // Unknown stays unknown, with the hint.
    assert_bad_input(
        &sahifa(&["show", "9"]),
        "no article with id \"9\" (see `sahifa list`)",
    );

    let env = Env::new();
    fs::create_dir_all(env.data()).unwrap();
    let bookmark = |id: &str| {
        serde_json::json!({"id": id, "article": "ar1", "title": "t", "source": "s",
            "from": 1, "to": 1, "created": "2026-11-23T01:50:51Z", "text": [support::P1],
            "text_hash": "h"})
    };
    let file = serde_json::json!({"schema": 1, "bookmarks": [bookmark("ab12"), bookmark("ab34")]});
    fs::write(env.data().join("bookmarks.json"), file.to_string()).unwrap();
    let out = env.run(&["bookmarks", "remove", "ab"]);
    assert_bad_input(&out, "ambiguous: 2 bookmarks start with ab: ab12, ab34");
    assert_eq!(env.list().len(), 2, "nothing removed");
    env.ok(&["bookmarks", "remove", "ab3"]);
    assert_eq!(env.list().len(), 1);
}

#[test]
fn an_empty_query_is_an_error() {
    let env = Env::new();
    for q in ["", "-", "\"\"", "  ", "«»", "-\"\""] {
        assert_bad_input(&sahifa(&["search", "--", q]), "empty query");
        // The same with a corpus given, which is searched as it is read.
        assert_bad_input(&env.run(&["search", "--", q]), "empty query");
    }
    // An exclusion alone is a query: every article without the word.
    assert!(sahifa(&["search", "--", "-روسيا"]).status.success());
}

#[test]
fn a_missing_config_file_named_on_the_command_line_is_an_error() {
    let out = sahifa(&["--config", "/nonexistent/sahifa.toml", "list"]);
    assert_bad_input(&out, "/nonexistent/sahifa.toml: no such config file");
    assert!(out.stdout.is_empty());
}

#[test]
fn widths_below_ten_columns_are_refused() {
    for w in ["0", "9", "wide"] {
        let out = sahifa(&["show", "001", "--width", w]);
        assert_eq!(out.status.code(), Some(2), "--width {w}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--width"));
        let out = sahifa(&["render", "--width", w]);
        assert_eq!(out.status.code(), Some(2), "render --width {w}");
    }
    assert!(
        sahifa(&["show", "001", "--width", "10", "--visual", "always"])
            .status
            .success()
    );
}

#[test]
fn titles_and_notes_with_line_breaks_stay_on_one_line() {
    let env = Env::new();
    env.write_corpus(&[
        ("nl1", "عنوان\nمن سطرين", &[support::P1, support::P2]),
        ("nl2", "Title\r\nwith CRLF\u{2028}and LS", &[support::EN]),
        ("id\nbreak", "عادي", &[support::P3]),
    ]);
    let list = env.ok(&["list", "--visual", "never"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("عنوان⏎من سطرين"), "{list}");
    assert!(list.contains("Title⏎with CRLF⏎and LS"), "{list}");
    assert!(list.contains("id⏎break"), "{list}");
    for visual in ["always", "never"] {
        let list = env.ok(&["list", "--visual", visual]);
        assert_eq!(list.lines().count(), 3, "{visual}: {list}");
    }
    let found = env.ok(&["search", "سطرين", "--visual", "never"]);
    assert_eq!(
        found.lines().count(),
        2,
        "title line and one passage: {found}"
    );

    env.ok(&[
        "bookmarks",
        "add",
        "nl1",
        "--paragraph",
        "1",
        "--note",
        "أولا\nثانيا\n\nثالثا",
    ]);
    env.ok(&["bookmarks", "add", "nl2", "--paragraph", "1"]);
    let listed = env.ok(&["bookmarks", "list", "--visual", "never"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.contains("note: أولا⏎ثانيا⏎⏎ثالثا"), "{listed}");
}

#[test]
fn a_newer_bookmarks_file_is_copied_once() {
    let env = Env::new();
    fs::create_dir_all(env.data()).unwrap();
    let path = env.data().join("bookmarks.json");
    let newer = "{\"schema\": 9, \"bookmarks\": []}";
    fs::write(&path, newer).unwrap();
    for _ in 0..3 {
        let out = env.run(&["bookmarks", "list"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("newer sahifa (schema 9)"));
    }
    let copies: Vec<_> = fs::read_dir(env.data())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.json.newer-")
        })
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(fs::read_to_string(copies[0].path()).unwrap(), newer);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer, "left in place");
}
