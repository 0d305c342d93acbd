//! What each source finds in one paragraph, and which wins (the order is
//! in `detector.rs`'s docs). Every step is a left-to-right pass over the
//! words with bounded look-ahead, so a paragraph costs time in proportion
//! to its length.

use super::clitics::name_prefix;
use super::cues::{gazetteer_code, sentence};
use super::dates::date_at;
use super::detector::Inner;
use super::lexicon::Lexicon;
use super::names::{repair, Name};
use super::numbers::number_at;
use super::person_edges::person_edges;
use super::rules::{self, RuleSpan};
use super::scan::Tokens;
use super::tagger::general::WordFreq;
use super::tagger::Tag;
use super::{EntityRef, Kind};

/// Zipf × 10 from which a word left before a place cut off a person's
/// name counts as common.
const LAST_COMMON: u8 = 35;

/// Who found a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    User,
    Figure,
    Tagger,
    Learned,
    Gazetteer,
    Rule,
}

/// A match in word indexes; `entity` is `None` when the canonical form is
/// made from the text (tagger, rules, numbers, dates).
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    /// Proclitic bytes of the first word left out.
    pub prefix: usize,
    pub kind: Kind,
    pub entity: Option<EntityRef>,
    pub source: Source,
}

impl Found {
    /// Worth remembering for the rest of the article: a person, place or
    /// organisation the gazetteer did not know (found by the tagger or the
    /// rules).
    pub fn learnable(&self) -> bool {
        matches!(self.source, Source::Tagger | Source::Rule)
            && matches!(
                self.kind,
                Kind::Person | Kind::Organization | Kind::Location
            )
    }

    fn overlaps(&self, covered: &[bool]) -> bool {
        covered[self.start..self.end].iter().any(|&c| c)
    }
}

/// Longest matches of a lexicon, left to right.
fn lexicon_matches(lex: &Lexicon, inner: &Inner, toks: &Tokens, source: Source) -> Vec<Found> {
    let mut out = Vec::new();
    if lex.is_empty() {
        return out;
    }
    let mut i = 0;
    while i < toks.len() {
        let hit = lex
            .longest_at(toks, i, &inner.words.stop)
            .and_then(|h| lex.entity(h.entity).map(|e| (h, e)));
        match hit {
            Some((h, e)) => {
                out.push(Found {
                    start: i,
                    end: i + h.words,
                    prefix: h.prefix,
                    kind: e.kind,
                    entity: Some(e.clone()),
                    source,
                });
                i += h.words;
            }
            None => i += 1,
        }
    }
    out
}

/// Dates and numbers, longest first, left to right.
fn figures(inner: &Inner, toks: &Tokens) -> Vec<Found> {
    let w = &inner.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let date = date_at(w, toks, i).map(|m| (Kind::Date, m));
        let number = number_at(w, toks, i).map(|m| (Kind::Number, m));
        let best = [date, number]
            .into_iter()
            .flatten()
            .max_by_key(|&(k, (_, end))| (end, k == Kind::Date));
        match best {
            Some((kind, (prefix, end))) => {
                out.push(Found {
                    start: i,
                    end,
                    prefix,
                    kind,
                    entity: None,
                    source: Source::Figure,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The tagger's names as word spans; punctuation between two words ends
/// a name (the tagger sees it, but «X: Y» is never one name).
fn tagged(tags: &[Tag], toks: &Tokens) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        let Some(kind) = t.kind() else { continue };
        match out.last_mut() {
            Some(last) if !t.is_begin() && last.end == i && last.kind == kind && toks.joined(i) => {
                last.end = i + 1
            }
            _ => out.push(Name {
                start: i,
                end: i + 1,
                kind,
            }),
        }
    }
    out
}

/// Each word's gazetteer code for the tagger: the gazetteer's match over
/// it, or a number or date.
fn codes(n: usize, figures: &[Found], gazetteer: &[Found]) -> Vec<u8> {
    let mut codes = vec![0u8; n];
    for f in figures.iter().chain(gazetteer) {
        for (k, c) in codes[f.start..f.end].iter_mut().enumerate() {
            *c = gazetteer_code(f.kind, k > 0);
        }
    }
    codes
}

/// The rules' names on the words no figure or gazetteer match holds.
fn rule_spans(inner: &Inner, toks: &Tokens, codes: &[u8]) -> Vec<RuleSpan> {
    let mut covered: Vec<bool> = codes.iter().map(|&c| c != 0).collect();
    rules::apply(&inner.words, toks, &mut covered)
}

/// The tagger's view of a paragraph, as [`find`] builds it.
pub(super) fn tagger_sentence<'t>(inner: &Inner, toks: &Tokens<'t>) -> super::tagger::Sentence<'t> {
    let figures = figures(inner, toks);
    let gazetteer = lexicon_matches(&inner.lexicon, inner, toks, Source::Gazetteer);
    let codes = codes(toks.len(), &figures, &gazetteer);
    let spans = rule_spans(inner, toks, &codes);
    sentence(&inner.words, toks, &codes, &spans)
}

/// Everything found in one paragraph, in text order.
pub(super) fn find(inner: &Inner, toks: &Tokens) -> Vec<Found> {
    let w = &inner.words;
    let n = toks.len();
    let user = lexicon_matches(&inner.user, inner, toks, Source::User);
    let figures = figures(inner, toks);
    let gazetteer = lexicon_matches(&inner.lexicon, inner, toks, Source::Gazetteer);
    // The gazetteer match starting at each word, if any.
    let mut gazetteer_at = vec![usize::MAX; n];
    for (k, g) in gazetteer.iter().enumerate() {
        gazetteer_at[g.start] = k;
    }
    let gazetteer_from = |i: usize| gazetteer_at.get(i).and_then(|&k| gazetteer.get(k));
    let mut covered = vec![false; n];
    let mut out: Vec<Found> = Vec::new();
    // Whether the paragraph is about sport, looked at once if need be.
    let sporty = std::cell::OnceCell::new();
    let take = |f: Found, covered: &mut Vec<bool>, out: &mut Vec<Found>| {
        if f.end > f.start && f.end <= n && !f.overlaps(covered) {
            covered[f.start..f.end].fill(true);
            out.push(f);
        }
    };
    for f in user.into_iter().chain(figures.iter().cloned()) {
        take(f, &mut covered, &mut out);
    }
    // The rules run once, on the words no figure or gazetteer match holds.
    let codes = codes(n, &figures, &gazetteer);
    let rule_spans = rule_spans(inner, toks, &codes);
    if let Some(tagger) = &inner.tagger {
        let tags = tagger.tag(&sentence(w, toks, &codes, &rule_spans));
        // A named institution («وكالة الاستخبارات الدفاعية الأوكرانية»)
        // runs to the end of its name, whatever the tagger cut, but only
        // where the tagger takes one of its words for an organisation:
        // ANERcorp leaves «وزارة الخارجية», «مجلس الإدارة», «هيئة …»
        // untagged, and so does the tagger.
        for s in &rule_spans {
            let agreed = tags
                .get(s.start..s.end)
                .is_some_and(|t| t.iter().any(|t| t.kind() == Some(Kind::Organization)));
            if s.kind == Kind::Organization && s.named && !s.quoted && agreed {
                take(rule_found(s), &mut covered, &mut out);
            }
        }
        for name in tagged(&tags, toks) {
            let Some(name) = repair(w, toks, name, &covered) else {
                continue;
            };
            let mut name = person_edges(w, toks, WordFreq::builtin(), name);
            // A person's name does not end in a place the gazetteer knows
            // («إعلان بوتين ضم خيرسون»): the place is left to the gazetteer.
            if name.kind == Kind::Person {
                if let Some(p) = (name.start + 1..name.end).find(|&p| {
                    gazetteer_from(p).is_some_and(|g| g.kind == Kind::Location && g.end == name.end)
                }) {
                    name.end = p;
                    // What the place followed is often a verb or a noun
                    // («بوتين ضم»), not the name: a common word that is no
                    // given name goes with it.
                    let common = |k: usize| {
                        let word = toks.word(k);
                        !w.is_person_name(word)
                            && WordFreq::builtin()
                                .zipf(word)
                                .is_some_and(|z| z >= LAST_COMMON)
                    };
                    while name.end - name.start > 1 && common(name.end - 1) {
                        name.end -= 1;
                    }
                }
            }
            let at_start = gazetteer_from(name.start);
            // «مدينة ليفربول»: after a place word the place stays a place.
            let after_place_word = || {
                (name.start.saturating_sub(2)..name.start).any(|k| {
                    w.location_triggers
                        .longest_at(toks, k)
                        .is_some_and(|(_, n)| k + n == name.start)
                })
            };
            // The gazetteer's entry where it knows exactly these words
            // (its kind too: «تويتر» is a platform, not a company).
            let same = at_start.filter(|g| g.end == name.end);
            let found = match same {
                // A club named after its city («ليفربول» in sports news): in
                // a paragraph about sport the tagger's organisation wins over
                // the gazetteer's place (under the gazetteer's canonical
                // name), unless a place word leads to it («مدينة ليفربول»).
                Some(g)
                    if name.kind == Kind::Organization
                        && g.kind == Kind::Location
                        && !after_place_word()
                        && *sporty.get_or_init(|| w.about_sport(toks)) =>
                {
                    Found {
                        source: Source::Tagger,
                        kind: Kind::Organization,
                        entity: g.entity.as_ref().map(|e| EntityRef {
                            canonical: e.canonical.clone(),
                            kind: Kind::Organization,
                        }),
                        ..g.clone()
                    }
                }
                Some(g) => Found {
                    source: Source::Tagger,
                    ..g.clone()
                },
                None => Found {
                    start: name.start,
                    end: name.end,
                    prefix: match at_start {
                        Some(g) => g.prefix,
                        None => {
                            let introduced = name.start > 0
                                && toks.joined(name.start)
                                && w.introduces_name(toks.word(name.start - 1));
                            name_prefix(toks.word(name.start), introduced, |w| {
                                inner.lexicon.knows_word(w)
                            })
                        }
                    },
                    kind: name.kind,
                    entity: None,
                    source: Source::Tagger,
                },
            };
            take(found, &mut covered, &mut out);
        }
    }
    let tagged_here = inner.tagger.is_some();
    for g in gazetteer {
        let ambiguous =
            g.end - g.start == 1 && w.ambiguous_names.contains(&toks.word(g.start)[g.prefix..]);
        if !(tagged_here && ambiguous) {
            take(g, &mut covered, &mut out);
        }
    }
    // With a model the rules' names are the tagger's cues. They are
    // found by the rules too when they are a quoted title after an
    // institution's noun («صحيفة "التايمز"»), an institution the tagger
    // left alone (as an institution, below), or a person or place whose words
    // were all rare in the training text («الرئيس الكيني ويليام روتو»):
    // cross-validation showed the rules otherwise adding more wrong names
    // than right ones («رئيس بعثة», «الجيش اللبناني»).
    let mut spans = rule_spans;
    spans.retain(|s| s.quoted || !covered[s.start..s.end].iter().any(|&c| c));
    if let Some(tagger) = &inner.tagger {
        spans.retain(|s| match s.kind {
            Kind::Person | Kind::Location => (s.start..s.end).all(|k| tagger.is_rare(toks.word(k))),
            _ => s.named,
        });
        for s in &mut spans {
            if s.kind == Kind::Organization && !s.quoted {
                s.kind = Kind::Institution;
            }
        }
    }
    out.sort_by_key(|f| f.start);
    add_rule_spans(out, spans)
}

/// Adds the names learned elsewhere in the article ([`Source::Learned`])
/// on the words nothing in `found` holds.
pub(super) fn add_learned(inner: &Inner, toks: &Tokens, found: &mut Vec<Found>, learned: &Lexicon) {
    let mut covered = vec![false; toks.len()];
    for f in found.iter() {
        covered[f.start..f.end.min(toks.len())].fill(true);
    }
    let before = found.len();
    for f in lexicon_matches(learned, inner, toks, Source::Learned) {
        if !f.overlaps(&covered) {
            covered[f.start..f.end].fill(true);
            found.push(f);
        }
    }
    if found.len() > before {
        found.sort_by_key(|f| f.start);
    }
}

fn rule_found(s: &RuleSpan) -> Found {
    Found {
        start: s.start,
        end: s.end,
        prefix: s.prefix,
        kind: s.kind,
        entity: None,
        source: Source::Rule,
    }
}

/// Adds the rule matches to `found` (sorted by start). A quoted name
/// replaces the matches inside it unless one of them is exactly the quoted
/// name (the gazetteer knows it). One pass: rule spans never overlap.
fn add_rule_spans(found: Vec<Found>, spans: Vec<RuleSpan>) -> Vec<Found> {
    let mut drop = vec![false; found.len()];
    let mut out: Vec<Found> = Vec::with_capacity(found.len() + spans.len());
    for s in &spans {
        if s.quoted {
            let from = found.partition_point(|f| f.end <= s.start);
            let inside = found[from..].iter().take_while(|f| f.start < s.end).count();
            let exact = found[from..from + inside]
                .iter()
                .any(|f| f.start == s.start && f.end == s.end);
            if exact {
                continue;
            }
            drop[from..from + inside].fill(true);
        }
        out.push(rule_found(s));
    }
    out.extend(
        found
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(f, _)| f),
    );
    out.sort_by_key(|f| f.start);
    out
}
