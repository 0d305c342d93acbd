//! The Bookmark model: a saved passage of an article, with the text it had
//! when it was saved so it can be found again, or kept, when the corpus
//! changes.

use super::error::BookmarkError;
use super::time;
use crate::corpus::{content_id, Article};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};

/// One bookmarked passage: paragraphs `from..=to` (1-based, as
/// `sahifa show ID --json` numbers them) of article `article`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Short stable id (10 hex digits), unique in the store.
    pub id: String,
    /// Id of the article the passage was saved from.
    pub article: String,
    /// The article's title when the passage was saved.
    pub title: String,
    /// Where the article was read from (`Article::source`).
    pub source: String,
    /// First paragraph, 1-based; updated when the passage moves.
    pub from: usize,
    /// Last paragraph, 1-based, inclusive.
    pub to: usize,
    /// The reader's short note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the bookmark was made, RFC 3339 UTC.
    pub created: String,
    /// The passage's paragraphs, in logical order, exactly as saved.
    pub text: Vec<String>,
    /// [`passage_hash`] of `text`.
    pub text_hash: String,
    /// Set by `Store::reanchor` when the passage is no longer in the corpus.
    /// Not stored: it depends on which corpus is loaded.
    #[serde(skip)]
    pub orphaned: bool,
}

impl Bookmark {
    /// A bookmark on paragraphs `from..=to` of `article`, made now.
    pub fn new(
        article: &Article,
        from: usize,
        to: usize,
        note: Option<String>,
    ) -> Result<Bookmark, BookmarkError> {
        let count = article.paragraphs.len();
        if from == 0 || to < from || to > count {
            return Err(BookmarkError::BadRange {
                article: article.id.clone(),
                from,
                to,
                count,
            });
        }
        let text = article.paragraphs[from - 1..to].to_vec();
        let text_hash = passage_hash(&text);
        let secs = time::now_secs();
        Ok(Bookmark {
            id: fresh_id(&article.id, from, &text_hash),
            article: article.id.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            from,
            to,
            note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            created: time::rfc3339(secs),
            text,
            text_hash,
            orphaned: false,
        })
    }

    /// True when the passage covers paragraph `n` (1-based).
    pub fn covers(&self, n: usize) -> bool {
        (self.from..=self.to).contains(&n)
    }

    /// "¶3" or "¶3–5".
    pub fn range_label(&self) -> String {
        if self.from == self.to {
            format!("¶{}", self.from)
        } else {
            format!("¶{}–{}", self.from, self.to)
        }
    }
}

/// The hash that identifies a passage's text: FNV-1a over its paragraphs
/// (the same stable hash as article content ids).
pub fn passage_hash(paragraphs: &[String]) -> String {
    content_id("", paragraphs)
}

/// A new bookmark id: a hash of what is bookmarked, when, by which process
/// and a per-process counter, so two instances adding at the same instant
/// still differ.
fn fresh_id(article: &str, from: usize, text_hash: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let seed = format!(
        "{article}\n{from}\n{text_hash}\n{nanos}\n{}\n{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    content_id(&seed, &[])[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    fn article() -> Article {
        Article {
            id: "a1".into(),
            title: "عنوان".into(),
            paragraphs: vec!["أول".into(), "ثان".into(), "ثالث".into()],
            source: "x.txt".into(),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
        }
    }

    #[test]
    fn a_bookmark_saves_the_exact_paragraphs() {
        let b = Bookmark::new(&article(), 2, 3, Some("  مهم ".into())).unwrap();
        assert_eq!(b.text, ["ثان", "ثالث"]);
        assert_eq!(b.note.as_deref(), Some("مهم"));
        assert_eq!(b.text_hash, passage_hash(&b.text));
        assert_eq!(b.id.len(), 10);
        assert_eq!(b.range_label(), "¶2–3");
    }

    #[test]
    fn ranges_outside_the_article_are_refused() {
        for (from, to) in [(0, 1), (2, 1), (1, 4)] {
            assert!(Bookmark::new(&article(), from, to, None).is_err());
        }
    }

    #[test]
    fn ids_differ_even_for_the_same_passage() {
        let a = Bookmark::new(&article(), 1, 1, None).unwrap();
        let b = Bookmark::new(&article(), 1, 1, None).unwrap();
        assert_ne!(a.id, b.id);
    }
}
