//! The word lists the rules read: `assets/entity_rules.json` (hand-written)
//! and `assets/calendar.json` (generated from CLDR), normalised once.

use super::scan::{loose_in, Phrase, PhraseIndex, PhraseList};
use super::word_set::WordSet;
use crate::text::normalize::normalize;
use serde::Deserialize;

const RULES: &str = include_str!("../../assets/entity_rules.json");
const CALENDAR: &str = include_str!("../../assets/calendar.json");
const PERSON_NAMES: &str = include_str!("../../assets/person_names.json");
const ORG_NAMES: &str = include_str!("../../assets/org_names.json");
const SPORT_WORDS: &str = include_str!("../../assets/sport_words.json");

/// A word-list file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("the entity rules are not valid: {0}")]
pub struct RulesError(#[from] serde_json::Error);

#[derive(Deserialize)]
struct RulesFile {
    stopwords: Vec<String>,
    verbs: Vec<String>,
    title_modifiers: Vec<String>,
    gentilics: Vec<String>,
    gentilic_suffixes: Vec<String>,
    person_triggers: Vec<String>,
    apposition_triggers: Vec<String>,
    location_triggers: Vec<String>,
    organization_triggers: Vec<OrgTriggerFile>,
    quoted_name_triggers: Vec<String>,
    number_units: Vec<String>,
    number_scales: Vec<String>,
    number_vague: Vec<String>,
    number_approximators: Vec<String>,
    day_needs_yawm: Vec<String>,
    ambiguous_months: Vec<String>,
    year_words: Vec<String>,
    year_context: Vec<String>,
    place_nouns: Vec<String>,
    honorifics: Vec<String>,
    name_links: Vec<String>,
    day_context: Vec<String>,
    hijri_era: Vec<String>,
    gregorian_era: Vec<String>,
    ambiguous_names: Vec<String>,
    name_enders: Vec<String>,
}

#[derive(Deserialize)]
struct PersonNamesFile {
    arabic_given_names: Vec<String>,
    foreign_names: Vec<String>,
}

#[derive(Deserialize)]
struct SportWordsFile {
    club_words: Vec<String>,
    sport_words: Vec<String>,
}

/// Lists of organisation names by field (clubs, companies, …).
type OrgNamesFile = std::collections::BTreeMap<String, serde_json::Value>;

#[derive(Deserialize)]
struct OrgTriggerFile {
    word: String,
    #[serde(default)]
    needs_gentilic: bool,
}

#[derive(Deserialize)]
struct CalendarFile {
    months: Vec<MonthFile>,
    days: Vec<String>,
    hijri_months: Vec<MonthFile>,
    ambiguous_hijri_months: Vec<String>,
}

#[derive(Deserialize)]
struct MonthFile {
    number: u8,
    names: Vec<String>,
}

/// An organisation trigger («وزارة»); some only count when a nationality
/// adjective follows («القوات الروسية», not «القوات الحكومية»).
#[derive(Debug, Clone)]
pub(super) struct OrgTrigger {
    pub phrase: Phrase,
    pub needs_gentilic: bool,
}

/// All word lists, normalised. Sets hold words as written (normalised);
/// [`super::scan::loose_in`] matches them with or without the article.
#[derive(Debug, Clone)]
pub struct WordLists {
    pub(super) stop: WordSet,
    pub(super) verbs: WordSet,
    pub(super) modifiers: WordSet,
    pub(super) gentilics: WordSet,
    pub(super) person_triggers: PhraseList,
    pub(super) apposition_triggers: PhraseList,
    pub(super) location_triggers: PhraseList,
    pub(super) org_triggers: Vec<OrgTrigger>,
    pub(super) org_index: PhraseIndex,
    pub(super) quoted_triggers: PhraseList,
    pub(super) units: WordSet,
    pub(super) scales: WordSet,
    pub(super) vague: WordSet,
    pub(super) approximators: PhraseList,
    pub(super) months: Vec<(Phrase, u8)>,
    pub(super) month_index: PhraseIndex,
    pub(super) ambiguous_months: WordSet,
    pub(super) days: WordSet,
    pub(super) day_needs_yawm: WordSet,
    pub(super) year_words: WordSet,
    pub(super) year_context: WordSet,
    pub(super) place_nouns: WordSet,
    /// «معالي», «خادم الحرمين الشريفين»: lead to a name, never one.
    pub(super) honorifics: PhraseList,
    /// «بن», «عبد», «أبو»: join name words, never end a name.
    pub(super) name_links: WordSet,
    /// «أمس», «يوم»: a weekday after one is a date.
    pub(super) day_context: WordSet,
    pub(super) hijri_era: WordSet,
    pub(super) gregorian_era: WordSet,
    /// Gazetteer names that are also common words («كيف», «جده»): found
    /// only when the tagger agrees.
    pub(super) ambiguous_names: WordSet,
    /// Words that describe a name and so end it («البالغة», «المقبل»).
    pub(super) name_enders: WordSet,
    pub(super) hijri_months: Vec<(Phrase, u8)>,
    pub(super) hijri_index: PhraseIndex,
    pub(super) ambiguous_hijri: WordSet,
    /// The name shown for each Gregorian and Hijri month (1–12) and each
    /// weekday: the first spelling the calendar lists.
    pub(super) month_names: Vec<String>,
    pub(super) hijri_names: Vec<String>,
    pub(super) day_names: Vec<(String, String)>,
    /// First words of every phrase list, for a quick "may a phrase start
    /// here" test ([`super::scan::Tokens::mark_phrase_starts`]).
    pub(super) phrase_starts: WordSet,
    /// First words of the person, place and organisation triggers.
    pub(super) trigger_starts: WordSet,
    /// Words that are often personal names (`assets/person_names.json`):
    /// a cue for the tagger, never a name by itself.
    pub(super) person_names: WordSet,
    /// Phrases that are often organisations' names
    /// (`assets/org_names.json`): a cue for the tagger too.
    pub(super) org_names: PhraseList,
    /// Words of well-known people's names from Arabic Wikipedia
    /// (`assets/wiki_names.json`, see [`super::wiki_names`]): a cue of its own.
    pub(super) wiki_person_names: WordSet,
    /// Words that begin or end a club's name (`assets/sport_words.json`):
    /// a cue for the tagger.
    pub(super) club_words: WordSet,
    /// Words that say a paragraph is about sport (the same file).
    pub(super) sport_words: WordSet,
}

fn keys(words: &[String]) -> WordSet {
    words.iter().map(|w| normalize(w)).collect()
}

fn phrases(words: &[String]) -> PhraseList {
    PhraseList::new(words.iter().filter_map(|w| Phrase::new(w)).collect())
}

/// Is `word` in `set`, whole, after «و», «ف», «ب» or «ل», or with the
/// article («المحمد» is a family name)?
pub(super) fn name_in(set: &WordSet, word: &str) -> bool {
    let known = |w: &str| set.contains(w) || w.strip_prefix("ال").is_some_and(|r| set.contains(r));
    known(word) || word.strip_prefix(['و', 'ف', 'ب', 'ل']).is_some_and(known)
}

impl WordLists {
    /// The built-in lists.
    pub fn builtin() -> Result<WordLists, RulesError> {
        let mut lists = WordLists::from_json(RULES, CALENDAR)?;
        lists.add_person_names(PERSON_NAMES)?;
        lists.add_org_names(ORG_NAMES)?;
        lists.add_sport_words(SPORT_WORDS)?;
        lists.add_wiki_names(super::wiki_names::WIKI_NAMES)?;
        Ok(lists)
    }

    /// Adds a person-names file's words (less any stopword: «علي» folds
    /// to the preposition «على»).
    pub fn add_person_names(&mut self, json: &str) -> Result<(), RulesError> {
        let f: PersonNamesFile = serde_json::from_str(json)?;
        let stop = &self.stop;
        let names: Vec<String> = (f.arabic_given_names.iter())
            .chain(&f.foreign_names)
            .map(|w| normalize(w))
            .filter(|w| !stop.contains(w))
            .collect();
        self.person_names = names.into_iter().collect();
        Ok(())
    }

    /// Adds an organisation-names file: every list in it but `about`.
    pub fn add_org_names(&mut self, json: &str) -> Result<(), RulesError> {
        let f: OrgNamesFile = serde_json::from_str(json)?;
        let mut names = Vec::new();
        for (field, list) in f.into_iter().filter(|(k, _)| k != "about") {
            let list: Vec<String> = serde_json::from_value(list).map_err(|e| {
                RulesError(serde::de::Error::custom(format!("org names, {field}: {e}")))
            })?;
            names.extend(list);
        }
        self.org_names = phrases(&names);
        // Their first words may start a phrase (see `phrase_starts`).
        let firsts = self
            .org_names
            .iter()
            .filter_map(|p| p.words.first().cloned());
        self.phrase_starts = self.phrase_starts.iter().cloned().chain(firsts).collect();
        Ok(())
    }

    /// Reads a sports-words file (`{"club_words": […], "sport_words": […]}`).
    pub fn add_sport_words(&mut self, json: &str) -> Result<(), RulesError> {
        let f: SportWordsFile = serde_json::from_str(json)?;
        self.club_words = keys(&f.club_words);
        self.sport_words = keys(&f.sport_words);
        Ok(())
    }

    /// Does any word of `toks` say the text is about sport (proclitics and
    /// the article allowed)? Club words do not: «الاتحاد», «الفريق» and
    /// «شباب» are as often the EU, a general and youth.
    pub(super) fn about_sport(&self, toks: &super::scan::Tokens) -> bool {
        (0..toks.len()).any(|i| loose_in(toks.word(i), &self.sport_words).is_some())
    }

    /// Is `word` (normalised; «و», «ف», «ب» or «ل» before it allowed) a
    /// word that is often a personal name? The article form is a family name too («المحمد», «العلي»).
    pub(super) fn is_person_name(&self, word: &str) -> bool {
        name_in(&self.person_names, word)
    }

    /// Parses a rules file and a calendar file.
    pub fn from_json(rules: &str, calendar: &str) -> Result<WordLists, RulesError> {
        let r: RulesFile = serde_json::from_str(rules)?;
        let c: CalendarFile = serde_json::from_str(calendar)?;
        let suffixes: Vec<String> = r.gentilic_suffixes.iter().map(|s| normalize(s)).collect();
        let gentilics = keys(&r.gentilics)
            .iter()
            .flat_map(|g| suffixes.iter().map(move |s| format!("{g}{s}")))
            .collect();
        let month_list = |list: &[MonthFile]| -> Vec<(Phrase, u8)> {
            list.iter()
                .flat_map(|m| {
                    m.names
                        .iter()
                        .filter_map(|n| Phrase::new(n))
                        .map(|p| (p, m.number))
                })
                .collect()
        };
        let first_names = |list: &[MonthFile]| -> Vec<String> {
            (1..=12u8)
                .map(|n| {
                    list.iter()
                        .find(|m| m.number == n)
                        .and_then(|m| m.names.first())
                        .cloned()
                        .unwrap_or_else(|| n.to_string())
                })
                .collect()
        };
        let months = month_list(&c.months);
        let hijri_months = month_list(&c.hijri_months);
        let mut lists = WordLists {
            stop: r.stopwords.iter().map(|w| normalize(w)).collect(),
            verbs: keys(&r.verbs),
            modifiers: keys(&r.title_modifiers),
            gentilics,
            person_triggers: phrases(&r.person_triggers),
            apposition_triggers: phrases(&r.apposition_triggers),
            location_triggers: phrases(&r.location_triggers),
            org_triggers: r
                .organization_triggers
                .iter()
                .filter_map(|t| {
                    Phrase::new(&t.word).map(|phrase| OrgTrigger {
                        phrase,
                        needs_gentilic: t.needs_gentilic,
                    })
                })
                .collect(),
            quoted_triggers: phrases(&r.quoted_name_triggers),
            units: keys(&r.number_units),
            scales: keys(&r.number_scales),
            vague: keys(&r.number_vague),
            approximators: phrases(&r.number_approximators),
            months,
            ambiguous_months: keys(&r.ambiguous_months),
            days: keys(&c.days),
            day_needs_yawm: keys(&r.day_needs_yawm),
            year_words: keys(&r.year_words),
            year_context: keys(&r.year_context),
            place_nouns: keys(&r.place_nouns),
            honorifics: phrases(&r.honorifics),
            name_links: keys(&r.name_links),
            day_context: keys(&r.day_context),
            hijri_era: keys(&r.hijri_era),
            gregorian_era: keys(&r.gregorian_era),
            ambiguous_names: keys(&r.ambiguous_names),
            name_enders: keys(&r.name_enders),
            hijri_index: PhraseIndex::new(hijri_months.iter().map(|(p, _)| p)),
            hijri_months,
            ambiguous_hijri: keys(&c.ambiguous_hijri_months),
            month_names: first_names(&c.months),
            hijri_names: first_names(&c.hijri_months),
            day_names: c.days.iter().map(|d| (normalize(d), d.clone())).collect(),
            phrase_starts: WordSet::default(),
            trigger_starts: WordSet::default(),
            person_names: WordSet::default(),
            wiki_person_names: WordSet::default(),
            org_names: PhraseList::default(),
            club_words: WordSet::default(),
            sport_words: WordSet::default(),
            org_index: PhraseIndex::default(),
            month_index: PhraseIndex::default(),
        };
        lists.org_index = PhraseIndex::new(lists.org_triggers.iter().map(|t| &t.phrase));
        lists.month_index = PhraseIndex::new(lists.months.iter().map(|(p, _)| p));
        let first = |p: &Phrase| p.words.first().cloned();
        lists.trigger_starts = (lists.person_triggers.iter())
            .chain(&lists.location_triggers)
            .chain(lists.org_triggers.iter().map(|t| &t.phrase))
            .filter_map(first)
            .collect();
        lists.phrase_starts = (lists.apposition_triggers.iter())
            .chain(&lists.quoted_triggers)
            .chain(&lists.approximators)
            .chain(lists.months.iter().map(|(p, _)| p))
            .chain(lists.hijri_months.iter().map(|(p, _)| p))
            .chain(&lists.honorifics)
            .filter_map(first)
            .chain(lists.trigger_starts.iter().cloned())
            .collect();
        Ok(lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::scan::Tokens;

    #[test]
    fn sport_words_say_a_paragraph_is_about_sport_and_club_words_alone_do_not() {
        let w = WordLists::builtin().expect("the built-in lists parse");
        let about = |text: &str| w.about_sport(&Tokens::new(&normalize(text)));
        assert!(about("وفاز ليفربول على أرسنال بهدفين"));
        assert!(about("وقال مدرب ليون إن"));
        assert!(!about("وقال الاتحاد الأوروبي إن ليفربول"));
        assert!(!about("وصل الرئيس إلى ليفربول أمس"));
    }
}
