//! Opening the library: created on first use (with the bundled seeds),
//! migrated when older, refused when newer or not sahifa's, moved aside
//! when damaged — never written over.

use super::error::LibraryError;
use super::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use super::Library;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The library's file name in the data directory.
pub const FILE_NAME: &str = "library.db";

/// How long a command waits for another sahifa that is writing (an import
/// holds the library for its whole run, so this is generous).
pub(super) const BUSY_WAIT: Duration = Duration::from_secs(600);

/// The page size of a new library, in bytes: SQLite's largest. An
/// article's text (about 6 KB of JSON in news) then fits in one page
/// instead of a chain of 4 KiB overflow pages, so the library is smaller
/// (100,000 generated articles: 680 MB instead of 727 MB) and an import
/// writes a sixteenth as many log frames: about a fifth less wall time
/// (`library_bench import`, see the README); reading (`list`, `show`,
/// `search`, the reader) is as fast or faster.
pub(crate) const PAGE_SIZE: i64 = 65_536;

impl Library {
    /// The library in data directory `dir`, created (holding the bundled
    /// seeds) if there is none, brought up to date if it is older.
    pub fn open_in(dir: &Path) -> Result<Library, LibraryError> {
        Self::open(&dir.join(FILE_NAME))
    }

    /// The library at `path` (see [`Library::open_in`]).
    pub fn open(path: &Path) -> Result<Library, LibraryError> {
        let io = |source| LibraryError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        if let Some(reason) = header_damage(path).map_err(io)? {
            return Err(quarantine(path, reason));
        }
        match Self::connect(path) {
            Err(LibraryError::Sqlite { source, .. }) if LibraryError::is_damage(&source) => {
                Err(quarantine(path, source.to_string()))
            }
            other => other,
        }
    }

    fn connect(path: &Path) -> Result<Library, LibraryError> {
        let sql = |source| LibraryError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(BUSY_WAIT).map_err(sql)?;
        let mut library = Library {
            conn,
            path: path.to_path_buf(),
        };
        let version = library.version().map_err(sql)?;
        if version > SCHEMA_VERSION {
            return Err(LibraryError::Newer {
                path: path.to_path_buf(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        let app: i64 = library
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(sql)?;
        let tables: i64 = library
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(sql)?;
        if app != APPLICATION_ID && (version != 0 || tables != 0) {
            return Err(LibraryError::Foreign {
                path: path.to_path_buf(),
            });
        }
        if version == 0 && tables == 0 {
            // Only a new file takes a page size (an old one keeps its own).
            library
                .conn
                .execute_batch(&format!("PRAGMA page_size={PAGE_SIZE}"))
                .map_err(sql)?;
        }
        // WAL: readers never wait for a writer, and a crash leaves the
        // last committed state. NORMAL is durable in WAL up to the last
        // checkpoint-free commit, and much faster than FULL. The log is
        // cut back to 64 MB when emptied (a big import makes it huge).
        library
            .conn
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
                 PRAGMA journal_size_limit=67108864;",
            )
            .map_err(sql)?;
        if version < SCHEMA_VERSION {
            library.migrate().map_err(sql)?;
        }
        Ok(library)
    }

    /// The schema version on disk (`PRAGMA user_version`).
    pub(crate) fn version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    /// Runs the missing migrations in one transaction; a new library also
    /// gets its mark and the bundled seeds. Another sahifa doing the same
    /// at the same moment waits, then finds nothing left to do.
    fn migrate(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if from >= SCHEMA_VERSION {
            return tx.commit();
        }
        for step in &MIGRATIONS[from as usize..] {
            step(&tx)?;
        }
        if from == 0 {
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
        if from == 0 {
            let seeds = crate::corpus::Corpus::bundled().articles;
            super::import::write_new(&tx, seeds)?;
        }
        tx.commit()
    }

    /// Where the library is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Why the file at `path` cannot be a healthy library, judged from its
/// first 100 bytes and size alone: not SQLite, or shorter than its header
/// says (only when no write-ahead log may still hold the rest). `None` for
/// a missing or empty file (a new library, perhaps being created by
/// another sahifa right now).
fn header_damage(path: &Path) -> std::io::Result<Option<String>> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(None);
    }
    let mut header = [0u8; 100];
    let mut got = 0;
    while got < header.len() {
        match file.read(&mut header[got..])? {
            0 => break,
            n => got += n,
        }
    }
    if got < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Ok(Some("not an SQLite database".into()));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    let size_valid = be32(24) == be32(92);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let wal_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
    if size_valid && wal_empty && pages * page_size > len {
        return Ok(Some(format!(
            "truncated: {len} bytes where its header says {}",
            pages * page_size
        )));
    }
    Ok(None)
}

/// Moves a damaged library (and its write-ahead log and index) aside as
/// `library.db.corrupt-<time>`, so it can still be looked at; the error
/// says where it went.
pub(crate) fn quarantine(path: &Path, reason: String) -> LibraryError {
    let stamp = crate::bookmarks::file_stamp(crate::bookmarks::now_secs());
    let mut backup = PathBuf::from(format!("{}.corrupt-{stamp}", path.display()));
    let mut n = 2;
    while backup.exists() {
        backup = PathBuf::from(format!("{}.corrupt-{stamp}-{n}", path.display()));
        n += 1;
    }
    if let Err(error) = std::fs::rename(path, &backup) {
        return LibraryError::DamagedStuck {
            path: path.to_path_buf(),
            reason,
            error,
        };
    }
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            let _ = std::fs::rename(&from, format!("{}{suffix}", backup.display()));
        }
    }
    LibraryError::Damaged {
        path: path.to_path_buf(),
        backup,
        reason,
    }
}
