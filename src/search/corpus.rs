//! Searching a whole corpus: which articles match, and where.

use super::{PreparedText, Query};
use crate::corpus::Article;
use std::ops::Range;

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
                            PreparedArticle::new(a)
                                .hits(query)
                                .map(|h| (k * chunk + j, h))
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
