//! How common a word is in general Arabic (`assets/word_freq_ar.txt`, built
//! by `examples/build_word_freq.rs` from the `wordfreq` package's data, CC
//! BY-SA 4.0). The tagger's training text is 125k words, so most words it
//! meets were never in it; general frequency still tells it something about
//! them: a word common in all kinds of Arabic text is rarely a name, and a
//! form absent or rare is often a transliterated foreign one.

use super::Fnv;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../../assets/word_freq_ar.txt");

/// Normalised word → its Zipf value × 10 (log10 of occurrences per billion
/// words, in tenths), found by the word's 64-bit hash ([`WordFreq::key`],
/// the hash the tagger's features compute anyway). The table is one array
/// of 32-bit slots, open addressing: 25 bits of the hash to tell words
/// apart and 7 bits of value, 1 MB for the 187k forms, so a look-up touches
/// one cache line and never the word's text (a look-up for a word not in
/// the table is taken for another about once in 30 million).
#[derive(Debug, Clone, Default)]
pub struct WordFreq {
    slots: Vec<u32>,
    len: usize,
}

/// Where a key starts probing, and its 25-bit check (never 0: 0 is empty).
fn split(key: u64, mask: usize) -> (usize, u32) {
    let mixed = (key ^ (key >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let check = ((mixed >> 39) as u32).max(1);
    ((mixed as usize) & mask, check)
}

/// A line of the frequency file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error(
    "word frequencies, line {line}: expected «ZIPF<tab>word word …» with ZIPF between 0 and 9.9"
)]
pub struct BadLine {
    pub line: usize,
}

impl WordFreq {
    /// Reads the file format: `#` comments, then lines of a Zipf value with
    /// one decimal, a tab, and the words at that value separated by spaces.
    pub fn parse(text: &str) -> Result<WordFreq, BadLine> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = BadLine { line: n + 1 };
            let (value, words) = line.split_once('\t').ok_or(BadLine { line: n + 1 })?;
            let tenths = value
                .parse::<f32>()
                .ok()
                .filter(|z| (0.0..10.0).contains(z))
                .ok_or(bad)?;
            let tenths = (tenths * 10.0).round() as u8;
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                entries.push((WordFreq::key(w), tenths));
            }
        }
        // At most 3/4 full, so probes stay short.
        let size = (entries.len() * 4 / 3 + 1).next_power_of_two();
        let mut t = WordFreq {
            slots: vec![0; size],
            len: 0,
        };
        for (key, tenths) in entries {
            t.insert(key, tenths);
        }
        Ok(t)
    }

    /// Adds a word's value unless the word is there already (the first
    /// value wins).
    fn insert(&mut self, key: u64, tenths: u8) {
        let mask = self.slots.len() - 1;
        let (mut at, check) = split(key, mask);
        loop {
            match self.slots[at] {
                0 => {
                    self.slots[at] = check << 7 | u32::from(tenths.min(127));
                    self.len += 1;
                    return;
                }
                s if s >> 7 == check => return,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The table sahifa ships, read once.
    pub fn builtin() -> &'static WordFreq {
        static CELL: OnceLock<WordFreq> = OnceLock::new();
        // The file is part of the build and a test reads it whole, so a
        // bad line cannot ship; should one, the tagger merely loses a cue.
        CELL.get_or_init(|| WordFreq::parse(BUILTIN).unwrap_or_default())
    }

    /// The hash a word is looked up by.
    pub fn key(word: &str) -> u64 {
        Fnv::new(0).str(word).finish()
    }

    /// Zipf × 10 of a normalised word, `None` when it is not in the table.
    pub fn zipf(&self, word: &str) -> Option<u8> {
        self.zipf_of(WordFreq::key(word))
    }

    /// [`WordFreq::zipf`] by the word's [`WordFreq::key`].
    pub fn zipf_of(&self, key: u64) -> Option<u8> {
        let mask = self.slots.len().checked_sub(1)?;
        let (mut at, check) = split(key, mask);
        loop {
            match self.slots[at] {
                0 => return None,
                s if s >> 7 == check => return Some((s & 127) as u8),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// A coarse class: 0 absent, 1 below Zipf 2, 2 for 2–3, 3 for 3–4,
    /// 4 for 4–5, 5 above 5.
    pub fn class(&self, word: &str) -> u8 {
        WordFreq::class_of(self.zipf(word))
    }

    /// [`WordFreq::class`] of a Zipf value looked up already.
    pub fn class_of(zipf: Option<u8>) -> u8 {
        match zipf {
            None => 0,
            Some(z) => (z / 10).clamp(1, 5),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_reads_whole_and_knows_common_words() {
        let t = WordFreq::parse(BUILTIN).expect("assets/word_freq_ar.txt parses");
        assert!(t.len() > 100_000, "{}", t.len());
        // Common words are common, normalised (ة → ه, أ → ا).
        assert!(t.zipf("في").is_some_and(|z| z >= 60));
        assert!(t.class("الحكومه") >= 4);
        assert!(t.class("ان") >= 5);
        assert_eq!(t.zipf("الحكومة"), None, "keys are normalised");
        assert_eq!(t.class("زززززز"), 0);
    }

    #[test]
    fn every_word_is_found_with_its_value_and_no_other_is() {
        let mut text = String::from("# many words\n");
        for z in 20..60 {
            text.push_str(&format!("{}.{}\t", z / 10, z % 10));
            let words: Vec<String> = (0..500).map(|i| format!("w{z}x{i}")).collect();
            text.push_str(&words.join(" "));
            text.push('\n');
        }
        text.push_str("2.0\tw20x0\n"); // a repeat: the first value stays
        let t = WordFreq::parse(&text).unwrap_or_default();
        assert_eq!(t.len(), 40 * 500);
        for z in 20..60u8 {
            for i in 0..500 {
                assert_eq!(t.zipf(&format!("w{z}x{i}")), Some(z));
                assert_eq!(t.zipf(&format!("v{z}x{i}")), None);
            }
        }
        assert_eq!(WordFreq::default().zipf("w"), None);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        assert_eq!(
            WordFreq::parse("# c\n4.5\tا ب\n").map(|t| t.len()).ok(),
            Some(2)
        );
        for bad in ["# c\n4.5 ا\n", "# c\n\n12\tا\n", "x\tا\n"] {
            let e = WordFreq::parse(bad).err();
            assert!(e.is_some(), "{bad:?}");
        }
        assert_eq!(
            WordFreq::parse("1\tا\n2.5 ب\n").err().map(|e| e.line),
            Some(2)
        );
        let t = WordFreq::parse("3.0\tقال\n1.2\tزيد\n").unwrap_or_default();
        assert_eq!((t.class("قال"), t.class("زيد"), t.class("عمرو")), (3, 1, 0));
    }
}
