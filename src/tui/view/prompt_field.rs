//! A prompt's text on one line: laid out by the bidi engine in its own
//! direction (Arabic typed right to left reads right), scrolled so the
//! cursor stays in view, and where the cursor goes on screen.

use crate::text::{layout_title, BaseDirection, LayoutOptions, VisualLine};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The typed text as drawn: `line` after a one-cell pad on the left for
/// right-to-left text (where its end is), before one for left-to-right.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub line: VisualLine,
    pub pad_left: bool,
    /// The cursor's column, counted from the field's left edge.
    pub cursor: usize,
}

/// Lays out `text` with the cursor at byte `cursor` in `room` cells.
pub fn field(text: &str, cursor: usize, room: usize, layout: &LayoutOptions) -> Field {
    let rtl = unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl;
    let (start, end) = window(text, cursor, room.saturating_sub(1));
    let opts = LayoutOptions {
        base: if rtl {
            BaseDirection::Rtl
        } else {
            BaseDirection::Ltr
        },
        align: false,
        ..*layout
    };
    let line = layout_title(&text[start..end], usize::MAX / 2, &opts);
    let at = cursor - start;
    // The cursor sits on the letter after it; at the end, on the pad.
    let mut x = line.indent;
    let mut column = None;
    for c in &line.clusters {
        if c.logical.start == at && c.width > 0 {
            column = Some(x);
            break;
        }
        x += c.width;
    }
    let cursor = match (column, rtl) {
        (Some(x), true) => x + 1,
        (Some(x), false) => x,
        (None, true) => 0,
        (None, false) => line.width(),
    };
    Field {
        line,
        pad_left: rtl,
        cursor,
    }
}

/// The byte range of `text` to show in `room` cells: all of it when it
/// fits, else as much before the cursor as fits, then after it.
fn window(text: &str, cursor: usize, room: usize) -> (usize, usize) {
    if text.width() <= room {
        return (0, text.len());
    }
    let mut used = 0;
    let mut start = cursor;
    for (i, g) in text[..cursor].grapheme_indices(true).rev() {
        if used + g.width() > room {
            break;
        }
        used += g.width();
        start = i;
    }
    let mut end = cursor;
    for g in text[cursor..].graphemes(true) {
        if used + g.width() > room {
            break;
        }
        used += g.width();
        end += g.len();
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LayoutOptions {
        LayoutOptions::default()
    }

    #[test]
    fn arabic_reads_right_to_left_with_the_cursor_at_its_left_end() {
        let text = "خيرسون";
        let f = field(text, text.len(), 20, &opts());
        assert_eq!(f.line.to_text(), "ﻥﻮﺳﺮﻴﺧ");
        assert!(f.pad_left);
        assert_eq!(f.cursor, 0, "the end of Arabic is on the left");
        // At the start, the cursor is on the first letter: the rightmost.
        let f = field(text, 0, 20, &opts());
        assert_eq!(f.cursor, 6);
    }

    #[test]
    fn latin_puts_the_cursor_after_the_text() {
        let f = field("kherson", 7, 20, &opts());
        assert_eq!(
            (f.line.to_text().as_str(), f.cursor, f.pad_left),
            ("kherson", 7, false)
        );
        let f = field("kherson", 2, 20, &opts());
        assert_eq!(f.cursor, 2);
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_in_view() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        let f = field(text, text.len(), 10, &opts());
        assert_eq!(f.line.to_text(), "rstuvwxyz");
        assert_eq!(f.cursor, 9);
        let f = field(text, 0, 10, &opts());
        assert_eq!((f.line.to_text().as_str(), f.cursor), ("abcdefghi", 0));
        assert!(f.line.width() < 10);
    }
}
