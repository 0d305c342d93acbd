//! Whether a term's first token occurs in a field's normalised text, found
//! without normalising the whole field when the token holds a letter that
//! only comes from itself ([`has_single_source`]): the field must then hold
//! that letter's bytes, and only the whitespace-separated pieces around
//! them need normalising (normalisation keeps whitespace and makes none, so
//! a normalised text is its normalised pieces joined by the same spaces).

use super::anchor_scan::{each_place, Companions};
use super::matcher::{for_each_match, FieldWords};
use super::query::Term;
use crate::text::normalize::{
    fold_ends, has_single_source, normalize_into, normalize_with_map_into, Normalized,
};
use memchr::memmem::Finder;
use std::ops::Range;

/// Arabic letters from most to least frequent in running text; the later a
/// letter, the better an anchor it makes.
const BY_FREQUENCY: &str = "الیيمونرتبعهةدسفكقحجشصطخضزثذغظ";

/// A letter of a term's needle to look for in the original text, and what
/// must stand beside it there for the needle to be able to occur.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    finder: Finder<'static>,
    /// The letter's length in bytes.
    len: usize,
    /// Each place of the letter in the needle.
    places: Vec<Place>,
    /// What may stand beside the letter, as bytes (for whole blocks).
    companions: std::sync::Arc<Companions>,
    /// The letter's bytes (a letter of the Arabic block takes two).
    letter: [u8; 2],
}

/// The needle's characters just before and after one place of the anchor
/// letter (none at its ends), and which characters of the Arabic block may
/// stand there in the original.
#[derive(Debug, Clone)]
struct Place {
    prev: Option<char>,
    next: Option<char>,
    before: [bool; 256],
    after: [bool; 256],
}

/// The character beside an anchor letter in the original text.
#[derive(Clone, Copy)]
enum Beside {
    /// The text ends there.
    Edge,
    Ascii(u8),
    /// A character of U+0600–U+06FF, by its offset in the block.
    Arabic(usize),
    Other(char),
}

impl Beside {
    fn before(text: &str, at: usize) -> Beside {
        let bytes = text.as_bytes();
        match at.checked_sub(1).map(|i| bytes[i]) {
            None => Beside::Edge,
            Some(b) if b < 0x80 => Beside::Ascii(b),
            Some(b) if at >= 2 && (0xD8..=0xDB).contains(&bytes[at - 2]) => {
                Beside::Arabic(usize::from(bytes[at - 2] - 0xD8) << 6 | usize::from(b & 0x3F))
            }
            Some(_) => text[..at]
                .chars()
                .next_back()
                .map_or(Beside::Edge, Beside::Other),
        }
    }

    fn after(text: &str, at: usize) -> Beside {
        let bytes = text.as_bytes();
        match bytes.get(at) {
            None => Beside::Edge,
            Some(&b) if b < 0x80 => Beside::Ascii(b),
            Some(&b) if (0xD8..=0xDB).contains(&b) && at + 1 < bytes.len() => {
                Beside::Arabic(usize::from(b - 0xD8) << 6 | usize::from(bytes[at + 1] & 0x3F))
            }
            Some(_) => text[at..]
                .chars()
                .next()
                .map_or(Beside::Edge, Beside::Other),
        }
    }
}

/// Can `raw`, standing before (`end`) or after the anchor letter in the
/// original, give `want` next to it in the normalised text? A character
/// that normalisation drops might hide anything, so it is let through.
fn may_give(raw: char, want: char, end: bool) -> bool {
    match fold_ends(raw) {
        None => true,
        Some((_, last)) if end => want == last,
        // A hamza above after it would make a و or ي into ؤ or ئ.
        Some((first, _)) => want == first || matches!((first, want), ('و', 'ؤ') | ('ي', 'ئ')),
    }
}

impl Place {
    fn new(prev: Option<char>, next: Option<char>) -> Place {
        let table = |want: Option<char>, end: bool| {
            let mut table = [true; 256];
            if let Some(want) = want {
                for (k, ok) in table.iter_mut().enumerate() {
                    let raw = char::from_u32(0x600 + k as u32);
                    *ok = raw.is_some_and(|raw| may_give(raw, want, end));
                }
            }
            table
        };
        Place {
            prev,
            next,
            before: table(prev, true),
            after: table(next, false),
        }
    }

    fn allows(&self, beside: Beside, end: bool) -> bool {
        let (want, table) = match end {
            true => (self.prev, &self.before),
            false => (self.next, &self.after),
        };
        let Some(want) = want else { return true };
        match beside {
            Beside::Edge => false,
            Beside::Ascii(b) => want == char::from(b.to_ascii_lowercase()),
            Beside::Arabic(k) => table[k],
            Beside::Other(c) => may_give(c, want, end),
        }
    }
}

impl Anchor {
    /// The letter of `needle` with a single source, the rarest such.
    pub(crate) fn of(needle: &str) -> Option<Anchor> {
        let rank = |c: char| BY_FREQUENCY.chars().position(|f| f == c).unwrap_or(0);
        let c = needle
            .chars()
            .filter(|&c| has_single_source(c) && c.len_utf8() == 2)
            .max_by_key(|&c| rank(c))?;
        let chars: Vec<char> = needle.chars().collect();
        let beside: Vec<(Option<char>, Option<char>)> = (0..chars.len())
            .filter(|&i| chars[i] == c)
            .map(|i| {
                (
                    i.checked_sub(1).map(|p| chars[p]),
                    chars.get(i + 1).copied(),
                )
            })
            .collect();
        let places = beside
            .iter()
            .map(|&(prev, next)| Place::new(prev, next))
            .collect();
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let letter = [bytes[0], bytes[1]];
        Some(Anchor {
            finder: super::byte_rank::finder(c.encode_utf8(&mut [0; 4]).as_bytes()),
            len: c.len_utf8(),
            places,
            companions: std::sync::Arc::new(Companions::new(&beside, may_give)),
            letter,
        })
    }

    /// Calls `f` with every byte place in `text` (a whole block of lines,
    /// say) where the letter fits (see [`Anchor::fits`]), in order.
    fn each_fitting(&self, text: &str, mut f: impl FnMut(usize)) {
        let bytes = text.as_bytes();
        each_place(bytes, self.letter, &self.companions, |at| {
            if self.companions.allow(bytes, at, self.len) && self.fits(text, at) {
                f(at);
            }
        });
    }

    /// Can the letter found at byte `at` of `text` be part of the needle,
    /// judging by the characters on either side?
    fn fits(&self, text: &str, at: usize) -> bool {
        let before = Beside::before(text, at);
        let after = Beside::after(text, at + self.len);
        self.places
            .iter()
            .any(|p| p.allows(before, true) && p.allows(after, false))
    }
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
                normalize_into(text, &mut n);
                n
            });
            return term.first.find(normalized.as_bytes()).is_some();
        };
        let text = self.text;
        let needle = term.first.needle();
        for (start, end) in pieces_at(text, anchor) {
            scratch.clear();
            normalize_into(&text[start..end], scratch);
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

/// Calls `f` with the start of every piece of `text` (a whole block of
/// lines, say) that holds `term`'s needle, in order, when `term` has an
/// anchor: a field or line of `text` holds the needle ([`Field::holds`])
/// exactly when such a piece lies in it, since pieces end at line ends.
/// Returns `false` (calling nothing) for a term without an anchor.
pub(crate) fn each_holding_piece(text: &str, term: &Term, mut f: impl FnMut(usize)) -> bool {
    let Some(anchor) = &term.anchor else {
        return false;
    };
    let needle = term.first.needle();
    let mut scratch = String::new();
    let mut checked_to = 0;
    anchor.each_fitting(text, |at| {
        if at < checked_to {
            return;
        }
        let (start, end) = piece_around(text, at);
        checked_to = end;
        scratch.clear();
        normalize_into(&text[start..end], &mut scratch);
        if scratch
            .as_bytes()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            f(start);
        }
    });
    true
}

impl Field<'_> {
    /// Calls `emit` with the original byte range of every match of `term`
    /// in the field (in no particular order) until it returns `false`,
    /// when `term` is one token with an anchor: every match then lies in a
    /// piece around a fitting anchor, and a word never runs past a piece,
    /// so each such piece is normalised (into `piece`) and searched alone.
    /// Returns `false` when the term is not of that kind.
    pub(crate) fn matches(
        &self,
        term: &Term,
        piece: &mut Normalized,
        emit: &mut impl FnMut(Range<usize>) -> bool,
    ) -> bool {
        let Some(anchor) = term.anchor.as_ref().filter(|_| term.tokens.len() == 1) else {
            return false;
        };
        let text = self.text;
        let needle = term.first.needle();
        for (start, end) in pieces_at(text, anchor) {
            normalize_with_map_into(&text[start..end], piece);
            if !piece
                .text
                .as_bytes()
                .windows(needle.len())
                .any(|w| w == needle)
            {
                continue;
            }
            let mut more = true;
            for_each_match(&FieldWords(&piece.text), term, |r| {
                let r = piece.original_range(r);
                more = emit(start + r.start..start + r.end);
                more
            });
            if !more {
                break;
            }
        }
        true
    }
}

/// The pieces of `text` (see [`piece_around`]) around each place where
/// `anchor` fits (as [`Anchor::each_fitting`] finds them in a block), each
/// piece once, in order.
fn pieces_at<'t>(text: &'t str, anchor: &'t Anchor) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut checked_to = 0;
    let bytes = text.as_bytes();
    anchor.finder.find_iter(bytes).filter_map(move |at| {
        // The bytes beside the letter turn most places away before
        // the characters are read.
        let fits = anchor.companions.allow(bytes, at, anchor.len) && anchor.fits(text, at);
        if at < checked_to || !fits {
            return None;
        }
        let (start, end) = piece_around(text, at);
        checked_to = end;
        Some((start, end))
    })
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            // Beside this file, not in a proptest-regressions/ at the top.
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The probe says a field holds a term's needle exactly when its
        /// normalised text does, whatever stands around the anchor.
        #[test]
        fn holds_exactly_when_the_normalised_text_does(
            text in "(ب|س|ر|و|ي|ى|ی|ئ|ؤ|ا|أ|ل|ك|ک|ي\u{0654}|و\u{0654}|\u{0654}|\u{064E}|\u{0640}|\u{FEFB}|\u{200C}| |\n|A|a){0,24}",
            query in "(ب|س|ر|و|ي|ى|ئ|ؤ|ا|أ|ل|ك|ک){1,4}",
            from in 0usize..24,
            len in 1usize..6,
        ) {
            // A random query, and one cut from the text.
            let cut: String = text.chars().skip(from).take(len).collect();
            for query in [query, cut] {
                let terms = super::super::query::parse_terms(&query);
                let Some(term) = terms.positive.first() else { continue };
                let needle = std::str::from_utf8(term.first.needle()).unwrap();
                let want = crate::text::normalize::normalize(&text).contains(needle);
                let mut scratch = String::new();
                let got = Field::new(&text).holds(term, &mut scratch);
                proptest::prop_assert_eq!(got, want, "{:?} in {:?}", query, text);
            }
        }
    }

    #[test]
    fn a_letter_is_an_anchor_only_beside_what_the_needle_has() {
        let anchor = Anchor::of("روسيا").unwrap();
        let at = |t: &str| t.find('س').unwrap();
        for (text, fits) in [
            ("روسيا", true),
            ("رو\u{064E}سيا", true),
            ("روسى", true),
            ("رسم", false),
            ("وس", false),
            ("س", false),
        ] {
            assert_eq!(anchor.fits(text, at(text)), fits, "{text}");
        }
        let anchor = Anchor::of("بئر").unwrap();
        assert!(anchor.fits("بي\u{0654}ر", 0));
        assert!(!anchor.fits("بور", 0));
    }

    #[test]
    fn pieces_end_at_ascii_white_space() {
        let text = "أ بزج\u{00A0}د\tهـ\nو";
        let at = text.find('ز').unwrap();
        let (s, e) = piece_around(text, at);
        assert_eq!(&text[s..e], "بزج\u{00A0}د");
        assert_eq!(piece_around("زر", 0), (0, 4));
    }
}
