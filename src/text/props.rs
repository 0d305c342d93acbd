//! One lookup for everything the layout asks of a character.
//!
//! The layout needs, for every character, its bidi class (`unicode-bidi`),
//! Arabic joining type and presentation-form row (the generated
//! `arabic_tables`), line break class (`unicode-linebreak`), width in cells
//! (`unicode-width`), whether it is a "simple" grapheme (see `graphemes`),
//! whether it has a mirror glyph (`unicode-bidi-mirroring`), whether it is
//! a paired bracket (`unicode-bidi`) and its unit kind. Looking each up in its own crate costs a binary search or a trie
//! walk per property per character, several times over.
//!
//! [`Props::compute`] packs all of them into one `u32` from those crates and
//! tables; nothing is typed in by hand. [`props`] answers from a two-stage
//! table over the Basic Multilingual Plane whose 256-character blocks are
//! filled from [`Props::compute`] the first time a character of the block is
//! looked up, and computes other planes' characters directly. A unit test
//! checks every code point against the crates.

use std::sync::OnceLock;

use unicode_bidi::{bidi_class, BidiClass, BidiDataSource, HardcodedBidiData};
use unicode_bidi_mirroring::get_mirrored;
use unicode_linebreak::break_property;
use unicode_width::UnicodeWidthStr;

use super::controls::control_picture;
use super::graphemes::is_simple;
use super::shape::{form_row, joining_type, joins_left, joins_right, Joining};
use super::units::{single_kind, Kind};

/// Every bidi class, in declaration order (`class as u8` is its index).
/// Padded to 32 entries so that a 5-bit index needs no bounds check.
const CLASSES: [BidiClass; 32] = {
    use BidiClass::*;
    [
        AL, AN, B, BN, CS, EN, ES, ET, FSI, L, LRE, LRI, LRO, NSM, ON, PDF, PDI, R, RLE, RLI, RLO,
        S, WS, ON, ON, ON, ON, ON, ON, ON, ON, ON,
    ]
};

const KINDS: [Kind; 4] = [Kind::Text, Kind::Space, Kind::Format, Kind::Newline];

// Bit fields of a `Props` value; the bidi class is in the low 5 bits.
const LB_SHIFT: u32 = 8; // 6 bits
const WIDTH_SHIFT: u32 = 14; // 2 bits
const KIND_SHIFT: u32 = 16; // 2 bits
const SIMPLE: u32 = 1 << 18;
const MIRRORS: u32 = 1 << 19;
/// Displayed as itself: neither a tab nor a control character.
const PLAIN: u32 = 1 << 20;
const FORM_SHIFT: u32 = 21; // 7 bits
const NO_FORM: u32 = 0x7F;
const JOINS_LEFT_BIT: u32 = 28;
const JOINS_LEFT: u32 = 1 << JOINS_LEFT_BIT;
const JOINS_RIGHT: u32 = 1 << (JOINS_LEFT_BIT + 1);
const TRANSPARENT: u32 = 1 << 30;
/// Has a paired bracket (Bidi_Paired_Bracket_Type Open or Close).
const BRACKET: u32 = 1 << 31;

/// The packed properties of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Props(u32);

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u32 {
    all.iter().position(|y| y == x).unwrap_or(0) as u32
}

impl Props {
    /// The properties of `c`, from the crates and generated tables.
    pub(crate) fn compute(c: char) -> Props {
        let mut buf = [0u8; 4];
        let width = (*c.encode_utf8(&mut buf)).width().min(3) as u32;
        let form = form_row(c).map_or(NO_FORM, |r| r as u32);
        let joining = joining_type(c);
        let mut bits = bidi_class(c) as u32
            | (break_property(c as u32) as u32) << LB_SHIFT
            | width << WIDTH_SHIFT
            | index_of(&KINDS, &single_kind(c)) << KIND_SHIFT
            | form << FORM_SHIFT;
        if is_simple(c) {
            bits |= SIMPLE;
        }
        if joins_left(joining) {
            bits |= JOINS_LEFT;
        }
        if joins_right(joining) {
            bits |= JOINS_RIGHT;
        }
        if joining == Joining::T {
            bits |= TRANSPARENT;
        }
        if HardcodedBidiData.bidi_matched_opening_bracket(c).is_some() {
            bits |= BRACKET;
        }
        if get_mirrored(c).is_some() {
            bits |= MIRRORS;
        }
        if c != '\t' && control_picture(c).is_none() {
            bits |= PLAIN;
        }
        Props(bits)
    }

    #[inline]
    pub(crate) fn bidi(self) -> BidiClass {
        CLASSES[(self.0 & 31) as usize]
    }

    /// Joins the character after it in logical order at a level of
    /// direction `rtl`: with its left side when right-to-left, else with its
    /// right side (see `shape::joins_next`).
    #[inline]
    pub(crate) fn joins_after(self, rtl: bool) -> bool {
        self.0 >> (JOINS_LEFT_BIT + u32::from(!rtl)) & 1 != 0
    }

    /// Joins the character before it in logical order at a level of
    /// direction `rtl` (see [`Props::joins_after`]).
    #[inline]
    pub(crate) fn joins_before(self, rtl: bool) -> bool {
        self.0 >> (JOINS_LEFT_BIT + u32::from(rtl)) & 1 != 0
    }

    /// A paired bracket (BidiBrackets.txt).
    #[inline]
    pub(crate) fn bracket(self) -> bool {
        self.0 & BRACKET != 0
    }

    /// Skipped when shaping looks for neighbours (joining type T).
    #[inline]
    pub(crate) fn transparent(self) -> bool {
        self.0 & TRANSPARENT != 0
    }

    /// The line break class, as `unicode_linebreak::BreakClass as u8`.
    #[inline]
    pub(crate) fn break_class(self) -> u8 {
        (self.0 >> LB_SHIFT & 63) as u8
    }

    /// Width in cells of the character alone as a string (at most 3).
    #[inline]
    pub(crate) fn width(self) -> usize {
        (self.0 >> WIDTH_SHIFT & 3) as usize
    }

    /// The kind of a unit made of this character alone.
    #[inline]
    pub(crate) fn kind(self) -> Kind {
        KINDS[(self.0 >> KIND_SHIFT & 3) as usize]
    }

    /// Grapheme_Cluster_Break=Other and not Extended_Pictographic, as far as
    /// [`is_simple`] knows.
    #[inline]
    pub(crate) fn simple(self) -> bool {
        self.0 & SIMPLE != 0
    }

    /// Has a mirror glyph (rule L4).
    #[inline]
    pub(crate) fn mirrors(self) -> bool {
        self.0 & MIRRORS != 0
    }

    /// Displayed as itself (not a tab, no control picture).
    #[inline]
    pub(crate) fn plain(self) -> bool {
        self.0 & PLAIN != 0
    }

    /// Row of the presentation-form table, if the character is a letter
    /// (joining type R, L or D) that has one.
    #[inline]
    pub(crate) fn form_row(self) -> Option<usize> {
        let r = self.0 >> FORM_SHIFT & NO_FORM;
        (r != NO_FORM).then_some(r as usize)
    }
}

const BLOCKS: usize = 0x100;
type Block = [Props; 0x100];

fn block(hi: usize) -> &'static Block {
    static TABLE: [OnceLock<Box<Block>>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
    TABLE[hi].get_or_init(|| {
        let mut b = Box::new([Props(0); 0x100]);
        for (lo, p) in b.iter_mut().enumerate() {
            let cp = (hi << 8 | lo) as u32;
            // Surrogates are not characters; nothing looks them up.
            *p = char::from_u32(cp).map_or(Props(0), Props::compute);
        }
        b
    })
}

/// The properties of `c`: [`Props::compute`], from the table when `c` is in
/// the Basic Multilingual Plane.
#[inline]
pub(crate) fn props(c: char) -> Props {
    let cp = c as usize;
    if cp < BLOCKS << 8 {
        block(cp >> 8)[cp & 0xFF]
    } else {
        Props::compute(c)
    }
}

/// The table's blocks for Latin-1 and Arabic, fetched once so that a pass
/// over a paragraph looks their characters up with a plain index.
#[derive(Clone, Copy)]
pub(crate) struct Table {
    latin: &'static Block,
    arabic: &'static Block,
}

impl Table {
    pub(crate) fn get() -> Table {
        Table {
            latin: block(0x00),
            arabic: block(0x06),
        }
    }

    /// Same as [`props`].
    #[inline]
    pub(crate) fn props(self, c: char) -> Props {
        let cp = c as usize;
        if cp < 0x100 {
            self.latin[cp]
        } else if cp >> 8 == 0x06 {
            self.arabic[cp & 0xFF]
        } else {
            props(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::shape::{joining_type, joins_left, joins_right};

    #[test]
    fn class_order_is_the_declaration_order() {
        for (i, c) in CLASSES.iter().take(23).enumerate() {
            assert_eq!(*c as usize, i);
        }
    }

    /// Every code point: the table agrees with the crates and the generated
    /// Arabic tables, field by field.
    #[test]
    fn every_code_point_agrees_with_the_crates() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let p = props(c);
            let cp = c as u32;
            assert_eq!(p, Props::compute(c), "U+{cp:04X}");
            assert_eq!(p.bidi(), bidi_class(c), "U+{cp:04X}");
            let j = joining_type(c);
            assert_eq!(p.joins_before(true), joins_right(j), "U+{cp:04X}");
            assert_eq!(p.joins_after(true), joins_left(j), "U+{cp:04X}");
            assert_eq!(p.joins_before(false), joins_left(j), "U+{cp:04X}");
            assert_eq!(p.joins_after(false), joins_right(j), "U+{cp:04X}");
            assert_eq!(p.transparent(), j == Joining::T, "U+{cp:04X}");
            assert_eq!(p.break_class(), break_property(cp) as u8, "U+{cp:04X}");
            assert_eq!(p.width(), c.to_string().width().min(3), "U+{cp:04X}");
            assert_eq!(p.kind(), single_kind(c), "U+{cp:04X}");
            assert_eq!(p.simple(), is_simple(c), "U+{cp:04X}");
            assert_eq!(p.mirrors(), get_mirrored(c).is_some(), "U+{cp:04X}");
            assert_eq!(Table::get().props(c), p, "U+{cp:04X}");
            let bracket = HardcodedBidiData.bidi_matched_opening_bracket(c);
            assert_eq!(p.bracket(), bracket.is_some(), "U+{cp:04X}");
            assert_eq!(p.plain(), c != '\t' && control_picture(c).is_none());
            let letter = matches!(j, Joining::R | Joining::L | Joining::D);
            let row = crate::text::arabic_tables::FORMS
                .binary_search_by_key(&cp, |r| r.0)
                .ok()
                .filter(|_| letter);
            assert_eq!(p.form_row(), row, "U+{cp:04X}");
        }
    }
}
