//! Bidi class lookup for `unicode-bidi` from the combined property table.
//!
//! `unicode-bidi` looks every character up by binary search in its built-in
//! table. This data source answers from [`props`], which holds that same
//! table's classes, so results are identical.

use unicode_bidi::{BidiClass, BidiDataSource, BidiInfo, Level};

use super::props::props;

/// Bidi data source backed by the combined property table.
pub(crate) struct FastBidiData;

impl BidiDataSource for FastBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        props(c).bidi()
    }
}

/// Resolves the embedding levels of `text` (rules P2–I2).
pub(crate) fn bidi_info(text: &str, level: Option<Level>) -> BidiInfo<'_> {
    BidiInfo::new_with_data_source(&FastBidiData, text, level)
}
