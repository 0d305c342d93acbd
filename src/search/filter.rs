//! Filtering a whole corpus on every keystroke, through a word index built
//! once (see [`index`](super::index)): a query costs a few set operations,
//! plus a look at the candidates of each phrase. Recent results are kept,
//! so Backspace costs nothing; while a phrase only grows, only the previous
//! matches are checked again.

use super::index::WordIndex;
use super::matcher::{count_matches, term_occurs, PlainWords};
use super::Query;
use crate::corpus::Article;
use std::collections::VecDeque;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// How many recent (query → matches) results are kept.
const RECENT: usize = 32;

/// A query answered recently.
#[derive(Debug)]
struct Answer {
    input: String,
    query: Query,
    matches: Arc<[u32]>,
}

/// The corpus, indexed for filtering.
#[derive(Debug, Default)]
pub struct CorpusFilter {
    index: WordIndex,
    recent: VecDeque<Answer>,
}

impl CorpusFilter {
    /// Indexes every article, on all cores.
    pub fn new(articles: &[Article]) -> CorpusFilter {
        Self::build(articles, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// Like [`CorpusFilter::new`], but gives up (returning `None`) soon
    /// after `cancel` is set, so a reader that quits never waits for it.
    pub fn build(articles: &[Article], cancel: &AtomicBool) -> Option<CorpusFilter> {
        Some(CorpusFilter {
            index: WordIndex::build(articles, cancel)?,
            recent: VecDeque::new(),
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// Bytes held by the index.
    pub fn index_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Does article `i` match (every positive term, no excluded one)?
    pub fn is_match(&self, i: usize, query: &Query) -> bool {
        let Some((text, _)) = self.index.article_text(i) else {
            return false;
        };
        let words = PlainWords(&text);
        let terms = query.terms();
        terms.negative.iter().all(|t| !term_occurs(&words, t))
            && terms.positive.iter().all(|t| term_occurs(&words, t))
    }

    /// Indices of the articles matching `input` (raw query text), ascending.
    pub fn matching(&mut self, input: &str) -> Arc<[u32]> {
        if let Some(pos) = self.recent.iter().position(|a| a.input == input) {
            if let Some(hit) = self.recent.remove(pos) {
                let matches = Arc::clone(&hit.matches);
                self.recent.push_front(hit);
                return matches;
            }
        }
        let query = Query::parse(input);
        let matches: Arc<[u32]> = if query.is_empty() {
            (0..self.index.len() as u32).collect()
        } else {
            // A query typed further can only match a subset of what the
            // previous one matched.
            let within = self
                .recent
                .front()
                .filter(|prev| !prev.query.is_empty())
                .filter(|prev| query.terms().refines(prev.query.terms()))
                .map(|prev| Arc::clone(&prev.matches));
            self.index.matching(query.terms(), within.as_deref()).into()
        };
        self.recent.push_front(Answer {
            input: input.to_string(),
            query,
            matches: Arc::clone(&matches),
        });
        self.recent.truncate(RECENT);
        matches
    }

    /// How many matches article `i` has (the highlights the reader shows);
    /// with `skip_title`, matches in the title are not counted.
    pub fn count(&self, i: usize, query: &Query, skip_title: bool) -> usize {
        let Some((text, body)) = self.index.article_text(i) else {
            return 0;
        };
        let from = if skip_title { body } else { 0 };
        count_matches(&PlainWords(&text), &query.terms().positive, from)
    }
}
