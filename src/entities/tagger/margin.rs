//! Margins in training (round 6, issue #14): the perceptron as it was only
//! moves weight when the best sequence is wrong, so a name it gets right
//! by a hair stays a hair from being missed. Loss-augmented decoding
//! (cost-sensitive training) adds a cost to every wrong tag before Viterbi
//! runs, so a training sentence is also updated while a wrong sequence is
//! within that cost of the gold one; a larger cost for a missed name than
//! for a false one leans the model towards finding names. The structured
//! passive-aggressive step (Crammer et al. 2006, PA-I) sizes each update
//! from the margin it lacks and the feature difference, instead of 1.

use super::{Tag, TAGS};
use std::collections::HashMap;

/// What a wrong tag costs when a training sentence is decoded.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cost {
    /// Any wrong tag: a false name, a wrong kind or a wrong B/I.
    pub wrong: f32,
    /// `O` where the gold tag is a name's: a name (or a word of it) missed.
    pub miss: f32,
}

impl Cost {
    /// Plain Hamming loss: 1 per wrong tag.
    pub const HAMMING: Cost = Cost {
        wrong: 1.0,
        miss: 1.0,
    };

    pub fn is_zero(self) -> bool {
        self.wrong == 0.0 && self.miss == 0.0
    }

    /// The cost of tag `t` for a word whose gold tag is `gold`.
    pub fn of(self, gold: Tag, t: Tag) -> f32 {
        if t == gold {
            0.0
        } else if t == Tag::O {
            self.miss
        } else {
            self.wrong
        }
    }

    /// `scores` (`TAGS` per word) with each wrong tag's cost added.
    pub fn augment(self, scores: &[f32], gold: &[Tag], out: &mut Vec<f32>) {
        out.clear();
        out.extend_from_slice(scores);
        for (row, &g) in out.chunks_exact_mut(TAGS).zip(gold) {
            for (t, x) in row.iter_mut().enumerate() {
                *x += self.of(g, Tag(t as u8));
            }
        }
    }

    /// The cost of predicting `pred` for `gold`.
    pub fn loss(self, gold: &[Tag], pred: &[Tag]) -> f32 {
        gold.iter().zip(pred).map(|(&g, &p)| self.of(g, p)).sum()
    }
}

/// The model's score of a tag sequence: word scores plus transitions
/// (`trans[(prev + 1) * TAGS + tag]`, row 0 the start).
pub fn score(scores: &[f32], trans: &[f32], tags: &[Tag]) -> f32 {
    let mut prev = 0usize;
    let mut s = 0.0;
    for (i, t) in tags.iter().enumerate() {
        let t = usize::from(t.0);
        s += scores[i * TAGS + t] + trans[prev * TAGS + t];
        prev = t + 1;
    }
    s
}

/// The squared length of the feature difference between `gold` and `pred`
/// (word features as `f * TAGS + tag`, transitions apart), counting a
/// feature that appears twice twice, as the update does.
pub fn distance2<'a>(word: impl Fn(usize) -> &'a [u32], gold: &[Tag], pred: &[Tag]) -> f32 {
    let mut diff: HashMap<(bool, usize), f32> = HashMap::new();
    let mut add = |tags: &[Tag], delta: f32| {
        let mut prev = 0usize;
        for (i, t) in tags.iter().enumerate() {
            let t = usize::from(t.0);
            if gold[i] != pred[i] {
                for &f in word(i) {
                    *diff.entry((true, f as usize * TAGS + t)).or_default() += delta;
                }
            }
            *diff.entry((false, prev * TAGS + t)).or_default() += delta;
            prev = t + 1;
        }
    };
    add(gold, 1.0);
    add(pred, -1.0);
    diff.values().map(|x| x * x).sum()
}

/// PA-I's step: the margin still lacking over the squared distance, at
/// most `aggressiveness`; 0 when there is nothing to correct.
pub fn pa_step(lacking: f32, distance2: f32, aggressiveness: f32) -> f32 {
    if lacking <= 0.0 || distance2 <= 0.0 {
        return 0.0;
    }
    (lacking / distance2).min(aggressiveness)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    #[test]
    fn a_missed_name_costs_its_own_price_and_a_false_one_the_other() {
        let b = Tag::begin(Kind::Person).unwrap();
        let l = Tag::begin(Kind::Location).unwrap();
        let c = Cost {
            wrong: 0.5,
            miss: 2.0,
        };
        assert_eq!(c.of(b, Tag::O), 2.0);
        assert_eq!(c.of(Tag::O, b), 0.5);
        assert_eq!(c.of(b, l), 0.5);
        assert_eq!(c.of(b, b), 0.0);
        assert_eq!(c.loss(&[b, Tag::O, l], &[Tag::O, b, l]), 2.5);
        let mut out = Vec::new();
        c.augment(&[0.0; 2 * TAGS], &[b, Tag::O], &mut out);
        assert_eq!(out[0], 2.0);
        assert_eq!(out[usize::from(b.0)], 0.0);
        assert_eq!(out[TAGS], 0.0);
        assert_eq!(out[TAGS + 3], 0.5);
    }

    #[test]
    fn augmented_decoding_picks_a_wrong_sequence_within_the_cost() {
        // The model is right by 0.5: plain Viterbi keeps gold, a cost of
        // 1 for a miss makes the wrong «O» win, so training updates.
        let b = Tag::begin(Kind::Person).unwrap();
        let mut scores = vec![0.0; TAGS];
        scores[usize::from(b.0)] = 0.5;
        let trans = vec![0.0; (TAGS + 1) * TAGS];
        assert_eq!(super::super::viterbi::best(&scores, &trans), [b]);
        let cost = Cost {
            wrong: 0.0,
            miss: 1.0,
        };
        let mut aug = Vec::new();
        cost.augment(&scores, &[b], &mut aug);
        let pred = super::super::viterbi::best(&aug, &trans);
        assert_eq!(pred, [Tag::O]);
        let lacking =
            score(&scores, &trans, &pred) - score(&scores, &trans, &[b]) + cost.loss(&[b], &pred);
        assert_eq!(lacking, 0.5);
    }

    #[test]
    fn the_step_closes_the_margin_and_is_capped() {
        let b = Tag::begin(Kind::Person).unwrap();
        let words = [vec![1u32, 2, 3]];
        // Three features move from O to B and back, plus one transition
        // from the start: 2 × 3 + 2 = 8.
        let d = distance2(|i| &words[i], &[b], &[Tag::O]);
        assert_eq!(d, 8.0);
        assert_eq!(pa_step(2.0, d, 1.0), 0.25);
        assert_eq!(pa_step(20.0, d, 1.0), 1.0);
        assert_eq!(pa_step(0.0, d, 1.0), 0.0);
    }
}
