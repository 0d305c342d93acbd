//! A key as the reader sees it, its name in the key map and config file, and
//! the one conversion from crossterm's key events.

use crossterm::event::{KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// A key with the modifiers the reader tells apart. Shift is part of the
/// character (`G`), or of `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1 … F12.
    F(u8),
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl and a letter. Terminals send the same byte for Ctrl-C and
    /// Ctrl-Shift-C, so letters are kept lower case.
    pub fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
            alt: false,
        }
    }

    /// True for a key that types text in a prompt: a character without Ctrl
    /// or Alt.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }

    /// Parses a key name as written in the key map: `j`, `G`, `?`, `ق`,
    /// `ctrl-d`, `alt-x`, `shift-tab`, `enter`, `esc`, `up`, `pgdn`, `F5`, …
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut key = Key::plain(KeyCode::Enter);
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.len() > 5 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if lower.len() > 4 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if key.ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            (Some(c), None) => KeyCode::Char(c),
            _ => named(&rest.to_ascii_lowercase())
                .ok_or_else(|| format!("unknown key \"{name}\""))?,
        };
        Ok(key)
    }

    /// The key of a terminal key event, or `None` for releases and keys the
    /// reader does not use.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            CtKey::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            CtKey::Char(c) => KeyCode::Char(c),
            CtKey::Enter => KeyCode::Enter,
            CtKey::Esc => KeyCode::Esc,
            CtKey::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            CtKey::Tab => KeyCode::Tab,
            CtKey::BackTab => KeyCode::BackTab,
            CtKey::Backspace => KeyCode::Backspace,
            CtKey::Delete => KeyCode::Delete,
            CtKey::Up => KeyCode::Up,
            CtKey::Down => KeyCode::Down,
            CtKey::Left => KeyCode::Left,
            CtKey::Right => KeyCode::Right,
            CtKey::Home => KeyCode::Home,
            CtKey::End => KeyCode::End,
            CtKey::PageUp => KeyCode::PageUp,
            CtKey::PageDown => KeyCode::PageDown,
            CtKey::F(n @ 1..=12) => KeyCode::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl,
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }
}

/// Keys with names longer than one character.
fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        _ => {
            let n: u8 = name.strip_prefix('f')?.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("ق"), Ok(Key::ch('ق')));
        assert_eq!(Key::parse("ctrl-d"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("Ctrl-C"), Ok(Key::ctrl('c')));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F1"), Ok(Key::plain(KeyCode::F(1))));
        assert_eq!(Key::parse("f12"), Ok(Key::plain(KeyCode::F(12))));
        assert_eq!(Key::parse("f"), Ok(Key::ch('f')));
        let alt_x = Key::parse("alt-x").unwrap();
        assert!(alt_x.alt && !alt_x.ctrl && alt_x.code == KeyCode::Char('x'));
        for bad in ["ctrl-", "hyper-x", "F13", "F0", "", "enterr"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn crossterm_events_become_keys() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(
            Key::from_event(ev(CtKey::Char('G'), KeyModifiers::SHIFT)),
            Some(Key::ch('G'))
        );
        assert_eq!(
            Key::from_event(ev(CtKey::Tab, KeyModifiers::SHIFT)),
            Some(Key::plain(KeyCode::BackTab))
        );
        assert_eq!(
            Key::from_event(ev(CtKey::Char('C'), KeyModifiers::CONTROL)),
            Some(Key::ctrl('c'))
        );
        assert_eq!(
            Key::from_event(ev(CtKey::F(5), KeyModifiers::NONE)),
            Some(Key::plain(KeyCode::F(5)))
        );
        let mut release = ev(CtKey::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(release), None);
    }

    #[test]
    fn names_print_back_as_parsed() {
        for name in ["j", "Ctrl-d", "Alt-x", "F7", "Shift-Tab", "Enter", "Space"] {
            assert_eq!(Key::parse(name).unwrap().to_string(), name);
        }
        assert_eq!(Key::ch('ق').typed_char(), Some('ق'));
        assert_eq!(Key::ctrl('w').typed_char(), None);
    }
}
