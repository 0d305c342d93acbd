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
    /// Entity mentions, by kind: person, place, organisation, number/date, other.
    pub person: Style,
    pub place: Style,
    pub organization: Style,
    pub figure: Style,
    pub misc: Style,
    /// Mentions of the entity selected in the entity pane.
    pub entity_selected: Style,
}

impl Theme {
    /// The style of a mention of this kind.
    pub fn entity(&self, kind: crate::entities::Kind) -> Style {
        use crate::entities::Kind;
        match kind {
            Kind::Person => self.person,
            Kind::Location => self.place,
            Kind::Organization => self.organization,
            Kind::Number | Kind::Date => self.figure,
            Kind::Misc => self.misc,
        }
    }
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
                person: Style::new().add_modifier(Modifier::UNDERLINED),
                place: Style::new().add_modifier(Modifier::UNDERLINED),
                organization: Style::new().add_modifier(Modifier::UNDERLINED),
                figure: Style::new(),
                misc: Style::new().add_modifier(Modifier::UNDERLINED),
                entity_selected: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
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
            person: Style::new().fg(Color::Magenta),
            place: Style::new().fg(Color::Green),
            // Never the accent, so headlines and mentions stay apart.
            organization: Style::new().fg(match name {
                ThemeName::Dark => Color::LightBlue,
                ThemeName::Light => Color::Cyan,
            }),
            figure: Style::new().fg(Color::Yellow),
            misc: Style::new().fg(Color::Red),
            entity_selected: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_colours_differ_from_each_other_and_from_headlines() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let t = Theme::new(name, false);
            let mut fgs = vec![
                t.headline.fg,
                t.person.fg,
                t.place.fg,
                t.organization.fg,
                t.figure.fg,
                t.misc.fg,
            ];
            let n = fgs.len();
            fgs.dedup();
            fgs.sort_by_key(|c| format!("{c:?}"));
            fgs.dedup();
            assert_eq!(fgs.len(), n, "{name:?}");
        }
    }
}
