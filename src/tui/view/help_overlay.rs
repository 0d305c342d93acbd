//! The help overlay, generated from the key map, section by section, so it
//! always tells the truth; scrolls (or takes two columns) when it does not
//! fit.

use super::chrome::{centered, hints, ui_line};
use crate::text::LayoutOptions;
use crate::tui::action::Action;
use crate::tui::keymap::{KeyMap, Section};
use crate::tui::quote::quote;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// One entry: a heading, or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Keys(String, String),
    Blank,
}

pub struct HelpOverlay<'a> {
    pub lines: Vec<HelpLine>,
    /// Lines scrolled past (clamped when drawn).
    pub scroll: usize,
    /// How to close and scroll, from the key map.
    pub title: String,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

/// The help text for `keymap`: every section with its keys.
pub fn help_lines(keymap: &KeyMap) -> Vec<HelpLine> {
    let key = |a| {
        keymap
            .key_name(Section::Normal, a)
            .unwrap_or_else(|| "—".into())
    };
    let sections = [
        (Section::Normal, "Reading".to_string()),
        (
            Section::Input,
            format!(
                "In every prompt: filter ({}), find ({}), note, tag ({})",
                key(Action::Filter),
                key(Action::Find),
                key(Action::TagEntity)
            ),
        ),
        (Section::Filter, "In the filter prompt, also".to_string()),
        (Section::Find, "In the find prompt, also".to_string()),
        (
            Section::Bookmarks,
            format!("In the bookmarks pane ({})", key(Action::Bookmarks)),
        ),
        (
            Section::Help,
            format!("In this help ({})", key(Action::Help)),
        ),
        (Section::Confirm, "When asked to confirm".to_string()),
        (
            Section::Export,
            format!("Choosing an export format ({})", key(Action::Export)),
        ),
        (Section::TagKind, "Choosing what to tag as".to_string()),
    ];
    let mut lines = Vec::new();
    for (section, heading) in sections {
        let rows = keymap.help_rows(section);
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(heading));
        lines.extend(
            rows.into_iter()
                .map(|(k, d)| HelpLine::Keys(k, d.to_string())),
        );
        if section == Section::Input {
            lines.push(HelpLine::Keys(
                "other keys".into(),
                "typed; a paste too (line breaks: spaces)".into(),
            ));
        }
    }
    lines
}

impl<'a> HelpOverlay<'a> {
    pub fn new(keymap: &KeyMap, scroll: usize, theme: &'a Theme, layout: LayoutOptions) -> Self {
        let closes = hints(keymap, Section::Help, &[(Action::Close, "closes")]);
        let scrolls = [Action::MoveDown, Action::MoveUp]
            .iter()
            .filter_map(|a| keymap.key_name(Section::Help, *a))
            .collect::<Vec<_>>()
            .join("/");
        HelpOverlay {
            lines: help_lines(keymap),
            scroll,
            title: format!("Keys · {closes} · {scrolls} scroll"),
            theme,
            layout,
        }
    }
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let key_w = self
            .lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Keys(k, _) => Some(k.width()),
                _ => None,
            })
            .max()
            .unwrap_or(8)
            .max(10);
        let pad = |k: &str| format!("{k}{}  ", " ".repeat(key_w - k.width()));
        let texts: Vec<String> = self
            .lines
            .iter()
            .map(|l| match l {
                HelpLine::Heading(h) => h.clone(),
                HelpLine::Keys(k, d) => format!("{}{d}", pad(k)),
                HelpLine::Blank => String::new(),
            })
            .collect();
        // As wide as the longest entry; in two columns when too tall for the
        // screen, and both fit; else one column that scrolls.
        let line_w = texts.iter().map(|t| t.width()).max().unwrap_or(20);
        let line_w = u16::try_from(line_w).unwrap_or(u16::MAX / 4);
        let count = u16::try_from(texts.len()).unwrap_or(u16::MAX / 4);
        let two_columns = count + 2 > area.height
            && count.div_ceil(2) + 2 <= area.height
            && 2 * (line_w + 3) + 2 <= area.width;
        let (width, height) = if two_columns {
            (2 * (line_w + 3) + 2, count.div_ceil(2) + 2)
        } else {
            (line_w + 4, count + 2)
        };
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        let rows = usize::from(popup.height.saturating_sub(2));
        let total = if two_columns {
            texts.len().div_ceil(2)
        } else {
            texts.len()
        };
        let skip = self.scroll.min(total.saturating_sub(rows));
        let more = if skip + rows < total {
            " ↓"
        } else if skip > 0 {
            " ↑"
        } else {
            ""
        };
        let room = usize::from(popup.width.saturating_sub(4));
        let title = format!(" {}{more} ", self.title);
        let block = Block::bordered()
            .border_style(theme.border_focused)
            .title(ui_line(
                &[(&title, theme.border_focused)],
                room,
                &self.layout,
            ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let column_w = usize::from(if two_columns {
            inner.width / 2
        } else {
            inner.width
        })
        .saturating_sub(2);
        let mut lines: Vec<Line> = self
            .lines
            .iter()
            .map(|line| match line {
                HelpLine::Heading(h) => ui_line(&[(h, theme.headline)], column_w, &self.layout),
                HelpLine::Keys(k, d) => {
                    // Each key name is quoted: the list stays left to
                    // right, an Arabic key reads as itself.
                    let names: Vec<String> = k.split(' ').map(quote).collect();
                    let keys = names.join(" ") + &" ".repeat(key_w - k.width() + 2);
                    let parts = [(keys.as_str(), theme.headline), (d.as_str(), Style::new())];
                    ui_line(&parts, column_w, &self.layout)
                }
                HelpLine::Blank => Line::default(),
            })
            .collect();
        if two_columns {
            let right = lines.split_off(lines.len().div_ceil(2));
            let [a, b] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
            Paragraph::new(lines).render(a.inner(Margin::new(1, 0)), buf);
            Paragraph::new(right).render(b.inner(Margin::new(1, 0)), buf);
        } else {
            lines.drain(..skip.min(lines.len()));
            Paragraph::new(lines).render(inner.inner(Margin::new(1, 0)), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Key;
    use crate::tui::theme::ThemeName;
    use crate::tui::view::chrome::symbols;

    #[test]
    fn rebound_keys_show_in_help_and_arabic_key_names_read_right() {
        use crate::config::KeyBinding;
        let keymap = KeyMap::from_config(&[
            KeyBinding::new(None, "ق", "quit", 1),
            KeyBinding::new(None, "q", "none", 2),
        ])
        .unwrap();
        assert_eq!(
            keymap.action(Section::Normal, Key::ch('ق')),
            Some(Action::Quit)
        );
        let lines = help_lines(&keymap);
        assert!(lines.contains(&HelpLine::Keys("ق Ctrl-c".into(), "quit".into())));
        let theme = Theme::new(ThemeName::Dark, false);
        let overlay = HelpOverlay {
            lines: vec![
                HelpLine::Heading("Reading".into()),
                HelpLine::Keys("ق Ctrl-c".into(), "quit".into()),
            ],
            scroll: 0,
            title: "Keys".into(),
            theme: &theme,
            layout: LayoutOptions::default(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 4));
        overlay.render(buf.area, &mut buf);
        // As wide as its longest line, in the middle.
        let expected = Buffer::with_lines([
            "  ┌ Keys ────────────┐  ",
            "  │ Reading          │  ",
            "  │ ﻕ Ctrl-c    quit │  ",
            "  └──────────────────┘  ",
        ]);
        assert_eq!(symbols(&buf), symbols(&expected));
        assert_eq!(buf[(6, 2)].fg, theme.headline.fg.unwrap(), "keys");
        assert_eq!(buf[(4, 2)].symbol(), "ﻕ", "the Arabic key");
        assert_eq!(
            buf[(16, 2)].fg,
            ratatui::style::Color::Reset,
            "what it does"
        );
    }
}
