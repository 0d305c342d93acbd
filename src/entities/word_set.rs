//! A set of normalised words that can say quickly that a word cannot match.
//!
//! Every reading [`super::scan::loose_in`] tries (the word, each proclitic
//! split, each without the article) is a suffix of the word. A word can only
//! equal a member of the same length if it ends like it, so a filter over the
//! members' endings (their last two characters, or the one character of a
//! one-letter member) rules out most words before any splitting or hashing:
//! most words end unlike every member of a small list.

use std::collections::HashSet;

type FastSet = HashSet<String, foldhash::fast::FixedState>;

/// Bits in the endings filter.
const FILTER_BITS: usize = 1024;

#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: FastSet,
    filter: EndFilter,
}

/// The endings filter alone: which last two characters (or, for a
/// one-letter word, which last character) some word added has. It rules
/// words out, never in.
#[derive(Debug, Clone)]
pub struct EndFilter {
    ends: Box<[u64; FILTER_BITS / 64]>,
    /// Some word added is a single character.
    has_short: bool,
}

impl Default for EndFilter {
    fn default() -> Self {
        EndFilter {
            ends: Box::new([0; FILTER_BITS / 64]),
            has_short: false,
        }
    }
}

impl EndFilter {
    pub fn add(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        self.has_short |= word.chars().nth(1).is_none();
        let b = bit(last_chars(word, 2));
        self.ends[b / 64] |= 1 << (b % 64);
    }

    /// False when no word whose [`Ending`] this is can end as a word added.
    pub fn may_end_as(&self, e: Ending) -> bool {
        let set = |b: u16| self.ends[usize::from(b) / 64] & (1 << (b % 64)) != 0;
        set(e.two) || (self.has_short && set(e.one))
    }
}

impl<'a> FromIterator<&'a str> for EndFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut filter = EndFilter::default();
        for word in iter {
            filter.add(word);
        }
        filter
    }
}

/// The last `n` characters of `word` (all of it when shorter).
fn last_chars(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &word[start..]
}

/// The filter bits of a word's last two characters and of its last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    two: u16,
    one: u16,
}

impl Ending {
    /// `None` for the empty word, which no set holds.
    pub fn of(word: &str) -> Option<Ending> {
        (!word.is_empty()).then(|| Ending {
            two: bit(last_chars(word, 2)) as u16,
            one: bit(last_chars(word, 1)) as u16,
        })
    }
}

fn bit(ending: &str) -> usize {
    // FNV-1a: a few instructions for a few bytes.
    let hash = ending.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash as usize) % FILTER_BITS
}

impl WordSet {
    pub fn insert(&mut self, word: String) {
        if word.is_empty() {
            return;
        }
        self.filter.add(&word);
        self.words.insert(word);
    }

    /// Exactly this word?
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// False when no suffix of `word` can be a member.
    pub fn may_end(&self, word: &str) -> bool {
        Ending::of(word).is_some_and(|e| self.may_end_as(e))
    }

    /// [`WordSet::may_end`] of a word whose [`Ending`] is known: a word's
    /// ending serves every set, so it can be found once.
    pub fn may_end_as(&self, e: Ending) -> bool {
        self.filter.may_end_as(e)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for word in iter {
            set.insert(word);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_ending_like_no_member_is_ruled_out_and_suffixes_are_kept() {
        let set: WordSet = ["ألف", "مليون", "و"]
            .map(String::from)
            .into_iter()
            .collect();
        // Suffixes that can be members pass.
        for word in ["والمليون", "ألف", "بمليون", "و", "أو"] {
            assert!(set.may_end(word), "{word}");
        }
        let without_short: WordSet = ["ألف", "مليون"].map(String::from).into_iter().collect();
        assert!(!without_short.may_end("أو"));
        assert!(!without_short.may_end(""));
        assert!(without_short.contains("ألف") && !without_short.contains("الف"));
    }

    #[test]
    fn the_filter_never_rules_out_a_word_that_ends_with_a_member() {
        // Every member, behind every prefix, passes (no false negatives).
        let members: Vec<String> = ["رئيس", "يوم", "ب", "عام", "ثلاثه", "x", "2022"]
            .map(String::from)
            .to_vec();
        let set: WordSet = members.iter().cloned().collect();
        for m in &members {
            for prefix in ["", "و", "ال", "وبال", "ab"] {
                assert!(set.may_end(&format!("{prefix}{m}")), "{prefix}{m}");
            }
        }
    }
}
