//! The library's search index: an FTS5 table holding, for each article,
//! every reading ("form") of its normalised words that a query token can
//! match, so that a token's articles are one prefix look-up away.
//!
//! A query token matches a word when the word, or the word with a
//! proclitic stripped, starts with it (equals it, inside a phrase), or — for
//! a token ال + tail — when the word is (و|ف)?لل + a rest starting with tail
//! (see `search::matcher`). So an article's forms are its distinct
//! normalised words, their proclitic-stripped readings, and the rests after
//! «لل» marked with [`LIL`]. The index answers which articles *may* match;
//! the search's own matcher then decides, so results are exactly those of
//! `search --corpus`. Only the article numbers are kept (`detail=none`, no
//! copy of the text), which keeps the index small.

use crate::search::{lil_rest, lil_tail, Query};
use crate::text::normalize::{normalize_into, strip_proclitics, word_ranges};
use std::collections::HashSet;

/// The index table. The `ascii` tokenizer splits only at ASCII
/// non-alphanumerics, and a normalised word holds none, so each form is
/// exactly one token; prefix indexes of one and two characters make short
/// prefixes (the first keys typed) cheap.
pub(crate) const CREATE_INDEX: &str = "CREATE VIRTUAL TABLE words USING fts5(
    forms, content='', contentless_delete=1, detail=none,
    tokenize='ascii', prefix='1 2');";

pub(crate) const INSERT: &str = "INSERT INTO words(rowid, forms) VALUES (?1, ?2)";

/// Marks a rest after «لل». Not a word character, so no word holds it; the
/// `ascii` tokenizer keeps it inside the token.
const LIL: char = '\u{E000}';

/// The forms of an article (title, then paragraphs), space-separated, each
/// once.
pub(crate) fn forms(title: &str, paragraphs: &[String]) -> String {
    let mut text = String::new();
    let mut normalized = String::new();
    for field in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
        normalized.push('\n');
        normalize_into(field, &mut normalized);
    }
    let mut seen: HashSet<&str, foldhash::fast::FixedState> = HashSet::default();
    let mut lil: HashSet<&str, foldhash::fast::FixedState> = HashSet::default();
    for range in word_ranges(&normalized) {
        let word = &normalized[range];
        if !seen.insert(word) {
            continue;
        }
        if let Some((_, rest)) = lil_rest(word) {
            lil.insert(rest);
        }
    }
    let readings: Vec<&str> = seen
        .iter()
        .flat_map(|&w| strip_proclitics(w).map(|(_, rest)| rest))
        .collect();
    seen.extend(readings);
    for form in seen {
        text.push_str(form);
        text.push(' ');
    }
    for rest in lil {
        text.push(LIL);
        text.push_str(rest);
        text.push(' ');
    }
    text.pop();
    text
}

/// The FTS5 expression for the articles that may match `query`: every
/// positive term's tokens must each match a form (the last as a prefix).
/// `None` when the query has no positive term (every article may match).
pub(crate) fn candidates(query: &Query) -> Option<String> {
    let terms = &query.terms().positive;
    if terms.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for term in terms {
        let last = term.tokens.len().saturating_sub(1);
        for (k, token) in term.tokens.iter().enumerate() {
            let star = if k == last { "*" } else { "" };
            let mut either = format!("\"{token}\"{star}");
            if let Some(tail) = lil_tail(token) {
                either = format!("({either} OR \"{LIL}{tail}\"{star})");
            }
            parts.push(either);
        }
    }
    Some(parts.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_hold_words_readings_and_lil_rests_once() {
        let forms = forms("وخيرسون", &["للدروع خيرسون".into(), "وخيرسون".into()]);
        let mut list: Vec<&str> = forms.split(' ').collect();
        list.sort_unstable();
        let mut want = vec![
            "خيرسون",
            "وخيرسون",
            "للدروع",
            "لدروع",
            "دروع",
            "\u{E000}دروع",
        ];
        want.sort_unstable();
        assert_eq!(list, want);
    }

    #[test]
    fn the_expression_needs_every_positive_token() {
        let q = Query::parse("\"حلف شمال\" الدروع -روسيا");
        let e = candidates(&q).unwrap();
        assert_eq!(
            e,
            "\"حلف\" AND \"شمال\"* AND (\"الدروع\"* OR \"\u{E000}دروع\"*)"
        );
        assert_eq!(candidates(&Query::parse("-روسيا")), None);
    }
}
