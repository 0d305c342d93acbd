//! The article: headline, metadata line and paragraphs as laid out by the
//! layout engine, with filter matches highlighted through the position map.

use super::{pane_block, styled_line, text_area};
use crate::tui::article_rows::Row;
use crate::tui::geometry::Pane;
use crate::tui::state::App;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::ops::Range;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let block = pane_block(app, Pane::Article, Pane::Article.name().to_string())
        .title_top(Line::from(format!(" {}% ", app.progress())).alignment(Alignment::Right));
    frame.render_widget(block, area);
    let text = text_area(area);
    let Some(rows) = &app.article.rows else {
        frame.render_widget(Paragraph::new("no article selected").style(theme.dim), text);
        return;
    };
    let article = &app.corpus.articles[rows.article];
    let mut lines = Vec::new();
    for row in rows
        .rows
        .iter()
        .skip(app.article.scroll)
        .take(usize::from(text.height))
    {
        let line = match *row {
            Row::Blank => Line::default(),
            Row::Meta => {
                // Numbers first: the source path is the part that may be cut.
                let meta = format!(
                    "{} words · {} ¶ · {}",
                    article.word_count(),
                    article.paragraphs.len(),
                    crate::text::controls::visible(&article.source)
                );
                let align = if rows.fields.first().is_some_and(|f| f.rtl) {
                    Alignment::Right
                } else {
                    Alignment::Left
                };
                Line::styled(meta, theme.meta).alignment(align)
            }
            Row::Text { field, line } => {
                let Some(visual) = rows.line(field, line) else {
                    continue;
                };
                let base = if field == 0 {
                    theme.headline
                } else {
                    Style::new()
                };
                styled_line(visual, &highlights(app, field), base)
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), text);
    draw_gutter(frame, app, area, text);
}

/// Marks in the margin on the reading side (right for right-to-left text):
/// ★ on the first line of a bookmarked paragraph, ┃ along a `v` range being
/// chosen, ▏ along the current paragraph (what `b` acts on).
fn draw_gutter(frame: &mut Frame, app: &App, pane: Rect, text: Rect) {
    let Some(rows) = &app.article.rows else {
        return;
    };
    let article = &app.corpus.articles[rows.article];
    let bookmarked = app.marks.store.bookmarked_paragraphs(&article.id);
    let current = crate::tui::current_paragraph(app);
    let range = app
        .marks
        .range_from
        .zip(current)
        .map(|(a, b)| a.min(b)..=a.max(b));
    let theme = &app.settings.theme;
    let visible = rows
        .rows
        .iter()
        .enumerate()
        .skip(app.article.scroll)
        .take(usize::from(text.height));
    for (y, (_, row)) in (text.y..).zip(visible) {
        let Row::Text { field, line } = *row else {
            continue;
        };
        if field == 0 {
            continue;
        }
        let mark = if line == 0 && bookmarked.contains(&field) {
            ("★", theme.headline)
        } else if range.as_ref().is_some_and(|r| r.contains(&field)) {
            ("┃", theme.border_focused)
        } else if current == Some(field) && app.focus == Pane::Article {
            ("▏", theme.dim)
        } else {
            continue;
        };
        let rtl = rows.fields[field].rtl;
        let x = if rtl {
            text.right()
        } else {
            text.x.saturating_sub(1)
        };
        if x > pane.x && x + 1 < pane.right() {
            frame.buffer_mut().set_string(x, y, mark.0, mark.1);
        }
    }
}

/// Logical ranges of `field` to highlight, later ones winning: entity
/// mentions coloured by kind, the selected entity's mentions, then filter
/// matches with the current one (where `n`/`N` went) set apart.
fn highlights(app: &App, field: usize) -> Vec<(Range<usize>, Style)> {
    let theme = &app.settings.theme;
    let entities = &app.entities;
    let selected = entities
        .selected_group()
        .map(|g| (g.canonical.clone(), g.kind));
    let mut spans: Vec<(Range<usize>, Style)> = Vec::new();
    for (i, m) in entities
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.field == field)
    {
        let mut style = theme.entity(m.kind);
        if selected
            .as_ref()
            .is_some_and(|(c, k)| *k == m.kind && *c == m.canonical)
        {
            style = style.patch(theme.entity_selected);
            if entities.current == Some(i) {
                style = style.patch(theme.current_match);
            }
        }
        spans.push((m.range.clone(), style));
    }
    for (i, h) in app
        .article
        .hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.paragraph == field)
    {
        let style = if app.article.current == Some(i) {
            theme.current_match
        } else {
            theme.matched
        };
        spans.push((h.range.clone(), style));
    }
    spans
}
