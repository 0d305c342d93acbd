//! The `?` overlay, generated from the key map so it always tells the truth.

use crate::tui::state::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// Keys of the filter prompt, which takes text rather than actions.
const PROMPT_KEYS: [(&str, &str); 5] = [
    ("typing", "filters the list as you type"),
    ("Enter", "keep the filter, back to the list"),
    ("Esc", "clear the filter"),
    ("Backspace", "erase a letter"),
    ("Ctrl-U", "erase the whole query"),
];

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let rows = app.settings.keymap.help_rows();
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(8)
        .max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, what) in &rows {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<key_w$}  "), theme.headline),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("In the filter prompt (/):", theme.headline));
    for (keys, what) in PROMPT_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<key_w$}  "), theme.headline),
            Span::raw(what),
        ]));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = (key_w as u16 + 40).min(area.width);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(" Keys · ? or Esc closes ");
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
