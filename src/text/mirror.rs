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
#[inline]
fn may_mirror(c: char) -> bool {
    match c as u32 {
        0..=0x7F => matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}'),
        0x0590..=0x08FF | 0xFE70..=0xFEFF => false,
        _ => get_mirrored(c).is_some(),
    }
}

/// Whether some character of `text` may mirror ([`may_mirror`]), answered
/// from the bytes for a lone Hebrew or Arabic letter (U+05C0–U+07FF) or
/// presentation form (U+FE80–U+FEFF), the usual right-to-left cluster.
#[inline]
fn any_may_mirror(text: &str) -> bool {
    match *text.as_bytes() {
        [0xD7..=0xDF, _] | [0xEF, 0xBA | 0xBB, _] => false,
        _ => text.chars().any(may_mirror),
    }
}

/// `text` with every mirrorable character replaced by its mirror glyph.
#[inline]
pub(crate) fn mirror_text(text: &str) -> ClusterText {
    if !any_may_mirror(text) {
        return ClusterText::from(text);
    }
    ClusterText::from(text.chars().map(mirror_char).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_test_agrees_with_the_character_test() {
        for cp in (0x0580..0x0800).chain(0xFE40..0xFF00) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = c.to_string();
            assert_eq!(any_may_mirror(&s), may_mirror(c), "U+{cp:04X}");
            assert_eq!(may_mirror(c), get_mirrored(c).is_some(), "U+{cp:04X}");
        }
    }
}
