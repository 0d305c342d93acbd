//! Splitting a paragraph into display units in logical order.
//!
//! A unit is one extended grapheme cluster, except that a lam-alef ligature
//! joins the lam's cluster and the alef's cluster into one unit. Each unit
//! knows its logical byte range, the text to display (shaped, with
//! placeholders for control characters) and its width in cells. The units
//! of a paragraph are built by `unit_builder`.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::cluster_text::ClusterText;
use super::controls::control_picture;
use super::props::{Props, Table};
use super::utf8;

/// What role a unit plays in line breaking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Ordinary visible text.
    Text,
    /// Breaking whitespace (space, tab): may hang or be hidden at a wrap.
    Space,
    /// A bidi format character: zero width, shown as nothing.
    Format,
    /// A line or paragraph separator: forces a break and is never drawn.
    Newline,
}

/// One display unit in logical order.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// Logical byte range in the paragraph.
    pub range: Range<usize>,
    /// The displayed text (shaped, with placeholders), before mirroring.
    pub text: ClusterText,
    pub width: usize,
    /// Index of the unit's first character among the paragraph's.
    pub ci: u32,
    pub kind: Kind,
    /// Whether some displayed character has a mirror glyph.
    pub mirrors: bool,
    /// The displayed text ends in a ZWJ or ZWNJ (moved to its front in a
    /// right-to-left run, see `visual`).
    pub joiner_tail: bool,
}

/// Bidi format characters, which rule X9 removes from display.
pub(crate) fn is_bidi_format(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// ZWNJ and ZWJ, which only steer shaping (and emoji sequences).
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

pub(crate) fn is_newline(g: &str) -> bool {
    matches!(g, "\n" | "\r\n" | "\u{2028}" | "\u{2029}")
}

pub(crate) fn is_space(g: &str) -> bool {
    g.chars()
        .all(|c| c == '\t' || (c.is_whitespace() && control_picture(c).is_none() && c != '\u{a0}'))
        && !g.is_empty()
        && !is_newline(g)
}

/// The kind of a cluster of the single character `c`: what the general
/// tests of the unit builder give for it, answered quickly for ASCII.
pub(crate) fn single_kind(c: char) -> Kind {
    match c {
        ' ' | '\t' => Kind::Space,
        '\n' | '\u{2028}' | '\u{2029}' => Kind::Newline,
        _ if c.is_ascii() => Kind::Text,
        // Hebrew and Arabic letters and digits, presentation forms.
        _ if narrow(c) => Kind::Text,
        _ if is_bidi_format(c) => Kind::Format,
        _ if c.is_whitespace() && control_picture(c).is_none() && c != '\u{a0}' => Kind::Space,
        _ => Kind::Text,
    }
}

/// Characters known to take exactly one cell: printable ASCII, Hebrew and
/// Arabic letters and digits, and Arabic presentation forms.
#[inline]
fn narrow(c: char) -> bool {
    matches!(c as u32, 0x20..=0x7E | 0x05D0..=0x05EA | 0x0621..=0x064A | 0x0660..=0x0669 | 0xFE70..=0xFEFC)
}

/// What a cluster's characters display as, gathered while building a unit.
pub(crate) struct Shown {
    /// The displayed characters, when more than one.
    text: String,
    /// The first displayed character.
    pub first: Option<char>,
    /// Whether some displayed character has a mirror glyph.
    pub mirrors: bool,
}

impl Shown {
    pub(crate) fn new() -> Self {
        Shown {
            text: String::new(),
            first: None,
            mirrors: false,
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, d: char, p: Props) {
        self.mirrors |= p.mirrors();
        match self.first {
            None => self.first = Some(d),
            Some(f) => {
                if self.text.is_empty() {
                    self.text.push(f);
                }
                self.text.push(d);
            }
        }
    }

    /// The text and its width in cells.
    pub(crate) fn finish(self, first_width: usize) -> (ClusterText, usize) {
        match self.first {
            None => (ClusterText::default(), 0),
            Some(f) if self.text.is_empty() => (ClusterText::from_char(f), first_width),
            Some(_) => {
                let w = self.text.width();
                (ClusterText::from(self.text), w)
            }
        }
    }
}

/// The character starting at byte `at` of `text` and its properties.
#[inline]
pub(crate) fn char_at(table: Table, text: &str, at: usize) -> Option<(char, Props)> {
    let c = utf8::char_at(text, at)?;
    Some((c, table.props(c)))
}

/// Width of every presentation form and lam-alef ligature shaping shows
/// (none of them has a mirror glyph); checked by a unit test.
pub(crate) const FORM_WIDTH: usize = 1;

/// How `c` is displayed when shaping leaves it alone.
#[inline]
pub(crate) fn plain_display(c: char, p: Props) -> char {
    if p.plain() {
        c
    } else if c == '\t' {
        ' '
    } else {
        control_picture(c).unwrap_or(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic_tables::{FORMS, LAM_ALEF};
    use crate::text::props::props;

    #[test]
    fn every_shaped_form_is_one_cell_and_unmirrored() {
        let forms = FORMS.iter().flat_map(|r| [r.1, r.2, r.3, r.4]);
        let ligatures = LAM_ALEF.iter().flat_map(|r| [r.1, r.2]);
        for cp in forms.chain(ligatures).filter(|&cp| cp != 0) {
            let c = char::from_u32(cp).expect("a character");
            assert_eq!(props(c).width(), FORM_WIDTH, "U+{cp:04X}");
            assert!(!props(c).mirrors(), "U+{cp:04X}");
            assert!(props(c).plain(), "U+{cp:04X}");
        }
    }
}
