//! Feeds in the library: subscriptions, and fetched items stored as
//! articles, de-duplicated and updated in place.

use super::*;
use crate::corpus::{Article, Metadata};
use crate::feeds::Validators;
use crate::search::Query;

fn article(id: &str, title: &str, body: &str, url: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        paragraphs: vec![body.into()],
        source: url.into(),
        meta: Metadata {
            outlet: Some("المثال".into()),
            url: Some(url.into()),
            ..Metadata::default()
        },
        boilerplate: Vec::new(),
    }
}

fn fetched(items: Vec<(String, Article)>) -> FetchOutcome {
    FetchOutcome::Fetched(FeedFetch {
        moved_to: None,
        validators: Validators {
            etag: Some("\"v1\"".into()),
            last_modified: None,
        },
        items,
        note: None,
    })
}

fn subscribe(lib: &mut Library, name: &str, url: &str) -> Feed {
    lib.add_feed(&NewFeed {
        name: name.into(),
        url: url.into(),
        full_text: false,
        site: None,
        folder: vec!["أخبار".into()],
    })
    .unwrap()
}

fn counts(s: &Stored) -> (usize, usize, usize) {
    (s.added, s.updated, s.unchanged)
}

#[test]
fn items_are_stored_once_and_updated_in_place() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let feed = subscribe(&mut lib, "المثال", "http://127.0.0.1:1/rss");
    let items = || {
        vec![
            (
                "g1".to_string(),
                article("f-1", "افتتاح مستشفى", "نص الخبر الأول", "http://x/1"),
            ),
            (
                "g2".to_string(),
                article("f-2", "مباراة اليوم", "نص الخبر الزمردي", "http://x/2"),
            ),
        ]
    };
    let first = lib.store_fetch(feed.key, fetched(items())).unwrap();
    assert_eq!(counts(&first), (2, 0, 0));
    let again = lib.store_fetch(feed.key, fetched(items())).unwrap();
    assert_eq!(counts(&again), (0, 0, 2), "fetched again: nothing new");
    let before = lib.len().unwrap();
    // g2 edited (its url changed too): the same article, updated.
    let mut edited = items();
    edited[1].1 = article("f-2b", "مباراة اليوم", "نص معدل للخبر", "http://x/2b");
    let third = lib.store_fetch(feed.key, fetched(edited)).unwrap();
    assert_eq!(counts(&third), (0, 1, 1));
    assert_eq!(third.changed, ["f-2"], "keeps its id");
    assert_eq!(lib.len().unwrap(), before);
    assert_eq!(lib.find("f-2").unwrap().paragraphs, ["نص معدل للخبر"]);
    // The index follows the edit.
    let found = |q: &str| lib.search(&Query::parse(q), |a, _| a.id.clone()).unwrap().0;
    assert_eq!(found("معدل"), ["f-2"]);
    assert!(found("الزمردي").is_empty());
    let listed = lib.feed("المثال").unwrap();
    assert_eq!((listed.items, listed.unread), (2, 2));
    assert_eq!(listed.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(listed.folder, ["أخبار"]);
    assert!(listed.last_fetched.is_some() && listed.last_error.is_none());
}

#[test]
fn another_feeds_story_is_linked_and_a_removed_one_stays_removed() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let a = subscribe(&mut lib, "أ", "http://127.0.0.1:1/a");
    let b = subscribe(&mut lib, "ب", "http://127.0.0.1:1/b");
    let story = article("s-1", "خبر مشترك", "نص مشترك", "http://x/shared");
    lib.store_fetch(a.key, fetched(vec![("1".into(), story.clone())]))
        .unwrap();
    let mut other = story.clone();
    other.id = "s-other".into();
    let stored = lib
        .store_fetch(b.key, fetched(vec![("zz".into(), other)]))
        .unwrap();
    assert_eq!(counts(&stored), (0, 0, 1), "same url: linked, not doubled");
    assert!(lib.find("s-other").is_err());
    assert_eq!(lib.feed("ب").unwrap().items, 1);
    lib.remove(&["s-1".to_string()]).unwrap();
    let again = lib
        .store_fetch(a.key, fetched(vec![("1".into(), story)]))
        .unwrap();
    assert_eq!(counts(&again), (0, 0, 1));
    assert!(lib.find("s-1").is_err(), "removed by the user: not back");
}

#[test]
fn purging_a_feed_keeps_the_stories_another_feed_also_brought() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let a = subscribe(&mut lib, "أ", "http://127.0.0.1:1/a");
    let b = subscribe(&mut lib, "ب", "http://127.0.0.1:1/b");
    let shared = article("s-1", "خبر مشترك", "نص مشترك", "http://x/shared");
    let own = article("o-1", "خبر خاص", "نص خاص", "http://x/own");
    lib.store_fetch(
        a.key,
        fetched(vec![("1".into(), shared.clone()), ("2".into(), own)]),
    )
    .unwrap();
    lib.store_fetch(b.key, fetched(vec![("9".into(), shared)]))
        .unwrap();
    assert_eq!(lib.remove_feed(&a, true).unwrap(), 1, "only its own story");
    assert!(lib.find("o-1").is_err());
    assert!(lib.find("s-1").is_ok(), "feed ب still has it");
    assert_eq!(lib.feed("ب").unwrap().items, 1);
    let (found, _) = lib
        .search(&crate::search::Query::parse("مشترك"), |a, _| {
            a.id.clone()
        })
        .unwrap();
    assert!(found.contains(&"s-1".to_string()), "still in the index");
    assert_eq!(lib.remove_feed(&b, true).unwrap(), 1);
    assert!(lib.find("s-1").is_err());
}

#[test]
fn failures_redirects_and_removal() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let feed = subscribe(&mut lib, "المثال", "http://127.0.0.1:1/old");
    lib.store_fetch(
        feed.key,
        FetchOutcome::Failed {
            error: "HTTP 500 server error".into(),
            retry_at: Some("2030-01-01T00:00:00Z".into()),
        },
    )
    .unwrap();
    let failed = lib.feed("المثال").unwrap();
    assert_eq!(failed.last_error.as_deref(), Some("HTTP 500 server error"));
    assert_eq!(failed.retry_at.as_deref(), Some("2030-01-01T00:00:00Z"));
    assert!(failed.last_fetched.is_none());
    let moved = FetchOutcome::NotModified {
        moved_to: Some("http://127.0.0.1:1/new".into()),
        validators: Validators::default(),
    };
    lib.store_fetch(feed.key, moved).unwrap();
    let now = lib.feed("http://127.0.0.1:1/new").unwrap();
    assert!(now.last_error.is_none() && now.retry_at.is_none());
    assert!(matches!(
        lib.add_feed(&NewFeed {
            name: "آخر".into(),
            url: now.url.clone(),
            full_text: false,
            site: None,
            folder: Vec::new(),
        }),
        Err(LibraryError::FeedExists { .. })
    ));
    lib.store_fetch(
        feed.key,
        fetched(vec![(
            "1".into(),
            article("k-1", "خبر", "نص", "http://x/k"),
        )]),
    )
    .unwrap();
    assert_eq!(lib.remove_feed(&now, false).unwrap(), 0);
    assert!(lib.find("k-1").is_ok(), "its articles stay");
    assert!(matches!(lib.feed("المثال"), Err(LibraryError::NoFeed(_))));
    let again = subscribe(&mut lib, "المثال", "http://127.0.0.1:1/new");
    lib.store_fetch(
        again.key,
        fetched(vec![(
            "1".into(),
            article("k-1", "خبر", "نص", "http://x/k"),
        )]),
    )
    .unwrap();
    assert_eq!(
        lib.remove_feed(&lib.feed("المثال").unwrap(), true).unwrap(),
        1
    );
    assert!(lib.find("k-1").is_err(), "purged");
}

#[test]
fn a_feed_view_lists_that_feeds_articles_newest_first_with_their_day() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
    let one = subscribe(&mut lib, "الأولى", "http://127.0.0.1:1/one");
    let two = NewFeed {
        name: "الثانية".into(),
        url: "http://127.0.0.1:1/two".into(),
        full_text: false,
        site: None,
        folder: Vec::new(),
    };
    let two = lib.add_feed(&two).unwrap();
    let dated = |id: &str, when: &str| {
        let mut a = article(id, &format!("خبر {id}"), "نص", &format!("http://x/{id}"));
        a.meta.published = Some(when.into());
        (id.to_string(), a)
    };
    let items = vec![
        dated("old", "2020-01-03T01:30:00+03:00"),
        dated("new", "2024-05-01T08:00:00Z"),
    ];
    lib.store_fetch(one.key, fetched(items)).unwrap();
    let other = vec![dated("mid", "2022-03-03T00:00:00Z")];
    lib.store_fetch(two.key, fetched(other)).unwrap();
    let ids = |view| {
        let mut numbers = Vec::new();
        lib.order(view, 1, |piece| {
            numbers.extend(piece);
            true
        })
        .unwrap();
        lib.entries(&numbers).unwrap()
    };
    let first = ids(View::Feed(one.key));
    let listed: Vec<&str> = first.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(listed, ["new", "old"]);
    // The day in the article's own zone, not shifted to UTC's.
    assert_eq!(first[1].day.as_deref(), Some("2020-01-03"));
    assert_eq!(first[0].outlet.as_deref(), Some("المثال"));
    let second: Vec<String> = ids(View::Feed(two.key)).into_iter().map(|e| e.id).collect();
    assert_eq!(second, ["mid"]);
    assert!(
        ids(View::Feed(9999)).is_empty(),
        "no such feed: no articles"
    );
    assert_eq!(ids(View::All).len(), 3 + 5, "and the seeds");
}
