//! Putting one line into visual order.
//!
//! Levels are resolved once for the paragraph; for each line rule L1 is
//! applied relative to the line and the level runs are put in visual order
//! (L2) by `resolve`. Units are kept whole: a unit belongs to the run holding its
//! first byte, and right-to-left runs list their units backwards, so a letter
//! and its marks never come apart. Mirrored glyphs (L4) replace characters in
//! right-to-left runs.

use std::ops::Range;

use unicode_bidi::Level;

use super::cluster_text::ClusterText;
use super::layout::para_level;
use super::mirror::mirror_text;
use super::resolve::resolve;
use super::units::Unit;
use super::{BaseDirection, Controls, VisualCluster};

/// Visual clusters for the units `units[lo..visible_end]` following `runs`
/// (character index ranges). With `reorder` false the logical order is kept
/// and nothing is mirrored.
pub(crate) fn place_units(
    units: &[Unit],
    lo: usize,
    visible_end: usize,
    runs: &[(Range<usize>, Level)],
    reorder: bool,
) -> Vec<VisualCluster> {
    let mut out = Vec::with_capacity(visible_end.saturating_sub(lo));
    for_each_visual(units, (lo, visible_end), runs, reorder, |u, rtl| {
        let changed = rtl && (u.mirrors || u.joiner_tail);
        let text = match if changed { rtl_text(u, true) } else { None } {
            Some(text) => text,
            None => u.text.clone(),
        };
        out.push(VisualCluster {
            text,
            width: u.width,
            logical: u.range.clone(),
        });
    });
    out
}

/// Calls `f` with each of the units `units[lo..visible_end]` in visual
/// order (see [`place_units`]), and whether it sits in a right-to-left run.
#[inline]
pub(crate) fn for_each_visual(
    units: &[Unit],
    (lo, visible_end): (usize, usize),
    runs: &[(Range<usize>, Level)],
    reorder: bool,
    mut f: impl FnMut(&Unit, bool),
) {
    let slice = &units[lo..visible_end];
    if !reorder {
        return slice.iter().for_each(|u| f(u, false));
    }
    for (run, level) in runs {
        let a = slice.partition_point(|u| (u.ci as usize) < run.start);
        let b = slice.partition_point(|u| (u.ci as usize) < run.end);
        if level.is_rtl() {
            slice[a..b].iter().rev().for_each(|u| f(u, true));
        } else {
            slice[a..b].iter().for_each(|u| f(u, false));
        }
    }
}

/// The text `u` displays in a right-to-left run (`rtl`) when that differs
/// from its own: mirrored (rule L4), its trailing joiners first.
#[cold]
pub(crate) fn rtl_text(u: &Unit, rtl: bool) -> Option<ClusterText> {
    match (rtl, u.mirrors, u.joiner_tail) {
        (true, true, false) => Some(mirror_text(&u.text)),
        (true, true, true) => Some(joiners_first(mirror_text(&u.text))),
        (true, false, true) => Some(joiners_first(u.text.clone())),
        _ => None,
    }
}

/// A cluster's text for a right-to-left run: FriBidi reverses such a run
/// character by character, so a ZWJ or ZWNJ ending a cluster comes out
/// before the letter it follows (to its left); marks stay after their
/// letter, as with FriBidi's `--reordernsm`.
fn joiners_first(text: ClusterText) -> ClusterText {
    let s = text.as_str();
    let body = s.trim_end_matches(['\u{200C}', '\u{200D}']);
    if body.is_empty() {
        return text;
    }
    let mut out: String = s[body.len()..].chars().rev().collect();
    out.push_str(body);
    ClusterText::from(out)
}

/// Byte offsets of every character of `text` in visual order, laying each
/// bidi paragraph out as one unwrapped line and reversing single characters
/// (not clusters) in right-to-left runs. It uses the same level runs as
/// [`layout_paragraph`](super::layout_paragraph) and exists so the level
/// resolution can be checked against the Unicode conformance data, which is
/// stated per character.
pub fn visual_char_order(text: &str, base: BaseDirection) -> Vec<usize> {
    let info = resolve(text, para_level(base), Controls::Obey);
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut out = Vec::with_capacity(starts.len());
    let mut runs = Vec::new();
    for para in &info.paras {
        let chars = starts.partition_point(|&s| s < para.range.start)
            ..starts.partition_point(|&s| s < para.range.end);
        info.line_runs(para, chars, &mut runs);
        for (run, level) in runs.drain(..) {
            if level.is_rtl() {
                out.extend(starts[run].iter().rev());
            } else {
                out.extend(&starts[run]);
            }
        }
    }
    out
}
