//! Saving the store: under an exclusive lock, re-read the file, merge it
//! with memory, write atomically. Two instances saving at once therefore
//! never lose each other's bookmarks, and removals stay removed (tombstones).

use super::error::{SaveError, StoreWarning};
use super::file::{self, Disk, FileData, FILE_NAME, SCHEMA};
use super::model::Bookmark;
use super::store::{Blocked, Store};
use crate::data_dir::write_atomic;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

impl Store {
    /// Saves every bookmark to `bookmarks.json`, merged with whatever other
    /// instances saved meanwhile. On error nothing in memory is lost and the
    /// message is written for the user; a later save may succeed.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let Some(path) = self.path.clone() else {
            return Err(SaveError::NoDataDir);
        };
        let shown = path.display().to_string();
        match self.blocked {
            Some(Blocked::Future(version)) => {
                return Err(SaveError::FutureVersion {
                    path: shown,
                    version,
                })
            }
            Some(Blocked::Corrupt) => return Err(SaveError::CorruptKept { path: shown }),
            None => {}
        }
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir_error = |error| SaveError::Dir {
            dir: dir.display().to_string(),
            error,
        };
        fs::create_dir_all(dir).map_err(dir_error)?;
        let lock = fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!("{FILE_NAME}.lock")))
            .map_err(dir_error)?;
        lock.lock().map_err(dir_error)?;
        file::remove_stale_temps(dir);

        let disk = match file::read(&path) {
            Disk::Missing => FileData::default(),
            Disk::Data(data) => data,
            Disk::Corrupt(reason) => {
                let backup = file::move_aside(&path).map_err(|_| SaveError::CorruptKept {
                    path: shown.clone(),
                })?;
                self.warnings.push(StoreWarning::Corrupt {
                    path: shown.clone(),
                    backup: backup.display().to_string(),
                    reason,
                });
                FileData::default()
            }
            Disk::Future(version) => {
                self.blocked = Some(Blocked::Future(version));
                return Err(SaveError::FutureVersion {
                    path: shown,
                    version,
                });
            }
            Disk::Unreadable(error) => return Err(SaveError::Read { path: shown, error }),
        };
        let merged = self.merged_with(disk);
        let orphaned: HashSet<&str> = self
            .bookmarks
            .iter()
            .filter(|b| b.orphaned)
            .map(|b| b.id.as_str())
            .collect();
        let mut bookmarks = merged.bookmarks.clone();
        for b in &mut bookmarks {
            b.orphaned = orphaned.contains(b.id.as_str());
        }
        let written = file::encode(&merged).and_then(|bytes| write_atomic(&path, &bytes));
        self.bookmarks = bookmarks;
        self.removed = merged.removed;
        written.map_err(|error| SaveError::Write { path: shown, error })?;
        self.dirty.clear();
        drop(lock);
        Ok(())
    }

    /// The union of `disk` and memory: tombstones from both remove; for a
    /// bookmark in both, memory wins if it changed here, else disk does.
    fn merged_with(&self, disk: FileData) -> FileData {
        let mut removed = disk.removed;
        for (id, when) in &self.removed {
            removed.entry(id.clone()).or_insert_with(|| when.clone());
        }
        let mine: HashMap<&str, &Bookmark> =
            self.bookmarks.iter().map(|b| (b.id.as_str(), b)).collect();
        let mut seen = HashSet::new();
        let mut bookmarks = Vec::new();
        for b in disk.bookmarks {
            if removed.contains_key(&b.id) || !seen.insert(b.id.clone()) {
                continue;
            }
            match mine.get(b.id.as_str()) {
                Some(m) if self.dirty.contains(&b.id) => bookmarks.push((*m).clone()),
                _ => bookmarks.push(b),
            }
        }
        for b in &self.bookmarks {
            if !removed.contains_key(&b.id) && seen.insert(b.id.clone()) {
                bookmarks.push(b.clone());
            }
        }
        FileData {
            schema: SCHEMA,
            bookmarks,
            removed,
        }
    }
}
