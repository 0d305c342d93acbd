//! How common a word is in general Arabic (`assets/word_freq_ar.txt`, built
//! by `examples/build_word_freq.rs` from the `wordfreq` package's data, CC
//! BY-SA 4.0). The tagger's training text is 125k words, so most words it
//! meets were never in it; general frequency still tells it something about
//! them: a word common in all kinds of Arabic text is rarely a name, and a
//! form absent or rare is often a transliterated foreign one.

use std::collections::HashMap;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../../assets/word_freq_ar.txt");

/// Normalised word → its Zipf value × 10 (log10 of occurrences per billion
/// words, in tenths).
#[derive(Debug, Clone, Default)]
pub struct WordFreq {
    zipf: HashMap<&'static str, u8, foldhash::fast::FixedState>,
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
    pub fn parse(text: &'static str) -> Result<WordFreq, BadLine> {
        let mut zipf = HashMap::default();
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
                zipf.entry(w).or_insert(tenths);
            }
        }
        Ok(WordFreq { zipf })
    }

    /// The table sahifa ships, read once.
    pub fn builtin() -> &'static WordFreq {
        static CELL: OnceLock<WordFreq> = OnceLock::new();
        // The file is part of the build and a test reads it whole, so a
        // bad line cannot ship; should one, the tagger merely loses a cue.
        CELL.get_or_init(|| WordFreq::parse(BUILTIN).unwrap_or_default())
    }

    /// Zipf × 10 of a normalised word, `None` when it is not in the table.
    pub fn zipf(&self, word: &str) -> Option<u8> {
        self.zipf.get(word).copied()
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
        self.zipf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.zipf.is_empty()
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
