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

use super::forms::Forms;
use super::rows::Prepared;
use super::writer::{Ready, Writer};
use super::{Library, LibraryError};
use crate::corpus::{Article, Corpus, Progress, Warning};
use rusqlite::{Transaction, TransactionBehavior};
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

    pub(crate) fn skip(&mut self, reason: String, id: &str) {
        let (count, ids) = self.skipped.entry(reason).or_default();
        *count += 1;
        if ids.len() < 3 {
            ids.push(id.to_string());
        }
    }
}

/// SQLite's page cache while importing, in KiB: the tables' indexes (id,
/// url, text hash), which every article reads and writes at random places,
/// stay in memory at a million articles. (With the default 2 MB, pages
/// are evicted into the write-ahead log and read back from it, and a
/// look-up there costs more the longer the log grows: a big import in one
/// transaction slowed to a crawl.)
const IMPORT_CACHE_KIB: i64 = 512 << 10;

/// A piece of the files, made ready for the table.
struct Batch {
    ready: Ready,
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
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .map_err(self.sql())?;
        let imported = self.import_files(&files, listed, progress);
        // Back to SQLite's default (the pages cached are freed); failing
        // that, the connection just keeps its memory until it closes.
        let _ = self.conn.pragma_update(None, "cache_size", -2000);
        if imported.is_ok() {
            self.shrink_log();
        }
        imported
    }

    /// The import proper, in one transaction.
    fn import_files(
        &mut self,
        files: &[PathBuf],
        listed: Vec<Warning>,
        progress: &Progress,
    ) -> Result<Summary, LibraryError> {
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
                Corpus::load_pieces(files, progress, |piece| {
                    let batch = Batch {
                        ready: prepare(piece.articles),
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

    /// The write-ahead log holds every page an import wrote (as much as
    /// the library grew, and more): copies them into the library and
    /// empties it. Skipped when a reader is using the log (SQLite copies
    /// them later, and `journal_size_limit` trims the file then).
    fn shrink_log(&self) {
        let _ = self
            .conn
            .busy_timeout(std::time::Duration::from_millis(200));
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
        let _ = self.conn.busy_timeout(super::open::BUSY_WAIT);
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
        writer.write_batch(batch.ready, summary)?;
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
    writer.finish()
}

/// Prepares articles on all cores, in order; each core finds the index
/// forms of its run of articles.
fn prepare(articles: Vec<Article>) -> Ready {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
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
            .map(|c| {
                s.spawn(|| {
                    let prepared: Vec<Prepared> = c.into_iter().map(Prepared::of).collect();
                    let forms = Forms::of(
                        prepared
                            .iter()
                            .map(|p| (p.article.title.as_str(), p.article.paragraphs.as_slice())),
                    );
                    (prepared, forms)
                })
            })
            .collect();
        let mut ready = Ready {
            articles: Vec::new(),
            forms: Vec::new(),
        };
        for handle in handles {
            let (prepared, forms) = handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            ready.forms.push((ready.articles.len(), forms));
            ready.articles.extend(prepared);
        }
        ready
    })
}

/// Writes `articles` into an empty library (the seeds, on creation).
pub(crate) fn write_new(tx: &Transaction, articles: Vec<Article>) -> rusqlite::Result<()> {
    let mut writer = Writer::new(tx);
    writer.write_batch(prepare(articles), &mut Summary::default())?;
    writer.finish()
}
