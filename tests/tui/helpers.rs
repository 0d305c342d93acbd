//! What every reader test uses: an app on a corpus, keys pressed, the
//! screen drawn into a TestBackend and read back.
#![allow(dead_code)] // each test file uses a different part

use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Style;
use ratatui::Terminal;
use sahifa::corpus::{Article, Corpus};
use sahifa::tui::{draw, handle_key, App, Effect, Key, KeyCode, Pane, PaneOrder, Settings};

pub fn settings(order: PaneOrder) -> Settings {
    Settings::for_order(order)
}

/// The reader on `corpus`, right to left, `w`×`h`.
pub fn app(corpus: &Corpus, w: u16, h: u16) -> App<'_> {
    App::new(corpus, settings(PaneOrder::Rtl), w, h)
}

/// Each character of `keys` pressed in turn (typed, in a prompt).
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .flat_map(|c| handle_key(app, Key::ch(c)))
        .collect()
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    handle_key(app, Key::plain(code))
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    handle_key(app, Key::ctrl(c))
}

/// The screen, drawn.
pub fn screen(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t
}

/// The screen's text, row by row.
pub fn text(app: &App) -> String {
    let t = screen(app);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| row_text(buf, y) + "\n")
        .collect()
}

pub fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The status bar's text.
pub fn status(app: &App) -> String {
    let t = screen(app);
    let buf = t.backend().buffer();
    row_text(buf, buf.area.height - 1)
}

/// A corpus of one Arabic article with one paragraph.
pub fn one_article(paragraph: &str) -> Corpus {
    Corpus {
        articles: vec![Article {
            id: "a".into(),
            title: "خبر".into(),
            paragraphs: vec![paragraph.into()],
            source: "test".into(),
            meta: Default::default(),
            boilerplate: Vec::new(),
        }],
        warnings: Vec::new(),
    }
}

/// The runs of cells in the article pane that `lit` picks, per row, left
/// to right.
pub fn runs_in_article(app: &App, lit: impl Fn(&Cell) -> bool) -> Vec<String> {
    let t = screen(app);
    let buf = t.backend().buffer();
    let article = app.geometry().article.unwrap();
    let mut runs = Vec::new();
    for y in article.y..article.bottom() {
        let mut run = String::new();
        for x in article.x..article.right() {
            let cell = &buf[(x, y)];
            if lit(cell) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

/// The runs drawn in `style`'s foreground on no background.
pub fn cells_in(app: &App, style: Style) -> Vec<String> {
    let fg = style.fg.unwrap();
    runs_in_article(app, |c| c.fg == fg && c.bg == ratatui::style::Color::Reset)
}

/// Focuses the entity pane and selects the entity named `name`.
pub fn select_entity(app: &mut App, name: &str) {
    app.focus = Pane::Entities;
    let at = app
        .entities
        .groups
        .iter()
        .position(|g| &*g.canonical == name)
        .unwrap_or_else(|| panic!("no entity {name}"));
    while app.entities.selected < at {
        press(app, "j");
    }
}
