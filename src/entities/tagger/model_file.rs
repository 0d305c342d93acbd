//! The model file (`assets/ner.model`): little-endian binary.
//!
//! ```text
//! "SAHIFA-NER\n"  magic
//! u32 format (1) · u32 feature set · u32 tags · u32 info length · info (UTF-8)
//! u32 words · (u8 bucket · u8 length · UTF-8) × words   the vocabulary
//! f32 × (tags + 1) × tags   transitions (first row: from the start)
//! f32 scale · u32 features
//! u64 × features            feature hashes, ascending
//! i16 × features × tags     weights ÷ scale
//! ```
//! Weights are stored as 16-bit integers (about four significant digits),
//! which halves the file against f32 and changes no decision measurably.

use super::{Tagger, Vocab, WeightMap, FEATURE_SET, TAGS};

const MAGIC: &[u8] = b"SAHIFA-NER\n";
const FORMAT: u32 = 1;

/// A model file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the entity model is not a sahifa model file")]
    Magic,
    #[error("the entity model is truncated")]
    Truncated,
    #[error(
        "the entity model was made for format {format}, feature set {features} and {tags} tags; \
         this sahifa reads format {FORMAT}, feature set {FEATURE_SET}, {TAGS} tags \
         (retrain it with examples/train_ner.rs)"
    )]
    Version {
        format: u32,
        features: u32,
        tags: u32,
    },
    #[error("the entity model is corrupt: {0}")]
    Corrupt(&'static str),
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

impl Tagger {
    /// A tagger from its weights: `keys[k]` has `weights[k * TAGS..][..TAGS]`,
    /// stored as 16-bit multiples of one scale (as in the file).
    pub(super) fn from_parts(
        keys: Vec<u64>,
        weights: Vec<f32>,
        trans: Vec<f32>,
        vocab: Vocab,
        info: String,
    ) -> Tagger {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let rows = weights.chunks_exact(TAGS).map(|row| {
            let mut q = [0i16; TAGS];
            for (q, w) in q.iter_mut().zip(row) {
                *q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            q
        });
        let table: WeightMap = keys.into_iter().zip(rows).collect();
        Tagger {
            table,
            scale,
            trans,
            vocab,
            info,
        }
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len()).ok() != Some(MAGIC) {
            return Err(ModelError::Magic);
        }
        let (format, features, tags) = (r.u32()?, r.u32()?, r.u32()?);
        if (format, features, tags as usize) != (FORMAT, FEATURE_SET, TAGS) {
            return Err(ModelError::Version {
                format,
                features,
                tags,
            });
        }
        let info_len = r.u32()? as usize;
        let info = std::str::from_utf8(r.take(info_len)?)
            .map_err(|_| ModelError::Corrupt("the description is not UTF-8"))?
            .to_string();
        let words = r.u32()? as usize;
        let mut vocab = Vec::with_capacity(words.min(1 << 20));
        for _ in 0..words {
            let [bucket, len] = r.array()?;
            let word = std::str::from_utf8(r.take(usize::from(len))?)
                .map_err(|_| ModelError::Corrupt("a vocabulary word is not UTF-8"))?;
            vocab.push((word.to_string(), bucket));
        }
        let trans = (0..(TAGS + 1) * TAGS)
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        if r.0.len() != n * (8 + 2 * TAGS) {
            return Err(ModelError::Corrupt("the weight table has the wrong size"));
        }
        let keys_bytes = r.take(n * 8)?;
        let keys: Vec<u64> = keys_bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        if keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(ModelError::Corrupt("feature hashes are not in order"));
        }
        let rows = r.take(n * TAGS * 2)?.chunks_exact(2 * TAGS).map(|row| {
            let mut q = [0i16; TAGS];
            for (q, c) in q.iter_mut().zip(row.chunks_exact(2)) {
                *q = i16::from_le_bytes([c[0], c[1]]);
            }
            q
        });
        Ok(Tagger {
            table: keys.into_iter().zip(rows).collect(),
            scale,
            trans,
            vocab: Vocab::from_entries(vocab),
            info,
        })
    }

    /// The model file's bytes: the same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(u64, &[i16; TAGS])> = self.table.iter().map(|(&k, v)| (k, v)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        let mut out = Vec::with_capacity(64 + rows.len() * (8 + 2 * TAGS));
        out.extend_from_slice(MAGIC);
        for n in [FORMAT, FEATURE_SET, TAGS as u32, self.info.len() as u32] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(self.info.as_bytes());
        let words: Vec<(&str, u8)> = self
            .vocab
            .entries()
            .into_iter()
            .filter(|(w, _)| w.len() < 256)
            .collect();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (w, b) in words {
            out.extend_from_slice(&[b, w.len() as u8]);
            out.extend_from_slice(w.as_bytes());
        }
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (k, _) in &rows {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, row) in &rows {
            for q in row.iter() {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_the_round_trip_and_bad_files_are_refused() {
        let weights: Vec<f32> = (0..2 * TAGS).map(|i| i as f32 - 4.0).collect();
        let trans = vec![0.5; (TAGS + 1) * TAGS];
        let vocab = Vocab::from_entries([("قال".to_string(), 2)]);
        let t = Tagger::from_parts(vec![7, 3], weights, trans, vocab.clone(), "test".into());
        let bytes = t.to_bytes();
        let back = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(back.info, "test");
        assert_eq!(back.vocab, vocab);
        assert_eq!(back.to_bytes(), bytes);
        let w = |t: &Tagger, k: u64| f32::from(t.table[&k][2]) * t.scale;
        assert!((w(&back, 3) - (TAGS as f32 + 2.0 - 4.0)).abs() < 1e-3);
        assert!(matches!(
            Tagger::from_bytes(b"nope"),
            Err(ModelError::Magic)
        ));
        assert!(matches!(
            Tagger::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Corrupt(_))
        ));
        let mut other = bytes.clone();
        other[MAGIC.len() + 4] ^= 1;
        assert!(matches!(
            Tagger::from_bytes(&other),
            Err(ModelError::Version { .. })
        ));
    }
}
