//! Where a person's name found by the tagger ends and begins, from how
//! common its edge words are in general Arabic (`assets/word_freq_ar.txt`)
//! and from the word lists:
//!
//! * two people joined by «و» are two names («بوش وبلير», «محمد عباس
//!   وحسن»): the name ends before a later word made of «و» and a given name
//!   of the list or a word general Arabic does not know as a common one
//!   (Zipf under [`COMMON`]); «وليد», itself a given name, stays, and so
//!   does any other common «و» word;
//! * an indefinite accusative after a name is no part of it («يوسف عبد
//!   العزيز بديلا», «شاعرا»): a last word that is a common noun (alone and
//!   with the article) + «ا»;
//! * nor is a verb after it: one of the rules' speech verbs, or a future
//!   «س» + a common imperfect («كوندوليزا رايس ستزور»);
//! * a speech verb before a name, alone or after «و»/«ف» («وقال»), is no
//!   part of it either.
//!
//! A word the personal-name list knows is never cut, and a name keeps at
//! least one word.

use super::names::Name;
use super::scan::Tokens;
use super::tagger::general::WordFreq;
use super::words::WordLists;
use super::Kind;

/// Zipf × 10 from which a word counts as common in general Arabic.
const COMMON: u8 = 25;
/// Zipf × 10 from which the base of an accusative («بديل» of «بديلا»),
/// and its article form, count as a common noun.
const NOUN: u8 = 30;

/// Where «و» + a word that is no common word starts a second person, if
/// anywhere after the name's first word.
fn coordinated(w: &WordLists, toks: &Tokens, freq: &WordFreq, name: Name) -> Option<usize> {
    (name.start + 1..name.end).find(|&k| {
        let word = toks.word(k);
        word.strip_prefix('و').is_some_and(|rest| {
            rest.chars().count() >= 3
                && !w.person_names.contains(word)
                && !w.name_links.contains(word)
                && (freq.zipf(word).is_none_or(|z| z < COMMON) || w.person_names.contains(rest))
        })
    })
}

/// Is `word` a common word that follows a name without being part of it:
/// an indefinite accusative of a common noun, or a verb?
fn after_name(w: &WordLists, freq: &WordFreq, word: &str) -> bool {
    if w.is_person_name(word) || w.name_links.contains(word) {
        return false;
    }
    let zipf_at_least = |x: &str, level: u8| freq.zipf(x).is_some_and(|z| z >= level);
    let accusative = word
        .strip_suffix('ا')
        .filter(|base| base.chars().count() >= 3 && !base.starts_with("ال"))
        .is_some_and(|base| zipf_at_least(base, NOUN) && zipf_at_least(&format!("ال{base}"), NOUN));
    let future = ["ست", "سي", "سن"].iter().any(|p| word.starts_with(p))
        && word.chars().count() >= 5
        && zipf_at_least(&word['س'.len_utf8()..], COMMON);
    accusative || future || w.verbs.contains(word)
}

/// A speech verb of the lists before a name, alone or after «و»/«ف».
fn verb_before(w: &WordLists, word: &str) -> bool {
    let rest = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    !w.is_person_name(word) && (w.verbs.contains(word) || w.verbs.contains(rest))
}

/// Applies the cuts to a person's name of two words or more; other names
/// pass unchanged.
pub(super) fn person_edges(w: &WordLists, toks: &Tokens, freq: &WordFreq, name: Name) -> Name {
    if name.kind != Kind::Person || name.end < name.start + 2 {
        return name;
    }
    let mut name = name;
    if let Some(k) = coordinated(w, toks, freq, name) {
        name.end = k;
    }
    if name.end >= name.start + 2 && after_name(w, freq, toks.word(name.end - 1)) {
        name.end -= 1;
    }
    if name.end >= name.start + 2 && verb_before(w, toks.word(name.start)) {
        name.start += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    /// The person's name the cuts leave of `text`, all of it tagged as one.
    fn cut(text: &str) -> String {
        let w = WordLists::builtin().expect("built-in lists");
        let norm = normalize(text);
        let toks = Tokens::new(&norm);
        let name = Name {
            start: 0,
            end: toks.len(),
            kind: Kind::Person,
        };
        let n = person_edges(&w, &toks, WordFreq::builtin(), name);
        (n.start..n.end)
            .map(|i| toks.word(i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn two_people_joined_by_waw_are_cut_apart() {
        assert_eq!(cut("بوش وبلير"), normalize("بوش"));
        assert_eq!(cut("جورج بوش وشارون"), normalize("جورج بوش"));
        // «وحسن» is a common word too, but «حسن» is a listed given name.
        assert_eq!(cut("محمد عباس وحسن"), normalize("محمد عباس"));
        // A given name that starts with «و» stays in the name.
        assert_eq!(cut("محمد وليد"), normalize("محمد وليد"));
    }

    #[test]
    fn an_accusative_or_a_verb_after_a_name_is_left_out() {
        assert_eq!(cut("يوسف عبد العزيز بديلا"), normalize("يوسف عبد العزيز"));
        assert_eq!(cut("كوندوليزا رايس ستزور"), normalize("كوندوليزا رايس"));
        // A name ending in «ا» whose base is no common noun stays whole.
        assert_eq!(cut("ماريا شارابوفا"), normalize("ماريا شارابوفا"));
    }

    #[test]
    fn a_speech_verb_before_a_name_is_left_out() {
        assert_eq!(cut("وقال محمد حسن"), normalize("محمد حسن"));
        assert_eq!(cut("محمد حسن"), normalize("محمد حسن"));
    }

    #[test]
    fn one_word_names_and_other_kinds_are_left_alone() {
        let w = WordLists::builtin().expect("built-in lists");
        let norm = normalize("بديلا وبلير");
        let toks = Tokens::new(&norm);
        let org = Name {
            start: 0,
            end: 2,
            kind: Kind::Organization,
        };
        assert_eq!(person_edges(&w, &toks, WordFreq::builtin(), org), org);
        let one = Name {
            start: 0,
            end: 1,
            kind: Kind::Person,
        };
        assert_eq!(person_edges(&w, &toks, WordFreq::builtin(), one), one);
    }
}
