//! One mode at a time: overlays and prompts cannot stack, each returns to
//! where it was opened from, and the screen shows the mode there is.

use crate::helpers::{app, key, press, status, text};
use sahifa::corpus::Corpus;
use sahifa::tui::{scroll_at, Back, KeyCode, Mode};

#[test]
fn help_and_export_from_the_bookmarks_pane_return_to_it() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "bB");
    assert_eq!(a.mode, Mode::Bookmarks);
    press(&mut a, "?");
    assert_eq!(
        a.mode,
        Mode::Help {
            scroll: 0,
            back: Back::Bookmarks
        }
    );
    // Help takes its own keys only: B does not open a second overlay.
    press(&mut a, "B");
    assert!(matches!(a.mode, Mode::Help { .. }));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Bookmarks);
    press(&mut a, "e");
    assert_eq!(
        a.mode,
        Mode::Export {
            back: Back::Bookmarks
        }
    );
    assert!(status(&a).contains("export bookmarks as: m Markdown"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Bookmarks);
    assert_eq!(a.notice.as_deref(), Some("export cancelled"));
    // The note prompt and the delete question go back to the pane too.
    press(&mut a, "n");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Bookmarks);
    press(&mut a, "dn");
    assert_eq!(a.mode, Mode::Bookmarks);
    assert_eq!(a.marks.store.bookmarks().len(), 1);
    press(&mut a, "q");
    assert_eq!(a.mode, Mode::Normal);
    assert!(!a.quit, "q closes the pane, not the reader");
}

#[test]
fn the_screen_follows_the_mode() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "bB");
    assert!(text(&a).contains("Bookmarks 1 ·"));
    press(&mut a, "d");
    let line = status(&a);
    assert!(
        line.contains("delete this bookmark? y deletes · n keeps it"),
        "{line}"
    );
    assert!(
        text(&a).contains("Bookmarks 1 ·"),
        "the pane stays under the question"
    );
    press(&mut a, "n");
    press(&mut a, "?");
    let screen = text(&a);
    assert!(
        screen.contains("Keys ·") && !screen.contains("Bookmarks 1 ·"),
        "{screen}"
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    press(&mut a, "t");
    assert!(status(&a).starts_with(" tag: "), "{}", status(&a));
    key(&mut a, KeyCode::Esc);
    assert!(status(&a).contains("not tagged"));
}

#[test]
fn the_mouse_wheel_does_nothing_under_a_prompt_or_overlay() {
    let corpus = Corpus::bundled();
    let mut a = app(&corpus, 120, 40);
    let art = a.geometry().article.unwrap();
    for open in ["/", "?", "B", "t"] {
        press(&mut a, open);
        scroll_at(&mut a, art.x + 3, art.y + 3, 3);
        assert_eq!(a.article.scroll, 0, "{open}");
        key(&mut a, KeyCode::Esc);
        assert_eq!(a.mode, Mode::Normal, "{open}");
    }
    scroll_at(&mut a, art.x + 3, art.y + 3, 3);
    assert_eq!(a.article.scroll, 3);
}
