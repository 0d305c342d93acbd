//! The article list: titles in visual order, word and match counts.

use super::{pane_block, styled_line};
use crate::text::layout_title;
use crate::tui::geometry::{Pane, PaneOrder};
use crate::tui::state::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let list = &app.list;
    let title = format!(
        "{} {}/{}",
        Pane::List.name(),
        if list.visible.is_empty() {
            0
        } else {
            list.selected + 1
        },
        list.visible.len()
    );
    let block = pane_block(app, Pane::List, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let theme = &app.settings.theme;
    let width = usize::from(inner.width);
    let rtl = app.settings.order == PaneOrder::Rtl;
    let marked: std::collections::HashSet<&str> = app
        .marks
        .store
        .bookmarks()
        .iter()
        .filter(|b| !b.orphaned)
        .map(|b| b.article.as_str())
        .collect();
    let rows = list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(usize::from(inner.height));
    let mut lines = Vec::new();
    for (pos, &index) in rows {
        let article = &app.corpus.articles[index];
        let selected = pos == list.selected;
        let count = match app.filter.counts.get(&index) {
            Some(n) => format!("×{n:<3}"),
            None => String::new(),
        };
        let words = app
            .list
            .words
            .get(&index)
            .copied()
            .unwrap_or_else(|| article.word_count());
        let star = if marked.contains(article.id.as_str()) {
            "★"
        } else {
            " "
        };
        let info = format!("{star}{count}{words:>5}w");
        let title_width = width.saturating_sub(1 + info.width() + 1);
        let opts = app.settings.layout;
        let visual = layout_title(&article.title, title_width, &opts);
        let base = if selected {
            theme.selected
        } else {
            ratatui::style::Style::new()
        };
        let mut title = styled_line(&visual, &[], base);
        // Pad the title to its column so the counts line up.
        let pad = title_width.saturating_sub(visual.width());
        let filler = Span::styled(" ".repeat(pad), base);
        let info = Span::styled(info, if selected { base } else { theme.dim });
        let bar = Span::styled(if selected { "▌" } else { " " }, theme.border_focused);
        let mut spans = vec![bar];
        if rtl {
            // Mirrored: counts on the left, the right-aligned title on the right.
            spans.push(info);
            spans.push(Span::raw(" "));
            spans.push(filler);
            spans.append(&mut title.spans);
        } else {
            spans.append(&mut title.spans);
            spans.push(filler);
            spans.push(Span::raw(" "));
            spans.push(info);
        }
        lines.push(Line::from(spans));
    }
    if lines.is_empty() {
        let why = if app.loading.is_some() {
            " loading…"
        } else if app.corpus.articles.is_empty() {
            " no articles in this corpus"
        } else {
            " no article matches the filter"
        };
        lines.push(Line::styled(why, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
