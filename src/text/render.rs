//! Whole-text rendering, as printed by `sahifa render`.

use super::layout::align_lines;
use super::{layout_paragraph, LayoutOptions, VisualLine};

/// Lays out every line of `input` as its own paragraph and returns the
/// screen lines joined with "\n" (no final newline).
///
/// Each screen line is its indent as spaces followed by the displayed
/// clusters. Without `opts.align` trailing spaces are trimmed. With
/// `opts.align` and a width of at least
/// [`UNLIMITED_WIDTH`](super::UNLIMITED_WIDTH), right-to-left lines are
/// aligned to the widest line of the whole input.
pub fn render(input: &str, opts: &LayoutOptions) -> String {
    let unaligned = LayoutOptions {
        align: false,
        ..*opts
    };
    let mut lines: Vec<VisualLine> = input
        .lines()
        .flat_map(|para| layout_paragraph(para, &unaligned).lines)
        .collect();
    if opts.align {
        align_lines(&mut lines, opts.width);
    }
    let mut out = String::with_capacity(input.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let text = line.to_text();
        if opts.align {
            out.push_str(&text);
        } else {
            out.push_str(text.trim_end_matches(' '));
        }
    }
    out
}
