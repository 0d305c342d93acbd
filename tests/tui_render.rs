//! Whole screens rendered into ratatui's TestBackend: insta snapshots of the
//! text, and explicit checks of the styles that snapshots do not record.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use sahifa::corpus::Corpus;
use sahifa::tui::{draw, handle_key, App, Key, KeyCode, KeyMap, PaneOrder, Settings};

fn app(corpus: &Corpus, w: u16, h: u16) -> App<'_> {
    let settings = Settings::for_order(PaneOrder::Rtl);
    App::new(corpus, settings, w, h)
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        handle_key(app, Key::ch(c));
    }
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

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
    for (keys, what) in KeyMap::bundled().help_rows() {
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
    assert!(!top.contains("edit the note"));
    type_keys(&mut small, "G");
    let bottom = format!("{}", screen(&small).backend());
    assert!(
        bottom.contains("edit the note") && bottom.contains("erase the whole query"),
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
    let article = a.geometry().article.unwrap();
    let mut runs = Vec::new();
    for y in article.y..article.bottom() {
        let mut run = String::new();
        for x in article.x..article.right() {
            let cell = &buf[(x, y)];
            let lit =
                cell.bg == theme.matched.bg.unwrap() || cell.bg == theme.current_match.bg.unwrap();
            if lit {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
    }
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
