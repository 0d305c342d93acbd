//! The reader's articles when they live in the library: never all loaded.
//! The list is the articles' numbers in the list's order (newest first),
//! 4 bytes an article; the rows on screen are read when they scroll into
//! view, an article's text when it is opened (a few are kept), read marks
//! from the library's `read` column. Filtering runs on a worker
//! ([`worker`]) against the library's word index.
//!
//! A position (what the rest of the reader calls an article's index) is
//! the article's row in the whole, unfiltered list.

mod positions;
pub mod worker;

pub use positions::Positions;

use crate::corpus::Article;
use crate::library::{Entry, Library, LibraryError};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// How many opened articles are kept.
const OPENED: usize = 8;
/// How many list rows are kept before the oldest are dropped.
const ROWS: usize = 4096;

/// The library, as the reader sees it.
pub struct Shelf {
    /// The UI thread's connection: rows on screen and the open article,
    /// each a look-up by key, well under a frame.
    lib: Library,
    /// Article numbers in the list's order; arriving while `complete` is
    /// false, then shared with the filter worker.
    order: Arc<Vec<u32>>,
    pub complete: bool,
    rows: HashMap<usize, Entry>,
    opened: VecDeque<(usize, Article)>,
    /// Read marks changed in this run (the library has them too once the
    /// write is done).
    marks: HashMap<String, bool>,
    /// What is shown for an article that is no longer in the library.
    missing: Article,
}

impl std::fmt::Debug for Shelf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shelf")
            .field("lib", &self.lib)
            .field("articles", &self.order.len())
            .finish()
    }
}

impl Shelf {
    pub fn new(lib: Library) -> Shelf {
        Shelf {
            lib,
            order: Arc::new(Vec::new()),
            complete: false,
            rows: HashMap::new(),
            opened: VecDeque::new(),
            marks: HashMap::new(),
            missing: Article {
                id: String::new(),
                title: "(no longer in the library)".into(),
                paragraphs: Vec::new(),
                source: String::new(),
                meta: Default::default(),
                boilerplate: Vec::new(),
            },
        }
    }

    pub fn library(&self) -> &Library {
        &self.lib
    }

    /// Forgets the order, rows and opened texts, for another order to
    /// arrive (another view, new articles); the read marks of this run stay.
    pub fn restart(&mut self) {
        self.order = Arc::new(Vec::new());
        self.complete = false;
        self.rows.clear();
        self.opened.clear();
    }

    /// Numbers that arrived from the loading thread; the range of
    /// positions they take.
    pub fn append(&mut self, numbers: &[u32]) -> std::ops::Range<usize> {
        let from = self.order.len();
        match Arc::get_mut(&mut self.order) {
            Some(order) => order.extend_from_slice(numbers),
            None => {
                let mut order = self.order.as_ref().clone();
                order.extend_from_slice(numbers);
                self.order = Arc::new(order);
            }
        }
        from..self.order.len()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The list's order, to share with the filter worker.
    pub fn order(&self) -> Arc<Vec<u32>> {
        Arc::clone(&self.order)
    }

    /// Reads the rows of `positions` not read yet.
    pub fn fetch_rows(&mut self, positions: &[usize]) -> Result<(), LibraryError> {
        let wanted: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|p| !self.rows.contains_key(p) && *p < self.order.len())
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        if self.rows.len() + wanted.len() > ROWS {
            self.rows.clear();
        }
        let numbers: Vec<u32> = wanted.iter().map(|&p| self.order[p]).collect();
        let entries = self.lib.entries(&numbers)?;
        let at: HashMap<u32, usize> = wanted.iter().map(|&p| (self.order[p], p)).collect();
        for entry in entries {
            if let Some(&p) = at.get(&entry.number) {
                self.rows.insert(p, entry);
            }
        }
        Ok(())
    }

    /// The row at `position`, once read.
    pub fn row(&self, position: usize) -> Option<&Entry> {
        self.rows.get(&position)
    }

    /// Reads the article at `position` unless it is among those kept.
    pub fn open(&mut self, position: usize) -> Result<(), LibraryError> {
        if self.opened.iter().any(|(p, _)| *p == position) {
            return Ok(());
        }
        let Some(&number) = self.order.get(position) else {
            return Ok(());
        };
        if let Some(article) = self.lib.numbered(number)? {
            if self.opened.len() >= OPENED {
                self.opened.pop_back();
            }
            self.opened.push_front((position, article));
        }
        Ok(())
    }

    /// The article at `position`, once opened (see [`Shelf::open`]).
    pub fn article(&self, position: usize) -> &Article {
        self.opened
            .iter()
            .find(|(p, _)| *p == position)
            .map_or(&self.missing, |(_, a)| a)
    }

    /// The id of the article at `position`: from its row or its text.
    pub fn id(&self, position: usize) -> Option<&str> {
        self.rows.get(&position).map(|e| e.id.as_str()).or_else(|| {
            let opened = self.opened.iter().find(|(p, _)| *p == position);
            opened.map(|(_, a)| a.id.as_str())
        })
    }

    /// The position of the article with this id, among those listed.
    pub fn find(&self, id: &str) -> Option<usize> {
        let number = self.lib.number_of(id).ok()??;
        self.order.iter().position(|&n| n == number)
    }

    /// Whether the article at `position` is read: as marked in this run,
    /// else as its row says.
    pub fn is_read(&self, position: usize) -> bool {
        let Some(id) = self.id(position) else {
            return false;
        };
        match self.marks.get(id) {
            Some(&read) => read,
            None => self.rows.get(&position).is_some_and(|e| e.read),
        }
    }

    /// Marks it read or unread in this run (the library is written by an
    /// effect); its id, when it changed.
    pub fn mark(&mut self, position: usize, read: bool) -> Option<String> {
        if self.is_read(position) == read {
            return None;
        }
        let id = self.id(position)?.to_string();
        self.marks.insert(id.clone(), read);
        Some(id)
    }

    /// An article by its exact id (for bookmarks), read from the library.
    pub fn get(&self, id: &str) -> Option<Article> {
        self.lib.get(id).ok().flatten()
    }
}
