//! Whole-text rendering, as printed by `sahifa render`: one paragraph at a
//! time, so that a stream can be rendered as it arrives.

use super::{layout_paragraph, LayoutOptions};

/// Lays out `paragraph` (one line of input) and appends its screen lines to
/// `out`, each followed by "\n". Returns whether the paragraph is
/// right-to-left, so that the rest of a paragraph handed over in pieces can
/// be given the same direction.
///
/// Each screen line is its indent as spaces followed by the displayed
/// clusters. Without `opts.align` trailing spaces are trimmed. With
/// `opts.align` right-to-left lines are right-aligned to `opts.width`, or,
/// when that is at least [`UNLIMITED_WIDTH`](super::UNLIMITED_WIDTH), to the
/// widest line of the paragraph.
pub fn render_paragraph(paragraph: &str, opts: &LayoutOptions, out: &mut String) -> bool {
    let layout = layout_paragraph(paragraph, opts);
    for line in &layout.lines {
        let start = out.len();
        out.extend(std::iter::repeat_n(' ', line.indent));
        for c in &line.clusters {
            out.push_str(&c.text);
        }
        if !opts.align {
            let kept = out[start..].trim_end_matches(' ').len();
            out.truncate(start + kept);
        }
        out.push('\n');
    }
    layout.rtl
}

/// Lays out every line of `input` as its own paragraph (see
/// [`render_paragraph`]) and returns the screen lines joined with "\n" (no
/// final newline).
pub fn render(input: &str, opts: &LayoutOptions) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for paragraph in input.lines() {
        render_paragraph(paragraph, opts, &mut out);
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}
