//! Turning logical text into the lines a command prints: laid out by the
//! engine at the terminal's width (visual), or logical order as stored, one
//! item per line (pipes and files).

use sahifa::text::controls::{logical, one_line};
use sahifa::text::{layout_paragraph, layout_title, LayoutOptions, VisualLine, UNLIMITED_WIDTH};
use unicode_width::UnicodeWidthChar;

/// The width to wrap to when none is given: the terminal's, else 80.
pub fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(w, _)| usize::from(w))
        .ok()
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// The least room a row's text is given, however wide its other fields.
const MIN_ROOM: usize = 12;

/// How a row's text is fitted to the room left for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Cut after a whole word, with an ellipsis at its logical end (titles
    /// in a listing: one screen line per item).
    Cut,
    /// Wrapped by whole words; later lines are indented under the text.
    Wrap,
}

/// How a command prints Arabic: through the layout engine (`visual`, at
/// `width` cells) or as stored.
#[derive(Debug, Clone, Copy)]
pub struct Presenter {
    pub visual: bool,
    pub layout: LayoutOptions,
    /// The screen width a row is laid out for (visual only).
    pub width: usize,
}

impl Presenter {
    /// Visual at the terminal's width, or logical.
    pub fn new(visual: bool, layout: LayoutOptions) -> Presenter {
        Presenter {
            visual,
            layout,
            width: if visual {
                terminal_width()
            } else {
                UNLIMITED_WIDTH
            },
        }
    }

    /// One short field (an id, a name): visual order, unwrapped, not
    /// padded; in logical order, the bidi controls that matter shown as
    /// placeholders, as on screen. Always one line.
    pub fn line(&self, text: &str) -> String {
        let text = one_line(text);
        if !self.visual {
            return logical(&text).into_owned();
        }
        let opts = LayoutOptions {
            align: false,
            ..self.layout
        };
        layout_title(&text, UNLIMITED_WIDTH, &opts).to_text()
    }

    /// One item: `prefix` (fields already made with [`Presenter::line`] and
    /// [`pad`]) then `text` (a title, a passage) in the rest of the width:
    /// cut or wrapped by whole words, right-aligned when it is
    /// right-to-left. In logical order the item is one line, its text's
    /// line breaks shown as ⏎.
    pub fn row(&self, prefix: &str, text: &str, fit: Fit) -> Vec<String> {
        let text = one_line(text);
        if !self.visual {
            return vec![format!("{prefix}{}", logical(&text))];
        }
        let used = cells(prefix);
        let room = self.width.saturating_sub(used).max(MIN_ROOM);
        let opts = LayoutOptions {
            width: room,
            align: true,
            ..self.layout
        };
        let lines: Vec<VisualLine> = match fit {
            Fit::Cut => vec![layout_title(&text, room, &opts)],
            Fit::Wrap => layout_paragraph(&text, &opts).lines,
        };
        let blank = " ".repeat(used);
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let lead = if i == 0 { prefix } else { &blank };
                format!("{lead}{}", l.to_text()).trim_end().to_string()
            })
            .collect()
    }

    /// A paragraph: wrapped to `width` and reordered when visual; one
    /// logical line otherwise (pipes and files want the text as stored).
    pub fn paragraph(&self, text: &str, width: usize) -> Vec<String> {
        if !self.visual {
            return vec![logical(&one_line(text)).into_owned()];
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

/// The cells `text` takes on a terminal that prints each character in its
/// own cells (`UnicodeWidthStr::width` would count «لا» as one).
pub fn cells(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` padded with spaces to `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(cells(text))))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(width: usize) -> Presenter {
        Presenter {
            visual: true,
            layout: LayoutOptions {
                shape: false,
                ..LayoutOptions::default()
            },
            width,
        }
    }

    const TITLE: &str = "القوات الأوكرانية تدخل مدينة خيرسون بعد انسحاب القوات الروسية منها";

    #[test]
    fn a_cut_row_fits_and_an_rtl_title_ends_at_the_right_edge() {
        let rows = visual(40).row("001  ", TITLE, Fit::Cut);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(cells(row), 40, "{row:?}");
        let text = row.strip_prefix("001  ").unwrap().trim_start();
        assert!(text.starts_with('…'), "cut at the logical end: {row:?}");
        // Whole words only: every word shown is a word of the title.
        let words: Vec<String> = TITLE
            .split(' ')
            .map(|w| w.chars().rev().collect())
            .collect();
        for shown in text['…'.len_utf8()..].split_whitespace() {
            assert!(words.iter().any(|w| w == shown), "{shown:?} in {row:?}");
        }
    }

    #[test]
    fn a_wrapped_row_indents_its_later_lines() {
        let rows = visual(30).row("  ¶1   ", TITLE, Fit::Wrap);
        assert!(rows.len() > 2, "{rows:?}");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(cells(r), 30, "right-aligned, within the width: {r:?}");
            if i > 0 {
                assert!(r.starts_with("       "), "{r:?}");
            }
        }
        let all: usize = rows.iter().map(|r| r.split_whitespace().count()).sum();
        assert_eq!(all, TITLE.split(' ').count() + 1, "nothing lost");
    }

    #[test]
    fn piped_rows_are_one_line_in_logical_order() {
        let logical = Presenter::new(false, LayoutOptions::default());
        let rows = logical.row("id  ", "سطر أول\nسطر\r\nثالث \u{202e}1\u{202c}", Fit::Wrap);
        assert_eq!(rows, ["id  سطر أول⏎سطر⏎ثالث ‹RLO›1‹PDF›"]);
        assert_eq!(visual(80).line("a\nb"), "a⏎b");
    }
}
