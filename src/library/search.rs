//! Searching the library: the index gives the articles that may match,
//! the search's own matcher decides.

use super::{Library, LibraryError};
use crate::corpus::Article;
use crate::search::{article_hits, Hit, Query};

impl Library {
    /// The articles matching `query`, in library order, each with its
    /// hits, turned by `keep` into what the caller holds; and how many
    /// articles the library has. The index gives the articles that may
    /// match; the search's matcher decides, on all cores, so the answer is
    /// exactly what searching the same articles loaded from files gives.
    pub fn search<T: Send>(
        &self,
        query: &Query,
        keep: impl Fn(&Article, Vec<Hit>) -> T + Sync,
    ) -> Result<(Vec<T>, usize), LibraryError> {
        let total = self.len()?;
        let candidates = super::index::candidates(&self.conn, query).map_err(self.sql())?;
        let mut found = Vec::new();
        let mut batch: Vec<Article> = Vec::new();
        let mut take = |r: &rusqlite::Row| -> rusqlite::Result<()> {
            batch.push(Article {
                id: r.get(0)?,
                title: r.get(1)?,
                paragraphs: super::rows::paragraphs(&r.get::<_, String>(2)?),
                source: String::new(),
                meta: Default::default(),
                boilerplate: Vec::new(),
            });
            if batch.len() >= 1024 {
                found.extend(matches(std::mem::take(&mut batch), query, &keep));
            }
            Ok(())
        };
        let columns =
            "SELECT a.id, a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n";
        let read = || -> rusqlite::Result<()> {
            match candidates {
                Some(docs) => {
                    let mut one = self.conn.prepare(&format!("{columns} WHERE a.n = ?1"))?;
                    for n in docs {
                        if let Some(r) = one.query([n])?.next()? {
                            take(r)?;
                        }
                    }
                }
                None => {
                    let mut every = self.conn.prepare(&format!("{columns} ORDER BY a.n"))?;
                    let mut rows = every.query([])?;
                    while let Some(r) = rows.next()? {
                        take(r)?;
                    }
                }
            }
            Ok(())
        };
        read().map_err(self.sql())?;
        found.extend(matches(batch, query, &keep));
        Ok((found, total))
    }

    /// The article numbers that may match `query` (see
    /// [`Library::search`]): for a query of one-word terms, exactly those
    /// that match. `None` when it has no positive term. What a reader's
    /// filter computes on each key, without reading any article.
    pub fn candidates(
        &self,
        query: &Query,
    ) -> Result<Option<roaring::RoaringBitmap>, LibraryError> {
        super::index::candidates(&self.conn, query).map_err(self.sql())
    }
}

/// The articles of `batch` that match, in order, matched on all cores.
fn matches<T: Send>(
    batch: Vec<Article>,
    query: &Query,
    keep: &(impl Fn(&Article, Vec<Hit>) -> T + Sync),
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = batch.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .filter_map(|a| {
                            let fields = std::iter::once(a.title.as_str())
                                .chain(a.paragraphs.iter().map(String::as_str));
                            article_hits(fields, query).map(|hits| keep(a, hits))
                        })
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
