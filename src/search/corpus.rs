//! Searching a whole corpus: which articles match, and where.

use super::matcher::{highlights_in, term_occurs, FieldWords};
use super::probe::Field;
use super::query::Term;
use super::{PreparedText, Query};
use crate::corpus::{Article, ArticleRef, LoadError, Progress, Streamed};
use crate::text::normalize::{normalize_with_map, Normalized};
use std::ops::Range;
use std::path::PathBuf;

/// One match: paragraph number as every command names it (0 = the title,
/// N = paragraph N, 1-based) and byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub paragraph: usize,
    pub range: Range<usize>,
}

/// An article's fields (title, then paragraphs) normalised once, so a query
/// can be run on every keystroke without redoing the work.
#[derive(Debug, Clone, Default)]
pub struct PreparedArticle {
    fields: Vec<PreparedText>,
}

impl PreparedArticle {
    pub fn new(article: &Article) -> Self {
        let fields = std::iter::once(&article.title)
            .chain(&article.paragraphs)
            .map(|t| PreparedText::new(t))
            .collect();
        PreparedArticle { fields }
    }

    /// Does the article match (all positive terms somewhere, no excluded term)?
    pub fn is_match(&self, query: &Query) -> bool {
        query.is_match_prepared(&self.fields)
    }

    /// Every match in the article, or `None` when it does not match.
    pub fn hits(&self, query: &Query) -> Option<Vec<Hit>> {
        let found = query.match_prepared(&self.fields)?;
        Some(
            found
                .into_iter()
                .map(|(paragraph, range)| Hit { paragraph, range })
                .collect(),
        )
    }
}

/// The articles of `articles` that match `query`, by index, with their hits.
/// An empty query matches every article with no hits. Articles are matched
/// one at a time (nothing is kept but the hits), on all cores.
pub fn search_articles(articles: &[Article], query: &Query) -> Vec<(usize, Vec<Hit>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = articles
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                s.spawn(move || {
                    part.iter()
                        .enumerate()
                        .filter_map(|(j, a)| {
                            let fields = std::iter::once(a.title.as_str())
                                .chain(a.paragraphs.iter().map(String::as_str));
                            article_hits(fields, query).map(|h| (k * chunk + j, h))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_default())
            .collect()
    })
}

/// The hits of `query` in an article's fields (title, then paragraphs), or
/// `None` when it does not match: exactly [`PreparedArticle::hits`], found
/// more cheaply. A one-token term with an anchor letter is matched piece by
/// piece around that letter ([`Field::matches`]). For the other terms a
/// field is first probed without an offset map, and only a field that
/// contains some term's first token (the pre-filter every match passes) is
/// prepared; no other field can hold a match of such a term.
pub fn article_hits<'a, I>(fields: I, query: &Query) -> Option<Vec<Hit>>
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    if query.is_empty() {
        return Some(Vec::new());
    }
    let terms = query.terms();
    let fields = fields.into_iter();
    let mut positive_seen = vec![false; terms.positive.len()];
    let mut relevant = Vec::new();
    let mut hits = Vec::new();
    let mut scratch = String::new();
    let mut piece = Normalized::default();
    for (paragraph, text) in fields.clone().enumerate() {
        let mut field = Field::new(text);
        let mut any = false;
        for (seen, term) in positive_seen.iter_mut().zip(&terms.positive) {
            let before = hits.len();
            let mut emit = |range| {
                hits.push(Hit { paragraph, range });
                true
            };
            if field.matches(term, &mut piece, &mut emit) {
                *seen |= hits.len() > before;
            } else if field.holds(term, &mut scratch) {
                *seen = true;
                any = true;
            }
        }
        for term in &terms.negative {
            let mut found = false;
            let mut stop = |_| {
                found = true;
                false
            };
            if field.matches(term, &mut piece, &mut stop) {
                if found {
                    return None;
                }
            } else {
                any = any || field.holds(term, &mut scratch);
            }
        }
        relevant.push(any);
    }
    if !positive_seen.iter().all(|&seen| seen) {
        return None;
    }
    if relevant.iter().any(|&r| r) {
        // Only the fields where such a term can occur are normalised with a
        // map; their words are found around each candidate, as
        // `PreparedText` has them listed.
        let mapped: Vec<Option<Normalized>> = fields
            .zip(relevant)
            .map(|(field, relevant)| relevant.then(|| normalize_with_map(field)))
            .collect();
        let whole = |t: &&Term| !is_piecewise(t);
        let occurs = |t: &Term| {
            mapped
                .iter()
                .flatten()
                .any(|n| term_occurs(&FieldWords(&n.text), t))
        };
        let positive = || terms.positive.iter().filter(whole);
        if terms.negative.iter().filter(whole).any(occurs) || !positive().all(occurs) {
            return None;
        }
        for (paragraph, n) in mapped.iter().enumerate() {
            let Some(n) = n else { continue };
            let ranges = highlights_in(&FieldWords(&n.text), n, positive());
            hits.extend(ranges.into_iter().map(|range| Hit { paragraph, range }));
        }
    }
    Some(merged(hits))
}

/// Whether an article's fields (title, then paragraphs) match `query`:
/// exactly `article_hits(fields, query).is_some()`, with less work when
/// every term is matched piece by piece ([`Field::matches`]): each term is
/// looked for only until its first match, and no hit is kept. A filter or
/// a count needs no more.
pub fn article_matches<'a, I>(fields: I, query: &Query) -> bool
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let terms = query.terms();
    if !terms
        .positive
        .iter()
        .chain(&terms.negative)
        .all(is_piecewise)
    {
        return article_hits(fields, query).is_some();
    }
    let fields = fields.into_iter();
    let mut piece = Normalized::default();
    let mut occurs = |term: &Term| {
        fields.clone().any(|text| {
            let mut found = false;
            let mut stop = |_| {
                found = true;
                false
            };
            Field::new(text).matches(term, &mut piece, &mut stop);
            found
        })
    };
    terms.positive.iter().all(&mut occurs) && !terms.negative.iter().any(&mut occurs)
}

/// Is `term` matched piece by piece (see [`Field::matches`])?
fn is_piecewise(term: &Term) -> bool {
    term.anchor.is_some() && term.tokens.len() == 1
}

/// Hits sorted by paragraph and place, overlapping ones in a paragraph
/// made one, as [`highlights_in`] gives them for each field.
fn merged(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_unstable_by_key(|h| (h.paragraph, h.range.start, h.range.end));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.last_mut() {
            Some(last) if last.paragraph == h.paragraph && h.range.start <= last.range.end => {
                last.range.end = last.range.end.max(h.range.end);
            }
            _ => out.push(h),
        }
    }
    out
}

/// Searches the corpus at `paths` while reading it (see
/// [`crate::corpus::stream_filtered`]): `keep` turns each matching article
/// and its hits into what the caller wants to hold. Gives what
/// [`search_articles`] gives on the loaded corpus, with every article's id
/// and the warnings. A JSONL line is looked at raw first
/// ([`Query::may_match_json`]) and parsed only if it may match.
pub fn search_paths<T, F>(
    paths: &[PathBuf],
    query: &Query,
    progress: Option<&Progress>,
    keep: F,
) -> Result<Streamed<T>, LoadError>
where
    T: Send,
    F: Fn(&ArticleRef, Vec<Hit>) -> T + Sync,
{
    crate::corpus::stream_filtered(paths, progress, RawQuery(query), |a| {
        let fields = std::iter::once(a.title).chain(a.paragraphs.iter().copied());
        article_hits(fields, query).map(|hits| keep(a, hits))
    })
}

/// How many articles at `paths` match `query`, read as [`search_paths`]
/// reads them ([`article_matches`], which stops at a term's first match):
/// `kept` has one entry per match and [`Streamed::total`] counts every
/// article, but ids are not read (see [`crate::corpus::count_filtered`]).
pub fn count_paths(
    paths: &[PathBuf],
    query: &Query,
    progress: Option<&Progress>,
) -> Result<Streamed<()>, LoadError> {
    crate::corpus::count_filtered(paths, progress, RawQuery(query), |a| {
        let fields = std::iter::once(a.title).chain(a.paragraphs.iter().copied());
        article_matches(fields, query)
    })
}

/// A query asked about raw JSONL text.
struct RawQuery<'a>(&'a Query);

impl crate::corpus::RawFilter for RawQuery<'_> {
    fn may_keep(&self, raw_line: &str) -> bool {
        self.0.may_match_json(raw_line)
    }

    fn places(&self, block: &str) -> Option<crate::corpus::pipeline::Places> {
        self.0.may_match_places(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2048,
            // Beside this file, not in a proptest-regressions/ at the top.
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The cheap path finds exactly the hits of the prepared one, for
        /// words, phrases and exclusions, on text with marks, variant
        /// letters and decomposed hamzas.
        #[test]
        fn article_hits_are_those_of_the_prepared_article(
            fields in proptest::collection::vec(
                "(ب|س|ر|و|ي|ى|ئ|ا|أ|ل|ك|ي\u{0654}|\u{064E}|\u{0640}|\u{FEFB}|ال|لل| |\n|B|b){0,20}",
                1..4,
            ),
            from in 0usize..20,
            len in 1usize..8,
            negate in proptest::bool::ANY,
        ) {
            let cut: String = fields[0].chars().skip(from).take(len).collect();
            let query = match negate {
                true => format!("س -\"{cut}\""),
                false => format!("\"{cut}\" ب"),
            };
            for q in [cut.clone(), query] {
                let query = Query::parse(&q);
                let article = Article {
                    id: String::new(),
                    title: fields[0].clone(),
                    paragraphs: fields[1..].to_vec(),
                    source: String::new(),
                    meta: Default::default(),
                    boilerplate: Vec::new(),
                };
                let want = PreparedArticle::new(&article).hits(&query);
                let got = article_hits(fields.iter().map(String::as_str), &query);
                let matches = article_matches(fields.iter().map(String::as_str), &query);
                proptest::prop_assert_eq!(matches, want.is_some(), "{:?} in {:?}", q, fields);
                proptest::prop_assert_eq!(got, want, "{:?} in {:?}", q, fields);
            }
        }
    }
}
