//! The key map: one table from keys to actions, read from
//! `assets/keymap.json` and the user's config. The help overlay is generated
//! from the same table, so the two can never disagree. This and the event
//! loop are the only places that know crossterm's key types.

use super::action::Action;
use crossterm::event::{KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A key as the reader sees it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
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
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Parses a key name as written in the key map: `j`, `G`, `?`, `ctrl-d`,
    /// `shift-tab`, `enter`, `esc`, `tab`, `up`, `pgdn`, `home`, …
    pub fn parse(name: &str) -> Result<Key, String> {
        let (ctrl, rest) = match name.strip_prefix("ctrl-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, name),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
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
                _ => return Err(format!("unknown key \"{name}\"")),
            },
        };
        Ok(Key { code, ctrl })
    }

    /// The key of a terminal key event, or `None` for releases and keys the
    /// reader does not use.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let code = match event.code {
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
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
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
        }
    }
}

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.json");

/// Keys → actions, in the order they were listed.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
    lookup: HashMap<Key, Action>,
}

impl KeyMap {
    /// The bundled key map with `overrides` (key name → action name, from
    /// the config file) applied on top.
    pub fn with_overrides(overrides: &BTreeMap<String, String>) -> Result<KeyMap, String> {
        let defaults: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(DEFAULT_KEYMAP).map_err(|e| format!("assets/keymap.json: {e}"))?;
        let mut map = KeyMap {
            bindings: Vec::new(),
            lookup: HashMap::new(),
        };
        let defaults = defaults
            .into_iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .filter_map(|(k, v)| v.as_str().map(|v| (k, v.to_string())));
        for (key, action) in defaults.chain(overrides.clone()) {
            map.bind(&key, &action)?;
        }
        Ok(map)
    }

    /// The bundled key map.
    pub fn bundled() -> KeyMap {
        // The asset is compiled in and covered by tests.
        KeyMap::with_overrides(&BTreeMap::new()).expect("assets/keymap.json is valid")
    }

    fn bind(&mut self, key: &str, action: &str) -> Result<(), String> {
        let k = Key::parse(key)?;
        let a: Action = serde_json::from_value(serde_json::Value::String(action.into()))
            .map_err(|_| format!("unknown action \"{action}\" for key \"{key}\""))?;
        self.bindings.retain(|(bound, _)| *bound != k);
        self.bindings.push((k, a));
        self.lookup.insert(k, a);
        Ok(())
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.lookup.get(&key).copied()
    }

    /// The keys bound to `action`, in key-map order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// (keys, description) for every bound action, in help order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Action::ALL
            .iter()
            .filter_map(|&a| {
                let keys = self.keys_for(a);
                (!keys.is_empty()).then(|| {
                    let names: Vec<String> = keys.iter().map(Key::to_string).collect();
                    (names.join(" "), a.describe())
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(
            Key::parse("ctrl-d"),
            Ok(Key {
                code: KeyCode::Char('d'),
                ctrl: true
            })
        );
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
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
        let ctrl_d = Key::from_event(ev(CtKey::Char('d'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(KeyMap::bundled().action(ctrl_d), Some(Action::HalfPageDown));
        let mut release = ev(CtKey::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(release), None);
    }

    #[test]
    fn every_action_has_a_key_and_help_lists_it() {
        let map = KeyMap::bundled();
        let help = map.help_rows();
        assert_eq!(help.len(), Action::ALL.len());
        assert!(help
            .iter()
            .any(|(k, d)| k == "j ↓" && d.starts_with("move down")));
    }

    #[test]
    fn overrides_rebind_and_bad_names_are_reported() {
        let mut o = BTreeMap::new();
        o.insert("x".to_string(), "quit".to_string());
        o.insert("q".to_string(), "help".to_string());
        let map = KeyMap::with_overrides(&o).unwrap();
        assert_eq!(map.action(Key::ch('x')), Some(Action::Quit));
        assert_eq!(map.action(Key::ch('q')), Some(Action::Help));
        o.insert("y".to_string(), "explode".to_string());
        assert_eq!(
            KeyMap::with_overrides(&o).unwrap_err(),
            "unknown action \"explode\" for key \"y\""
        );
    }
}
