//! Checking a phrase (a term of several tokens) on the articles that hold
//! a word for each of its tokens: do the words come in a row, in one field?

use super::bits::Bits;
use super::{WordIndex, BREAK};
use crate::search::query::Term;

/// Below this many candidates one thread is faster than two.
const PARALLEL_FROM: usize = 2_000;

impl WordIndex {
    /// The articles among `candidates` in which `term` occurs: its tokens
    /// match consecutive words of one field, all but the last as whole words.
    pub(super) fn with_phrase(&self, candidates: &Bits, term: &Term) -> Bits {
        let last = term.tokens.len().saturating_sub(1);
        let sets: Vec<Bits> = term
            .tokens
            .iter()
            .enumerate()
            .map(|(k, q)| self.token_words(q, k < last))
            .collect();
        let ids = candidates.ids();
        // No first word comes before the first position of any of them.
        let mut from = vec![u16::MAX; self.articles];
        for word in sets.first().map(Bits::ids).unwrap_or_default() {
            for (a, pos) in self.postings.with_first(word) {
                let f = &mut from[a as usize];
                *f = (*f).min(pos);
            }
        }
        let keep = |part: &[u32]| -> Vec<u32> {
            part.iter()
                .copied()
                .filter(|&i| {
                    let tokens = self.tokens(i as usize);
                    let from = usize::from(from[i as usize]).min(tokens.len());
                    occurs(&tokens[from..], &sets)
                })
                .collect()
        };
        let mut found = Bits::empty(candidates.len());
        if ids.len() < PARALLEL_FROM {
            found.insert_all(&keep(&ids));
            return found;
        }
        let (a, b) = ids.split_at(ids.len() / 2);
        let (left, right) = std::thread::scope(|s| {
            let other = s.spawn(|| keep(b));
            let left = keep(a);
            (
                left,
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        found.insert_all(&left);
        found.insert_all(&right);
        found
    }
}

/// True when some run of `sets.len()` consecutive tokens, with no field
/// break inside, has its k-th word in `sets[k]` for every k.
fn occurs(tokens: &[u32], sets: &[Bits]) -> bool {
    let Some((first, rest)) = sets.split_first() else {
        return false;
    };
    tokens.iter().enumerate().any(|(i, &t)| {
        first.contains(t & !BREAK)
            && rest.iter().enumerate().all(|(k, set)| {
                tokens
                    .get(i + 1 + k)
                    .is_some_and(|&t| t & BREAK == 0 && set.contains(t))
            })
    })
}
