//! The reader's behaviour without a terminal: keys → actions → state.

use crate::helpers::{app, ctrl, key, press, settings};
use sahifa::corpus::Corpus;
use sahifa::tui::{
    resize, restore_session, scroll_at, update, Action, App, Effect, KeyCode, Mode, Pane,
    PaneOrder, Session,
};

#[test]
fn j_k_g_move_the_selection_and_the_article_follows() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    assert_eq!(a.selected(), Some(0));
    press(&mut a, "jj");
    assert_eq!(a.selected(), Some(2));
    assert_eq!(a.article.rows.as_ref().unwrap().article, 2);
    press(&mut a, "k");
    assert_eq!(a.selected(), Some(1));
    press(&mut a, "G");
    assert_eq!(a.selected(), Some(4));
    press(&mut a, "j");
    assert_eq!(a.selected(), Some(4), "stops at the end");
    key(&mut a, KeyCode::Home);
    assert_eq!(a.selected(), Some(0));
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected(), Some(1));
}

#[test]
fn enter_opens_and_the_article_scrolls_by_lines_and_half_pages() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::Article);
    press(&mut a, "jjj");
    assert_eq!(a.article.scroll, 3);
    ctrl(&mut a, 'd');
    assert_eq!(a.article.scroll, 3 + a.article_height() / 2);
    ctrl(&mut a, 'u');
    assert_eq!(a.article.scroll, 3);
    press(&mut a, "G");
    let rows = a.article.rows.as_ref().unwrap().rows.len();
    assert_eq!(a.article.scroll, rows - a.article_height());
    assert_eq!(a.progress(), 100);
    press(&mut a, "g");
    assert_eq!(a.article.scroll, 0);
    assert!(a.progress() < 100);
}

#[test]
fn tab_cycles_and_h_l_follow_the_mirrored_screen() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Article);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Entities);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Pane::Article);
    // RTL: entities | article | list. From the list, h goes left to the article.
    a.focus = Pane::List;
    press(&mut a, "l");
    assert_eq!(a.focus, Pane::List, "nothing right of the list in RTL");
    press(&mut a, "h");
    assert_eq!(a.focus, Pane::Article);
    key(&mut a, KeyCode::Left);
    assert_eq!(a.focus, Pane::Entities);

    let mut ltr = App::new(&corpus, settings(PaneOrder::Ltr), 120, 40);
    press(&mut ltr, "l");
    assert_eq!(
        ltr.focus,
        Pane::Article,
        "LTR: the article is right of the list"
    );
}

#[test]
fn filtering_is_live_arabic_aware_and_esc_clears() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "/");
    assert!(matches!(a.mode, Mode::Filter { .. }));
    press(&mut a, "خير");
    assert_eq!(
        a.list.visible,
        [0, 2, 4],
        "prefix already filters while typing"
    );
    press(&mut a, "سون");
    assert_eq!(a.list.visible, [0, 2, 4]);
    assert_eq!(a.filter.input, "خيرسون");
    key(&mut a, KeyCode::Backspace);
    assert_eq!(a.filter.input, "خيرسو");
    press(&mut a, "ن");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert!(
        !a.article.hits.is_empty(),
        "the open article shows its matches"
    );
    // j/k are movement again, not text.
    press(&mut a, "j");
    assert_eq!(a.selected(), Some(2));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.list.visible.len(), 5);
    assert_eq!(
        a.selected(),
        Some(2),
        "selection kept when the filter clears"
    );
    assert!(a.article.hits.is_empty());
}

#[test]
fn a_filter_matching_nothing_empties_the_list_without_panicking() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "/zzzz");
    assert!(a.list.visible.is_empty());
    assert_eq!(a.selected(), None);
    assert!(a.article.rows.is_none());
    assert!(a.entities.groups.is_empty(), "no article, no entities");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jGkgnN");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::List);
}

#[test]
fn n_and_shift_n_walk_the_matches_and_scroll_to_them() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 30);
    press(&mut a, "/خيرسون");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jj"); // 004, many mentions
    assert_eq!(a.selected(), Some(4));
    key(&mut a, KeyCode::Enter);
    let n = a.article.hits.len();
    assert!(n >= 8, "{n}");
    press(&mut a, "n");
    assert_eq!(a.article.current, Some(0));
    for _ in 0..n - 1 {
        press(&mut a, "n");
    }
    assert_eq!(a.article.current, Some(n - 1));
    let rows = a.article.rows.as_ref().unwrap();
    let row = rows.row_of(&a.article.hits[n - 1]).unwrap();
    assert!((a.article.scroll..a.article.scroll + a.article_height()).contains(&row));
    assert!(
        a.article.scroll > 0,
        "the last match is below the first screen"
    );
    press(&mut a, "n");
    assert_eq!(a.article.current, Some(0), "wraps around");
    press(&mut a, "N");
    assert_eq!(a.article.current, Some(n - 1));
    assert_eq!(
        a.notice.as_deref(),
        Some(format!("match {n} of {n}").as_str())
    );
}

#[test]
fn help_takes_the_keys_until_closed_and_q_quits_with_a_save() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "?");
    assert!(matches!(a.mode, Mode::Help { .. }));
    press(&mut a, "j");
    assert_eq!(a.selected(), Some(0), "help is modal");
    assert!(press(&mut a, "q").is_empty(), "q closes help first");
    assert!(a.mode == Mode::Normal && !a.quit);
    assert_eq!(press(&mut a, "q"), vec![Effect::SaveSession]);
    assert!(a.quit);
    let mut b = app(&corpus, 120, 40);
    press(&mut b, "/abc");
    assert_eq!(
        ctrl(&mut b, 'c'),
        vec![Effect::SaveSession],
        "Ctrl-C quits even in the prompt"
    );
}

#[test]
fn narrow_terminals_show_one_pane_and_resizing_relays_out() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 80, 24);
    let g = a.geometry();
    assert!(g.list.is_some() && g.article.is_none());
    key(&mut a, KeyCode::Enter);
    assert!(a.geometry().article.is_some() && a.geometry().list.is_none());
    let narrow_width = a.article.rows.as_ref().unwrap().width;
    resize(&mut a, 140, 40);
    let wide_width = a.article.rows.as_ref().unwrap().width;
    assert_ne!(narrow_width, wide_width);
    resize(&mut a, 20, 5);
    assert!(!a.geometry().usable);
    press(&mut a, "jjGg");
    resize(&mut a, 100, 30);
    assert!(a.geometry().is_wide());
}

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_it() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    let art = a.geometry().article.unwrap();
    scroll_at(&mut a, art.x + 3, art.y + 3, 3);
    assert_eq!(a.article.scroll, 3);
    let list = a.geometry().list.unwrap();
    scroll_at(&mut a, list.x + 3, list.y + 3, 1);
    assert_eq!(a.selected(), Some(1));
}

#[test]
fn the_session_reopens_the_article_where_it_was() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    let session = Session {
        article: Some("003_35a7aea116d33d6c".into()),
        scroll: 5,
        read: Vec::new(),
    };
    restore_session(&mut a, &session);
    assert_eq!(a.selected(), Some(3));
    assert_eq!(a.article.scroll, 5);
    restore_session(
        &mut a,
        &Session {
            article: Some("gone".into()),
            scroll: 9,
            read: Vec::new(),
        },
    );
    assert_eq!(a.selected(), Some(3), "an unknown article changes nothing");
    assert_eq!(sahifa::tui::current_session(&a), session);
}

#[test]
fn every_action_runs_in_every_mode_and_pane_without_panicking() {
    use sahifa::tui::{Back, Editor, Place};
    let corpus = Corpus::bundled();
    let modes = [
        Mode::Normal,
        Mode::Filter {
            editor: Editor::new("خير"),
            before: Place::default(),
        },
        Mode::Find {
            editor: Editor::new("روسيا"),
            before: None,
            scroll: 0,
        },
        Mode::Help {
            scroll: 3,
            back: Back::Bookmarks,
        },
        Mode::Bookmarks,
        Mode::Note {
            id: "gone".into(),
            editor: Editor::new("x"),
        },
        Mode::Tag {
            editor: Editor::default(),
        },
        Mode::TagKind { text: "x".into() },
        Mode::Export { back: Back::Normal },
        Mode::ConfirmDelete { id: "gone".into() },
    ];
    for (w, h) in [(120, 40), (80, 24), (20, 5)] {
        for pane in Pane::ORDER {
            for mode in &modes {
                let mut a = app(&corpus, w, h);
                a.focus = pane;
                for action in Action::ALL {
                    if action != Action::Quit {
                        a.mode = mode.clone();
                        update(&mut a, action);
                        crate::helpers::screen(&a);
                    }
                }
            }
        }
    }
}

#[test]
fn a_filter_typed_before_the_index_is_ready_applies_when_it_arrives() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    a.filter.building = true;
    press(&mut a, "/خيرسون");
    assert_eq!(a.list.visible.len(), 5, "not filtered yet");
    assert_eq!(a.notice.as_deref(), Some("preparing the filter…"));
    a.install_filter(sahifa::search::CorpusFilter::new(&corpus.articles));
    assert_eq!(a.list.visible, [0, 2, 4]);
    assert!(!a.filter.building && a.notice.is_none());
}

#[test]
fn building_the_filter_index_can_be_cancelled() {
    use std::sync::atomic::AtomicBool;
    let corpus = Corpus::bundled();
    assert!(
        sahifa::search::CorpusFilter::build(&corpus.articles, &AtomicBool::new(true)).is_none()
    );
    let built =
        sahifa::search::CorpusFilter::build(&corpus.articles, &AtomicBool::new(false)).unwrap();
    assert_eq!(built.len(), 5);
}

#[test]
fn the_current_match_survives_a_focus_change_and_a_resize() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "/خيرسون");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jj");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "nnn");
    assert_eq!(a.article.current, Some(2));
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.article.current, Some(2));
    resize(&mut a, 130, 45);
    assert_eq!(a.article.current, Some(2));
    press(&mut a, "n");
    assert_eq!(a.article.current, Some(3));
}
