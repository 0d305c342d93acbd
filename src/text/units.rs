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
    pub range: Range<usize>,
    pub text: String,
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

/// Characters known to take exactly one cell: printable ASCII, Hebrew and
/// Arabic letters and digits, and Arabic presentation forms.
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

/// Splits `text` into units. `levels` are the per-byte embedding levels;
/// `shape_arabic` turns on shaping; `keep_format` keeps bidi format
/// characters in the displayed text (for terminals that reorder themselves).
pub(crate) fn build_units(
    text: &str,
    levels: &[Level],
    shape_arabic: bool,
    keep_format: bool,
) -> Vec<Unit> {
    let substs = if shape_arabic {
        shape(text, levels)
    } else {
        Vec::new()
    };
    let mut next_subst = 0;
    let mut units: Vec<Unit> = Vec::with_capacity(text.len() / 2 + 1);
    let mut merge_next = false;
    for (start, g) in Graphemes::new(text) {
        let range = start..start + g.len();
        let kind = if is_newline(g) {
            Kind::Newline
        } else if g.chars().count() == 1 && g.chars().all(is_bidi_format) {
            Kind::Format
        } else if is_space(g) {
            Kind::Space
        } else {
            Kind::Text
        };
        let mut display = match kind {
            Kind::Text | Kind::Space => String::with_capacity(g.len()),
            _ => String::new(),
        };
        let mut lam_here = false;
        match kind {
            Kind::Newline => {}
            Kind::Format => {
                if keep_format {
                    display.push_str(g);
                }
            }
            Kind::Space | Kind::Text => {
                for (off, c) in g.char_indices() {
                    let pos = start + off;
                    while next_subst < substs.len() && substs[next_subst].0 < pos {
                        next_subst += 1;
                    }
                    let subst = substs.get(next_subst).filter(|s| s.0 == pos).map(|s| s.1);
                    match subst {
                        Some(Subst::Form(f)) => display.push(f),
                        Some(Subst::LigatureLam) => lam_here = true,
                        None if c == '\t' => display.push(' '),
                        None => display.push(control_picture(c).unwrap_or(c)),
                    }
                }
            }
        }
        let width = match kind {
            Kind::Newline | Kind::Format => 0,
            _ => cells(&display),
        };
        if merge_next {
            if let Some(prev) = units.last_mut() {
                prev.range.end = range.end;
                prev.text.push_str(&display);
                prev.width = prev.text.width();
                merge_next = false;
                continue;
            }
        }
        merge_next = lam_here;
        units.push(Unit {
            range,
            text: display,
            width,
            kind,
        });
    }
    units
}
