//! The bottom line: the filter prompt while typing, otherwise what is shown
//! and the key hints.

use super::styled_line;
use crate::text::layout_title;
use crate::tui::state::App;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let hints = " ? help · q quit ";
    let total = app.corpus.articles.len();
    let shown = app.list.visible.len();
    let mut left: Vec<Span> = Vec::new();
    if !app.geometry().is_wide() {
        left.push(Span::styled(
            format!(" [{}] Tab: next pane ", app.focus.name()),
            theme.notice,
        ));
    }
    if app.filter.editing {
        draw_prompt(frame, app, area, left);
        return;
    }
    let mut summary = if app.filter.input.is_empty() {
        format!(" {total} articles")
    } else {
        let here = app.article.hits.len();
        let plural = if here == 1 { "" } else { "es" };
        format!(" {shown} of {total} articles · {here} match{plural} here · n/N next")
    };
    if let Some(notice) = &app.notice {
        summary.push_str(" · ");
        summary.push_str(notice);
    }
    left.push(Span::raw(summary));
    let hints_w = u16::try_from(hints.width())
        .unwrap_or(0)
        .min(area.width / 3);
    let [main, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(hints_w)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), main);
    frame.render_widget(
        Paragraph::new(hints)
            .alignment(Alignment::Right)
            .style(theme.status),
        right,
    );
}

/// `/` then the query in visual order, with the cursor at its logical end
/// (the left edge of right-to-left text).
fn draw_prompt(frame: &mut Frame, app: &App, area: Rect, mut spans: Vec<Span<'static>>) {
    let theme = &app.settings.theme;
    spans.push(Span::raw(" / "));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(used + 2);
    let opts = crate::text::LayoutOptions {
        align: false,
        ..app.settings.layout
    };
    let visual = layout_title(&app.filter.input, room, &opts);
    let query_width = visual.width();
    let mut cursor_x = used;
    if visual.rtl {
        // The cursor sits before the text, where the next letter will appear.
        spans.push(Span::raw(" "));
        spans.extend(styled_line(&visual, &[], theme.status).spans);
    } else {
        spans.extend(styled_line(&visual, &[], theme.status).spans);
        cursor_x += query_width;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
    let x = area.x
        + u16::try_from(cursor_x)
            .unwrap_or(area.width)
            .min(area.width - 1);
    frame.set_cursor_position((x, area.y));
}
