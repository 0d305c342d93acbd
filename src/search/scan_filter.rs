//! The filter the word index replaced, kept as the reference the index is
//! tested against: each article normalised once into one lean string
//! (title and paragraphs joined by `\n`) and scanned on every keystroke.
//! While the query only grows, only the previous matches are searched
//! again; recent results are kept.

use super::matcher::{count_matches, term_occurs, PlainWords};
use super::Query;
use crate::corpus::Article;
use crate::text::normalize::normalize_into;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How many recent (query → matches) results are kept.
const RECENT: usize = 32;
/// Articles normalised between two looks at the cancel flag.
const CANCEL_CHECK: usize = 256;
/// Below this many candidates one thread is faster than two.
const PARALLEL_FROM: usize = 2_000;

/// An article's normalised text and where its first paragraph starts.
type LeanText = (Box<str>, u32);

/// The corpus, normalised for filtering.
#[derive(Debug, Default)]
pub(crate) struct ScanFilter {
    texts: Vec<Box<str>>,
    /// Byte offset in `texts[i]` where the first paragraph starts.
    body_starts: Vec<u32>,
    recent: VecDeque<(String, Arc<[u32]>)>,
}

impl ScanFilter {
    /// Normalises every article, on all cores.
    pub(crate) fn new(articles: &[Article]) -> ScanFilter {
        Self::build(articles, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// Like [`ScanFilter::new`], but gives up (returning `None`) soon
    /// after `cancel` is set, so a reader that quits never waits for it.
    pub(crate) fn build(articles: &[Article], cancel: &AtomicBool) -> Option<ScanFilter> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = articles.len().div_ceil(threads).max(1);
        let parts: Vec<Option<Vec<LeanText>>> = std::thread::scope(|s| {
            let handles: Vec<_> = articles
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut out = Vec::with_capacity(part.len());
                        for batch in part.chunks(CANCEL_CHECK) {
                            if cancel.load(Ordering::Relaxed) {
                                return None;
                            }
                            out.extend(batch.iter().map(lean_text));
                        }
                        Some(out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let mut texts = Vec::with_capacity(articles.len());
        let mut body_starts = Vec::with_capacity(articles.len());
        for part in parts {
            for (text, body) in part? {
                texts.push(text);
                body_starts.push(body);
            }
        }
        Some(ScanFilter {
            texts,
            body_starts,
            recent: VecDeque::new(),
        })
    }

    /// Does article `i` match (every positive term, no excluded one)?
    pub(crate) fn is_match(&self, i: usize, query: &Query) -> bool {
        let Some(text) = self.texts.get(i) else {
            return false;
        };
        let words = PlainWords(text);
        let terms = query.terms();
        terms.negative.iter().all(|t| !term_occurs(&words, t))
            && terms.positive.iter().all(|t| term_occurs(&words, t))
    }

    /// Indices of the articles matching `input` (raw query text), ascending.
    pub(crate) fn matching(&mut self, input: &str) -> Arc<[u32]> {
        if let Some(pos) = self.recent.iter().position(|(q, _)| q == input) {
            let hit = self.recent.remove(pos).map(|(_, r)| r).unwrap_or_default();
            self.recent
                .push_front((input.to_string(), Arc::clone(&hit)));
            return hit;
        }
        let query = Query::parse(input);
        let result: Arc<[u32]> = if query.is_empty() {
            (0..self.texts.len() as u32).collect()
        } else {
            // A query typed further can only match a subset of what the
            // previous one matched. (The original test, "the input extends
            // the previous input", missed that «الد» matches «للدروع» while
            // «ال» does not.)
            let narrowed = self.recent.front().and_then(|(prev, r)| {
                let prev = Query::parse(prev);
                let refines = query.terms().refines(prev.terms()) && !prev.is_empty();
                refines.then(|| Arc::clone(r))
            });
            match narrowed {
                Some(candidates) => self.scan(candidates.iter().copied(), candidates.len(), &query),
                None => self.scan(0..self.texts.len() as u32, self.texts.len(), &query),
            }
        };
        self.recent
            .push_front((input.to_string(), Arc::clone(&result)));
        self.recent.truncate(RECENT);
        result
    }

    fn scan(
        &self,
        candidates: impl Iterator<Item = u32>,
        count: usize,
        query: &Query,
    ) -> Arc<[u32]> {
        let candidates: Vec<u32> = candidates.collect();
        if count < PARALLEL_FROM {
            return candidates
                .into_iter()
                .filter(|&i| self.is_match(i as usize, query))
                .collect();
        }
        let half = candidates.len() / 2;
        let (a, b) = candidates.split_at(half);
        let keep = |part: &[u32]| -> Vec<u32> {
            part.iter()
                .copied()
                .filter(|&i| self.is_match(i as usize, query))
                .collect()
        };
        let (mut left, right) = std::thread::scope(|s| {
            let other = s.spawn(|| keep(b));
            (keep(a), other.join().unwrap_or_default())
        });
        left.extend(right);
        left.into()
    }

    /// How many matches article `i` has (the highlights the reader shows);
    /// with `skip_title`, matches in the title are not counted.
    pub(crate) fn count(&self, i: usize, query: &Query, skip_title: bool) -> usize {
        let Some(text) = self.texts.get(i) else {
            return 0;
        };
        let from = if skip_title {
            self.body_starts[i] as usize
        } else {
            0
        };
        count_matches(&PlainWords(text), &query.terms().positive, from)
    }
}

/// An article's title and paragraphs, normalised and joined by `\n`, and
/// where the paragraphs start.
fn lean_text(article: &Article) -> LeanText {
    let size = article.title.len()
        + article
            .paragraphs
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>();
    let mut text = String::with_capacity(size);
    normalize_into(&article.title, &mut text);
    text.push('\n');
    let body = u32::try_from(text.len()).unwrap_or(u32::MAX);
    for (k, p) in article.paragraphs.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        normalize_into(p, &mut text);
    }
    (text.into_boxed_str(), body)
}
