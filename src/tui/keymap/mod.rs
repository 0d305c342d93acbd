//! The key map: for every mode of the reader (a [`Section`]), a table from
//! keys to actions, read from `assets/keymap.json` with the user's
//! `[keys]` from config.toml on top. The help overlay and every hint on
//! screen are generated from it, so they can never disagree with the keys.
//! This and the event loop are the only places that know crossterm.

mod key;
mod section;

pub use key::{Key, KeyCode};
pub use section::Section;

use super::action::Action;
use crate::config::KeyBinding;
use std::collections::HashMap;

const DEFAULT_KEYMAP: &str = include_str!("../../../assets/keymap.json");

/// The action name that unbinds a key.
const UNBOUND: &str = "none";

/// A `[keys]` entry that cannot be used, with its line in config.toml.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct KeyMapError {
    pub line: Option<usize>,
    pub message: String,
}

/// One section's keys: bound to an action, or to nothing (`"none"`, which
/// also hides the parent section's binding).
#[derive(Debug, Clone, Default)]
struct Bindings {
    order: Vec<(Key, Action)>,
    lookup: HashMap<Key, Option<Action>>,
}

impl Bindings {
    /// Binds `key`; the user's keys (`first`) are listed before the bundled
    /// ones, so hints and help show them.
    fn bind(&mut self, key: Key, action: Option<Action>, first: bool) {
        self.order.retain(|(k, _)| *k != key);
        if let Some(a) = action {
            if first {
                self.order.insert(0, (key, a));
            } else {
                self.order.push((key, a));
            }
        }
        self.lookup.insert(key, action);
    }
}

/// Keys → actions, per section, in the order they were listed.
#[derive(Debug, Clone)]
pub struct KeyMap {
    sections: HashMap<Section, Bindings>,
}

impl KeyMap {
    /// The bundled key map.
    pub fn bundled() -> KeyMap {
        // The asset is compiled in and covered by tests.
        KeyMap::from_config(&[]).expect("assets/keymap.json is valid")
    }

    /// The bundled key map with the config file's `[keys]` on top. Refuses
    /// unknown keys, actions and sections, actions a section cannot take,
    /// and a map that leaves a mode without a way out (no key to quit).
    pub fn from_config(overrides: &[KeyBinding]) -> Result<KeyMap, KeyMapError> {
        let mut map = KeyMap::defaults().map_err(|message| KeyMapError {
            line: None,
            message: format!("assets/keymap.json: {message}"),
        })?;
        let bundled = map.clone();
        for b in overrides {
            let table = match &b.section {
                Some(s) => format!("[keys.{s}]"),
                None => "[keys]".to_string(),
            };
            let fail = |message: String| KeyMapError {
                line: Some(b.line),
                message: format!("{table}: {message}"),
            };
            let section = b.section.as_deref().unwrap_or("normal");
            let section = Section::from_name(section).ok_or_else(|| {
                fail(format!(
                    "unknown section (there are: {})",
                    Section::ALL.map(Section::name).join(", ")
                ))
            })?;
            let key = Key::parse(&b.key).map_err(fail)?;
            let action = parse_action(section, &b.key, &b.action).map_err(fail)?;
            map.section_mut(section).bind(key, action, true);
        }
        map.check_exits(&bundled, overrides)?;
        Ok(map)
    }

    fn defaults() -> Result<KeyMap, String> {
        let json: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(DEFAULT_KEYMAP).map_err(|e| e.to_string())?;
        let mut map = KeyMap {
            sections: HashMap::new(),
        };
        for (name, table) in json.iter().filter(|(k, _)| !k.starts_with('_')) {
            let section = Section::from_name(name).ok_or(format!("unknown section {name}"))?;
            let table = table.as_object().ok_or(format!("{name}: not an object"))?;
            for (key, action) in table.iter().filter(|(k, _)| !k.starts_with('_')) {
                let action = action
                    .as_str()
                    .ok_or(format!("{name}.{key}: not a string"))?;
                let k = Key::parse(key)?;
                let a = parse_action(section, key, action)?;
                map.section_mut(section).bind(k, a, false);
            }
        }
        Ok(map)
    }

    fn section_mut(&mut self, section: Section) -> &mut Bindings {
        self.sections.entry(section).or_default()
    }

    /// Every section that must be left some way still can be.
    fn check_exits(&self, bundled: &KeyMap, overrides: &[KeyBinding]) -> Result<(), KeyMapError> {
        for section in Section::ALL {
            let exits = section.exits();
            if exits.is_empty() || exits.iter().any(|&a| !self.keys_for(section, a).is_empty()) {
                continue;
            }
            // Blame the last entry that took a key away from a way out.
            let line = overrides
                .iter()
                .filter(|b| {
                    let s = b.section.as_deref().unwrap_or("normal");
                    Section::from_name(s)
                        .is_some_and(|s| s == section || Some(s) == section.parent())
                })
                .filter(|b| {
                    Key::parse(&b.key)
                        .ok()
                        .and_then(|k| bundled.action(section, k))
                        .is_some_and(|a| exits.contains(&a))
                })
                .map(|b| b.line)
                .max();
            let names: Vec<String> = exits.iter().map(|a| a.name()).collect();
            return Err(KeyMapError {
                line,
                message: format!(
                    "{}: leaves no key to {}; keep one bound, e.g. \"ctrl-q\" = \"{}\"",
                    table_name(section),
                    names.join(" or "),
                    names[names.len() - 1]
                ),
            });
        }
        Ok(())
    }

    /// The action `key` has in `section` (or in its parent section).
    pub fn action(&self, section: Section, key: Key) -> Option<Action> {
        match self.sections.get(&section).and_then(|b| b.lookup.get(&key)) {
            Some(bound) => *bound,
            None => section.parent().and_then(|p| self.action(p, key)),
        }
    }

    /// The keys bound to `action` in `section`: the user's first, then the
    /// bundled ones in key-map order, then the parent section's (unless this
    /// section rebinds them).
    pub fn keys_for(&self, section: Section, action: Action) -> Vec<Key> {
        let own = self.sections.get(&section);
        let mut keys: Vec<Key> = own
            .map(|b| {
                b.order
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
            })
            .into_iter()
            .flatten()
            .collect();
        if let Some(parent) = section.parent() {
            let shadowed = |k: &Key| own.is_some_and(|b| b.lookup.contains_key(k));
            keys.extend(
                self.keys_for(parent, action)
                    .into_iter()
                    .filter(|k| !shadowed(k)),
            );
        }
        keys
    }

    /// The first key for `action` in `section`, as it is written on screen.
    pub fn key_name(&self, section: Section, action: Action) -> Option<String> {
        self.keys_for(section, action)
            .first()
            .map(ToString::to_string)
    }

    /// `f` of the first normal-mode key for `action`, for a sentence that
    /// names it (" · Esc shows all"); empty when the action has no key.
    pub fn say(&self, action: Action, f: impl FnOnce(&str) -> String) -> String {
        self.key_name(Section::Normal, action)
            .map_or(String::new(), |k| f(&k))
    }

    /// (keys, description) for every action bound in `section` itself (not
    /// its parent), in help order.
    pub fn help_rows(&self, section: Section) -> Vec<(String, &'static str)> {
        let Some(own) = self.sections.get(&section) else {
            return Vec::new();
        };
        section
            .actions()
            .iter()
            .filter_map(|&a| {
                let keys: Vec<String> = own
                    .order
                    .iter()
                    .filter(|(_, b)| *b == a)
                    .map(|(k, _)| k.to_string())
                    .collect();
                (!keys.is_empty()).then(|| (keys.join(" "), section.describe(a)))
            })
            .collect()
    }
}

/// `none`, or an action `section` accepts.
fn parse_action(section: Section, key: &str, name: &str) -> Result<Option<Action>, String> {
    if name == UNBOUND {
        return Ok(None);
    }
    let action =
        Action::from_name(name).ok_or(format!("unknown action \"{name}\" for key \"{key}\""))?;
    if section.accepts(action) {
        return Ok(Some(action));
    }
    let places: Vec<String> = Section::ALL
        .into_iter()
        .filter(|s| s.accepts(action))
        .map(table_name)
        .collect();
    Err(format!(
        "\"{name}\" (for key \"{key}\") is not an action of this section; it belongs in {}",
        places.join(", ")
    ))
}

/// How a section is written in config.toml.
fn table_name(section: Section) -> String {
    match section {
        Section::Normal => "[keys]".to_string(),
        s => format!("[keys.{}]", s.name()),
    }
}

#[cfg(test)]
mod tests;
