//! Rules for names the gazetteer does not know, driven by trigger words
//! from `assets/entity_rules.json`:
//!
//! * person titles before a name («الرئيس X», «الجنرال X Y»);
//! * titles after a name, in apposition («X Y، المتحدث باسم …»);
//! * place words before a name («مدينة X», «نهر X»);
//! * organisation heads with their noun phrase («وزارة الدفاع الأوكرانية»);
//! * quoted names after an outlet or group word («صحيفة "التايمز"»).

use super::scan::{clitic_splits, is_digits, loose_in, Tokens, AL};
use super::words::WordLists;
use super::Kind;

/// A rule match in word indexes: words `start..end`, the first with
/// `prefix` bytes of proclitics left out. `quoted` names may replace
/// gazetteer matches inside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RuleSpan {
    pub start: usize,
    pub end: usize,
    pub prefix: usize,
    pub kind: Kind,
    pub quoted: bool,
    /// The name of an institution: a quoted name, or an organisation
    /// head that names one by itself («وزارة الدفاع الأوكرانية»), not a
    /// common noun made specific by a nationality («القوات الروسية»).
    pub named: bool,
}

/// Maximum words a rule takes for a name.
const MAX_PERSON_WORDS: usize = 3;
const MAX_PLACE_WORDS: usize = 2;
const MAX_ORG_WORDS: usize = 4;
const MAX_QUOTED_WORDS: usize = 5;
/// Names taken before an apposition title.
const MAX_APPOSITION_WORDS: usize = 2;

fn in_set(word: &str, set: &super::word_set::WordSet) -> bool {
    loose_in(word, set).is_some()
}

impl WordLists {
    pub(super) fn is_gentilic(&self, word: &str) -> bool {
        in_set(word, &self.gentilics)
    }

    /// A word that may be part of a proper name: letters only, not the
    /// article-form of a common word, not a stopword, verb, title, number
    /// or calendar word.
    fn is_name_word(&self, word: &str) -> bool {
        word.chars().nth(1).is_some()
            && !word.starts_with(AL)
            && !has_definite_clitic(word)
            && !word.chars().any(|c| c.is_ascii_digit())
            && !self.stop.contains(word)
            && ![
                &self.verbs,
                &self.modifiers,
                &self.units,
                &self.scales,
                &self.days,
                &self.year_words,
            ]
            .iter()
            .any(|s| in_set(word, s))
            && !self.is_gentilic(word)
            && !self.is_trigger_word(word)
    }

    /// A title, «السابق» or a nationality adjective («الكيني»): a name
    /// may follow it directly.
    pub(super) fn introduces_name(&self, word: &str) -> bool {
        skippable_after_title(self, word) || self.is_trigger_word(word)
    }

    fn is_trigger_word(&self, word: &str) -> bool {
        in_set(word, &self.trigger_starts)
    }
}

/// «للجنود», «والقوات»: a proclitic group ending in the article.
fn has_definite_clitic(word: &str) -> bool {
    clitic_splits(word).any(|(p, _)| word[..p].ends_with(AL) || word[..p].ends_with("لل"))
}

/// Name words from `j` on (at most `max`), joined and not yet covered.
fn names_from(w: &WordLists, toks: &Tokens, covered: &[bool], j: usize, max: usize) -> usize {
    let mut end = j;
    while end < toks.len()
        && end - j < max
        && (end == j || toks.joined(end))
        && !covered[end]
        && w.is_name_word(toks.word(end))
    {
        end += 1;
    }
    end
}

/// Finds rule matches on words not yet `covered` (and marks them).
pub(super) fn apply(w: &WordLists, toks: &Tokens, covered: &mut [bool]) -> Vec<RuleSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let found = quoted(w, toks, i)
            .or_else(|| organization(w, toks, covered, i))
            .or_else(|| after_title(w, toks, covered, i))
            .or_else(|| apposition(w, toks, covered, i));
        match found {
            Some(span) => {
                for c in &mut covered[span.start..span.end] {
                    *c = true;
                }
                i = span.end.max(i + 1);
                out.push(span);
            }
            None => i += 1,
        }
    }
    out
}

/// «صحيفة "ديلي ستار"»: the quoted words after an outlet or group word.
fn quoted(w: &WordLists, toks: &Tokens, i: usize) -> Option<RuleSpan> {
    let (_, n) = w.quoted_triggers.longest_at(toks, i)?;
    let start = i + n;
    if start >= toks.len() || !toks.quote_before(start) {
        return None;
    }
    let mut end = start + 1;
    while end < toks.len()
        && end - start < MAX_QUOTED_WORDS
        && toks.joined(end)
        && !toks.quote_before(end)
    {
        end += 1;
    }
    let closed = toks.quote_before(end);
    closed.then_some(RuleSpan {
        start,
        end,
        prefix: 0,
        kind: Kind::Organization,
        quoted: true,
        named: true,
    })
}

/// «وزارة الدفاع الأوكرانية», «الهيئة العامة للاستثمار»: the head word plus
/// the definite words after it (also «لل…»), up to and including a
/// nationality adjective, stopping before a word that describes the name
/// («البرلمان البالغة عضويته»).
fn organization(w: &WordLists, toks: &Tokens, covered: &[bool], i: usize) -> Option<RuleSpan> {
    let (trigger, (prefix, n)) = w
        .org_index
        .candidates(toks, i)
        .into_iter()
        .filter_map(|k| {
            let t = &w.org_triggers[k];
            t.phrase.at(toks, i).map(|m| (t, m))
        })
        .max_by_key(|(_, (_, n))| *n)?;
    let mut end = i + n;
    let mut gentilic = false;
    while end < toks.len() && end - (i + n) < MAX_ORG_WORDS && toks.joined(end) && !covered[end] {
        let word = toks.word(end);
        // «للاستثمار» (ل + ال) goes on with the name; «البالغة», «السابق»
        // and the like describe it and end it.
        let definite = word.starts_with(AL) || (word.starts_with("لل") && end > i + n);
        if !definite
            || w.stop.contains(word)
            || is_digits(word)
            || in_set(word, &w.name_enders)
            || in_set(word, &w.modifiers)
        {
            break;
        }
        end += 1;
        if w.is_gentilic(word) {
            gentilic = true;
            break;
        }
    }
    let ok = end > i + n && (gentilic || !trigger.needs_gentilic);
    ok.then_some(RuleSpan {
        start: i,
        end,
        prefix,
        kind: Kind::Organization,
        quoted: false,
        named: !trigger.needs_gentilic,
    })
}

/// A name after a person title («الجنرال أوليكسي جروموف») or place word
/// («مدينة خيرسون»). Nationality adjectives and «السابق» after a title are
/// skipped («الرئيس الأميركي السابق جو بايدن»).
fn after_title(w: &WordLists, toks: &Tokens, covered: &[bool], i: usize) -> Option<RuleSpan> {
    let person = w
        .person_triggers
        .longest_at(toks, i)
        .map(|(_, n)| (Kind::Person, n));
    let place = || {
        let (p, n) = w.location_triggers.longest_at(toks, i)?;
        let word = toks.word(i);
        // «مدينة خيرسون», not «المدينة لاستقبال»: a place word heads a name
        // only in construct state, without the article.
        let definite = word[p..].starts_with(AL) || word[..p].ends_with("لل");
        (!definite).then_some((Kind::Location, n))
    };
    let (kind, n) = person.or_else(place)?;
    let mut j = i + n;
    while toks.joined(j) && skippable_after_title(w, toks.word(j)) {
        j += 1;
    }
    if !toks.joined(j) {
        return None;
    }
    let end = if kind == Kind::Person {
        names_from(w, toks, covered, j, MAX_PERSON_WORDS)
    } else {
        place_name(w, toks, covered, j)
    };
    (end > j).then_some(RuleSpan {
        start: j,
        end,
        prefix: 0,
        kind,
        quoted: false,
        named: false,
    })
}

/// Words between a title and the name: nationality adjectives, «السابق»,
/// and any definite nisba adjective («الكيني», «الأوكرانية»).
fn skippable_after_title(w: &WordLists, word: &str) -> bool {
    w.is_gentilic(word)
        || in_set(word, &w.modifiers)
        || (word.starts_with(AL) && (word.ends_with('ي') || word.ends_with("يه")))
}

/// The end of a place name starting at `j` after a place word. The first
/// word may carry the article («نهر الفرات», «مدينة الرقة»); indefinite
/// feminine adjectives («منطقة عازلة») and common nouns listed in the rules
/// («منطقة حظر») end it.
fn place_name(w: &WordLists, toks: &Tokens, covered: &[bool], j: usize) -> usize {
    let first = toks.word(j);
    let definite_name = first.starts_with(AL)
        && !covered[j]
        && !w.stop.contains(first)
        && !w.is_gentilic(first)
        && w.is_name_word(&first[AL.len()..]);
    let end = if definite_name {
        j + 1
    } else {
        names_from(w, toks, covered, j, MAX_PLACE_WORDS)
    };
    (j..end)
        .find(|&k| {
            let word = toks.word(k);
            (!word.starts_with(AL) && word.ends_with('ه')) || in_set(word, &w.place_nouns)
        })
        .unwrap_or(end)
}

/// «وقال ديمتري بيسكوف، المتحدث باسم …»: one or two name words before a
/// title, after a verb, a stopword, punctuation or the start.
fn apposition(w: &WordLists, toks: &Tokens, covered: &[bool], i: usize) -> Option<RuleSpan> {
    let title = i + 1;
    let (prefix, _) = w.apposition_triggers.longest_at(toks, title)?;
    let gap = toks.gap(title).trim();
    let comma = gap == "," || gap == "،";
    if prefix != 0 || !(gap.is_empty() || comma) {
        return None; // «للرئيس» is not a title in apposition
    }
    // Walk back from i over name words.
    let mut start = i + 1;
    while start > 0
        && i + 1 - start < MAX_APPOSITION_WORDS
        && !covered[start - 1]
        && w.is_name_word(toks.word(start - 1))
        && (start == i + 1 || toks.joined(start))
    {
        start -= 1;
    }
    // Without a comma, only a full name (two words) is trusted.
    if start > i || (!comma && start == i) {
        return None;
    }
    let before = start.checked_sub(1).map(|b| (b, toks.word(b)));
    let bounded = match before {
        None => true,
        Some((b, word)) => {
            !toks.joined(start) || w.stop.contains(word) || in_set(word, &w.verbs) || covered[b]
        }
    };
    bounded.then_some(RuleSpan {
        start,
        end: i + 1,
        prefix: 0,
        kind: Kind::Person,
        quoted: false,
        named: false,
    })
}
