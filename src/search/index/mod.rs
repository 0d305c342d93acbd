//! An inverted index of the corpus's normalised words, answering a query
//! with exactly the articles the matcher would accept, without reading them.
//!
//! * The vocabulary: every distinct word of the normalised articles (words
//!   as [`PlainWords`](super::matcher::PlainWords) sees them).
//! * Posting lists: for each word, the articles holding it, ascending.
//! * Forms ([`forms`]): each word's readings, sorted, so a query token gives
//!   the words it matches by binary search (matching a word depends only on
//!   the word and the token).
//! * The articles as sequences of word ids, marked where a field ends, to
//!   check phrases on their candidates and to rebuild an article's text for
//!   counting its matches.

mod bits;
mod build;
mod forms;
mod phrase;

use super::query::{Term, Terms};
use crate::corpus::Article;
use bits::Bits;
use forms::Forms;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set on a token when a line break (a new field) comes before the word: a
/// phrase never runs across it.
const BREAK: u32 = 1 << 31;

/// Every distinct word, numbered.
#[derive(Debug, Default)]
struct Vocab {
    text: String,
    /// `ends[id]`: where word `id` ends in `text` (it starts where the
    /// previous one ends).
    ends: Vec<usize>,
}

impl Vocab {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> Vocab {
        let mut vocab = Vocab::default();
        for w in words {
            vocab.text.push_str(w);
            vocab.ends.push(vocab.text.len());
        }
        vocab
    }

    fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = id.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.text[start..self.ends[id]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The articles holding each word, ascending.
#[derive(Debug, Default)]
struct Postings {
    /// Word `w`'s list is `ids[starts[w]..starts[w + 1]]`.
    starts: Vec<usize>,
    ids: Vec<u32>,
    /// Beside each entry of `ids`: the word's first position (token index)
    /// in that article, capped at `u16::MAX`. A phrase is looked for from
    /// there on.
    first: Vec<u16>,
}

impl Postings {
    fn of(&self, word: u32) -> &[u32] {
        let w = word as usize;
        &self.ids[self.starts[w]..self.starts[w + 1]]
    }

    /// [`Postings::of`] with each article's first position of the word.
    fn with_first(&self, word: u32) -> impl Iterator<Item = (u32, u16)> + '_ {
        let w = word as usize;
        let range = self.starts[w]..self.starts[w + 1];
        self.ids[range.clone()]
            .iter()
            .copied()
            .zip(self.first[range].iter().copied())
    }
}

/// Consecutive articles as word ids (with [`BREAK`] flags).
#[derive(Debug, Default)]
struct Segment {
    /// The first article's number in the corpus.
    first: usize,
    /// Article `first + a` is `tokens[starts[a]..starts[a + 1]]`.
    starts: Vec<usize>,
    /// How many of each article's words are in its title.
    titles: Vec<u32>,
    tokens: Vec<u32>,
}

impl Segment {
    fn article(&self, a: usize) -> &[u32] {
        &self.tokens[self.starts[a]..self.starts[a + 1]]
    }
}

/// The word index of a corpus.
#[derive(Debug, Default)]
pub(crate) struct WordIndex {
    articles: usize,
    vocab: Vocab,
    postings: Postings,
    /// Words and their proclitic-stripped readings.
    forms: Forms,
    /// The rests after «لل» (matched by query tokens starting with ال).
    lil: Forms,
    segments: Vec<Segment>,
}

impl WordIndex {
    /// Indexes `articles` on all cores; `None` soon after `cancel` is set.
    pub(crate) fn build(articles: &[Article], cancel: &AtomicBool) -> Option<WordIndex> {
        let (vocab, df, segments) = build::read_corpus(articles, cancel)?;
        let postings = build::postings(&df, &segments, cancel)?;
        drop(df);
        let n = articles.len();
        let (forms, lil) = std::thread::scope(|s| {
            let lil = s.spawn(|| Forms::lil_rests(&vocab, &postings, n));
            let forms = Forms::readings(&vocab, &postings, n);
            let lil = lil.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (forms, lil)
        });
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(WordIndex {
            articles: n,
            vocab,
            postings,
            forms,
            lil,
            segments,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.articles
    }

    /// The articles matching `terms`, ascending. `within`, when given, is a
    /// superset of the answer (the answer to a query this one refines), so
    /// phrases are checked on fewer articles.
    pub(crate) fn matching(&self, terms: &Terms, within: Option<&[u32]>) -> Vec<u32> {
        let n = self.articles;
        let mut found = within.map_or_else(|| Bits::full(n), |ids| Bits::from_ids(n, ids));
        let is_phrase = |t: &&Term| t.tokens.len() > 1;
        for term in &terms.positive {
            found.intersect_with(&self.candidates(term));
        }
        for term in terms.negative.iter().filter(|t| !is_phrase(t)) {
            found.subtract(&self.candidates(term));
        }
        for term in terms.positive.iter().filter(is_phrase) {
            found = self.with_phrase(&found, term);
        }
        for term in terms.negative.iter().filter(is_phrase) {
            let mut maybe = self.candidates(term);
            maybe.intersect_with(&found);
            found.subtract(&self.with_phrase(&maybe, term));
        }
        found.ids()
    }

    /// The articles holding a word for each token of `term`: exactly those
    /// where a one-token term occurs, a superset for a phrase.
    fn candidates(&self, term: &Term) -> Bits {
        let last = term.tokens.len().saturating_sub(1);
        let mut found: Option<Bits> = None;
        for (k, q) in term.tokens.iter().enumerate() {
            let these = self.token_articles(q, k < last);
            match &mut found {
                Some(f) => f.intersect_with(&these),
                None => found = Some(these),
            }
        }
        found.unwrap_or_else(|| Bits::empty(self.articles))
    }

    /// Articles with a word that query token `q` matches (as a whole word,
    /// or as a prefix).
    fn token_articles(&self, q: &str, whole: bool) -> Bits {
        let mut out = Bits::empty(self.articles);
        let (v, p) = (&self.vocab, &self.postings);
        self.forms.add_articles(v, p, q, whole, &mut out);
        if let Some(tail) = super::matcher::lil_tail(q) {
            self.lil.add_articles(v, p, tail, whole, &mut out);
        }
        out
    }

    /// The words that query token `q` matches, as a set of word ids.
    fn token_words(&self, q: &str, whole: bool) -> Bits {
        let mut out = Bits::empty(self.vocab.len());
        self.forms.add_words(&self.vocab, q, whole, &mut out);
        if let Some(tail) = super::matcher::lil_tail(q) {
            self.lil.add_words(&self.vocab, tail, whole, &mut out);
        }
        out
    }

    /// Article `i` as word ids.
    fn tokens(&self, i: usize) -> &[u32] {
        let s = self.segments.partition_point(|s| s.first <= i);
        s.checked_sub(1)
            .and_then(|s| self.segments.get(s))
            .filter(|seg| i - seg.first < seg.titles.len())
            .map_or(&[], |seg| seg.article(i - seg.first))
    }

    /// Article `i`'s normalised words as text, one space between words of
    /// a field and `\n` between fields, and where its first body word
    /// starts. The matcher finds in it what it finds in the article itself:
    /// matches lie inside words, and phrases stop at the same places.
    pub(crate) fn article_text(&self, i: usize) -> Option<(String, usize)> {
        let s = self
            .segments
            .partition_point(|s| s.first <= i)
            .checked_sub(1)?;
        let seg = &self.segments[s];
        let a = i - seg.first;
        let title = *seg.titles.get(a)? as usize;
        let tokens = seg.article(a);
        let mut text = String::new();
        let mut body = None;
        for (k, &t) in tokens.iter().enumerate() {
            if k > 0 {
                text.push(if t & BREAK != 0 { '\n' } else { ' ' });
            }
            if k == title {
                body = Some(text.len());
            }
            text.push_str(self.vocab.word(t & !BREAK));
        }
        let body = body.unwrap_or(text.len());
        Some((text, body))
    }

    /// Heap bytes held by the index.
    pub(crate) fn heap_bytes(&self) -> usize {
        let seg: usize = self
            .segments
            .iter()
            .map(|s| s.tokens.len() * 4 + s.starts.len() * 8 + s.titles.len() * 4)
            .sum();
        self.vocab.text.len()
            + self.vocab.ends.len() * 8
            + self.postings.ids.len() * 6
            + self.postings.starts.len() * 8
            + self.forms.heap_bytes()
            + self.lil.heap_bytes()
            + seg
    }
}

#[cfg(test)]
mod tests;
