//! Drawing: reads the state, never changes it. Each pane is a widget built
//! from small props (`XPane::new(app, area)`) and drawn from them alone, so
//! each can be tested on a `Buffer` of its own.

mod article_pane;
mod bookmarks_pane;
mod chrome;
mod entities_pane;
mod feeds_status;
mod help_overlay;
mod list_pane;
mod names;
mod prompt_field;
mod status_bar;

use super::geometry::{MIN_HEIGHT, MIN_WIDTH};
use super::mode::Mode;
use super::state::App;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let g = app.geometry();
    if !g.usable {
        let msg = format!(
            "terminal too small: {}×{} (sahifa needs {MIN_WIDTH}×{MIN_HEIGHT})",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    if let Some(r) = g.list {
        frame.render_widget(list_pane::ListPane::new(app, r), r);
    }
    if let Some(r) = g.article {
        frame.render_widget(article_pane::ArticlePane::new(app, r), r);
    }
    if let Some(r) = g.entities {
        frame.render_widget(entities_pane::EntitiesPane::new(app, r), r);
    }
    let status = status_bar::StatusBar::new(app);
    if let Some(at) = status.cursor(g.status) {
        frame.set_cursor_position(at);
    }
    frame.render_widget(status, g.status);
    if app.mode.shows_bookmarks() {
        frame.render_widget(bookmarks_pane::BookmarksPane::new(app, area), area);
    }
    if let Mode::Help { scroll, .. } = app.mode {
        let s = &app.settings;
        let help = help_overlay::HelpOverlay::new(&s.keymap, scroll, &s.theme, s.layout);
        // Over the panes, not the status bar (it says how to close help).
        let panes = ratatui::layout::Rect {
            height: g.status.y.saturating_sub(area.y),
            ..area
        };
        frame.render_widget(help, panes);
    }
}
