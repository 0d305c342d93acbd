//! The tagger's view of a paragraph: each word with the punctuation before
//! it, what the word lists say about it ([`Cue`]s) and the gazetteer's
//! match over it. Linear in the words: a bounded number of set and phrase
//! look-ups per word.

use super::rules::RuleSpan;
use super::scan::{is_digits, PhraseList, Tokens};
use super::tagger::{gap_class, Cue, Sentence, Slot};
use super::words::WordLists;
use super::Kind;

/// The gazetteer code of a kind for [`Slot::gazetteer`].
pub(super) fn gazetteer_code(kind: Kind, inside: bool) -> u8 {
    let k = match kind {
        Kind::Person => 0,
        Kind::Location => 1,
        Kind::Organization | Kind::Institution => 2,
        Kind::Misc => 3,
        Kind::Number | Kind::Date => return 8,
    };
    1 + 2 * k + u8::from(inside)
}

/// Sets `cue` on every word of each phrase of `list` found in `toks`.
fn mark(list: &PhraseList, toks: &Tokens, cues: &mut [u32], cue: Cue) {
    for i in 0..toks.len() {
        if let Some((_, n)) = list.longest_at(toks, i) {
            for c in &mut cues[i..(i + n).min(toks.len())] {
                *c |= cue.bit();
            }
        }
    }
}

/// The sentence for the tagger; `gazetteer[i]` is word `i`'s code and
/// `rules` the rules' names (found on the words no gazetteer match or
/// figure holds), which become cues: the tagger learns when to trust them.
pub(super) fn sentence<'t>(
    w: &WordLists,
    toks: &Tokens<'t>,
    gazetteer: &[u8],
    rules: &[RuleSpan],
) -> Sentence<'t> {
    let mut cues = vec![0u32; toks.len()];
    for span in rules {
        let cue = match span.kind {
            Kind::Person => Cue::RulePerson,
            Kind::Location => Cue::RulePlace,
            _ => Cue::RuleOrg,
        };
        for c in &mut cues[span.start..span.end.min(toks.len())] {
            *c |= cue.bit();
        }
    }
    mark(&w.person_triggers, toks, &mut cues, Cue::PersonTitle);
    mark(&w.location_triggers, toks, &mut cues, Cue::PlaceWord);
    mark(&w.apposition_triggers, toks, &mut cues, Cue::Apposition);
    mark(&w.honorifics, toks, &mut cues, Cue::Honorific);
    mark(&w.org_names, toks, &mut cues, Cue::OrgName);
    for (i, c) in cues.iter_mut().enumerate() {
        let word = toks.word(i);
        let mut set = |cue: Cue, on: bool| {
            if on {
                *c |= cue.bit();
            }
        };
        set(Cue::OrgWord, w.org_index.any(toks, i));
        set(Cue::Verb, toks.loose_in(i, &w.verbs).is_some());
        set(Cue::Gentilic, w.is_gentilic(word));
        set(Cue::Stop, w.stop.contains(word));
        set(Cue::PersonName, w.is_person_name(word));
        set(Cue::WikiPerson, w.is_wiki_person(word));
        set(Cue::ClubWord, toks.loose_in(i, &w.club_words).is_some());
        set(Cue::Modifier, toks.loose_in(i, &w.modifiers).is_some());
        set(
            Cue::Calendar,
            toks.loose_in(i, &w.days).is_some()
                || w.month_index.any(toks, i)
                || w.hijri_index.any(toks, i),
        );
        set(
            Cue::Number,
            is_digits(word)
                || toks.loose_in(i, &w.units).is_some()
                || toks.loose_in(i, &w.scales).is_some(),
        );
        set(
            Cue::NameLink,
            w.name_links.contains(word)
                || word
                    .strip_prefix('و')
                    .is_some_and(|r| w.name_links.contains(r)),
        );
    }
    let slots = (0..toks.len())
        .map(|i| Slot {
            word: toks.word(i),
            gap: gap_class(toks.gap(i)),
            cues: cues[i],
            gazetteer: gazetteer.get(i).copied().unwrap_or(0),
        })
        .collect();
    Sentence {
        slots,
        end_gap: gap_class(toks.gap(toks.len())),
    }
}
