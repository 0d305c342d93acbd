//! Bidi mirroring (rule L4): characters such as brackets and guillemets are
//! shown as their mirror image when they sit in a right-to-left run.

use unicode_bidi_mirroring::get_mirrored;

use super::ClusterText;

/// The mirror glyph of `c`, or `c` itself when it has none.
pub fn mirror_char(c: char) -> char {
    get_mirrored(c).unwrap_or(c)
}

/// Whether `c` may have a mirror glyph; a cheap test that rules out
/// letters of the common scripts before the table lookup.
fn may_mirror(c: char) -> bool {
    match c as u32 {
        0..=0x7F => matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}'),
        0x0590..=0x08FF | 0xFE70..=0xFEFF => false,
        _ => get_mirrored(c).is_some(),
    }
}

/// `text` with every mirrorable character replaced by its mirror glyph.
pub(crate) fn mirror_text(text: &str) -> ClusterText {
    if !text.chars().any(may_mirror) {
        return ClusterText::from(text);
    }
    ClusterText::from(text.chars().map(mirror_char).collect::<String>())
}
