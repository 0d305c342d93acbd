//! The `?` overlay, generated from the key map so it always tells the truth.

use crate::tui::state::App;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
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

/// Keys of the bookmarks pane, which is modal.
const PANE_KEYS: [(&str, &str); 5] = [
    ("j k ↓ ↑", "move"),
    ("Enter", "open the passage"),
    ("d", "delete (asks first)"),
    ("n", "edit the note"),
    ("e", "export; Esc, q or B closes"),
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
    lines.push(Line::default());
    lines.push(Line::styled("In the bookmarks pane (B):", theme.headline));
    for (keys, what) in PANE_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<key_w$}  "), theme.headline),
            Span::raw(what),
        ]));
    }
    // As wide as the longest entry; in two columns when too tall for the
    // screen and wide enough for both.
    let line_w = lines.iter().map(Line::width).max().unwrap_or(20) as u16;
    let needed = lines.len() as u16 + 2;
    let two_columns = needed > area.height && 2 * (line_w + 3) + 2 <= area.width;
    let (width, height) = if two_columns {
        (2 * (line_w + 3) + 2, (lines.len() as u16).div_ceil(2) + 2)
    } else {
        (line_w + 4, needed)
    };
    let (width, height) = (width.min(area.width), height.min(area.height));
    let popup = super::centered(area, width, height);
    frame.render_widget(Clear, popup);
    let rows = usize::from(height.saturating_sub(2));
    let total = if two_columns {
        lines.len().div_ceil(2)
    } else {
        lines.len()
    };
    let skip = app.help_scroll.min(total.saturating_sub(rows));
    let more = if skip + rows < total {
        " · j/k scroll ↓"
    } else if skip > 0 {
        " · j/k scroll ↑"
    } else {
        ""
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(format!(" Keys · ? or Esc closes{more} "));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if !two_columns {
        lines.drain(..skip);
    }
    if two_columns {
        let half = lines.len().div_ceil(2);
        let right = lines.split_off(half);
        let [a, b] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(Paragraph::new(lines), a.inner(Margin::new(1, 0)));
        frame.render_widget(Paragraph::new(right), b.inner(Margin::new(1, 0)));
    } else {
        frame.render_widget(Paragraph::new(lines), inner.inner(Margin::new(1, 0)));
    }
}
