//! What the tagger looks at for each word: the word (normalised), its
//! forms with proclitics stripped, prefixes and suffixes, shape, the words
//! around it (±2), the punctuation beside it, whether the gazetteer knows
//! it, and trigger words from the rules (titles, speech verbs, nationality
//! adjectives, organisation and place nouns) on it and its neighbours, how
//! common it was in the training text, and how common it and its stem are
//! in general Arabic ([`WordFreq`]), with and without the article.
//!
//! Each feature is a 64-bit hash of a template number and the strings it
//! reads ([`super::Fnv`]); no allocation per word.

use super::general::WordFreq;
use super::Fnv;
use crate::text::normalize::PROCLITICS;
use std::collections::HashMap;

/// How common each word (its [`known_stem`]) was in the training text: names
/// are mostly rare words, so «rare or never seen» is worth knowing. Words
/// seen once are left out, so a training word seen once looks exactly like
/// a new word at run time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocab {
    buckets: HashMap<Box<str>, u8, foldhash::fast::FixedState>,
}

impl Vocab {
    /// Counts the stems of `words`.
    pub fn count<'a>(words: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for w in words {
            *counts
                .entry(known_stem(WordFreq::builtin(), w))
                .or_default() += 1;
        }
        let buckets = counts
            .into_iter()
            .filter(|&(_, c)| c >= 2)
            .map(|(w, c)| (Box::from(w), Vocab::bucket_of(c)))
            .collect();
        Vocab { buckets }
    }

    fn bucket_of(count: u32) -> u8 {
        match count {
            0..=1 => 0,
            2..=4 => 1,
            5..=19 => 2,
            20..=99 => 3,
            _ => 4,
        }
    }

    /// 0 for a rare or unknown stem, up to 4 for the commonest.
    pub fn bucket(&self, stem: &str) -> u8 {
        self.buckets.get(stem).copied().unwrap_or(0)
    }

    /// (stem, bucket), sorted: for the model file.
    pub fn entries(&self) -> Vec<(&str, u8)> {
        let mut v: Vec<(&str, u8)> = self.buckets.iter().map(|(w, &b)| (&**w, b)).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, u8)>) -> Vocab {
        Vocab {
            buckets: entries
                .into_iter()
                .map(|(w, b)| (w.into_boxed_str(), b))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }
}

/// Bumped whenever a template changes: a model trained with another
/// feature set is refused rather than silently misread.
pub const FEATURE_SET: u32 = 10;

/// Facts about a word the rules and the gazetteer know, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    PersonTitle = 0,
    PlaceWord,
    OrgWord,
    Verb,
    Gentilic,
    Stop,
    Apposition,
    Modifier,
    Calendar,
    Number,
    Honorific,
    NameLink,
    /// Inside a name a rule found (after a title, an organisation noun…).
    RulePerson,
    RulePlace,
    RuleOrg,
    /// A word that is often a personal name (given names, foreign names).
    PersonName,
    /// Inside a phrase that is often an organisation's name (clubs,
    /// companies, media, international bodies, parties).
    OrgName,
    /// A word that begins or ends a club's name («نادي», «ريال»,
    /// «دينامو», «يونايتد»; `assets/sport_words.json`).
    ClubWord,
    /// A word of a well-known person's name as Arabic Wikipedia writes it
    /// (round 6; `assets/wiki_names.json`). Its features are the cue
    /// templates' (23, 26) like every cue's.
    WikiPerson,
}

impl Cue {
    pub const ALL: [Cue; 19] = [
        Cue::PersonTitle,
        Cue::PlaceWord,
        Cue::OrgWord,
        Cue::Verb,
        Cue::Gentilic,
        Cue::Stop,
        Cue::Apposition,
        Cue::Modifier,
        Cue::Calendar,
        Cue::Number,
        Cue::Honorific,
        Cue::NameLink,
        Cue::RulePerson,
        Cue::RulePlace,
        Cue::RuleOrg,
        Cue::PersonName,
        Cue::OrgName,
        Cue::ClubWord,
        Cue::WikiPerson,
    ];

    pub fn bit(self) -> u32 {
        1 << self as u32
    }

    /// The bits of every cue.
    pub const ANY: u32 = (1 << Cue::ALL.len()) - 1;
}

/// One word of a sentence as the tagger sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Slot<'t> {
    /// The normalised word.
    pub word: &'t str,
    /// The punctuation before it, as a class ([`gap_class`]).
    pub gap: u8,
    /// [`Cue`] bits.
    pub cues: u32,
    /// The gazetteer's match over this word: 0 none, else `1 + 2 × kind +
    /// inside` (kinds as in [`super::Tag`]; numbers and dates are 8).
    pub gazetteer: u8,
}

/// A sentence (or paragraph) ready for tagging.
#[derive(Debug, Clone, Default)]
pub struct Sentence<'t> {
    pub slots: Vec<Slot<'t>>,
    /// The punctuation after the last word.
    pub end_gap: u8,
}

/// The class of the text between two words: 0 spaces only, 1 sentence
/// end, 2 comma, 3 quotation mark, 4 bracket, 5 colon, 6 dash or slash,
/// 7 anything else; 8 the start or end of the text.
pub fn gap_class(gap: &str) -> u8 {
    let mut class = 0;
    for c in gap.chars() {
        let k = match c {
            '.' | '!' | '?' | '؟' => 1,
            '،' | ',' | '؛' | ';' => 2,
            '"' | '“' | '”' | '«' | '»' | '„' | '\'' => 3,
            '(' | ')' | '[' | ']' => 4,
            ':' => 5,
            '-' | '/' | '–' | '—' => 6,
            c if c.is_whitespace() => 0,
            _ => 7,
        };
        class = class.max(k);
    }
    class
}

/// The word without its longest proclitic prefix, when at least three
/// characters remain («وبالمدينه» → «مدينه»; the article is stripped with
/// the clitics before it, and alone).
pub fn stem(word: &str) -> &str {
    if !word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'ا']) {
        return word;
    }
    let mut best = word;
    for p in PROCLITICS {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().nth(2).is_some() && rest.len() < best.len() {
                best = rest;
            }
        }
    }
    best
}

/// The stem general Arabic supports: the word whole when it is known and no
/// proclitic split leaves a form at least as common («لوكا», «وزير»,
/// «لبنان» stay whole); else the longest split whose rest is known and at
/// least as common («والحكومه» → «حكومه»); else, nothing being known,
/// [`stem`] («وجوتشولك» → «جوتشولك»).
pub fn known_stem<'w>(table: &WordFreq, word: &'w str) -> &'w str {
    let key = WordFreq::key(word);
    Stem::of(table, word, key, table.zipf_of(key)).text
}

/// A stem with its hash and Zipf value.
#[derive(Clone, Copy)]
struct Stem<'w> {
    text: &'w str,
    key: u64,
    zipf: Option<u8>,
}

impl<'w> Stem<'w> {
    /// [`known_stem`] of a word whose key and Zipf value are known.
    fn of(table: &WordFreq, word: &'w str, key: u64, zipf: Option<u8>) -> Stem<'w> {
        let whole = Stem {
            text: word,
            key,
            zipf,
        };
        if !word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'ا']) {
            return whole;
        }
        let mut best: Option<Stem> = None;
        for p in PROCLITICS {
            let Some(rest) = word.strip_prefix(p) else {
                continue;
            };
            if rest.chars().nth(2).is_none() || best.is_some_and(|b| rest.len() >= b.text.len()) {
                continue;
            }
            let key = WordFreq::key(rest);
            if let Some(z) = table.zipf_of(key) {
                if zipf.is_none_or(|w| z >= w) {
                    best = Some(Stem {
                        text: rest,
                        key,
                        zipf: Some(z),
                    });
                }
            }
        }
        match (best, zipf) {
            (Some(b), _) => b,
            (None, Some(_)) => whole,
            (None, None) => {
                let text = stem(word);
                Stem {
                    text,
                    key: WordFreq::key(text),
                    zipf: None,
                }
            }
        }
    }
}

/// Where a word's first and last few characters begin, found in one pass
/// from each end for all the [`prefix`]es and [`suffix`]es the features
/// take (up to four characters).
struct Affixes {
    /// `starts[n]`: the byte where character `n` begins (0 = none).
    starts: [usize; 5],
    /// `from_end[n]`: the byte where the `n`th character from the end
    /// begins (`usize::MAX` = none).
    from_end: [usize; 5],
}

impl Affixes {
    fn of(word: &str) -> Affixes {
        let mut a = Affixes {
            starts: [0; 5],
            from_end: [usize::MAX; 5],
        };
        for (n, (i, _)) in word.char_indices().enumerate().take(5) {
            a.starts[n] = i;
        }
        for (n, (i, _)) in word.char_indices().rev().enumerate().take(4) {
            a.from_end[n + 1] = i;
        }
        a
    }

    /// [`prefix`]`(word, n)` for `n` in 1..=4.
    fn prefix<'w>(&self, word: &'w str, n: usize) -> Option<&'w str> {
        let end = self.starts[n];
        (end > 0).then(|| &word[..end])
    }

    /// [`suffix`]`(word, n)` for `n` in 1..=4.
    fn suffix<'w>(&self, word: &'w str, n: usize) -> Option<&'w str> {
        let start = self.from_end[n];
        (start > 0 && start != usize::MAX).then(|| &word[start..])
    }
}

/// The first `n` characters of a word longer than that.
#[cfg(test)]
fn prefix(word: &str, n: usize) -> Option<&str> {
    let end = word.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&word[..end])
}

/// The last `n` characters of a word longer than that.
#[cfg(test)]
fn suffix(word: &str, n: usize) -> Option<&str> {
    let start = word.char_indices().rev().nth(n - 1).map(|(i, _)| i)?;
    (start > 0).then(|| &word[start..])
}

/// Script and length: Latin, digits, Arabic, mixed; length bucket.
fn shape(word: &str) -> u8 {
    let (mut latin, mut digit, mut arabic) = (false, false, false);
    for c in word.chars() {
        latin |= c.is_ascii_alphabetic();
        digit |= c.is_ascii_digit();
        arabic |= ('\u{0600}'..='\u{06FF}').contains(&c);
    }
    let script = match (latin, digit, arabic) {
        (true, false, false) => 1,
        (false, true, false) => 2,
        (false, false, true) => 3,
        _ => 4,
    };
    let len = word.chars().count().min(9) as u8;
    script * 16 + len
}

const NONE: &str = "\u{1}";

/// The hash standing for a word outside the sentence.
const OUTSIDE: u64 = 1;

/// Per-word values the features of several words read, computed once:
/// stems, frequency classes, and hashes of each word and stem.
#[derive(Debug, Clone, Default)]
pub struct Lookups<'t> {
    stems: Vec<&'t str>,
    freqs: Vec<u8>,
    words: Vec<u64>,
    stem_hashes: Vec<u64>,
    /// General-Arabic frequency classes ([`WordFreq::class`]) of each word
    /// and of its stem, and [`General::article_ratio`] of each.
    general: Vec<u8>,
    general_stems: Vec<u8>,
    ratios: Vec<u8>,
}

/// How a stem's bare form («مدينه» for «المدينه» or «والمدينه») compares
/// in general Arabic with the same form after the article: 0 neither is
/// known, 1 only with the article, 2 only without, then 3–6 from much
/// commoner without to much commoner with. People's names rarely take the
/// article; places and common nouns often do.
fn article_ratio(table: &WordFreq, word: &str, zipf: Option<u8>, stem: Stem) -> u8 {
    let (bare, bare_z) = match stem.text.strip_prefix("ال") {
        Some(b) => (b, table.zipf(b)),
        None => (stem.text, stem.zipf),
    };
    let with_article = if word.strip_prefix("ال") == Some(bare) {
        zipf
    } else {
        table.zipf_of(Fnv::new(0).part("ال").str(bare).finish())
    };
    match (with_article, bare_z) {
        (None, None) => 0,
        (Some(_), None) => 1,
        (None, Some(_)) => 2,
        (Some(a), Some(b)) => match i16::from(a) - i16::from(b) {
            ..-10 => 3,
            -10..=0 => 4,
            1..=10 => 5,
            _ => 6,
        },
    }
}

impl<'t> Sentence<'t> {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    fn word(&self, i: isize) -> &'t str {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.slots.get(i))
            .map_or(NONE, |s| s.word)
    }

    fn slot(&self, i: isize) -> Slot<'t> {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.slots.get(i))
            .copied()
            .unwrap_or(Slot {
                word: NONE,
                gap: 8,
                cues: 0,
                gazetteer: 9,
            })
    }

    /// The punctuation between word `i - 1` and word `i` (8 at the ends).
    fn gap_before(&self, i: usize) -> u8 {
        match self.slots.get(i) {
            Some(s) if i > 0 => s.gap,
            Some(_) => 8,
            None if i == self.slots.len() => self.end_gap.max(8 * u8::from(self.end_gap == 0)),
            None => 8,
        }
    }

    /// Each word's stem and frequency class, computed once for
    /// [`Sentence::features`].
    pub fn lookups(&self, vocab: &Vocab) -> Lookups<'t> {
        let table = WordFreq::builtin();
        let n = self.slots.len();
        let mut lk = Lookups {
            stems: Vec::with_capacity(n),
            freqs: Vec::with_capacity(n),
            words: Vec::with_capacity(n),
            stem_hashes: Vec::with_capacity(n),
            general: Vec::with_capacity(n),
            general_stems: Vec::with_capacity(n),
            ratios: Vec::with_capacity(n),
        };
        for slot in &self.slots {
            let key = WordFreq::key(slot.word);
            let zipf = table.zipf_of(key);
            let stem = Stem::of(table, slot.word, key, zipf);
            lk.stems.push(stem.text);
            lk.freqs.push(vocab.bucket(stem.text));
            lk.words.push(key);
            lk.stem_hashes.push(stem.key);
            lk.general.push(WordFreq::class_of(zipf));
            lk.general_stems.push(WordFreq::class_of(stem.zipf));
            lk.ratios.push(article_ratio(table, slot.word, zipf, stem));
        }
        lk
    }

    /// Appends the feature hashes of word `i`.
    pub fn features(&self, i: usize, lk: &Lookups, out: &mut Vec<u64>) {
        let at = i as isize;
        let w0 = self.word(at);
        let get = |list: &[u64], k: isize| {
            usize::try_from(k)
                .ok()
                .and_then(|k| list.get(k).copied())
                .unwrap_or(OUTSIDE)
        };
        let word_at = |k: isize| get(&lk.words, k);
        let hstem_at = |k: isize| get(&lk.stem_hashes, k);
        let stem_at = |k: isize| {
            usize::try_from(k)
                .ok()
                .and_then(|k| lk.stems.get(k).copied())
                .unwrap_or(NONE)
        };
        let freq_at = |k: isize| {
            usize::try_from(k)
                .ok()
                .and_then(|k| lk.freqs.get(k).copied())
                .unwrap_or(0)
        };
        let (hw0, hs0) = (word_at(at), hstem_at(at));
        let (hwm1, hwp1, hsm1, hsp1) = (
            word_at(at - 1),
            word_at(at + 1),
            hstem_at(at - 1),
            hstem_at(at + 1),
        );
        let s0 = stem_at(at);
        let bare = s0.strip_prefix("ال").filter(|r| r.chars().nth(1).is_some());
        let mut push = |f: Fnv| out.push(f.finish());
        push(Fnv::new(0));
        push(Fnv::new(1).u64(hw0));
        push(Fnv::new(2).u64(hs0));
        match bare {
            Some(b) => push(Fnv::new(3).str(b)),
            None => push(Fnv::new(3).u64(hs0)),
        }
        let ends = Affixes::of(w0);
        for n in 1..=4 {
            if let Some(p) = ends.prefix(w0, n) {
                push(Fnv::new(4).byte(n as u8).str(p));
            }
            if let Some(s) = ends.suffix(w0, n) {
                push(Fnv::new(5).byte(n as u8).str(s));
            }
        }
        let stem_ends = Affixes::of(s0);
        for n in 1..=3 {
            if let Some(p) = stem_ends.prefix(s0, n) {
                push(Fnv::new(6).byte(n as u8).str(p));
            }
            if let Some(s) = stem_ends.suffix(s0, n) {
                push(Fnv::new(7).byte(n as u8).str(s));
            }
        }
        let shape0 = shape(s0);
        push(Fnv::new(8).byte(shape0));
        push(Fnv::new(9).byte(u8::from(bare.is_some())));
        push(Fnv::new(10).u64(hwm1));
        push(Fnv::new(11).u64(hwp1));
        push(Fnv::new(12).u64(word_at(at - 2)));
        push(Fnv::new(13).u64(word_at(at + 2)));
        push(Fnv::new(14).u64(hsm1));
        push(Fnv::new(15).u64(hsp1));
        push(Fnv::new(16).u64(hwm1).u64(hw0));
        push(Fnv::new(17).u64(hw0).u64(hwp1));
        push(Fnv::new(18).u64(hsm1).u64(hs0));
        let (gb, ga) = (self.gap_before(i), self.gap_before(i + 1));
        push(Fnv::new(19).byte(gb));
        push(Fnv::new(20).byte(ga));
        push(Fnv::new(21).byte(gb).byte(ga).byte(shape0 >> 4));
        for d in -2isize..=2 {
            let s = self.slot(at + d);
            let k = (d + 2) as u8;
            push(Fnv::new(22).byte(k).byte(s.gazetteer));
            // The cues set, in the order of `Cue::ALL` (their bit order).
            let mut bits = s.cues & Cue::ANY;
            while bits != 0 {
                push(Fnv::new(23).byte(k).byte(bits.trailing_zeros() as u8));
                bits &= bits - 1;
            }
        }
        let here = self.slot(at);
        push(
            Fnv::new(24)
                .byte(here.gazetteer)
                .byte(self.slot(at - 1).gazetteer),
        );
        push(
            Fnv::new(25)
                .byte(here.gazetteer)
                .str(stem_ends.suffix(s0, 2).unwrap_or(NONE)),
        );
        let (f0, fm1, fp1) = (freq_at(at), freq_at(at - 1), freq_at(at + 1));
        push(Fnv::new(27).byte(f0));
        push(Fnv::new(28).byte(f0).byte(fm1).byte(fp1));
        push(Fnv::new(29).byte(f0).byte(gb).byte(shape0 >> 4));
        push(Fnv::new(30).byte(f0).u64(hsm1));
        push(Fnv::new(31).byte(f0).u64(hsp1));
        push(
            Fnv::new(32)
                .byte(f0)
                .byte(here.gazetteer)
                .byte(u8::from(bare.is_some())),
        );
        let cm1 = self.slot(at - 1).cues;
        push(
            Fnv::new(26)
                .byte((cm1 & 0xff) as u8)
                .byte((cm1 >> 8) as u8)
                .byte((cm1 >> 16) as u8)
                .byte(u8::from(bare.is_some())),
        );
        let rules = (here.cues >> Cue::RulePerson as u32) & 0b111;
        push(Fnv::new(33).byte(rules as u8).byte(f0));
        let (gw0, gs0, ratio) = (lk.general[i], lk.general_stems[i], lk.ratios[i]);
        push(Fnv::new(34).byte(gw0));
        push(Fnv::new(35).byte(gs0));
        push(Fnv::new(36).byte(gw0).byte(gs0).byte(f0));
        // Names of people rarely take the article, but a given name with it
        // is a family name («أسامة المحمد»): the ratio with the name cue.
        let named = u8::from(here.cues & Cue::PersonName.bit() != 0);
        push(Fnv::new(37).byte(ratio).byte(named));
        push(Fnv::new(38).byte(ratio).byte(gs0));
        // Round 5, helper C (templates 160–169 are this block's): clubs,
        // companies and media named after a place. The gazetteer's match
        // with the organisation-name cue on the word («ليفربول» is both),
        // and with a club's word beside it («دينامو كييف», «اتحاد طنجة»,
        // «مانشستر يونايتد»).
        let cue = |k: isize, c: Cue| u8::from(self.slot(k).cues & c.bit() != 0);
        push(
            Fnv::new(160)
                .byte(here.gazetteer)
                .byte(cue(at, Cue::OrgName)),
        );
        push(
            Fnv::new(161)
                .byte(here.gazetteer)
                .byte(cue(at - 1, Cue::ClubWord))
                .byte(cue(at + 1, Cue::ClubWord)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_three_letters_and_gaps_are_classed() {
        assert_eq!(stem("وبالمدينه"), "مدينه");
        assert_eq!(stem("والقاهره"), "قاهره");
        assert_eq!(stem("وزير"), "زير");
        assert_eq!(stem("بان"), "بان");
        let t = WordFreq::parse("5.0\tلوكا\n4.0\tوالحكومه\n5.2\tحكومه\n5.5\tوزير\n3.0\tزير\n")
            .unwrap_or_default();
        assert_eq!(known_stem(&t, "لوكا"), "لوكا");
        assert_eq!(known_stem(&t, "والحكومه"), "حكومه");
        assert_eq!(known_stem(&t, "بالحكومه"), "حكومه");
        assert_eq!(known_stem(&t, "وزير"), "وزير");
        assert_eq!(known_stem(&t, "وجوتشولك"), "جوتشولك");
        assert_eq!(known_stem(&t, "مدينه"), "مدينه");
        assert_eq!(gap_class(" "), 0);
        assert_eq!(gap_class("، "), 2);
        assert_eq!(gap_class(" « "), 3);
        assert_eq!(gap_class(". ("), 4);
        assert_eq!(suffix("مدينه", 2), Some("نه"));
        assert_eq!(suffix("من", 2), None);
        // A prefix or suffix is a proper part of the word (the whole word
        // is a feature of its own).
        assert_eq!(prefix("من", 2), None);
        assert_eq!(prefix("منه", 2), Some("من"));
    }

    proptest::proptest! {
        /// One pass from each end finds the affixes taking them one by
        /// one finds (Arabic, Latin, mixed widths, short and empty words).
        #[test]
        fn affixes_found_at_once_are_the_affixes(word in "[ابتجدa-z\\u{1F600}]{0,7}") {
            let a = Affixes::of(&word);
            for n in 1..=4 {
                proptest::prop_assert_eq!(a.prefix(&word, n), prefix(&word, n));
                proptest::prop_assert_eq!(a.suffix(&word, n), suffix(&word, n));
            }
        }
    }

    #[test]
    fn general_frequency_reads_the_word_its_stem_and_the_article_form() {
        let table =
            WordFreq::parse("5.0\tالحكومه\n4.5\tحكومه\n3.0\tبوش\n2.2\tالبوش\n").unwrap_or_default();
        let ratio = |word: &str| {
            let key = WordFreq::key(word);
            let zipf = table.zipf_of(key);
            let stem = Stem::of(&table, word, key, zipf);
            (
                stem.text.to_string(),
                stem.zipf,
                article_ratio(&table, word, zipf, stem),
            )
        };
        // Commoner with the article (4.5 → 5.0), the stem's value read.
        assert_eq!(ratio("والحكومه"), ("حكومه".into(), Some(45), 5));
        // The article form is the commoner: the word stays whole, same ratio.
        assert_eq!(ratio("الحكومه"), ("الحكومه".into(), Some(50), 5));
        // Commoner without (3.0 → 2.2).
        assert_eq!(ratio("بوش"), ("بوش".into(), Some(30), 4));
        assert_eq!(ratio("لبوش"), ("بوش".into(), Some(30), 4));
        assert_eq!(ratio("زيد"), ("زيد".into(), None, 0));
        assert_eq!(WordFreq::class_of(Some(50)), 5);
        assert_eq!(WordFreq::class_of(None), 0);
    }

    #[test]
    fn a_place_beside_a_clubs_word_and_a_place_that_names_an_organisation_are_features() {
        let mut s = Sentence {
            slots: ["دينامو", "كييف", "ليفربول"]
                .into_iter()
                .map(|word| Slot {
                    word,
                    gazetteer: 3, // a place
                    ..Slot::default()
                })
                .collect(),
            end_gap: 1,
        };
        s.slots[0].cues = Cue::ClubWord.bit();
        s.slots[2].cues = Cue::OrgName.bit();
        let lk = s.lookups(&Vocab::default());
        let of = |i: usize| {
            let mut f = Vec::new();
            s.features(i, &lk, &mut f);
            f
        };
        let club = Fnv::new(161).byte(3).byte(1).byte(0).finish();
        let org = Fnv::new(160).byte(3).byte(1).finish();
        assert!(of(1).contains(&club));
        assert!(!of(2).contains(&club) && !of(1).contains(&org));
        assert!(of(2).contains(&org));
    }

    #[test]
    fn features_are_a_fixed_function_of_the_words() {
        let s = Sentence {
            slots: ["قال", "الرئيس", "جو", "بايدن"]
                .into_iter()
                .map(|word| Slot {
                    word,
                    ..Slot::default()
                })
                .collect(),
            end_gap: 1,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let v = Vocab::count(["قال", "قال"]);
        assert_eq!((v.bucket("قال"), v.bucket("جو")), (1, 0));
        let lk = s.lookups(&v);
        s.features(2, &lk, &mut a);
        s.features(2, &lk, &mut b);
        assert_eq!(a, b);
        let mut c = Vec::new();
        s.features(3, &lk, &mut c);
        assert_ne!(a, c);
        assert!(a.len() > 30, "{}", a.len());
    }
}
