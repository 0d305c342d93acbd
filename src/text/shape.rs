//! Arabic contextual shaping into presentation forms.
//!
//! Shaping works on the paragraph in logical order, before reordering. Each
//! letter's joining type (from ArabicShaping.txt) says on which sides it can
//! connect (see [`Shaper`]).

use unicode_bidi::Level;

use super::arabic_tables::{FORMS, JOINING, LAM_ALEF};

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

/// Presentation-form row marking "none" in [`ARABIC_BLOCK`].
const NO_ROW: u8 = u8::MAX;

/// Joining type and presentation-form row (or [`NO_ROW`]) of each character
/// of the Arabic block (U+0600–U+06FF), computed from the generated tables
/// at compile time.
static ARABIC_BLOCK: [(Joining, u8); 256] = {
    let mut block = [(Joining::U, NO_ROW); 256];
    let mut k = 0;
    while k < 256 {
        let cp = 0x0600 + k as u32;
        let mut i = 0;
        while i < JOINING.len() {
            if JOINING[i].0 <= cp && cp <= JOINING[i].1 {
                block[k].0 = JOINING[i].2;
            }
            i += 1;
        }
        let mut r = 0;
        while r < FORMS.len() {
            if FORMS[r].0 == cp {
                block[k].1 = r as u8;
            }
            r += 1;
        }
        k += 1;
    }
    block
};

/// Joining type of `c`.
pub(crate) fn joining_type(c: char) -> Joining {
    let cp = c as u32;
    if cp < 0xAD {
        return Joining::U;
    }
    if (0x0600..0x0700).contains(&cp) {
        return ARABIC_BLOCK[(cp - 0x0600) as usize].0;
    }
    search_joining(cp)
}

pub(crate) fn search_joining(cp: u32) -> Joining {
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

/// Row of [`FORMS`] for `c`, if it has presentation forms.
pub(crate) fn form_row(c: char) -> Option<usize> {
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        let row = ARABIC_BLOCK[(cp - 0x0600) as usize].1;
        return (row != NO_ROW).then_some(usize::from(row));
    }
    FORMS.binary_search_by_key(&cp, |row| row.0).ok()
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

const LAM: char = '\u{0644}';

fn joins_right(j: Joining) -> bool {
    matches!(j, Joining::R | Joining::D | Joining::C)
}

fn joins_left(j: Joining) -> bool {
    matches!(j, Joining::L | Joining::D | Joining::C)
}

/// The next non-transparent character after the current one: its byte
/// offset, the character, joining type and embedding level.
pub(crate) type Solid = (usize, char, Joining, Level);

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
    /// Joining type and level of the last non-transparent character.
    prev: Option<(Joining, Level)>,
    /// A ligature to show for the alef at this byte offset.
    ligature: Option<(usize, char)>,
}

impl Shaper {
    pub(crate) fn new() -> Self {
        Shaper {
            prev: None,
            ligature: None,
        }
    }

    /// What to show for `c` (at byte `pos`, with joining type `j`,
    /// presentation-form row `row` and embedding level `level`). `next`
    /// finds the next non-transparent character; it is called only for
    /// letters with presentation forms.
    #[inline]
    pub(crate) fn shape(
        &mut self,
        (pos, c, j, level): Solid,
        row: Option<usize>,
        next: impl FnOnce() -> Option<Solid>,
    ) -> Shown {
        if j == Joining::T {
            return Shown::Same;
        }
        let prev = self.prev.replace((j, level));
        if let Some((at, lig)) = self.ligature.take() {
            if at == pos {
                return Shown::Form(lig);
            }
        }
        let Some(row) = row.filter(|_| matches!(j, Joining::R | Joining::L | Joining::D)) else {
            return Shown::Same;
        };
        let row = &FORMS[row];
        let jp = joins_right(j) && prev.is_some_and(|p| p.1 == level && joins_left(p.0));
        let next = if joins_left(j) { next() } else { None };
        let jn = next.is_some_and(|n| n.3 == level && joins_right(n.2));
        let cp = match (jp, jn) {
            (false, false) => row.1,
            (true, false) => row.2,
            (false, true) => row.3,
            (true, true) => row.4,
        };
        let Some(form) = char::from_u32(cp).filter(|_| cp != 0) else {
            return Shown::Same;
        };
        if c == LAM && jn && level.is_rtl() {
            if let Some(lig) = next.and_then(|n| ligature(pos, n, jp)) {
                self.ligature = Some((pos + LAM.len_utf8(), lig));
                return Shown::Absorbed;
            }
        }
        Shown::Form(form)
    }
}

/// The lam-alef ligature for a joining lam at byte `lam_pos` (joined on its
/// right side too when `medial`) whose next solid character is `next`: the
/// alef must follow directly. Such an alef always takes its final form.
fn ligature(lam_pos: usize, (pos, alef, ..): Solid, medial: bool) -> Option<char> {
    if pos != lam_pos + LAM.len_utf8() {
        return None;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_block_table_matches_the_generated_tables() {
        for cp in 0x0600u32..0x0700 {
            let (j, row) = ARABIC_BLOCK[(cp - 0x0600) as usize];
            assert_eq!(j, search_joining(cp), "U+{cp:04X}");
            let want = FORMS.binary_search_by_key(&cp, |r| r.0).ok();
            assert_eq!(
                (row != NO_ROW).then_some(usize::from(row)),
                want,
                "U+{cp:04X}"
            );
        }
    }
}
