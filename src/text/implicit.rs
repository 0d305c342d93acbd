//! A fast path for resolving embedding levels (UAX #9) of the common case: a
//! single paragraph without explicit embeddings, overrides, isolates or
//! boundary-neutral characters.
//!
//! Such a paragraph is one isolating run sequence at the paragraph level with
//! `sos` and `eos` both of the paragraph's direction, so rules X1–X10 do
//! nothing and rules W1–W7, N0–N2 and I1–I2 apply to the whole text. They
//! are applied here rule by rule, once per character rather than once per
//! byte, with no intermediate level runs. Anything else returns `None` and is
//! left to `unicode-bidi`; the conformance test covers both paths.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData, Level};

use super::props::props;
use super::resolve::{Para, Resolved};

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

/// Resolves `text` if it qualifies for the fast path (see the module docs).
pub(crate) fn resolve_simple(text: &str, base: Option<Level>) -> Option<Resolved> {
    let mut cls: Vec<BidiClass> = Vec::with_capacity(text.len());
    let mut brackets: Vec<Bracket> = Vec::new();
    let mut first_strong = None;
    let mut pure_ltr = true;
    for (at, c) in text.char_indices() {
        let class = props(c).bidi();
        match class {
            L | R | AL => {
                first_strong.get_or_insert(class);
                pure_ltr &= class == L;
            }
            AN => pure_ltr = false,
            // All paired brackets are ON (BidiBrackets.txt).
            ON if !c.is_ascii() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}') => {
                if let Some(m) = HardcodedBidiData.bidi_matched_opening_bracket(c) {
                    brackets.push((cls.len(), at, m.opening, m.is_open));
                }
            }
            _ if unsupported(class) => return None,
            _ => {}
        }
        cls.push(class);
    }
    let original = cls.clone();
    let level = base.unwrap_or(match first_strong {
        Some(R | AL) => Level::rtl(),
        _ => Level::ltr(),
    });
    let paras = vec![Para {
        range: 0..text.len(),
        level,
    }];
    if level.is_ltr() && pure_ltr {
        return Some(Resolved {
            levels: vec![level; cls.len()],
            classes: original,
            paras,
        });
    }
    let sos = if level.is_rtl() { R } else { L };
    resolve_weak(&mut cls, sos);
    resolve_brackets(text, &mut cls, &brackets, sos);
    resolve_neutral(&mut cls, sos);
    // I1 and I2.
    let raised = |n: u8| Level::new(level.number() + n).ok();
    let (plus1, plus2) = (raised(1)?, raised(2)?);
    let levels = cls
        .iter()
        .map(|&c| match (level.is_rtl(), c) {
            (false, AN | EN) => plus2,
            (false, R) | (true, L | EN | AN) => plus1,
            _ => level,
        })
        .collect();
    Some(Resolved {
        levels,
        classes: original,
        paras,
    })
}

/// Rules W1–W7 over one isolating run sequence with no isolates or BN.
fn resolve_weak(cls: &mut [BidiClass], sos: BidiClass) {
    // W1–W3, left to right.
    let mut prev = sos;
    let mut last_strong = sos;
    for c in cls.iter_mut() {
        if *c == NSM {
            *c = prev;
        }
        match *c {
            L | R | AL => last_strong = *c,
            EN if last_strong == AL => *c = AN,
            _ => {}
        }
        prev = *c;
        if *c == AL {
            *c = R;
        }
    }
    // W4: a single separator between two numbers of the same kind.
    for i in 1..cls.len().saturating_sub(1) {
        if !matches!(cls[i], ES | CS) {
            continue;
        }
        cls[i] = match (cls[i - 1], cls[i], cls[i + 1]) {
            (EN, ES | CS, EN) => EN,
            (AN, CS, AN) => AN,
            (_, c, _) => c,
        };
    }
    // W5: runs of terminators next to a European number; W6: the rest.
    let mut i = 0;
    while i < cls.len() {
        if cls[i] != ET {
            if matches!(cls[i], ES | CS) {
                cls[i] = ON;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && cls[i] == ET {
            i += 1;
        }
        let by_en = (start > 0 && cls[start - 1] == EN) || cls.get(i) == Some(&EN);
        cls[start..i].fill(if by_en { EN } else { ON });
    }
    // W7.
    let mut last_strong = sos;
    for c in cls.iter_mut() {
        match *c {
            L | R => last_strong = *c,
            EN if last_strong == L => *c = L,
            _ => {}
        }
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

/// Rules N1 and N2: runs of neutrals take the direction of their
/// surroundings when both sides agree, else the embedding direction.
fn resolve_neutral(cls: &mut [BidiClass], sos: BidiClass) {
    let e = sos;
    let dir = |c: BidiClass| match c {
        L => L,
        _ => R,
    };
    let mut prev = sos;
    let mut i = 0;
    while i < cls.len() {
        if !matches!(cls[i], B | S | WS | ON) {
            prev = cls[i];
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && matches!(cls[i], B | S | WS | ON) {
            i += 1;
        }
        let next = cls.get(i).copied().unwrap_or(sos);
        let set = if dir(prev) == dir(next) { dir(prev) } else { e };
        cls[start..i].fill(set);
    }
}
