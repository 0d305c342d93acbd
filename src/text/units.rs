//! Splitting a paragraph into display units in logical order.
//!
//! A unit is one extended grapheme cluster, except that a lam-alef ligature
//! joins the lam's cluster and the alef's cluster into one unit. Each unit
//! knows its logical byte range, the text to display (shaped, with
//! placeholders for control characters) and its width in cells.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_width::UnicodeWidthStr;

use super::cluster_text::ClusterText;
use super::controls::control_picture;
use super::graphemes::first_cluster_len;
use super::linebreak::{Breaker, Opportunity};
use super::props::{props, Props, Table};
use super::shape::{Shaper, Shown as ShapedAs};
use super::utf8;

/// What role a unit plays in line breaking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Ordinary visible text.
    Text,
    /// Breaking whitespace (space, tab): may hang or be hidden at a wrap.
    Space,
    /// A bidi format character: zero width, shown as nothing.
    Format,
    /// A line or paragraph separator: forces a break and is never drawn.
    Newline,
}

/// One display unit in logical order.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// Logical byte range in the paragraph.
    pub range: Range<usize>,
    /// The displayed text (shaped, with placeholders), before mirroring.
    pub text: ClusterText,
    pub width: usize,
    /// Index of the unit's first character among the paragraph's.
    pub ci: u32,
    pub kind: Kind,
    /// Whether some displayed character has a mirror glyph.
    pub mirrors: bool,
}

/// Bidi format characters, which rule X9 removes from display.
pub(crate) fn is_bidi_format(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_newline(g: &str) -> bool {
    matches!(g, "\n" | "\r\n" | "\u{2028}" | "\u{2029}")
}

fn is_space(g: &str) -> bool {
    g.chars()
        .all(|c| c == '\t' || (c.is_whitespace() && control_picture(c).is_none() && c != '\u{a0}'))
        && !g.is_empty()
        && !is_newline(g)
}

/// The kind of a cluster of the single character `c`: what the general
/// tests in [`build_units`] give for it, answered quickly for ASCII.
pub(crate) fn single_kind(c: char) -> Kind {
    match c {
        ' ' | '\t' => Kind::Space,
        '\n' | '\u{2028}' | '\u{2029}' => Kind::Newline,
        _ if c.is_ascii() => Kind::Text,
        // Hebrew and Arabic letters and digits, presentation forms.
        _ if narrow(c) => Kind::Text,
        _ if is_bidi_format(c) => Kind::Format,
        _ if c.is_whitespace() && control_picture(c).is_none() && c != '\u{a0}' => Kind::Space,
        _ => Kind::Text,
    }
}

/// Characters known to take exactly one cell: printable ASCII, Hebrew and
/// Arabic letters and digits, and Arabic presentation forms.
#[inline]
fn narrow(c: char) -> bool {
    matches!(c as u32, 0x20..=0x7E | 0x05D0..=0x05EA | 0x0621..=0x064A | 0x0660..=0x0669 | 0xFE70..=0xFEFC)
}

/// What a cluster's characters display as, gathered while building a unit.
struct Shown {
    /// The displayed characters, when more than one.
    text: String,
    /// The first displayed character.
    first: Option<char>,
    /// Whether some displayed character has a mirror glyph.
    mirrors: bool,
}

impl Shown {
    fn new() -> Self {
        Shown {
            text: String::new(),
            first: None,
            mirrors: false,
        }
    }

    #[inline]
    fn push(&mut self, d: char, p: Props) {
        self.mirrors |= p.mirrors();
        match self.first {
            None => self.first = Some(d),
            Some(f) => {
                if self.text.is_empty() {
                    self.text.push(f);
                }
                self.text.push(d);
            }
        }
    }

    /// The text and its width in cells.
    fn finish(self, first_width: usize) -> (ClusterText, usize) {
        match self.first {
            None => (ClusterText::default(), 0),
            Some(f) if self.text.is_empty() => (ClusterText::from_char(f), first_width),
            Some(_) => {
                let w = self.text.width();
                (ClusterText::from(self.text), w)
            }
        }
    }
}

/// The character starting at byte `at` of `text` and its properties.
#[inline]
fn char_at(table: Table, text: &str, at: usize) -> Option<(char, Props)> {
    let c = utf8::char_at(text, at)?;
    Some((c, table.props(c)))
}

/// Width of every presentation form and lam-alef ligature shaping shows
/// (none of them has a mirror glyph); checked by a unit test.
const FORM_WIDTH: usize = 1;

/// Builds the display units of a paragraph in one pass over its characters:
/// grapheme clusters, shaping, placeholders for control characters, widths
/// and UAX #14 break opportunities.
struct Builder<'a> {
    table: Table,
    text: &'a str,
    levels: &'a [Level],
    shaper: Option<Shaper>,
    breaker: Breaker,
    keep_format: bool,
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
        let find_next = || match next {
            Some((_, q)) if !q.transparent() => q
                .joins_right()
                .then(|| levels.get(ci + 1).copied().unwrap_or_else(Level::ltr)),
            _ => next_solid(text, levels, pos + c.len_utf8(), ci + 1),
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
        let kind = if chars.as_str().is_empty() {
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
            text,
            width,
            ci: ci as u32,
            kind,
            mirrors,
        };
        self.push(unit, lam_here);
        count
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

/// How `c` is displayed when shaping leaves it alone.
#[inline]
fn plain_display(c: char, p: Props) -> char {
    if p.plain() {
        c
    } else if c == '\t' {
        ' '
    } else {
        control_picture(c).unwrap_or(c)
    }
}

/// The level of the first non-transparent character at or after byte `at`
/// (the `ci`-th character), if it joins the character before it.
#[cold]
fn next_solid(text: &str, levels: &[Level], at: usize, ci: usize) -> Option<Level> {
    let table = Table::get();
    let (k, p) = text
        .get(at..)?
        .chars()
        .map(|c| table.props(c))
        .enumerate()
        .find(|(_, p)| !p.transparent())?;
    p.joins_right()
        .then(|| levels.get(ci + k).copied().unwrap_or_else(Level::ltr))
}

/// Splits `text` into units, returning them with the UAX #14 break
/// opportunities of the text. `levels` are the
/// per-character embedding levels; `shape_arabic` turns on shaping;
/// `keep_format` keeps bidi format characters in the displayed text (for
/// terminals that reorder themselves).
pub(crate) fn build_units(
    text: &str,
    levels: &[Level],
    shape_arabic: bool,
    keep_format: bool,
) -> (Vec<Unit>, Vec<Opportunity>) {
    let table = Table::get();
    let mut b = Builder {
        table,
        text,
        levels,
        shaper: shape_arabic.then(Shaper::new),
        breaker: Breaker::new(),
        keep_format,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic_tables::{FORMS, LAM_ALEF};

    #[test]
    fn every_shaped_form_is_one_cell_and_unmirrored() {
        let forms = FORMS.iter().flat_map(|r| [r.1, r.2, r.3, r.4]);
        let ligatures = LAM_ALEF.iter().flat_map(|r| [r.1, r.2]);
        for cp in forms.chain(ligatures).filter(|&cp| cp != 0) {
            let c = char::from_u32(cp).expect("a character");
            assert_eq!(props(c).width(), FORM_WIDTH, "U+{cp:04X}");
            assert!(!props(c).mirrors(), "U+{cp:04X}");
            assert!(props(c).plain(), "U+{cp:04X}");
        }
    }
}
