//! Bookmarks: saved passages of articles, a store that survives corpus
//! changes, crashes and concurrent instances, and exports.
//!
//! * [`Bookmark`] — a passage (article id + 1-based paragraph range) with
//!   its saved text, a hash of it, a note and a creation time.
//! * [`resolve`] — where the passage is now: [`Anchor::Found`],
//!   [`Anchor::Moved`] or [`Anchor::Orphaned`] (kept, never dropped).
//! * [`Store`] — `bookmarks.json` in the data directory: loaded leniently
//!   (a damaged file is moved aside, a newer one left alone), saved under a
//!   lock with a merge, atomically.
//! * [`export`] — Markdown, JSON, plain text and standalone HTML, all in
//!   logical order exactly as in the article.
//!
//! No terminal code here: the reader and the CLI call this API.

mod anchor;
mod error;
pub mod export;
mod file;
mod model;
mod store;
mod sync;
mod time;

pub use anchor::{resolve, resolve_in, Anchor};
pub use error::{BookmarkError, SaveError, StoreWarning};
pub use file::{FileData, FILE_NAME, SCHEMA};
pub use model::{passage_hash, Bookmark};
pub use store::{Store, Toggle};
pub use time::{file_stamp, now_secs, rfc3339};
