//! What the terminal reader reads from the library without loading it: the
//! list's order (article numbers only), small rows for the rows on screen,
//! one article's text when it is opened, the texts a filter must check, and
//! the read marks it writes back.
//!
//! Articles are named here by their number (`n`, the row the search index
//! refers to); ids are what users type.

use super::rows::{from_row, paragraphs, ARTICLE_COLUMNS, ARTICLE_TABLES};
use super::{Library, LibraryError};
use crate::corpus::Article;
use crate::search::Query;
use roaring::RoaringBitmap;
use rusqlite::OptionalExtension;

/// Which articles a list shows, each newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Every article.
    #[default]
    All,
    /// Those not marked read.
    Unread,
    /// Those a feed brought (by its key, [`super::Feed::key`]), read or not.
    Feed(i64),
}

impl View {
    /// The `WHERE` clause choosing this view's articles (`?1` is the feed).
    fn clause(self) -> &'static str {
        match self {
            View::All => "",
            View::Unread => "WHERE read = 0",
            View::Feed(_) => "WHERE n IN (SELECT n FROM feed_items WHERE feed = ?1)",
        }
    }
}

/// What a list row shows of an article, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: u32,
    pub id: String,
    pub title: String,
    /// The outlet (agency, site), where known.
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The day it was published (`YYYY-MM-DD`), in the zone it was given
    /// in (not shifted to UTC's), when the date is one SQLite reads.
    pub day: Option<String>,
    pub word_count: usize,
    pub read: bool,
}

/// What the index says of a filter (see [`Library::narrow`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrowed {
    /// Every article that may match: nothing outside it does.
    pub maybe: RoaringBitmap,
    /// Those of `maybe` whose text must be checked; the rest match.
    pub unsure: RoaringBitmap,
}

/// How many numbers [`Library::order`] hands over at a time after the first
/// piece.
const PIECE: usize = 65_536;

/// The list's order: newest first by publication date (`datetime()` reads
/// each form sahifa stores, zones included); undated articles after, in
/// library order. `articles_newest` (schema version 4) is this very order.
const ORDER: &str = "ORDER BY datetime(published) DESC, n";

impl Library {
    /// The numbers of the articles of `view`, in the list's order, handed
    /// to `emit` in pieces: the first `first` at once (a screenful, so it
    /// can be drawn before the rest is read), then the rest in larger
    /// pieces. `emit` returns `false` to stop.
    pub fn order(
        &self,
        view: View,
        first: usize,
        mut emit: impl FnMut(Vec<u32>) -> bool,
    ) -> Result<(), LibraryError> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT n FROM articles {} {ORDER}", view.clause()))
            .map_err(self.sql())?;
        let mut rows = match view {
            View::Feed(key) => st.query([key]),
            View::All | View::Unread => st.query([]),
        }
        .map_err(self.sql())?;
        let mut piece = Vec::with_capacity(first.max(1));
        let mut size = first.max(1);
        while let Some(row) = rows.next().map_err(self.sql())? {
            let n: i64 = row.get(0).map_err(self.sql())?;
            piece.push(u32::try_from(n).unwrap_or(u32::MAX));
            if piece.len() >= size {
                if !emit(std::mem::take(&mut piece)) {
                    return Ok(());
                }
                size = PIECE;
            }
        }
        if !piece.is_empty() {
            emit(piece);
        }
        Ok(())
    }

    /// The rows of the articles numbered `numbers`, in that order; a number
    /// no longer in the library (removed meanwhile) is left out.
    pub fn entries(&self, numbers: &[u32]) -> Result<Vec<Entry>, LibraryError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, title, outlet, published, word_count, read, CASE
                 WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                 THEN substr(published, 1, 10) ELSE date(published) END
                 FROM articles WHERE n = ?1",
            )
            .map_err(self.sql())?;
        let mut out = Vec::with_capacity(numbers.len());
        for &number in numbers {
            let row = st
                .query_row([number], |r| {
                    Ok(Entry {
                        number,
                        id: r.get(0)?,
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        published: r.get(3)?,
                        word_count: r.get::<_, i64>(4)?.max(0) as usize,
                        read: r.get::<_, i64>(5)? != 0,
                        day: r.get(6)?,
                    })
                })
                .optional()
                .map_err(self.sql())?;
            out.extend(row);
        }
        Ok(out)
    }

    /// The whole article numbered `number`, when it is still there.
    pub fn numbered(&self, number: u32) -> Result<Option<Article>, LibraryError> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_TABLES} WHERE a.n = ?1"
            ))
            .and_then(|mut st| st.query_row([number], |r| from_row(r, 0)).optional())
            .map_err(self.sql())
    }

    /// The number of the article with exactly this id.
    pub fn number_of(&self, id: &str) -> Result<Option<u32>, LibraryError> {
        self.conn
            .prepare_cached("SELECT n FROM articles WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get::<_, i64>(0)).optional())
            .map(|n| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
            .map_err(self.sql())
    }

    /// The title and paragraphs of each article of `numbers` still there,
    /// handed to `visit` in the order given: what a filter checks a match
    /// against. `visit` returns `false` to stop.
    pub fn texts(
        &self,
        numbers: &[u32],
        mut visit: impl FnMut(u32, &str, &[String]) -> bool,
    ) -> Result<(), LibraryError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n
                 WHERE a.n = ?1",
            )
            .map_err(self.sql())?;
        for &number in numbers {
            let text = st
                .query_row([number], |r| {
                    Ok((r.get::<_, String>(0)?, paragraphs(&r.get::<_, String>(1)?)))
                })
                .optional()
                .map_err(self.sql())?;
            if let Some((title, paragraphs)) = text {
                if !visit(number, &title, &paragraphs) {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Which of the articles `all` (every number in the library) a filter
    /// may match, from the index alone (see [`Library::candidates`]): a
    /// one-word term, required or excluded, is answered exactly; articles
    /// a phrase may match, or a phrase may exclude, are left `unsure`, for
    /// their text to decide.
    pub fn narrow(&self, query: &Query, all: &RoaringBitmap) -> Result<Narrowed, LibraryError> {
        let mut maybe = match self.candidates(query)? {
            Some(found) => found & all,
            None => all.clone(),
        };
        let mut unsure = if query.required_are_words() {
            RoaringBitmap::new()
        } else {
            maybe.clone()
        };
        for (excluded, one_word) in query.exclusions() {
            let holding = self.candidates(&excluded)?.unwrap_or_default();
            if one_word {
                maybe -= &holding;
                unsure -= &holding;
            } else {
                unsure |= holding & &maybe;
            }
        }
        Ok(Narrowed { maybe, unsure })
    }

    /// Marks the article with this id read (or unread); `false` when there
    /// is no such article. Waits for an import that is writing (WAL lets
    /// readers go on, not a second writer): call it off the UI thread.
    pub fn set_read(&self, id: &str, read: bool) -> Result<bool, LibraryError> {
        self.conn
            .prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1")
            .and_then(|mut st| st.execute(rusqlite::params![id, i64::from(read)]))
            .map(|changed| changed > 0)
            .map_err(self.sql())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Progress;

    /// A library holding the seeds (undated) and `records` (JSONL lines).
    fn library(dir: &std::path::Path, records: &[serde_json::Value]) -> Library {
        let mut lib = Library::open(&dir.join("l.db")).unwrap();
        let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
        let file = dir.join("news.jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        lib.import(&[file], &Progress::default()).unwrap();
        lib
    }

    fn dated(id: &str, published: Option<&str>) -> serde_json::Value {
        let mut v = serde_json::json!({"id": id, "title": format!("خبر {id}"), "body": "نص قصير"});
        if let Some(p) = published {
            v["published"] = p.into();
        }
        v
    }

    fn ids_in_order(lib: &Library, view: View) -> Vec<String> {
        let mut numbers = Vec::new();
        lib.order(view, 2, |piece| {
            numbers.extend(piece);
            true
        })
        .unwrap();
        lib.entries(&numbers)
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn the_order_is_newest_first_by_the_instant_then_the_undated_in_library_order() {
        let dir = tempfile::TempDir::new().unwrap();
        let lib = library(
            dir.path(),
            &[
                dated("a", Some("2015-08-11")),
                dated("b", None),
                // 10:44:43 UTC, earlier than c although its digits are larger.
                dated("d", Some("2015-08-11T13:44:43+03:00")),
                dated("c", Some("2015-08-11T10:44:44Z")),
                dated("e", Some("Tue, 12 Jan 2016 08:00:00 +0000")),
                dated("f", Some("١١ آب ٢٠١٤")),
            ],
        );
        let seeds: Vec<String> = crate::corpus::Corpus::bundled()
            .articles
            .into_iter()
            .map(|a| a.id)
            .collect();
        let mut want: Vec<String> = ["e", "c", "d", "a", "f"].map(String::from).to_vec();
        want.extend(seeds);
        want.push("b".into());
        assert_eq!(ids_in_order(&lib, View::All), want);
        // The index is what answers it: no sort of every article.
        let plan: String = lib
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT n FROM articles {ORDER}"
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(plan.contains("articles_newest"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn the_first_piece_is_a_screenful_and_emit_can_stop() {
        let dir = tempfile::TempDir::new().unwrap();
        let lib = library(dir.path(), &[]);
        let mut sizes = Vec::new();
        lib.order(View::All, 2, |piece| {
            sizes.push(piece.len());
            true
        })
        .unwrap();
        assert_eq!(sizes, [2, 3]);
        let mut pieces = 0;
        lib.order(View::All, 1, |_| {
            pieces += 1;
            false
        })
        .unwrap();
        assert_eq!(pieces, 1);
    }

    #[test]
    fn rows_texts_and_read_marks_by_number() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut lib = library(dir.path(), &[dated("x", Some("2020-01-01"))]);
        let x = lib.number_of("x").unwrap().unwrap();
        assert_eq!(lib.number_of("nope").unwrap(), None);
        let first = lib.number_of("000_4eab74525d7f3c58").unwrap().unwrap();
        let rows = lib.entries(&[x, 9999, first]).unwrap();
        assert_eq!(rows.len(), 2, "a number not in the library is left out");
        assert_eq!(
            (
                rows[0].id.as_str(),
                rows[0].published.as_deref(),
                rows[0].read
            ),
            ("x", Some("2020-01-01"), false)
        );
        assert_eq!(rows[0].word_count, 2);
        assert_eq!(rows[1].id, "000_4eab74525d7f3c58");
        assert_eq!(lib.numbered(first).unwrap(), lib.get(&rows[1].id).unwrap());
        assert_eq!(lib.numbered(9999).unwrap(), None);

        let mut seen = Vec::new();
        lib.texts(&[first, x, 9999], |n, title, paragraphs| {
            seen.push((n, title.to_string(), paragraphs.len()));
            true
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1], (x, "خبر x".to_string(), 1));

        assert!(lib.set_read("x", true).unwrap());
        assert!(!lib.set_read("nope", true).unwrap());
        assert!(lib.entries(&[x]).unwrap()[0].read);
        assert_eq!(lib.info().unwrap().unread, 5);
        let unread = ids_in_order(&lib, View::Unread);
        assert_eq!(unread.len(), 5);
        assert!(!unread.contains(&"x".to_string()));
        lib.remove(&["x".into()]).unwrap();
        assert!(lib.entries(&[x]).unwrap().is_empty());
    }
}
