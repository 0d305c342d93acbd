//! What can go wrong with bookmarks, in words for the user.

use std::io;
use thiserror::Error;

/// A request the store cannot carry out (bad input from the user).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BookmarkError {
    #[error(
        "paragraphs {from}–{to} are not a passage of article \"{article}\", which has paragraphs 1–{count}"
    )]
    BadRange {
        article: String,
        from: usize,
        to: usize,
        count: usize,
    },
    #[error("no bookmark with id \"{0}\" (see `sahifa bookmarks list`)")]
    UnknownBookmark(String),
}

/// A problem found while reading `bookmarks.json`. The store still works
/// (in memory, or with a fresh file); the caller should show the message.
#[derive(Debug, Error)]
pub enum StoreWarning {
    #[error(
        "{path} is damaged ({reason}); it was moved to {backup} and sahifa starts with no bookmarks"
    )]
    Corrupt {
        path: String,
        backup: String,
        reason: String,
    },
    #[error(
        "{path} is damaged ({reason}) and could not be moved aside ({error}); bookmarks will not be saved"
    )]
    CorruptNotMoved {
        path: String,
        reason: String,
        error: io::Error,
    },
    #[error(
        "{path} was written by a newer sahifa (schema {version}); it is left untouched (copy at {backup}) and bookmarks made now will not be saved"
    )]
    FutureVersion {
        path: String,
        backup: String,
        version: u64,
    },
    #[error("cannot read {path}: {error}; sahifa starts with no bookmarks")]
    Unreadable { path: String, error: io::Error },
}

/// Why bookmarks could not be saved. Nothing is lost: the store keeps
/// every bookmark in memory and a later save can still succeed.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("bookmarks are not saved: no data directory (pass --data-dir or set SAHIFA_DATA_DIR)")]
    NoDataDir,
    #[error("cannot save bookmarks in {dir}: {error}")]
    Dir { dir: String, error: io::Error },
    #[error("cannot save bookmarks to {path}: {error}")]
    Write { path: String, error: io::Error },
    #[error("cannot save bookmarks: {path} could not be read ({error})")]
    Read { path: String, error: io::Error },
    #[error("not saving over {path}: it was written by a newer sahifa (schema {version})")]
    FutureVersion { path: String, version: u64 },
    #[error("not saving over {path}: it is damaged and could not be moved aside")]
    CorruptKept { path: String },
}
