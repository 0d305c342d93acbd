//! Laying out a paragraph or a one-line title.

use unicode_bidi::Level;

use super::linebreak::{break_lines, LineSpec, Opportunity};
use super::resolve::{resolve, Resolved};
use super::unit_builder::build_units;
use super::units::{Kind, Unit};
use super::visual::place_units;
use super::{
    BaseDirection, BidiMode, LayoutOptions, ParagraphLayout, VisualCluster, VisualLine,
    UNLIMITED_WIDTH,
};

/// The paragraph level to hand to `unicode-bidi` for `base`.
pub(crate) fn para_level(base: BaseDirection) -> Option<Level> {
    match base {
        BaseDirection::Auto => None,
        BaseDirection::Rtl => Some(Level::rtl()),
        BaseDirection::Ltr => Some(Level::ltr()),
    }
}

fn is_rtl(info: &Resolved, base: BaseDirection) -> bool {
    match base {
        BaseDirection::Rtl => true,
        BaseDirection::Ltr => false,
        BaseDirection::Auto => info.paras.first().is_some_and(|p| p.level.is_rtl()),
    }
}

/// Level runs of a line, kept between lines to reuse the allocation.
pub(crate) type Runs = Vec<(std::ops::Range<usize>, Level)>;

/// The direction of the line for `spec` (`default_rtl` for a line with no
/// units) and whether its units are to be reordered; in [`BidiMode::App`]
/// its level runs are put in `runs` (scratch space).
pub(crate) fn line_order(
    info: &Resolved,
    units: &[Unit],
    spec: &LineSpec,
    (mode, default_rtl): (BidiMode, bool),
    runs: &mut Runs,
) -> (bool, bool) {
    runs.clear();
    let Some(first) = units
        .get(spec.units.start)
        .filter(|_| !spec.units.is_empty())
    else {
        return (default_rtl, false);
    };
    let para = info.para_at(first.range.start);
    let rtl = para.map_or(default_rtl, |p| p.level.is_rtl());
    if let (BidiMode::App, Some(p)) = (mode, para) {
        let chars_end = units
            .get(spec.units.end)
            .map_or(info.levels.len(), |u| u.ci as usize);
        info.line_runs(p, first.ci as usize..chars_end, runs);
    }
    (rtl, mode == BidiMode::App && para.is_some())
}

/// Builds the visual line for `spec` from `units`; `runs` is scratch space.
fn make_line(
    info: &Resolved,
    units: &[Unit],
    spec: &LineSpec,
    (mode, default_rtl): (BidiMode, bool),
    runs: &mut Runs,
) -> VisualLine {
    let (Some(first), Some(last)) = (
        units.get(spec.units.start),
        spec.units.end.checked_sub(1).and_then(|i| units.get(i)),
    ) else {
        return VisualLine {
            rtl: default_rtl,
            ..VisualLine::default()
        };
    };
    let logical = first.range.start..last.range.end;
    let hidden_start = units
        .get(spec.visible_end)
        .filter(|_| spec.visible_end < spec.units.end)
        .map_or(logical.end, |u| u.range.start);
    let (rtl, reorder) = line_order(info, units, spec, (mode, default_rtl), runs);
    let clusters = place_units(units, spec.units.start, spec.visible_end, runs, reorder);
    VisualLine {
        indent: 0,
        clusters,
        hidden: hidden_start..logical.end,
        logical,
        rtl,
    }
}

/// Right-aligns right-to-left lines to `width` (or, when `width` is at least
/// [`UNLIMITED_WIDTH`], to the widest of `lines`) by setting their indent.
pub(crate) fn align_lines(lines: &mut [VisualLine], width: usize) {
    let target = if width >= UNLIMITED_WIDTH {
        lines.iter().map(VisualLine::text_width).max().unwrap_or(0)
    } else {
        width
    };
    for line in lines {
        line.indent = if line.rtl {
            target.saturating_sub(line.text_width())
        } else {
            0
        };
    }
}

/// What both layouts start from: levels resolved once for the paragraph,
/// its direction, and its display units (clusters, shaped if asked).
pub(crate) fn prepare(
    text: &str,
    opts: &LayoutOptions,
) -> (Resolved, bool, Vec<Unit>, Vec<Opportunity>) {
    let info = resolve(text, para_level(opts.base), opts.controls);
    let rtl = is_rtl(&info, opts.base);
    let (units, breaks) = build_units(text, &info, opts);
    (info, rtl, units, breaks)
}

/// Lays out one paragraph of `text` for `opts.width` cells.
///
/// Embedding levels are resolved once for the whole text, lines are broken
/// in logical order, then each line is reordered for display (in
/// [`BidiMode::App`]). Text containing paragraph separators (newline, U+2029)
/// is handled as several bidi paragraphs with a forced break after each
/// separator; the separators themselves are hidden.
///
/// Whitespace at a wrap point is not drawn: it is listed in the line's
/// [`VisualLine::hidden`] range. At the end of the text or before a forced
/// break, trailing whitespace is drawn as far as it fits.
///
/// A single cluster wider than the width (a wide character when the width is
/// 1 or 0, a control's five-cell placeholder when it is under 5) is put on a
/// line of its own, which is then wider than the width.
pub fn layout_paragraph(text: &str, opts: &LayoutOptions) -> ParagraphLayout {
    let (info, rtl, units, breaks) = prepare(text, opts);
    let specs = break_lines(&breaks, &units, opts.width, &info.paras);
    let mut runs = Runs::new();
    let mut lines: Vec<VisualLine> = specs
        .iter()
        .map(|spec| make_line(&info, &units, spec, (opts.mode, rtl), &mut runs))
        .collect();
    if opts.align {
        align_lines(&mut lines, opts.width);
    }
    ParagraphLayout { rtl, lines }
}

/// Lays out `text` as a single line of at most `width` cells, for titles and
/// list entries.
///
/// When the text is too wide it is cut in logical order and an ellipsis
/// ("…", one cell) is put at its logical end, which after reordering is the
/// left edge of a right-to-left title. The ellipsis cluster's logical range
/// is everything that was cut off. Forced breaks in the text are ignored
/// (their separators are hidden); `opts.width` is not used, `width` is.
pub fn layout_title(text: &str, width: usize, opts: &LayoutOptions) -> VisualLine {
    let (info, rtl, units, _) = prepare(text, opts);
    let drawn = |u: &Unit| if u.kind == Kind::Newline { 0 } else { u.width };
    let total: usize = units.iter().map(drawn).sum();
    let (cut, ellipsis) = if total <= width {
        (units.len(), false)
    } else {
        let mut used = 0;
        let mut cut = 0;
        // The last space before the cut, and the width used up to it.
        let mut last_space = None;
        while cut < units.len() && used + drawn(&units[cut]) < width {
            if matches!(units[cut].kind, Kind::Space | Kind::Newline) {
                last_space = Some((cut, used));
            }
            used += drawn(&units[cut]);
            cut += 1;
        }
        let mid_word = !matches!(units[cut].kind, Kind::Space | Kind::Newline);
        // A word cut in half reads as another word: end at the last whole
        // word instead, unless that leaves most of the room empty (one
        // long word).
        if let Some((space, before)) = last_space.filter(|_| mid_word) {
            if before * 2 >= width {
                cut = space;
            }
        }
        while cut > 0 && matches!(units[cut - 1].kind, Kind::Space | Kind::Newline) {
            cut -= 1;
        }
        (cut, width > 0)
    };
    let cut_at = units.get(cut).map_or(text.len(), |u| u.range.start);
    let spec = LineSpec {
        units: 0..cut,
        visible_end: cut,
    };
    let mut line = make_line(&info, &units, &spec, (opts.mode, rtl), &mut Runs::new());
    line.rtl = rtl;
    if ellipsis {
        let dots = VisualCluster {
            text: "…".into(),
            width: 1,
            logical: cut_at..text.len(),
        };
        if rtl && opts.mode == BidiMode::App {
            line.clusters.insert(0, dots);
        } else {
            line.clusters.push(dots);
        }
        line.logical = 0..text.len();
        line.hidden = text.len()..text.len();
    } else if cut == 0 {
        line.logical = 0..text.len();
        line.hidden = text.len()..text.len();
    }
    if opts.align {
        align_lines(std::slice::from_mut(&mut line), width);
    }
    line
}
