//! The feeds a library is subscribed to: their table (the last schema
//! step), adding, listing and removing them. Storing what a fetch brought
//! is [`super::feed_store`]'s.
//!
//! `feeds` holds one row per subscription: its name (what the list shows
//! as the outlet), its address (updated by a permanent redirect), the
//! cache validators of the last answer, whether every item's page is
//! fetched for the full text, and how the last fetch went. `feed_items`
//! maps each item a feed ever carried (by the feed's own item id) to the
//! article it became, so a fetched-again item is found and updated in place.

use super::{Library, LibraryError};
use crate::feeds::Validators;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

/// The schema step that adds the feeds' tables.
pub(crate) fn tables(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE feeds (
            feed INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL UNIQUE,
            full_text INTEGER NOT NULL DEFAULT 0,
            site TEXT,
            folder TEXT,
            validators TEXT,
            added_at TEXT NOT NULL,
            last_fetched TEXT,
            last_error TEXT,
            note TEXT,
            retry_at TEXT
        );
        CREATE TABLE feed_items (
            feed INTEGER NOT NULL,
            item TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (feed, item)
        ) WITHOUT ROWID;
        CREATE INDEX feed_items_n ON feed_items(n);",
    )
}

/// A subscription as `feed list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feed {
    #[serde(skip)]
    pub key: i64,
    pub name: String,
    pub url: String,
    pub full_text: bool,
    /// The site's home page, when known (OPML `htmlUrl`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The OPML folders it was imported from, outermost first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folder: Vec<String>,
    /// Articles from this feed still in the library.
    pub items: usize,
    pub unread: usize,
    pub added_at: String,
    pub last_fetched: Option<String>,
    /// Why the last fetch failed, in one line; `None` after a good one.
    pub last_error: Option<String>,
    /// What the last good fetch could not do (full text that failed, XML
    /// that had to be repaired), in one line.
    pub note: Option<String>,
    /// The server asked not to be fetched before this time.
    pub retry_at: Option<String>,
    #[serde(skip)]
    pub validators: Validators,
}

/// A feed to subscribe to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeed {
    pub name: String,
    pub url: String,
    pub full_text: bool,
    pub site: Option<String>,
    pub folder: Vec<String>,
}

const FEED_COLUMNS: &str = "f.feed, f.name, f.url, f.full_text, f.added_at, f.last_fetched, \
     f.last_error, f.note, f.retry_at, f.validators, f.site, f.folder, \
     (SELECT COUNT(*) FROM feed_items i JOIN articles a ON a.n = i.n WHERE i.feed = f.feed), \
     (SELECT COUNT(*) FROM feed_items i JOIN articles a ON a.n = i.n \
      WHERE i.feed = f.feed AND a.read = 0)";

fn feed_of(r: &Row) -> rusqlite::Result<Feed> {
    let validators: Option<String> = r.get(9)?;
    Ok(Feed {
        key: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        full_text: r.get(3)?,
        added_at: r.get(4)?,
        last_fetched: r.get(5)?,
        last_error: r.get(6)?,
        note: r.get(7)?,
        retry_at: r.get(8)?,
        validators: validators
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default(),
        site: r.get(10)?,
        folder: r
            .get::<_, Option<String>>(11)?
            .and_then(|f| serde_json::from_str(&f).ok())
            .unwrap_or_default(),
        items: r.get::<_, i64>(12)? as usize,
        unread: r.get::<_, i64>(13)? as usize,
    })
}

impl Library {
    /// Every subscription, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Feed>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {FEED_COLUMNS} FROM feeds f ORDER BY f.feed"
            ))
            .map_err(self.sql())?;
        let rows = stmt.query_map([], feed_of).map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

    /// The feed called `wanted`, or at that address (with or without a
    /// trailing `/`).
    pub fn feed(&self, wanted: &str) -> Result<Feed, LibraryError> {
        let trimmed = wanted.trim();
        let sql = format!(
            "SELECT {FEED_COLUMNS} FROM feeds f WHERE f.name = ?1 OR f.url = ?1 \
             OR rtrim(f.url, '/') = rtrim(?1, '/') ORDER BY f.name = ?1 DESC LIMIT 1"
        );
        self.conn
            .query_row(&sql, [trimmed], feed_of)
            .optional()
            .map_err(self.sql())?
            .ok_or_else(|| LibraryError::NoFeed(trimmed.to_string()))
    }

    /// Subscribes to a feed; a name or address already there is an error.
    pub fn add_feed(&mut self, feed: &NewFeed) -> Result<Feed, LibraryError> {
        let clash = self
            .conn
            .query_row(
                "SELECT name, url FROM feeds WHERE name = ?1 OR url = ?2",
                [&feed.name, &feed.url],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.sql())?;
        if let Some((name, url)) = clash {
            return Err(LibraryError::FeedExists { name, url });
        }
        let now = crate::bookmarks::rfc3339(crate::bookmarks::now_secs());
        self.conn
            .execute(
                "INSERT INTO feeds (name, url, full_text, site, folder, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    feed.name,
                    feed.url,
                    feed.full_text,
                    feed.site,
                    (!feed.folder.is_empty())
                        .then(|| serde_json::to_string(&feed.folder).unwrap_or_default()),
                    now
                ],
            )
            .map_err(self.sql())?;
        self.feed(&feed.url)
    }

    /// Unsubscribes from `feed`. Its articles stay, unless `purge`: then
    /// those no other feed also brought are removed too, in the same
    /// transaction; returns how many.
    pub fn remove_feed(&mut self, feed: &Feed, purge: bool) -> Result<usize, LibraryError> {
        self.in_write(|tx| {
            let ids: Vec<String> = if purge {
                let mut stmt = tx.prepare(
                    "SELECT a.id FROM feed_items i JOIN articles a ON a.n = i.n
                     WHERE i.feed = ?1 AND NOT EXISTS
                       (SELECT 1 FROM feed_items o WHERE o.n = i.n AND o.feed != ?1)",
                )?;
                let ids = stmt
                    .query_map([feed.key], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                ids
            } else {
                Vec::new()
            };
            tx.execute("DELETE FROM feed_items WHERE feed = ?1", [feed.key])?;
            tx.execute("DELETE FROM feeds WHERE feed = ?1", [feed.key])?;
            let missing = super::read::remove_in(tx, &ids)?;
            Ok(ids.len() - missing.len())
        })
    }
}
