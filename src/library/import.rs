//! `sahifa import`: files into the library, in one transaction (a killed
//! import leaves the library as it was). The corpus loader reads the files
//! on all cores and hands over pieces; each piece is made ready (JSON,
//! hashes, index forms) on all cores too, while this thread writes the
//! previous one.
//!
//! Each article read is matched with the library, in this order:
//! 1. the same id: unchanged if nothing but where it was read from
//!    differs, else updated in place (it keeps its place in the list);
//! 2. else the same url: the same article under another id (a changed
//!    text gets a new content hash id): updated, keeping the library's id;
//! 3. else the same text (title and paragraphs) under another id: skipped;
//! 4. else added.
//!
//! Ids repeated inside one import are renamed `-2`, `-3`, … exactly as
//! `--corpus` does, so the library lists what `--corpus` lists.

use super::index::{Keys, Pending};
use super::rows::Prepared;
use super::{Library, LibraryError};
use crate::corpus::{Article, Corpus, Progress, Warning};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Articles read but not taken, by reason, with the ids of the first few.
    pub skipped: BTreeMap<String, (usize, Vec<String>)>,
    /// What the loader skipped or repaired in the files (bad records,
    /// unreadable files, renamed duplicate ids).
    pub warnings: Vec<Warning>,
    /// Ids of the articles whose text changed (their bookmarks may have
    /// moved).
    pub changed: Vec<String>,
}

impl Summary {
    pub fn skipped_count(&self) -> usize {
        self.skipped.values().map(|(n, _)| n).sum()
    }

    fn skip(&mut self, reason: String, id: &str) {
        let (count, ids) = self.skipped.entry(reason).or_default();
        *count += 1;
        if ids.len() < 3 {
            ids.push(id.to_string());
        }
    }
}

/// Index postings gathered before they are written (about 4 bytes each):
/// a big import is indexed in steps, inside its one transaction.
const FLUSH_POSTINGS: usize = 64 << 20;

/// A piece of the files, made ready for the table.
struct Batch {
    articles: Vec<Prepared>,
    warnings: Vec<Warning>,
}

impl Library {
    /// Imports every path (files or directories, every format the corpus
    /// loader reads) in one transaction. A path that does not exist is an
    /// error before anything is read; a bad file inside is a warning.
    /// Waits for another sahifa that is importing.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        progress: &Progress,
    ) -> Result<Summary, LibraryError> {
        let (files, listed) = Corpus::files(paths)?;
        let path = self.path.clone();
        let sql = |source| LibraryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut summary = Summary {
            warnings: listed,
            ..Summary::default()
        };
        let (send, receive) = mpsc::sync_channel::<Batch>(2);
        let loaded = std::thread::scope(|s| {
            let loader = s.spawn(|| {
                let send = send;
                Corpus::load_pieces(&files, progress, |piece| {
                    let batch = Batch {
                        articles: prepare(piece.articles),
                        warnings: piece.warnings,
                    };
                    // The writer stops receiving only when it failed; its
                    // error is the one reported.
                    let _ = send.send(batch);
                })
            });
            let written = write_all(&tx, receive, &mut summary, progress);
            if written.is_err() {
                // Stop reading: nothing more will be written.
                progress
                    .cancel
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let loaded = loader
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            written.map_err(sql)?;
            loaded.map_err(|e| match e {
                crate::corpus::LoadError::Cancelled => LibraryError::Cancelled,
                other => LibraryError::from(other),
            })
        });
        loaded?;
        tx.commit().map_err(sql)?;
        Ok(summary)
    }
}

/// Writes every batch received, in order, until the loader is done.
fn write_all(
    tx: &Transaction,
    receive: mpsc::Receiver<Batch>,
    summary: &mut Summary,
    progress: &Progress,
) -> rusqlite::Result<()> {
    let mut writer = Writer::new(tx);
    let pause =
        std::env::var_os(crate::data_dir::CRASH_POINT_ENV).is_some_and(|v| v == "import-pause");
    for batch in receive {
        summary.warnings.extend(batch.warnings);
        for article in batch.articles {
            writer.write(article, summary)?;
        }
        if writer.index.size > FLUSH_POSTINGS {
            writer.index.write(tx)?;
        }
        if pause {
            // Test-only: the articles so far are written inside the
            // transaction; wait here to be killed.
            eprintln!("sahifa: paused inside the import transaction");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
        if progress.cancel.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
    }
    writer.index.write(tx)
}

/// Prepares articles on all cores, in order.
fn prepare(articles: Vec<Article>) -> Vec<Prepared> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
    if articles.len() <= 1 {
        return articles.into_iter().map(Prepared::of).collect();
    }
    let mut chunks = Vec::new();
    let mut rest = articles;
    while rest.len() > chunk {
        let tail = rest.split_off(chunk);
        chunks.push(std::mem::replace(&mut rest, tail));
    }
    chunks.push(rest);
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| s.spawn(|| c.into_iter().map(Prepared::of).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Writes `articles` into an empty library (the seeds, on creation).
pub(crate) fn write_new(tx: &Transaction, articles: Vec<Article>) -> rusqlite::Result<()> {
    let mut writer = Writer::new(tx);
    let mut summary = Summary::default();
    for a in prepare(articles) {
        writer.write(a, &mut summary)?;
    }
    writer.index.write(tx)
}

/// A row already in the library that an incoming article may be.
struct Existing {
    n: i64,
    id: String,
    record_hash: String,
    text_hash: String,
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

/// Writes articles inside a caller's transaction, keeping the search index
/// in step ([`Writer::finish`] writes it).
pub(crate) struct Writer<'t> {
    tx: &'t Transaction<'t>,
    now: String,
    /// Index changes, written after the articles.
    index: Pending,
}

impl<'t> Writer<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>) -> Self {
        Writer {
            tx,
            now: crate::bookmarks::rfc3339(crate::bookmarks::now_secs()),
            index: Pending::default(),
        }
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

    fn write(&mut self, a: Prepared, summary: &mut Summary) -> rusqlite::Result<()> {
        const COLUMNS: &str = "SELECT n, id, record_hash, text_hash FROM articles";
        let by_id = self.find(&format!("{COLUMNS} WHERE id = ?1"), &a.article.id)?;
        let by_url = match (&by_id, &a.article.meta.url) {
            (None, Some(url)) => self.find(&format!("{COLUMNS} WHERE url = ?1 LIMIT 1"), url)?,
            _ => None,
        };
        if let Some(old) = by_id.or(by_url) {
            if old.record_hash == a.record_hash {
                summary.unchanged += 1;
            } else {
                if old.text_hash != a.text_hash {
                    summary.changed.push(old.id.clone());
                }
                self.update(&old, &a)?;
                summary.updated += 1;
            }
            return Ok(());
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
            return Ok(());
        }
        self.insert(&a)?;
        summary.added += 1;
        Ok(())
    }

    /// Writes `a` as row `at` when the caller knows which article it is (a
    /// feed item seen before); else as the article with `a`'s id; else as a
    /// new row, unless an article with the same url or text is there
    /// already (then that row, untouched). Returns the row, its id and what
    /// was done; `None` when row `at` is gone (removed by the user).
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
        self.insert(a)?;
        let n = self.tx.last_insert_rowid();
        Ok(Some((n, a.article.id.clone(), Put::Added)))
    }

    /// Writes the index changes gathered so far.
    pub(crate) fn finish(mut self) -> rusqlite::Result<()> {
        self.index.write(self.tx)
    }

    fn insert(&mut self, a: &Prepared) -> rusqlite::Result<()> {
        let m = &a.article.meta;
        self.tx
            .prepare_cached(
                "INSERT INTO articles (id, title, origin, outlet, url, published, author, lang,
                 extra, text_hash, record_hash, paragraph_count, word_count, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                a.article.id,
                a.article.title,
                a.article.source,
                m.outlet,
                m.url,
                m.published,
                m.author,
                m.lang,
                a.extra,
                a.text_hash,
                a.record_hash,
                a.article.paragraphs.len() as i64,
                a.word_count as i64,
                self.now,
            ])?;
        let n = self.tx.last_insert_rowid();
        self.write_text(n, a)?;
        self.index.add(n, &a.keys);
        Ok(())
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
            let (title, paragraphs): (String, String) = self.tx.query_row(
                "SELECT a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n
                 WHERE a.n = ?1",
                [old.n],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let before = Keys::of(&title, &super::rows::paragraphs(&paragraphs));
            self.index.replace(old.n, &before, Some(&a.keys));
        }
        let m = &a.article.meta;
        self.tx
            .prepare_cached(
                "UPDATE articles SET title = ?2, origin = ?3, outlet = ?4, url = ?5,
                 published = ?6, author = ?7, lang = ?8, extra = ?9, text_hash = ?10,
                 record_hash = ?11, paragraph_count = ?12, word_count = ?13, updated_at = ?14
                 WHERE n = ?1",
            )?
            .execute(params![
                old.n,
                a.article.title,
                a.article.source,
                m.outlet,
                m.url,
                m.published,
                m.author,
                m.lang,
                a.extra,
                a.text_hash,
                a.record_hash,
                a.article.paragraphs.len() as i64,
                a.word_count as i64,
                self.now,
            ])?;
        self.write_text(old.n, a)
    }
}
