//! The bottom line: the filter prompt while typing, otherwise what is shown
//! and the key hints.

use super::styled_line;
use crate::text::layout_title;
use crate::tui::state::App;
use crate::tui::Prompt;
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
        draw_prompt(frame, app, area, " / ", &app.filter.input, left);
        return;
    }
    match &app.entities.tag {
        Some(crate::tui::TagPrompt::Text(text)) => {
            draw_prompt(frame, app, area, " tag: ", text, left);
            return;
        }
        Some(crate::tui::TagPrompt::Kind(text)) => {
            left.push(Span::styled(
                format!(
                    " tag {} as: p person · l place · o organisation · Esc cancel",
                    crate::text::controls::visible(text)
                ),
                theme.notice,
            ));
            frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), area);
            return;
        }
        None => {}
    }
    match &app.marks.prompt {
        Some(Prompt::EditNote { text, .. }) => {
            draw_prompt(frame, app, area, " note: ", text, left);
            return;
        }
        Some(Prompt::ConfirmDelete(_)) => {
            left.push(Span::styled(
                " delete this bookmark? y deletes, any other key keeps it",
                theme.notice,
            ));
            frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), area);
            return;
        }
        Some(Prompt::ExportMenu) => {
            left.push(Span::styled(
                " export bookmarks as: m Markdown · j JSON · t text · h HTML · Esc cancel",
                theme.notice,
            ));
            frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), area);
            return;
        }
        None => {}
    }
    let mut summary = match app.loading.map(|l| l.percent()) {
        Some(Some(percent)) => format!(" loading {percent}% ·"),
        Some(None) => " loading ·".to_string(),
        None => String::new(),
    };
    summary += &if app.filter.input.is_empty() {
        format!(" {total} articles")
    } else {
        let here = app.article.hits.len();
        let plural = if here == 1 { "" } else { "es" };
        format!(" {shown} of {total} articles · {here} match{plural} here · n/N next")
    };
    if let Some(from) = app.marks.range_from {
        summary.push_str(&format!(
            " · range from ¶{from}: b bookmarks it, Esc cancels"
        ));
    }
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

/// A prompt label then the typed text in visual order, with the cursor at
/// its logical end (the left edge of right-to-left text).
fn draw_prompt(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    label: &str,
    input: &str,
    mut spans: Vec<Span<'static>>,
) {
    let theme = &app.settings.theme;
    spans.push(Span::raw(label.to_string()));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(used + 2);
    let opts = crate::text::LayoutOptions {
        align: false,
        ..app.settings.layout
    };
    let visual = layout_title(input, room, &opts);
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
