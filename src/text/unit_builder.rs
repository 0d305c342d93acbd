//! Building the display units of a paragraph in one pass over its
//! characters: grapheme clusters (a fast path for simple characters,
//! `unicode-segmentation` for the rest), Arabic shaping, placeholders for
//! control characters, widths and UAX #14 break opportunities, each
//! character classified once by the property table.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_width::UnicodeWidthStr;

use super::cluster_text::ClusterText;
use super::controls::placeholder;
use super::graphemes::first_cluster_len;
use super::linebreak::{Breaker, Opportunity};
use super::props::{props, Props, Table};
use super::resolve::Resolved;
use super::shape::{joins_previous, Shaper, Shown as ShapedAs};
use super::units::{
    char_at, is_joiner, is_newline, is_space, plain_display, Kind, Shown, Unit, FORM_WIDTH,
};
use super::{BidiMode, Controls, LayoutOptions};

/// Builds the display units of a paragraph in one pass over its characters:
/// grapheme clusters, shaping, placeholders for control characters, widths
/// and UAX #14 break opportunities.
struct Builder<'a> {
    table: Table,
    text: &'a str,
    levels: &'a [Level],
    shaper: Option<Shaper>,
    breaker: Breaker,
    /// Bidi controls are obeyed and kept in the displayed text (for a
    /// terminal that reorders itself).
    keep_format: bool,
    /// Bidi controls are neutralised; those listed in `shown` (character
    /// indices, ascending) display as placeholders, the rest as nothing.
    show: bool,
    shown: &'a [u32],
    /// ZWJ and ZWNJ are not written (see [`Controls::Show`]).
    strip_joiners: bool,
    units: Vec<Unit>,
    /// Break opportunities so far.
    breaks: Vec<Opportunity>,
    /// The last unit ends in a lam shown as part of the next cluster's
    /// lam-alef ligature.
    merge_next: bool,
}

impl Builder<'_> {
    /// Reads the character `c` (properties `p`) at byte `pos`, the `ci`-th
    /// character, followed by `next`: notes a break opportunity before it
    /// and returns what it displays as (`None` for a lam shown in the next
    /// cluster's ligature).
    #[inline(always)]
    fn read(
        &mut self,
        (pos, ci): (usize, usize),
        (c, p): (char, Props),
        next: Option<(char, Props)>,
    ) -> Option<char> {
        if let Some(mandatory) = self.breaker.step(p.break_class()) {
            self.breaks.push(Opportunity {
                pos,
                mandatory,
                unit: Opportunity::INSIDE,
            });
        }
        let Some(shaper) = self.shaper.as_mut() else {
            return Some(plain_display(c, p));
        };
        let levels = self.levels;
        let level = levels.get(ci).copied().unwrap_or_else(Level::ltr);
        let text = self.text;
        let shown = self.shown;
        let find_next = |rtl| match next {
            Some((_, q)) if !q.transparent() => joins_previous(q, rtl)
                .then(|| levels.get(ci + 1).copied().unwrap_or_else(Level::ltr)),
            _ => next_solid(text, (levels, shown), (pos + c.len_utf8(), ci + 1), rtl),
        };
        match shaper.shape((pos, c, p), level, next.map(|n| n.0), find_next) {
            ShapedAs::Same => Some(plain_display(c, p)),
            ShapedAs::Form(f) => Some(f),
            ShapedAs::Absorbed => None,
        }
    }

    /// Adds the unit for the cluster of the one character `c` at `range`.
    #[inline(always)]
    fn single(
        &mut self,
        range: Range<usize>,
        ci: usize,
        (c, p): (char, Props),
        next: Option<(char, Props)>,
    ) {
        let pos = range.start;
        let kind = p.kind();
        let shown = self.read((pos, ci), (c, p), next);
        let mut lam_here = false;
        let (text, width, mirrors) = match (kind, shown) {
            (Kind::Format, _) if self.show => return self.control_unit(range, ci, c),
            (Kind::Format, _) if self.keep_format => (ClusterText::from_char(c), 0, false),
            (Kind::Newline | Kind::Format, _) => (ClusterText::default(), 0, false),
            (_, Some(d)) if d == c => (ClusterText::from_char(c), p.width(), p.mirrors()),
            // A plain character shown differently is shaped.
            (_, Some(d)) if p.plain() => (ClusterText::from_char(d), FORM_WIDTH, false),
            (_, Some(d)) => {
                let q = props(d);
                (ClusterText::from_char(d), q.width(), q.mirrors())
            }
            (_, None) => {
                lam_here = true;
                (ClusterText::default(), 0, false)
            }
        };
        let unit = Unit {
            range,
            text,
            width,
            ci: ci as u32,
            kind,
            mirrors,
            joiner_tail: false,
        };
        self.push(unit, lam_here);
    }

    /// Adds the unit for the cluster `range` (of more than one character, or
    /// of one that needs the general grapheme rules) starting with the
    /// `ci`-th character. Returns the number of characters in it.
    fn cluster(&mut self, range: Range<usize>, ci: usize) -> usize {
        let g = &self.text[range.clone()];
        let mut chars = g.chars();
        let first = chars.next().unwrap_or_default();
        let single = chars.as_str().is_empty();
        if single && self.show && props(first).kind() == Kind::Format {
            self.control(range, ci, (first, props(first)));
            return 1;
        }
        let kind = if single {
            props(first).kind()
        } else if is_newline(g) {
            Kind::Newline
        } else if is_space(g) {
            Kind::Space
        } else {
            Kind::Text
        };
        let mut shown = Shown::new();
        let mut lam_here = false;
        let mut count = 0;
        let mut iter = g.char_indices().peekable();
        while let Some((off, c)) = iter.next() {
            let p = props(c);
            let next = match iter.peek() {
                Some(&(_, n)) => Some((n, props(n))),
                None => char_at(self.table, self.text, range.end),
            };
            let d = self.read((range.start + off, ci + count), (c, p), next);
            count += 1;
            if matches!(kind, Kind::Newline | Kind::Format) {
                if kind == Kind::Format && self.keep_format {
                    shown.push(c, p);
                }
                continue;
            }
            if self.strip_joiners
                && is_joiner(c)
                && !iter
                    .peek()
                    .is_some_and(|&(_, n)| !props(n).transparent() && !is_joiner(n))
            {
                continue;
            }
            match d {
                Some(d) if d == c => shown.push(c, p),
                Some(d) => shown.push(d, props(d)),
                None => lam_here = true,
            }
        }
        let mirrors = shown.mirrors;
        let first_width = shown.first.map_or(0, |f| props(f).width());
        let (text, width) = shown.finish(first_width);
        let width = match kind {
            Kind::Newline | Kind::Format => 0,
            _ => width,
        };
        let unit = Unit {
            range,
            width,
            ci: ci as u32,
            kind,
            mirrors,
            joiner_tail: matches!(text.as_bytes(), [_, .., 0xE2, 0x80, 0x8C | 0x8D]),
            text,
        };
        self.push(unit, lam_here);
        count
    }

    /// Adds the unit for the bidi control `c` (a cluster of its own) in
    /// [`Controls::Show`] mode: its placeholder when it is to be shown,
    /// else nothing at zero width. A placeholder also ends the joining of
    /// the letters around it.
    #[cold]
    fn control(&mut self, range: Range<usize>, ci: usize, (c, p): (char, Props)) {
        if let Some(mandatory) = self.breaker.step(p.break_class()) {
            self.breaks.push(Opportunity {
                pos: range.start,
                mandatory,
                unit: Opportunity::INSIDE,
            });
        }
        self.control_unit(range, ci, c);
    }

    /// [`Builder::control`] once the break opportunity before `c` is noted
    /// (and shaping has passed over it: a control is transparent to it).
    #[cold]
    fn control_unit(&mut self, range: Range<usize>, ci: usize, c: char) {
        let visible = self.shown.binary_search(&(ci as u32)).is_ok();
        let (text, width, kind) = match placeholder(c).filter(|_| visible) {
            Some(sign) => {
                if let Some(shaper) = self.shaper.as_mut() {
                    shaper.interrupt();
                }
                (ClusterText::from(sign), sign.width(), Kind::Text)
            }
            None => (ClusterText::default(), 0, Kind::Format),
        };
        let unit = Unit {
            range,
            text,
            width,
            ci: ci as u32,
            kind,
            mirrors: false,
            joiner_tail: false,
        };
        self.push(unit, false);
    }

    /// Appends `unit`, or joins it to the previous unit when that one ends
    /// in the lam of a lam-alef ligature.
    #[inline(always)]
    fn push(&mut self, unit: Unit, lam_here: bool) {
        if self.merge_next || lam_here {
            return self.push_lam_alef(unit, lam_here);
        }
        if let Some(o) = self.breaks.last_mut() {
            if o.pos == unit.range.start {
                o.unit = self.units.len();
            }
        }
        self.units.push(unit);
    }

    /// [`Builder::push`] for the units of a lam-alef ligature.
    fn push_lam_alef(&mut self, unit: Unit, lam_here: bool) {
        if self.merge_next {
            if let Some(prev) = self.units.last_mut() {
                // The lam shows nothing; the alef's cluster shows the ligature.
                prev.range.end = unit.range.end;
                prev.mirrors |= unit.mirrors;
                prev.joiner_tail = unit.joiner_tail;
                self.merge_next = false;
                if prev.text.is_empty() {
                    prev.text = unit.text;
                    prev.width = unit.width;
                    return;
                }
                let text = format!("{}{}", prev.text, unit.text);
                prev.width = text.width();
                prev.text = ClusterText::from(text);
                return;
            }
        }
        self.merge_next = lam_here;
        if let Some(o) = self.breaks.last_mut() {
            if o.pos == unit.range.start {
                o.unit = self.units.len();
            }
        }
        self.units.push(unit);
    }
}

/// The level of the first non-transparent character at or after byte `at`
/// (the `ci`-th character), if it joins the character before it at a level
/// of direction `rtl`. A control displayed as a placeholder (`shown`) is
/// not transparent and joins nothing.
#[cold]
fn next_solid(
    text: &str,
    (levels, shown): (&[Level], &[u32]),
    (at, ci): (usize, usize),
    rtl: bool,
) -> Option<Level> {
    let table = Table::get();
    let is_shown = |k: usize| shown.binary_search(&((ci + k) as u32)).is_ok();
    let (k, p) = text
        .get(at..)?
        .chars()
        .map(|c| table.props(c))
        .enumerate()
        .find(|&(k, p)| !p.transparent() || is_shown(k))?;
    (joins_previous(p, rtl) && !is_shown(k))
        .then(|| levels.get(ci + k).copied().unwrap_or_else(Level::ltr))
}

/// Splits `text` into units, returning them with the UAX #14 break
/// opportunities of the text. `info` holds the per-character embedding
/// levels and the controls to show; `opts` says whether to shape, whether
/// bidi controls are shown or obeyed, and whether the terminal reorders (it
/// then gets the format characters it needs).
pub(crate) fn build_units(
    text: &str,
    info: &Resolved,
    opts: &LayoutOptions,
) -> (Vec<Unit>, Vec<Opportunity>) {
    let table = Table::get();
    let levels = &info.levels;
    let show = opts.controls == Controls::Show;
    let terminal = opts.mode == BidiMode::Terminal;
    let mut b = Builder {
        table,
        text,
        levels,
        shaper: opts.shape.then(Shaper::new),
        breaker: Breaker::new(),
        keep_format: terminal && !show,
        show,
        shown: &info.shown,
        strip_joiners: show && !terminal,
        // At most one unit per character.
        units: Vec::with_capacity(levels.len()),
        // Words are rarely shorter than three letters.
        breaks: Vec::with_capacity(text.len() / 6 + 1),
        merge_next: false,
    };
    let mut pos = 0;
    let mut ci = 0;
    let mut cur = char_at(table, text, 0);
    while let Some((c, p)) = cur {
        let len = c.len_utf8();
        let next = char_at(table, text, pos + len);
        // Two simple characters always have a boundary between them.
        if p.simple() && next.is_none_or(|(_, q)| q.simple()) {
            b.single(pos..pos + len, ci, (c, p), next);
            pos += len;
            ci += 1;
            cur = next;
        } else {
            let end = pos + first_cluster_len(&text[pos..]);
            ci += b.cluster(pos..end, ci);
            pos = end;
            cur = char_at(table, text, pos);
        }
    }
    if let Some(mandatory) = b.breaker.finish() {
        b.breaks.push(Opportunity {
            pos: text.len(),
            mandatory,
            unit: b.units.len(),
        });
    }
    (b.units, b.breaks)
}
