//! The gazetteer compiled for matching: normalised first word (without its
//! article) → candidate names, longest first. Built once per detector.

use super::scan::{readings, strip_al, Tokens};
use super::EntityRef;
use crate::text::normalize::{normalize, word_ranges};
use std::collections::HashMap;

/// One spelling of an entity, split into normalised words.
#[derive(Debug, Clone)]
struct Candidate {
    /// Whether the first word carries the article («القرم»).
    definite: bool,
    /// The words after the first.
    rest: Box<[Box<str>]>,
    entity: u32,
}

/// A match: the first word's proclitic prefix (bytes) and the word count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub prefix: usize,
    pub words: usize,
    pub entity: u32,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Lexicon {
    map: HashMap<Box<str>, Vec<Candidate>, foldhash::fast::FixedState>,
    entities: Vec<EntityRef>,
}

impl Lexicon {
    /// Adds an entity under each of its names.
    pub fn add<'a>(&mut self, names: impl IntoIterator<Item = &'a str>, entity: EntityRef) {
        let id = u32::try_from(self.entities.len()).unwrap_or(u32::MAX);
        self.entities.push(entity);
        for name in names {
            let norm = normalize(name);
            let mut words = word_ranges(&norm).map(|r| &norm[r]);
            let Some(first) = words.next() else { continue };
            let (definite, key) = strip_al(first);
            let rest: Box<[Box<str>]> = words.map(Box::from).collect();
            if rest.is_empty() && key.chars().nth(1).is_none() {
                continue; // a single letter is never a name
            }
            let list = self.map.entry(Box::from(key)).or_default();
            let dup = list
                .iter()
                .any(|c| c.definite == definite && c.rest == rest && c.entity == id);
            if !dup {
                list.push(Candidate {
                    definite,
                    rest,
                    entity: id,
                });
                list.sort_by_key(|c| std::cmp::Reverse(c.rest.len()));
            }
        }
    }

    pub fn entity(&self, id: u32) -> Option<&EntityRef> {
        self.entities.get(id as usize)
    }

    /// Does a name start with this normalised word (with or without its
    /// article)?
    pub fn knows_word(&self, word: &str) -> bool {
        let (definite, key) = strip_al(word);
        self.map
            .get(key)
            .is_some_and(|list| list.iter().any(|c| c.definite == definite || !definite))
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The longest name starting at word `i`. The word as written is tried
    /// first, so «بغداد» never loses its ب; a proclitic is stripped only
    /// when the rest is a known name. Single-word matches on a stopword
    /// («على» normalises to «علي») are refused.
    pub fn longest_at(
        &self,
        toks: &Tokens,
        i: usize,
        stop: &super::word_set::WordSet,
    ) -> Option<Hit> {
        let word = toks.word(i);
        if word.is_empty() {
            return None;
        }
        for (prefix, definite, key) in readings(word) {
            let Some(list) = self.map.get(key) else {
                continue;
            };
            let found = list.iter().find(|c| {
                c.definite == definite
                    && c.rest
                        .iter()
                        .enumerate()
                        .all(|(k, w)| toks.joined(i + 1 + k) && toks.word(i + 1 + k) == &**w)
                    && (!c.rest.is_empty()
                        || !(stop.contains(word) || stop.contains(&word[prefix..])))
            });
            if let Some(c) = found {
                return Some(Hit {
                    prefix,
                    words: 1 + c.rest.len(),
                    entity: c.entity,
                });
            }
        }
        None
    }
}
