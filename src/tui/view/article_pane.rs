//! The article: headline, a header (outlet or source, date, counts; the web
//! address), and paragraphs as laid out by the layout engine, with entity
//! mentions and matches highlighted through the position map, and marks in
//! the margin on the reading side.

use super::chrome::{pane_block, styled_line, text_area, ui_line};
use crate::corpus::Article;
use crate::text::LayoutOptions;
use crate::tui::article_rows::Row;
use crate::tui::geometry::Pane;
use crate::tui::quote::quote;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use std::ops::Range;

/// A mark in the margin beside a row (`y` counts from the top of the text).
#[derive(Debug, Clone, PartialEq)]
pub struct GutterMark {
    pub y: u16,
    pub mark: &'static str,
    pub style: Style,
    /// Right of the text (its paragraph is right to left), else left.
    pub right: bool,
}

/// What the article pane draws.
pub struct ArticlePane<'a> {
    pub progress: usize,
    /// The rows on screen, already styled; `None` when no article is open.
    pub lines: Option<Vec<Line<'static>>>,
    pub gutter: Vec<GutterMark>,
    pub focused: bool,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

impl<'a> ArticlePane<'a> {
    pub fn new(app: &'a App, area: Rect) -> ArticlePane<'a> {
        let text = text_area(area);
        let mut pane = ArticlePane {
            progress: app.progress(),
            lines: None,
            gutter: Vec::new(),
            focused: app.focus == Pane::Article,
            theme: &app.settings.theme,
            layout: app.settings.layout,
        };
        let Some(rows) = &app.article.rows else {
            return pane;
        };
        let article = app.article(rows.article);
        let rtl = rows.fields.first().is_some_and(|f| f.rtl);
        let width = usize::from(text.width);
        let bookmarked = app.marks.store.bookmarked_paragraphs(&article.id);
        let current = app.current_paragraph();
        let range = app
            .marks
            .range_from
            .zip(current)
            .map(|(a, b)| a.min(b)..=a.max(b));
        let theme = &app.settings.theme;
        let visible = rows
            .rows
            .iter()
            .skip(app.article.scroll)
            .take(usize::from(text.height));
        let mut lines = Vec::new();
        for (y, row) in (0u16..).zip(visible) {
            let line = match *row {
                Row::Blank => Line::default(),
                Row::Meta => {
                    let meta = header(article, bookmarked.len());
                    ui_line(&[(&meta, theme.meta)], width, &app.settings.layout)
                        .alignment(align(rtl))
                }
                Row::Url => {
                    let url = quote(article.meta.url.as_deref().unwrap_or_default());
                    ui_line(&[(&url, theme.meta)], width, &app.settings.layout)
                        .alignment(align(rtl))
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
                    let mark = if field == 0 {
                        None
                    } else if line == 0 && bookmarked.contains(&field) {
                        Some(("★", theme.headline))
                    } else if range.as_ref().is_some_and(|r| r.contains(&field)) {
                        Some(("┃", theme.border_focused))
                    } else if current == Some(field) && app.focus == Pane::Article {
                        Some(("▏", theme.dim))
                    } else {
                        None
                    };
                    if let Some((mark, style)) = mark {
                        let right = rows.fields[field].rtl;
                        pane.gutter.push(GutterMark {
                            y,
                            mark,
                            style,
                            right,
                        });
                    }
                    styled_line(visual, &highlights(app, field), base)
                }
            };
            lines.push(line);
        }
        pane.lines = Some(lines);
        pane
    }
}

fn align(rtl: bool) -> Alignment {
    if rtl {
        Alignment::Right
    } else {
        Alignment::Left
    }
}

/// The header under the headline: outlet and date where known, then the
/// counts; the source (a file path) last, as it is the part to cut. Corpus
/// text in it is quoted, to be laid out in its own direction.
pub fn header(article: &Article, bookmarks: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let outlet = article
        .meta
        .outlet
        .as_deref()
        .filter(|o| !o.trim().is_empty());
    parts.extend(outlet.map(quote));
    parts.extend(article.meta.published.as_deref().map(|d| quote(&date(d))));
    parts.push(format!("{} words", article.word_count()));
    parts.push(format!("{} ¶", article.paragraphs.len()));
    if bookmarks > 0 {
        parts.push(format!("★ {bookmarks}"));
    }
    if outlet.is_none() {
        parts.push(quote(&article.source));
    }
    parts.join(" · ")
}

/// `2022-11-11T10:00:00Z` → `2022-11-11 10:00`; a date alone stays as it is.
fn date(published: &str) -> String {
    match published.split_once('T') {
        Some((day, time)) if time.len() >= 5 => format!("{day} {}", &time[..5]),
        _ => published.to_string(),
    }
}

/// Logical ranges of `field` to highlight, later ones winning: entity
/// mentions coloured by kind, the selected entity's mentions, then matches
/// with the current one (where `n`/`N` went) set apart.
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

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let progress = format!(" {}% ", self.progress);
        let progress = ui_line(&[(&progress, Style::new())], 8, &self.layout);
        let block = pane_block(
            Pane::Article.name(),
            self.focused,
            area.width,
            self.theme,
            &self.layout,
        )
        .title_top(progress.alignment(Alignment::Right));
        block.render(area, buf);
        let text = text_area(area);
        let Some(lines) = self.lines else {
            let width = usize::from(text.width);
            let line = ui_line(
                &[("no article selected", self.theme.dim)],
                width,
                &self.layout,
            );
            Paragraph::new(line).render(text, buf);
            return;
        };
        Paragraph::new(lines).render(text, buf);
        for mark in &self.gutter {
            let x = if mark.right {
                text.right()
            } else {
                text.x.saturating_sub(1)
            };
            if x > area.x && x + 1 < area.right() && mark.y < text.height {
                buf.set_string(x, text.y + mark.y, mark.mark, mark.style);
            }
        }
    }
}

#[cfg(test)]
mod tests;
