//! The bookmarks pane: each saved passage in two lines, its paragraphs and
//! the start of its text, then its note and the article's title; orphaned
//! ones (no longer in the corpus) are listed too. Keys in the title come
//! from the key map.

use super::chrome::{centered, content_visual, hints, styled_line, ui_line};
use crate::bookmarks::Bookmark;
use crate::text::{LayoutOptions, VisualLine};
use crate::tui::action::Action;
use crate::tui::keymap::Section;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

#[derive(Debug, Clone)]
pub struct BookmarkRow {
    /// "¶3" or "¶3–5".
    pub label: String,
    /// The start of the passage.
    pub passage: VisualLine,
    /// The note, then the article's title.
    pub detail: VisualLine,
    pub selected: bool,
}

/// What the bookmarks pane draws (over the whole screen).
pub struct BookmarksPane<'a> {
    pub title: String,
    pub rows: Vec<BookmarkRow>,
    /// Said when there are no bookmarks.
    pub empty: String,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

/// Columns before the text: bar and a label of up to 8.
const LEAD: usize = 10;

impl<'a> BookmarksPane<'a> {
    pub fn new(app: &'a App, area: Rect) -> BookmarksPane<'a> {
        let popup = popup(area);
        let room = usize::from(popup.width.saturating_sub(2)).saturating_sub(LEAD);
        let layout = app.settings.layout;
        let bookmarks = app.marks.store.bookmarks();
        let shown = usize::from(popup.height.saturating_sub(2) / 2).max(1);
        let first = app.marks.selected.saturating_sub(shown - 1);
        let rows = bookmarks
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .map(|(i, b)| BookmarkRow {
                label: b.range_label(),
                passage: content_visual(&passage_start(b), room, &layout, true),
                detail: content_visual(&detail(b), room, &layout, true),
                selected: i == app.marks.selected,
            })
            .collect();
        let keys = &app.settings.keymap;
        let keys_hint = hints(
            keys,
            Section::Bookmarks,
            &[
                (Action::Open, "open"),
                (Action::Delete, "delete"),
                (Action::EditNote, "note"),
                (Action::Export, "export"),
                (Action::Close, "close"),
            ],
        );
        let how = [
            (Action::ToggleBookmark, "bookmarks the current paragraph"),
            (Action::MarkRange, "starts a range"),
        ]
        .iter()
        .filter_map(|(a, what)| {
            keys.key_name(Section::Normal, *a)
                .map(|k| format!("{k} {what}"))
        })
        .collect::<Vec<_>>()
        .join("; ");
        BookmarksPane {
            title: format!("Bookmarks {} · {keys_hint}", bookmarks.len()),
            rows,
            empty: format!("No bookmarks yet. In an article, {how}."),
            theme: &app.settings.theme,
            layout,
        }
    }
}

/// The box the pane is drawn in.
pub fn popup(area: Rect) -> Rect {
    let width = area.width.saturating_sub(8).max(20).min(area.width);
    let height = area.height.saturating_sub(4).max(5).min(area.height);
    centered(area, width, height)
}

/// The passage's first paragraph, on one line.
fn passage_start(b: &Bookmark) -> String {
    b.text
        .first()
        .map_or(String::new(), |p| p.replace('\n', " "))
}

/// The note, then the article's title (unless the passage starts with it:
/// a page without a headline has its lead sentence as title).
fn detail(b: &Bookmark) -> String {
    let lead = b.title.trim_end_matches('…');
    let mut parts: Vec<String> = b.note.iter().cloned().collect();
    if !(b.from == 1 && b.text.first().is_some_and(|p| p.starts_with(lead))) {
        parts.push(b.title.replace('\n', " "));
    }
    if b.orphaned {
        parts.push("(no longer in the corpus)".into());
    }
    parts.join(" — ")
}

impl Widget for BookmarksPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let popup = popup(area);
        Clear.render(popup, buf);
        let room = usize::from(popup.width.saturating_sub(4));
        let title = ui_line(
            &[(&format!(" {} ", self.title), theme.border_focused)],
            room,
            &self.layout,
        );
        let block = Block::bordered()
            .border_style(theme.border_focused)
            .title(title);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if self.rows.is_empty() {
            let width = usize::from(inner.width);
            let line = ui_line(&[(&self.empty, theme.dim)], width, &self.layout);
            Paragraph::new(line).render(inner, buf);
            return;
        }
        let mut lines = Vec::new();
        for row in &self.rows {
            let base = if row.selected {
                theme.selected
            } else {
                Style::new()
            };
            let bar = Span::styled(if row.selected { "▌" } else { " " }, theme.border_focused);
            let label = Span::styled(format!("{:<8} ", row.label), base.patch(theme.headline));
            let mut first = vec![bar, label];
            first.extend(styled_line(&row.passage, &[], base).spans);
            lines.push(Line::from(first));
            let mut second = vec![Span::raw(" ".repeat(LEAD))];
            second.extend(styled_line(&row.detail, &[], theme.dim).spans);
            lines.push(Line::from(second));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::ThemeName;
    use crate::tui::view::chrome::symbols;

    #[test]
    fn a_row_shows_the_passage_start_and_the_note_not_a_doubled_pilcrow() {
        let theme = Theme::new(ThemeName::Dark, false);
        let layout = LayoutOptions::default();
        let pane = BookmarksPane {
            title: "Bookmarks 1 · Enter open".into(),
            rows: vec![BookmarkRow {
                label: "¶2–4".into(),
                passage: content_visual("The troops crossed the river at dawn.", 16, &layout, true),
                detail: content_visual("key — Morning news", 16, &layout, true),
                selected: true,
            }],
            empty: String::new(),
            theme: &theme,
            layout,
        };
        // The pane takes the area less 4 columns each side and 2 rows.
        let mut buf = Buffer::empty(Rect::new(0, 0, 36, 8));
        pane.render(buf.area, &mut buf);
        // The title is cut after a whole word to fit the frame.
        let expected = Buffer::with_lines([
            "                                    ",
            "    ┌ Bookmarks 1 · Enter…─────┐    ",
            "    │▌¶2–4     The troops…     │    ",
            "    │          key — Morning…  │    ",
            "    │                          │    ",
            "    └──────────────────────────┘    ",
            "                                    ",
            "                                    ",
        ]);
        assert_eq!(symbols(&buf), symbols(&expected));
        assert_eq!(buf[(6, 2)].fg, theme.headline.fg.unwrap(), "the paragraphs");
        assert_eq!(buf[(16, 3)].fg, theme.dim.fg.unwrap(), "the note");
    }
}
