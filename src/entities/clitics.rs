//! Where a name found by the tagger starts inside its first word: the
//! tagger labels whole words («وإسرائيل»), spans leave proclitics out
//! («إسرائيل»), as the gazetteer's matches do.
//!
//! A proclitic is stripped when what remains is a known name and the word
//! as written is not (the gazetteer, or names that began an entity in the
//! tagger's training data), when the article follows it («والقاعدة» →
//! «القاعدة»), or when و leaves a long unknown word («وجوتشولك») that no
//! title or nationality adjective introduces. So «بغداد», «ليبيا»,
//! «فلاديمير», «وليد» and «الرئيس الكيني ويليام» stay whole.

use super::scan::{clitic_splits, AL};

/// Letters a و conjunction must leave on an unknown word to be stripped.
const MIN_UNKNOWN_REST: usize = 4;

/// The proclitic bytes to leave out of `word` (normalised), given what is
/// known to be a name. `introduced`: the word before is a title or a
/// nationality adjective («الرئيس الكيني ويليام»), after which a name does
/// not start with a conjunction.
pub(super) fn name_prefix(word: &str, introduced: bool, known: impl Fn(&str) -> bool) -> usize {
    if known(word) {
        return 0;
    }
    let mut fallback = 0;
    for (p, rest) in clitic_splits(word) {
        let clitics = &word[..p];
        if clitics.ends_with(AL) {
            continue; // the article stays with the name: take the shorter split
        }
        let bare = rest.strip_prefix(AL).unwrap_or(rest);
        if known(rest) || known(bare) {
            return p;
        }
        if rest.starts_with(AL) && rest.chars().count() > 4 {
            return p;
        }
        if clitics == "لل" {
            return p;
        }
        if clitics == "و"
            && !introduced
            && fallback == 0
            && rest.chars().count() >= MIN_UNKNOWN_REST
        {
            fallback = p;
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_go_only_when_the_rest_is_a_name() {
        let known = |w: &str| ["اسرائيل", "بغداد", "قاعده"].contains(&w);
        assert_eq!(name_prefix("واسرائيل", false, known), "و".len());
        assert_eq!(name_prefix("بغداد", false, known), 0);
        assert_eq!(name_prefix("والقاعده", false, known), "و".len());
        assert_eq!(name_prefix("وبالقاعده", false, known), "وب".len());
        assert_eq!(name_prefix("وليد", false, known), 0);
        assert_eq!(name_prefix("ليبيا", false, known), 0);
        assert_eq!(name_prefix("فلاديمير", false, known), 0);
        assert_eq!(name_prefix("ويليام", true, known), 0);
        assert_eq!(name_prefix("وجوتشولك", false, known), "و".len());
        assert_eq!(name_prefix("للقوات", false, known), "لل".len());
    }
}
