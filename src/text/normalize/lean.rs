//! The fast implementation of [`normalize_into`](super::normalize_into):
//! runs of unchanged bytes are copied at once, and the Arabic block is folded
//! through a table built from [`fold`](super::fold), so the folds are still
//! defined in one place.

use super::map::Runs;
use super::{fold, recompose_hamza, Fold};
use std::sync::OnceLock;

/// What a character of the Arabic block U+0600–U+06FF becomes.
#[derive(Clone, Copy)]
enum Act {
    Keep,
    Drop,
    /// U+0654 hamza above: dropped, recomposing a preceding و/ي.
    Hamza,
    /// Replaced by another character.
    Put(char),
    /// Anything else: folded by the general path.
    Other,
}

/// The action for each of the 256 characters U+0600–U+06FF, indexed by
/// `(lead byte - 0xD8) << 6 | (continuation byte & 0x3F)`.
fn arabic_table() -> &'static [Act; 256] {
    static TABLE: OnceLock<[Act; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [Act::Keep; 256];
        for (k, act) in table.iter_mut().enumerate() {
            let Some(c) = char::from_u32(0x600 + k as u32) else {
                continue;
            };
            *act = match fold(c) {
                Fold::Drop if c == '\u{0654}' => Act::Hamza,
                Fold::Drop => Act::Drop,
                Fold::Char(o) if o == c => Act::Keep,
                Fold::Char(o) => Act::Put(o),
                Fold::LamAlef | Fold::Lower if unchanged(c) => Act::Keep,
                Fold::LamAlef | Fold::Lower => Act::Other,
            };
        }
        table
    })
}

/// Ranges of characters, frequent in news text outside the Arabic block
/// (Latin-1 and other two-byte letters, general punctuation), whose
/// [`unchanged`] answer is looked up rather than worked out.
const MEMO: [(u32, u32); 2] = [(0x80, 0x800), (0x2000, 0x2070)];

fn memo() -> &'static [Vec<bool>; 2] {
    static MEMO_TABLE: OnceLock<[Vec<bool>; 2]> = OnceLock::new();
    MEMO_TABLE.get_or_init(|| {
        MEMO.map(|(lo, hi)| {
            (lo..hi)
                .map(|u| char::from_u32(u).is_some_and(unchanged))
                .collect()
        })
    })
}

/// True when `c` comes out of [`fold`] as itself.
fn unchanged(c: char) -> bool {
    match fold(c) {
        Fold::Char(o) => o == c,
        Fold::Lower => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
        Fold::Drop | Fold::LamAlef => false,
    }
}

fn unchanged_fast(c: char) -> bool {
    let u = c as u32;
    for (table, &(lo, hi)) in memo().iter().zip(&MEMO) {
        if (lo..hi).contains(&u) {
            return table[(u - lo) as usize];
        }
    }
    unchanged(c)
}

/// Where the output goes: the text and, optionally, the runs that say
/// where in `s` each output byte came from.
struct Sink<'a, 'm> {
    s: &'a str,
    text: &'a mut String,
    map: Option<&'m mut Runs>,
}

impl Sink<'_, '_> {
    /// Copies the unchanged `s[from..to]`.
    fn copy(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        if let Some(map) = self.map.as_deref_mut() {
            map.aligned(self.text.len(), from);
        }
        self.text.push_str(&self.s[from..to]);
    }

    /// Appends `o`, the fold of the character at `src` (`len` bytes).
    fn put(&mut self, src: usize, len: usize, o: char) {
        if let Some(map) = self.map.as_deref_mut() {
            match o.len_utf8() == len {
                true => map.aligned(self.text.len(), src),
                false => map.whole(self.text.len(), src),
            }
        }
        self.text.push(o);
    }

    /// Appends the fold of `c` (at byte `src` of `s`).
    fn fold(&mut self, src: usize, c: char) {
        match fold(c) {
            Fold::Drop => {
                if c == '\u{0654}' {
                    recompose_hamza(self.text);
                }
            }
            Fold::Char(o) => self.put(src, c.len_utf8(), o),
            Fold::LamAlef => {
                if let Some(map) = self.map.as_deref_mut() {
                    map.whole(self.text.len(), src);
                }
                self.text.push_str("لا");
            }
            Fold::Lower => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(o), None) => self.put(src, c.len_utf8(), o),
                    _ => {
                        if let Some(map) = self.map.as_deref_mut() {
                            map.whole(self.text.len(), src);
                        }
                        self.text.extend(c.to_lowercase());
                    }
                }
            }
        }
    }
}

/// Appends the normalised form of `s` to `text`, and with `map` where each
/// output byte came from.
pub(super) fn normalize_fast(s: &str, text: &mut String, map: Option<&mut Runs>) {
    let table = arabic_table();
    let bytes = s.as_bytes();
    let mut out = Sink { s, text, map };
    // `s[run..i]` is unchanged by normalisation and not yet copied.
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                out.copy(run, i);
                out.put(i, 1, b.to_ascii_lowercase() as char);
                run = i + 1;
            }
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            // A two-byte character of the Arabic block (`s` is valid UTF-8).
            let k = usize::from(b - 0xD8) << 6 | usize::from(bytes[i + 1] & 0x3F);
            match table[k] {
                Act::Keep => {
                    i += 2;
                    continue;
                }
                Act::Put(o) => {
                    out.copy(run, i);
                    out.put(i, 2, o);
                    i += 2;
                    run = i;
                    continue;
                }
                Act::Drop => {
                    out.copy(run, i);
                    i += 2;
                    run = i;
                    continue;
                }
                Act::Hamza => {
                    out.copy(run, i);
                    recompose_hamza(out.text);
                    i += 2;
                    run = i;
                    continue;
                }
                Act::Other => {}
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if !unchanged_fast(c) {
            out.copy(run, i);
            out.fold(i, c);
            run = i + len;
        }
        i += len;
    }
    out.copy(run, bytes.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folds applied character by character, the plain way.
    fn reference(s: &str) -> (String, Vec<u32>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        for (i, c) in s.char_indices() {
            let before = text.len();
            match fold(c) {
                Fold::Drop => {
                    if c == '\u{0654}' {
                        recompose_hamza(&mut text);
                    }
                }
                Fold::Char(o) => text.push(o),
                Fold::LamAlef => text.push_str("لا"),
                Fold::Lower => text.extend(c.to_lowercase()),
            }
            map.resize(map.len() + (text.len() - before), i as u32);
        }
        (text, map)
    }

    fn fast(s: &str) -> (String, Vec<u32>) {
        let n = super::super::normalize_with_map(s);
        let mut lean = String::new();
        normalize_fast(s, &mut lean, None);
        assert_eq!(lean, n.text, "with and without a map");
        let mut map = n.byte_map();
        map.pop(); // the original's length
        (n.text, map)
    }

    #[test]
    fn every_character_of_the_arabic_block_and_latin_1() {
        for u in (0x20..0x800).chain(0x2000..0x2070).chain(0xFEF0..0xFF00) {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("aي{c}وB{c}\u{0654}");
            assert_eq!(fast(&s), reference(&s), "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        #[test]
        fn same_text_and_map_as_character_by_character(
            s in proptest::prop_oneof![
                "[\u{0600}-\u{06FF}A-Za-zİÉß\u{FEF5}-\u{FEFC}\u{200C}-\u{200F}\u{202A}-\u{202E}\u{00AD}\u{FEFF}«»–… 0-9]{0,60}",
                proptest::prelude::any::<String>(),
            ]
        ) {
            let (text, map) = fast(&s);
            let (want_text, want_map) = reference(&s);
            proptest::prop_assert_eq!(text, want_text);
            proptest::prop_assert_eq!(map, want_map);
        }
    }
}
