//! The gazetteer compiled for matching: a trie over normalised words. The
//! first word is keyed without its article (and whether it had one), each
//! later word as written. Built once per detector; a match costs one hash
//! look-up per word it reads, however many names share a first word, so
//! detection stays linear even with thousands of names learned from one
//! long article.

use super::scan::{readings, strip_al, Tokens};
use super::EntityRef;
use crate::text::normalize::{normalize, word_ranges};
use std::collections::HashMap;

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A match: the first word's proclitic prefix (bytes) and the word count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub prefix: usize,
    pub words: usize,
    pub entity: u32,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// The entity of the name that ends here (the first one added).
    entity: Option<u32>,
    /// Next word → node.
    children: Map<Box<str>, u32>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Lexicon {
    /// First word without its article → node; [0] for words written
    /// without the article, [1] for words with it.
    roots: [Map<Box<str>, u32>; 2],
    nodes: Vec<Node>,
    entities: Vec<EntityRef>,
}

impl Lexicon {
    fn node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    /// Adds an entity under each of its names.
    pub fn add<'a>(&mut self, names: impl IntoIterator<Item = &'a str>, entity: EntityRef) {
        let id = u32::try_from(self.entities.len()).unwrap_or(u32::MAX);
        self.entities.push(entity);
        for name in names {
            let norm = normalize(name);
            let mut words = word_ranges(&norm).map(|r| &norm[r]).peekable();
            let Some(first) = words.next() else { continue };
            let (definite, key) = strip_al(first);
            if words.peek().is_none() && key.chars().nth(1).is_none() {
                continue; // a single letter is never a name
            }
            let mut at = match self.roots[usize::from(definite)].get(key) {
                Some(&n) => n,
                None => {
                    let n = self.node();
                    self.roots[usize::from(definite)].insert(Box::from(key), n);
                    n
                }
            };
            for w in words {
                at = match self.nodes[at as usize].children.get(w) {
                    Some(&n) => n,
                    None => {
                        let n = self.node();
                        self.nodes[at as usize].children.insert(Box::from(w), n);
                        n
                    }
                };
            }
            self.nodes[at as usize].entity.get_or_insert(id);
        }
    }

    pub fn entity(&self, id: u32) -> Option<&EntityRef> {
        self.entities.get(id as usize)
    }

    /// Does a name start with this normalised word (with its article, or
    /// without one)?
    pub fn knows_word(&self, word: &str) -> bool {
        let (definite, key) = strip_al(word);
        self.roots[usize::from(definite)].contains_key(key)
            || (!definite && self.roots[1].contains_key(key))
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
        if word.is_empty() || self.nodes.is_empty() {
            return None;
        }
        for (prefix, definite, key) in readings(word) {
            let Some(&root) = self.roots[usize::from(definite)].get(key) else {
                continue;
            };
            let stopword = stop.contains(word) || stop.contains(&word[prefix..]);
            let mut best = self.nodes[root as usize]
                .entity
                .filter(|_| !stopword)
                .map(|e| (1, e));
            let mut at = root;
            let mut n = 1;
            while toks.joined(i + n) {
                let Some(&next) = self.nodes[at as usize].children.get(toks.word(i + n)) else {
                    break;
                };
                at = next;
                n += 1;
                if let Some(e) = self.nodes[at as usize].entity {
                    best = Some((n, e));
                }
            }
            if let Some((words, entity)) = best {
                return Some(Hit {
                    prefix,
                    words,
                    entity,
                });
            }
        }
        None
    }
}
