//! Terminal-safe display of control characters.
//!
//! Article text is stored exactly as loaded, but no command may write a raw
//! control character (ESC, other C0/C1 controls) to a terminal. They are shown
//! as visible placeholders instead: C0 as the Unicode "control pictures"
//! (U+2400 block, so ESC is ␛), DEL as ␡, and C1 controls as U+FFFD.

use std::borrow::Cow;

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

/// `s` with every control character replaced by its placeholder; borrowed
/// when there is nothing to replace.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| control_picture(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| control_picture(c).unwrap_or(c)).collect())
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
    }
}
