//! Bad input never stops a corpus from loading: each case is skipped or
//! repaired with a warning that names the place.

use sahifa::corpus::{Corpus, LoadError};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn load(paths: &[PathBuf]) -> Corpus {
    Corpus::load(paths).expect("loads")
}

const PAGE: &str = "عنوان الخبر\n\nفقرة أولى.\n";

#[test]
fn non_utf8_is_decoded_lossily_with_the_offset() {
    let dir = TempDir::new().unwrap();
    let mut bytes = "عنوان\n\nنص".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(" باقي.\n".as_bytes());
    let path = write(dir.path(), "bad.txt", bytes);
    let c = load(&[path]);
    assert_eq!(c.articles.len(), 1);
    assert!(c.articles[0].paragraphs[0].contains('\u{fffd}'));
    assert_eq!(c.warnings.len(), 1, "warned once");
    assert!(c.warnings[0].place.ends_with("bad.txt"));
    assert!(
        c.warnings[0].message.contains(&format!("byte {offset}")),
        "{}",
        c.warnings[0]
    );
}

#[test]
fn empty_file_and_empty_body_are_skipped_by_name() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a_empty.txt", "");
    write(
        dir.path(),
        "b_furniture.txt",
        "التخطي إلى المحتوى\n\nتعليقات\n",
    );
    write(dir.path(), "c_empty.json", "[]");
    write(dir.path(), "d_ok.txt", PAGE);
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 1);
    let places: Vec<_> = c.warnings.iter().map(|w| w.to_string()).collect();
    for name in ["a_empty.txt", "b_furniture.txt", "c_empty.json"] {
        assert!(
            places
                .iter()
                .any(|p| p.contains(name) && p.contains("empty")),
            "{places:?}"
        );
    }
}

#[test]
fn binary_file_in_a_directory_is_skipped() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "image.txt",
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13],
    );
    write(dir.path(), "ok.txt", PAGE);
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 1);
    assert!(c.warnings[0].message.contains("binary"));
}

#[test]
fn malformed_json_file_and_bad_jsonl_line_are_reported_with_their_place() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "broken.json",
        "[{\"title\": \"t\", \"body\": \"x\"},\n {oops}]",
    );
    let lines = [
        r#"{"title": "أ", "body": "نص أول."}"#,
        r#"{"title": "ب", "body": "#,
        "",
        r#"{"title": "ج", "paragraphs": ["نص ثالث."], "lang": "ar", "tags": ["x"]}"#,
    ];
    write(dir.path(), "feed.jsonl", lines.join("\n"));
    let c = load(&[dir.path().to_path_buf()]);
    let titles: Vec<_> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["أ", "ج"]);
    let w: Vec<_> = c.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("broken.json:2:") && w.contains("malformed JSON")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("feed.jsonl:2:") && w.contains("record skipped")),
        "{w:?}"
    );
    assert_eq!(c.articles[1].meta.lang.as_deref(), Some("ar"));
    assert!(
        c.articles[1].meta.extra.contains_key("tags"),
        "unknown fields kept"
    );
    assert!(c.articles[1].source.ends_with("feed.jsonl:4"));
}

#[test]
fn a_missing_path_is_an_error_not_a_panic() {
    let err = Corpus::load(&[PathBuf::from("/no/such/corpus")]).unwrap_err();
    assert!(matches!(err, LoadError::NotFound(_)));
    assert_eq!(
        err.to_string(),
        "/no/such/corpus: no such file or directory"
    );
}

#[test]
fn duplicate_ids_are_made_unique_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let rec = r#"{"id": "x", "title": "t", "body": "b"}"#;
    write(dir.path(), "a.jsonl", format!("{rec}\n{rec}\n{rec}\n"));
    let c = load(&[dir.path().to_path_buf()]);
    let ids: Vec<_> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["x", "x-2", "x-3"]);
    assert_eq!(
        c.warnings
            .iter()
            .filter(|w| w.message.contains("duplicate id"))
            .count(),
        2
    );
}

#[test]
fn control_characters_are_stored_as_written() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "esc.txt", "عنوان\n\nنص \u{1b}[2J خطير\u{9b}.\n");
    let c = load(&[path]);
    assert!(c.articles[0].paragraphs[0].contains("\u{1b}[2J"));
}

#[test]
fn one_bad_file_among_a_thousand_leaves_the_rest() {
    let dir = TempDir::new().unwrap();
    for i in 0..1000 {
        let name = format!("d{}/a{i:04}.txt", i % 7);
        if i == 500 {
            write(dir.path(), &name, [0u8, 1, 2, 3]);
        } else {
            write(dir.path(), &name, format!("عنوان {i}\n\nفقرة رقم {i}.\n"));
        }
    }
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 999);
    assert_eq!(c.warnings.len(), 1);
    // Sorted by path: d0/a0000, d0/a0007, …
    assert_eq!(c.articles[0].id, "a0000");
    assert_eq!(c.articles[1].id, "a0007");
}

#[test]
fn directories_are_walked_recursively_and_sorted_and_formats_mixed() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "b/page.txt", PAGE);
    write(
        dir.path(),
        "a/list.json",
        r#"[{"title": "ج", "body": "ن", "published": "2022-11-11"}]"#,
    );
    write(dir.path(), "a/notes.md", "ignored");
    write(dir.path(), ".hidden/x.txt", PAGE);
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.articles[0].title, "ج");
    assert_eq!(c.articles[0].meta.published.as_deref(), Some("2022-11-11"));
    assert_eq!(c.articles[1].id, "page");
}

#[test]
fn a_symlink_loop_in_a_corpus_directory_is_walked_once() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a/page.txt", PAGE);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).unwrap();
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 1, "the page once, not once per loop");
}
