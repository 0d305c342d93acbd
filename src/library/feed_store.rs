//! Storing what one fetch of one feed brought, in one transaction: its
//! items become articles (through the same writer and index code as
//! `import`), the feed's address, validators and outcome are recorded. A
//! fetch killed part way keeps every feed already stored and nothing of the
//! one being stored.
//!
//! Each item is matched by (feed, item id): seen before, its article is
//! updated in place (keeping its id and place) or left as it is; new, it
//! is added, unless the library already holds an article with the same url
//! or text (the same story carried by another feed, or imported from a
//! file), which it is then linked to, untouched. An item whose article the
//! user removed stays removed.

use super::rows::Prepared;
use super::writer::{Put, Writer};
use super::{Library, LibraryError};
use crate::corpus::Article;
use crate::feeds::Validators;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

/// How one fetch of a feed went, as the store needs it.
#[derive(Debug)]
pub enum FetchOutcome {
    /// New content: every item the feed carries now.
    Fetched(FeedFetch),
    /// Unchanged since the last fetch (304).
    NotModified {
        moved_to: Option<String>,
        validators: Validators,
    },
    /// Nothing usable; `error` in one line.
    Failed {
        error: String,
        retry_at: Option<String>,
    },
}

#[derive(Debug)]
pub struct FeedFetch {
    /// The address to keep from now on (a permanent redirect).
    pub moved_to: Option<String>,
    pub validators: Validators,
    /// Each item's id in the feed, and the article it makes.
    pub items: Vec<(String, Article)>,
    /// What could not be done (full text that failed), in one line.
    pub note: Option<String>,
}

/// What storing a fetch did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stored {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Ids of the articles whose text changed (their bookmarks may have moved).
    pub changed: Vec<String>,
}

impl Library {
    /// Stores one fetch of feed `key` (a [`super::Feed::key`]) in one
    /// transaction.
    pub fn store_fetch(&mut self, key: i64, outcome: FetchOutcome) -> Result<Stored, LibraryError> {
        let path = self.path.clone();
        let sql = |source| LibraryError::Sqlite {
            path: path.clone(),
            source,
        };
        let now = crate::bookmarks::rfc3339(crate::bookmarks::now_secs());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut stored = Stored::default();
        let (moved_to, validators) = match outcome {
            FetchOutcome::Failed { error, retry_at } => {
                tx.execute(
                    "UPDATE feeds SET last_error = ?2, retry_at = ?3 WHERE feed = ?1",
                    params![key, error, retry_at],
                )
                .map_err(sql)?;
                tx.commit().map_err(sql)?;
                return Ok(stored);
            }
            FetchOutcome::NotModified {
                moved_to,
                validators,
            } => {
                stored.unchanged = tx
                    .query_row(
                        "SELECT COUNT(*) FROM feed_items WHERE feed = ?1",
                        [key],
                        |r| r.get::<_, i64>(0),
                    )
                    .map_err(sql)? as usize;
                (moved_to, validators)
            }
            FetchOutcome::Fetched(fetch) => {
                write_items(&tx, key, fetch.items, &mut stored).map_err(sql)?;
                tx.execute(
                    "UPDATE feeds SET note = ?2 WHERE feed = ?1",
                    params![key, fetch.note],
                )
                .map_err(sql)?;
                (fetch.moved_to, fetch.validators)
            }
        };
        let validators = serde_json::to_string(&validators).ok();
        tx.execute(
            "UPDATE feeds SET validators = ?2, last_fetched = ?3, last_error = NULL,
             retry_at = NULL WHERE feed = ?1",
            params![key, validators, now],
        )
        .map_err(sql)?;
        if let Some(url) = moved_to {
            // Another subscription may be at that address already: then
            // this one keeps its own.
            tx.execute(
                "UPDATE OR IGNORE feeds SET url = ?2 WHERE feed = ?1",
                params![key, url],
            )
            .map_err(sql)?;
        }
        crash_point_pause();
        tx.commit().map_err(sql)?;
        Ok(stored)
    }
}

fn write_items(
    tx: &rusqlite::Transaction,
    key: i64,
    items: Vec<(String, Article)>,
    stored: &mut Stored,
) -> rusqlite::Result<()> {
    let mut writer = Writer::new(tx);
    for (item, article) in items {
        let known: Option<i64> = tx
            .prepare_cached("SELECT n FROM feed_items WHERE feed = ?1 AND item = ?2")?
            .query_row(params![key, item], |r| r.get(0))
            .optional()?;
        let prepared = Prepared::of(article);
        let Some((n, id, put)) = writer.put(&prepared, known)? else {
            // Its article was removed: it stays removed.
            stored.unchanged += 1;
            continue;
        };
        match put {
            Put::Added => stored.added += 1,
            Put::Updated { text_changed } => {
                stored.updated += 1;
                if text_changed {
                    stored.changed.push(id);
                }
            }
            Put::Unchanged | Put::Known => stored.unchanged += 1,
        }
        if known.is_none() {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO feed_items (feed, item, n) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![key, item, n])?;
        }
    }
    writer.finish()
}

/// Test-only: with `SAHIFA_CRASH_POINT=fetch-pause`, waits inside the
/// transaction of the second feed stored, to be killed there.
fn crash_point_pause() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static STORED: AtomicUsize = AtomicUsize::new(0);
    let pause =
        std::env::var_os(crate::data_dir::CRASH_POINT_ENV).is_some_and(|v| v == "fetch-pause");
    if pause && STORED.fetch_add(1, Ordering::SeqCst) == 1 {
        eprintln!("sahifa: paused inside a feed's transaction");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}
