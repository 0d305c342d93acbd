//! Display safety for bidi controls: the layer between the bidi algorithm,
//! which `resolve` follows to the letter, and what a reader is shown.
//!
//! Text nobody here wrote may hold bidi controls that make it read
//! differently from what it says: «مقتل U+202E 0021 U+202C شخصا» (an override
//! around the digits) displays as «1200» while search finds «0021» (the
//! Trojan-Source pattern, CVE-2021-42574). In
//! [`Controls::Show`](super::Controls::Show) mode, the default for every
//! caller, the layout therefore
//!
//! * resolves levels as if every control were absent: each one is given
//!   class BN, which rule X9 removes, so the text reads in its logical
//!   order, exactly as search sees it;
//! * shows every embedding, override, isolate and pop as a placeholder
//!   (`‹RLO›`, see [`placeholder`](super::controls::placeholder)), and a
//!   mark (LRM, RLM, ALM) only where obeying it would have changed the
//!   order; the other marks stay invisible;
//! * puts a placeholder at the lower of its neighbours' levels, so that on
//!   screen it stays between the characters it sits between in the text.
//!
//! [`Controls::Obey`](super::Controls::Obey) skips this module entirely.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, BidiInfo, Level};

use super::props::props;
use super::resolve::{Para, Resolved};
use super::units::{is_bidi_format, Kind};

/// Bidi classes from the property table, with the controls made BN (the
/// marks too when `marks` is set).
struct Neutralised {
    marks: bool,
}

impl BidiDataSource for Neutralised {
    fn bidi_class(&self, c: char) -> BidiClass {
        let p = props(c);
        if p.kind() == Kind::Format && (self.marks || !is_mark(c)) {
            BN
        } else {
            p.bidi()
        }
    }
}

/// LRM, RLM and ALM: strong characters with no glyph.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Per-character levels and classes (as `unicode-bidi` gives them per
/// byte), the paragraphs, and the byte offset of every character.
fn per_char(info: &BidiInfo<'_>, starts: &[usize]) -> (Vec<Level>, Vec<BidiClass>, Vec<Para>) {
    let levels = starts.iter().map(|&at| info.levels[at]).collect();
    let classes = starts.iter().map(|&at| info.original_classes[at]).collect();
    let paras = info
        .paragraphs
        .iter()
        .map(|p| Para {
            range: p.range.clone(),
            level: p.level,
        })
        .collect();
    (levels, classes, paras)
}

/// Resolves `text`, which holds bidi controls, with the controls
/// neutralised; [`Resolved::shown`] lists the ones to display.
pub(crate) fn resolve_neutral(text: &str, base: Option<Level>) -> Resolved {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let info = BidiInfo::new_with_data_source(&Neutralised { marks: true }, text, base);
    let (mut levels, mut classes, paras) = per_char(&info, &starts);
    let chars: Vec<char> = text.chars().collect();
    let mut shown: Vec<u32> = Vec::new();
    for para in &paras {
        let span = starts.partition_point(|&s| s < para.range.start)
            ..starts.partition_point(|&s| s < para.range.end);
        let marks = chars[span.clone()].iter().any(|&c| is_mark(c));
        let mut effective = if marks {
            effective_marks(
                text,
                &starts,
                &chars,
                &levels,
                &classes,
                para,
                base.is_none(),
            )
        } else {
            Vec::new()
        };
        for ci in span.clone() {
            let c = chars[ci];
            if is_bidi_format(c) && !is_mark(c) {
                effective.push(ci as u32);
            }
        }
        effective.sort_unstable();
        if effective.is_empty() {
            continue;
        }
        // Each character's nearest neighbours that are not controls (in one
        // pass each way: a run of controls must not cost its square).
        let solid = |k: usize| !is_bidi_format(chars[k]);
        let mut before = vec![None; span.len()];
        let mut last = None;
        for k in span.clone() {
            before[k - span.start] = last;
            if solid(k) {
                last = Some(k);
            }
        }
        let mut after = vec![None; span.len()];
        let mut last = None;
        for k in span.clone().rev() {
            after[k - span.start] = last;
            if solid(k) {
                last = Some(k);
            }
        }
        // Levels are set after every placeholder is known: a neighbour is
        // a character that is not a control.
        for &ci in &effective {
            let ci = ci as usize;
            let (prev, next) = (before[ci - span.start], after[ci - span.start]);
            levels[ci] = match (prev, next) {
                (Some(a), Some(b)) => levels[a].min(levels[b]),
                (Some(a), None) | (None, Some(a)) => levels[a].min(para.level),
                (None, None) => para.level,
            };
            // Visible text now, not something rule L1 resets.
            classes[ci] = ON;
        }
        shown.extend(effective);
    }
    Resolved {
        levels,
        classes,
        paras,
        plain_l1: false,
        uniform: false,
        shown,
    }
}

/// The marks of `para` that change the order: the first strong character
/// when it decides the paragraph direction (with `auto`, rules P2–P3) and
/// no other would, and every mark near which some character's level differs
/// between obeying the marks and ignoring them (`levels`, `classes`: the
/// neutralised resolution). Character indices.
fn effective_marks(
    text: &str,
    starts: &[usize],
    chars: &[char],
    levels: &[Level],
    classes: &[BidiClass],
    para: &Para,
    auto: bool,
) -> Vec<u32> {
    let first = starts.partition_point(|&s| s < para.range.start);
    let end = starts.partition_point(|&s| s < para.range.end);
    let mut out = Vec::new();
    if auto {
        let strong = |c: char| match props(c).bidi() {
            L => Some(false),
            R | AL => Some(true),
            _ => None,
        };
        let decider = chars[first..end]
            .iter()
            .enumerate()
            .filter(|(_, &c)| !is_bidi_format(c) || is_mark(c))
            .find_map(|(k, &c)| strong(c).map(|rtl| (first + k, rtl)));
        if let Some((k, rtl)) = decider {
            if is_mark(chars[k]) && rtl != para.level.is_rtl() {
                out.push(k as u32);
            }
        }
    }
    // The marks obeyed, at the neutralised paragraph level.
    let slice = &text[para.range.clone()];
    let obeyed =
        BidiInfo::new_with_data_source(&Neutralised { marks: false }, slice, Some(para.level));
    let differs: Vec<bool> = (first..end)
        .map(|ci| {
            let at = starts[ci] - para.range.start;
            !is_bidi_format(chars[ci]) && obeyed.levels[at] != levels[ci]
        })
        .collect();
    if !differs.iter().any(|&d| d) {
        return out;
    }
    // Each mark reaches the characters between the strong characters
    // around it (rules W2, W7, N1 and N2 look no further); brackets are
    // inside that reach or pair with one that is.
    let is_strong = |k: usize| matches!(classes[k], L | R | AL);
    let mut prev_strong = vec![first; end - first];
    let mut last = first;
    for k in first..end {
        prev_strong[k - first] = last;
        if is_strong(k) {
            last = k;
        }
    }
    let mut next_strong = vec![end - 1; end - first];
    let mut next = end - 1;
    for k in (first..end).rev() {
        next_strong[k - first] = next;
        if is_strong(k) {
            next = k;
        }
    }
    // Differences counted before each index, to test a reach at once.
    let mut before = Vec::with_capacity(differs.len() + 1);
    before.push(0usize);
    for &d in &differs {
        before.push(before.last().copied().unwrap_or(0) + usize::from(d));
    }
    let mut covered = vec![0i32; differs.len() + 1];
    let mut marks = Vec::new();
    for k in first..end {
        if !is_mark(chars[k]) {
            continue;
        }
        marks.push(k as u32);
        let (lo, hi) = (
            prev_strong[k - first] - first,
            next_strong[k - first] - first,
        );
        if before[hi + 1] > before[lo] {
            out.push(k as u32);
            covered[lo] += 1;
            covered[hi + 1] -= 1;
        }
    }
    // A difference no flagged mark reaches: flag them all rather than
    // hide it.
    let mut depth = 0;
    let unexplained = differs.iter().enumerate().any(|(i, &d)| {
        depth += covered[i];
        d && depth == 0
    });
    if unexplained {
        return marks;
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_of_controls_costs_no_more_than_its_length() {
        // Each placeholder looks for its nearest neighbours that are not
        // controls: done naively that is quadratic in a run of controls.
        let n = 200_000;
        let text = format!("x{}y", "\u{202e}".repeat(n));
        let r = resolve_neutral(&text, None);
        assert_eq!(r.shown.len(), n);
        let marks = format!("1 {}2", "\u{200f}".repeat(n));
        let r = resolve_neutral(&marks, None);
        assert_eq!(r.levels.len(), n + 3);
    }
}
