//! Whether a term's first token occurs in a field's normalised text, found
//! without normalising the whole field when the token holds a letter that
//! only comes from itself ([`has_single_source`]): the field must then hold
//! that letter's bytes, and only the whitespace-separated pieces around
//! them need normalising (normalisation keeps whitespace and makes none, so
//! a normalised text is its normalised pieces joined by the same spaces).

use super::query::Term;
use crate::text::normalize::{has_single_source, normalize_into};
use memchr::memmem::Finder;

/// Arabic letters from most to least frequent in running text; the later a
/// letter, the better an anchor it makes.
const BY_FREQUENCY: &str = "الیيمونرتبعهةدسفكقحجشصطخضزثذغظ";

/// The letter of `needle` to look for in the original text: one with a
/// single source, the rarest such.
pub(crate) fn anchor_of(needle: &str) -> Option<Finder<'static>> {
    let rank = |c: char| BY_FREQUENCY.chars().position(|f| f == c).unwrap_or(0);
    let c = needle
        .chars()
        .filter(|&c| has_single_source(c))
        .max_by_key(|&c| rank(c))?;
    Some(Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
}

/// A field being searched: its text, and its normalised form once some term
/// without an anchor has needed it.
pub(crate) struct Field<'a> {
    text: &'a str,
    normalized: Option<String>,
}

impl<'a> Field<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Field {
            text,
            normalized: None,
        }
    }

    /// True when `term`'s pre-filter needle occurs in the normalised field;
    /// `scratch` is a buffer to reuse.
    pub(crate) fn holds(&mut self, term: &Term, scratch: &mut String) -> bool {
        let Some(anchor) = &term.anchor else {
            let text = self.text;
            let normalized = self.normalized.get_or_insert_with(|| {
                let mut n = String::with_capacity(text.len());
                normalize_into(text, &mut n, None);
                n
            });
            return term.first.find(normalized.as_bytes()).is_some();
        };
        let text = self.text;
        let needle = term.first.needle();
        let mut checked_to = 0;
        for at in anchor.find_iter(text.as_bytes()) {
            if at < checked_to {
                continue;
            }
            let (start, end) = piece_around(text, at);
            checked_to = end;
            scratch.clear();
            normalize_into(&text[start..end], scratch, None);
            // Pieces are short: a plain scan beats setting up a search.
            if scratch
                .as_bytes()
                .windows(needle.len())
                .any(|w| w == needle)
            {
                return true;
            }
        }
        false
    }
}

/// A piece of `text` around byte `at` that starts and ends at white space
/// (or the ends of the text). Only ASCII white space is looked for: a piece
/// that runs on past other white space is merely longer, and normalises to
/// the same text as it does inside the field, since it still starts after
/// white space.
fn piece_around(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = memchr::memrchr3(b' ', b'\n', b'\t', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr3(b' ', b'\n', b'\t', &bytes[at..]).map_or(text.len(), |i| at + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_at_ascii_white_space() {
        let text = "أ بزج\u{00A0}د\tهـ\nو";
        let at = text.find('ز').unwrap();
        let (s, e) = piece_around(text, at);
        assert_eq!(&text[s..e], "بزج\u{00A0}د");
        assert_eq!(piece_around("زر", 0), (0, 4));
    }
}
