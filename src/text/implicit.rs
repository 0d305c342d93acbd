//! A fast path for resolving embedding levels (UAX #9) of the common case: a
//! single paragraph without explicit embeddings, overrides, isolates or
//! boundary-neutral characters.
//!
//! Such a paragraph is one isolating run sequence at the paragraph level with
//! `sos` and `eos` both of the paragraph's direction, so rules X1–X10 do
//! nothing and rules W1–W7, N0–N2 and I1–I2 apply to the whole text. They
//! are applied here once per character rather than once per byte, with no
//! intermediate level runs, in three passes: W1–W3 while the characters are
//! classified, W4–W7, then N1–N2 with I1–I2 (N0 in between when there are
//! brackets); only the first when the paragraph has no letters or numbers
//! of the other direction. Anything else returns `None` and is left to
//! `unicode-bidi`; the conformance test covers both paths.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData, Level};

use super::props::{props, Table};
use super::resolve::{Para, Resolved};
use super::units::Kind;
use super::utf8::CharIndices;

/// Classes that take this path off the fast path.
fn unsupported(class: BidiClass) -> bool {
    matches!(
        class,
        B | BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
    )
}

/// A bracket character that may pair (BD14, BD15): its index among the
/// characters, byte offset, normalised opening bracket and whether it opens.
type Bracket = (usize, usize, char, bool);

/// The paragraph level from the first strong character (rules P2 and P3),
/// for text without isolates.
fn first_strong_level(text: &str, table: Table) -> Level {
    for c in text.chars() {
        match table.props(c).bidi() {
            L => return Level::ltr(),
            R | AL => return Level::rtl(),
            _ => {}
        }
    }
    Level::ltr()
}

/// Resolves `text` if it qualifies for the fast path (see the module docs);
/// with `no_marks`, a text holding LRM, RLM or ALM does not (in
/// [`Controls::Show`](super::Controls::Show) mode marks are controls).
pub(crate) fn resolve_simple(text: &str, base: Option<Level>, no_marks: bool) -> Option<Resolved> {
    let table = Table::get();
    let level = base.unwrap_or_else(|| first_strong_level(text, table));
    let sos = if level.is_rtl() { R } else { L };
    // Classes after rules W1–W3, applied as the characters are read.
    let mut cls: Vec<BidiClass> = Vec::with_capacity(text.len());
    let mut brackets: Vec<Bracket> = Vec::new();
    let mut pure_ltr = true;
    // No L, EN or AN: in a right-to-left paragraph everything resolves to R.
    let mut pure_rtl = true;
    let mut segment_separators = false;
    let mut prev = sos;
    let mut last_strong = sos;
    for (at, c) in CharIndices::new(text) {
        let p = table.props(c);
        let class = p.bidi();
        match class {
            L | R | AL if no_marks && p.kind() == Kind::Format => return None,
            L | EN => pure_rtl = false,
            R | AL => pure_ltr = false,
            AN => {
                pure_ltr = false;
                pure_rtl = false;
            }
            // All paired brackets are ON (BidiBrackets.txt).
            ON if p.bracket() => {
                if let Some(m) = HardcodedBidiData.bidi_matched_opening_bracket(c) {
                    brackets.push((cls.len(), at, m.opening, m.is_open));
                }
            }
            S => segment_separators = true,
            _ if unsupported(class) => return None,
            _ => {}
        }
        // W1: marks take the class before them; W2: European digits after
        // Arabic letters are Arabic; W3: Arabic letters are R.
        let mut w = if class == NSM { prev } else { class };
        match w {
            L | R | AL => last_strong = w,
            EN if last_strong == AL => w = AN,
            _ => {}
        }
        prev = w;
        cls.push(match w {
            AL => R,
            // A mark after whitespace is resolved like whitespace, but rule
            // L1 must not take it for whitespace: ON is resolved the same.
            WS | S if class == NSM => ON,
            _ => w,
        });
    }
    let paras = vec![Para {
        range: 0..text.len(),
        level,
    }];
    let plain_l1 = !segment_separators;
    // Without numbers and letters of the other direction, rules W1–W7 leave
    // only strong types of the paragraph's direction and neutrals, and
    // N0–N2 resolve every neutral to that direction (sos and eos have it
    // too): every character is at the paragraph level.
    if (level.is_ltr() && pure_ltr) || (level.is_rtl() && pure_rtl) {
        return Some(Resolved {
            levels: vec![level; cls.len()],
            classes: cls,
            paras,
            plain_l1,
            uniform: true,
            shown: Vec::new(),
        });
    }
    resolve_weak(&mut cls, sos);
    resolve_brackets(text, &mut cls, &brackets, sos);
    // Rules W1–W7 and N0 leave the classes that rule L1 looks at (WS and S)
    // where they are and make no new ones.
    Some(Resolved {
        levels: resolve_neutral_levels(&cls, sos, level)?,
        classes: cls,
        paras,
        plain_l1,
        uniform: false,
        shown: Vec::new(),
    })
}

/// Rules W4–W7 in one pass over one isolating run sequence with no
/// isolates or BN, after W1–W3.
fn resolve_weak(cls: &mut [BidiClass], sos: BidiClass) {
    let mut last_strong = sos;
    // The class of the previous character after W4 (before W5–W7).
    let mut prev = ON;
    let mut i = 0;
    while i < cls.len() {
        let c = cls[i];
        match c {
            // W5: runs of terminators next to a European number are
            // European numbers (W7: L after L); W6: others are ON.
            ET => {
                let start = i;
                while i < cls.len() && cls[i] == ET {
                    i += 1;
                }
                let by_en = prev == EN || cls.get(i) == Some(&EN);
                let fill = match (by_en, last_strong) {
                    (true, L) => L,
                    (true, _) => EN,
                    (false, _) => ON,
                };
                cls[start..i].fill(fill);
                prev = ET;
                continue;
            }
            // W4: a single separator between two numbers of the same kind
            // joins them; W6: other separators are ON.
            ES | CS => {
                let w4 = match (prev, c, cls.get(i + 1)) {
                    (EN, _, Some(EN)) => EN,
                    (AN, CS, Some(AN)) => AN,
                    _ => c,
                };
                prev = w4;
                cls[i] = match w4 {
                    EN if last_strong == L => L,
                    EN | AN => w4,
                    _ => ON,
                };
            }
            // W7.
            EN => {
                prev = EN;
                if last_strong == L {
                    cls[i] = L;
                }
            }
            L | R => {
                prev = c;
                last_strong = c;
            }
            _ => prev = c,
        }
        i += 1;
    }
}

/// Rule N0: paired brackets (BD16) take the direction of what they enclose.
fn resolve_brackets(text: &str, cls: &mut [BidiClass], brackets: &[Bracket], sos: BidiClass) {
    // Pairs as (opening, closing) brackets.
    let mut pairs: Vec<(Bracket, Bracket)> = Vec::new();
    let mut stack: Vec<Bracket> = Vec::new();
    for &b in brackets {
        if b.3 {
            if stack.len() >= 63 {
                break;
            }
            stack.push(b);
        } else if let Some(k) = stack.iter().rposition(|e| e.2 == b.2) {
            pairs.push((stack[k], b));
            stack.truncate(k);
        }
    }
    if pairs.is_empty() {
        return;
    }
    pairs.sort_by_key(|p| p.0 .0);
    let e = sos;
    let strong = |c: BidiClass| match c {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    };
    for (open, close) in pairs {
        let mut found_e = false;
        let mut found_not_e = false;
        for &c in &cls[open.0 + 1..close.0] {
            match strong(c) {
                Some(s) if s == e => {
                    found_e = true;
                    break;
                }
                Some(_) => found_not_e = true,
                None => {}
            }
        }
        let set = if found_e {
            e
        } else if found_not_e {
            cls[..open.0]
                .iter()
                .rev()
                .find_map(|&c| strong(c))
                .unwrap_or(sos)
        } else {
            continue;
        };
        for (index, at, ..) in [open, close] {
            cls[index] = set;
            // Marks (originally NSM) right after the bracket follow it.
            let mut after = text[at..].chars();
            after.next();
            let marks = after.take_while(|&c| props(c).bidi() == NSM).count();
            cls[index + 1..index + 1 + marks].fill(set);
        }
    }
}

/// Rules N1 and N2 (runs of neutrals take the direction of their
/// surroundings when both sides agree, else the embedding direction), then
/// I1 and I2: the level of every character.
fn resolve_neutral_levels(cls: &[BidiClass], sos: BidiClass, level: Level) -> Option<Vec<Level>> {
    let raised = |n: u8| Level::new(level.number() + n).ok();
    let (plus1, plus2) = (raised(1)?, raised(2)?);
    let rtl = level.is_rtl();
    let level_of = |c: BidiClass| match (rtl, c) {
        (false, AN | EN) => plus2,
        (false, R) | (true, L | EN | AN) => plus1,
        _ => level,
    };
    let neutral = |c: BidiClass| matches!(c, B | S | WS | ON);
    let dir = |c: BidiClass| match c {
        L => L,
        _ => R,
    };
    let mut levels = Vec::with_capacity(cls.len());
    let mut prev = sos;
    let mut i = 0;
    while i < cls.len() {
        let c = cls[i];
        if !neutral(c) {
            levels.push(level_of(c));
            prev = c;
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && neutral(cls[i]) {
            i += 1;
        }
        let next = cls.get(i).copied().unwrap_or(sos);
        let set = if dir(prev) == dir(next) {
            dir(prev)
        } else {
            sos
        };
        levels.extend(std::iter::repeat_n(level_of(set), i - start));
    }
    Some(levels)
}
