//! `bookmarks.json` on disk: the schema, reading it without ever trusting
//! it, and moving a damaged one aside instead of overwriting it.
//!
//! ```json
//! { "schema": 1,
//!   "bookmarks": [ { "id": "3f9c0a1b2d", "article": "001_…", "title": "…",
//!                    "source": "seeds/001_….txt", "from": 2, "to": 3,
//!                    "note": "…", "created": "2026-11-23T01:50:51Z",
//!                    "text": ["…", "…"], "text_hash": "…" } ],
//!   "removed": { "0a1b2c3d4e": "2026-11-23T02:00:00Z" } }
//! ```
//! `removed` holds tombstones (id → when), so merging with another
//! instance's copy never brings a removed bookmark back.

use super::model::Bookmark;
use super::time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file name in the data directory.
pub const FILE_NAME: &str = "bookmarks.json";
/// The schema this build writes and the newest it reads.
pub const SCHEMA: u64 = 1;

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileData {
    pub schema: u64,
    pub bookmarks: Vec<Bookmark>,
    /// Tombstones: id of a removed bookmark → when it was removed.
    #[serde(default)]
    pub removed: BTreeMap<String, String>,
}

/// What was found at the path.
#[derive(Debug)]
pub enum Disk {
    Missing,
    Data(FileData),
    /// Not valid bookmarks JSON; the reason, for the user.
    Corrupt(String),
    /// A schema newer than [`SCHEMA`].
    Future(u64),
    Unreadable(io::Error),
}

/// Reads and classifies the file at `path`.
pub fn read(path: &Path) -> Disk {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Disk::Missing,
        Err(e) => return Disk::Unreadable(e),
    };
    parse(&bytes)
}

/// Classifies the bytes of a bookmarks file.
pub fn parse(bytes: &[u8]) -> Disk {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Disk::Corrupt(format!("not JSON: {e}")),
    };
    let Some(schema) = value.get("schema").and_then(serde_json::Value::as_u64) else {
        return Disk::Corrupt("no schema number".into());
    };
    if schema > SCHEMA {
        return Disk::Future(schema);
    }
    match serde_json::from_value::<FileData>(value) {
        Ok(mut data) => {
            data.bookmarks.iter_mut().for_each(repair_range);
            Disk::Data(data)
        }
        Err(e) => Disk::Corrupt(e.to_string()),
    }
}

/// Makes a hand-edited range agree with the saved text (which is what
/// anchoring trusts): `from` at least 1 and small enough to count from, `to`
/// the last of the text's paragraphs. Nothing is dropped; anchoring then
/// finds the passage by its text.
fn repair_range(b: &mut super::model::Bookmark) {
    let len = b.text.len().max(1);
    let consistent =
        b.from >= 1 && b.to >= b.from && b.to - b.from + 1 == len && b.from <= usize::MAX / 2;
    if !consistent {
        b.from = b.from.clamp(1, usize::MAX / 2);
        b.to = b.from + len - 1;
    }
}

/// The file's bytes: pretty JSON, newline-terminated.
pub fn encode(data: &FileData) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(data).map_err(io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Renames the damaged file at `path` to `bookmarks.json.corrupt-<time>`.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let backup = backup_path(path, "corrupt");
    fs::rename(path, &backup)?;
    Ok(backup)
}

/// Copies a newer-schema file to `bookmarks.json.newer-<time>`, leaving it
/// in place for the newer sahifa that wrote it. A copy is made once: when
/// an earlier copy holds the same bytes, that one is returned and nothing
/// is written.
pub fn copy_aside(path: &Path) -> io::Result<PathBuf> {
    let bytes = fs::read(path)?;
    if let Some(earlier) = same_copy(path, "newer", &bytes) {
        return Ok(earlier);
    }
    let backup = backup_path(path, "newer");
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(&backup)?;
    io::Write::write_all(&mut file, &bytes)?;
    file.sync_all()?;
    Ok(backup)
}

/// An existing `<path>.<kind>-…` file holding exactly `bytes`.
fn same_copy(path: &Path, kind: &str, bytes: &[u8]) -> Option<PathBuf> {
    let dir = path.parent()?;
    let prefix = format!("{}.{kind}-", path.file_name()?.to_string_lossy());
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .filter(|p| fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64))
        .filter(|p| fs::read(p).is_ok_and(|b| b == bytes))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// `<path>.<kind>-<time>`, with `-2`, `-3`, … when that name is taken.
fn backup_path(path: &Path, kind: &str) -> PathBuf {
    let base = format!(
        "{}.{kind}-{}",
        path.display(),
        time::file_stamp(time::now_secs())
    );
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// Removes temporary files left by a save that was killed before its
/// rename (`.bookmarks.json.<pid>.tmp`). Only call while holding the lock:
/// then no other save is in progress and every such file is stale.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{FILE_NAME}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_classified() {
        assert!(matches!(
            parse(b"{\"schema\": 1, \"bookmarks\": []}"),
            Disk::Data(_)
        ));
        assert!(matches!(
            parse(b"{\"schema\": 7, \"x\": 1}"),
            Disk::Future(7)
        ));
        assert!(matches!(parse(b"{\"bookmarks\": []}"), Disk::Corrupt(_)));
        // Absurd hand-edited ranges are made to agree with the saved text.
        let odd = br#"{"schema": 1, "bookmarks": [{"id": "x", "article": "a", "title": "t", "source": "s",
            "from": 0, "to": 18446744073709551615, "created": "c", "text": ["p", "q"], "text_hash": "h"}]}"#;
        match parse(odd) {
            Disk::Data(d) => assert_eq!((d.bookmarks[0].from, d.bookmarks[0].to), (1, 2)),
            _ => panic!("repaired, not rejected"),
        }
        assert!(matches!(
            parse(b"{\"schema\": 1, \"bookmarks\": 3}"),
            Disk::Corrupt(_)
        ));
        assert!(matches!(parse(b"{\"schema\": 1, \"book"), Disk::Corrupt(_)));
        assert!(matches!(parse(b""), Disk::Corrupt(_)));
    }

    #[test]
    fn a_newer_file_is_copied_once() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, b"{\"schema\": 9}").unwrap();
        let first = copy_aside(&path).unwrap();
        for _ in 0..3 {
            assert_eq!(copy_aside(&path).unwrap(), first);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        // A newer sahifa wrote again: that is worth a copy of its own.
        fs::write(&path, b"{\"schema\": 9, \"more\": 1}").unwrap();
        let second = copy_aside(&path).unwrap();
        assert_ne!(second, first);
        assert_eq!(fs::read(&second).unwrap(), fs::read(&path).unwrap());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }
}
