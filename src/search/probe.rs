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

/// The whitespace-separated piece of `text` around byte `at`.
fn piece_around(text: &str, at: usize) -> (usize, usize) {
    let mut start = 0;
    for j in (0..at).rev() {
        if let Some(len) = space_at(text, j) {
            start = j + len;
            break;
        }
    }
    let mut end = text.len();
    let mut j = at;
    while j < text.len() {
        if space_at(text, j).is_some() {
            end = j;
            break;
        }
        j += 1;
    }
    (start, end)
}

/// The length of the whitespace character starting at byte `i`, if one
/// does. Only ASCII bytes and the lead bytes of the other white space
/// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) need a closer look.
fn space_at(text: &str, i: usize) -> Option<usize> {
    match text.as_bytes()[i] {
        b'\t'..=b'\r' | b' ' => Some(1),
        0xC2 | 0xE1..=0xE3 => {
            let c = text.get(i..)?.chars().next()?;
            c.is_whitespace().then(|| c.len_utf8())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_at_any_white_space() {
        let text = "أ\u{00A0}بزج\u{2003}د هـ\u{3000}و";
        let at = text.find('ز').unwrap();
        let (s, e) = piece_around(text, at);
        assert_eq!(&text[s..e], "بزج");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let lead = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            let candidate = matches!(lead, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
            assert!(!c.is_whitespace() || candidate, "U+{:04X}", c as u32);
        }
    }
}
