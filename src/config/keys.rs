//! The `[keys]` part of config.toml: `key = "action"` lines for normal mode
//! directly under `[keys]`, and `[keys.SECTION]` tables for the other modes,
//! each remembered with its line so a bad entry can be pointed at. What the
//! names mean is the key map's business (`tui::KeyMap::from_config`).

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use toml::Spanned;

/// One `key = "action"` entry of `[keys]` or `[keys.SECTION]`.
#[derive(Debug, Clone, Eq)]
pub struct KeyBinding {
    /// `None` directly under `[keys]` (normal mode).
    pub section: Option<String>,
    pub key: String,
    pub action: String,
    /// 1-based line in the config file.
    pub line: usize,
    /// Byte offset of the entry, until the line is worked out.
    offset: usize,
}

impl KeyBinding {
    pub fn new(section: Option<&str>, key: &str, action: &str, line: usize) -> KeyBinding {
        KeyBinding {
            section: section.map(String::from),
            key: key.to_string(),
            action: action.to_string(),
            line,
            offset: 0,
        }
    }
}

/// Equal when they say the same on the same line (the offset only serves
/// to find the line).
impl PartialEq for KeyBinding {
    fn eq(&self, other: &KeyBinding) -> bool {
        (&self.section, &self.key, &self.action, self.line)
            == (&other.section, &other.key, &other.action, other.line)
    }
}

/// Sets each binding's line from its offset in `text`.
pub(super) fn number_lines(bindings: &mut [KeyBinding], text: &str) {
    for b in bindings {
        let upto = text.get(..b.offset).unwrap_or(text);
        b.line = 1 + upto.bytes().filter(|&c| c == b'\n').count();
    }
}

/// A value under `[keys]`: an action name, or a section's table.
enum Entry {
    Action(String),
    Section(Vec<(String, Spanned<String>)>),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entry, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an action name, or a table of key = \"action\"")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Entry, E> {
        Ok(Entry::Action(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Spanned<String>>()? {
            entries.push(entry);
        }
        Ok(Entry::Section(entries))
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = Vec<KeyBinding>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of key = \"action\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<KeyBinding>, A::Error> {
        let mut out = Vec::new();
        while let Some((name, entry)) = map.next_entry::<String, Spanned<Entry>>()? {
            let offset = entry.span().start;
            match entry.into_inner() {
                Entry::Action(action) => out.push(KeyBinding {
                    section: None,
                    key: name,
                    action,
                    line: 0,
                    offset,
                }),
                Entry::Section(entries) => {
                    out.extend(entries.into_iter().map(|(key, action)| KeyBinding {
                        section: Some(name.clone()),
                        key,
                        offset: action.span().start,
                        action: action.into_inner(),
                        line: 0,
                    }))
                }
            }
        }
        out.sort_by_key(|b| b.offset);
        Ok(out)
    }
}

/// `#[serde(deserialize_with)]` for `Config::keys`.
pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyBinding>, D::Error> {
    d.deserialize_map(KeysVisitor)
}
