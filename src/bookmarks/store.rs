//! The bookmark store in memory: what the reader and the CLI change. Saving
//! (locked, merged, atomic) lives in `sync`.

use super::anchor::{resolve_in, Anchor};
use super::error::{BookmarkError, StoreWarning};
use super::file::{self, FileData, FILE_NAME};
use super::model::Bookmark;
use super::time;
use crate::corpus::{Article, Corpus};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// All bookmarks, plus what is needed to merge them with the file.
#[derive(Debug, Default)]
pub struct Store {
    /// `bookmarks.json`, or `None` for a store that is never saved.
    pub(super) path: Option<PathBuf>,
    pub(super) bookmarks: Vec<Bookmark>,
    /// Tombstones: removed id → when.
    pub(super) removed: BTreeMap<String, String>,
    /// Ids added or changed here since the last save; these win a merge.
    pub(super) dirty: HashSet<String>,
    /// Why saving is refused: a file on disk that must not be overwritten.
    pub(super) blocked: Option<Blocked>,
    pub(super) warnings: Vec<StoreWarning>,
}

/// Why a store refuses to save over its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Blocked {
    /// Damaged, and it could not be moved aside.
    Corrupt,
    /// Written by a newer sahifa, with this schema.
    Future(u64),
}

/// What [`Store::toggle_paragraph`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Toggle {
    /// A one-paragraph bookmark was added, with this id.
    Added(String),
    /// These bookmarks covered the paragraph and were removed.
    Removed(Vec<String>),
}

impl Store {
    /// A store that lives only in memory (no data directory).
    pub fn in_memory() -> Store {
        Store::default()
    }

    /// The store kept in `dir/bookmarks.json`. Never fails: a missing file
    /// is an empty store; a damaged one is moved aside, a newer-schema one
    /// is left alone, and either way a warning is queued (see
    /// [`Store::take_warnings`]) and the store starts empty.
    pub fn open(dir: &Path) -> Store {
        let path = dir.join(FILE_NAME);
        let mut store = Store {
            path: Some(path.clone()),
            ..Store::default()
        };
        let shown = path.display().to_string();
        match file::read(&path) {
            file::Disk::Missing => {}
            file::Disk::Data(data) => store.absorb(data),
            file::Disk::Corrupt(reason) => match file::move_aside(&path) {
                Ok(backup) => store.warnings.push(StoreWarning::Corrupt {
                    path: shown,
                    backup: backup.display().to_string(),
                    reason,
                }),
                Err(error) => {
                    store.blocked = Some(Blocked::Corrupt);
                    store.warnings.push(StoreWarning::CorruptNotMoved {
                        path: shown,
                        reason,
                        error,
                    });
                }
            },
            file::Disk::Future(version) => {
                let backup = file::copy_aside(&path)
                    .map(|b| b.display().to_string())
                    .unwrap_or_else(|e| format!("none: {e}"));
                store.blocked = Some(Blocked::Future(version));
                store.warnings.push(StoreWarning::FutureVersion {
                    path: shown,
                    backup,
                    version,
                });
            }
            file::Disk::Unreadable(error) => store
                .warnings
                .push(StoreWarning::Unreadable { path: shown, error }),
        }
        store
    }

    pub(super) fn absorb(&mut self, data: FileData) {
        self.bookmarks = data.bookmarks;
        self.removed = data.removed;
    }

    /// The warnings queued by [`Store::open`] and [`Store::save`], for the
    /// caller to show; the queue is emptied.
    pub fn take_warnings(&mut self) -> Vec<StoreWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// Every bookmark, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// The bookmark with this id, or else the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Option<&Bookmark> {
        crate::lookup::by_id_or_prefix(&self.bookmarks, id, |b| &b.id)
    }

    /// Bookmarks paragraphs `from..=to` (1-based) of `article`; returns the
    /// new bookmark's id.
    pub fn add_range(
        &mut self,
        article: &Article,
        from: usize,
        to: usize,
        note: Option<String>,
    ) -> Result<String, BookmarkError> {
        let mut bookmark = Bookmark::new(article, from, to, note)?;
        while self.bookmarks.iter().any(|b| b.id == bookmark.id)
            || self.removed.contains_key(&bookmark.id)
        {
            bookmark = Bookmark::new(article, from, to, bookmark.note.clone())?;
        }
        let id = bookmark.id.clone();
        self.dirty.insert(id.clone());
        self.bookmarks.push(bookmark);
        Ok(id)
    }

    /// Removes the bookmark with exactly this id and records a tombstone,
    /// so a merge with another instance's copy does not bring it back.
    pub fn remove(&mut self, id: &str) -> Result<Bookmark, BookmarkError> {
        let index = self
            .bookmarks
            .iter()
            .position(|b| b.id == id)
            .ok_or_else(|| BookmarkError::UnknownBookmark(id.to_string()))?;
        let bookmark = self.bookmarks.remove(index);
        self.removed
            .insert(bookmark.id.clone(), time::rfc3339(time::now_secs()));
        self.dirty.remove(&bookmark.id);
        Ok(bookmark)
    }

    /// Sets (or with `None` clears) the note of bookmark `id`.
    pub fn set_note(&mut self, id: &str, note: Option<String>) -> Result<(), BookmarkError> {
        let bookmark = self
            .bookmarks
            .iter_mut()
            .find(|b| b.id == id)
            .ok_or_else(|| BookmarkError::UnknownBookmark(id.to_string()))?;
        bookmark.note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        self.dirty.insert(id.to_string());
        Ok(())
    }

    /// The reader's bookmark key: removes every (not orphaned) bookmark of
    /// `article` covering paragraph `n`, or, if there is none, bookmarks
    /// paragraph `n` alone.
    pub fn toggle_paragraph(
        &mut self,
        article: &Article,
        n: usize,
    ) -> Result<Toggle, BookmarkError> {
        let covering: Vec<String> = self
            .bookmarks
            .iter()
            .filter(|b| b.article == article.id && !b.orphaned && b.covers(n))
            .map(|b| b.id.clone())
            .collect();
        if covering.is_empty() {
            return self.add_range(article, n, n, None).map(Toggle::Added);
        }
        for id in &covering {
            self.remove(id)?;
        }
        Ok(Toggle::Removed(covering))
    }

    /// The paragraphs (1-based) of `article_id` inside some bookmark that
    /// is not orphaned.
    pub fn bookmarked_paragraphs(&self, article_id: &str) -> BTreeSet<usize> {
        self.bookmarks
            .iter()
            .filter(|b| b.article == article_id && !b.orphaned)
            .flat_map(|b| b.from..=b.to)
            .collect()
    }

    /// Finds every passage in `corpus` (see [`super::anchor`]): moved
    /// passages get their new paragraph numbers (saved on the next save),
    /// missing ones are marked orphaned. Returns each bookmark's anchor, in
    /// store order, and whether any paragraph numbers changed.
    pub fn reanchor(&mut self, corpus: &Corpus) -> (Vec<Anchor>, bool) {
        self.reanchor_with(|id| corpus.articles.iter().find(|a| a.id == id).cloned())
    }

    /// [`Store::reanchor`] with each bookmarked article looked up by
    /// `article` (its exact id), so a library need not be loaded whole:
    /// only the bookmarked articles are read.
    pub fn reanchor_with(
        &mut self,
        mut article: impl FnMut(&str) -> Option<Article>,
    ) -> (Vec<Anchor>, bool) {
        let mut changed = false;
        let mut anchors = Vec::with_capacity(self.bookmarks.len());
        let mut looked_up: std::collections::HashMap<String, Option<Article>> =
            std::collections::HashMap::new();
        for b in &mut self.bookmarks {
            let found = looked_up
                .entry(b.article.clone())
                .or_insert_with(|| article(&b.article));
            let anchor = match found {
                Some(article) => resolve_in(b, article),
                None => Anchor::Orphaned,
            };
            b.orphaned = anchor == Anchor::Orphaned;
            if let Anchor::Moved { paragraphs } = &anchor {
                b.from = *paragraphs.start();
                b.to = *paragraphs.end();
                self.dirty.insert(b.id.clone());
                changed = true;
            }
            anchors.push(anchor);
        }
        (anchors, changed)
    }
}
