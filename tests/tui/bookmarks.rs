//! Bookmarks in the reader, without a terminal: b, v ranges, the pane,
//! delete with confirmation, notes, export requests.

use crate::helpers::{app as app_at, ctrl, key, press};
use sahifa::bookmarks::export::Format;
use sahifa::corpus::Corpus;
use sahifa::tui::{App, Back, Effect, KeyCode, Mode, Pane};

fn app(corpus: &Corpus) -> App<'_> {
    app_at(corpus, 120, 40)
}

#[test]
fn b_toggles_the_current_paragraph_and_saves() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.current_paragraph(), Some(1));
    assert_eq!(press(&mut a, "b"), vec![Effect::SaveBookmarks]);
    let marked = a.marks.store.bookmarked_paragraphs("000_4eab74525d7f3c58");
    assert_eq!(marked.into_iter().collect::<Vec<_>>(), [1]);
    assert_eq!(
        a.marks.store.bookmarks()[0].text,
        [corpus.articles[0].paragraphs[0].clone()]
    );
    press(&mut a, "b");
    assert!(a.marks.store.bookmarks().is_empty(), "toggled off");
}

#[test]
fn the_current_paragraph_follows_scrolling_and_matches() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jjjj");
    let scrolled = a.current_paragraph().unwrap();
    assert!(scrolled > 1, "{scrolled}");
    press(&mut a, "/جروموف");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "n");
    let hit = a.article.hits[a.article.current.unwrap()].paragraph;
    assert_eq!(
        a.current_paragraph(),
        Some(hit),
        "b acts on the match n went to"
    );
}

#[test]
fn v_then_b_bookmarks_a_range_and_esc_cancels_one() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "v");
    assert_eq!(a.marks.range_from, Some(1));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.marks.range_from, None);
    press(&mut a, "v");
    for _ in 0..6 {
        press(&mut a, "j");
    }
    let to = a.current_paragraph().unwrap();
    assert!(to > 1);
    assert_eq!(press(&mut a, "b"), vec![Effect::SaveBookmarks]);
    let b = &a.marks.store.bookmarks()[0];
    assert_eq!((b.from, b.to), (1, to));
    assert_eq!(b.text.len(), to);
    assert_eq!(a.marks.range_from, None);
}

#[test]
fn the_pane_jumps_deletes_after_asking_and_edits_notes() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "b");
    a.focus = Pane::List;
    press(&mut a, "jjj");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "jjjjjjb"); // a paragraph of 003
    press(&mut a, "B");
    assert_eq!(a.mode, Mode::Bookmarks);
    assert_eq!(a.marks.store.bookmarks().len(), 2);
    // Jump to the first bookmark: article 000, paragraph 1.
    press(&mut a, "k");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.selected(), Some(0));
    assert_eq!(a.focus, Pane::Article);
    // Note on the second one.
    press(&mut a, "Bjn");
    assert!(matches!(a.mode, Mode::Note { .. }));
    press(&mut a, "مهم");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::SaveBookmarks]);
    assert_eq!(a.marks.store.bookmarks()[1].note.as_deref(), Some("مهم"));
    // Delete asks first; anything but y keeps it.
    press(&mut a, "d");
    assert!(matches!(a.mode, Mode::ConfirmDelete { .. }));
    press(&mut a, "x");
    assert_eq!(a.marks.store.bookmarks().len(), 2);
    press(&mut a, "d");
    assert_eq!(press(&mut a, "y"), vec![Effect::SaveBookmarks]);
    assert_eq!(a.marks.store.bookmarks().len(), 1);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn e_asks_for_a_format_and_requests_the_export() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    press(&mut a, "e");
    assert_eq!(press(&mut a, "m"), vec![], "nothing to export yet");
    assert!(a.notice.as_deref().unwrap().contains("no bookmarks"));
    key(&mut a, KeyCode::Enter);
    press(&mut a, "b");
    press(&mut a, "e");
    assert_eq!(a.mode, Mode::Export { back: Back::Normal });
    assert_eq!(press(&mut a, "h"), vec![Effect::Export(Format::Html)]);
    press(&mut a, "e");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.notice.as_deref(), Some("export cancelled"));
}

#[test]
fn a_range_does_not_follow_the_reader_into_another_article() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "v");
    assert!(a.marks.range_from.is_some());
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab); // back to the list
    press(&mut a, "j");
    assert_eq!(a.marks.range_from, None);
    assert!(a.notice.as_deref().unwrap().contains("range cancelled"));
}

#[test]
fn ctrl_c_quits_from_the_note_editor() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "bBn");
    assert!(matches!(a.mode, Mode::Note { .. }));
    let effects = ctrl(&mut a, 'c');
    assert_eq!(effects, vec![Effect::SaveSession]);
    assert!(a.quit);
}
