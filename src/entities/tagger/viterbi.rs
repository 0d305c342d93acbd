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
    let allowed =
        |prev: Option<usize>, t: usize| Tag(t as u8).may_follow(prev.map(|p| Tag(p as u8)));
    let mut back = vec![0u8; n * TAGS];
    let mut cur = [f32::NEG_INFINITY; TAGS];
    for t in 0..TAGS {
        if allowed(None, t) {
            cur[t] = scores[t] + trans.get(t).copied().unwrap_or(0.0);
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
                let s = score + trans.get((p + 1) * TAGS + t).copied().unwrap_or(0.0);
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
}
