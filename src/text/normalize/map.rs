//! Where the bytes of a normalised text came from, kept as runs rather than
//! one offset per byte: normalisation copies most of a text unchanged, or
//! replaces a character by one of the same length (أ → ا, ة → ه), so the
//! offset only shifts where a character is dropped or changes length.

use std::ops::Range;

/// Result of [`normalize_with_map`](super::normalize_with_map): the
/// normalised text plus an offset map back into the original string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text (same as [`normalize`](super::normalize) would
    /// return).
    pub text: String,
    pub(super) runs: Runs,
    /// The original's length in bytes.
    pub(super) source_len: u32,
}

/// The runs of a normalised text, by the output byte where each starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Runs(Vec<Run>);

/// Output bytes from `out` up to the next run's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    out: u32,
    src: u32,
    /// All of them come from the one character at `src` (a character that
    /// changed length, such as a lam-alef ligature). Otherwise each
    /// character of the run stands where its source does, `src - out`
    /// bytes further on in the original.
    whole: bool,
}

fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Runs {
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }

    /// Output from byte `out` on comes, character for character and in
    /// the same lengths, from the original at `src`.
    pub(super) fn aligned(&mut self, out: usize, src: usize) {
        let (out, src) = (offset(out), offset(src));
        if let Some(last) = self.0.last() {
            if !last.whole && last.src.wrapping_sub(last.out) == src.wrapping_sub(out) {
                return;
            }
        }
        self.0.push(Run {
            out,
            src,
            whole: false,
        });
    }

    /// Output from byte `out` on (up to the next run) all comes from the
    /// character at `src`.
    pub(super) fn whole(&mut self, out: usize, src: usize) {
        self.0.push(Run {
            out: offset(out),
            src: offset(src),
            whole: true,
        });
    }

    /// The original offset of the character that produced byte `i` of
    /// `text` (`i < text.len()`).
    fn source_of(&self, text: &str, i: usize) -> usize {
        let k = self.0.partition_point(|r| r.out as usize <= i);
        let Some(run) = k.checked_sub(1).and_then(|k| self.0.get(k)) else {
            return 0;
        };
        if run.whole {
            return run.src as usize;
        }
        // The start of the character holding byte `i`: runs start on
        // character boundaries.
        let bytes = text.as_bytes();
        let mut c = i;
        while c > run.out as usize && bytes[c] & 0xC0 == 0x80 {
            c -= 1;
        }
        run.src as usize + (c - run.out as usize)
    }
}

impl Normalized {
    /// The original offset of the character that produced normalised byte
    /// `i`; the original's length for `i` = the text's length.
    fn at(&self, i: usize) -> usize {
        match i.cmp(&self.text.len()) {
            std::cmp::Ordering::Less => self.runs.source_of(&self.text, i),
            std::cmp::Ordering::Equal => self.source_len as usize,
            std::cmp::Ordering::Greater => 0,
        }
    }

    /// Maps a byte range of [`Normalized::text`] back to the byte range of
    /// the original string. Dropped marks inside the range, and those that
    /// follow its last character (e.g. shadda/damma on the final letter), are
    /// included. Out-of-bounds input is clamped; the result always lies on
    /// character boundaries of the original.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let end = r.end.min(len);
        let start = r.start.min(end);
        if start == end {
            let s = self.at(start);
            return s..s;
        }
        // Extend to the end of the source char that produced byte `end - 1`
        // (a char may expand to several output bytes/chars).
        let last_src = self.at(end - 1);
        let mut j = end;
        while j < len && self.at(j) == last_src {
            j += 1;
        }
        self.at(start)..self.at(j)
    }

    /// The original offset of every output byte, then the original's
    /// length: the map as a plain list, to check the runs against.
    #[cfg(test)]
    pub(super) fn byte_map(&self) -> Vec<u32> {
        (0..=self.text.len()).map(|i| offset(self.at(i))).collect()
    }
}
