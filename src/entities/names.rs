//! Repairs to the tagger's name spans, from the word lists:
//!
//! * honorifics and titles lead to a name but are not part of it
//!   («معالي», «خادم الحرمين الشريفين», «الرئيس»): they are cut from the front;
//! * a name link («بن», «عبد», «أبو») never ends a name: the name runs on
//!   to the next word («عبد» + «الله»), or the link is dropped;
//! * a stopword never begins or ends a name («محمد أمام» → «محمد»);
//! * a nationality adjective alone («أوكراني», «الروسية») is no name, nor
//!   the first word of a person's («الكونغولي شاباني نوندا»);
//! * a person never starts with «بن»: the name reaches back to the word
//!   before it («محمد بن سلمان»), or the link is dropped.

use super::scan::Tokens;
use super::words::WordLists;
use super::Kind;

/// A name in word indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Name {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// A nationality adjective, or a definite nisba adjective («الكونغولي»).
fn is_nisba(w: &WordLists, word: &str) -> bool {
    w.is_gentilic(word) || (word.starts_with("ال") && (word.ends_with('ي') || word.ends_with("يه")))
}

fn is_link(w: &WordLists, word: &str) -> bool {
    w.name_links.contains(word)
}

/// May word `i` be taken into a neighbouring person's name?
fn name_word(w: &WordLists, toks: &Tokens, i: usize, taken: &[bool]) -> bool {
    let word = toks.word(i);
    i < toks.len()
        && !taken[i]
        && word.chars().nth(1).is_some()
        && !w.stop.contains(word)
        && !word.bytes().any(|b| b.is_ascii_digit())
}

/// Applies the repairs; `taken[i]` marks words another span holds.
pub(super) fn repair(w: &WordLists, toks: &Tokens, name: Name, taken: &[bool]) -> Option<Name> {
    let Name {
        mut start,
        mut end,
        kind,
    } = name;
    // Titles and honorifics at the front.
    // A title that began before the name and ends inside it («المتحدثة
    // باسم» + «موركوفسكي», where «باسم» is also a given name) is no part of it.
    if kind == Kind::Person {
        for back in 1..=3.min(start) {
            if let Some((_, n)) = w.person_triggers.longest_at(toks, start - back) {
                if n > back && start - back + n < end {
                    start = start - back + n;
                    break;
                }
            }
        }
    }
    loop {
        let lead = w.honorifics.longest_at(toks, start).or_else(|| {
            (kind == Kind::Person)
                .then(|| w.person_triggers.longest_at(toks, start))
                .flatten()
        });
        match lead {
            Some((_, n)) if start + n <= end => start += n,
            _ => break,
        }
    }
    // A stopword («أمام», «في») is never the edge of a name; a name
    // link that is also one («أم») may start it («أم درمان»).
    while start < end && w.stop.contains(toks.word(end - 1)) {
        end -= 1;
    }
    while start < end && w.stop.contains(toks.word(start)) && !is_link(w, toks.word(start)) {
        start += 1;
    }
    if start >= end {
        return None;
    }
    // A nationality adjective alone («أوكراني») is no name, nor the
    // first word of a person's («الكونغولي شاباني نوندا»).
    if end == start + 1 && w.is_gentilic(toks.word(start)) {
        return None;
    }
    if kind == Kind::Person && end > start + 1 && is_nisba(w, toks.word(start)) {
        start += 1;
    }
    if start >= end || kind != Kind::Person {
        return (start < end).then_some(Name { start, end, kind });
    }
    // A link at the end takes the next word, or goes.
    while end > start && is_link(w, toks.word(end - 1)) {
        if toks.joined(end) && name_word(w, toks, end, taken) && !is_link(w, toks.word(end)) {
            end += 1;
            break;
        }
        end -= 1;
    }
    // «بن» at the front takes the word before it, or goes.
    let first = toks.word(start);
    if start < end && (first == "بن" || first == "ابن" || first == "بنت") {
        if start > 0 && toks.joined(start) && name_word(w, toks, start - 1, taken) {
            start -= 1;
        } else {
            start += 1;
        }
    }
    (start < end).then_some(Name { start, end, kind })
}
