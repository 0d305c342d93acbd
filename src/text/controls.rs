//! Terminal-safe display of control characters.
//!
//! Article text is stored exactly as loaded, but no command may write a raw
//! control character to a terminal:
//!
//! * C0 and C1 controls (ESC, CSI, …) could drive the terminal. They are
//!   shown as the Unicode "control pictures" (U+2400 block, so ESC is ␛),
//!   DEL as ␡, and C1 controls as U+FFFD.
//! * Bidi controls (embeddings, overrides, isolates, and the marks LRM, RLM
//!   and ALM) could make text read differently from what it says. They are
//!   shown as their Unicode abbreviation between single guillemets
//!   (`‹RLO›`), which reads the same in either direction and which no
//!   terminal mirrors, since the guillemets are never written alone.

use std::borrow::Cow;

use super::neutral::resolve_neutral;
use super::units::is_bidi_format;

/// The visible placeholder for a control character, or `None` when `c` is
/// safe to print. Tab and newline are layout characters, not hazards, and are
/// left to the caller.
pub fn control_picture(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// The placeholder shown for the bidi control `c`, or `None` when `c` is
/// not one.
pub fn placeholder(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200E}' => "‹LRM›",
        '\u{200F}' => "‹RLM›",
        '\u{061C}' => "‹ALM›",
        '\u{202A}' => "‹LRE›",
        '\u{202B}' => "‹RLE›",
        '\u{202C}' => "‹PDF›",
        '\u{202D}' => "‹LRO›",
        '\u{202E}' => "‹RLO›",
        '\u{2066}' => "‹LRI›",
        '\u{2067}' => "‹RLI›",
        '\u{2068}' => "‹FSI›",
        '\u{2069}' => "‹PDI›",
        _ => return None,
    })
}

/// Whether `c` is a bidi control: an embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069) or a mark (LRM, RLM, ALM).
pub fn is_bidi_control(c: char) -> bool {
    is_bidi_format(c)
}

/// `s` with every control character, C0, C1 and bidi alike, replaced by its
/// placeholder; borrowed when there is nothing to replace. For text whose
/// order nobody reads (ids, paths, messages): every bidi mark is shown.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| control_picture(c).is_some() || is_bidi_format(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// `s` with its C0 and C1 controls replaced by placeholders and its bidi
/// controls left in: for text laid out with
/// [`Controls::Obey`](super::Controls::Obey), where the user asked for
/// them to take effect.
pub fn pictures(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| control_picture(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| control_picture(c).unwrap_or(c)).collect())
}

/// The sign a line break is shown as where text must stay on one line.
pub const LINE_BREAK: char = '⏎';

/// `s` on one line: each line break (LF, CR, CR LF, NEL, U+2028, U+2029)
/// shown as [`LINE_BREAK`]. Borrowed when there is none.
pub fn one_line(s: &str) -> Cow<'_, str> {
    let breaks = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    if !s.contains(breaks) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace(breaks, "⏎"))
}

/// `s` as printed in logical order (to a pipe, or to a terminal that
/// reorders by itself): C0 and C1 controls and the bidi controls that matter
/// as placeholders, as the layout shows them, and the marks that change
/// nothing left out. Borrowed when there is nothing to change.
pub fn logical(s: &str) -> Cow<'_, str> {
    let bidi = s.chars().any(is_bidi_format);
    if !bidi {
        return pictures(s);
    }
    // Each line is a paragraph of its own (rule P1).
    let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let shown: Vec<usize> = resolve_neutral(s, None)
        .shown
        .iter()
        .map(|&ci| starts[ci as usize])
        .collect();
    let mut out = String::with_capacity(s.len() + 8 * shown.len());
    for (at, c) in s.char_indices() {
        if is_bidi_format(c) {
            if shown.binary_search(&at).is_ok() {
                out.push_str(placeholder(c).unwrap_or_default());
            }
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    match (control_picture(c), placeholder(c)) {
        (Some(p), _) => out.push(p),
        (None, Some(p)) => out.push_str(p),
        (None, None) => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(visible("x\u{7f}\u{9b}y"), "x\u{2421}\u{fffd}y");
    }

    #[test]
    fn plain_text_and_layout_characters_are_untouched() {
        assert!(matches!(visible("سلام\tworld\n"), Cow::Borrowed(_)));
        assert!(matches!(logical("سلام\tworld\n"), Cow::Borrowed(_)));
        assert!(matches!(pictures("a\u{202e}b"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks_become_one_sign() {
        assert_eq!(one_line("a\nb\r\nc\rd\u{2029}e"), "a⏎b⏎c⏎d⏎e");
        assert!(matches!(one_line("a\tb"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_become_visible() {
        let spoof = "مقتل \u{202e}0021\u{202c} شخصا";
        assert_eq!(visible(spoof), "مقتل ‹RLO›0021‹PDF› شخصا");
        assert_eq!(logical(spoof), "مقتل ‹RLO›0021‹PDF› شخصا");
        assert_eq!(visible("id\u{200f}"), "id‹RLM›", "every mark, in ids");
    }

    #[test]
    fn logical_text_keeps_only_the_marks_that_matter() {
        // An RLM between two Arabic words changes nothing: left out.
        assert_eq!(logical("كلمة\u{200f} أخرى"), "كلمة أخرى");
        // In a left-to-right line, an RLM before «1 2» would reverse the
        // numbers: shown, and ignored.
        assert_eq!(logical("x \u{200f}1 2"), "x ‹RLM›1 2");
        // Several lines: each is its own paragraph.
        assert_eq!(logical("a\u{200e}\nx \u{200f}1 2\n"), "a\nx ‹RLM›1 2\n");
    }
}
