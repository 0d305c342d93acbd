//! Tokens of normalised text and the clitic-aware comparisons every
//! matcher shares. No allocation per token: words are slices.

use super::word_set::{EndFilter, Ending, WordSet};
use crate::text::normalize::{is_long_enough_rest, word_ranges, PROCLITICS};
use std::collections::HashMap;

type FirstWords = HashMap<String, Vec<usize>, foldhash::fast::FixedState>;
use std::ops::Range;
use std::sync::OnceLock;

/// The definite article, normalised.
pub(super) const AL: &str = "ال";

/// The words of one normalised text.
pub(super) struct Tokens<'t> {
    pub text: &'t str,
    pub spans: Vec<Range<usize>>,
    /// Per word: may it start a listed phrase (trigger, month, …)? Empty
    /// until [`Tokens::mark_phrase_starts`]; then [`Phrase::at`] skips the
    /// (many) words that start none, which keeps detection fast.
    starts: Vec<bool>,
    /// Per word, its [`Ending`]: the first test of every set look-up.
    endings: Vec<Option<Ending>>,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Tokens<'t> {
        let spans: Vec<Range<usize>> = word_ranges(text).collect();
        let endings = spans.iter().map(|r| Ending::of(&text[r.clone()])).collect();
        Tokens {
            text,
            spans,
            starts: Vec::new(),
            endings,
        }
    }

    /// Records which words match one of `first_words` (see [`loose_in`]).
    pub fn mark_phrase_starts(&mut self, first_words: &WordSet) {
        self.starts = (0..self.len())
            .map(|i| self.loose_in(i, first_words).is_some())
            .collect();
    }

    /// [`loose_in`] for word `i` (`None` past the end).
    pub fn loose_in(&self, i: usize, set: &WordSet) -> Option<usize> {
        if !self.may_end_in(i, set) {
            return None;
        }
        loose_readings(self.word(i), set)
    }

    /// May word `i` end as a member of `set` does ([`WordSet::may_end`])?
    fn may_end_in(&self, i: usize, set: &WordSet) -> bool {
        self.ending_passes(i, |e| set.may_end_as(e))
    }

    /// Does word `i` exist and its [`Ending`] pass `test`?
    fn ending_passes(&self, i: usize, test: impl Fn(Ending) -> bool) -> bool {
        self.endings.get(i).copied().flatten().is_some_and(test)
    }

    fn may_start_phrase(&self, i: usize) -> bool {
        self.starts
            .get(i)
            .copied()
            .unwrap_or(self.starts.is_empty())
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `i`, or "" past the end.
    pub fn word(&self, i: usize) -> &'t str {
        self.spans.get(i).map_or("", |r| &self.text[r.clone()])
    }

    /// The text between word `i - 1` (or the start) and word `i`.
    pub fn gap(&self, i: usize) -> &'t str {
        let start = match i.checked_sub(1) {
            Some(p) => self.spans.get(p).map_or(self.text.len(), |r| r.end),
            None => 0,
        };
        let end = self.spans.get(i).map_or(self.text.len(), |r| r.start);
        self.text.get(start..end.max(start)).unwrap_or("")
    }

    /// True when word `i` exists and follows word `i - 1` with only spaces
    /// (or one hyphen) between them, so both can belong to one name.
    pub fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.len() && {
            let gap = self.gap(i);
            gap.chars().all(|c| c.is_whitespace() || c == '-')
                && gap.chars().filter(|&c| c == '-').count() <= 1
        }
    }

    /// True when the gap before word `i` holds a quotation mark.
    pub fn quote_before(&self, i: usize) -> bool {
        self.gap(i).chars().any(is_quote)
    }
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Whether a proclitic prefix ends with the article (ال, لل = ل + ال).
fn prefix_is_definite(prefix: &str) -> bool {
    prefix.ends_with(AL) || prefix.ends_with("لل")
}

/// Splits a leading article off a word: (definite, rest). The rest keeps at
/// least two characters, so «ال» alone stays a word.
pub(super) fn strip_al(word: &str) -> (bool, &str) {
    match word.strip_prefix(AL) {
        Some(rest) if rest.chars().nth(1).is_some() => (true, rest),
        _ => (false, word),
    }
}

/// The same readings as [`crate::text::normalize::strip_proclitics`], in the same order, found
/// without a library call per candidate prefix: this runs for every word
/// of every paragraph, several times. Only the proclitics that begin with
/// the word's first letter are tried (every proclitic letter is two bytes).
pub(super) fn clitic_splits(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = word.as_bytes();
    let group = bytes
        .get(..2)
        .and_then(|lead| by_first_letter().iter().find(|(l, _)| l == lead))
        .map_or(&[][..], |(_, ps)| &ps[..]);
    group
        .iter()
        .filter(move |p| p.len() < bytes.len() && bytes.starts_with(p.as_bytes()))
        .filter_map(move |p| {
            let rest = &word[p.len()..];
            is_long_enough_rest(rest).then_some((p.len(), rest))
        })
}

/// [`PROCLITICS`] grouped by their first letter's two bytes, each group in
/// the list's order.
fn by_first_letter() -> &'static [([u8; 2], Vec<&'static str>)] {
    static GROUPS: OnceLock<Vec<([u8; 2], Vec<&'static str>)>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut groups: Vec<([u8; 2], Vec<&'static str>)> = Vec::new();
        for p in PROCLITICS {
            let Some(&[a, b]) = p
                .as_bytes()
                .get(..2)
                .and_then(|l| <&[u8; 2]>::try_from(l).ok())
            else {
                continue;
            };
            match groups.iter_mut().find(|(l, _)| *l == [a, b]) {
                Some((_, ps)) => ps.push(p),
                None => groups.push(([a, b], vec![p])),
            }
        }
        groups
    })
}

/// The readings of a word: `(prefix bytes, definite, key)`, the unstripped
/// word first, then each proclitic split. `key` never starts with ال.
pub(super) fn readings(word: &str) -> impl Iterator<Item = (usize, bool, &str)> {
    let whole = std::iter::once({
        let (def, key) = strip_al(word);
        (0, def, key)
    });
    let split = clitic_splits(word).map(move |(p, rest)| {
        if prefix_is_definite(&word[..p]) {
            (p, true, rest)
        } else {
            let (def, key) = strip_al(rest);
            (p, def, key)
        }
    });
    whole.chain(split)
}

/// The word as written and each proclitic split: `(prefix bytes, rest)`.
fn splits(word: &str) -> impl Iterator<Item = (usize, &str)> {
    std::iter::once((0, word)).chain(clitic_splits(word))
}

/// Matches `word` against a set of normalised words regardless of article
/// and proclitics («والرئيس», «رئيس» and «الرئيس» all match «رئيس»), but
/// never by cutting a set word («فإن» does not match «ألفان»). Returns the
/// prefix length to skip (proclitics, not the article).
pub(super) fn loose_in(word: &str, set: &WordSet) -> Option<usize> {
    if !set.may_end(word) {
        return None;
    }
    loose_readings(word, set)
}

/// [`loose_in`] past its endings filter.
fn loose_readings(word: &str, set: &WordSet) -> Option<usize> {
    splits(word)
        .find(|&(_, rest)| {
            set.contains(rest) || rest.strip_prefix(AL).is_some_and(|r| set.contains(r))
        })
        .map(|(p, _)| p)
}

/// [`loose_in`] for a single word.
pub(super) fn loose_match(word: &str, key: &str) -> Option<usize> {
    splits(word)
        .find(|&(_, rest)| rest == key || rest.strip_prefix(AL) == Some(key))
        .map(|(p, _)| p)
}

/// A phrase of normalised words; the first is stored without its article.
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub words: Vec<String>,
}

impl Phrase {
    /// Normalises and splits `text`; `None` when it has no words.
    pub fn new(text: &str) -> Option<Phrase> {
        let norm = crate::text::normalize::normalize(text);
        let mut words: Vec<String> = word_ranges(&norm).map(|r| norm[r].to_string()).collect();
        let first = words.first_mut()?;
        *first = strip_al(first).1.to_string();
        Some(Phrase { words })
    }

    /// If the phrase starts at word `i`, (proclitic prefix, word count).
    pub fn at(&self, toks: &Tokens, i: usize) -> Option<(usize, usize)> {
        if !toks.may_start_phrase(i) {
            return None;
        }
        let (first, rest) = self.words.split_first()?;
        let prefix = loose_match(toks.word(i), first)?;
        let all = rest
            .iter()
            .enumerate()
            .all(|(k, w)| toks.joined(i + 1 + k) && toks.word(i + 1 + k) == w);
        all.then_some((prefix, self.words.len()))
    }
}

/// Which phrases of a list can start at a word: phrases indexed by their
/// first word, so a few hash lookups (one per reading of the word) replace
/// trying every phrase of the list at every word.
#[derive(Debug, Clone, Default)]
pub(super) struct PhraseIndex {
    /// First word → indexes into the list, ascending.
    by_first: FirstWords,
    /// The endings filter of the first words: every reading of a word ends
    /// as the word does, so a word ending unlike every first word starts
    /// no phrase, and its readings need not be looked up.
    firsts: EndFilter,
}

impl PhraseIndex {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a Phrase>) -> PhraseIndex {
        let mut by_first = FirstWords::default();
        for (i, p) in phrases.into_iter().enumerate() {
            if let Some(first) = p.words.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        let firsts = by_first.keys().map(String::as_str).collect();
        PhraseIndex { by_first, firsts }
    }

    /// May word `i` start a phrase of this list at all?
    fn may_start(&self, toks: &Tokens, i: usize) -> bool {
        toks.may_start_phrase(i) && toks.ending_passes(i, |e| self.firsts.may_end_as(e))
    }

    /// Whether some phrase's first word is a reading of word `i` (see
    /// [`PhraseIndex::candidates`]), without listing them.
    pub fn any(&self, toks: &Tokens, i: usize) -> bool {
        self.may_start(toks, i)
            && splits(toks.word(i)).any(|(_, rest)| {
                self.by_first.contains_key(rest)
                    || rest
                        .strip_prefix(AL)
                        .is_some_and(|r| self.by_first.contains_key(r))
            })
    }

    /// Indexes (ascending) of the phrases whose first word is a reading of
    /// word `i` that `loose_match` accepts: after any proclitic split, with
    /// or without the article. A superset of the phrases that match there.
    pub fn candidates(&self, toks: &Tokens, i: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if !self.may_start(toks, i) {
            return out;
        }
        for (_, rest) in splits(toks.word(i)) {
            for key in std::iter::once(rest).chain(rest.strip_prefix(AL)) {
                if let Some(ids) = self.by_first.get(key) {
                    out.extend(ids);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A list of phrases with its index.
#[derive(Debug, Clone, Default)]
pub(super) struct PhraseList {
    phrases: Vec<Phrase>,
    index: PhraseIndex,
}

impl<'a> IntoIterator for &'a PhraseList {
    type Item = &'a Phrase;
    type IntoIter = std::slice::Iter<'a, Phrase>;

    fn into_iter(self) -> Self::IntoIter {
        self.phrases.iter()
    }
}

impl PhraseList {
    pub fn new(phrases: Vec<Phrase>) -> PhraseList {
        let index = PhraseIndex::new(&phrases);
        PhraseList { phrases, index }
    }

    /// The phrases, in the order they were given.
    pub fn iter(&self) -> std::slice::Iter<'_, Phrase> {
        self.phrases.iter()
    }

    /// The longest phrase starting at word `i`: (proclitic prefix, word
    /// count). Ties go to the phrase listed last, as a plain scan would.
    pub fn longest_at(&self, toks: &Tokens, i: usize) -> Option<(usize, usize)> {
        self.index
            .candidates(toks, i)
            .into_iter()
            .filter_map(|k| self.phrases[k].at(toks, i))
            .max_by_key(|&(_, n)| n)
    }
}

/// True for a word of ASCII digits only.
pub(super) fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::strip_proclitics;

    #[test]
    fn a_word_read_by_its_place_matches_as_the_word_does() {
        let set: WordSet = ["رئيس", "يوم", "ب", "الف", "x"]
            .map(String::from)
            .into_iter()
            .collect();
        let text = "قال والرئيس يوم بيوم ب x ألف وبالالف رئيسه";
        let toks = Tokens::new(text);
        let found: Vec<Option<usize>> = (0..=toks.len()).map(|i| toks.loose_in(i, &set)).collect();
        let by_word: Vec<Option<usize>> = (0..=toks.len())
            .map(|i| loose_in(toks.word(i), &set))
            .collect();
        assert_eq!(found, by_word);
        assert_eq!(found.iter().filter(|f| f.is_some()).count(), 6, "{found:?}");
    }

    proptest::proptest! {
        /// Words made mostly of proclitic letters split as the normaliser
        /// splits them, in the same order.
        #[test]
        fn any_word_splits_as_the_normaliser_splits_it(word in "[وفبلكاتx]{0,7}") {
            let fast: Vec<_> = clitic_splits(&word).collect();
            let slow: Vec<_> = strip_proclitics(&word).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn clitic_splits_agree_with_the_normaliser() {
        for word in [
            "وبالمدينه",
            "والقاهره",
            "للقوات",
            "ولل",
            "بغداد",
            "كالبرق",
            "فلاديمير",
            "ال",
            "و",
            "ab",
            "",
            "فبالتالي",
            "وكالمعتاد",
            "مدينه",
            "اسرائيل",
            "لبنان",
        ] {
            let fast: Vec<_> = clitic_splits(word).collect();
            let slow: Vec<_> = strip_proclitics(word).collect();
            assert_eq!(fast, slow, "{word}");
        }
    }
}
