//! Viterbi decoding over BIO tags: the best-scoring tag sequence whose I
//! tags each continue a name of their own kind. Linear in the words.

use super::{Tag, TAGS};

/// `scores`: `TAGS` per word; `trans`: `(TAGS + 1) × TAGS`, the first row
/// for the start. Returns one tag per word.
pub(super) fn best(scores: &[f32], trans: &[f32]) -> Vec<Tag> {
    let n = scores.len() / TAGS;
    if n == 0 {
        return Vec::new();
    }
    let trans = Masked::new(trans);
    let mut back = vec![[0u8; TAGS]; n];
    let mut cur = [f32::NEG_INFINITY; TAGS];
    for (t, c) in cur.iter_mut().enumerate() {
        *c = scores[t] + trans.0[0][t];
    }
    for (i, word) in scores.chunks_exact(TAGS).enumerate().skip(1) {
        // For each tag the first previous tag with the best score (a
        // strict `>` in ascending order); a forbidden step adds -inf,
        // which never wins.
        let mut best = [f32::NEG_INFINITY; TAGS];
        let mut from = [0u8; TAGS];
        for (p, &score) in cur.iter().enumerate() {
            let row = &trans.0[p + 1];
            for t in 0..TAGS {
                let s = score + row[t];
                if s > best[t] {
                    best[t] = s;
                    from[t] = p as u8;
                }
            }
        }
        for t in 0..TAGS {
            cur[t] = best[t] + word[t];
        }
        back[i] = from;
    }
    let mut last = (0..TAGS)
        .max_by(|&a, &b| cur[a].total_cmp(&cur[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = vec![Tag::O; n];
    for i in (0..n).rev() {
        out[i] = Tag(last as u8);
        last = usize::from(back[i][last]);
    }
    out
}

/// Transition weights with the BIO constraint folded in: `-inf` where a
/// tag may not follow (row 0: the start, row `p + 1`: after tag `p`).
struct Masked([[f32; TAGS]; TAGS + 1]);

impl Masked {
    fn new(trans: &[f32]) -> Masked {
        let mut m = [[f32::NEG_INFINITY; TAGS]; TAGS + 1];
        for (p, row) in m.iter_mut().enumerate() {
            let prev = p.checked_sub(1).map(|p| Tag(p as u8));
            for (t, w) in row.iter_mut().enumerate() {
                if Tag(t as u8).may_follow(prev) {
                    *w = trans.get(p * TAGS + t).copied().unwrap_or(0.0);
                }
            }
        }
        Masked(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inside_tag_never_starts_a_name() {
        // Word scores alone prefer I-LOC, I-LOC; the constraint forces B first.
        let mut scores = vec![0.0; 2 * TAGS];
        scores[4] = 5.0;
        scores[3] = 1.0;
        scores[TAGS + 4] = 5.0;
        let trans = vec![0.0; (TAGS + 1) * TAGS];
        assert_eq!(best(&scores, &trans), [Tag(3), Tag(4)]);
        assert!(best(&[], &trans).is_empty());
    }

    /// The plain form: every allowed previous tag tried in turn.
    fn reference(scores: &[f32], trans: &[f32]) -> Vec<Tag> {
        let n = scores.len() / TAGS;
        if n == 0 {
            return Vec::new();
        }
        let allowed =
            |prev: Option<usize>, t: usize| Tag(t as u8).may_follow(prev.map(|p| Tag(p as u8)));
        let mut back = vec![0u8; n * TAGS];
        let mut cur = [f32::NEG_INFINITY; TAGS];
        for t in 0..TAGS {
            if allowed(None, t) {
                cur[t] = scores[t] + trans[t];
            }
        }
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; TAGS];
            for t in 0..TAGS {
                let mut best = (f32::NEG_INFINITY, 0u8);
                for (p, &score) in cur.iter().enumerate() {
                    if score == f32::NEG_INFINITY || !allowed(Some(p), t) {
                        continue;
                    }
                    let s = score + trans[(p + 1) * TAGS + t];
                    if s > best.0 {
                        best = (s, p as u8);
                    }
                }
                next[t] = best.0 + scores[i * TAGS + t];
                back[i * TAGS + t] = best.1;
            }
            cur = next;
        }
        let mut last = (0..TAGS)
            .max_by(|&a, &b| cur[a].total_cmp(&cur[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        let mut out = vec![Tag::O; n];
        for i in (0..n).rev() {
            out[i] = Tag(last as u8);
            last = usize::from(back[i * TAGS + last]);
        }
        out
    }

    proptest::proptest! {
        /// The same tags as trying every allowed step in turn, ties
        /// included (small integer scores make many).
        #[test]
        fn the_masked_table_decodes_as_the_plain_form(
            words in proptest::collection::vec(-3i8..4, 0..30 * TAGS),
            trans in proptest::collection::vec(-2i8..3, (TAGS + 1) * TAGS),
        ) {
            let whole = words.len() / TAGS * TAGS;
            let scores: Vec<f32> = words[..whole].iter().map(|&x| f32::from(x)).collect();
            let trans: Vec<f32> = trans.iter().map(|&x| f32::from(x) * 0.5).collect();
            proptest::prop_assert_eq!(best(&scores, &trans), reference(&scores, &trans));
        }
    }
}
