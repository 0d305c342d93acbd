//! Matching terms against prepared (normalised + tokenised) text.
//!
//! A query token matches a text word when the word, or the word with a
//! proclitic prefix stripped (see [`strip_proclitics`]), starts with the
//! token. Inside a multi-token term (phrase), every token except the last
//! must match the whole (stripped) word; the last may be a prefix, so a
//! phrase still matches while its last word is being typed.

use std::ops::Range;

use memchr::memmem::Finder;

use super::query::Term;
use crate::text::normalize::{
    is_word_char, normalize_with_map, strip_proclitics, word_ranges, Normalized,
};

/// A text field normalised and tokenised once, ready to be searched on
/// every keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreparedText {
    normalized: Normalized,
    /// Word byte ranges in `normalized.text`, ascending.
    tokens: Vec<(u32, u32)>,
}

impl PreparedText {
    /// Normalises and tokenises `text`.
    pub fn new(text: &str) -> Self {
        let normalized = normalize_with_map(text);
        let to32 = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let tokens = word_ranges(&normalized.text)
            .map(|r| (to32(r.start), to32(r.end)))
            .collect();
        PreparedText { normalized, tokens }
    }

    /// The normalised form (text plus offset map) of the field.
    pub fn normalized(&self) -> &Normalized {
        &self.normalized
    }

    fn token(&self, idx: usize) -> Option<Range<usize>> {
        self.tokens.get(idx).map(|&(s, e)| s as usize..e as usize)
    }

    /// Index of the token containing normalised byte `pos`, if any.
    fn token_at(&self, pos: usize) -> Option<usize> {
        let idx = self
            .tokens
            .partition_point(|&(s, _)| s as usize <= pos)
            .checked_sub(1)?;
        let r = self.token(idx)?;
        (pos < r.end).then_some(idx)
    }
}

/// Where query token `q` matches inside the word at `word` (a normalised byte
/// range), excluding any stripped proclitic. `whole` requires the rest of the
/// word to equal `q` rather than just start with it.
fn match_word(text: &str, word: Range<usize>, q: &str, whole: bool) -> Option<Range<usize>> {
    let w = text.get(word.clone())?;
    let ok = |rest: &str| {
        if whole {
            rest == q
        } else {
            rest.starts_with(q)
        }
    };
    if ok(w) {
        return Some(word.start..word.start + q.len());
    }
    if let Some((skip, _)) = strip_proclitics(w).find(|&(_, rest)| ok(rest)) {
        let start = word.start + skip;
        return Some(start..start + q.len());
    }
    lil_article(w, q, whole).map(|r| word.start + r.start..word.start + r.end)
}

/// «للدروع» is ل + «الدروع» with the alef elided: let a query word with the
/// article («الدروع») match it. Returns the range within `w`, starting at the
/// second ل.
fn lil_article(w: &str, q: &str, whole: bool) -> Option<Range<usize>> {
    let q_tail = lil_tail(q)?;
    let (skip, rest) = lil_rest(w)?;
    let ok = if whole {
        rest == q_tail
    } else {
        rest.starts_with(q_tail)
    };
    let start = skip - "ل".len();
    ok.then_some(start..start + "ل".len() + q_tail.len())
}

/// The part of query token `q` after the article ال, when the «لل» reading
/// applies to it (`q` is ال plus at least one letter).
pub(crate) fn lil_tail(q: &str) -> Option<&str> {
    q.strip_prefix("ال").filter(|tail| !tail.is_empty())
}

/// For a word spelt (و|ف)?لل + rest, with rest not empty: the byte length of
/// what precedes rest, and rest. A query token ال + tail matches such a word
/// when rest starts with (or, for a whole word, equals) tail.
pub(crate) fn lil_rest(w: &str) -> Option<(usize, &str)> {
    ["", "و", "ف"].into_iter().find_map(|c| {
        let rest = w.strip_prefix(c)?.strip_prefix("لل")?;
        (!rest.is_empty()).then_some((w.len() - rest.len(), rest))
    })
}

/// Where the words of a normalised text are: from a precomputed token list
/// ([`PreparedText`]) or found on the fly ([`PlainWords`]). Matching is the
/// same for both.
pub(crate) trait Words {
    fn text(&self) -> &str;
    /// The word containing normalised byte `pos`.
    fn word_at(&self, pos: usize) -> Option<Range<usize>>;
    /// The word after `word`, if it is in the same field.
    fn next_word(&self, word: &Range<usize>) -> Option<Range<usize>>;
}

impl Words for PreparedText {
    fn text(&self) -> &str {
        &self.normalized.text
    }

    fn word_at(&self, pos: usize) -> Option<Range<usize>> {
        self.token(self.token_at(pos)?)
    }

    fn next_word(&self, word: &Range<usize>) -> Option<Range<usize>> {
        let idx = self.token_at(word.start)?;
        self.token(idx + 1)
    }
}

/// Normalised text searched without a token list: words are found around
/// each candidate position. Fields are separated by `\n`, and a phrase never
/// runs across one.
pub(crate) struct PlainWords<'a>(pub(crate) &'a str);

/// One normalised field searched without a token list: the words
/// [`PreparedText`] would list, found around each candidate position (a
/// phrase may run across a `\n` inside the field, as there).
pub(crate) struct FieldWords<'a>(pub(crate) &'a str);

impl Words for FieldWords<'_> {
    fn text(&self) -> &str {
        self.0
    }

    fn word_at(&self, pos: usize) -> Option<Range<usize>> {
        PlainWords(self.0).word_at(pos)
    }

    fn next_word(&self, word: &Range<usize>) -> Option<Range<usize>> {
        let rest = self.0.get(word.end..)?;
        let (offset, _) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        self.word_at(word.end + offset)
    }
}

impl Words for PlainWords<'_> {
    fn text(&self) -> &str {
        self.0
    }

    fn word_at(&self, pos: usize) -> Option<Range<usize>> {
        let text = self.0;
        let at = text.get(pos..)?.chars().next()?;
        if !is_word_char(at) {
            return None;
        }
        let start = text[..pos]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[pos..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| pos + i);
        Some(start..end)
    }

    fn next_word(&self, word: &Range<usize>) -> Option<Range<usize>> {
        let rest = self.0.get(word.end..)?;
        let (offset, _) = rest
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .find(|&(_, c)| is_word_char(c))?;
        self.word_at(word.end + offset)
    }
}

/// Calls `emit` with the normalised byte range of every occurrence of `term`
/// in `p`, in ascending order; stops early when `emit` returns `false`.
pub(crate) fn for_each_match(
    p: &impl Words,
    term: &Term,
    mut emit: impl FnMut(Range<usize>) -> bool,
) {
    let text = p.text();
    let n = term.tokens.len();
    let finder: &Finder<'_> = &term.first;
    let mut last_tried: Option<Range<usize>> = None;
    for pos in finder.find_iter(text.as_bytes()) {
        let Some(first) = p.word_at(pos) else {
            continue;
        };
        if last_tried.as_ref() == Some(&first) {
            continue;
        }
        last_tried = Some(first.clone());
        let mut span: Option<Range<usize>> = None;
        let mut word = Some(first);
        for (k, q) in term.tokens.iter().enumerate() {
            let m = word
                .as_ref()
                .and_then(|w| match_word(text, w.clone(), q, k + 1 < n));
            match (m, &mut span) {
                (None, _) => {
                    span = None;
                    break;
                }
                (Some(m), None) => span = Some(m),
                (Some(m), Some(s)) => s.end = m.end,
            }
            if k + 1 < n {
                word = word.as_ref().and_then(|w| p.next_word(w));
            }
        }
        if let Some(s) = span {
            if !emit(s) {
                return;
            }
        }
    }
}

/// True when `term` occurs at least once in `p`.
pub(crate) fn term_occurs(p: &impl Words, term: &Term) -> bool {
    let mut found = false;
    for_each_match(p, term, |_| {
        found = true;
        false
    });
    found
}

/// How many distinct (merged) matches of `terms` start at or after
/// normalised byte `from` in `p`.
pub(crate) fn count_matches(p: &impl Words, terms: &[Term], from: usize) -> usize {
    let mut found: Vec<Range<usize>> = Vec::new();
    for term in terms {
        for_each_match(p, term, |r| {
            if r.start >= from {
                found.push(r);
            }
            true
        });
    }
    found.sort_unstable_by_key(|r| (r.start, r.end));
    let mut count = 0;
    let mut end = 0;
    for r in found {
        if count == 0 || r.start > end {
            count += 1;
            end = r.end;
        } else {
            end = end.max(r.end);
        }
    }
    count
}

/// Original-text byte ranges of all matches of `terms` in `p`: sorted and
/// merged so they never overlap.
pub(crate) fn highlights(p: &PreparedText, terms: &[Term]) -> Vec<Range<usize>> {
    highlights_in(p, &p.normalized, terms)
}

/// [`highlights`] in any words of `normalized`'s text.
pub(crate) fn highlights_in<'t>(
    p: &impl Words,
    normalized: &Normalized,
    terms: impl IntoIterator<Item = &'t Term>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for term in terms {
        for_each_match(p, term, |r| {
            out.push(normalized.original_range(r));
            true
        });
    }
    out.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_word_prefers_literal_then_strips() {
        let t = "بغداد وبغداد";
        assert_eq!(match_word(t, 0..10, "بغداد", false), Some(0..10));
        assert_eq!(match_word(t, 11..23, "بغداد", false), Some(13..23));
        assert_eq!(match_word(t, 11..23, "بغد", true), None);
    }

    #[test]
    fn token_at_finds_containing_word() {
        let p = PreparedText::new("ab, cd");
        assert_eq!(p.token_at(1), Some(0));
        assert_eq!(p.token_at(2), None);
        assert_eq!(p.token_at(4), Some(1));
    }
}
