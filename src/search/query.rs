//! Query parsing: words, quoted phrases and `-` exclusions.
//!
//! Parsing is infallible so it can run on every keystroke: an unbalanced
//! quote turns the rest of the input into a phrase, a lone `-` is ignored,
//! and terms with no word characters (pure punctuation) are dropped.

use memchr::memmem::Finder;

use super::matcher::lil_tail;
use crate::text::normalize::{normalize, word_ranges};

/// One search term: a sequence of normalised tokens that must occur in
/// consecutive words. A plain word usually has one token; a phrase (or a
/// word like `covid-19`) has several.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// Normalised tokens; never empty.
    pub(crate) tokens: Vec<String>,
    /// Substring finder for `tokens[0]` (minus a leading ال), used as a
    /// cheap pre-filter: every word the first token can match contains it.
    pub(crate) first: Finder<'static>,
    /// A letter of that needle to look for in original text first (see
    /// [`super::probe`]).
    pub(crate) anchor: Option<super::probe::Anchor>,
}

/// Parsed terms, split into required and excluded ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    pub(crate) positive: Vec<Term>,
    pub(crate) negative: Vec<Term>,
}

impl Terms {
    /// True when every article `self` matches is also matched by `prev`:
    /// both exclude the same terms, and each of `prev`'s terms is implied by
    /// one of `self`'s (as when the query is typed further).
    pub(crate) fn refines(&self, prev: &Terms) -> bool {
        let tokens = |terms: &[Term]| -> Vec<Vec<String>> {
            terms.iter().map(|t| t.tokens.clone()).collect()
        };
        tokens(&self.negative) == tokens(&prev.negative)
            && prev
                .positive
                .iter()
                .all(|p| self.positive.iter().any(|t| implies(t, p)))
    }
}

/// Does every occurrence of `term` start an occurrence of `prev`? Yes when
/// `prev`'s tokens but the last are `term`'s first ones, and `term`'s next
/// token extends `prev`'s last one without gaining the «لل» reading (see
/// [`lil_tail`]): then the same words match.
fn implies(term: &Term, prev: &Term) -> bool {
    let Some((last, whole)) = prev.tokens.split_last() else {
        return false;
    };
    let Some(next) = term.tokens.get(whole.len()) else {
        return false;
    };
    term.tokens[..whole.len()] == *whole
        && next.starts_with(last.as_str())
        && (lil_tail(next).is_none() || lil_tail(last).is_some())
}

/// Characters that open or close a phrase. Any of them closes an open
/// phrase, so `"…"`, `“…”` and `«…»` (and reversed `»…«`) all work.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Splits the raw query into (negated, raw text) items.
fn split_raw(q: &str) -> Vec<(bool, &str)> {
    let mut items = Vec::new();
    let mut rest = q;
    loop {
        rest = rest.trim_start();
        let mut chars = rest.chars();
        let Some(first) = chars.next() else { break };
        let (negated, body) = match first {
            '-' => (true, chars.as_str()),
            _ => (false, rest),
        };
        let mut body_chars = body.chars();
        match body_chars.next() {
            Some(c) if is_quote(c) => {
                let inner = body_chars.as_str();
                let end = inner.find(is_quote).unwrap_or(inner.len());
                items.push((negated, &inner[..end]));
                // Skip the closing quote (if any).
                let mut tail = inner[end..].chars();
                tail.next();
                rest = tail.as_str();
            }
            _ => {
                let end = body
                    .find(|c: char| c.is_whitespace() || is_quote(c))
                    .unwrap_or(body.len());
                items.push((negated, &body[..end]));
                rest = &body[end..];
            }
        }
    }
    items
}

/// Parses a query string into normalised terms.
pub(crate) fn parse_terms(q: &str) -> Terms {
    let mut terms = Terms::default();
    for (negated, raw) in split_raw(q) {
        let norm = normalize(raw);
        let tokens: Vec<String> = word_ranges(&norm).map(|r| norm[r].to_owned()).collect();
        let Some(first) = tokens.first() else {
            continue;
        };
        // «الدروع» must also find «للدروع» (see matcher), so pre-filter on
        // the part after the article.
        let needle = match first.strip_prefix("ال") {
            Some(tail) if !tail.is_empty() => tail,
            _ => first,
        };
        let anchor = super::probe::Anchor::of(needle);
        let first = super::byte_rank::finder(needle.as_bytes());
        let term = Term {
            tokens,
            first,
            anchor,
        };
        if negated {
            terms.negative.push(term);
        } else {
            terms.positive.push(term);
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &[Term]) -> Vec<Vec<&str>> {
        t.iter()
            .map(|t| t.tokens.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let t = parse_terms("أوكرانيا \"جنود روس\" -كييف -«قصف عنيف»");
        assert_eq!(
            toks(&t.positive),
            vec![vec!["اوكرانيا"], vec!["جنود", "روس"]]
        );
        assert_eq!(toks(&t.negative), vec![vec!["كييف"], vec!["قصف", "عنيف"]]);
    }

    #[test]
    fn unbalanced_quote_takes_rest() {
        let t = parse_terms("خيرسون “جنود رو");
        assert_eq!(toks(&t.positive), vec![vec!["خيرسون"], vec!["جنود", "رو"]]);
    }

    #[test]
    fn lone_dash_and_punctuation_ignored() {
        let t = parse_terms(" - ، \"\" -");
        assert!(t.positive.is_empty() && t.negative.is_empty());
    }

    #[test]
    fn quote_glued_to_word_starts_phrase() {
        let t = parse_terms("a\"b c\"d");
        assert_eq!(
            toks(&t.positive),
            vec![vec!["a"], vec!["b", "c"], vec!["d"]]
        );
    }

    #[test]
    fn refines_when_typing_on_only() {
        let refines = |q: &str, prev: &str| parse_terms(q).refines(&parse_terms(prev));
        assert!(refines("خيرس", "خير"));
        assert!(refines("خير روس", "خير"));
        assert!(refines("\"وزارة ا", "\"وزارة"));
        assert!(refines("\"وزارة الدف", "\"وزارة الد"));
        assert!(refines("الدف", "الد"));
        assert!(refines("خير -روس", "خير -روس"));
        // «الد» also matches «للدفاع», which «ال» does not.
        assert!(!refines("الد", "ال"));
        assert!(!refines("\"وزارة الد", "\"وزارة ا"));
        assert!(!refines("خير", "خيرس"));
        assert!(!refines("خير -روس", "خير"));
        assert!(!refines("\"وزير دفاع", "\"وزارة"));
    }

    #[test]
    fn hyphenated_word_is_one_multi_token_term() {
        let t = parse_terms("COVID-19");
        assert_eq!(toks(&t.positive), vec![vec!["covid", "19"]]);
    }
}
