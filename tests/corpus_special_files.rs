//! Only regular files are read, and never more than the size limit: a FIFO
//! can hang nothing, a huge JSONL line is skipped in constant memory, and
//! the rest always loads.

#[path = "support/isolated.rs"]
mod isolated;

use sahifa::corpus::{Corpus, LoadError, LoadOptions, Progress, WarningKind};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

const PAGE: &str = "عنوان الخبر\n\nفقرة أولى.\n";

/// Runs sahifa with `args`, killed after 20 s (a hang is a failure, not a
/// test run that never ends).
fn sahifa(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = isolated::sahifa()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs sahifa");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("sahifa {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_given_as_the_corpus_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("news.jsonl");
    mkfifo(&fifo);
    match Corpus::files(std::slice::from_ref(&fifo)) {
        Err(LoadError::NotRegular { kind, .. }) => assert_eq!(kind, "a FIFO"),
        other => panic!("{other:?}"),
    }
    let (code, _, err) = sahifa(&["--corpus", fifo.to_str().unwrap(), "list"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("news.jsonl") && err.contains("FIFO"), "{err}");
}

#[test]
fn a_fifo_inside_a_directory_is_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PAGE);
    mkfifo(&dir.path().join("b.txt"));
    write(dir.path(), "c.txt", PAGE);
    let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert_eq!(c.warnings[0].kind, WarningKind::NotRegular);
    assert!(c.warnings[0].place.ends_with("b.txt"));
    // The command line and the streamed search alike.
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = sahifa(&["--corpus", path, "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 2);
    assert!(err.contains("b.txt: a FIFO; skipped"), "{err}");
    let (code, _, err) = sahifa(&["--corpus", path, "search", "فقرة"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("2 of 2 articles"), "{err}");
}

#[test]
fn a_jsonl_line_over_the_limit_is_skipped_with_its_number() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = fs::File::create(&path).unwrap();
    let record =
        |i: usize| format!("{{\"id\": \"r{i}\", \"title\": \"خبر {i}\", \"body\": \"نص.\"}}\n");
    file.write_all(record(1).as_bytes()).unwrap();
    // Line 2: 40 MB, held nowhere.
    let huge = format!(
        "{{\"title\": \"x\", \"body\": \"{}\"}}\n",
        "ن".repeat(20 << 20)
    );
    file.write_all(huge.as_bytes()).unwrap();
    file.write_all(record(3).as_bytes()).unwrap();
    drop(file);
    let options = LoadOptions {
        max_record_bytes: 1 << 20,
    };
    let c = Corpus::load_with_options(std::slice::from_ref(&path), &options, &Progress::default())
        .unwrap();
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r3"]);
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert_eq!(c.warnings[0].kind, WarningKind::TooLarge);
    assert!(
        c.warnings[0].place.ends_with("big.jsonl:2"),
        "{}",
        c.warnings[0]
    );
    // The same from the command line, with the limit as a flag.
    let (code, out, err) = sahifa(&[
        "--max-record-mb",
        "1",
        "--corpus",
        path.to_str().unwrap(),
        "list",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        err.contains("big.jsonl:2: ") && err.contains("limit of 1 MB"),
        "{err}"
    );
}

#[test]
fn a_sparse_line_far_over_the_limit_is_passed_over_quickly() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("sparse.jsonl");
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(b"{\"title\": \"a\", \"body\": \"b\"}\n{\"title\": \"")
        .unwrap();
    // A hole of 256 MB (zero bytes, no newline), then the line's end and
    // one more record. (The 2 GB line of the issue is measured in the
    // README, with the release build.)
    file.set_len(256 << 20).unwrap();
    drop(file);
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(b"\"}\n{\"title\": \"c\", \"body\": \"d\"}\n")
        .unwrap();
    drop(file);
    let options = LoadOptions {
        max_record_bytes: 4 << 20,
    };
    let start = Instant::now();
    let c = Corpus::load_with_options(std::slice::from_ref(&path), &options, &Progress::default())
        .unwrap();
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["a", "c"]);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.place.ends_with("sparse.jsonl:2")),
        "{:?}",
        c.warnings
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_json_file_or_page_over_the_limit_is_skipped_and_the_rest_loads() {
    let dir = TempDir::new().unwrap();
    let big = format!(
        "[{{\"title\": \"t\", \"body\": \"{}\"}}]",
        "x".repeat(3 << 20)
    );
    write(dir.path(), "a.json", big);
    write(
        dir.path(),
        "b.txt",
        format!("عنوان\n\n{}\n", "ن ".repeat(2 << 20)),
    );
    write(dir.path(), "c.txt", PAGE);
    let options = LoadOptions {
        max_record_bytes: 1 << 20,
    };
    let c = Corpus::load_with_options(&[dir.path().to_path_buf()], &options, &Progress::default())
        .unwrap();
    assert_eq!(c.articles.len(), 1);
    let kinds: Vec<WarningKind> = c.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::TooLarge, WarningKind::TooLarge]);
}

#[test]
fn warnings_are_grouped_by_kind_unless_verbose() {
    let dir = TempDir::new().unwrap();
    let lines: String = (0..50)
        .map(|i| format!("{{\"title\": \"t{i}\", \"body\": \"b\", \"date\": \"غدا {i}\"}}\n"))
        .collect();
    let path = write(dir.path(), "d.jsonl", lines);
    let path = path.to_str().unwrap();
    let (code, _, err) = sahifa(&["--corpus", path, "list"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("50 × dates not understood")
            && lines[0].contains("d.jsonl:3")
            && !lines[0].contains("d.jsonl:4")
            && lines[0].contains("and 47 more"),
        "{err}"
    );
    let (_, _, err) = sahifa(&["--corpus", path, "--verbose", "list"]);
    assert_eq!(err.lines().count(), 50, "{err}");
}
