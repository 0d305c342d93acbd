//! Arabic contextual shaping into presentation forms.
//!
//! Shaping works on the paragraph in logical order, before reordering. Each
//! letter's joining type (from ArabicShaping.txt) says on which sides it can
//! connect; transparent characters (harakat and other marks) are skipped when
//! looking for neighbours, and joining never crosses a change of embedding
//! level. Lam directly followed by alef becomes one ligature glyph, which is
//! what FriBidi and most terminal fonts expect.

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

fn search_joining(cp: u32) -> Joining {
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

/// What shaping does to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subst {
    /// Display this presentation form instead.
    Form(char),
    /// This lam is absorbed into the ligature shown for the next character.
    LigatureLam,
}

const LAM: char = '\u{0644}';

fn joins_right(j: Joining) -> bool {
    matches!(j, Joining::R | Joining::D | Joining::C)
}

fn joins_left(j: Joining) -> bool {
    matches!(j, Joining::L | Joining::D | Joining::C)
}

/// Quick test for characters that may need shaping work at all.
fn maybe_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF | 0x10EC0..=0x10EFF)
        || c == '\u{200D}'
}

/// Index of the presentation-form row for `c`, if it has one.
fn forms_of(c: char) -> Option<&'static (u32, u32, u32, u32, u32)> {
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        let row = ARABIC_BLOCK[(cp - 0x0600) as usize].1;
        return (row != NO_ROW).then(|| &FORMS[usize::from(row)]);
    }
    FORMS
        .binary_search_by_key(&cp, |row| row.0)
        .ok()
        .map(|i| &FORMS[i])
}

/// A non-transparent character: byte offset, character, joining type and
/// embedding level.
type Solid = (usize, char, Joining, Level);

/// Shapes `text` (whose per-byte embedding levels are `levels`) and returns
/// the substitutions as `(byte offset, substitution)` pairs in logical order.
/// Characters not listed are displayed unchanged.
pub(crate) fn shape(text: &str, levels: &[Level]) -> Vec<(usize, Subst)> {
    if !text.chars().any(maybe_arabic) {
        return Vec::new();
    }
    // Arabic letters take two bytes each: enough room without regrowing.
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    // A sliding window over the solid characters: each one's form depends
    // on its neighbours. `last` is the entry last pushed to `out`, with its
    // form (0 isolated, 1 final, 2 initial, 3 medial).
    let mut prev: Option<Solid> = None;
    let mut cur: Option<Solid> = None;
    let mut last: Option<(usize, char, usize, Level)> = None;
    let mut step = |next: Option<Solid>| {
        if let Some(c) = cur {
            if let Some(entry) = shape_one(prev, c, next) {
                if !ligate(last, entry, &mut out) {
                    out.push((entry.0, Subst::Form(entry.3)));
                }
                last = Some((entry.0, entry.1, entry.2, c.3));
            }
        }
        prev = cur;
        cur = next;
    };
    for (i, c) in text.char_indices() {
        let j = joining_type(c);
        if j != Joining::T {
            let level = levels.get(i).copied().unwrap_or_else(Level::ltr);
            step(Some((i, c, j, level)));
        }
    }
    step(None);
    out
}

/// The form of `cur` between its solid neighbours, as (byte offset,
/// character, form number, presentation form); `None` when it has none.
fn shape_one(
    prev: Option<Solid>,
    (pos, c, j, level): Solid,
    next: Option<Solid>,
) -> Option<(usize, char, usize, char)> {
    if !matches!(j, Joining::R | Joining::L | Joining::D) {
        return None;
    }
    let row = forms_of(c)?;
    let jp = joins_right(j) && prev.is_some_and(|p| p.3 == level && joins_left(p.2));
    let jn = joins_left(j) && next.is_some_and(|n| n.3 == level && joins_right(n.2));
    let (form, cp) = match (jp, jn) {
        (false, false) => (0, row.1),
        (true, false) => (1, row.2),
        (false, true) => (2, row.3),
        (true, true) => (3, row.4),
    };
    char::from_u32(cp)
        .filter(|_| cp != 0)
        .map(|shaped| (pos, c, form, shaped))
}

/// Replaces lam (initial or medial, the entry `last` just pushed to `out`,
/// with its level) directly followed by a final alef with the lam-alef
/// ligature, when both sit at the same right-to-left level. Returns whether
/// the alef's entry was pushed.
fn ligate(
    last: Option<(usize, char, usize, Level)>,
    (alef_pos, alef, alef_form, _): (usize, char, usize, char),
    out: &mut Vec<(usize, Subst)>,
) -> bool {
    let Some((lam_pos, LAM, lam_form @ (2 | 3), level)) = last else {
        return false;
    };
    // A joining lam has the level of the next solid character, the alef.
    if !level.is_rtl() {
        return false;
    }
    if alef_pos != lam_pos + LAM.len_utf8() || alef_form != 1 {
        return false;
    }
    let Ok(row) = LAM_ALEF.binary_search_by_key(&(alef as u32), |r| r.0) else {
        return false;
    };
    let cp = if lam_form == 2 {
        LAM_ALEF[row].1
    } else {
        LAM_ALEF[row].2
    };
    let Some(lig) = char::from_u32(cp) else {
        return false;
    };
    match out.last_mut() {
        Some(entry) if entry.0 == lam_pos => entry.1 = Subst::LigatureLam,
        _ => return false,
    }
    out.push((alef_pos, Subst::Form(lig)));
    true
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
