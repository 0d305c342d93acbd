//! The library's tables, and the migrations that bring an older library up
//! to date. `PRAGMA user_version` is the schema version; each step runs in
//! the transaction that sets the next version, so an interrupted migration
//! leaves the older schema whole.

use rusqlite::Transaction;

/// `PRAGMA application_id`: marks the file as a sahifa library ("shfa").
pub(crate) const APPLICATION_ID: i64 = 0x7368_6661;

/// One migration: from version `index` to `index + 1`.
type Step = fn(&Transaction) -> rusqlite::Result<()>;

/// Every step, oldest first; the schema version is their number.
pub(crate) const MIGRATIONS: &[Step] = &[
    articles_table,
    word_index,
    newest_first,
    // Keep last: the feeds' tables (see `super::feeds`).
    super::feeds::tables,
];

/// The version this sahifa writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: the articles. `n` is the order of import (what `list` shows
/// first) and the row the search index refers to; `id` is what users type.
/// Paragraphs, boilerplate and extra fields are JSON, so nothing in them
/// (newlines, control characters) needs a separator that could clash. The
/// paragraphs and boilerplate are in a table of their own (`texts`, by the
/// same `n`), so the list reads small rows.
fn articles_table(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE articles (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            origin TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            author TEXT,
            lang TEXT,
            extra TEXT,
            text_hash TEXT NOT NULL,
            record_hash TEXT NOT NULL,
            paragraph_count INTEGER NOT NULL,
            word_count INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            updated_at TEXT,
            read INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE texts (
            n INTEGER PRIMARY KEY,
            paragraphs TEXT NOT NULL,
            boilerplate TEXT NOT NULL
        );
        CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
        CREATE INDEX articles_text_hash ON articles(text_hash);",
    )
}

/// Version 2: the search index (see [`super::index`]), filled from the
/// articles already there.
fn word_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(super::index::CREATE)?;
    let mut pending = super::index::Pending::default();
    let mut read = tx.prepare(
        "SELECT a.n, a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n ORDER BY a.n",
    )?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let title: String = row.get(1)?;
        let paragraphs = super::rows::paragraphs(&row.get::<_, String>(2)?);
        pending.add(row.get(0)?, &super::index::Keys::of(&title, &paragraphs));
    }
    pending.write(tx)
}

/// Version 3: the reader's order, newest first (see `super::reader`), as an
/// index, so the first screenful of a large library is read at once
/// instead of after sorting every article. `datetime()` reads every form of
/// `published` sahifa stores (a zone is taken into account); an undated
/// article has none and comes last, in library order.
fn newest_first(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE INDEX articles_newest ON articles(datetime(published) DESC, n);")
}
