//! The bookmark store as the reader uses it: anchors across corpus changes,
//! merging instances, and files that are damaged, newer or unwritable.

use sahifa::bookmarks::{
    export, resolve, Anchor, SaveError, Store, StoreWarning, Toggle, FILE_NAME,
};
use sahifa::corpus::{Article, Corpus, Metadata};
use std::fs;
use std::path::Path;

fn article(id: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: id.into(),
        title: format!("عنوان {id}"),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        source: format!("{id}.json"),
        meta: Metadata::default(),
        boilerplate: Vec::new(),
    }
}

fn corpus(articles: Vec<Article>) -> Corpus {
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

const P1: &str = "قال المتحدث إن القوات عبرت النهر صباح اليوم.";
const P2: &str = "وأضاف أن الوضع مستقر حتى الآن في المدينة.";
const P3: &str = "ولم تعلق الحكومة على هذه الأنباء بعد.";

#[test]
fn anchors_follow_the_passage_when_the_corpus_changes() {
    let dir = tempfile::TempDir::new().unwrap();
    let v1 = corpus(vec![article("a", &[P1, P2, P3]), article("b", &[P1])]);
    let mut store = Store::open(dir.path());
    let moved_id = store.add_range(&v1.articles[0], 2, 3, None).unwrap();
    let gone_id = store
        .add_range(&v1.articles[1], 1, 1, Some("ملاحظة".into()))
        .unwrap();
    store.save().unwrap();
    let (anchors, changed) = store.reanchor(&v1);
    assert!(!changed);
    assert_eq!(anchors[0], Anchor::Found { paragraphs: 2..=3 });

    // A paragraph inserted before, article b removed.
    let v2 = corpus(vec![article("a", &["فقرة جديدة في البداية.", P1, P2, P3])]);
    let mut store = Store::open(dir.path());
    let (anchors, changed) = store.reanchor(&v2);
    assert!(changed);
    assert_eq!(
        anchors,
        [Anchor::Moved { paragraphs: 3..=4 }, Anchor::Orphaned]
    );
    assert_eq!(
        store
            .bookmarked_paragraphs("a")
            .into_iter()
            .collect::<Vec<_>>(),
        [3, 4]
    );
    assert!(store.bookmarked_paragraphs("b").is_empty());
    store.save().unwrap();

    // The new numbers were saved; the orphan was kept, text and note intact.
    let store = Store::open(dir.path());
    let moved = store.find(&moved_id).unwrap();
    assert_eq!((moved.from, moved.to), (3, 4));
    assert_eq!(resolve(moved, &v2), Anchor::Found { paragraphs: 3..=4 });
    let orphan = store.find(&gone_id).unwrap();
    assert_eq!(resolve(orphan, &v2), Anchor::Orphaned);
    assert_eq!(orphan.text, [P1]);
    let md = export::render(export::Format::Markdown, store.bookmarks(), "t");
    assert!(md.contains(&format!("> {P1}")) && md.contains("ملاحظة"));

    // Edited slightly (harakat, tatweel, alef form, spacing): found by
    // normalised text. A changed word: orphaned.
    let edited = "وأضافَ أنّ الوضـع مستقر  حتى الآن في المدينة.";
    let v3 = corpus(vec![article("a", &[P1, edited, P3])]);
    assert_eq!(resolve(moved, &v3), Anchor::Moved { paragraphs: 2..=3 });
    let reworded = corpus(vec![article(
        "a",
        &[P1, "وأضاف أن الوضع هادئ حتى الآن في المدينة.", P3],
    )]);
    assert_eq!(resolve(moved, &reworded), Anchor::Orphaned);
}

#[test]
fn toggling_adds_one_paragraph_and_removes_what_covers_it() {
    let a = article("a", &[P1, P2, P3]);
    let mut store = Store::in_memory();
    let Toggle::Added(id) = store.toggle_paragraph(&a, 2).unwrap() else {
        panic!("first toggle adds");
    };
    assert_eq!(
        store
            .bookmarked_paragraphs("a")
            .into_iter()
            .collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(
        store.toggle_paragraph(&a, 2).unwrap(),
        Toggle::Removed(vec![id])
    );
    let range = store.add_range(&a, 1, 3, None).unwrap();
    assert_eq!(
        store.toggle_paragraph(&a, 3).unwrap(),
        Toggle::Removed(vec![range])
    );
    assert!(store.bookmarks().is_empty());
    assert!(store.toggle_paragraph(&a, 4).is_err());
    assert!(matches!(store.save(), Err(SaveError::NoDataDir)));
}

#[test]
fn two_instances_merge_and_removals_stay_removed() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article("a", &[P1, P2, P3]);
    let mut one = Store::open(dir.path());
    let mut two = Store::open(dir.path());
    let x = one.add_range(&a, 1, 1, None).unwrap();
    one.save().unwrap();
    let y = two.add_range(&a, 2, 2, None).unwrap();
    two.save().unwrap();
    let ids = |s: &Store| {
        s.bookmarks()
            .iter()
            .map(|b| b.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&two),
        [x.clone(), y.clone()],
        "two now sees one's bookmark"
    );
    assert_eq!(ids(&Store::open(dir.path())), [x.clone(), y.clone()]);
    one.remove(&x).unwrap();
    one.save().unwrap();
    two.save().unwrap(); // still holds x in memory: must not bring it back
    assert_eq!(ids(&Store::open(dir.path())), std::slice::from_ref(&y));
    assert_eq!(ids(&two), [y]);
}

fn backups(dir: &Path, kind: &str) -> Vec<std::path::PathBuf> {
    let prefix = format!("{FILE_NAME}.{kind}-");
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

#[test]
fn a_damaged_file_is_moved_aside_and_the_store_still_works() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(FILE_NAME);
    fs::write(&path, "{\"schema\": 1, \"bookmarks\": [ {\"id\": ").unwrap();
    let mut store = Store::open(dir.path());
    let warnings = store.take_warnings();
    assert!(matches!(warnings[..], [StoreWarning::Corrupt { .. }]));
    let message = warnings[0].to_string();
    assert!(
        message.contains("damaged") && message.contains(".corrupt-"),
        "{message}"
    );
    let saved = backups(dir.path(), "corrupt");
    assert_eq!(saved.len(), 1);
    assert_eq!(
        fs::read_to_string(&saved[0]).unwrap(),
        "{\"schema\": 1, \"bookmarks\": [ {\"id\": "
    );
    assert!(store.bookmarks().is_empty());
    store.add_range(&article("a", &[P1]), 1, 1, None).unwrap();
    store.save().unwrap();
    assert_eq!(Store::open(dir.path()).bookmarks().len(), 1);
    assert_eq!(backups(dir.path(), "corrupt").len(), 1, "backup kept");
}

#[test]
fn a_newer_file_is_never_overwritten() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(FILE_NAME);
    let newer = "{\"schema\": 2, \"bookmarks\": [], \"shiny\": true}\n";
    fs::write(&path, newer).unwrap();
    let mut store = Store::open(dir.path());
    let warnings = store.take_warnings();
    assert!(matches!(
        warnings[..],
        [StoreWarning::FutureVersion { version: 2, .. }]
    ));
    assert!(warnings[0].to_string().contains("newer sahifa"));
    store.add_range(&article("a", &[P1]), 1, 1, None).unwrap();
    let err = store.save().unwrap_err();
    assert!(err.to_string().contains("newer sahifa (schema 2)"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(
        fs::read_to_string(&backups(dir.path(), "newer")[0]).unwrap(),
        newer
    );
    assert_eq!(store.bookmarks().len(), 1, "kept in memory");
}

#[test]
fn an_unwritable_data_dir_is_a_clear_error_and_memory_keeps_everything() {
    let tmp = tempfile::TempDir::new().unwrap();
    // A regular file where the data directory should be: creating anything
    // inside fails even for root, who ignores permission bits.
    let not_a_dir = tmp.path().join("data");
    fs::write(&not_a_dir, "").unwrap();
    let mut store = Store::open(&not_a_dir);
    assert!(matches!(
        store.take_warnings()[..],
        [StoreWarning::Unreadable { .. }]
    ));
    let a = article("a", &[P1, P2]);
    store.add_range(&a, 1, 2, Some("احفظ".into())).unwrap();
    let err = store.save().unwrap_err();
    assert!(
        err.to_string().starts_with("cannot save bookmarks in "),
        "{err}"
    );
    assert!(err.to_string().contains("data"), "{err}");
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].note.as_deref(), Some("احفظ"));

    // Permission bits, where they are enforced (not as root).
    let ro = tmp.path().join("ro");
    fs::create_dir(&ro).unwrap();
    set_mode(&ro, 0o555);
    let enforced = fs::write(ro.join("probe"), "").is_err();
    if enforced {
        let mut store = Store::open(&ro);
        store.add_range(&a, 2, 2, None).unwrap();
        assert!(store.save().is_err());
        assert_eq!(store.bookmarks().len(), 1);
    }
    set_mode(&ro, 0o755);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[test]
fn a_stale_temp_file_is_ignored_and_cleaned_up() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path());
    store.add_range(&article("a", &[P1]), 1, 1, None).unwrap();
    store.save().unwrap();
    let before = fs::read(dir.path().join(FILE_NAME)).unwrap();
    let stale = dir.path().join(format!(".{FILE_NAME}.999999.tmp"));
    fs::write(&stale, "{\"schema\": 1, \"bookm").unwrap();
    let mut store = Store::open(dir.path());
    assert!(store.take_warnings().is_empty());
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(fs::read(dir.path().join(FILE_NAME)).unwrap(), before);
    store.add_range(&article("a", &[P1]), 1, 1, None).unwrap();
    store.save().unwrap();
    assert!(!stale.exists());
    assert_eq!(Store::open(dir.path()).bookmarks().len(), 2);
}
