//! The reader while the corpus is still loading: articles arrive in pieces
//! (as `Corpus::load_pieces` hands them over) and join the list under the user.

use crate::helpers::{press, text as screen};
use sahifa::corpus::{Corpus, FileLoad, Warning};
use sahifa::search::CorpusFilter;
use sahifa::tui::{update, Action, App, Loading, Mode, PaneOrder, Settings};
use std::sync::Arc;

/// The bundled seeds cut in pieces, and an empty shared corpus to fill.
fn pieces() -> Vec<FileLoad> {
    let seeds = Corpus::bundled();
    let mut pieces: Vec<FileLoad> = seeds
        .articles
        .chunks(2)
        .map(|c| FileLoad {
            articles: c.to_vec(),
            warnings: Vec::new(),
        })
        .collect();
    pieces[1]
        .warnings
        .push(Warning::new("x.jsonl:3", "malformed JSON; skipped"));
    pieces
}

fn loading_app() -> App<'static> {
    let mut app = App::new(
        Arc::new(Corpus::default()),
        Settings::for_order(PaneOrder::Rtl),
        120,
        40,
    );
    app.loading = Some(Loading {
        done_bytes: 0,
        total_bytes: 1000,
    });
    app.filter.building = true;
    app
}

#[test]
fn pieces_join_the_list_and_the_first_article_opens() {
    let mut app = loading_app();
    assert!(screen(&app).contains("loading…"));
    let mut pieces = pieces().into_iter();
    assert!(app.append(pieces.next().unwrap()));
    assert_eq!(app.list.visible, vec![0, 1]);
    assert_eq!(app.article.rows.as_ref().map(|r| r.article), Some(0));
    // Word counts of the rows on screen are there for the new rows.
    assert!(app.list.words.contains_key(&1));

    // The user moves on while the rest arrives: the selection stays put.
    update(&mut app, Action::MoveDown);
    app.loading = Some(Loading {
        done_bytes: 400,
        total_bytes: 1000,
    });
    for piece in pieces {
        assert!(app.append(piece));
    }
    assert_eq!(app.list.visible, (0..5).collect::<Vec<_>>());
    assert_eq!(app.selected(), Some(1));
    assert_eq!(app.corpus.warnings.len(), 1);
    let shown = screen(&app);
    assert!(shown.contains("loading 40% · 5 articles"), "{shown}");
    assert!(app.list.words.contains_key(&4));

    app.loading = None;
    assert!(screen(&app).contains(" 5 articles"));
    assert!(!screen(&app).contains("loading"));
}

#[test]
fn a_borrowed_corpus_takes_no_pieces() {
    let corpus = Corpus::default();
    let mut app = App::new(&corpus, Settings::for_order(PaneOrder::Rtl), 120, 40);
    assert!(!app.append(pieces().remove(0)));
    assert!(app.list.visible.is_empty());
    assert!(screen(&app).contains("no articles in this corpus"));
}

#[test]
fn bookmarks_wait_for_the_whole_corpus() {
    let mut app = loading_app();
    for piece in pieces() {
        app.append(piece);
    }
    for action in [
        Action::ToggleBookmark,
        Action::MarkRange,
        Action::Bookmarks,
        Action::Export,
    ] {
        assert!(update(&mut app, action).is_empty(), "{action:?}");
        assert_eq!(
            app.notice.as_deref(),
            Some("bookmarks open when loading is done")
        );
        assert_eq!(app.mode, Mode::Normal);
        assert!(app.marks.range_from.is_none());
        assert!(app.marks.store.bookmarks().is_empty());
    }
    app.loading = None;
    update(&mut app, Action::ToggleBookmark);
    assert_eq!(app.marks.store.bookmarks().len(), 1);
}

#[test]
fn a_filter_typed_while_loading_applies_once_the_index_is_built() {
    let mut app = loading_app();
    let mut pieces = pieces().into_iter();
    app.append(pieces.next().unwrap());
    press(&mut app, "/الناتو");
    // Unfiltered until the index exists; articles keep arriving.
    assert_eq!(app.notice.as_deref(), Some("preparing the filter…"));
    for piece in pieces {
        app.append(piece);
    }
    assert_eq!(app.list.visible.len(), 5);
    app.loading = None;
    let index = CorpusFilter::new(&app.corpus.articles);
    app.install_filter(index);
    let expected: Vec<usize> = app
        .corpus
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| sahifa::search::PreparedArticle::new(a).is_match(&app.filter.query))
        .map(|(i, _)| i)
        .collect();
    assert!(!expected.is_empty() && expected.len() < 5, "{expected:?}");
    assert_eq!(app.list.visible, expected);
}
