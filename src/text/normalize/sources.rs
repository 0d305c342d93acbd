//! Which normalised characters can only come from themselves. A search can
//! then look for such a character in the original bytes, without
//! normalising a text that lacks it (see `search::probe`).

use super::normalize;
use std::sync::OnceLock;

/// Characters that may fold into an Arabic-block character: the folds of
/// [`fold`](super::fold) name only characters below U+3000 and the
/// presentation forms; a unit test checks the rest of Unicode.
const SOURCES: [std::ops::Range<u32>; 2] = [0..0x3000, 0xFB00..0x10000];

/// True when `c`, found in normalised text, can only have come from `c`
/// itself in the original: it is a letter of the Arabic block U+0600–U+06FF
/// that normalisation keeps, and no other character folds to it (not even
/// by recomposing a hamza, as و + U+0654 gives ؤ).
pub fn has_single_source(c: char) -> bool {
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut produced = vec![false; 256];
        let index = |o: char| (o as usize).checked_sub(0x600).filter(|&k| k < 256);
        for u in SOURCES.into_iter().flatten() {
            let Some(x) = char::from_u32(u) else { continue };
            for o in normalize(x.encode_utf8(&mut [0; 4])).chars() {
                if let Some(k) = index(o).filter(|_| o != x) {
                    produced[k] = true;
                }
            }
        }
        for recomposed in ['ؤ', 'ئ'] {
            if let Some(k) = index(recomposed) {
                produced[k] = true;
            }
        }
        (0x600..0x700u32)
            .map(|u| {
                char::from_u32(u).is_some_and(|c| {
                    !produced[(u - 0x600) as usize]
                        && normalize(c.encode_utf8(&mut [0; 4])) == c.to_string()
                })
            })
            .collect()
    });
    (c as usize)
        .checked_sub(0x600)
        .and_then(|k| table.get(k))
        .copied()
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_have_one_source_folded_ones_do_not() {
        for c in ['ز', 'ج', 'س', 'ر', 'و', 'ب'] {
            assert!(has_single_source(c), "{c}");
        }
        // ا (أ إ آ ٱ, lam-alef), ي (ى ی), ه (ة), ل (lam-alef), ك (ک),
        // ؤ/ئ (recomposed), a dropped mark, an Arabic-Indic digit, Latin.
        for c in ['ا', 'ي', 'ه', 'ل', 'ك', 'ؤ', 'ئ', '\u{064E}', '٣', 'a'] {
            assert!(!has_single_source(c), "{c}");
        }
    }

    /// Every character outside `SOURCES` normalises to characters outside the
    /// Arabic block, so the table above saw every possible source.
    #[test]
    fn nothing_outside_the_sources_folds_into_the_arabic_block() {
        for u in 0..=0x10FFFF {
            if SOURCES.iter().any(|r| r.contains(&u)) {
                continue;
            }
            let Some(x) = char::from_u32(u) else { continue };
            let out = normalize(x.encode_utf8(&mut [0; 4]));
            assert!(
                out.chars().all(|o| !('\u{600}'..='\u{6FF}').contains(&o)),
                "U+{u:04X} -> {out:?}"
            );
        }
    }

    /// Whitespace is never changed and nothing else becomes whitespace, so
    /// normalising a text is normalising its whitespace-separated pieces.
    #[test]
    fn whitespace_is_kept_and_never_made() {
        for u in 0..=0x10FFFF {
            let Some(x) = char::from_u32(u) else { continue };
            let out = normalize(x.encode_utf8(&mut [0; 4]));
            if x.is_whitespace() {
                assert_eq!(out, x.to_string(), "U+{u:04X}");
            } else {
                assert!(!out.chars().any(char::is_whitespace), "U+{u:04X}");
            }
        }
    }
}
