//! Building the word index: each half of the corpus is read on its own core
//! (normalised, split into words, words numbered locally), then the halves'
//! vocabularies are merged and the posting lists laid out in one pass.

use super::{Postings, Segment, Vocab, BREAK};
use crate::corpus::Article;
use crate::text::normalize::{normalize_into, word_ranges};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Articles read between two looks at the cancel flag.
const CANCEL_CHECK: usize = 256;

type WordMap = HashMap<Box<str>, u32, foldhash::fast::FixedState>;

/// The words of one run of consecutive articles, numbered locally.
struct Part {
    words: WordMap,
    /// How many of the run's articles contain each local word.
    df: Vec<u32>,
    segment: Segment,
}

/// Reads all articles, on all cores: the vocabulary, how many articles hold
/// each word, and every article as word ids. `None` once `cancel` is set.
pub(super) fn read_corpus(
    articles: &[Article],
    cancel: &AtomicBool,
) -> Option<(Vocab, Vec<u32>, Vec<Segment>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
    let parts: Vec<Option<Part>> = std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .enumerate()
            .map(|(k, run)| s.spawn(move || read_part(run, k * chunk, cancel)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let parts: Option<Vec<Part>> = parts.into_iter().collect();
    merge(parts?, cancel)
}

fn read_part(articles: &[Article], first: usize, cancel: &AtomicBool) -> Option<Part> {
    let mut words = WordMap::default();
    let mut df: Vec<u32> = Vec::new();
    // The last article (number within the run) each word was counted in.
    let mut seen_in: Vec<u32> = Vec::new();
    let mut segment = Segment {
        first,
        starts: Vec::with_capacity(articles.len() + 1),
        titles: Vec::with_capacity(articles.len()),
        tokens: Vec::new(),
    };
    segment.starts.push(0);
    let mut text = String::new();
    for (k, article) in articles.iter().enumerate() {
        if k % CANCEL_CHECK == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        let k = k as u32;
        text.clear();
        let body = lean_text(article, &mut text);
        let mut gap_start = 0;
        let mut title = 0u32;
        for r in word_ranges(&text) {
            let gap = &text.as_bytes()[gap_start..r.start];
            // (Most gaps are one space: no call to memchr for those.)
            let field_break = gap != b" " && gap.contains(&b'\n');
            gap_start = r.end;
            if r.start < body {
                title += 1;
            }
            let word = &text[r];
            let id = match words.get(word) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(df.len()).ok().filter(|&id| id < BREAK)?;
                    words.insert(word.into(), id);
                    df.push(0);
                    seen_in.push(u32::MAX);
                    id
                }
            };
            let i = id as usize;
            if seen_in[i] != k {
                seen_in[i] = k;
                df[i] += 1;
            }
            segment
                .tokens
                .push(if field_break { id | BREAK } else { id });
        }
        segment.titles.push(title);
        segment.starts.push(segment.tokens.len());
    }
    Some(Part { words, df, segment })
}

/// Merges the runs' vocabularies (the first run's numbering is kept) and
/// renumbers the other runs' words.
fn merge(parts: Vec<Part>, cancel: &AtomicBool) -> Option<(Vocab, Vec<u32>, Vec<Segment>)> {
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Some((Vocab::default(), Vec::new(), Vec::new()));
    };
    let (mut words, mut df, mut segments) = (first.words, first.df, vec![first.segment]);
    for part in parts {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut renumber = vec![0u32; part.df.len()];
        for (word, local) in part.words {
            let next = u32::try_from(df.len()).ok().filter(|&id| id < BREAK)?;
            let id = *words.entry(word).or_insert(next);
            if id == next {
                df.push(0);
            }
            df[id as usize] += part.df[local as usize];
            renumber[local as usize] = id;
        }
        let mut segment = part.segment;
        for t in &mut segment.tokens {
            *t = renumber[(*t & !BREAK) as usize] | (*t & BREAK);
        }
        segments.push(segment);
    }
    let mut by_id: Vec<(u32, Box<str>)> = words.into_iter().map(|(w, id)| (id, w)).collect();
    by_id.sort_unstable_by_key(|&(id, _)| id);
    let vocab = Vocab::new(by_id.iter().map(|(_, w)| &**w));
    Some((vocab, df, segments))
}

/// Every word's posting list (the articles holding it, ascending) and the
/// word's first position in each, laid out in one array by a counting sort
/// over the articles in order: one thread fills the lists of the first
/// words, another those of the rest.
pub(super) fn postings(df: &[u32], segments: &[Segment], cancel: &AtomicBool) -> Option<Postings> {
    let mut starts = Vec::with_capacity(df.len() + 1);
    let mut total = 0usize;
    starts.push(0);
    for &n in df {
        total += n as usize;
        starts.push(total);
    }
    let mut ids = vec![0u32; total];
    let mut first = vec![0u16; total];
    // Split the words where the lists are half laid out.
    let mid = starts.partition_point(|&s| s < total / 2).min(df.len());
    let (ids_a, ids_b) = ids.split_at_mut(starts[mid]);
    let (first_a, first_b) = first.split_at_mut(starts[mid]);
    let starts_ref = &starts;
    let done = std::thread::scope(|s| {
        let b = s.spawn(move || {
            let lists = Lists {
                words: mid..df.len(),
                starts: starts_ref,
                ids: ids_b,
                first: first_b,
            };
            lists.fill(segments, cancel)
        });
        let lists = Lists {
            words: 0..mid,
            starts: starts_ref,
            ids: ids_a,
            first: first_a,
        };
        let a = lists.fill(segments, cancel);
        a && b.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    done.then_some(Postings { starts, ids, first })
}

/// The posting lists of a range of words, to be filled.
struct Lists<'a> {
    words: std::ops::Range<usize>,
    /// Where each word's list starts in the whole array.
    starts: &'a [usize],
    /// The part of the whole array (and of its first positions) holding
    /// these words' lists.
    ids: &'a mut [u32],
    first: &'a mut [u16],
}

impl Lists<'_> {
    /// Reads every article's words, keeping those in range; `false` once
    /// `cancel` is set.
    fn fill(self, segments: &[Segment], cancel: &AtomicBool) -> bool {
        let base = self.starts[self.words.start];
        let mut next: Vec<usize> = self.starts[self.words.clone()]
            .iter()
            .map(|s| s - base)
            .collect();
        let mut seen_in = vec![u32::MAX; self.words.len()];
        let lo = self.words.start as u32;
        let count = self.words.len() as u32;
        for segment in segments {
            for a in 0..segment.titles.len() {
                if a % CANCEL_CHECK == 0 && cancel.load(Ordering::Relaxed) {
                    return false;
                }
                let article = (segment.first + a) as u32;
                for (pos, &t) in segment.article(a).iter().enumerate() {
                    let w = (t & !BREAK).wrapping_sub(lo);
                    if w >= count {
                        continue;
                    }
                    let w = w as usize;
                    if seen_in[w] != article {
                        seen_in[w] = article;
                        self.ids[next[w]] = article;
                        self.first[next[w]] = u16::try_from(pos).unwrap_or(u16::MAX);
                        next[w] += 1;
                    }
                }
            }
        }
        true
    }
}

/// An article's title and paragraphs, normalised and joined by `\n`, into
/// `text`; returns where the paragraphs start. (The text the matcher's
/// [`PlainWords`](crate::search::matcher::PlainWords) reads.)
fn lean_text(article: &Article, text: &mut String) -> usize {
    normalize_into(&article.title, text);
    text.push('\n');
    let body = text.len();
    for (k, p) in article.paragraphs.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        normalize_into(p, text);
    }
    body
}
