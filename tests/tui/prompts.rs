//! One editor in every prompt (filter, find, note, tag): Backspace takes a
//! letter with its harakat, Ctrl-W a word, Home/End and the arrows move,
//! and a paste is text, never keys.

use crate::helpers::{app, ctrl, key, press};
use sahifa::corpus::Corpus;
use sahifa::tui::{handle_paste, App, Effect, KeyCode, Mode};

/// A way to open a prompt, by name.
type Opener<'a> = (&'a str, &'a dyn Fn(&mut App));

/// Opens each prompt in turn on a fresh reader; `check` gets it open.
fn in_every_prompt(check: impl Fn(&mut App, &str)) {
    let corpus = Corpus::bundled();
    let openers: [Opener; 4] = [
        ("filter", &|a| {
            press(a, "/");
        }),
        ("find", &|a| {
            key(a, KeyCode::Enter);
            press(a, "f");
        }),
        ("note", &|a| {
            key(a, KeyCode::Enter);
            press(a, "bBn");
        }),
        ("tag", &|a| {
            press(a, "t");
        }),
    ];
    for (name, open) in openers {
        let mut a = app(&corpus, 120, 40);
        open(&mut a);
        assert!(a.mode.editor().is_some(), "{name}: {:?}", a.mode);
        check(&mut a, name);
    }
}

fn typed<'a>(a: &'a App) -> &'a str {
    a.mode.editor().map_or("", |e| e.text())
}

#[test]
fn backspace_takes_a_letter_with_its_harakat_everywhere() {
    in_every_prompt(|a, name| {
        press(a, "كَتَبَ");
        key(a, KeyCode::Backspace);
        assert_eq!(typed(a), "كَتَ", "{name}");
        key(a, KeyCode::Backspace);
        assert_eq!(typed(a), "كَ", "{name}");
    });
}

#[test]
fn ctrl_w_home_end_and_arrows_edit_everywhere() {
    in_every_prompt(|a, name| {
        press(a, "خيرسون روسيا");
        ctrl(a, 'w');
        assert_eq!(typed(a), "خيرسون ", "{name}");
        key(a, KeyCode::Home);
        press(a, "و");
        assert_eq!(typed(a), "وخيرسون ", "{name}");
        // In Arabic, ← goes forward: past «خ», then Delete takes «ي».
        key(a, KeyCode::Left);
        key(a, KeyCode::Delete);
        assert_eq!(typed(a), "وخرسون ", "{name}");
        key(a, KeyCode::End);
        ctrl(a, 'u');
        assert_eq!(typed(a), "", "{name}");
    });
}

#[test]
fn a_paste_is_text_and_a_newline_in_it_never_acts() {
    in_every_prompt(|a, name| {
        let before = a.marks.store.bookmarks().len();
        assert!(handle_paste(a, "ملاحظة\ndy\r\nGq").is_empty());
        assert_eq!(typed(a), "ملاحظة dy Gq", "{name}");
        assert!(!a.quit && a.mode.editor().is_some(), "{name}");
        assert_eq!(a.marks.store.bookmarks().len(), before, "{name}");
    });
}

#[test]
fn the_filter_follows_a_paste_and_a_paste_outside_a_prompt_does_nothing() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    press(&mut a, "/");
    handle_paste(&mut a, "خيرسون\nGq");
    assert_eq!(a.filter.input, "خيرسون Gq");
    let mut b = app(&corpus, 120, 40);
    let effects = handle_paste(&mut b, "Gq");
    assert!(effects.is_empty() && !b.quit);
    assert_eq!(b.selected(), Some(0), "not G");
    assert!(
        b.notice.as_deref().unwrap().contains("/ filters"),
        "{:?}",
        b.notice
    );
    // In a question, a paste is not an answer.
    key(&mut b, KeyCode::Enter);
    press(&mut b, "bBd");
    assert!(matches!(b.mode, Mode::ConfirmDelete { .. }));
    handle_paste(&mut b, "y");
    assert!(matches!(b.mode, Mode::ConfirmDelete { .. }));
    assert_eq!(b.marks.store.bookmarks().len(), 1);
}

#[test]
fn ctrl_c_quits_from_every_prompt() {
    in_every_prompt(|a, name| {
        assert_eq!(ctrl(a, 'c'), vec![Effect::SaveSession], "{name}");
        assert!(a.quit);
    });
}
