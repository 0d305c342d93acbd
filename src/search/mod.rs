//! Arabic-aware keyword search over plain strings.
//!
//! Query syntax (see [`Query::parse`]):
//! * whitespace-separated words are ANDed;
//! * `"a phrase"` (also `“…”`, `«…»`) must match consecutive words in order;
//! * `-word` / `-"phrase"` excludes documents containing it.
//!
//! Matching runs on [`normalize`](crate::text::normalize::normalize)d text,
//! word by word, with prefix matching and proclitic stripping (so «خير»
//! finds «وبالخيرسون»). Highlights are byte ranges into the original text.

mod anchor_scan;
mod byte_rank;
mod corpus;
mod filter;
mod index;
mod matcher;
mod probe;
mod query;
#[cfg(test)]
mod scan_filter;

use std::ops::Range;

pub use corpus::{
    article_hits, article_matches, count_paths, search_articles, search_paths, Hit, PreparedArticle,
};
pub use filter::CorpusFilter;
pub use matcher::PreparedText;
/// The «لل» reading, for indexes kept outside this module (the library's).
pub(crate) use matcher::{lil_rest, lil_tail};

use matcher::{highlights, term_occurs};
use query::{parse_terms, Terms};

/// A parsed search query. Cheap to clone; build once per keystroke and
/// reuse for every document.
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Terms,
}

impl Query {
    /// Parses `q`. Never fails: unbalanced quotes make the rest a phrase,
    /// a lone `-` and punctuation-only terms are ignored.
    pub fn parse(q: &str) -> Query {
        Query {
            terms: parse_terms(q),
        }
    }

    pub(crate) fn terms(&self) -> &Terms {
        &self.terms
    }

    /// Whether a raw JSON text (a JSONL line, unparsed) can hold a match.
    /// `false` only when some positive term's first word cannot be in it:
    /// the letter of it that no other character normalises to (its anchor)
    /// is nowhere in the bytes with characters beside it that could give
    /// the word, or the pieces of text around it, normalised, do not hold
    /// the word (as [`probe`] looks in a field). JSON escapes decode to
    /// ASCII punctuation and spaces, which end such pieces too; a `\u`
    /// escape could hide a letter, so a text holding one may match.
    pub fn may_match_json(&self, raw: &str) -> bool {
        let mut scratch = String::new();
        let escaped = |b: &u8| matches!(b, b'"' | b'\\') || *b < 0x20;
        let may_hold = |term: &query::Term| {
            term.anchor.is_none()
                || term.first.needle().iter().any(escaped)
                || probe::Field::new(raw).holds(term, &mut scratch)
        };
        self.terms.positive.iter().all(may_hold)
            || memchr::memmem::find(raw.as_bytes(), b"\\u").is_some()
    }

    /// The byte places in `block` (whole raw JSONL lines) where a match
    /// may be: a line holding none of them cannot hold a match
    /// ([`Query::may_match_json`] says `false` of it). The anchor letter of
    /// one positive term is looked for in the whole block at once, and
    /// kept where the piece of text around it holds the term's first word
    /// (as [`probe`] looks in a field); `\u` escapes are places too. `None` when no term
    /// can tell lines apart so (every line must then be asked). When that
    /// term is the only positive one, a line holding a place may match.
    pub fn may_match_places(&self, block: &str) -> Option<crate::corpus::pipeline::Places> {
        let escaped = |b: &u8| matches!(b, b'"' | b'\\') || *b < 0x20;
        let term = self
            .terms
            .positive
            .iter()
            .find(|t| t.anchor.is_some() && !t.first.needle().iter().any(escaped))?;
        let mut places = Vec::new();
        probe::each_holding_piece(block, term, |at| places.push(at));
        // A backslash is rare enough in text that finding each and looking
        // at the byte after it beats a two-byte search.
        let bytes = block.as_bytes();
        let escapes =
            memchr::memchr_iter(b'\\', bytes).filter(|&at| bytes.get(at + 1) == Some(&b'u'));
        let mut escapes = escapes.peekable();
        if escapes.peek().is_some() {
            places.extend(escapes);
            places.sort_unstable();
        }
        Some(crate::corpus::pipeline::Places {
            at: places,
            sure: self.terms.positive.len() == 1,
        })
    }

    /// Whether every required term is one word: an index of words then
    /// answers them exactly, with no text to check (phrases need the text).
    pub fn required_are_words(&self) -> bool {
        self.terms.positive.iter().all(|t| t.tokens.len() == 1)
    }

    /// Each excluded term as a query that requires it (the articles it
    /// excludes are those that query matches), with whether it is one word.
    pub fn exclusions(&self) -> Vec<(Query, bool)> {
        self.terms
            .negative
            .iter()
            .map(|t| {
                let terms = Terms {
                    positive: vec![t.clone()],
                    negative: Vec::new(),
                };
                (Query { terms }, t.tokens.len() == 1)
            })
            .collect()
    }

    /// True when the query has no terms at all (it then matches everything
    /// and highlights nothing).
    pub fn is_empty(&self) -> bool {
        self.terms.positive.is_empty() && self.terms.negative.is_empty()
    }

    /// Byte ranges into `text` (sorted, non-overlapping) of every match of
    /// every positive term. Exclusions are not considered here.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        self.find_in_prepared(&PreparedText::new(text))
    }

    /// Like [`Query::find_in`] on an already prepared field; ranges refer to
    /// the original text the field was prepared from.
    pub fn find_in_prepared(&self, field: &PreparedText) -> Vec<Range<usize>> {
        highlights(field, &self.terms.positive)
    }

    /// Whole-document decision over several fields (e.g. title then
    /// paragraphs). Returns the matches as `(field index, byte range)`,
    /// ordered by field then position, when every positive term occurs in
    /// some field and no excluded term occurs in any; `None` otherwise.
    pub fn match_document<'a>(
        &self,
        fields: impl IntoIterator<Item = &'a str>,
    ) -> Option<Vec<(usize, Range<usize>)>> {
        let prepared: Vec<PreparedText> = fields.into_iter().map(PreparedText::new).collect();
        self.match_prepared(&prepared)
    }

    /// [`Query::match_document`] over prepared fields.
    pub fn match_prepared<'a, I>(&self, fields: I) -> Option<Vec<(usize, Range<usize>)>>
    where
        I: IntoIterator<Item = &'a PreparedText>,
        I::IntoIter: Clone,
    {
        let fields = fields.into_iter();
        if !self.is_match_prepared(fields.clone()) {
            return None;
        }
        let mut out = Vec::new();
        for (i, f) in fields.enumerate() {
            out.extend(self.find_in_prepared(f).into_iter().map(|r| (i, r)));
        }
        Some(out)
    }

    /// Only the yes/no part of [`Query::match_prepared`]; allocation-free,
    /// intended for filtering a large corpus on every keystroke.
    pub fn is_match_prepared<'a, I>(&self, fields: I) -> bool
    where
        I: IntoIterator<Item = &'a PreparedText>,
        I::IntoIter: Clone,
    {
        let fields = fields.into_iter();
        let occurs = |t| fields.clone().any(|f| term_occurs(f, t));
        self.terms.negative.iter().all(|t| !occurs(t)) && self.terms.positive.iter().all(occurs)
    }
}
