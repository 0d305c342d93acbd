//! Finding a term's anchor letter in a whole block of raw JSONL text at
//! once, where it may be part of the term: at each place of the letter, the
//! two bytes just after it and just before it are looked up in tables of
//! what may stand there ([`Companions`]), and only a place passing both is
//! checked as [`Anchor::fits`](super::probe::Anchor) checks it. A common
//! anchor letter (ك, س) occurs millions of times in a big file; the tables
//! turn away nearly all of those places for a few instructions each.

/// A set of two-byte keys.
struct Keys(Box<[u64; 1024]>);

impl Keys {
    fn none() -> Keys {
        Keys(Box::new([0; 1024]))
    }

    fn all() -> Keys {
        Keys(Box::new([u64::MAX; 1024]))
    }

    fn add(&mut self, first: u8, second: u8) {
        let k = usize::from(first) << 8 | usize::from(second);
        self.0[k >> 6] |= 1 << (k & 63);
    }

    fn has(&self, first: u8, second: u8) -> bool {
        let k = usize::from(first) << 8 | usize::from(second);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

impl std::fmt::Debug for Companions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Companions")
    }
}

/// The first two bytes of each character that may follow the anchor letter
/// in the original text of a match, and the last two of each that may
/// precede it (a one-byte character stands for every key it begins or ends).
pub(crate) struct Companions {
    before: Keys,
    after: Keys,
}

/// Every character that normalisation drops or folds into a character of
/// the Arabic block (U+0600–U+06FF) lies in these ranges; the unit test
/// below checks it against every code point.
const UNIVERSE: [(u32, u32); 3] = [(0, 0x07FF), (0x2000, 0x206F), (0xFB50, 0xFEFF)];

impl Companions {
    /// The tables for an anchor letter standing in the needle between each
    /// of `places` (the needle's characters before and after it, if any).
    /// Where such a character is not of the Arabic block, its side lets
    /// everything through.
    pub(crate) fn new(
        places: &[(Option<char>, Option<char>)],
        may_give: fn(char, char, bool) -> bool,
    ) -> Companions {
        let arabic = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
        let mut before = Keys::none();
        let mut after = Keys::none();
        let mut before_all = false;
        let mut after_all = false;
        for &(prev, next) in places {
            match prev {
                Some(want) if arabic(want) => add_side(&mut before, want, true, may_give),
                _ => before_all = true,
            }
            match next {
                Some(want) if arabic(want) => add_side(&mut after, want, false, may_give),
                _ => after_all = true,
            }
        }
        Companions {
            before: if before_all { Keys::all() } else { before },
            after: if after_all { Keys::all() } else { after },
        }
    }

    /// Whether the letter of `len` bytes at `at` in `bytes` may be part of
    /// a match, by the two bytes on either side (near the ends of `bytes`,
    /// where there are fewer, it may).
    #[inline]
    pub(crate) fn allow(&self, bytes: &[u8], at: usize, len: usize) -> bool {
        let after = at + len;
        let before_ok = at < 2 || self.before.has(bytes[at - 2], bytes[at - 1]);
        before_ok && (after + 2 > bytes.len() || self.after.has(bytes[after], bytes[after + 1]))
    }
}

/// Adds to `keys` the characters that may give `want` beside the anchor
/// (`end`: standing before it), by `may_give`.
fn add_side(keys: &mut Keys, want: char, end: bool, may_give: fn(char, char, bool) -> bool) {
    let chars = UNIVERSE
        .iter()
        .flat_map(|&(from, to)| (from..=to).filter_map(char::from_u32));
    for c in chars.filter(|&c| may_give(c, want, end)) {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        match (bytes.len(), end) {
            (1, false) => (0..=255).for_each(|b| keys.add(bytes[0], b)),
            (1, true) => (0..=255).for_each(|b| keys.add(b, bytes[0])),
            (_, false) => keys.add(bytes[0], bytes[1]),
            (n, true) => keys.add(bytes[n - 2], bytes[n - 1]),
        }
    }
}

/// Calls `f` with every place of the two-byte `letter` in `bytes`, in
/// order.
pub(crate) fn each_place(bytes: &[u8], letter: [u8; 2], mut f: impl FnMut(usize)) {
    let mut from = 0;
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present, as just checked.
        from = unsafe { places_avx2(bytes, letter, &mut f) };
    }
    let rest = &bytes[from..];
    for at in memchr::memmem::find_iter(rest, &letter) {
        f(from + at);
    }
}

/// The places of `letter` in `bytes` 32 at a time, up to the last 33
/// bytes; gives where it stopped (a place may start there or after).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn places_avx2(bytes: &[u8], letter: [u8; 2], f: &mut impl FnMut(usize)) -> usize {
    use std::arch::x86_64::*;
    let first = _mm256_set1_epi8(letter[0] as i8);
    let second = _mm256_set1_epi8(letter[1] as i8);
    let mut i = 0;
    while i + 33 <= bytes.len() {
        // SAFETY: i + 32 < bytes.len(), so both 32-byte loads are in bounds.
        let (a, b) = unsafe {
            let p = bytes.as_ptr().add(i);
            (
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(1).cast()),
            )
        };
        let both = _mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, second));
        let mut mask = _mm256_movemask_epi8(both) as u32;
        while mask != 0 {
            f(i + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        i += 32;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold_ends;

    /// Outside [`UNIVERSE`], no character is dropped by normalisation or
    /// begins or ends with a character of the Arabic block once folded, so
    /// none can stand beside an anchor letter in its place.
    #[test]
    fn the_universe_holds_every_possible_companion() {
        let inside = |u: u32| UNIVERSE.iter().any(|&(from, to)| (from..=to).contains(&u));
        let arabic = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
        for c in (0..=0x10FFFF)
            .filter(|&u| !inside(u))
            .filter_map(char::from_u32)
        {
            match fold_ends(c) {
                None => panic!("{c:?} is dropped"),
                Some((first, last)) => assert!(!arabic(first) && !arabic(last), "{c:?}"),
            }
        }
    }

    #[test]
    fn every_place_of_the_letter_is_found() {
        let letter = "ك".as_bytes();
        for n in 0..100 {
            let text = "ب".repeat(n % 23) + &"كتاب ".repeat(n) + "ك";
            let mut got = Vec::new();
            each_place(text.as_bytes(), [letter[0], letter[1]], |at| got.push(at));
            let want: Vec<usize> = text.match_indices('ك').map(|(at, _)| at).collect();
            assert_eq!(got, want, "{n}");
        }
    }
}
