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
    /// The same tables cut down for a scan of 32 places at once: each
    /// side's allowed Arabic letters, when they are few ([`Letters`]).
    letters_before: Option<Letters>,
    letters_after: Option<Letters>,
}

/// The plain Arabic letters (U+0621–U+063A, U+0641–U+064A, the bulk of
/// running text) that a side of [`Companions`] allows, when there are at
/// most [`Letters::MAX`]: beside the anchor letter, any other plain letter
/// rules a place out, and every other character lets it through.
#[derive(Clone, Copy)]
struct Letters {
    pairs: [[u8; 2]; Letters::MAX],
    len: usize,
}

impl Letters {
    const MAX: usize = 4;

    fn of(keys: &Keys) -> Option<Letters> {
        let mut out = Letters {
            pairs: [[0; 2]; Letters::MAX],
            len: 0,
        };
        let plain = (0xA1..=0xBA)
            .map(|b| [0xD8, b])
            .chain((0x81..=0x8A).map(|b| [0xD9, b]));
        for pair in plain.filter(|p| keys.has(p[0], p[1])) {
            *out.pairs.get_mut(out.len)? = pair;
            out.len += 1;
        }
        Some(out)
    }
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
        let before = if before_all { Keys::all() } else { before };
        let after = if after_all { Keys::all() } else { after };
        Companions {
            letters_before: Letters::of(&before),
            letters_after: Letters::of(&after),
            before,
            after,
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

/// Calls `f`, in order, with every place of the two-byte `letter` in
/// `bytes` that [`Companions::allow`] may allow: places ruled out by a
/// plain letter beside them ([`Letters`]) are skipped 32 at a time, the
/// rest are for the caller to ask.
pub(crate) fn each_place(
    bytes: &[u8],
    letter: [u8; 2],
    companions: &Companions,
    mut f: impl FnMut(usize),
) {
    let mut from = 0;
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && bytes.len() >= 2 + 35 {
        for at in (0..2).filter(|&at| bytes[at..at + 2] == letter) {
            f(at);
        }
        let sides = (companions.letters_before, companions.letters_after);
        // SAFETY: AVX2 is present, as just checked.
        from = unsafe { places_avx2(bytes, letter, sides, &mut f) };
    }
    let rest = &bytes[from..];
    for at in memchr::memmem::find_iter(rest, &letter) {
        f(from + at);
    }
}

/// The places of `letter` in `bytes` from byte 2, 32 at a time, up to the
/// last 35 bytes, without those one side's [`Letters`] rule out; gives where
/// it stopped (a place may start there or after).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn places_avx2(
    bytes: &[u8],
    letter: [u8; 2],
    (before, after): (Option<Letters>, Option<Letters>),
    f: &mut impl FnMut(usize),
) -> usize {
    use std::arch::x86_64::*;
    let splat = |b: u8| _mm256_set1_epi8(b as i8);
    let (first, second) = (splat(letter[0]), splat(letter[1]));
    // Whether each pair (c[k], d[k]) may stand beside the letter.
    let may_stand = |c: __m256i, d: __m256i, letters: &Option<Letters>| {
        let Some(letters) = letters else {
            return _mm256_set1_epi8(-1);
        };
        let within = |x: __m256i, lo: u8, hi: u8| {
            let clamped = _mm256_min_epu8(_mm256_max_epu8(x, splat(lo)), splat(hi));
            _mm256_cmpeq_epi8(clamped, x)
        };
        let plain = _mm256_or_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(c, splat(0xD8)), within(d, 0xA1, 0xBA)),
            _mm256_and_si256(_mm256_cmpeq_epi8(c, splat(0xD9)), within(d, 0x81, 0x8A)),
        );
        let mut ok = _mm256_andnot_si256(plain, _mm256_set1_epi8(-1));
        for pair in &letters.pairs[..letters.len] {
            let same = _mm256_and_si256(
                _mm256_cmpeq_epi8(c, splat(pair[0])),
                _mm256_cmpeq_epi8(d, splat(pair[1])),
            );
            ok = _mm256_or_si256(ok, same);
        }
        ok
    };
    let mut i = 2;
    while i + 35 <= bytes.len() {
        // SAFETY: 2 <= i and i + 35 <= bytes.len(), so every 32-byte load
        // from i - 2 to i + 3 is in bounds.
        let load = |k: usize| unsafe { _mm256_loadu_si256(bytes.as_ptr().add(k).cast()) };
        let (a, b) = (load(i), load(i + 1));
        let found = _mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, second));
        let mut mask = _mm256_movemask_epi8(found) as u32;
        // One side is looked at (the one after, when it has letters): the
        // other would turn away few more places than it costs to look.
        if mask != 0 && (before.is_some() || after.is_some()) {
            let side = match after {
                Some(_) => may_stand(load(i + 2), load(i + 3), &after),
                None => may_stand(load(i - 2), load(i - 1), &before),
            };
            mask &= _mm256_movemask_epi8(side) as u32;
        }
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
        let any = Companions::new(&[(None, None)], |_, _, _| false);
        for n in 0..100 {
            let text = "ب".repeat(n % 23) + &"كتاب ".repeat(n) + "ك";
            let mut got = Vec::new();
            each_place(text.as_bytes(), [letter[0], letter[1]], &any, |at| {
                got.push(at)
            });
            let want: Vec<usize> = text.match_indices('ك').map(|(at, _)| at).collect();
            assert_eq!(got, want, "{n}");
        }
    }

    /// The places skipped 32 at a time are places the tables rule out:
    /// every place they allow is given, and most others are not.
    #[test]
    fn places_skipped_are_those_the_tables_rule_out() {
        let letter = "ك".as_bytes();
        let letter = [letter[0], letter[1]];
        // «ن» before the letter and «ت» or «ة» after it, or nothing
        // after it (the needle's end).
        let same = |c: char, want: char, _| c == want || (want == 'ت' && c == 'ة');
        let sides = [(Some('ن'), Some('ت')), (Some('ن'), None)];
        for (k, places) in [&sides[..1], &sides[..]].into_iter().enumerate() {
            let companions = Companions::new(places, same);
            let pieces = [
                "نكت",
                "نكة",
                "بكت",
                "نكب",
                "ن\u{064E}كت",
                "كت",
                " ك ",
                "نكـت",
                "A",
            ];
            let mut text = String::new();
            let mut seed = 7u32 + k as u32;
            while text.len() < 5000 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            let bytes = text.as_bytes();
            let mut got = Vec::new();
            each_place(bytes, letter, &companions, |at| got.push(at));
            let all: Vec<usize> = text.match_indices('ك').map(|(at, _)| at).collect();
            let allowed: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&at| companions.allow(bytes, at, 2))
                .collect();
            assert!(got.windows(2).all(|w| w[0] < w[1]));
            assert!(got.iter().all(|at| all.contains(at)));
            assert!(allowed.iter().all(|at| got.contains(at)), "{k}");
            // Away from the ends, no place given has a plain letter beside
            // it that the side looked at does not allow (the side after the
            // letter, unless any is allowed there, when the needle may end
            // there).
            let plain = |c: char| matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}');
            let ruled_out = |at: usize| {
                let prev = text[..at].chars().next_back().unwrap();
                let next = text[at + 2..].chars().next().unwrap();
                let other = |c: char, mine: &[char]| plain(c) && !mine.contains(&c);
                match k {
                    0 => other(next, &['ت', 'ة']),
                    _ => other(prev, &['ن']),
                }
            };
            let inner = |at: &&usize| **at >= 2 && **at + 35 <= bytes.len();
            assert!(got.iter().filter(inner).all(|&at| !ruled_out(at)), "{k}");
            let skipped = all
                .iter()
                .filter(inner)
                .filter(|&&at| ruled_out(at))
                .count();
            assert!(skipped > all.len() / 10, "{k}: {skipped} of {}", all.len());
        }
    }
}
