//! Reading: the filter gives back your place, a find inside the article,
//! read marks, the web address, the wider entity pane, and Arabic in the
//! status bar reading right.

use crate::helpers::{app, key, press, select_entity, status};
use sahifa::corpus::{Article, Corpus, Metadata};
use sahifa::tui::{Effect, KeyCode, Mode};

#[test]
fn esc_in_the_filter_gives_back_the_article_and_scroll_position() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "jjj"); // 003, which does not name Kherson
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jjjjj");
    let scroll = a.article.scroll;
    assert!(scroll > 0);
    press(&mut a, "/خيرسون");
    assert_ne!(a.open_article(), Some(3), "the list moved to a match");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.list.visible.len(), 5);
    assert_eq!(a.open_article(), Some(3));
    assert_eq!(a.article.scroll, scroll);
    // A filter kept with Enter is what a later Esc in the prompt goes back to.
    press(&mut a, "/روسيا");
    key(&mut a, KeyCode::Enter);
    let kept = a.list.visible.clone();
    press(&mut a, "/zzz");
    assert!(a.list.visible.is_empty());
    key(&mut a, KeyCode::Esc);
    assert_eq!((a.filter.input.as_str(), &a.list.visible), ("روسيا", &kept));
}

#[test]
fn find_searches_the_open_article_and_n_walks_its_matches() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 30);
    press(&mut a, "jjjj"); // 004
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jj");
    press(&mut a, "fخيرسون");
    assert!(matches!(a.mode, Mode::Find { .. }));
    let n = a.article.hits.len();
    assert!(n >= 5, "{n}");
    assert!(
        a.article.current.is_some(),
        "live: the first match below is current"
    );
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    let first = a.article.current.unwrap();
    press(&mut a, "n");
    assert_eq!(a.article.current, Some((first + 1) % n));
    let line = status(&a);
    assert!(line.contains("find ﻥﻮﺳﺮﻴﺧ:"), "{line}");
    assert!(line.contains(&format!("{n} matches here")), "{line}");
    // The find stays from article to article; Esc ends it, and the filter's
    // matches (none here) are back.
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    press(&mut a, "k");
    assert!(a.article.find.is_some());
    key(&mut a, KeyCode::Esc);
    assert!(a.article.find.is_none() && a.article.hits.is_empty());
    // Esc in the prompt: the previous find and scroll position come back.
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jj");
    let scroll = a.article.scroll;
    press(&mut a, "fروسيا");
    for _ in 0..6 {
        key(&mut a, KeyCode::Down); // the next match, in the find prompt
    }
    assert_ne!(a.article.scroll, scroll, "it went down to the matches");
    key(&mut a, KeyCode::Esc);
    assert!(a.article.find.is_none());
    assert_eq!(a.article.scroll, scroll);
}

#[test]
fn opening_marks_read_and_u_toggles() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    let id = corpus.articles[0].id.clone();
    assert!(!a.is_read(0));
    assert!(
        press(&mut a, "j").is_empty(),
        "moving in the list reads nothing"
    );
    press(&mut a, "k");
    assert_eq!(
        key(&mut a, KeyCode::Enter),
        vec![Effect::MarkRead {
            id: id.clone(),
            read: true
        }]
    );
    assert!(a.is_read(0));
    assert_eq!(
        press(&mut a, "u"),
        vec![Effect::MarkRead {
            id: id.clone(),
            read: false
        }]
    );
    assert!(!a.is_read(0));
    assert!(
        press(&mut a, "j").is_empty(),
        "scrolling does not read it again"
    );
    assert_eq!(
        press(&mut a, "u"),
        vec![Effect::MarkRead { id, read: true }]
    );
    // The list shows the mark: the unread dot is gone from the first row.
    let screen = crate::helpers::text(&a);
    let list: Vec<&str> = screen.lines().skip(1).take(2).collect();
    assert!(!list[0].contains('•') && list[1].contains('•'), "{list:?}");
}

fn with_url(url: &str) -> Corpus {
    Corpus {
        articles: vec![Article {
            id: "u1".into(),
            title: "عنوان".into(),
            paragraphs: vec!["نص الخبر.".into()],
            source: "x.json".into(),
            meta: Metadata {
                url: Some(url.into()),
                outlet: Some("وكالة".into()),
                ..Metadata::default()
            },
            boilerplate: Vec::new(),
        }],
        warnings: Vec::new(),
    }
}

#[test]
fn o_opens_and_y_copies_the_address_and_only_web_addresses_are_opened() {
    let corpus = with_url("https://example.com/خبر?id=1");
    let mut a = app(&corpus, 120, 40);
    assert_eq!(
        press(&mut a, "o"),
        vec![Effect::OpenUrl("https://example.com/خبر?id=1".into())]
    );
    assert_eq!(
        press(&mut a, "y"),
        vec![Effect::Copy("https://example.com/خبر?id=1".into())]
    );
    let hostile = with_url("javascript:alert(1)");
    let mut b = app(&hostile, 120, 40);
    assert!(press(&mut b, "o").is_empty());
    assert!(b.notice.as_deref().unwrap().contains("not a web address"));
    let seeds = Corpus::bundled();
    let mut c = app(&seeds, 120, 40);
    assert!(press(&mut c, "oy").is_empty());
    assert_eq!(c.notice.as_deref(), Some("this article has no web address"));
}

#[test]
fn w_widens_the_entity_pane_and_the_article_is_laid_out_again() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    let narrow = a.geometry().entities.unwrap().width;
    let width = a.article.rows.as_ref().unwrap().width;
    press(&mut a, "w");
    assert!(a.geometry().entities.unwrap().width > narrow);
    assert!(a.article.rows.as_ref().unwrap().width < width);
    press(&mut a, "w");
    assert_eq!(a.geometry().entities.unwrap().width, narrow);
}

#[test]
fn the_status_bar_reads_arabic_right_and_counts_in_english() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 30);
    press(&mut a, "jjjj"); // 004
    select_entity(&mut a, "خيرسون");
    press(&mut a, "]");
    let line = status(&a);
    assert!(line.contains(" · ﻥﻮﺳﺮﻴﺧ: mention 1 of "), "{line}");
    key(&mut a, KeyCode::Enter);
    let line = status(&a);
    assert!(
        line.contains("3 articles mention ﻥﻮﺳﺮﻴﺧ · Esc shows all"),
        "{line}"
    );
    let screen = crate::helpers::text(&a);
    assert!(screen.contains("Articles 3/3 · ﻥﻮﺳﺮﻴﺧ"), "{screen}");
}

#[test]
fn at_80_columns_the_status_bar_is_cut_by_words_before_the_hints() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 80, 24);
    a.notice = Some("3 warnings about the corpus (listed when you quit)".into());
    let line = status(&a);
    assert!(line.ends_with(" ? help · q quit "), "{line}");
    let left = line.trim_end_matches(" ? help · q quit ").trim_end();
    assert!(left.ends_with('…'), "{line}");
    let before = left.trim_end_matches('…');
    assert!(
        "[Articles] Tab: next pane 5 articles · 3 warnings about the corpus (listed when you quit)"
            .split(' ')
            .any(|w| before.ends_with(&format!(" {w}"))),
        "cut inside a word: {line}"
    );
}
