//! Writing prepared articles into the library, inside the import's
//! transaction, each matched with the library as [`super::import`] says;
//! and their index forms into [`Pending`], written block by block.

use super::forms::{Forms, Keys};
use super::import::Summary;
use super::index::{block, number, Pending};
use super::rows::Prepared;
use rusqlite::types::ToSqlOutput;
use rusqlite::{params, params_from_iter, OptionalExtension, ToSql, Transaction};
use std::collections::HashSet;

/// Index postings gathered before they are written (about 2–4 bytes
/// each): a block of articles updated all over is indexed in steps.
const FLUSH_POSTINGS: usize = 64 << 20;

/// Prepared articles, with the forms of consecutive runs of them: each
/// `(start, forms)` covers the articles from `start` on.
pub(crate) struct Ready {
    pub(crate) articles: Vec<Prepared>,
    pub(crate) forms: Vec<(usize, Forms)>,
}

/// What [`Writer::put`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Put {
    Added,
    Updated {
        text_changed: bool,
    },
    Unchanged,
    /// An article with the same url or text was there already: left as it was.
    Known,
}

/// A row already in the library that an incoming article may be.
struct Existing {
    n: i64,
    id: String,
    record_hash: String,
    text_hash: String,
}

pub(crate) struct Writer<'t> {
    tx: &'t Transaction<'t>,
    now: String,
    /// Index changes not yet written.
    index: Pending,
    /// The article number each article of the batch being written was
    /// added as (`None`: not added, or its forms are in `index` already).
    numbers: Vec<Option<u32>>,
    /// Rows written (added, updated or found unchanged) by this import: a
    /// second article with the url of one of them is a copy, skipped, so
    /// that importing the same files again changes nothing.
    written: HashSet<i64>,
}

impl<'t> Writer<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>) -> Self {
        Writer {
            tx,
            now: crate::bookmarks::rfc3339(crate::bookmarks::now_secs()),
            index: Pending::default(),
            numbers: Vec::new(),
            written: HashSet::new(),
        }
    }

    /// Writes a batch; the index of every block it completed too.
    pub(crate) fn write_batch(
        &mut self,
        batch: Ready,
        summary: &mut Summary,
    ) -> rusqlite::Result<()> {
        self.numbers.clear();
        for article in batch.articles {
            let added = self.write(article, summary)?;
            self.numbers.push(added);
        }
        for (start, forms) in &batch.forms {
            let numbers = &self.numbers[*start..];
            self.index
                .add_forms(forms, |p| numbers.get(p as usize).copied().flatten());
        }
        let next: Option<i64> = self
            .tx
            .query_row("SELECT max(n) + 1 FROM articles", [], |r| r.get(0))?;
        if self.index.size > FLUSH_POSTINGS {
            self.index.write(self.tx)
        } else {
            // Articles are added at the end: blocks before the next
            // article's are complete.
            let open = block(number(next.unwrap_or(0)));
            self.index.write_before(self.tx, open)
        }
    }

    /// Writes `a` as row `at` when the caller knows which article it is (a
    /// feed item seen before); else as the article with `a`'s id; else as a
    /// new row, unless an article with the same url or text is there
    /// already (then that row, untouched). Returns the row, its id and what
    /// was done; `None` when row `at` is gone (removed by the user). Its
    /// index forms are written by [`Writer::finish`].
    pub(crate) fn put(
        &mut self,
        a: &Prepared,
        at: Option<i64>,
    ) -> rusqlite::Result<Option<(i64, String, Put)>> {
        const COLUMNS: &str = "SELECT n, id, record_hash, text_hash FROM articles";
        let old = match at {
            Some(n) => match self.find(&format!("{COLUMNS} WHERE n = ?1"), n)? {
                Some(old) => Some(old),
                None => return Ok(None),
            },
            None => self.find(&format!("{COLUMNS} WHERE id = ?1"), &a.article.id)?,
        };
        if let Some(old) = old {
            if old.record_hash == a.record_hash {
                return Ok(Some((old.n, old.id, Put::Unchanged)));
            }
            let text_changed = old.text_hash != a.text_hash;
            self.update(&old, a)?;
            return Ok(Some((old.n, old.id, Put::Updated { text_changed })));
        }
        let by_url = match &a.article.meta.url {
            Some(url) => self.find(&format!("{COLUMNS} WHERE url = ?1 LIMIT 1"), url)?,
            None => None,
        };
        let known = match by_url {
            Some(old) => Some(old),
            None => self.find(
                &format!("{COLUMNS} WHERE text_hash = ?1 LIMIT 1"),
                &a.text_hash,
            )?,
        };
        if let Some(old) = known {
            return Ok(Some((old.n, old.id, Put::Known)));
        }
        let n = self.insert(a)?;
        self.index
            .add(n, &Keys::of(&a.article.title, &a.article.paragraphs));
        Ok(Some((n, a.article.id.clone(), Put::Added)))
    }

    /// Writes what is left of the index.
    pub(crate) fn finish(mut self) -> rusqlite::Result<()> {
        self.index.write(self.tx)
    }

    fn find(&self, sql: &str, key: impl rusqlite::ToSql) -> rusqlite::Result<Option<Existing>> {
        self.tx
            .prepare_cached(sql)?
            .query_row([key], |r| {
                Ok(Existing {
                    n: r.get(0)?,
                    id: r.get(1)?,
                    record_hash: r.get(2)?,
                    text_hash: r.get(3)?,
                })
            })
            .optional()
    }

    /// Writes one article; its number when it was added.
    fn write(&mut self, a: Prepared, summary: &mut Summary) -> rusqlite::Result<Option<u32>> {
        const COLUMNS: &str = "SELECT n, id, record_hash, text_hash FROM articles";
        let by_id = self.find(&format!("{COLUMNS} WHERE id = ?1"), &a.article.id)?;
        let by_url = match (&by_id, &a.article.meta.url) {
            (None, Some(url)) => self.find(&format!("{COLUMNS} WHERE url = ?1 LIMIT 1"), url)?,
            _ => None,
        };
        if let Some(old) = by_url.as_ref().filter(|old| self.written.contains(&old.n)) {
            summary.skip(
                format!("same url as article \"{}\" earlier in this import", old.id),
                &a.article.id,
            );
            return Ok(None);
        }
        if let Some(old) = by_id.or(by_url) {
            self.written.insert(old.n);
            if old.record_hash == a.record_hash {
                summary.unchanged += 1;
            } else {
                if old.text_hash != a.text_hash {
                    summary.changed.push(old.id.clone());
                }
                self.update(&old, &a)?;
                summary.updated += 1;
            }
            return Ok(None);
        }
        let same_text = self.find(
            &format!("{COLUMNS} WHERE text_hash = ?1 LIMIT 1"),
            &a.text_hash,
        )?;
        if let Some(old) = same_text {
            summary.skip(
                format!("same text as article \"{}\"", old.id),
                &a.article.id,
            );
            return Ok(None);
        }
        let n = self.insert(&a)?;
        self.written.insert(n);
        summary.added += 1;
        Ok(Some(number(n)))
    }

    fn insert(&mut self, a: &Prepared) -> rusqlite::Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO articles (id, title, origin, outlet, url, published, author, lang,
                 extra, text_hash, record_hash, paragraph_count, word_count, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params_from_iter(
                std::iter::once(a.article.id.to_sql()?).chain(columns(a, &self.now)?),
            ))?;
        let n = self.tx.last_insert_rowid();
        self.write_text(n, a)?;
        Ok(n)
    }

    /// Article `n`'s paragraphs and boilerplate.
    fn write_text(&self, n: i64, a: &Prepared) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO texts (n, paragraphs, boilerplate) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![n, a.paragraphs, a.boilerplate])?;
        Ok(())
    }

    /// Replaces row `old` with `a`, keeping its id and place.
    fn update(&mut self, old: &Existing, a: &Prepared) -> rusqlite::Result<()> {
        if old.text_hash != a.text_hash {
            // Added earlier in this batch: its forms are not in the index
            // yet, and now never will be.
            let n = number(old.n);
            if let Some(slot) = self.numbers.iter_mut().find(|s| **s == Some(n)) {
                *slot = None;
            }
            let (title, paragraphs): (String, String) = self.tx.query_row(
                "SELECT a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n
                 WHERE a.n = ?1",
                [old.n],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let before = Keys::of(&title, &super::rows::paragraphs(&paragraphs));
            let after = Keys::of(&a.article.title, &a.article.paragraphs);
            self.index.replace(old.n, &before, Some(&after));
        }
        self.tx
            .prepare_cached(
                "UPDATE articles SET title = ?2, origin = ?3, outlet = ?4, url = ?5,
                 published = ?6, author = ?7, lang = ?8, extra = ?9, text_hash = ?10,
                 record_hash = ?11, paragraph_count = ?12, word_count = ?13, updated_at = ?14
                 WHERE n = ?1",
            )?
            .execute(params_from_iter(
                std::iter::once(ToSqlOutput::from(old.n)).chain(columns(a, &self.now)?),
            ))?;
        self.write_text(old.n, a)
    }
}

/// What both `INSERT` and `UPDATE` write of an article, in the order of
/// their parameters `?2` to `?14` (`?1` is the id, or the row to update);
/// borrowed, nothing copied.
fn columns<'a>(a: &'a Prepared, now: &'a str) -> rusqlite::Result<[ToSqlOutput<'a>; 13]> {
    let m = &a.article.meta;
    Ok([
        a.article.title.to_sql()?,
        a.article.source.to_sql()?,
        m.outlet.to_sql()?,
        m.url.to_sql()?,
        m.published.to_sql()?,
        m.author.to_sql()?,
        m.lang.to_sql()?,
        a.extra.to_sql()?,
        a.text_hash.to_sql()?,
        a.record_hash.to_sql()?,
        ToSqlOutput::from(a.article.paragraphs.len() as i64),
        ToSqlOutput::from(a.word_count as i64),
        now.to_sql()?,
    ])
}
