//! Reading characters of a paragraph by byte offset, quickly for the one- and
//! two-byte characters (ASCII, Arabic, Hebrew) that news text is made of.

/// The character starting at byte `at` of `text`, which must be a character
/// boundary (or the end of the text, giving `None`).
#[inline(always)]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(at)?;
    if b0 < 0x80 {
        Some(char::from(b0))
    } else if b0 < 0xE0 {
        // A two-byte sequence of valid UTF-8: the lead byte's five bits and
        // the continuation byte's six.
        let b1 = *bytes.get(at + 1)?;
        char::from_u32(u32::from(b0 & 0x1F) << 6 | u32::from(b1 & 0x3F))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Iterator over `(byte offset, character)` like `str::char_indices`.
pub(crate) struct CharIndices<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> CharIndices<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharIndices { text, at: 0 }
    }
}

impl Iterator for CharIndices<'_> {
    type Item = (usize, char);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let at = self.at;
        let c = char_at(self.text, at)?;
        self.at += c.len_utf8();
        Some((at, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_char_indices() {
        let mut text: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        text.push_str("\u{FEFB}\u{10000}\u{1F468}\u{10FFFF}سلام");
        assert!(CharIndices::new(&text).eq(text.char_indices()));
        assert!(CharIndices::new("").eq("".char_indices()));
        for (i, c) in text.char_indices() {
            assert_eq!(char_at(&text, i), Some(c));
        }
        assert_eq!(char_at(&text, text.len()), None);
    }
}
