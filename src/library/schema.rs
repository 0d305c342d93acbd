//! The library's tables, and the migrations that bring an older library up
//! to date. `PRAGMA user_version` is the schema version; each step runs in
//! the transaction that sets the next version, so an interrupted migration
//! leaves the older schema whole.

use super::forms::Keys;
use super::index::{block, decode, Pending};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, Transaction};

/// `PRAGMA application_id`: marks the file as a sahifa library ("shfa").
pub(crate) const APPLICATION_ID: i64 = 0x7368_6661;

/// One migration: from version `index` to `index + 1`.
type Step = fn(&Transaction) -> rusqlite::Result<()>;

/// Every step, oldest first; the schema version is their number.
pub(crate) const MIGRATIONS: &[Step] = &[
    articles_table,
    word_index,
    block_index,
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

/// Version 2: the search index, one row per key for the whole library
/// (filled by version 3, which replaced it).
fn word_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE forms (form TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID;
         CREATE TABLE prefixes (prefix TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID;",
    )
}

/// Version 3: the search index by block of article numbers (see
/// [`super::index`]): a version-2 index is split into blocks, and a
/// library that had none (version 1) gets one built from its articles.
fn block_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE forms RENAME TO forms_v2;
         ALTER TABLE prefixes RENAME TO prefixes_v2;",
    )?;
    tx.execute_batch(super::index::CREATE)?;
    let indexed: bool = tx.prepare("SELECT 1 FROM forms_v2 LIMIT 1")?.exists([])?;
    if indexed {
        split_blocks(tx, "forms_v2", "forms", "form")?;
        split_blocks(tx, "prefixes_v2", "prefixes", "prefix")?;
    } else {
        rebuild(tx)?;
    }
    tx.execute_batch("DROP TABLE forms_v2; DROP TABLE prefixes_v2;")
}

/// Fills the index from the articles already in the library (a library
/// from before the index).
fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    let mut pending = Pending::default();
    let mut read = conn.prepare(
        "SELECT a.n, a.title, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n ORDER BY a.n",
    )?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let title: String = row.get(1)?;
        let paragraphs = super::rows::paragraphs(&row.get::<_, String>(2)?);
        pending.add(row.get(0)?, &Keys::of(&title, &paragraphs));
    }
    pending.write(conn)
}

/// Splits the bitmaps of a version-2 index table (`key`, `docs`: one row
/// per key for the whole library) into `into`'s blocks.
fn split_blocks(conn: &Connection, from: &str, into: &str, key: &str) -> rusqlite::Result<()> {
    let mut read = conn.prepare(&format!("SELECT {key}, docs FROM {from}"))?;
    let mut put = conn.prepare(&format!(
        "INSERT INTO {into} (block, {key}, docs) VALUES (?1, ?2, ?3)"
    ))?;
    let mut rows = read.query([])?;
    let mut blob = Vec::new();
    while let Some(row) = rows.next()? {
        let k: String = row.get(0)?;
        let docs = decode(&row.get::<_, Vec<u8>>(1)?);
        let all: Vec<u32> = docs.iter().collect();
        for run in all.chunk_by(|a, b| block(*a) == block(*b)) {
            let part = RoaringBitmap::from_sorted_iter(run.iter().copied()).unwrap_or_default();
            blob.clear();
            part.serialize_into(&mut blob)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            put.execute(params![block(run[0]), k, blob])?;
        }
    }
    Ok(())
}

/// Version 4: the reader's order, newest first (see `super::reader`), as an
/// index, so the first screenful of a large library is read at once
/// instead of after sorting every article. `datetime()` reads every form of
/// `published` sahifa stores (a zone is taken into account); an undated
/// article has none and comes last, in library order.
fn newest_first(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE INDEX articles_newest ON articles(datetime(published) DESC, n);")
}
