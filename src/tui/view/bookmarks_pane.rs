//! The bookmarks pane (`B`): every saved passage with its article, range
//! and note; orphaned ones (no longer in the corpus) are listed too.

use super::styled_line;
use crate::text::{layout_title, LayoutOptions};
use crate::tui::state::App;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let width = area.width.saturating_sub(8).max(20).min(area.width);
    let height = area.height.saturating_sub(4).max(5).min(area.height);
    let popup = super::centered(area, width, height);
    frame.render_widget(Clear, popup);
    let bookmarks = app.marks.store.bookmarks();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(format!(
            " Bookmarks {} · Enter jump · d delete · n note · e export · Esc close ",
            bookmarks.len()
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if bookmarks.is_empty() {
        let hint =
            "No bookmarks yet. In an article, b bookmarks the current paragraph; v starts a range.";
        frame.render_widget(Paragraph::new(hint).style(theme.dim), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let first = app.marks.selected.saturating_sub(rows.saturating_sub(1));
    let opts = LayoutOptions {
        align: false,
        ..app.settings.layout
    };
    let mut lines = Vec::new();
    for (i, b) in bookmarks.iter().enumerate().skip(first).take(rows) {
        let selected = i == app.marks.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let label = format!(
            "{} ¶{:<7} {}",
            if selected { "▌" } else { " " },
            b.range_label(),
            if b.orphaned {
                "(no longer in the corpus) "
            } else {
                ""
            }
        );
        let room = usize::from(inner.width).saturating_sub(label.chars().count() + 1);
        let mut text = b.title.clone();
        if let Some(note) = &b.note {
            text = format!("{note} — {text}");
        }
        let title = layout_title(&text, room, &opts);
        let mut spans = vec![Span::styled(label, base)];
        spans.extend(styled_line(&title, &[], base).spans);
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
