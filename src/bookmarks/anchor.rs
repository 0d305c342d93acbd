//! Finding a bookmarked passage again after the corpus changed.
//!
//! In order: the saved paragraph numbers, if the text there still hashes
//! the same (`Found`); else the exact saved text anywhere in the article;
//! else the same text after [`normalize`] with runs of whitespace collapsed,
//! so edits to harakat, tatweel, alef forms, invisible marks or spacing do
//! not lose it (`Moved`, nearest to the old place first). Anything else — a
//! changed word, a split paragraph, a removed article — is `Orphaned`: the
//! bookmark keeps its saved text and is still listed and exported.

use super::model::{passage_hash, Bookmark};
use crate::corpus::{Article, Corpus};
use crate::text::normalize::normalize;
use std::ops::RangeInclusive;

/// Where a bookmark's passage is in the current corpus. Paragraphs are
/// 1-based and inclusive, like [`Bookmark::from`]..=[`Bookmark::to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// At the saved paragraph numbers.
    Found { paragraphs: RangeInclusive<usize> },
    /// In the same article, at other paragraph numbers.
    Moved { paragraphs: RangeInclusive<usize> },
    /// Not in the corpus any more.
    Orphaned,
}

impl Anchor {
    /// `found`, `moved` or `orphaned`, for listings and JSON.
    pub fn status(&self) -> &'static str {
        match self {
            Anchor::Found { .. } => "found",
            Anchor::Moved { .. } => "moved",
            Anchor::Orphaned => "orphaned",
        }
    }
}

/// Where `bookmark`'s passage is in `corpus` (matched by exact article id).
pub fn resolve(bookmark: &Bookmark, corpus: &Corpus) -> Anchor {
    match corpus.articles.iter().find(|a| a.id == bookmark.article) {
        Some(article) => resolve_in(bookmark, article),
        None => Anchor::Orphaned,
    }
}

/// Where `bookmark`'s passage is in `article`.
pub fn resolve_in(bookmark: &Bookmark, article: &Article) -> Anchor {
    let len = bookmark.text.len();
    let paras = &article.paragraphs;
    if len == 0 || len > paras.len() {
        return Anchor::Orphaned;
    }
    if bookmark.from >= 1 && bookmark.to == bookmark.from + len - 1 {
        if let Some(window) = paras.get(bookmark.from - 1..bookmark.to) {
            if passage_hash(window) == bookmark.text_hash {
                return Anchor::Found {
                    paragraphs: bookmark.from..=bookmark.to,
                };
            }
        }
    }
    // Window starts, nearest to the saved position first.
    let mut starts: Vec<usize> = (0..=paras.len() - len).collect();
    starts.sort_by_key(|&s| s.abs_diff(bookmark.from.saturating_sub(1)));
    let moved = |s: usize| Anchor::Moved {
        paragraphs: s + 1..=s + len,
    };
    if let Some(&s) = starts
        .iter()
        .find(|&&s| paras[s..s + len] == bookmark.text[..])
    {
        return moved(s);
    }
    let saved: Vec<String> = bookmark.text.iter().map(|p| loose(p)).collect();
    let current: Vec<String> = paras.iter().map(|p| loose(p)).collect();
    match starts.iter().find(|&&s| current[s..s + len] == saved[..]) {
        Some(&s) => moved(s),
        None => Anchor::Orphaned,
    }
}

/// The text as compared for a loose match: normalised, whitespace collapsed.
fn loose(text: &str) -> String {
    normalize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            id: "a".into(),
            title: "t".into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            source: String::new(),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
        }
    }

    #[test]
    fn each_outcome() {
        let before = article(&["واحد", "اثنان", "ثلاثة"]);
        let b = Bookmark::new(&before, 2, 3, None).unwrap();
        assert_eq!(resolve_in(&b, &before), Anchor::Found { paragraphs: 2..=3 });
        let inserted = article(&["جديد", "واحد", "اثنان", "ثلاثة"]);
        assert_eq!(
            resolve_in(&b, &inserted),
            Anchor::Moved { paragraphs: 3..=4 }
        );
        let harakat = article(&["واحد", "اثْنَانِ", "ثلاثـة"]);
        assert_eq!(
            resolve_in(&b, &harakat),
            Anchor::Moved { paragraphs: 2..=3 }
        );
        let reworded = article(&["واحد", "اثنين", "ثلاثة"]);
        assert_eq!(resolve_in(&b, &reworded), Anchor::Orphaned);
        assert_eq!(resolve_in(&b, &article(&["اثنان"])), Anchor::Orphaned);
    }

    #[test]
    fn the_nearest_copy_wins() {
        let a = article(&["س", "ص", "ع", "ف", "س"]);
        let mut b = Bookmark::new(&a, 5, 5, None).unwrap();
        b.from = 4;
        b.to = 4;
        assert_eq!(resolve_in(&b, &a), Anchor::Moved { paragraphs: 5..=5 });
    }
}
