//! `sahifa bookmarks` when things go wrong: several processes at once, a
//! crash mid-save, damaged and newer files, an unwritable data dir.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::Env;

#[test]
fn processes_saving_at_once_lose_nothing() {
    let env = Env::new();
    env.ok(&["bookmarks", "add", "ar1", "--paragraph", "1"]);
    let children: Vec<_> = (0..8)
        .map(|i| {
            let note = format!("process {i}");
            env.command(&[
                "bookmarks",
                "add",
                "ar1",
                "--paragraph",
                "2",
                "--note",
                &note,
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let mut ids: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .collect();
    let rows = env.list();
    assert_eq!(rows.len(), 9);
    let mut listed: Vec<String> = rows[1..]
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    listed.sort();
    assert_eq!(ids, listed);
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file() {
    let env = Env::new();
    env.ok(&["bookmarks", "add", "ar1", "--paragraph", "1"]);
    let path = env.data().join("bookmarks.json");
    let before = fs::read(&path).unwrap();
    let crashed = env
        .command(&["bookmarks", "add", "ar1", "--paragraph", "2"])
        .env("SAHIFA_CRASH_POINT", "after-temp-write")
        .output()
        .unwrap();
    assert_eq!(
        crashed.status.code(),
        Some(86),
        "the crash point was reached"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "old file intact");
    assert_eq!(
        temp_files(&env.data()).len(),
        1,
        "the new content was only in a temp file"
    );
    assert_eq!(env.list().len(), 1);
    env.ok(&["bookmarks", "add", "ar1", "--paragraph", "3"]);
    assert_eq!(env.list().len(), 2);
    assert!(
        temp_files(&env.data()).is_empty(),
        "the next save cleans up"
    );
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

#[test]
fn damaged_and_newer_files_are_kept_and_the_cli_still_runs() {
    let env = Env::new();
    fs::create_dir_all(env.data()).unwrap();
    let path = env.data().join("bookmarks.json");
    fs::write(&path, "not json at all").unwrap();
    let out = env.run(&["bookmarks", "list"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is damaged") && err.contains("bookmarks.json.corrupt-"),
        "{err}"
    );
    env.ok(&["bookmarks", "add", "ar1", "--paragraph", "1"]);
    assert_eq!(env.list().len(), 1);

    let newer = "{\"schema\": 9, \"bookmarks\": []}";
    fs::write(&path, newer).unwrap();
    let out = env.run(&["bookmarks", "add", "ar1", "--paragraph", "1"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer sahifa (schema 9)"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert!(env.run(&["bookmarks", "list"]).status.success());
    assert!(
        env.run(&["list"]).status.success(),
        "the rest of the CLI is unaffected"
    );
}

#[test]
fn an_unwritable_data_dir_is_one_clear_error() {
    let env = Env::new();
    fs::write(env.data(), "a file, not a directory").unwrap();
    let out = env.run(&["bookmarks", "add", "ar1", "--paragraph", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sahifa: cannot save bookmarks in "), "{err}");
}
