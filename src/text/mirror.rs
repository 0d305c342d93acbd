//! Bidi mirroring (rule L4): characters such as brackets and guillemets are
//! shown as their mirror image when they sit in a right-to-left run.
//!
//! Whether a unit has anything to mirror is known from the property table
//! when the unit is built (`Unit::mirrors`), so only those units come here.

use unicode_bidi_mirroring::get_mirrored;

use super::ClusterText;

/// The mirror glyph of `c`, or `c` itself when it has none.
pub fn mirror_char(c: char) -> char {
    get_mirrored(c).unwrap_or(c)
}

/// `text` with every mirrorable character replaced by its mirror glyph.
pub(crate) fn mirror_text(text: &str) -> ClusterText {
    ClusterText::from(text.chars().map(mirror_char).collect::<String>())
}
