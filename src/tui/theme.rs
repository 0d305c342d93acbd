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
            Kind::Organization | Kind::Institution => self.organization,
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
        // Light: dark colours from the 256-colour cube, each at least 4.5:1
        // against white (the ANSI green, cyan and yellow are not readable
        // on white, and grey borders vanished); checked in the tests below.
        let (accent, fg_dim, hl_bg, hl_fg) = match name {
            ThemeName::Dark => (Color::Cyan, Color::DarkGray, Color::Yellow, Color::Black),
            ThemeName::Light => (
                Color::Blue,
                Color::Indexed(241),
                Color::LightYellow,
                Color::Black,
            ),
        };
        let (person, place, organization, figure, misc) = match name {
            ThemeName::Dark => (
                Color::LightMagenta,
                Color::Green,
                Color::Indexed(75),
                Color::Yellow,
                Color::LightRed,
            ),
            ThemeName::Light => (
                Color::Indexed(127),
                Color::Indexed(28),
                Color::Indexed(25),
                Color::Indexed(94),
                Color::Red,
            ),
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
            person: Style::new().fg(person),
            place: Style::new().fg(place),
            // Never the accent, so headlines and mentions stay apart.
            organization: Style::new().fg(organization),
            figure: Style::new().fg(figure),
            misc: Style::new().fg(misc),
            entity_selected: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colour xterm shows for `color` with its default palette (`None` for
    /// the terminal's own default).
    fn xterm_rgb(color: Color) -> Option<(u8, u8, u8)> {
        const BASIC: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let index = match color {
            Color::Reset => return None,
            Color::Rgb(r, g, b) => return Some((r, g, b)),
            Color::Indexed(i) => i,
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
        };
        let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
        Some(match index {
            0..=15 => BASIC[usize::from(index)],
            16..=231 => {
                let i = index - 16;
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            _ => {
                let g = 8 + 10 * (index - 232);
                (g, g, g)
            }
        })
    }

    /// WCAG 2 contrast ratio of two colours (1 to 21).
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let luminance = |(r, g, b): (u8, u8, u8)| {
            let lin = |v: u8| {
                let c = f64::from(v) / 255.0;
                if c <= 0.039_28 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn xterm_palette_and_contrast_formula() {
        assert_eq!(xterm_rgb(Color::Indexed(241)), Some((98, 98, 98)));
        assert_eq!(xterm_rgb(Color::Indexed(25)), Some((0, 95, 175)));
        assert_eq!(xterm_rgb(Color::Indexed(16)), Some((0, 0, 0)));
        let black_on_white = contrast((0, 0, 0), (255, 255, 255));
        assert!((black_on_white - 21.0).abs() < 1e-9);
    }

    /// Text at least 4.5:1 against the theme's background (WCAG AA), borders
    /// at least 3:1, for xterm's default palette.
    #[test]
    fn every_colour_is_readable_on_its_background() {
        for (name, bg) in [
            (ThemeName::Dark, (0, 0, 0)),
            (ThemeName::Light, (255, 255, 255)),
        ] {
            let t = Theme::new(name, false);
            let text = [
                ("headline", t.headline),
                ("meta", t.meta),
                ("dim", t.dim),
                ("notice", t.notice),
                ("person", t.person),
                ("place", t.place),
                ("organization", t.organization),
                ("figure", t.figure),
                ("misc", t.misc),
            ];
            for (what, style) in text {
                let fg = style.fg.and_then(xterm_rgb).unwrap_or(bg);
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{name:?} {what}: {c:.2}");
            }
            for (what, style) in [("border", t.border), ("border_focused", t.border_focused)] {
                let c = contrast(style.fg.and_then(xterm_rgb).unwrap_or(bg), bg);
                assert!(c >= 3.0, "{name:?} {what}: {c:.2}");
            }
            for (what, style) in [("matched", t.matched), ("current", t.current_match)] {
                let (fg, bg) = (style.fg.and_then(xterm_rgb), style.bg.and_then(xterm_rgb));
                let c = contrast(
                    fg.unwrap_or(bg.unwrap_or((0, 0, 0))),
                    bg.unwrap_or((0, 0, 0)),
                );
                assert!(c >= 4.5, "{name:?} {what}: {c:.2}");
            }
        }
    }

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
