//! Choosing line breaks in logical order.
//!
//! Break opportunities come from UAX #14, found by [`Breaker`] while the
//! units are built, plus a forced break at the end of every bidi paragraph.
//! Lines are filled greedily. The whitespace at a wrap point hangs past the
//! edge: it belongs to the line it ends but is hidden (not drawn). A word
//! wider than the whole width is cut at cluster boundaries.

use std::ops::Range;

use unicode_linebreak::BreakClass;

use super::linebreak_table::{ALLOWED_BREAK_BIT, EOT, MANDATORY_BREAK_BIT, PAIR_TABLE, SOT};
use super::resolve::Para;
use super::units::{Kind, Unit};

/// [`PAIR_TABLE`] padded to 64 by 64 so that six-bit indices need no bounds
/// check (states and classes are below 64).
static PAIRS: [[u8; 64]; 64] = {
    let mut t = [[0u8; 64]; 64];
    let mut s = 0;
    while s < PAIR_TABLE.len() {
        let mut c = 0;
        while c < PAIR_TABLE[s].len() {
            t[s][c] = PAIR_TABLE[s][c];
            c += 1;
        }
        s += 1;
    }
    t
};

/// UAX #14 break opportunities one character at a time: the state machine of
/// `unicode_linebreak::linebreaks`, with its own (generated) pair table, fed
/// with break classes the caller already has.
pub(crate) struct Breaker {
    state: u8,
    after_zwj: bool,
}

impl Breaker {
    pub(crate) fn new() -> Self {
        Breaker {
            state: SOT,
            after_zwj: false,
        }
    }

    /// Reads the next character, of break class `class`
    /// (`BreakClass as u8`): `Some(mandatory)` when there is a break
    /// opportunity before it.
    #[inline]
    pub(crate) fn step(&mut self, class: u8) -> Option<bool> {
        let val = PAIRS[usize::from(self.state & 63)][usize::from(class & 63)];
        let mandatory = val & MANDATORY_BREAK_BIT != 0;
        let allowed = val & ALLOWED_BREAK_BIT != 0 && (!self.after_zwj || mandatory);
        self.state = val & !(ALLOWED_BREAK_BIT | MANDATORY_BREAK_BIT);
        self.after_zwj = class == BreakClass::ZeroWidthJoiner as u8;
        allowed.then_some(mandatory)
    }

    /// The opportunity at the end of the text.
    pub(crate) fn finish(&mut self) -> Option<bool> {
        self.step(EOT)
    }
}

/// One line as a range of units; units from `visible_end` on are hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineSpec {
    pub units: Range<usize>,
    pub visible_end: usize,
}

/// A UAX #14 break opportunity before the character at byte `pos`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opportunity {
    pub pos: usize,
    pub mandatory: bool,
    /// Index of the unit starting at `pos` (the number of units at the end
    /// of the text), or [`Opportunity::INSIDE`] when `pos` is inside a unit.
    pub unit: usize,
}

impl Opportunity {
    pub(crate) const INSIDE: usize = usize::MAX;
}

/// Unit indices where a new segment may start, each with whether the break
/// there is mandatory, from the break opportunities `opps`. The last entry
/// is always `units.len()`.
fn break_points(opps: &[Opportunity], units: &[Unit], paras: &[Para]) -> Vec<(usize, bool)> {
    let mut points = Vec::with_capacity(opps.len() + 1);
    let mut pe = paras.iter().map(|p| p.range.end).peekable();
    for o in opps {
        let mut mandatory = o.mandatory;
        while let Some(&end) = pe.peek() {
            if end > o.pos {
                break;
            }
            pe.next();
            if end == o.pos {
                mandatory = true;
            } else if let Some(i) = unit_starting_at(units, end) {
                points.push((i, true));
            }
        }
        if o.unit != Opportunity::INSIDE {
            points.push((o.unit, mandatory));
        }
    }
    if points.last().map(|p| p.0) != Some(units.len()) {
        points.push((units.len(), true));
    }
    points
}

/// Index of the unit starting at byte `pos` (or `units.len()` at the end);
/// `None` when `pos` is inside a unit.
fn unit_starting_at(units: &[Unit], pos: usize) -> Option<usize> {
    let i = units.partition_point(|u| u.range.start < pos);
    match units.get(i) {
        Some(u) if u.range.start == pos => Some(i),
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

/// Breaks `units` into lines at most `width` cells wide. `opps` are the
/// UAX #14 break opportunities; every bidi paragraph of `paras` ends with a
/// forced break.
pub(crate) fn break_lines(
    opps: &[Opportunity],
    units: &[Unit],
    width: usize,
    paras: &[Para],
) -> Vec<LineSpec> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut cur: usize = 0;
    let mut seg_start = 0;
    for (seg_end, mandatory) in break_points(opps, units, paras) {
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

#[cfg(test)]
mod tests {
    use unicode_linebreak::{break_property, linebreaks, BreakOpportunity};

    use super::*;
    use crate::text::props::props;

    fn ours(text: &str) -> Vec<(usize, bool)> {
        let mut b = Breaker::new();
        let mut out: Vec<(usize, bool)> = text
            .char_indices()
            .filter_map(|(i, c)| {
                assert_eq!(props(c).break_class(), break_property(c as u32) as u8);
                b.step(props(c).break_class()).map(|m| (i, m))
            })
            .collect();
        out.extend(b.finish().map(|m| (text.len(), m)));
        out
    }

    fn theirs(text: &str) -> Vec<(usize, bool)> {
        linebreaks(text)
            .map(|(i, o)| (i, o == BreakOpportunity::Mandatory))
            .collect()
    }

    /// Every sequence of up to three characters, one of each break class,
    /// and the seed text: the same opportunities as `unicode-linebreak`.
    #[test]
    fn breaker_agrees_with_unicode_linebreak() {
        let mut reps: Vec<char> = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let class = break_property(c as u32) as u8;
            if !reps
                .iter()
                .any(|&r| break_property(r as u32) as u8 == class)
            {
                reps.push(c);
            }
        }
        assert!(reps.len() >= 40, "{}", reps.len());
        assert_eq!(ours(""), theirs(""));
        for &a in &reps {
            for &b in &reps {
                for &c in &reps {
                    let s: String = [a, b, c].iter().collect();
                    assert_eq!(ours(&s), theirs(&s), "{s:?}");
                    assert_eq!(ours(&s[..a.len_utf8()]), theirs(&s[..a.len_utf8()]));
                }
            }
        }
        for line in crate::corpus::seed_lines() {
            assert_eq!(ours(line), theirs(line));
        }
    }
}
