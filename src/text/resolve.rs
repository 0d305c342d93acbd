//! Resolved embedding levels of a text and the visual order of its lines.
//!
//! Levels come from the fast path in `implicit` when the text allows it and
//! from `unicode-bidi` otherwise. Levels and classes are kept per character
//! (every byte of a character has its level). Lines are reordered here
//! (rules L1 and L2) on a copy of the line's own levels only, following
//! `unicode-bidi`'s `visual_runs` step for step.

use std::ops::Range;

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::Level;

use super::bidi_data::bidi_info;
use super::implicit::resolve_simple;
use super::neutral::resolve_neutral;
use super::units::is_bidi_format;
use super::Controls;

/// One bidi paragraph: its byte range (separator included) and level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Para {
    pub range: Range<usize>,
    pub level: Level,
}

/// Resolved levels and bidi classes of a text, and its paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The level of every character.
    pub levels: Vec<Level>,
    /// The class of every character as far as rule L1 cares: the original
    /// class of every character of class WS, S, B, BN or an explicit
    /// embedding, override or isolate, and none of those classes elsewhere.
    pub classes: Vec<BidiClass>,
    pub paras: Vec<Para>,
    /// No character is of class B, S, BN or an explicit embedding, override
    /// or isolate, so rule L1 only resets whitespace at the end of a line.
    pub plain_l1: bool,
    /// Every character is at the level of its (single) paragraph, so every
    /// line is one run.
    pub uniform: bool,
    /// Character indices (ascending) of the bidi controls to display as
    /// placeholders; the other controls display as nothing. Only ever
    /// filled in [`Controls::Show`] mode (see `neutral`).
    pub shown: Vec<u32>,
}

/// Resolves the embedding levels of `text` (rules P1–I2): as the algorithm
/// says with [`Controls::Obey`], as if its bidi controls were absent with
/// [`Controls::Show`].
pub(crate) fn resolve(text: &str, base: Option<Level>, controls: Controls) -> Resolved {
    let show = controls == Controls::Show;
    if let Some(r) = resolve_simple(text, base, show) {
        return r;
    }
    if show && text.chars().any(is_bidi_format) {
        return resolve_neutral(text, base);
    }
    let info = bidi_info(text, base);
    // `unicode-bidi` gives every byte its character's level and class.
    let (levels, classes) = text
        .char_indices()
        .map(|(at, _)| (info.levels[at], info.original_classes[at]))
        .unzip();
    Resolved {
        paras: info
            .paragraphs
            .iter()
            .map(|p| Para {
                range: p.range.clone(),
                level: p.level,
            })
            .collect(),
        levels,
        classes,
        plain_l1: false,
        uniform: false,
        shown: Vec::new(),
    }
}

impl Resolved {
    /// The paragraph containing byte `pos` (the last one if none does).
    pub(crate) fn para_at(&self, pos: usize) -> Option<&Para> {
        self.paras
            .iter()
            .find(|p| p.range.contains(&pos))
            .or(self.paras.last())
    }

    /// Level runs of the characters `line` (inside `para`) in visual order,
    /// as character index ranges, each with its level after rule L1. They
    /// replace the contents of `runs`.
    pub(crate) fn line_runs(
        &self,
        para: &Para,
        line: Range<usize>,
        runs: &mut Vec<(Range<usize>, Level)>,
    ) {
        runs.clear();
        if line.is_empty() {
            return;
        }
        if self.uniform {
            // Rule L1 only ever sets the paragraph level.
            runs.push((line, para.level));
            return;
        }
        let levels = &self.levels[line.clone()];
        if !para.level.is_rtl() && !levels.iter().any(|l| l.is_rtl()) {
            // All even levels: L2 leaves the logical order as it is.
            runs.push((line, para.level));
            return;
        }
        let classes = &self.classes[line.clone()];
        if self.plain_l1 {
            let trailing = classes.iter().rposition(|&c| c != WS).map_or(0, |k| k + 1);
            return visual_runs(levels, trailing, para.level, line.start, runs);
        }
        let mut levels = levels.to_vec();
        reset_whitespace(classes, &mut levels, para.level);
        visual_runs(&levels, levels.len(), para.level, line.start, runs)
    }
}

/// Rule L1 on one line's levels, as `unicode-bidi` applies it.
fn reset_whitespace(classes: &[BidiClass], levels: &mut [Level], para: Level) {
    let mut reset_from: Option<usize> = Some(0);
    let mut reset_to: Option<usize> = None;
    let mut prev_level = para;
    for (i, &class) in classes.iter().enumerate() {
        match class {
            B | S => {
                reset_to = Some(i + 1);
                reset_from.get_or_insert(i);
            }
            WS | FSI | LRI | RLI | PDI => {
                reset_from.get_or_insert(i);
            }
            RLE | LRE | RLO | LRO | PDF | BN => {
                reset_from.get_or_insert(i);
                levels[i] = prev_level;
            }
            _ => reset_from = None,
        }
        if let (Some(from), Some(to)) = (reset_from, reset_to) {
            levels[from..to].fill(para);
            reset_from = None;
            reset_to = None;
        }
        prev_level = levels[i];
    }
    if let Some(from) = reset_from {
        levels[from..].fill(para);
    }
}

/// Rule L2: the runs of equal level of a line which starts at character
/// `base`, in visual order, with their levels, pushed to the empty `runs`.
/// The line's levels are `levels` up to `trailing` and `para` from there on.
fn visual_runs(
    levels: &[Level],
    trailing: usize,
    para: Level,
    base: usize,
    runs: &mut Vec<(Range<usize>, Level)>,
) {
    let level_at = |i: usize| if i < trailing { levels[i] } else { para };
    let mut start = 0;
    let mut current = level_at(0);
    for i in 1..levels.len() {
        let l = level_at(i);
        if l != current {
            runs.push((base + start..base + i, current));
            start = i;
            current = l;
        }
    }
    runs.push((base + start..base + levels.len(), current));
    let max = runs.iter().map(|r| r.1).max().unwrap_or(para);
    let min = runs.iter().map(|r| r.1).min().unwrap_or(para);
    let lowest_odd = min.number() | 1;
    let mut level = max.number();
    while level >= lowest_odd {
        let mut k = 0;
        while k < runs.len() {
            if runs[k].1.number() < level {
                k += 1;
                continue;
            }
            let from = k;
            while k < runs.len() && runs[k].1.number() >= level {
                k += 1;
            }
            runs[from..k].reverse();
        }
        level -= 1;
    }
}
