//! Whole screens rendered into ratatui's TestBackend: insta snapshots of the
//! text, and explicit checks of the styles that snapshots do not record.

use crate::helpers::{app, press as type_keys, row_text, runs_in_article, screen};
use sahifa::corpus::Corpus;
use sahifa::tui::{handle_key, Key, KeyCode, KeyMap, Section};

#[test]
fn seeds_at_120x40() {
    let corpus = Corpus::bundled();
    insta::assert_snapshot!(screen(&app(&corpus, 120, 40)).backend());
}

#[test]
fn seeds_at_80x24_show_one_pane() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 80, 24);
    insta::assert_snapshot!("list_80x24", screen(&a).backend());
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    insta::assert_snapshot!("article_80x24", screen(&a).backend());
}

#[test]
fn help_overlay_lists_every_key() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    type_keys(&mut a, "?");
    let t = screen(&a);
    let text = format!("{}", t.backend());
    for (keys, what) in KeyMap::bundled().help_rows(Section::Normal) {
        assert!(
            text.contains(&keys) && text.contains(what),
            "{keys}: {what}"
        );
    }
    insta::assert_snapshot!(t.backend());
    // At 80x24 it does not fit: it says so and scrolls to the rest.
    let mut small = app(&corpus, 80, 24);
    type_keys(&mut small, "?");
    let top = format!("{}", screen(&small).backend());
    assert!(
        top.contains("j/k scroll ↓") && top.contains("move down"),
        "{top}"
    );
    assert!(!top.contains("Choosing what to tag as"));
    type_keys(&mut small, "G");
    let bottom = format!("{}", screen(&small).backend());
    assert!(
        bottom.contains("Choosing what to tag as") && bottom.contains("plain text"),
        "{bottom}"
    );
    assert!(bottom.contains("j/k scroll ↑"));
}

#[test]
fn a_tiny_terminal_says_so() {
    let corpus = Corpus::bundled();
    let t = screen(&app(&corpus, 20, 5));
    let text = format!("{}", t.backend());
    assert!(text.contains("too small"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn filter_matches_are_highlighted_on_the_right_cells() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    type_keys(&mut a, "/خيرسون");
    insta::assert_snapshot!("filter_prompt", screen(&a).backend());
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    type_keys(&mut a, "n");
    let t = screen(&a);
    insta::assert_snapshot!("filter_matches", t.backend());

    // Every highlighted run on screen reads «خيرسون» in shaped, visual order.
    let buf = t.backend().buffer();
    let theme = &a.settings.theme;
    let (matched, current) = (theme.matched.bg.unwrap(), theme.current_match.bg.unwrap());
    let runs = runs_in_article(&a, |c| c.bg == matched || c.bg == current);
    assert!(!runs.is_empty());
    for run in &runs {
        // خيرسون shaped, right to left on screen: ﻥ ﻮ ﺳ ﺮ ﻴ ﺧ
        assert_eq!(run, "ﻥﻮﺳﺮﻴﺧ", "{runs:?}");
    }
    let current = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == theme.current_match.bg.unwrap())
        .count();
    assert_eq!(current, 6, "one match, six cells, is the current one");
    let status = row_text(buf, 39);
    assert!(status.contains("3 of 5 articles"), "{status}");
}
