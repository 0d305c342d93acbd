//! What can go wrong with the library, in words for the user.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// There is no data directory to keep the library in.
    #[error("no data directory (set --data-dir or SAHIFA_DATA_DIR)")]
    NoDataDir,
    /// The file is damaged; it was moved aside (`backup`) and nothing was
    /// written over it.
    #[error(
        "{} is damaged ({reason}); it was moved to {} and left as it was. \
         Run the command again to start a new library, then `sahifa import` your files",
        path.display(),
        backup.display()
    )]
    Damaged {
        path: PathBuf,
        backup: PathBuf,
        reason: String,
    },
    /// The file is damaged and could not even be moved aside.
    #[error("{} is damaged ({reason}) and could not be moved aside: {error}", path.display())]
    DamagedStuck {
        path: PathBuf,
        reason: String,
        error: std::io::Error,
    },
    /// Written by a newer sahifa: never changed by this one.
    #[error(
        "{} was written by a newer sahifa (library schema {found}; this one knows up to {known}); \
         it was left untouched — use the newer sahifa, or --corpus to read files directly",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A SQLite database, but not a sahifa library.
    #[error("{} is not a sahifa library (another program's database?); it was left untouched", path.display())]
    Foreign { path: PathBuf },
    /// An unknown id, or a prefix several ids start with: the same error,
    /// worded the same, as for articles read with `--corpus`.
    #[error(transparent)]
    Lookup(#[from] crate::lookup::LookupError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Load(#[from] crate::corpus::LoadError),
    #[error("import interrupted")]
    Cancelled,
    /// `feed remove` or `fetch` named a feed the library does not have.
    #[error("no feed named or at «{0}» (see `sahifa feed list`)")]
    NoFeed(String),
    /// `feed add` with a name or address already subscribed.
    #[error("already subscribed: the feed «{name}» is at {url}")]
    FeedExists { name: String, url: String },
}

impl LibraryError {
    /// Whether SQLite's error means the file is damaged (or not a database).
    pub(crate) fn is_damage(e: &rusqlite::Error) -> bool {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }
}
