//! Arabic contextual shaping into presentation forms.
//!
//! Shaping works on the paragraph in logical order, before reordering. Each
//! letter's joining type (from ArabicShaping.txt) says on which sides it can
//! connect (see [`Shaper`]).

use unicode_bidi::Level;

use super::arabic_tables::{FORMS, JOINING, LAM_ALEF};
use super::props::Props;

/// Joining type of a character (Unicode ArabicShaping.txt).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Joining {
    /// Joins on the right side only (with the preceding letter).
    R,
    /// Joins on the left side only (with the following letter).
    L,
    /// Joins on both sides.
    D,
    /// Causes joining (tatweel, ZWJ) but has no forms of its own.
    C,
    /// Does not join.
    U,
    /// Transparent: skipped when looking for neighbours.
    T,
}

/// Joining type of `c`.
pub(crate) fn joining_type(c: char) -> Joining {
    let cp = c as u32;
    match JOINING.binary_search_by(|&(first, last, _)| {
        if last < cp {
            std::cmp::Ordering::Less
        } else if first > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => JOINING[i].2,
        Err(_) => Joining::U,
    }
}

/// Row of [`FORMS`] for `c`, if it is a letter (joining type R, L or D)
/// with presentation forms.
pub(crate) fn form_row(c: char) -> Option<usize> {
    if !matches!(joining_type(c), Joining::R | Joining::L | Joining::D) {
        return None;
    }
    FORMS.binary_search_by_key(&(c as u32), |row| row.0).ok()
}

/// What shaping shows for one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The character itself.
    Same,
    /// This presentation form (or lam-alef ligature) instead.
    Form(char),
    /// Nothing: this lam is part of the ligature shown for the next
    /// character.
    Absorbed,
}

/// [`FORMS`] as characters, indexed by row and then by form: isolated,
/// final (joined on the right), initial (joined on the left), medial.
/// Padded to 128 rows so that a seven-bit row needs no bounds check.
static FORM_CHARS: [[Option<char>; 4]; 128] = {
    const fn form(cp: u32) -> Option<char> {
        if cp == 0 {
            None
        } else {
            char::from_u32(cp)
        }
    }
    let mut t = [[None; 4]; 128];
    let mut r = 0;
    while r < FORMS.len() {
        let row = FORMS[r];
        t[r] = [form(row.1), form(row.2), form(row.3), form(row.4)];
        r += 1;
    }
    t
};

const LAM: char = '\u{0644}';

/// Whether a character of joining type `j` joins the one before it.
pub(crate) fn joins_right(j: Joining) -> bool {
    matches!(j, Joining::R | Joining::D | Joining::C)
}

/// Whether a character of joining type `j` joins the one after it.
pub(crate) fn joins_left(j: Joining) -> bool {
    matches!(j, Joining::L | Joining::D | Joining::C)
}

/// Contextual shaping in one pass over a paragraph in logical order.
///
/// Every character of the paragraph is handed to [`Shaper::shape`] in turn.
/// A letter's form depends on the nearest non-transparent characters on
/// either side (transparent ones, harakat and other marks, are skipped), and
/// joining never crosses a change of embedding level. A lam in initial or
/// medial form directly followed by an alef at a right-to-left level becomes
/// one lam-alef ligature glyph, shown for the alef, which is what FriBidi and
/// most terminal fonts expect.
pub(crate) struct Shaper {
    /// Level of the last non-transparent character, if it joins the next
    /// one (see [`joins_next`]).
    prev_left: Option<Level>,
    /// A ligature to show for the alef at this byte offset.
    ligature: Option<(usize, char)>,
}

impl Shaper {
    pub(crate) fn new() -> Self {
        Shaper {
            prev_left: None,
            ligature: None,
        }
    }

    /// Something visible that joins nothing stands here (a placeholder for
    /// a control): the next letter does not join the one before.
    pub(crate) fn interrupt(&mut self) {
        self.prev_left = None;
    }

    /// What to show for `c` at byte `pos`, with properties `p`, embedding
    /// level `level`, followed directly by `after`. `next(rtl)` gives the
    /// level of the next non-transparent character if that one joins the
    /// character before it (see [`joins_previous`]); it is called only for
    /// letters that may join it.
    #[inline(always)]
    pub(crate) fn shape(
        &mut self,
        (pos, c, p): (usize, char, Props),
        level: Level,
        after: Option<char>,
        next: impl FnOnce(bool) -> Option<Level>,
    ) -> Shown {
        if p.transparent() {
            return Shown::Same;
        }
        // Two copies, each with the direction fixed: this runs for every
        // letter, and almost every one is right-to-left.
        if level.is_rtl() {
            self.shape_at::<true>((pos, c, p), level, after, next)
        } else {
            self.shape_at::<false>((pos, c, p), level, after, next)
        }
    }

    /// [`Shaper::shape`] for a character that is not transparent, at a
    /// level of direction `RTL`.
    #[inline(always)]
    fn shape_at<const RTL: bool>(
        &mut self,
        (pos, c, p): (usize, char, Props),
        level: Level,
        after: Option<char>,
        next: impl FnOnce(bool) -> Option<Level>,
    ) -> Shown {
        let prev_left = std::mem::replace(&mut self.prev_left, joins_next(p, RTL).then_some(level));
        if let Some((at, lig)) = self.ligature {
            self.ligature = None;
            if at == pos {
                return Shown::Form(lig);
            }
        }
        let Some(row) = p.form_row() else {
            return Shown::Same;
        };
        let jp = joins_previous(p, RTL) && prev_left == Some(level);
        let jn = joins_next(p, RTL) && next(RTL) == Some(level);
        // At a left-to-right level (only an override puts Arabic letters
        // there) the letter before is displayed on the left.
        let (right, left) = if RTL { (jp, jn) } else { (jn, jp) };
        let Some(form) = FORM_CHARS[row & 127][usize::from(right) | usize::from(left) << 1] else {
            return Shown::Same;
        };
        if RTL && jn && c == LAM {
            if let Some(lig) = after.and_then(|alef| ligature(alef, jp)) {
                self.ligature = Some((pos + LAM.len_utf8(), lig));
                return Shown::Absorbed;
            }
        }
        Shown::Form(form)
    }
}

/// Whether a character with properties `p` can join the character before it
/// in logical order. Joining types name the sides of the glyph, and at a
/// left-to-right level the character before is on the left: the sides are
/// then swapped, as in FriBidi.
#[inline]
pub(crate) fn joins_previous(p: Props, rtl: bool) -> bool {
    p.joins_before(rtl)
}

/// Whether a character with properties `p` can join the character after it
/// in logical order (see [`joins_previous`]).
#[inline]
pub(crate) fn joins_next(p: Props, rtl: bool) -> bool {
    p.joins_after(rtl)
}

/// The lam-alef ligature for a joining lam (joined on its right side too
/// when `medial`) directly followed by `alef`, if it is an alef. Such an
/// alef always takes its final form.
fn ligature(alef: char, medial: bool) -> Option<char> {
    let row = LAM_ALEF
        .binary_search_by_key(&(alef as u32), |r| r.0)
        .ok()?;
    let cp = if medial {
        LAM_ALEF[row].2
    } else {
        LAM_ALEF[row].1
    };
    char::from_u32(cp)
}
