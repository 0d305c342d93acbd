//! The library's feeds in the reader: the list shows each article's feed
//! and day; the view key shows all, unread or one feed's articles; the
//! fetch key fetches every feed in the background (the real binary in
//! tmux against the loopback feed server) and the new articles arrive.

use crate::feed_server::{Reply, Server};
use crate::helpers::{press, status, text};
use crate::tmux::Terminal;
use sahifa::corpus::Corpus;
use sahifa::library::{FeedFetch, FetchOutcome, Library, NewFeed, View};
use sahifa::tui::articles::Shelf;
use sahifa::tui::{App, Effect, PaneOrder, Settings};
use std::path::Path;

/// A feed of `items` (guid, title, RFC 822 date), for the loopback server.
fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, date)| {
            format!(
                "<item><guid>{guid}</guid><title>{title}</title><pubDate>{date}</pubDate>\
                 <description>نص الخبر {guid} في فقرة واحدة.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>نشرة</title>{items}</channel></rss>"
    )
}

/// A library holding the seeds and two feeds' items, stored as a fetch
/// stores them.
fn library_with_feeds(dir: &Path) -> (Library, i64) {
    let mut lib = Library::open(&dir.join("l.db")).unwrap();
    let mut keys = Vec::new();
    for (name, items) in [
        (
            "الجزيرة",
            vec![("j1", "عاجل من الدوحة", "2024-05-02T09:00:00+03:00")],
        ),
        (
            "BBC عربي",
            vec![("b1", "تقرير من لندن", "2023-11-20T10:00:00Z")],
        ),
    ] {
        let feed = lib
            .add_feed(&NewFeed {
                name: name.into(),
                url: format!("http://127.0.0.1:1/{}", keys.len()),
                full_text: false,
                site: None,
                folder: Vec::new(),
            })
            .unwrap();
        let items = items
            .into_iter()
            .map(|(guid, title, date)| {
                let mut a = sahifa::corpus::Article {
                    id: format!("feed-{guid}"),
                    title: title.into(),
                    paragraphs: vec!["نص قصير للخبر".into()],
                    source: String::new(),
                    meta: Default::default(),
                    boilerplate: Vec::new(),
                };
                a.meta.outlet = Some(name.into());
                a.meta.published = Some(date.into());
                (guid.to_string(), a)
            })
            .collect();
        let fetched = FetchOutcome::Fetched(FeedFetch {
            moved_to: None,
            validators: Default::default(),
            items,
            note: None,
        });
        lib.store_fetch(feed.key, fetched).unwrap();
        keys.push(feed.key);
    }
    (lib, keys[0])
}

fn reader_on(lib: Library, view: View) -> App<'static> {
    let corpus: &'static Corpus = Box::leak(Box::new(Corpus::default()));
    let mut numbers = Vec::new();
    lib.order(view, 10, |piece| {
        numbers.extend(piece);
        true
    })
    .unwrap();
    // Wide enough for the list to have room for the outlet's column.
    let mut app = App::new(corpus, Settings::for_order(PaneOrder::Ltr), 300, 14);
    app.shelf = Some(Shelf::new(lib));
    app.append_numbers(&numbers);
    let all: Vec<usize> = (0..numbers.len()).collect();
    app.shelf.as_mut().unwrap().fetch_rows(&all).unwrap();
    app
}

#[test]
fn the_list_shows_each_articles_feed_and_day_newest_first() {
    let dir = tempfile::TempDir::new().unwrap();
    let (lib, _) = library_with_feeds(dir.path());
    let app = reader_on(lib, View::All);
    let screen = text(&app);
    // The list's rows, without the panes beside them.
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split('┃').nth(1))
        .filter(|r| r.ends_with('w'))
        .collect();
    let at = |needle: &str| rows.iter().position(|r| r.contains(needle));
    // Newest first: the dated feed items above the undated seeds; each
    // with its feed's name (an English one reads left to right).
    let doha = at("ﺔﺣﻭﺪﻟﺍ ﻦﻣ ﻞﺟﺎﻋ").expect(&screen);
    let london = at("ﻥﺪﻨﻟ ﻦﻣ ﺮﻳﺮﻘﺗ").expect(&screen);
    assert_eq!((doha, london), (0, 1), "{screen}");
    assert!(rows[doha].contains("ﺓﺮﻳﺰﺠﻟﺍ"), "{screen}");
    assert!(rows[london].contains("BBC"), "{screen}");
    assert_eq!(rows.len(), 7, "and the five seeds after: {screen}");
}

#[test]
fn the_view_key_narrows_to_unread_and_to_one_feed_from_the_library() {
    let dir = tempfile::TempDir::new().unwrap();
    let (lib, jazeera) = library_with_feeds(dir.path());
    let feeds = lib.feeds().unwrap();
    let mut app = reader_on(lib, View::All);
    app.feeds.feeds = feeds.into_iter().map(|f| (f.key, f.name)).collect();
    let all = app.article_count();
    assert_eq!(all, 7, "five seeds and two feed items");
    let effects = press(&mut app, "V");
    assert!(matches!(
        effects[..],
        [Effect::ShowView {
            view: View::Unread,
            ..
        }]
    ));
    assert!(status(&app).contains("view: unread"), "{}", status(&app));
    let effects = press(&mut app, "V");
    let [Effect::ShowView { view, .. }] = effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(view, View::Feed(jazeera));
    // What the loop then reads: the library's view, shown as the list.
    let lib = Library::open(&dir.path().join("l.db")).unwrap();
    let mut one = reader_on(lib, view);
    one.feeds = app.feeds.clone();
    assert_eq!(one.article_count(), 1);
    // A feed's own view leaves its name out: the day has the room.
    let screen = text(&one);
    let row = screen
        .lines()
        .nth(1)
        .and_then(|l| l.split('┃').nth(1))
        .unwrap();
    assert!(row.contains("2024-05-02"), "{screen}");
    assert!(!row.contains("ﺓﺮﻳﺰﺠﻟﺍ"), "{screen}");
    assert!(status(&one).contains("view: "), "{}", status(&one));
}

/// How far through the open article the screen says it is (`57%`).
fn percent(screen: &str) -> Option<String> {
    // The article pane's corner: light, or heavy when it has the focus.
    let end = screen.find("% ┐").or_else(|| screen.find("% ┓"))?;
    let start = screen[..end].rfind(' ')? + 1;
    Some(screen[start..=end].to_string())
}

/// Starts the reader on the library in `data`, 120×30, and waits for it.
fn start(t: &Terminal, data: &Path) {
    t.run(&format!(
        "SAHIFA_DATA_DIR={} TERM=xterm-256color {} --shape on --bidi app --layout ltr; echo SAHIFA-EXIT=$?",
        data.display(),
        env!("CARGO_BIN_EXE_sahifa")
    ));
    t.wait("the reader", |s| {
        s.contains("Articles 1/") && s.contains(" help · ")
    });
}

#[test]
fn r_fetches_in_the_background_and_the_new_articles_arrive() {
    let server = Server::start();
    let first = [("n1", "Morning news", "Tue, 14 May 2024 08:00:00 GMT")];
    server.plain("/n.xml", "application/rss+xml", rss(&first));
    server.plain("/gone.xml", "application/rss+xml", rss(&first));
    let dir = tempfile::TempDir::new().unwrap();
    let data = dir.path().join("data");
    for (path, name) in [("/n.xml", "Evening"), ("/gone.xml", "Gone")] {
        let added = crate::isolated::sahifa()
            .arg("--data-dir")
            .arg(&data)
            .args(["feed", "add", &server.url(path), "--name", name])
            .output()
            .unwrap();
        assert!(added.status.success(), "{added:?}");
    }
    // One feed fails when the reader fetches: the other is still stored.
    server.route("/gone.xml", |_| Reply::status(500));
    let t = Terminal::open("fetch", dir.path(), 120, 30);
    start(&t, &data);
    assert!(t.screen().contains("Articles 1/5"), "{}", t.screen());
    let more = [
        ("n1", "Morning news", "Tue, 14 May 2024 08:00:00 GMT"),
        ("n2", "Noon bulletin", "Tue, 14 May 2024 12:00:00 GMT"),
    ];
    server.plain("/n.xml", "application/rss+xml", rss(&more));
    // Reading the first article, scrolled down: the fetch must leave it so.
    t.keys(&["Tab", "j", "j", "j", "j", "j", "j"]);
    t.wait("the article scrolled", |s| {
        percent(s).is_some_and(|p| p != "41%")
    });
    // Every key handled: the same place twice in a row.
    let mut scrolled = percent(&t.screen());
    loop {
        std::thread::sleep(std::time::Duration::from_millis(250));
        let now = percent(&t.screen());
        if now == scrolled {
            break;
        }
        scrolled = now;
    }
    t.keys(&["r"]);
    // The selected seed stays selected: two rows lower.
    let screen = t.wait("the fetch's summary and the list read again", |s| {
        s.contains("new articles,") && s.contains("Articles 3/7")
    });
    assert_eq!(percent(&screen), scrolled, "{screen}");
    assert!(screen.contains("Noon bulletin"), "{screen}");
    assert!(screen.contains("Morning news"), "{screen}");
    assert!(
        screen.contains("fetched 1 of 2 feeds: 2 new articles, 0 updated; 1 failed"),
        "{screen}"
    );
    // The view key: unread (all seven), then the feed's own two, newest
    // first.
    t.keys(&["V", "V"]);
    let screen = t.wait("the feed's view", |s| s.contains("Articles 1/2"));
    assert!(screen.contains("view: Evening"), "{screen}");
    let noon = screen.find("Noon bulletin").unwrap();
    assert!(noon < screen.find("Morning news").unwrap(), "{screen}");
    t.keys(&["q"]);
    t.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
}
