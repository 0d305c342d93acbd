//! Drawing: reads the state, never changes it. Each pane has its own file.

mod article_pane;
mod bookmarks_pane;
mod entities_pane;
mod help_overlay;
mod list_pane;
mod status_bar;

use super::geometry::{Pane, MIN_HEIGHT, MIN_WIDTH};
use super::state::App;
use crate::text::VisualLine;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use ratatui::Frame;
use std::ops::Range;

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
        list_pane::draw(frame, app, r);
    }
    if let Some(r) = g.article {
        article_pane::draw(frame, app, r);
    }
    if let Some(r) = g.entities {
        entities_pane::draw(frame, app, r);
    }
    status_bar::draw(frame, app, g.status);
    if app.marks.pane {
        bookmarks_pane::draw(frame, app, area);
    }
    if app.help {
        help_overlay::draw(frame, app, area);
    }
}

/// A pane's frame: bold border when focused, the title on the reading side.
fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.focus == pane;
    let theme = &app.settings.theme;
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Line::from(format!(" {title} ")))
}

/// A visual line (already reordered by the layout engine) as a ratatui line:
/// the displayed clusters, indent first (the engine includes it), with the
/// styles of the logical `spans` that cover them.
pub fn styled_line(
    line: &VisualLine,
    spans: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'static> {
    let spans: Vec<Span> = line
        .styled(spans)
        .into_iter()
        .map(|(text, style)| Span::styled(text, base.patch(style.unwrap_or_default())))
        .collect();
    Line::from(spans)
}

/// A `width`×`height` box in the middle of `area` (clipped to it), for
/// overlays.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Screen area inside a pane's border, less a one-cell margin each side.
fn text_area(pane: Rect) -> Rect {
    let inner = Block::bordered().inner(pane);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}
