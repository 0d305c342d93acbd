//! The statistical sequence tagger: a linear model over hashed word
//! features, decoded with Viterbi over BIO tags, trained as an averaged
//! structured perceptron (`train.rs`, run by `examples/train_ner.rs`).
//!
//! The model (`assets/ner.model`, trained on ANERcorp's train split, CC BY-SA
//! 4.0; see `assets/ner.model.LICENSE.md`) is a table from feature hashes to
//! one weight per tag, plus tag-to-tag transition weights. Decoding is
//! linear in the number of words: a fixed number of feature look-ups per
//! word and 9 × 9 transitions.

mod features;
pub mod general;
mod model_file;
pub mod train;
mod viterbi;

pub use features::{gap_class, stem, Cue, Sentence, Slot, Vocab, FEATURE_SET};
pub use model_file::ModelError;

use super::Kind;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// BIO tags over the four name kinds.
pub const TAGS: usize = 9;

/// A tag: 0 = O, then B and I of person, place, organisation, other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u8);

impl Tag {
    pub const O: Tag = Tag(0);
    const KINDS: [Kind; 4] = [Kind::Person, Kind::Location, Kind::Organization, Kind::Misc];

    /// The kind of a B or I tag.
    pub fn kind(self) -> Option<Kind> {
        let k = usize::from(self.0).checked_sub(1)? / 2;
        Self::KINDS.get(k).copied()
    }

    /// Begins a name.
    pub fn is_begin(self) -> bool {
        self.0 % 2 == 1
    }

    pub fn begin(kind: Kind) -> Option<Tag> {
        let k = Self::KINDS.iter().position(|&x| x == kind)?;
        Some(Tag(1 + 2 * k as u8))
    }

    pub fn inside(kind: Kind) -> Option<Tag> {
        Tag::begin(kind).map(|t| Tag(t.0 + 1))
    }

    /// `O`, `B-PERS`, `I-LOC`, … as in CoNLL files (ANERcorp's names).
    pub fn name(self) -> &'static str {
        [
            "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
        ]
        .get(usize::from(self.0))
        .copied()
        .unwrap_or("O")
    }

    /// Parses a CoNLL tag; `PER`/`PERS`/`PERSON` and the other usual
    /// spellings of the kinds are accepted, anything unknown is `None`.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, kind) = s.split_once('-')?;
        let kind = match kind {
            "PER" | "PERS" | "PERSON" => Kind::Person,
            "LOC" | "LOCATION" | "GPE" => Kind::Location,
            "ORG" | "ORGANIZATION" => Kind::Organization,
            "MISC" => Kind::Misc,
            _ => return None,
        };
        match bio {
            "B" => Tag::begin(kind),
            "I" => Tag::inside(kind),
            _ => None,
        }
    }

    /// May `self` follow `prev` (`None` = the start)? I-X only continues X.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        if self.0 == 0 || self.is_begin() {
            return true;
        }
        prev.is_some_and(|p| p.0 != 0 && p.kind() == self.kind())
    }
}

/// A hasher that passes a feature hash through (keys are hashes already).
#[derive(Default)]
pub(super) struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(super) type FeatureMap = HashMap<u64, u32, BuildHasherDefault<PassHasher>>;
/// Feature hash → its weight per tag, in multiples of [`Tagger::scale`]:
/// one look-up reaches the weights (a single cache line).
pub(super) type WeightMap = HashMap<u64, [i16; TAGS], BuildHasherDefault<PassHasher>>;

/// A trained model: feature weights per tag and transition weights.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    table: WeightMap,
    scale: f32,
    /// `trans[(prev + 1) * TAGS + tag]`, prev = -1 for the start.
    trans: Vec<f32>,
    vocab: Vocab,
    /// What the model was trained on and how.
    pub info: String,
}

impl Tagger {
    /// The number of features with weights.
    pub fn features(&self) -> usize {
        self.table.len()
    }

    /// Was this normalised word rare (or unseen) in the training text?
    /// Names mostly are; «قسم», «دولة» and «بعثة» are not.
    pub fn is_rare(&self, word: &str) -> bool {
        self.vocab
            .bucket(features::known_stem(general::WordFreq::builtin(), word))
            == 0
    }

    /// Best tag sequence for a sentence (Viterbi, BIO-constrained).
    pub fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        let mut scratch = Vec::new();
        let mut scores = Vec::with_capacity(sentence.len() * TAGS);
        let lookups = sentence.lookups(&self.vocab);
        for i in 0..sentence.len() {
            scratch.clear();
            sentence.features(i, &lookups, &mut scratch);
            let mut row = [0i32; TAGS];
            for f in &scratch {
                if let Some(w) = self.table.get(f) {
                    for (r, &x) in row.iter_mut().zip(w) {
                        *r += i32::from(x);
                    }
                }
            }
            scores.extend(row.iter().map(|&r| r as f32 * self.scale));
        }
        viterbi::best(&scores, &self.trans)
    }
}

/// 64-bit FNV-1a, fixed across platforms and releases, so a model's
/// feature hashes mean the same wherever it is loaded.
#[derive(Clone, Copy)]
pub(super) struct Fnv(u64);

impl Fnv {
    pub fn new(template: u8) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325).byte(template)
    }
    pub fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }
    pub fn str(self, s: &str) -> Fnv {
        self.part(s).byte(0xff)
    }
    /// A string's bytes without the end mark: `part(a).str(b)` hashes as
    /// `str(a + b)`.
    pub fn part(self, s: &str) -> Fnv {
        s.bytes().fold(self, Fnv::byte)
    }
    /// Mixes in a value already hashed (a word's hash).
    pub fn u64(self, x: u64) -> Fnv {
        Fnv((self.0 ^ x)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29))
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_i_continues_only_its_kind() {
        for t in 0..TAGS as u8 {
            assert_eq!(Tag::parse(Tag(t).name()), Some(Tag(t)));
        }
        assert_eq!(Tag::parse("B-PER"), Tag::begin(Kind::Person));
        assert_eq!(Tag::parse("X-LOC"), None);
        let (bl, il, ip) = (
            Tag::begin(Kind::Location).unwrap(),
            Tag::inside(Kind::Location).unwrap(),
            Tag::inside(Kind::Person).unwrap(),
        );
        assert!(il.may_follow(Some(bl)) && il.may_follow(Some(il)));
        assert!(!il.may_follow(None) && !il.may_follow(Some(Tag::O)) && !ip.may_follow(Some(bl)));
    }
}
