//! The displayed text of one cluster, kept inline when short.
//!
//! Almost every cluster is a few bytes (a letter, perhaps shaped, perhaps
//! with a mark or two), so a heap `String` per cluster would cost more than
//! the rest of the layout. Text up to [`INLINE`] bytes lives in the value
//! itself; anything longer (long emoji sequences, say) goes on the heap.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Longest text, in bytes, stored without a heap allocation.
const INLINE: usize = 22;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<str>),
}

/// Immutable text of a [`VisualCluster`](super::VisualCluster). It
/// dereferences to `str` and compares equal to strings with the same
/// contents; `Debug` and `Display` print it as a `str`.
#[derive(Clone)]
pub struct ClusterText(Repr);

impl ClusterText {
    /// The text's UTF-8 bytes, without checking them again (what
    /// [`ClusterText::as_str`] does, for want of `unsafe`): for writing it
    /// out in bulk.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, buf } => &buf[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a whole `&str` (see `From<&str>`).
            Repr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..usize::from(*len)]).expect("inline text is UTF-8")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl ClusterText {
    /// The text of the single character `c`.
    #[inline]
    pub(crate) fn from_char(c: char) -> Self {
        let mut buf = [0; INLINE];
        let cp = c as u32;
        // UTF-8 by hand up to three bytes (ASCII, Arabic and Hebrew letters,
        // presentation forms).
        let len = if cp < 0x80 {
            buf[0] = cp as u8;
            1
        } else if cp < 0x800 {
            buf[0] = 0xC0 | (cp >> 6) as u8;
            buf[1] = 0x80 | (cp & 0x3F) as u8;
            2
        } else if cp < 0x10000 {
            buf[0] = 0xE0 | (cp >> 12) as u8;
            buf[1] = 0x80 | (cp >> 6 & 0x3F) as u8;
            buf[2] = 0x80 | (cp & 0x3F) as u8;
            3
        } else {
            c.encode_utf8(&mut buf).len() as u8
        };
        ClusterText(Repr::Inline { len, buf })
    }
}

impl From<&str> for ClusterText {
    #[inline]
    fn from(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut buf = [0; INLINE];
            let b = s.as_bytes();
            // Fixed-size copies for the usual one- to four-byte cluster, so
            // no `memcpy` call is made for them.
            match *b {
                [x] => buf[0] = x,
                [x, y] => buf[..2].copy_from_slice(&[x, y]),
                [x, y, z] => buf[..3].copy_from_slice(&[x, y, z]),
                [x, y, z, w] => buf[..4].copy_from_slice(&[x, y, z, w]),
                _ => buf[..b.len()].copy_from_slice(b),
            }
            // `s.len() <= INLINE < 256`.
            ClusterText(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            ClusterText(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for ClusterText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            ClusterText::from(s.as_str())
        } else {
            ClusterText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<ClusterText> for String {
    fn from(t: ClusterText) -> Self {
        t.as_str().to_string()
    }
}

impl Default for ClusterText {
    fn default() -> Self {
        ClusterText::from("")
    }
}

impl Deref for ClusterText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ClusterText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ClusterText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ClusterText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ClusterText {}

impl PartialEq<str> for ClusterText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ClusterText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ClusterText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Hash for ClusterText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ClusterText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ClusterText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_text_round_trip() {
        for s in [
            "",
            "a",
            "\u{7f}",
            "\u{80}",
            "\u{7ff}",
            "\u{800}",
            "\u{FEFB}",
            "\u{1F468}",
            "قّ",
            &"\u{1F468}\u{200D}".repeat(5),
        ] {
            let t = ClusterText::from(s);
            assert_eq!(t, s);
            assert_eq!(t.as_str(), s);
            assert_eq!(t.as_bytes(), s.as_bytes());
            assert_eq!(ClusterText::from(s.to_string()), t);
            assert_eq!(format!("{t:?}"), format!("{s:?}"));
            assert_eq!(String::from(t.clone()), s);
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                assert_eq!(ClusterText::from_char(c), t);
            }
        }
        assert!(std::mem::size_of::<ClusterText>() <= 24);
    }
}
