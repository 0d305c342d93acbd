//! The readings ("forms") of every vocabulary word, sorted, so the words a
//! query token matches are one binary search away.
//!
//! A token matches a word when one of the word's forms starts with it (or,
//! for a whole-word match, equals it): the forms are the word itself and the
//! word with each proclitic stripped ([`strip_proclitics`]). The «لل» reading
//! (see [`lil_rest`]) is kept in a second [`Forms`] holding the rest after لل,
//! looked up with the token minus its ال.
//!
//! Short prefixes match most of the corpus through many words, so for every
//! prefix whose words' posting lists are long in total, the set of articles
//! is computed once at build time.

use super::bits::Bits;
use super::{Postings, Vocab};
use crate::search::matcher::lil_rest;
use crate::text::normalize::strip_proclitics;
use std::ops::Range;

/// One reading: `vocab.word(word)[skip..]`.
#[derive(Debug, Clone, Copy)]
struct Form {
    word: u32,
    skip: u8,
}

/// Sorted readings of the vocabulary, and the article sets of their
/// most expensive prefixes.
#[derive(Debug, Default)]
pub(super) struct Forms {
    forms: Vec<Form>,
    /// (prefix, articles with a word that has a form starting with it),
    /// sorted by prefix: every prefix whose forms' posting lists add up to
    /// more than the build threshold.
    prefixes: Vec<(Box<str>, Bits)>,
}

impl Forms {
    /// Each word, and each word with a proclitic stripped.
    pub(super) fn readings(vocab: &Vocab, postings: &Postings, articles: usize) -> Forms {
        let mut forms = Vec::with_capacity(vocab.len() * 2);
        for word in 0..vocab.len() as u32 {
            let w = vocab.word(word);
            forms.push(Form { word, skip: 0 });
            forms.extend(strip_proclitics(w).map(|(skip, _)| Form {
                word,
                skip: skip as u8,
            }));
        }
        Forms::sorted(forms, vocab, postings, articles)
    }

    /// The rest after «لل» of each word spelt that way.
    pub(super) fn lil_rests(vocab: &Vocab, postings: &Postings, articles: usize) -> Forms {
        let forms = (0..vocab.len() as u32)
            .filter_map(|word| {
                let (skip, _) = lil_rest(vocab.word(word))?;
                Some(Form {
                    word,
                    skip: skip as u8,
                })
            })
            .collect();
        Forms::sorted(forms, vocab, postings, articles)
    }

    fn sorted(forms: Vec<Form>, vocab: &Vocab, postings: &Postings, articles: usize) -> Forms {
        let mut built = Forms {
            forms: sort(forms, vocab),
            prefixes: Vec::new(),
        };
        // Above this many postings, a prefix's article set is precomputed;
        // below, uniting the lists at query time takes well under a millisecond.
        let threshold = (4 * articles).max(1 << 15);
        let mut cost = Vec::with_capacity(built.forms.len() + 1);
        let mut total = 0usize;
        cost.push(0);
        for f in &built.forms {
            total += postings.of(f.word).len();
            cost.push(total);
        }
        let mut group = PrefixGroup {
            forms: &built.forms,
            vocab,
            postings,
            cost: &cost,
            threshold,
            articles,
            out: Vec::new(),
        };
        group.articles_of(0..built.forms.len(), 0, false);
        let mut prefixes = group.out;
        prefixes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        built.prefixes = prefixes;
        built
    }

    /// Indices of the forms starting with `q` (equal to it when `whole`).
    fn range(&self, vocab: &Vocab, q: &str, whole: bool) -> Range<usize> {
        let lo = self.forms.partition_point(|f| text(vocab, f) < q);
        let len = self.forms[lo..].partition_point(|f| {
            let t = text(vocab, f);
            if whole {
                t == q
            } else {
                t.starts_with(q)
            }
        });
        lo..lo + len
    }

    /// Adds to `out` the articles holding a word that `q` matches.
    pub(super) fn add_articles(
        &self,
        vocab: &Vocab,
        postings: &Postings,
        q: &str,
        whole: bool,
        out: &mut Bits,
    ) {
        if !whole {
            if let Ok(k) = self.prefixes.binary_search_by(|(p, _)| (**p).cmp(q)) {
                out.union_with(&self.prefixes[k].1);
                return;
            }
        }
        for f in &self.forms[self.range(vocab, q, whole)] {
            out.insert_all(postings.of(f.word));
        }
    }

    /// Adds to `out` (a set of word ids) the words that `q` matches.
    pub(super) fn add_words(&self, vocab: &Vocab, q: &str, whole: bool, out: &mut Bits) {
        for f in &self.forms[self.range(vocab, q, whole)] {
            out.insert(f.word);
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.forms.len() * std::mem::size_of::<Form>()
            + self
                .prefixes
                .iter()
                .map(|(p, b)| p.len() + b.heap_bytes())
                .sum::<usize>()
    }
}

/// `forms` in the order of their texts. Each is keyed by its first 8 bytes
/// so most comparisons need not fetch the words; the halves are sorted on
/// two threads and merged.
fn sort(forms: Vec<Form>, vocab: &Vocab) -> Vec<Form> {
    let key = |f: &Form| {
        let t = text(vocab, f).as_bytes();
        let mut head = [0u8; 8];
        let n = t.len().min(8);
        head[..n].copy_from_slice(&t[..n]);
        // Words hold no NUL, and a tie is settled on the whole text, so
        // this orders as the texts do.
        u64::from_be_bytes(head)
    };
    let order = |a: &(u64, Form), b: &(u64, Form)| {
        a.0.cmp(&b.0)
            .then_with(|| text(vocab, &a.1).cmp(text(vocab, &b.1)))
    };
    let mut keyed: Vec<(u64, Form)> = forms.into_iter().map(|f| (key(&f), f)).collect();
    let half = keyed.len() / 2;
    let (a, b) = keyed.split_at_mut(half);
    std::thread::scope(|s| {
        s.spawn(|| b.sort_unstable_by(order));
        a.sort_unstable_by(order);
    });
    let (a, b) = keyed.split_at(half);
    let mut out = Vec::with_capacity(keyed.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if order(&b[j], &a[i]).is_lt() {
            out.push(b[j].1);
            j += 1;
        } else {
            out.push(a[i].1);
            i += 1;
        }
    }
    out.extend(a[i..].iter().chain(&b[j..]).map(|&(_, f)| f));
    out
}

/// Longest prefix (bytes) whose article set is precomputed: deeper ones
/// take no more than a few words in any real text.
const MAX_PREFIX: usize = 64;

fn text<'a>(vocab: &'a Vocab, f: &Form) -> &'a str {
    vocab.word(f.word).get(f.skip as usize..).unwrap_or("")
}

/// Walks the sorted forms prefix by prefix, precomputing the article sets
/// of the prefixes above the threshold (children before parents, so a
/// parent unites its big children's sets rather than their lists).
struct PrefixGroup<'a> {
    forms: &'a [Form],
    vocab: &'a Vocab,
    postings: &'a Postings,
    /// `cost[i]`: postings of `forms[..i]`, summed.
    cost: &'a [usize],
    threshold: usize,
    articles: usize,
    out: Vec<(Box<str>, Bits)>,
}

impl PrefixGroup<'_> {
    /// The articles of `forms[range]`, which all start with the same
    /// `depth`-byte prefix (when `unite`; otherwise only the prefixes
    /// below are visited).
    fn articles_of(&mut self, range: Range<usize>, depth: usize, unite: bool) -> Bits {
        let mut bits = Bits::empty(if unite { self.articles } else { 0 });
        let mut i = range.start;
        while i < range.end {
            let t = text(self.vocab, &self.forms[i]);
            let Some(c) = t.get(depth..).and_then(|rest| rest.chars().next()) else {
                // The form is the prefix itself.
                if unite {
                    bits.insert_all(self.postings.of(self.forms[i].word));
                }
                i += 1;
                continue;
            };
            let prefix = &t[..depth + c.len_utf8()];
            let end = i + self.forms[i..range.end]
                .partition_point(|f| text(self.vocab, f).starts_with(prefix));
            if self.cost[end] - self.cost[i] > self.threshold && prefix.len() <= MAX_PREFIX {
                let prefix: Box<str> = prefix.into();
                let child = self.articles_of(i..end, prefix.len(), true);
                bits.union_with(&child);
                self.out.push((prefix, child));
            } else if unite {
                for f in &self.forms[i..end] {
                    bits.insert_all(self.postings.of(f.word));
                }
            }
            i = end;
        }
        bits
    }
}
