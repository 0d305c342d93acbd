//! Putting one line into visual order.
//!
//! Levels are resolved once for the paragraph; for each line `unicode-bidi`
//! applies rule L1 relative to the line and returns the level runs in visual
//! order (L2). Units are kept whole: a unit belongs to the run holding its
//! first byte, and right-to-left runs list their units backwards, so a letter
//! and its marks never come apart. Mirrored glyphs (L4) replace characters in
//! right-to-left runs.

use std::ops::Range;

use unicode_bidi::{BidiInfo, Level, ParagraphInfo};

use super::bidi_data::bidi_info;
use super::layout::para_level;
use super::mirror::mirror_text;
use super::units::Unit;
use super::{BaseDirection, VisualCluster};

/// Level runs of `line` in visual order, each with its level after rule L1.
pub(crate) fn line_runs(
    info: &BidiInfo<'_>,
    para: &ParagraphInfo,
    line: Range<usize>,
) -> Vec<(Range<usize>, Level)> {
    if line.is_empty() {
        return Vec::new();
    }
    let any_rtl = para.level.is_rtl() || info.levels[line.clone()].iter().any(|l| l.is_rtl());
    if !any_rtl {
        // All even levels: L2 leaves the logical order as it is.
        return vec![(line, para.level)];
    }
    let (levels, runs) = info.visual_runs(para, line);
    runs.into_iter()
        .map(|r| {
            let level = levels.get(r.start).copied().unwrap_or(para.level);
            (r, level)
        })
        .collect()
}

/// Takes the units `units[lo..visible_end]` out of `units` into visual
/// clusters following `runs`. With `reorder` false the logical order is kept
/// and nothing is mirrored.
pub(crate) fn place_units(
    units: &mut [Unit],
    lo: usize,
    visible_end: usize,
    runs: &[(Range<usize>, Level)],
    reorder: bool,
) -> Vec<VisualCluster> {
    let mut out = Vec::with_capacity(visible_end.saturating_sub(lo));
    let take = |u: &mut Unit, mirror: bool| VisualCluster {
        text: if mirror {
            mirror_text(std::mem::take(&mut u.text))
        } else {
            std::mem::take(&mut u.text)
        },
        width: u.width,
        logical: u.range.clone(),
    };
    if !reorder {
        for u in &mut units[lo..visible_end] {
            out.push(take(u, false));
        }
        return out;
    }
    let slice = &mut units[lo..visible_end];
    for (run, level) in runs {
        let a = slice.partition_point(|u| u.range.start < run.start);
        let b = slice.partition_point(|u| u.range.start < run.end);
        if level.is_rtl() {
            for u in slice[a..b].iter_mut().rev() {
                out.push(take(u, true));
            }
        } else {
            for u in &mut slice[a..b] {
                out.push(take(u, false));
            }
        }
    }
    out
}

/// Byte offsets of every character of `text` in visual order, laying each
/// bidi paragraph out as one unwrapped line and reversing single characters
/// (not clusters) in right-to-left runs. It uses the same level runs as
/// [`layout_paragraph`](super::layout_paragraph) and exists so the level
/// resolution can be checked against the Unicode conformance data, which is
/// stated per character.
pub fn visual_char_order(text: &str, base: BaseDirection) -> Vec<usize> {
    let info = bidi_info(text, para_level(base));
    let mut out = Vec::with_capacity(text.len());
    for para in &info.paragraphs {
        for (run, level) in line_runs(&info, para, para.range.clone()) {
            let chars = text[run.clone()].char_indices().map(|(i, _)| run.start + i);
            if level.is_rtl() {
                let mut v: Vec<usize> = chars.collect();
                v.reverse();
                out.extend(v);
            } else {
                out.extend(chars);
            }
        }
    }
    out
}
