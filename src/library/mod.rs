//! The library: a SQLite store of articles (`<data dir>/library.db`), so
//! commands need not read every file again, with a search index that
//! finds the articles a query may match without loading them.
//!
//! * [`Library::open`] — created on first use holding the bundled seeds;
//!   WAL, so readers never wait for an import; an older schema is
//!   migrated, a newer one never written to, a damaged file moved aside.
//! * [`Library::import`] — files in, de-duplicated by id, url and text,
//!   in one transaction.
//! * Feeds: [`Library::add_feed`], [`Library::feeds`],
//!   [`Library::remove_feed`], and [`Library::store_fetch`], which stores
//!   one feed's fetched items as articles in one transaction;
//!   [`Library::fetch_feeds`] fetches feeds and stores each as it finishes.
//! * Reading: [`Library::list`], [`Library::find`], [`Library::articles`],
//!   [`Library::search`], [`Library::info`]; and [`Library::remove`].
//! * For the terminal reader, which never holds every article: the list's
//!   order ([`Library::order`], newest first), small rows
//!   ([`Library::entries`]), one article by number ([`Library::numbered`]),
//!   texts to check a filter's candidates against ([`Library::texts`],
//!   [`Library::candidates`]) and read marks ([`Library::set_read`]).
//!
//! No terminal code here.

mod error;
mod feed_store;
mod feeds;
mod fetch_run;
mod forms;
mod import;
mod index;
mod open;
mod read;
mod reader;
mod rows;
mod schema;
mod search;
mod writer;

pub use error::LibraryError;
pub use feed_store::{FeedFetch, FetchOutcome, Stored};
pub use feeds::{Feed, NewFeed};
pub use fetch_run::{FeedLine, FetchRun, Tally};
pub use import::Summary;
pub use open::FILE_NAME;
pub use read::{Info, ListRow};
pub use reader::{Entry, Narrowed, View};
pub use schema::SCHEMA_VERSION;

use rusqlite::Connection;
use std::path::PathBuf;

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod feed_tests;
