//! The article list: an unread mark, the title in visual order (cut at its
//! end in reading order), the outlet or feed, the day, bookmark star, match
//! and word counts. Mirrored in the right-to-left arrangement.

use super::chrome::{content_visual, pane_block, styled_line, ui_line};
use crate::text::{LayoutOptions, VisualLine};
use crate::tui::geometry::{Pane, PaneOrder};
use crate::tui::quote::quote;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

/// One row: the title already laid out for its column.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub title: VisualLine,
    /// The outlet or feed name, laid out for its column (empty if unknown).
    pub outlet: VisualLine,
    /// Its column with the space after it; 0 when it is not shown.
    pub outlet_w: usize,
    /// Day, star, match count, word count: "2015-08-11 ★×3    385w".
    pub info: String,
    pub selected: bool,
    pub unread: bool,
}

/// What the list pane draws.
pub struct ListPane<'a> {
    pub title: String,
    pub rows: Vec<ListRow>,
    /// Said when there are no rows.
    pub empty: &'static str,
    pub focused: bool,
    /// Mirrored: counts on the left, titles on the right.
    pub rtl: bool,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

/// The unread mark and the space after it.
const UNREAD: &str = "•";
/// The most and the least columns the outlet's column takes (with its
/// space), and the least the title keeps for the outlet or the day to be
/// shown at all.
const OUTLET: usize = 12;
const OUTLET_AT_LEAST: usize = 7;
const TITLE_AT_LEAST: usize = 14;

impl<'a> ListPane<'a> {
    pub fn new(app: &'a App, area: Rect) -> ListPane<'a> {
        let list = &app.list;
        let position = if list.visible.is_empty() {
            0
        } else {
            list.selected + 1
        };
        let inner_w = usize::from(area.width.saturating_sub(2));
        let marked: HashSet<&str> = app
            .marks
            .store
            .bookmarks()
            .iter()
            .filter(|b| !b.orphaned)
            .map(|b| b.article.as_str())
            .collect();
        let one_feed = matches!(app.feeds.view, crate::library::View::Feed(_));
        let rows = list
            .visible
            .iter()
            .enumerate()
            .skip(list.offset)
            .take(usize::from(area.height.saturating_sub(2)))
            .map(|(pos, &index)| {
                let article = app.row(index);
                let count = app
                    .filter
                    .counts
                    .get(&index)
                    .map_or(String::new(), |n| format!("×{n:<3}"));
                let words = article
                    .words
                    .or_else(|| list.words.get(&index).copied())
                    .unwrap_or_else(|| app.article(index).word_count());
                let star = if marked.contains(article.id) {
                    "★"
                } else {
                    " "
                };
                let counts = format!("{star}{count}{words:>5}w");
                // Bar, unread mark and a space, the title, a space, then as
                // room allows (the title keeps TITLE_AT_LEAST): the outlet
                // (not in a feed's own view: it would say the same on every
                // row), the day, and the counts.
                let mut room = inner_w.saturating_sub(4 + counts.width());
                let layout = &app.settings.layout;
                let (outlet, outlet_w) = match article.outlet.filter(|_| !one_feed) {
                    Some(o) if room >= TITLE_AT_LEAST + OUTLET_AT_LEAST => {
                        let w = (room - TITLE_AT_LEAST).min(OUTLET);
                        room -= w;
                        (content_visual(o, w - 1, layout, true), w)
                    }
                    _ => (content_visual("", 0, layout, true), 0),
                };
                let day = match article.day {
                    Some(d) if room > TITLE_AT_LEAST + d.width() => {
                        room -= d.width() + 1;
                        format!("{d} ")
                    }
                    _ => String::new(),
                };
                let info = format!("{day}{counts}");
                ListRow {
                    title: content_visual(article.title, room, layout, true),
                    outlet,
                    outlet_w,
                    info,
                    selected: pos == list.selected,
                    unread: !app.is_read(index),
                }
            })
            .collect();
        // The list of an entity's articles says whose.
        let whose = app
            .entities
            .filter
            .as_ref()
            .map_or(String::new(), |(name, _, _)| format!(" · {}", quote(name)));
        ListPane {
            title: format!(
                "{} {position}/{}{whose}",
                Pane::List.name(),
                list.visible.len()
            ),
            rows,
            empty: if app.loading.is_some() {
                "loading…"
            } else if app.article_count() == 0 {
                "no articles in this corpus"
            } else {
                "no article matches the filter"
            },
            focused: app.focus == Pane::List,
            rtl: app.settings.order == PaneOrder::Rtl,
            theme: &app.settings.theme,
            layout: app.settings.layout,
        }
    }

    fn row(&self, row: &ListRow, inner_w: usize) -> Line<'static> {
        let theme = self.theme;
        let base = if row.selected {
            theme.selected
        } else {
            Style::new()
        };
        let mut title = styled_line(&row.title, &[], base);
        // The outlet in a column of its own, a space on the title's side.
        let outlet_w = row.outlet_w;
        let title_w = inner_w.saturating_sub(4 + row.info.width() + outlet_w);
        let dim = if row.selected { base } else { theme.dim };
        let mut outlet = styled_line(&row.outlet, &[], dim);
        let pad = Span::styled(
            " ".repeat(outlet_w.saturating_sub(1 + row.outlet.width())),
            base,
        );
        // Pad the title to its column so the counts line up.
        let filler = Span::styled(" ".repeat(title_w.saturating_sub(row.title.width())), base);
        let info = Span::styled(
            row.info.clone(),
            if row.selected { base } else { theme.dim },
        );
        let mark = Span::styled(if row.unread { UNREAD } else { " " }, theme.headline);
        let bar = Span::styled(if row.selected { "▌" } else { " " }, theme.border_focused);
        let mut spans = vec![bar];
        if self.rtl {
            spans.extend([info, Span::raw(" ")]);
            if outlet_w > 0 {
                // Mirrored: next to the title, the padding on the far side.
                spans.push(pad);
                spans.append(&mut outlet.spans);
                spans.push(Span::styled(" ", base));
            }
            spans.push(filler);
            spans.append(&mut title.spans);
            spans.extend([Span::raw(" "), mark]);
        } else {
            spans.extend([mark, Span::raw(" ")]);
            spans.append(&mut title.spans);
            spans.extend([filler, Span::raw(" ")]);
            if outlet_w > 0 {
                spans.append(&mut outlet.spans);
                spans.extend([pad, Span::styled(" ", base)]);
            }
            spans.push(info);
        }
        Line::from(spans)
    }
}

impl Widget for ListPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = pane_block(
            &self.title,
            self.focused,
            area.width,
            self.theme,
            &self.layout,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let inner_w = usize::from(inner.width);
        let mut lines: Vec<Line> = self.rows.iter().map(|r| self.row(r, inner_w)).collect();
        if lines.is_empty() {
            let empty = format!(" {}", self.empty);
            lines.push(ui_line(&[(&empty, self.theme.dim)], inner_w, &self.layout));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::ThemeName;
    use crate::tui::view::chrome::symbols;

    fn row(title: &str, width: usize, selected: bool, unread: bool) -> ListRow {
        let layout = LayoutOptions::default();
        ListRow {
            title: content_visual(title, width, &layout, true),
            outlet: content_visual("", 0, &layout, true),
            outlet_w: 0,
            info: " 12w".into(),
            selected,
            unread,
        }
    }

    #[test]
    fn rows_mirror_with_the_arrangement_and_mark_unread_and_selected() {
        let theme = Theme::new(ThemeName::Dark, false);
        // 24 columns inside: 4 for bar, mark and spaces, 4 for " 12w".
        let pane = |rtl| ListPane {
            title: "Articles 1/2".into(),
            rows: vec![
                row("خبر", 16, true, true),
                row("News of the day", 16, false, false),
            ],
            empty: "",
            focused: true,
            rtl,
            theme: &theme,
            layout: LayoutOptions::default(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 26, 4));
        pane(true).render(buf.area, &mut buf);
        let expected = Buffer::with_lines([
            "┏ Articles 1/2 ━━━━━━━━━━┓",
            "┃▌ 12w              ﺮﺒﺧ •┃",
            "┃  12w  News of the day  ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━┛",
        ]);
        assert_eq!(symbols(&buf), symbols(&expected));
        // The selected row is in the selection style, its bar in the accent.
        assert_eq!(buf[(1, 1)].fg, theme.border_focused.fg.unwrap());
        assert!(buf[(20, 1)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED));
        assert!(!buf[(20, 2)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED));
        assert_eq!(buf[(24, 1)].fg, theme.headline.fg.unwrap(), "unread mark");

        let mut ltr = Buffer::empty(Rect::new(0, 0, 26, 4));
        pane(false).render(ltr.area, &mut ltr);
        assert_eq!(
            symbols(&ltr)[1..3],
            ["┃▌•              ﺮﺒﺧ  12w┃", "┃   News of the day   12w┃"]
        );
    }

    #[test]
    fn an_empty_list_says_why() {
        let theme = Theme::new(ThemeName::Light, false);
        let pane = ListPane {
            title: "Articles 0/0".into(),
            rows: Vec::new(),
            empty: "no article matches the filter",
            focused: false,
            rtl: false,
            theme: &theme,
            layout: LayoutOptions::default(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 34, 3));
        pane.render(buf.area, &mut buf);
        assert_eq!(symbols(&buf)[1], "│ no article matches the filter  │");
        assert_eq!(buf[(0, 0)].fg, theme.border.fg.unwrap());
    }
}
