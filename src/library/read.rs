//! Reading the library: the list, one article by id or prefix, every
//! article in pieces, search, and what `sahifa library` reports; and
//! removing articles.

use super::rows::{from_row, ARTICLE_COLUMNS, ARTICLE_TABLES};
use super::{Library, LibraryError};
use crate::corpus::{Article, FileLoad, LoadError, Progress};
use crate::lookup::LookupError;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::sync::atomic::Ordering;

/// One row of `sahifa list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub paragraph_count: usize,
    pub word_count: usize,
    /// The outlet (agency, site), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What `sahifa library` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Info {
    pub path: String,
    pub articles: usize,
    pub unread: usize,
    pub outlets: usize,
    pub with_url: usize,
    pub with_date: usize,
    /// Bytes on disk: the database and its write-ahead log.
    pub bytes: u64,
    pub schema: i64,
}

/// How many articles the reader is handed at a time.
const PIECE: usize = 512;

impl Library {
    pub(super) fn sql(&self) -> impl Fn(rusqlite::Error) -> LibraryError + '_ {
        |source| LibraryError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Runs `work` in one write transaction, taken at once (so it waits
    /// for another writer instead of failing half-way), and commits it.
    pub(super) fn in_write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, LibraryError> {
        let done = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .and_then(|tx| {
                let value = work(&tx)?;
                tx.commit()?;
                Ok(value)
            });
        done.map_err(self.sql())
    }

    /// How many articles the library holds.
    pub fn len(&self) -> Result<usize, LibraryError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(self.sql())
    }

    pub fn is_empty(&self) -> Result<bool, LibraryError> {
        Ok(self.len()? == 0)
    }

    /// Calls `visit` with every row of the list, in library order.
    pub fn list(&self, mut visit: impl FnMut(ListRow)) -> Result<(), LibraryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, title, paragraph_count, word_count, outlet, published, url
                 FROM articles ORDER BY n",
            )
            .map_err(self.sql())?;
        let mut rows = st.query([]).map_err(self.sql())?;
        while let Some(r) = rows.next().map_err(self.sql())? {
            let row = (|| {
                Ok::<_, rusqlite::Error>(ListRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    paragraph_count: r.get::<_, i64>(2)? as usize,
                    word_count: r.get::<_, i64>(3)? as usize,
                    source: r.get(4)?,
                    published: r.get(5)?,
                    url: r.get(6)?,
                })
            })()
            .map_err(self.sql())?;
            visit(row);
        }
        Ok(())
    }

    /// The article with exactly this id.
    pub fn get(&self, id: &str) -> Result<Option<Article>, LibraryError> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_TABLES} WHERE a.id = ?1"
            ))
            .and_then(|mut st| st.query_row([id], |r| from_row(r, 0)).optional())
            .map_err(self.sql())
    }

    /// The article with this id, else the only one whose id starts with
    /// it; an unknown id or an ambiguous prefix is an error that says so.
    pub fn find(&self, wanted: &str) -> Result<Article, LibraryError> {
        if let Some(a) = self.get(wanted)? {
            return Ok(a);
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE id > ?1 ORDER BY id")
            .map_err(self.sql())?;
        let mut rows = st.query([wanted]).map_err(self.sql())?;
        let mut ids = Vec::new();
        let mut count = 0;
        while let Some(r) = rows.next().map_err(self.sql())? {
            let id: String = r.get(0).map_err(self.sql())?;
            if wanted.is_empty() || !id.starts_with(wanted) {
                break;
            }
            count += 1;
            if ids.len() < crate::lookup::SHOWN {
                ids.push(id);
            }
        }
        let not_found = || LookupError::NotFound {
            noun: "article",
            wanted: wanted.to_string(),
        };
        match (count, ids.pop()) {
            (1, Some(id)) => self.get(&id)?.ok_or_else(|| not_found().into()),
            (0, _) | (_, None) => Err(not_found().into()),
            (count, Some(last)) => {
                ids.push(last);
                Err(LookupError::Ambiguous {
                    noun: "article",
                    wanted: wanted.to_string(),
                    count,
                    candidates: ids,
                }
                .into())
            }
        }
    }

    /// Every article in library order, handed to `emit` `batch` at a time,
    /// so a caller never needs them all at once.
    pub fn articles(
        &self,
        batch: usize,
        mut emit: impl FnMut(Vec<Article>) -> bool,
    ) -> Result<(), LibraryError> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_TABLES} ORDER BY a.n"
            ))
            .map_err(self.sql())?;
        let mut rows = st.query([]).map_err(self.sql())?;
        let mut piece = Vec::with_capacity(batch);
        while let Some(r) = rows.next().map_err(self.sql())? {
            piece.push(from_row(r, 0).map_err(self.sql())?);
            if piece.len() >= batch.max(1) && !emit(std::mem::take(&mut piece)) {
                return Ok(());
            }
        }
        if !piece.is_empty() {
            emit(piece);
        }
        Ok(())
    }

    /// Every article, handed to `emit` in pieces as the corpus loader
    /// hands over files (the reader takes either), with progress counted
    /// in articles; stops when the progress is cancelled.
    pub fn load_pieces(
        &self,
        progress: &Progress,
        emit: &mut dyn FnMut(FileLoad),
    ) -> Result<(), LoadError> {
        let failed = |e: LibraryError| LoadError::Io {
            path: self.path.clone(),
            source: std::io::Error::other(e.to_string()),
        };
        progress
            .total_bytes
            .store(self.len().map_err(failed)? as u64, Ordering::Relaxed);
        let mut cancelled = false;
        self.articles(PIECE, |articles| {
            progress
                .done_bytes
                .fetch_add(articles.len() as u64, Ordering::Relaxed);
            emit(FileLoad {
                articles,
                warnings: Vec::new(),
            });
            cancelled = progress.cancel.load(Ordering::Relaxed);
            !cancelled
        })
        .map_err(failed)?;
        match cancelled {
            true => Err(LoadError::Cancelled),
            false => Ok(()),
        }
    }

    /// Removes the articles with these exact ids; returns the ids that
    /// were not there. All or nothing.
    pub fn remove(&mut self, ids: &[String]) -> Result<Vec<String>, LibraryError> {
        self.in_write(|tx| remove_in(tx, ids))
    }

    /// Counts, size on disk and where the library is.
    pub fn info(&self) -> Result<Info, LibraryError> {
        let count = |sql: &str| -> Result<usize, LibraryError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(self.sql())
        };
        let size = |suffix: &str| {
            std::fs::metadata(format!("{}{suffix}", self.path.display())).map_or(0, |m| m.len())
        };
        Ok(Info {
            path: self.path.display().to_string(),
            articles: count("SELECT count(*) FROM articles")?,
            unread: count("SELECT count(*) FROM articles WHERE read = 0")?,
            outlets: count("SELECT count(DISTINCT outlet) FROM articles")?,
            with_url: count("SELECT count(url) FROM articles")?,
            with_date: count("SELECT count(published) FROM articles")?,
            bytes: size("") + size("-wal"),
            schema: self.version().map_err(self.sql())?,
        })
    }
}

/// Removes the articles `ids` (and their index entries) inside `tx`;
/// returns the ids not found.
pub(crate) fn remove_in(
    tx: &rusqlite::Transaction,
    ids: &[String],
) -> rusqlite::Result<Vec<String>> {
    let mut missing = Vec::new();
    let mut index = super::index::Pending::default();
    for id in ids {
        let row: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT a.n, a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n
                 WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((n, title, paragraphs)) = row else {
            missing.push(id.clone());
            continue;
        };
        let keys = super::forms::Keys::of(&title, &super::rows::paragraphs(&paragraphs));
        index.replace(n, &keys, None);
        tx.execute("DELETE FROM articles WHERE n = ?1", params![n])?;
        tx.execute("DELETE FROM texts WHERE n = ?1", params![n])?;
    }
    index.write(tx)?;
    Ok(missing)
}
