//! The one Arabic text normalisation used by search, entities and bookmarks.
//!
//! Folds applied by [`normalize`], character by character:
//!
//! * **Dropped** (produce no output): harakat and other Arabic combining
//!   marks U+064B–U+065F (fathatan … wavy hamza below, incl. shadda and
//!   sukun), superscript alef U+0670, honorific/Quranic signs U+0610–U+061A
//!   and U+06D6–U+06ED, tatweel U+0640, and invisible format characters seen
//!   in scraped news: ZWNJ/ZWJ U+200C/U+200D, bidi marks U+200E/U+200F,
//!   U+061C, U+202A–U+202E, U+2066–U+2069, soft hyphen U+00AD, BOM U+FEFF.
//! * **Alef forms** أ إ آ ٱ (and the rare ٲ ٳ ٵ) → bare ا. Decomposed forms
//!   (ا + U+0653/U+0654/U+0655) fold the same way because the mark is dropped.
//! * **Hamza carriers** ؤ and ئ are kept; their decomposed spellings
//!   (و/ي + U+0654 hamza above) are recomposed to ؤ / ئ so NFC and NFD input
//!   agree.
//! * **Alef maqsura** ى → ي, and Persian yeh ی → ي. Note: «على» and «علي»
//!   therefore both normalise to «علي» (entities keep a stoplist for that).
//! * **Teh marbuta** ة → ه, and Persian ۀ → ه.
//! * **Persian keheh** ک → ك.
//! * **Digits**: Arabic-Indic ٠–٩ and Extended Arabic-Indic ۰–۹ → ASCII 0–9.
//! * **Lam-alef ligatures** U+FEF5–U+FEFC (presentation forms) → «لا».
//! * **Case**: everything else is lowercased with Rust's full Unicode
//!   lowercase mapping (Latin `NLAW` → `nlaw`).
//!
//! Other presentation forms (U+FB50–U+FDFF, U+FE70–U+FEF4) are not folded.

mod lean;
mod map;
mod sources;

pub use map::Normalized;
pub use sources::has_single_source;

use std::ops::Range;

/// What a single input character becomes.
enum Fold {
    Drop,
    Char(char),
    LamAlef,
    Lower,
}

fn fold(c: char) -> Fold {
    match c {
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200C}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}'
        | '\u{FEFF}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => Fold::Char('ا'),
        'ى' | 'ی' => Fold::Char('ي'),
        'ة' | 'ۀ' => Fold::Char('ه'),
        'ک' => Fold::Char('ك'),
        '٠'..='٩' => Fold::Char(digit(c as u32 - 0x0660)),
        '۰'..='۹' => Fold::Char(digit(c as u32 - 0x06F0)),
        '\u{FEF5}'..='\u{FEFC}' => Fold::LamAlef,
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        _ if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) => Fold::Char(c),
        _ => Fold::Lower,
    }
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Normalises `s` for matching (see the module docs for the exact folds).
pub fn normalize(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    normalize_into(s, &mut text);
    text
}

/// Like [`normalize`] but also records where each output byte came from, so
/// matches in the normalised text can be highlighted in the original.
pub fn normalize_with_map(s: &str) -> Normalized {
    let mut n = Normalized::default();
    normalize_with_map_into(s, &mut n);
    n
}

/// [`normalize_with_map`] into `n`, reusing its buffers.
pub fn normalize_with_map_into(s: &str, n: &mut Normalized) {
    n.text.clear();
    n.text.reserve(s.len());
    n.runs.clear();
    lean::normalize_fast(s, &mut n.text, Some(&mut n.runs));
    n.source_len = u32::try_from(s.len()).unwrap_or(u32::MAX);
}

/// Appends the normalised form of `s` to `text`. The folds are those of
/// [`fold`], applied through a table for the Arabic block (see `lean.rs`).
pub fn normalize_into(s: &str, text: &mut String) {
    lean::normalize_fast(s, text, None);
}

/// The first and last characters `c` becomes on its own, or `None` when it
/// is dropped. (A following U+0654 can still turn a و or ي into ؤ or ئ.)
pub fn fold_ends(c: char) -> Option<(char, char)> {
    match fold(c) {
        Fold::Drop => None,
        Fold::Char(o) => Some((o, o)),
        Fold::LamAlef => Some(('ل', 'ا')),
        Fold::Lower => {
            let mut lower = c.to_lowercase();
            let first = lower.next()?;
            Some((first, lower.last().unwrap_or(first)))
        }
    }
}

/// و/ي followed by a combining hamza above is the decomposed ؤ/ئ.
fn recompose_hamza(text: &mut String) {
    let composed = match text.chars().next_back() {
        Some('و') => 'ؤ',
        Some('ي') => 'ئ',
        _ => return,
    };
    text.pop();
    text.push(composed); // same UTF-8 length (2 bytes), so the map stays valid
}

/// True for characters that belong to words: letters, digits and combining
/// marks (marks are removed by [`normalize`], but count as word characters
/// in un-normalised text).
pub fn is_word_char(c: char) -> bool {
    // Fast paths for what news text is made of: ASCII, and the Arabic block's
    // letters, harakat, tatweel and digits (U+0620–U+0669), all word chars.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0620}'..='\u{0669}').contains(&c) {
        return true;
    }
    // The rest of the two-byte range (Arabic punctuation, Latin-1, …) from
    // a table of this same function's answers.
    if let Some(k) = (c as usize).checked_sub(0x80).filter(|&k| k < 0x780) {
        static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| {
            (0x80..0x800)
                .map(|u| char::from_u32(u).is_some_and(is_word_char_slow))
                .collect()
        });
        return table[k];
    }
    is_word_char_slow(c)
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || matches!(fold(c), Fold::Drop) && !is_format_char(c)
}

fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200C}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{00AD}' | '\u{FEFF}')
}

/// Byte ranges of the words (maximal runs of [`is_word_char`]) in `s`.
pub fn word_ranges(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < s.len() {
            let (word, len) = word_char_at(s, at);
            match (word, start) {
                (true, None) => start = Some(at),
                (false, Some(first)) => return Some(first..at),
                _ => {}
            }
            at += len;
        }
        start.map(|first| first..s.len())
    })
}

/// Whether the character at byte `i` of `s` (a char boundary) is a word
/// character, and its length; ASCII and two-byte Arabic letters decided
/// without decoding.
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let bytes = s.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    if (0xD8..=0xD9).contains(&b) {
        if let Some(&next) = bytes.get(i + 1) {
            let u = u32::from(b & 0x1F) << 6 | u32::from(next & 0x3F);
            if (0x620..=0x669).contains(&u) {
                return (true, 2);
            }
        }
    }
    s[i..]
        .chars()
        .next()
        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// Proclitic prefixes of normalised words, shortest first: optional و/ف,
/// then optional ب/ل/ك, then optional ال; plus لل (= ل + ال) after optional
/// و/ف. The empty prefix is not listed.
pub const PROCLITICS: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", //
    "وب", "ول", "وك", "فب", "فل", "فك", "ال", "لل", //
    "وال", "فال", "بال", "كال", "ولل", "فلل", //
    "وبال", "وكال", "فبال", "فكال",
];

/// Minimum number of characters left after removing a proclitic.
const MIN_REST_CHARS: usize = 2;

/// True when `prefix` is a proclitic and `rest` is long enough to be a word.
pub fn is_proclitic_split(prefix: &str, rest: &str) -> bool {
    PROCLITICS.contains(&prefix) && is_long_enough_rest(rest)
}

/// True when what is left after a proclitic is long enough to be a word
/// (the half of [`is_proclitic_split`] a caller holding a member of
/// [`PROCLITICS`] still needs).
pub fn is_long_enough_rest(rest: &str) -> bool {
    rest.chars().nth(MIN_REST_CHARS - 1).is_some()
}

/// All readings of a normalised `word` with a proclitic prefix removed, as
/// `(prefix byte length, rest)`, shortest prefix first. The unstripped word
/// itself is not yielded; a rest is never empty or a single letter.
///
/// «وبالخيرسون» yields و, وب, وبال. Words that merely start with a clitic
/// letter (بغداد) also yield readings (غداد); callers decide what to trust.
pub fn strip_proclitics(word: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    PROCLITICS.iter().filter_map(move |p| {
        let rest = word.strip_prefix(p)?;
        is_proclitic_split(p, rest).then_some((p.len(), rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_alef_yeh_teh() {
        assert_eq!(normalize("أُعِيدَتْ"), "اعيدت");
        assert_eq!(normalize("إآٱا"), "اااا");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("مدينة"), "مدينه");
        assert_eq!(normalize("جـنـود"), "جنود");
        assert_eq!(normalize("کی"), "كي");
    }

    #[test]
    fn decomposed_hamza_recomposes() {
        assert_eq!(normalize("\u{064A}\u{0654}"), "ئ");
        assert_eq!(normalize("\u{0648}\u{064E}\u{0654}"), "ؤ");
        assert_eq!(normalize("\u{0627}\u{0654}"), "ا");
    }

    #[test]
    fn map_extends_over_trailing_marks() {
        let s = "عقّدت";
        let n = normalize_with_map(s);
        let r = n.original_range(0..n.text.find('د').unwrap_or(0));
        assert_eq!(&s[r], "عقّ");
    }

    #[test]
    fn lam_alef_ligature_maps_whole_char() {
        let s = "\u{FEFB}x";
        let n = normalize_with_map(s);
        assert_eq!(n.text, "لاx");
        assert_eq!(&s[n.original_range(0..2)], "\u{FEFB}");
    }

    #[test]
    fn word_char_table_agrees_with_the_definition() {
        for u in 0..0x3000 {
            if let Some(c) = char::from_u32(u) {
                let want = if c.is_ascii() {
                    c.is_ascii_alphanumeric()
                } else {
                    is_word_char_slow(c)
                };
                assert_eq!(is_word_char(c), want, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn word_ranges_split_on_punctuation() {
        let s = "خيرسون، و NLAW-2";
        let words: Vec<&str> = word_ranges(s).map(|r| &s[r]).collect();
        assert_eq!(words, ["خيرسون", "و", "NLAW", "2"]);
    }
}
