//! Choosing line breaks in logical order.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`), plus a forced
//! break at the end of every bidi paragraph. Lines are filled greedily. The
//! whitespace at a wrap point hangs past the edge: it belongs to the line it
//! ends but is hidden (not drawn). A word wider than the whole width is cut at
//! cluster boundaries.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::units::{Kind, Unit};

/// One line as a range of units; units from `visible_end` on are hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineSpec {
    pub units: Range<usize>,
    pub visible_end: usize,
}

/// Unit indices where a new segment may start, each with whether the break
/// there is mandatory. The last entry is always `units.len()`.
fn break_points(text: &str, units: &[Unit], para_ends: &[usize]) -> Vec<(usize, bool)> {
    let mut points = Vec::new();
    let mut ui = 0;
    let mut pe = para_ends.iter().copied().peekable();
    for (pos, opp) in linebreaks(text) {
        let mut mandatory = opp == BreakOpportunity::Mandatory;
        while let Some(&end) = pe.peek() {
            if end > pos {
                break;
            }
            pe.next();
            if end == pos {
                mandatory = true;
            } else if let Some(i) = unit_starting_at(units, end, &mut ui) {
                points.push((i, true));
            }
        }
        if let Some(i) = unit_starting_at(units, pos, &mut ui) {
            points.push((i, mandatory));
        }
    }
    if points.last().map(|p| p.0) != Some(units.len()) {
        points.push((units.len(), true));
    }
    points
}

/// Index of the unit starting at byte `pos` (or `units.len()` at the end),
/// advancing the cursor `ui`; `None` when `pos` is inside a unit.
fn unit_starting_at(units: &[Unit], pos: usize, ui: &mut usize) -> Option<usize> {
    while *ui < units.len() && units[*ui].range.start < pos {
        *ui += 1;
    }
    match units.get(*ui) {
        Some(u) if u.range.start == pos => Some(*ui),
        None if pos >= units.last().map_or(0, |u| u.range.end) => Some(units.len()),
        _ => None,
    }
}

/// Drawn end of a line closed at a wrap point: trailing spaces are hidden.
fn soft_end(units: &[Unit], line: Range<usize>) -> usize {
    let mut end = line.end;
    while end > line.start && units[end - 1].kind == Kind::Space {
        end -= 1;
    }
    end
}

/// Drawn end of a line closed by a forced break or the end of the text:
/// separators are hidden, trailing spaces are drawn while they fit.
fn hard_end(units: &[Unit], line: Range<usize>, width: usize) -> usize {
    let mut end = line.end;
    while end > line.start && units[end - 1].kind == Kind::Newline {
        end -= 1;
    }
    let content = soft_end(units, line.start..end);
    let mut used: usize = units[line.start..content].iter().map(|u| u.width).sum();
    let mut keep = content;
    while keep < end && used.saturating_add(units[keep].width) <= width {
        used += units[keep].width;
        keep += 1;
    }
    keep
}

/// Breaks `units` (of `text`) into lines at most `width` cells wide.
/// `para_ends` are the byte offsets where bidi paragraphs end.
pub(crate) fn break_lines(
    text: &str,
    units: &[Unit],
    width: usize,
    para_ends: &[usize],
) -> Vec<LineSpec> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut cur: usize = 0;
    let mut seg_start = 0;
    for (seg_end, mandatory) in break_points(text, units, para_ends) {
        if seg_end <= seg_start {
            continue;
        }
        let content_end = soft_end(units, seg_start..seg_end);
        let content: usize = units[seg_start..content_end].iter().map(|u| u.width).sum();
        let trailing: usize = units[content_end..seg_end].iter().map(|u| u.width).sum();
        if cur.saturating_add(content) > width && line_start < seg_start {
            let visible_end = soft_end(units, line_start..seg_start);
            lines.push(LineSpec {
                units: line_start..seg_start,
                visible_end,
            });
            line_start = seg_start;
            cur = 0;
        }
        if cur.saturating_add(content) > width {
            // Too wide even on its own line: cut between clusters.
            for (i, unit) in units.iter().enumerate().take(content_end).skip(seg_start) {
                let w = unit.width;
                if cur.saturating_add(w) > width && line_start < i {
                    lines.push(LineSpec {
                        units: line_start..i,
                        visible_end: i,
                    });
                    line_start = i;
                    cur = 0;
                }
                cur = cur.saturating_add(w);
            }
        } else {
            cur += content;
        }
        cur = cur.saturating_add(trailing);
        if mandatory {
            let visible_end = hard_end(units, line_start..seg_end, width);
            lines.push(LineSpec {
                units: line_start..seg_end,
                visible_end,
            });
            line_start = seg_end;
            cur = 0;
        }
        seg_start = seg_end;
    }
    if lines.is_empty() {
        lines.push(LineSpec {
            units: 0..0,
            visible_end: 0,
        });
    }
    lines
}
