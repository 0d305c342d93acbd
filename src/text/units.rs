//! Splitting a paragraph into display units in logical order.
//!
//! A unit is one extended grapheme cluster, except that a lam-alef ligature
//! joins the lam's cluster and the alef's cluster into one unit. Each unit
//! knows its logical byte range, the text to display (shaped, with
//! placeholders for control characters) and its width in cells.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_width::UnicodeWidthStr;

use super::controls::control_picture;
use super::graphemes::Graphemes;
use super::shape::{shape, Subst};

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
    /// Byte range of the displayed text in the paragraph's display buffer.
    pub shown: Range<usize>,
    pub width: usize,
    pub kind: Kind,
}

/// Bidi format characters, which rule X9 removes from display.
pub(crate) fn is_bidi_format(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_newline(g: &str) -> bool {
    matches!(g, "\n" | "\r\n" | "\u{2028}" | "\u{2029}")
}

fn is_space(g: &str) -> bool {
    g.chars()
        .all(|c| c == '\t' || (c.is_whitespace() && control_picture(c).is_none() && c != '\u{a0}'))
        && !g.is_empty()
        && !is_newline(g)
}

/// The kind of a cluster of the single character `c`: what the general
/// tests in [`build_units`] give for it, answered quickly for ASCII.
fn single_kind(c: char) -> Kind {
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

/// Width of displayed text in cells.
fn cells(display: &str) -> usize {
    let mut chars = display.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if narrow(c) => 1,
        _ => display.width(),
    }
}

/// Splits `text` into units, returning them with the display buffer their
/// `shown` ranges point into. `levels` are the per-byte embedding levels;
/// `shape_arabic` turns on shaping; `keep_format` keeps bidi format
/// characters in the displayed text (for terminals that reorder themselves).
pub(crate) fn build_units(
    text: &str,
    levels: &[Level],
    shape_arabic: bool,
    keep_format: bool,
) -> (Vec<Unit>, String) {
    let substs = if shape_arabic {
        shape(text, levels)
    } else {
        Vec::new()
    };
    let mut next_subst = 0;
    let mut units: Vec<Unit> = Vec::with_capacity(text.len() / 2 + 1);
    // Shaped Arabic letters grow from two bytes to three, control pictures
    // from one to three: twice the text is room enough almost always.
    let mut display = String::with_capacity(2 * text.len());
    let mut merge_next = false;
    for (start, g) in Graphemes::new(text) {
        let range = start..start + g.len();
        let mut chars = g.chars();
        let first = chars.next().unwrap_or_default();
        let kind = if chars.as_str().is_empty() {
            single_kind(first)
        } else if is_newline(g) {
            Kind::Newline
        } else if is_space(g) {
            Kind::Space
        } else {
            Kind::Text
        };
        let from = display.len();
        // Characters pushed to `display` for this cluster, and the last one.
        let mut shown = (0usize, '\0');
        let mut lam_here = false;
        match kind {
            Kind::Newline => {}
            Kind::Format => {
                if keep_format {
                    display.push_str(g);
                }
            }
            Kind::Space | Kind::Text => {
                let mut push = |d: char| {
                    display.push(d);
                    shown = (shown.0 + 1, d);
                };
                for (off, c) in g.char_indices() {
                    let pos = start + off;
                    while next_subst < substs.len() && substs[next_subst].0 < pos {
                        next_subst += 1;
                    }
                    let subst = substs.get(next_subst).filter(|s| s.0 == pos).map(|s| s.1);
                    match subst {
                        Some(Subst::Form(f)) => push(f),
                        Some(Subst::LigatureLam) => lam_here = true,
                        None if c == '\t' => push(' '),
                        None => push(control_picture(c).unwrap_or(c)),
                    }
                }
            }
        }
        let width = match kind {
            Kind::Newline | Kind::Format => 0,
            _ if shown.0 == 1 && narrow(shown.1) => 1,
            _ => cells(&display[from..]),
        };
        if merge_next {
            if let Some(prev) = units.last_mut() {
                // The lam's display is the tail of the buffer: extend it.
                prev.range.end = range.end;
                prev.shown.end = display.len();
                prev.width = display[prev.shown.clone()].width();
                merge_next = false;
                continue;
            }
        }
        merge_next = lam_here;
        units.push(Unit {
            range,
            shown: from..display.len(),
            width,
            kind,
        });
    }
    (units, display)
}
