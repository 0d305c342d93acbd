//! The library's search index: the word index of `search::index`,
//! persisted. For every reading ("form") of every normalised word, the set
//! of articles holding it, as a compressed bitmap (Roaring); and the same
//! for every one- and two-character prefix of a form, so the first keys of
//! a query cost one look-up.
//!
//! A query token matches a word when the word, or the word with a
//! proclitic stripped, starts with it (equals it, inside a phrase), or —
//! for a token ال + tail — when the word is (و|ف)?لل + a rest starting with
//! tail (see `search::matcher`). So an article's forms are its distinct
//! normalised words, their proclitic-stripped readings, and the rests after
//! «لل» marked with [`LIL`]; the articles of a one-word term are then
//! exactly those the matcher accepts. Phrases get the articles holding all
//! their words, and the matcher decides.

use crate::search::{lil_rest, lil_tail, Query};
use crate::text::normalize::{normalize_into, strip_proclitics, word_ranges};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};

pub(crate) const CREATE: &str = "
    CREATE TABLE forms (form TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID;
    CREATE TABLE prefixes (prefix TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID;";

/// Marks a rest after «لل». Not a word character, so no word holds it.
const LIL: char = '\u{E000}';
const LIL_STR: &str = "\u{E000}";

/// Prefixes of up to this many characters are kept whole.
const PREFIX_CHARS: usize = 2;

type Fast = foldhash::fast::FixedState;

/// An article's index keys: its forms, in one buffer.
#[derive(Debug, Default, Clone)]
pub(crate) struct Keys {
    text: String,
    /// Where each form ends in `text` (it starts where the previous ends).
    ends: Vec<u32>,
}

impl Keys {
    /// The forms of an article (title, then paragraphs), each once.
    pub(crate) fn of(title: &str, paragraphs: &[String]) -> Keys {
        let mut normalized = String::new();
        for field in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
            normalized.push('\n');
            normalize_into(field, &mut normalized);
        }
        let mut words: HashSet<&str, Fast> = HashSet::default();
        for range in word_ranges(&normalized) {
            words.insert(&normalized[range]);
        }
        // Readings are parts of words: only the «لل» rests get a mark.
        let mut forms: HashSet<&str, Fast> = HashSet::default();
        let mut lil: HashSet<&str, Fast> = HashSet::default();
        for &word in &words {
            forms.insert(word);
            forms.extend(strip_proclitics(word).map(|(_, rest)| rest));
            if let Some((_, rest)) = lil_rest(word) {
                lil.insert(rest);
            }
        }
        let mut keys = Keys {
            text: String::with_capacity(normalized.len()),
            ends: Vec::with_capacity(forms.len() + lil.len()),
        };
        for form in forms {
            keys.push("", form);
        }
        for rest in lil {
            keys.push(LIL_STR, rest);
        }
        keys
    }

    fn push(&mut self, mark: &str, form: &str) {
        self.text.push_str(mark);
        self.text.push_str(form);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Every form.
    fn forms(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let form = self.text.get(start..end as usize).unwrap_or("");
            start = end as usize;
            form
        })
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The prefixes kept whole of all the forms, each once.
    fn prefixes(&self) -> HashSet<&str, Fast> {
        self.forms().flat_map(prefixes).collect()
    }
}

/// The first one and two characters of `form` (those it has).
fn prefixes(form: &str) -> impl Iterator<Item = &str> {
    form.char_indices()
        .take(PREFIX_CHARS)
        .map(move |(at, c)| &form[..at + c.len_utf8()])
}

/// Index changes gathered while articles are written, applied in one go:
/// a key shared by many articles is read and written once. Additions are
/// gathered as plain lists (the cheapest thing to append to, once per
/// article and form); the prefixes' additions are derived from the forms'
/// when written.
#[derive(Default)]
pub(crate) struct Pending {
    add: HashMap<String, Vec<u32>, Fast>,
    remove_forms: HashMap<String, RoaringBitmap, Fast>,
    remove_prefixes: HashMap<String, RoaringBitmap, Fast>,
    /// Postings gathered, to write before they take too much memory.
    pub(crate) size: usize,
}

impl Pending {
    /// Article `n` has the forms `keys`.
    pub(crate) fn add(&mut self, n: i64, keys: &Keys) {
        let n = number(n);
        for form in keys.forms() {
            match self.add.get_mut(form) {
                Some(docs) => docs.push(n),
                None => {
                    self.add.insert(form.to_string(), vec![n]);
                }
            }
        }
        self.size += keys.len();
    }

    /// Article `n` no longer has the forms `before`; it has `after` (none
    /// when it is removed).
    pub(crate) fn replace(&mut self, n: i64, before: &Keys, after: Option<&Keys>) {
        let n = number(n);
        for form in before.forms() {
            if let Some(docs) = self.add.get_mut(form) {
                docs.retain(|&d| d != n);
            }
            self.remove_forms
                .entry(form.to_string())
                .or_default()
                .insert(n);
        }
        let kept = after.map(Keys::prefixes).unwrap_or_default();
        for p in before.prefixes() {
            if !kept.contains(p) {
                self.remove_prefixes
                    .entry(p.to_string())
                    .or_default()
                    .insert(n);
            }
        }
        if let Some(after) = after {
            self.add(i64::from(n), after);
        }
    }

    /// Writes the changes (removals first) and forgets them.
    pub(crate) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut add_prefixes: HashMap<&str, RoaringBitmap, Fast> = HashMap::default();
        let mut add_forms: HashMap<&str, RoaringBitmap, Fast> = HashMap::default();
        for (form, docs) in &mut self.add {
            docs.sort_unstable();
            docs.dedup();
            let docs = RoaringBitmap::from_sorted_iter(docs.iter().copied()).unwrap_or_default();
            for p in prefixes(form) {
                *add_prefixes.entry(p).or_default() |= &docs;
            }
            add_forms.insert(form, docs);
        }
        merge(conn, "forms", "form", &self.remove_forms, &add_forms)?;
        merge(
            conn,
            "prefixes",
            "prefix",
            &self.remove_prefixes,
            &add_prefixes,
        )?;
        self.add.clear();
        self.remove_forms.clear();
        self.remove_prefixes.clear();
        self.size = 0;
        Ok(())
    }
}

/// Applies removals, then additions, to the bitmaps of `table`.
fn merge(
    conn: &Connection,
    table: &str,
    key: &str,
    remove: &HashMap<String, RoaringBitmap, Fast>,
    add: &HashMap<&str, RoaringBitmap, Fast>,
) -> rusqlite::Result<()> {
    let mut read = conn.prepare_cached(&format!("SELECT docs FROM {table} WHERE {key} = ?1"))?;
    let mut put = conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO {table} ({key}, docs) VALUES (?1, ?2)"
    ))?;
    let mut delete = conn.prepare_cached(&format!("DELETE FROM {table} WHERE {key} = ?1"))?;
    let mut keys: HashSet<&str, Fast> = remove.keys().map(String::as_str).collect();
    keys.extend(add.keys().copied());
    let mut blob = Vec::new();
    for k in keys {
        let mut docs = match read.query_row([k], |r| r.get::<_, Vec<u8>>(0)).optional()? {
            Some(bytes) => decode(&bytes),
            None => RoaringBitmap::new(),
        };
        if let Some(gone) = remove.get(k) {
            docs -= gone;
        }
        if let Some(new) = add.get(k) {
            docs |= new;
        }
        if docs.is_empty() {
            delete.execute([k])?;
            continue;
        }
        blob.clear();
        docs.serialize_into(&mut blob)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        put.execute(params![k, blob])?;
    }
    Ok(())
}

/// Article numbers are rowids, which sahifa keeps below 2^32.
fn number(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A stored bitmap; a damaged one reads as empty (the matcher never sees
/// its articles, nothing worse).
fn decode(bytes: &[u8]) -> RoaringBitmap {
    RoaringBitmap::deserialize_from(bytes).unwrap_or_default()
}

/// The articles that may match `query`: those holding, for every positive
/// term, a form each of its tokens matches. `None` when the query has no
/// positive term (every article may match).
pub(crate) fn candidates(
    conn: &Connection,
    query: &Query,
) -> rusqlite::Result<Option<RoaringBitmap>> {
    let mut found: Option<RoaringBitmap> = None;
    for term in &query.terms().positive {
        let last = term.tokens.len().saturating_sub(1);
        for (k, token) in term.tokens.iter().enumerate() {
            let whole = k < last;
            let mut docs = token_docs(conn, token, whole)?;
            if let Some(tail) = lil_tail(token) {
                docs |= token_docs(conn, &format!("{LIL}{tail}"), whole)?;
            }
            match &mut found {
                Some(f) => *f &= docs,
                None => found = Some(docs),
            }
        }
    }
    Ok(found)
}

/// Articles with a form equal to `q` (`whole`) or starting with it.
fn token_docs(conn: &Connection, q: &str, whole: bool) -> rusqlite::Result<RoaringBitmap> {
    let one = |table: &str, key: &str| -> rusqlite::Result<RoaringBitmap> {
        let blob: Option<Vec<u8>> = conn
            .prepare_cached(&format!("SELECT docs FROM {table} WHERE {key} = ?1"))?
            .query_row([q], |r| r.get(0))
            .optional()?;
        Ok(blob.map(|b| decode(&b)).unwrap_or_default())
    };
    if whole {
        return one("forms", "form");
    }
    if q.chars().count() <= PREFIX_CHARS {
        return one("prefixes", "prefix");
    }
    let mut st =
        conn.prepare_cached("SELECT form, docs FROM forms WHERE form >= ?1 ORDER BY form")?;
    let mut rows = st.query([q])?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hold_words_readings_and_lil_rests_once() {
        let keys = Keys::of("وخيرسون", &["للدروع خيرسون".into(), "وخيرسون".into()]);
        let mut forms: Vec<&str> = keys.forms().collect();
        forms.sort_unstable();
        let mut want = vec![
            "خيرسون",
            "وخيرسون",
            "للدروع",
            "لدروع",
            "دروع",
            "\u{E000}دروع",
        ];
        want.sort_unstable();
        assert_eq!(forms, want);
        let mut prefixes: Vec<&str> = keys.prefixes().into_iter().collect();
        prefixes.sort_unstable();
        let mut want = vec![
            "خ",
            "خي",
            "و",
            "وخ",
            "ل",
            "لل",
            "لد",
            "د",
            "در",
            "\u{E000}",
            "\u{E000}د",
        ];
        want.sort_unstable();
        assert_eq!(prefixes, want);
    }
}
