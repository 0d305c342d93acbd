use super::*;
use crate::corpus::{Article, Corpus, Progress};
use crate::lookup::LookupError;
use crate::search::{search_articles, Query};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import(lib: &mut Library, paths: &[PathBuf]) -> Summary {
    lib.import(paths, &Progress::default()).unwrap()
}

fn ids(lib: &Library) -> Vec<String> {
    let mut ids = Vec::new();
    lib.list(|r| ids.push(r.id)).unwrap();
    ids
}

fn record(id: &str, title: &str, body: &str, url: Option<&str>) -> String {
    let mut v = serde_json::json!({"id": id, "title": title, "body": body});
    if let Some(url) = url {
        v["url"] = url.into();
    }
    v.to_string()
}

#[test]
fn a_new_library_holds_the_seeds_in_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = Library::open_in(dir.path()).unwrap();
    let seeds: Vec<String> = Corpus::bundled()
        .articles
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids(&lib), seeds);
    let again = Library::open_in(dir.path()).unwrap();
    assert_eq!(again.len().unwrap(), 5, "seeded once");
    let a = lib.find("001").unwrap();
    assert_eq!(a, Corpus::bundled().articles[1], "read back exactly");
}

fn page_size(lib: &Library) -> i64 {
    lib.conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_library_has_big_pages() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = Library::open_in(dir.path()).unwrap();
    assert_eq!(page_size(&lib), open::PAGE_SIZE);
    drop(lib);
    let again = Library::open_in(dir.path()).unwrap();
    assert_eq!(page_size(&again), open::PAGE_SIZE);
}

#[test]
fn import_is_idempotent_and_updates_in_place() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let lines = [
        record(
            "a",
            "عنوان أول",
            "فقرة أولى\nفقرة ثانية",
            Some("https://x/1"),
        ),
        record("b", "عنوان ثان", "نص آخر", None),
    ];
    let file = write(dir.path(), "c.jsonl", &lines.join("\n"));
    let first = import(&mut lib, std::slice::from_ref(&file));
    assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
    let again = import(&mut lib, std::slice::from_ref(&file));
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));

    // "a" rewritten: updated in place (still after the seeds, before "b").
    let lines = [
        record(
            "a",
            "عنوان أول",
            "فقرة جديدة\nفقرة أولى\nفقرة ثانية",
            Some("https://x/1"),
        ),
        record("b", "عنوان ثان", "نص آخر", None),
    ];
    let file = write(dir.path(), "c.jsonl", &lines.join("\n"));
    let changed = import(&mut lib, &[file]);
    assert_eq!(
        (changed.added, changed.updated, changed.unchanged),
        (0, 1, 1)
    );
    assert_eq!(changed.changed, ["a"]);
    assert_eq!(&ids(&lib)[5..], ["a", "b"]);
    assert_eq!(lib.find("a").unwrap().paragraphs.len(), 3);
}

#[test]
fn the_same_url_or_the_same_text_is_not_added_twice() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let one = write(
        dir.path(),
        "one.jsonl",
        &record("x1", "خبر", "النص الأول", Some("https://site/a")),
    );
    import(&mut lib, &[one]);
    // The same url under another id (a content-hash id changes with the
    // text): the library's article is updated, keeping its id.
    let url = write(
        dir.path(),
        "url.jsonl",
        &record("x2", "خبر", "النص المعدل", Some("https://site/a")),
    );
    let s = import(&mut lib, &[url]);
    assert_eq!((s.added, s.updated), (0, 1));
    assert_eq!(lib.find("x1").unwrap().paragraphs, ["النص المعدل"]);
    assert!(lib.get("x2").unwrap().is_none());
    // The same text under a third id: skipped, with the reason.
    let copy = write(
        dir.path(),
        "copy.jsonl",
        &record("x3", "خبر", "النص المعدل", None),
    );
    let s = import(&mut lib, &[copy]);
    assert_eq!(s.added, 0);
    assert_eq!(
        s.skipped.get("same text as article \"x1\""),
        Some(&(1, vec!["x3".to_string()]))
    );
}

#[test]
fn two_copies_of_one_url_in_one_import_keep_it_idempotent() {
    // The same page saved twice (another file name, another outlet): the
    // first copy is stored, the second skipped; importing both again
    // changes nothing (before, each copy updated the article in turn).
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let mut second = serde_json::json!({"id": "p2", "title": "خبر", "body": "النص",
        "url": "https://site/p", "source": "موقع آخر"});
    let lines = [
        record("p1", "خبر", "النص", Some("https://site/p")),
        second.to_string(),
    ];
    let file = write(dir.path(), "p.jsonl", &lines.join("\n"));
    let s = import(&mut lib, std::slice::from_ref(&file));
    assert_eq!((s.added, s.updated, s.skipped_count()), (1, 0, 1));
    assert_eq!(
        s.skipped
            .get("same url as article \"p1\" earlier in this import")
            .map(|(n, _)| *n),
        Some(1)
    );
    let again = import(&mut lib, std::slice::from_ref(&file));
    assert_eq!(
        (
            again.added,
            again.updated,
            again.unchanged,
            again.skipped_count()
        ),
        (0, 0, 1, 1)
    );
    assert_eq!(lib.find("p1").unwrap().meta.outlet, None);
    // A later import with only the second copy updates the article.
    second["id"] = "p3".into();
    let other = write(dir.path(), "q.jsonl", &second.to_string());
    let s = import(&mut lib, &[other]);
    assert_eq!((s.added, s.updated), (0, 1));
}

#[test]
fn repeated_ids_in_one_import_are_renamed_as_the_corpus_does() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let lines = [
        record("d", "أ", "نص أ", None),
        record("d", "ب", "نص ب", None),
    ];
    let file = write(dir.path(), "d.jsonl", &lines.join("\n"));
    let s = import(&mut lib, std::slice::from_ref(&file));
    assert_eq!(s.added, 2);
    let corpus = Corpus::load(std::slice::from_ref(&file)).unwrap();
    let want: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(&ids(&lib)[5..], want);
    let s = import(&mut lib, &[file]);
    assert_eq!(s.unchanged, 2, "idempotent with renamed ids too");
}

#[test]
fn ids_are_found_by_unique_prefix_and_ambiguity_is_explained() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = Library::open(&dir.path().join("l.db")).unwrap();
    assert_eq!(lib.find("003").unwrap().id, "003_35a7aea116d33d6c");
    match lib.find("00") {
        Err(LibraryError::Lookup(LookupError::Ambiguous {
            count, candidates, ..
        })) => {
            assert_eq!(count, 5);
            assert_eq!(candidates.len(), 5);
        }
        other => panic!("{other:?}"),
    }
    let message = lib.find("00").unwrap_err().to_string();
    assert!(
        message.starts_with("ambiguous: 5 articles start with 00: 000_"),
        "{message}"
    );
    let not_found = |r| matches!(r, Err(LibraryError::Lookup(LookupError::NotFound { .. })));
    assert!(not_found(lib.find("zz")));
    assert!(not_found(lib.find("")));
}

#[test]
fn search_finds_exactly_what_the_loaded_corpus_gives() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let file = dir.path().join("g.jsonl");
    crate::corpus::synthetic::write(300, 5, &file).unwrap();
    import(&mut lib, std::slice::from_ref(&file));
    let mut all = Corpus::bundled().articles;
    all.extend(Corpus::load(&[file]).unwrap().articles);
    for q in [
        "خيرسون",
        "خير",
        "وخيرسون",
        "بخيرس",
        "الدروع",
        "\"حلف شمال الأطلسي\"",
        "\"شمال الأط",
        "روسيا -زابوريجيا",
        "-روسيا",
        "nlaw",
        "2022",
        "بلينكن",
        "ال",
        "ا",
    ] {
        let query = Query::parse(q);
        let want: Vec<(String, Vec<crate::search::Hit>)> = search_articles(&all, &query)
            .into_iter()
            .map(|(i, hits)| (all[i].id.clone(), hits))
            .collect();
        let (got, total) = lib.search(&query, |a, hits| (a.id.clone(), hits)).unwrap();
        assert_eq!(total, all.len());
        assert_eq!(got, want, "{q}");
    }
}

#[test]
fn removed_articles_are_gone_from_the_list_and_the_index() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let missing = lib
        .remove(&["000_4eab74525d7f3c58".into(), "nope".into()])
        .unwrap();
    assert_eq!(missing, ["nope"]);
    assert_eq!(lib.len().unwrap(), 4);
    let (found, _) = lib
        .search(&Query::parse("خيرسون"), |a, _| a.id.clone())
        .unwrap();
    assert!(!found.iter().any(|id| id.starts_with("000")), "{found:?}");
}

#[test]
fn an_older_library_is_migrated_with_its_articles_indexed() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    {
        // A version-1 library (no search index) holding one article.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        schema::MIGRATIONS[0](&tx).unwrap();
        tx.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;",
            schema::APPLICATION_ID
        ))
        .unwrap();
        tx.execute(
            "INSERT INTO articles (n, id, title, origin, text_hash, record_hash,
             paragraph_count, word_count, imported_at)
             VALUES (1, 'old', 'عنوان', 'f.txt', 'h', 'r', 1, 3, 't')",
            [],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO texts VALUES (1, '[\"قصف في وخيرسون\"]', '[]')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.version().unwrap(), SCHEMA_VERSION);
    assert_eq!(page_size(&lib), 4096, "an old file keeps its page size");
    assert_eq!(ids(&lib), ["old"], "no seeds added to an existing library");
    let (found, _) = lib
        .search(&Query::parse("خيرس"), |a, _| a.id.clone())
        .unwrap();
    assert_eq!(found, ["old"]);
}

#[test]
fn a_newer_library_is_left_untouched() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("library.db");
    drop(Library::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Library::open(&path) {
        Err(LibraryError::Newer { found: 99, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_library_is_moved_aside_never_overwritten() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("library.db");
    let junk = b"this is not a database, but someone's notes \xd8\xa7".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    let err = Library::open(&path).unwrap_err();
    let LibraryError::Damaged { backup, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(std::fs::read(backup).unwrap(), junk);
    assert!(err.to_string().contains("library.db.corrupt-"), "{err}");
    // The next open starts a new library.
    assert_eq!(Library::open(&path).unwrap().len().unwrap(), 5);
}

#[test]
fn a_truncated_library_is_detected() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("library.db");
    {
        let lib = Library::open(&path).unwrap();
        lib.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        Library::open(&path),
        Err(LibraryError::Damaged { .. })
    ));
}

#[test]
fn another_programs_database_is_not_touched() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("library.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x)")
        .unwrap();
    assert!(matches!(
        Library::open(&path),
        Err(LibraryError::Foreign { .. })
    ));
}

/// Imports 200 generated articles, rewrites 50 of them and removes ten;
/// then the index's articles for one-word queries must be the matches.
fn check_candidates_after_updates_and_removals(lib: &mut Library, dir: &Path) {
    let file = dir.join("g.jsonl");
    crate::corpus::synthetic::write(200, 5, &file).unwrap();
    import(lib, std::slice::from_ref(&file));
    // Rewrite the first 50 with other text (same ids), drop ten others.
    let other = dir.join("other.jsonl");
    crate::corpus::synthetic::write(50, 77, &other).unwrap();
    let s = import(lib, &[other]);
    assert_eq!(s.updated, 50);
    let gone: Vec<String> = (100..110).map(|n| format!("gen{n:07}")).collect();
    assert!(lib.remove(&gone).unwrap().is_empty());
    for q in [
        "خيرسون",
        "خ",
        "خي",
        "وخ",
        "بخيرس",
        "الد",
        "ال",
        "روسيا",
        "زابوريجيا",
        "ستولتنبرغ",
        "2022",
        "nla",
    ] {
        let query = Query::parse(q);
        let docs = index::candidates(&lib.conn, &query).unwrap().unwrap();
        let mut from_index: Vec<String> = docs
            .iter()
            .map(|n| {
                lib.conn
                    .query_row("SELECT id FROM articles WHERE n = ?1", [n], |r| r.get(0))
                    .unwrap()
            })
            .collect();
        from_index.sort();
        let (mut matched, _) = lib.search(&query, |a, _| a.id.clone()).unwrap();
        matched.sort();
        assert_eq!(from_index, matched, "{q}");
    }
}

#[test]
fn one_word_candidates_are_exactly_the_matches_after_updates_and_removals() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    check_candidates_after_updates_and_removals(&mut lib, dir.path());
}

#[test]
fn candidates_are_exact_across_blocks_of_the_index() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    // An article without words just before the second block: the import
    // numbers its articles from 65,501 on, across the block boundary.
    lib.conn
        .execute_batch(
            "INSERT INTO articles (n, id, title, origin, text_hash, record_hash,
             paragraph_count, word_count, imported_at)
             VALUES (65500, 'empty', '', 'f', 'h', 'r', 0, 0, 't');
             INSERT INTO texts VALUES (65500, '[]', '[]');",
        )
        .unwrap();
    check_candidates_after_updates_and_removals(&mut lib, dir.path());
    let rows = index::dump(&lib.conn, "forms");
    let blocks: Vec<u32> = rows.iter().map(|r| r.0).collect();
    assert!(blocks.contains(&0) && blocks.contains(&1), "{blocks:?}");
    for (b, form, docs) in rows {
        assert!(!docs.is_empty(), "{b} {form}");
        assert!(docs.iter().all(|&n| index::block(n) == b), "{b} {form}");
    }
}

#[test]
fn a_version_2_index_is_split_into_blocks() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("v2.db");
    let bitmap = |ns: &[u32]| {
        let mut blob = Vec::new();
        roaring::RoaringBitmap::from_iter(ns.iter().copied())
            .serialize_into(&mut blob)
            .unwrap();
        blob
    };
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        schema::MIGRATIONS[0](&tx).unwrap();
        schema::MIGRATIONS[1](&tx).unwrap();
        tx.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 2;",
            schema::APPLICATION_ID
        ))
        .unwrap();
        for (n, id) in [(1, "a"), (70_000, "b")] {
            tx.execute(
                "INSERT INTO articles (n, id, title, origin, text_hash, record_hash,
                 paragraph_count, word_count, imported_at)
                 VALUES (?1, ?2, 'قصف', 'f', ?2, 'r', 0, 1, 't')",
                rusqlite::params![n, id],
            )
            .unwrap();
            tx.execute("INSERT INTO texts VALUES (?1, '[]', '[]')", [n])
                .unwrap();
        }
        tx.execute(
            "INSERT INTO forms VALUES ('قصف', ?1)",
            [bitmap(&[1, 70_000])],
        )
        .unwrap();
        for p in ["ق", "قص"] {
            tx.execute(
                "INSERT INTO prefixes VALUES (?1, ?2)",
                rusqlite::params![p, bitmap(&[1, 70_000])],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.version().unwrap(), SCHEMA_VERSION);
    let form = |b, ns: &[u32]| (b, "قصف".to_string(), ns.to_vec());
    assert_eq!(
        index::dump(&lib.conn, "forms"),
        [form(0, &[1]), form(1, &[70_000])]
    );
    assert_eq!(index::dump(&lib.conn, "prefixes").len(), 4);
    for q in ["قصف", "قص", "ق"] {
        let docs = lib.candidates(&Query::parse(q)).unwrap().unwrap();
        assert_eq!(docs.iter().collect::<Vec<_>>(), [1, 70_000], "{q}");
    }
    let old: i64 = lib
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0);
}

#[test]
fn the_reader_gets_every_article_in_pieces_in_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let file = dir.path().join("g.jsonl");
    crate::corpus::synthetic::write(1_100, 2, &file).unwrap();
    import(&mut lib, std::slice::from_ref(&file));
    let progress = Progress::default();
    let mut pieces = Vec::new();
    lib.load_pieces(&progress, &mut |piece| pieces.push(piece.articles))
        .unwrap();
    assert_eq!(
        pieces.iter().map(Vec::len).collect::<Vec<_>>(),
        [512, 512, 81]
    );
    let got: Vec<Article> = pieces.into_iter().flatten().collect();
    let mut want = Corpus::bundled().articles;
    want.extend(Corpus::load(&[file]).unwrap().articles);
    assert_eq!(got, want, "every field, as loaded from the files");
    let done = progress
        .done_bytes
        .load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(done, 1_105);
    // Cancelled: stops after the piece it is in.
    let progress = Progress::default();
    progress
        .cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let mut count = 0;
    let result = lib.load_pieces(&progress, &mut |_| count += 1);
    assert!(matches!(result, Err(crate::corpus::LoadError::Cancelled)));
    assert_eq!(count, 1);
}
