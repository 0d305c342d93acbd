//! The library's search index: the word index of `search::index`,
//! persisted. For every reading ("form") of every normalised word, the set
//! of articles holding it, as a compressed bitmap (Roaring); and the same
//! for every one- and two-character prefix of a form, so the first keys of
//! a query cost one look-up per block.
//!
//! A query token matches a word when the word, or the word with a
//! proclitic stripped, starts with it (equals it, inside a phrase), or —
//! for a token ال + tail — when the word is (و|ف)?لل + a rest starting with
//! tail (see `search::matcher`). So an article's forms (see
//! [`super::forms`]) are its distinct normalised words, their
//! proclitic-stripped readings, and the rests after «لل» marked with
//! [`LIL`]; the articles of a one-word term are then exactly those the
//! matcher accepts. Phrases get the articles holding all their words, and
//! the matcher decides.
//!
//! Bitmaps are kept by block of 65,536 article numbers, keyed (block,
//! form): articles are numbered in order of import, so an import adds rows
//! for the blocks it fills, in key order at the end of the table, writes
//! each of them once, and touches no older block unless it updates or
//! removes an article there. (One row per form for the whole library
//! made every import rewrite the whole bitmap of every common form.)

use super::forms::{prefixes, Forms, Keys, LIL, PREFIX_CHARS};
use crate::search::{lil_tail, Query};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

pub(crate) const CREATE: &str = "
    CREATE TABLE forms (block INTEGER NOT NULL, form TEXT NOT NULL, docs BLOB NOT NULL,
                        PRIMARY KEY (block, form)) WITHOUT ROWID;
    CREATE TABLE prefixes (block INTEGER NOT NULL, prefix TEXT NOT NULL, docs BLOB NOT NULL,
                           PRIMARY KEY (block, prefix)) WITHOUT ROWID;";

/// Article numbers per block: 2^16, one Roaring container.
const BLOCK_BITS: u32 = 16;

/// The block of article number `n`.
pub(crate) fn block(n: u32) -> u32 {
    n >> BLOCK_BITS
}

type Fast = foldhash::fast::FixedState;
type Bitmaps = HashMap<Box<str>, RoaringBitmap, Fast>;

/// The changes to one block. Additions are plain lists (the cheapest
/// thing to append to), made bitmaps when written.
#[derive(Default)]
struct Changes {
    add: HashMap<Box<str>, Vec<u32>, Fast>,
    remove_forms: Bitmaps,
    remove_prefixes: Bitmaps,
}

/// Index changes gathered while articles are written, applied block by
/// block: a key is read and written once however many articles share it.
/// The prefixes' additions are derived from the forms' when written.
#[derive(Default)]
pub(crate) struct Pending {
    blocks: BTreeMap<u32, Changes>,
    /// Postings gathered since the last write, to write before they take
    /// too much memory.
    pub(crate) size: usize,
}

impl Pending {
    /// Article `n` has the forms `keys`.
    pub(crate) fn add(&mut self, n: i64, keys: &Keys) {
        let n = number(n);
        let add = &mut self.blocks.entry(block(n)).or_default().add;
        for form in keys.forms() {
            append(add, form, &[n]);
        }
        self.size += keys.len();
    }

    /// The articles of `forms` (by position) that became articles
    /// `number(position)`; a position with no number is left out.
    pub(crate) fn add_forms(&mut self, forms: &Forms, number: impl Fn(u32) -> Option<u32>) {
        let mut numbers = Vec::new();
        for (name, positions) in forms.names.iter().zip(&forms.postings) {
            numbers.clear();
            numbers.extend(positions.iter().filter_map(|&p| number(p)));
            for run in numbers.chunk_by(|a, b| block(*a) == block(*b)) {
                let add = &mut self.blocks.entry(block(run[0])).or_default().add;
                append(add, name, run);
            }
            self.size += numbers.len();
        }
    }

    /// Article `n` no longer has the forms `before`; it has `after` (none
    /// when it is removed).
    pub(crate) fn replace(&mut self, n: i64, before: &Keys, after: Option<&Keys>) {
        let n = number(n);
        let changes = self.blocks.entry(block(n)).or_default();
        for form in before.forms() {
            if let Some(docs) = changes.add.get_mut(form) {
                docs.retain(|&d| d != n);
            }
            add_to(&mut changes.remove_forms, form, n);
        }
        let kept = after.map(Keys::prefixes).unwrap_or_default();
        for p in before.prefixes() {
            if !kept.contains(p) {
                add_to(&mut changes.remove_prefixes, p, n);
            }
        }
        if let Some(after) = after {
            self.add(i64::from(n), after);
        }
    }

    /// Writes the changes to the blocks before `limit` and forgets them.
    pub(crate) fn write_before(&mut self, conn: &Connection, limit: u32) -> rusqlite::Result<()> {
        let later = self.blocks.split_off(&limit);
        for (b, changes) in std::mem::replace(&mut self.blocks, later) {
            write_block(conn, b, changes)?;
        }
        self.size = 0;
        Ok(())
    }

    /// Writes every change and forgets them.
    pub(crate) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        for (b, changes) in std::mem::take(&mut self.blocks) {
            write_block(conn, b, changes)?;
        }
        self.size = 0;
        Ok(())
    }
}

/// Appends `numbers` to the list of `key`.
fn append(lists: &mut HashMap<Box<str>, Vec<u32>, Fast>, key: &str, numbers: &[u32]) {
    match lists.get_mut(key) {
        Some(list) => list.extend_from_slice(numbers),
        None => {
            lists.insert(key.into(), numbers.to_vec());
        }
    }
}

/// Adds `n` to the bitmap of `key`.
fn add_to(bitmaps: &mut Bitmaps, key: &str, n: u32) {
    match bitmaps.get_mut(key) {
        Some(docs) => {
            docs.insert(n);
        }
        None => {
            bitmaps.insert(key.into(), RoaringBitmap::from_iter([n]));
        }
    }
}

/// Applies one block's changes: removals, then additions.
fn write_block(conn: &Connection, b: u32, changes: Changes) -> rusqlite::Result<()> {
    let mut add_forms: Bitmaps = HashMap::default();
    let mut add_prefixes: Bitmaps = HashMap::default();
    for (form, mut list) in changes.add {
        list.sort_unstable();
        list.dedup();
        let docs = RoaringBitmap::from_sorted_iter(list).unwrap_or_default();
        for p in prefixes(&form) {
            match add_prefixes.get_mut(p) {
                Some(all) => *all |= &docs,
                None => {
                    add_prefixes.insert(p.into(), docs.clone());
                }
            }
        }
        add_forms.insert(form, docs);
    }
    merge(conn, "forms", "form", b, &changes.remove_forms, &add_forms)?;
    merge(
        conn,
        "prefixes",
        "prefix",
        b,
        &changes.remove_prefixes,
        &add_prefixes,
    )
}

/// Applies removals, then additions, to block `b` of `table`, key by key
/// in key order (so a new block is appended in the table's order). A
/// block with no row yet is not read.
fn merge(
    conn: &Connection,
    table: &str,
    key: &str,
    b: u32,
    remove: &Bitmaps,
    add: &Bitmaps,
) -> rusqlite::Result<()> {
    let stored = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE block = ?1 LIMIT 1"))?
        .exists([b])?;
    let mut read = conn.prepare_cached(&format!(
        "SELECT docs FROM {table} WHERE block = ?1 AND {key} = ?2"
    ))?;
    let mut put = conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO {table} (block, {key}, docs) VALUES (?1, ?2, ?3)"
    ))?;
    let mut delete = conn.prepare_cached(&format!(
        "DELETE FROM {table} WHERE block = ?1 AND {key} = ?2"
    ))?;
    let mut keys: Vec<&str> = remove.keys().chain(add.keys()).map(|k| &**k).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut blob = Vec::new();
    for k in keys {
        let old = match stored {
            true => read
                .query_row(params![b, k], |r| r.get::<_, Vec<u8>>(0))
                .optional()?,
            false => None,
        };
        let mut docs = old.as_deref().map(decode).unwrap_or_default();
        if let Some(gone) = remove.get(k) {
            docs -= gone;
        }
        if let Some(new) = add.get(k) {
            docs |= new;
        }
        if docs.is_empty() {
            if old.is_some() {
                delete.execute(params![b, k])?;
            }
            continue;
        }
        blob.clear();
        docs.serialize_into(&mut blob)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        put.execute(params![b, k, blob])?;
    }
    Ok(())
}

/// Article numbers are rowids, which sahifa keeps below 2^32.
pub(crate) fn number(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A stored bitmap; a damaged one reads as empty (the matcher never sees
/// its articles, nothing worse).
pub(crate) fn decode(bytes: &[u8]) -> RoaringBitmap {
    RoaringBitmap::deserialize_from(bytes).unwrap_or_default()
}

/// The articles that may match `query`: those holding, for every positive
/// term, a form each of its tokens matches. `None` when the query has no
/// positive term (every article may match).
pub(crate) fn candidates(
    conn: &Connection,
    query: &Query,
) -> rusqlite::Result<Option<RoaringBitmap>> {
    let last_block: Option<u32> =
        conn.query_row("SELECT max(block) FROM forms", [], |r| r.get(0))?;
    let blocks = 0..=last_block.unwrap_or(0);
    let mut found: Option<RoaringBitmap> = None;
    for term in &query.terms().positive {
        let last = term.tokens.len().saturating_sub(1);
        for (k, token) in term.tokens.iter().enumerate() {
            let whole = k < last;
            let mut docs = RoaringBitmap::new();
            for b in blocks.clone() {
                docs |= token_docs(conn, b, token, whole)?;
                if let Some(tail) = lil_tail(token) {
                    docs |= token_docs(conn, b, &format!("{LIL}{tail}"), whole)?;
                }
            }
            match &mut found {
                Some(f) => *f &= docs,
                None => found = Some(docs),
            }
        }
    }
    Ok(found)
}

/// Articles of block `b` with a form equal to `q` (`whole`) or starting
/// with it.
fn token_docs(conn: &Connection, b: u32, q: &str, whole: bool) -> rusqlite::Result<RoaringBitmap> {
    let one = |table: &str, key: &str| -> rusqlite::Result<RoaringBitmap> {
        let blob: Option<Vec<u8>> = conn
            .prepare_cached(&format!(
                "SELECT docs FROM {table} WHERE block = ?1 AND {key} = ?2"
            ))?
            .query_row(params![b, q], |r| r.get(0))
            .optional()?;
        Ok(blob.map(|b| decode(&b)).unwrap_or_default())
    };
    if whole {
        return one("forms", "form");
    }
    if q.chars().count() <= PREFIX_CHARS {
        return one("prefixes", "prefix");
    }
    let mut st = conn.prepare_cached(
        "SELECT form, docs FROM forms WHERE block = ?1 AND form >= ?2 ORDER BY form",
    )?;
    let mut rows = st.query(params![b, q])?;
    let mut docs = RoaringBitmap::new();
    while let Some(row) = rows.next()? {
        let form: String = row.get(0)?;
        if !form.starts_with(q) {
            break;
        }
        docs |= decode(&row.get::<_, Vec<u8>>(1)?);
    }
    Ok(docs)
}

/// Every (block, key) of an index table with its articles, for tests.
#[cfg(test)]
pub(crate) fn dump(conn: &Connection, table: &str) -> Vec<(u32, String, Vec<u32>)> {
    let mut st = conn
        .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            decode(&r.get::<_, Vec<u8>>(2)?).iter().collect(),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}
