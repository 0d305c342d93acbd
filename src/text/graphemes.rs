//! Extended grapheme clusters with a fast path.
//!
//! Between two "simple" characters (ones whose grapheme break property is
//! Other and that are not Extended_Pictographic) there is always a cluster
//! boundary (rule GB999), so the unit builder makes such characters their own
//! clusters without asking `unicode-segmentation`. Everywhere else
//! [`first_cluster_len`] decides, restarted at the last known boundary. A
//! unit test checks every simple character against `unicode-segmentation`.

use unicode_segmentation::UnicodeSegmentation;

/// The definition of [`is_simple`] on code points.
const fn simple_cp(cp: u32) -> bool {
    matches!(cp,
        0x20..=0x7E
        | 0xA0..=0xA8 | 0xAA..=0xAC | 0xAF..=0xFF
        | 0x05D0..=0x05EA
        | 0x060C | 0x061B | 0x061F
        | 0x0621..=0x064A
        | 0x0660..=0x066F
        | 0x0671..=0x06D3
        | 0x2010..=0x2027
        | 0x2030..=0x203B | 0x203D..=0x2048 | 0x204A..=0x205E
    )
}

/// Code points below this are answered from a bitmap.
const TABLE_END: u32 = 0x800;

/// [`simple_cp`] for U+0000 up to [`TABLE_END`], one bit per code point.
static SIMPLE: [u64; (TABLE_END / 64) as usize] = {
    let mut t = [0u64; (TABLE_END / 64) as usize];
    let mut cp = 0;
    while cp < TABLE_END {
        if simple_cp(cp) {
            t[(cp / 64) as usize] |= 1 << (cp % 64);
        }
        cp += 1;
    }
    t
};

/// Characters known to have Grapheme_Cluster_Break=Other and no emoji
/// property: printable ASCII, Latin-1 letters and signs, Hebrew and Arabic
/// letters, digits and punctuation, and common general punctuation.
#[inline]
pub(crate) fn is_simple(c: char) -> bool {
    let cp = c as u32;
    if cp < TABLE_END {
        SIMPLE[(cp / 64) as usize] >> (cp % 64) & 1 != 0
    } else {
        simple_cp(cp)
    }
}

/// Length of the first extended grapheme cluster of `rest`, from
/// `unicode-segmentation`. Kept out of line so that the fast path of the
/// unit builder stays small.
#[cold]
#[inline(never)]
pub(crate) fn first_cluster_len(rest: &str) -> usize {
    rest.graphemes(true).next().map_or(rest.len(), str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Iterator over `(byte offset, cluster)` by the rule the unit builder
    /// applies: a simple character followed by a simple one (or nothing) is
    /// a cluster of its own; otherwise `first_cluster_len`.
    struct Graphemes<'a> {
        text: &'a str,
        pos: usize,
    }

    impl<'a> Graphemes<'a> {
        fn new(text: &'a str) -> Self {
            Graphemes { text, pos: 0 }
        }
    }

    impl<'a> Iterator for Graphemes<'a> {
        type Item = (usize, &'a str);

        fn next(&mut self) -> Option<Self::Item> {
            let rest = &self.text[self.pos..];
            let mut chars = rest.chars();
            let c = chars.next()?;
            let start = self.pos;
            let len = if is_simple(c) && chars.next().is_none_or(is_simple) {
                c.len_utf8()
            } else {
                first_cluster_len(rest)
            };
            self.pos += len;
            Some((start, &rest[..len]))
        }
    }

    #[test]
    fn simple_characters_really_are_simple() {
        let probes = [
            "a",
            "\u{627}",
            "\u{64e}",
            "\u{200d}",
            "\u{1f600}",
            "\u{1100}",
            "\u{1f1e6}",
            "\r",
            "\u{600}",
        ];
        for cp in 0..0x2100u32 {
            let Some(c) = char::from_u32(cp).filter(|&c| is_simple(c)) else {
                continue;
            };
            for p in probes {
                for s in [format!("{p}{c}"), format!("{c}{p}"), format!("{c}{c}")] {
                    let ours: Vec<_> = Graphemes::new(&s).collect();
                    let theirs: Vec<_> = s.grapheme_indices(true).collect();
                    assert_eq!(ours, theirs, "U+{cp:04X} with {p:?}");
                }
            }
            // GB999 holds on both sides: never joined to a simple neighbour.
            assert_eq!(format!("{c}a{c}").graphemes(true).count(), 3, "U+{cp:04X}");
        }
        for cp in 0..0x3000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(is_simple(c), simple_cp(cp), "U+{cp:04X}");
        }
    }
}
