//! The entity pane. Entity detection is not built yet; the pane shows the
//! kinds it will list so the layout is already the finished one.

use super::pane_block;
use crate::tui::geometry::Pane;
use crate::tui::state::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const KINDS: [&str; 4] = ["PERSON", "LOCATION", "ORGANIZATION", "NUMBER · DATE"];

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(app, Pane::Entities, Pane::Entities.name().to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let theme = &app.settings.theme;
    let mut lines = Vec::new();
    for kind in KINDS {
        lines.push(Line::styled(kind, theme.headline));
        lines.push(Line::styled("  (none yet)", theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
