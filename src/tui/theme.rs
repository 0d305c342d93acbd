//! Colours and text styles. With NO_COLOR set, only modifiers (bold,
//! reverse, underline) are used, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub headline: Style,
    pub meta: Style,
    pub selected: Style,
    pub matched: Style,
    pub current_match: Style,
    pub dim: Style,
    pub status: Style,
    pub notice: Style,
}

impl Theme {
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if no_color {
            return Theme {
                border: Style::new(),
                border_focused: bold,
                headline: bold,
                meta: Style::new(),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                matched: Style::new().add_modifier(Modifier::UNDERLINED),
                current_match: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new(),
                status: Style::new(),
                notice: bold,
            };
        }
        let (accent, fg_dim, hl_bg, hl_fg) = match name {
            ThemeName::Dark => (Color::Cyan, Color::DarkGray, Color::Yellow, Color::Black),
            ThemeName::Light => (Color::Blue, Color::Gray, Color::LightYellow, Color::Black),
        };
        Theme {
            border: Style::new().fg(fg_dim),
            border_focused: bold.fg(accent),
            headline: bold.fg(accent),
            meta: Style::new().fg(fg_dim),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().bg(hl_bg).fg(hl_fg),
            current_match: Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            dim: Style::new().fg(fg_dim),
            status: Style::new().add_modifier(Modifier::REVERSED),
            notice: bold.fg(accent),
        }
    }
}
