//! Turning logical text into the lines a command prints: visual order from
//! the layout engine, or logical order as stored.

use sahifa::text::controls::logical;
use sahifa::text::{layout_paragraph, layout_title, LayoutOptions, UNLIMITED_WIDTH};

/// The width to wrap to when none is given: the terminal's, else 80.
pub fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(w, _)| usize::from(w))
        .ok()
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// How a command prints Arabic: through the layout engine (`visual`) or as
/// stored.
#[derive(Debug, Clone, Copy)]
pub struct Presenter {
    pub visual: bool,
    pub layout: LayoutOptions,
}

impl Presenter {
    /// One line (a title, a list cell): visual order, unwrapped, not padded;
    /// in logical order, the bidi controls that matter shown as
    /// placeholders, as on screen.
    pub fn line(&self, text: &str) -> String {
        if !self.visual {
            return logical(text).into_owned();
        }
        let opts = LayoutOptions {
            align: false,
            ..self.layout
        };
        layout_title(text, UNLIMITED_WIDTH, &opts).to_text()
    }

    /// A paragraph: wrapped to `width` and reordered when visual; one
    /// logical line otherwise (pipes and files want the text as stored).
    pub fn paragraph(&self, text: &str, width: usize) -> Vec<String> {
        if !self.visual {
            return vec![logical(text).into_owned()];
        }
        let opts = LayoutOptions {
            width: width.max(1),
            ..self.layout
        };
        layout_paragraph(text, &opts)
            .lines
            .iter()
            .map(|l| l.to_text().trim_end().to_string())
            .collect()
    }
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
