//! Whole-text rendering, as printed by `sahifa render`: one paragraph at a
//! time, so that a stream can be rendered as it arrives.

use super::layout::{line_order, prepare, Runs};
use super::linebreak::break_lines;
use super::visual::{for_each_visual, rtl_text};
use super::{LayoutOptions, UNLIMITED_WIDTH};

/// Lays out `paragraph` (one line of input) and appends its screen lines to
/// `out` (UTF-8), each followed by "\n". Returns whether the paragraph is
/// right-to-left, so that the rest of a paragraph handed over in pieces can
/// be given the same direction.
///
/// Each screen line is its indent as spaces followed by the displayed
/// clusters. Without `opts.align` trailing spaces are trimmed. With
/// `opts.align` right-to-left lines are right-aligned to `opts.width`, or,
/// when that is at least [`UNLIMITED_WIDTH`], to the widest line of the
/// paragraph. The lines are those of
/// [`layout_paragraph`](super::layout_paragraph).
pub fn render_paragraph(paragraph: &str, opts: &LayoutOptions, out: &mut Vec<u8>) -> bool {
    // What `layout_paragraph` does, but each unit's text is written out
    // where it falls instead of being gathered into visual lines first.
    let (info, rtl, units, breaks) = prepare(paragraph, opts);
    let specs = break_lines(&breaks, &units, opts.width, &info.paras);
    let widths: Vec<usize> = specs
        .iter()
        .map(|s| {
            units[s.units.start..s.visible_end]
                .iter()
                .map(|u| u.width)
                .sum()
        })
        .collect();
    let target = if opts.width >= UNLIMITED_WIDTH {
        widths.iter().copied().max().unwrap_or(0)
    } else {
        opts.width
    };
    let mut runs = Runs::new();
    for (spec, width) in specs.iter().zip(widths) {
        let (line_rtl, reorder) = line_order(&info, &units, spec, (opts.mode, rtl), &mut runs);
        let start = out.len();
        if opts.align && line_rtl {
            out.resize(start + target.saturating_sub(width), b' ');
        }
        let shown = (spec.units.start, spec.visible_end);
        for_each_visual(&units, shown, &runs, reorder, |u, in_rtl| {
            let changed = in_rtl && (u.mirrors || u.joiner_tail);
            match if changed { rtl_text(u, true) } else { None } {
                Some(text) => out.extend_from_slice(text.as_bytes()),
                None => out.extend_from_slice(u.text.as_bytes()),
            }
        });
        if !opts.align {
            let kept = out[start..]
                .iter()
                .rposition(|&b| b != b' ')
                .map_or(0, |k| k + 1);
            out.truncate(start + kept);
        }
        out.push(b'\n');
    }
    rtl
}

/// Lays out every line of `input` as its own paragraph (see
/// [`render_paragraph`]) and returns the screen lines joined with "\n" (no
/// final newline).
pub fn render(input: &str, opts: &LayoutOptions) -> String {
    let mut out = Vec::with_capacity(input.len() + input.len() / 8);
    for paragraph in input.lines() {
        render_paragraph(paragraph, opts, &mut out);
    }
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    // Cluster texts are UTF-8, and so are spaces and newlines.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
