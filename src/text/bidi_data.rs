//! Faster bidi class lookup for the characters news text is made of.
//!
//! `unicode-bidi` looks every character up by binary search in its built-in
//! table. This data source answers from small direct-indexed copies of that
//! same table for U+0000–U+08FF (Latin, Hebrew, Arabic) and U+2000–U+206F
//! (general punctuation, bidi controls), and falls back to the built-in
//! lookup for everything else, so results are identical.

use std::sync::OnceLock;

use unicode_bidi::{bidi_class, BidiClass, BidiDataSource, BidiInfo, Level};

const LOW_END: u32 = 0x0900;
const PUNCT: std::ops::Range<u32> = 0x2000..0x2070;

/// Direct-indexed copies of the built-in class table for the common ranges.
pub(crate) struct Tables {
    low: Vec<BidiClass>,
    punct: Vec<BidiClass>,
}

impl Tables {
    /// The bidi class of `c`, identical to `unicode_bidi::bidi_class`.
    #[inline]
    pub(crate) fn class(&self, c: char) -> BidiClass {
        let cp = c as u32;
        if cp < LOW_END {
            self.low[cp as usize]
        } else if PUNCT.contains(&cp) {
            self.punct[(cp - PUNCT.start) as usize]
        } else {
            bidi_class(c)
        }
    }
}

/// The tables, built on first use. Callers looking up many characters
/// should fetch them once and use [`Tables::class`].
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let class = |cp: u32| char::from_u32(cp).map_or(BidiClass::L, bidi_class);
        Tables {
            low: (0..LOW_END).map(class).collect(),
            punct: PUNCT.map(class).collect(),
        }
    })
}

/// Bidi data source with direct-indexed tables for common ranges.
pub(crate) struct FastBidiData;

impl BidiDataSource for FastBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        tables().class(c)
    }
}

/// Resolves the embedding levels of `text` (rules P2–I2).
pub(crate) fn bidi_info(text: &str, level: Option<Level>) -> BidiInfo<'_> {
    BidiInfo::new_with_data_source(&FastBidiData, text, level)
}
