//! Entities in the reader: the open article's mentions (detected once per
//! article and cached), the entity pane's selection, `]`/`[` jumps between
//! mentions, and the list filtered to the articles that mention an entity.
//!
//! An ordinary article is detected as it opens (a few milliseconds: the
//! pane is ready in the same frame); a longer one on a worker thread
//! (`entity_worker.rs`), so no key ever waits on it: the pane says it is
//! looking until [`EntityState::receive`] brings the mentions.

use super::entity_worker::{shown, Job, Worker};
use crate::corpus::Article;
use crate::entities::{group_mentions, Detector, EntityGroup, Gazetteer, Kind, Mention, WordLists};
use std::collections::HashMap;
use std::sync::Arc;

/// Detected articles kept; the cache is emptied past this.
const CACHE: usize = 512;

/// Articles up to this many bytes of text are detected as they open: at
/// the detector's ≥ 5 MB/s that is at most about 3 ms, well within a frame.
const INLINE_BYTES: usize = 16 * 1024;

#[derive(Debug)]
pub struct EntityState {
    pub gazetteer: Arc<Gazetteer>,
    /// `None` when the bundled rules could not be read (a build defect).
    pub detector: Option<Arc<Detector>>,
    cache: HashMap<usize, Arc<[Mention]>>,
    /// Mentions in the open article that the article pane shows.
    pub mentions: Arc<[Mention]>,
    pub groups: Vec<EntityGroup>,
    /// Selected group in the entity pane.
    pub selected: usize,
    /// Index in `mentions` that `]`/`[` went to.
    pub current: Option<usize>,
    /// The list shows only articles mentioning this entity: (canonical,
    /// kind, corpus indices).
    pub filter: Option<(Arc<str>, Kind, Vec<usize>)>,
    /// The article being detected in the background, and its generation.
    pending: Option<(u64, usize)>,
    generation: u64,
    /// Started when the first long article opens.
    worker: Option<Worker>,
    inline_bytes: usize,
}

impl EntityState {
    /// The detector over `gazetteer` (built-in plus the user's entries).
    pub fn new(gazetteer: Gazetteer) -> EntityState {
        let detector = WordLists::builtin()
            .ok()
            .map(|w| Arc::new(Detector::new(&gazetteer, w)));
        EntityState {
            gazetteer: Arc::new(gazetteer),
            detector,
            cache: HashMap::new(),
            mentions: Arc::from([]),
            groups: Vec::new(),
            selected: 0,
            current: None,
            filter: None,
            pending: None,
            generation: 0,
            worker: None,
            inline_bytes: INLINE_BYTES,
        }
    }

    /// Articles longer than `bytes` are detected in the background (tests
    /// set 0 to send every article to the worker).
    pub fn set_inline_limit(&mut self, bytes: usize) {
        self.inline_bytes = bytes;
    }

    /// Is the open article still being detected?
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The built-in gazetteer only.
    pub fn builtin() -> EntityState {
        EntityState::new(Gazetteer::builtin())
    }

    /// Shows the mentions of the article now open: recalled, detected at
    /// once when it is short, else asked of the worker (the pane is empty
    /// and says so until [`EntityState::receive`] brings them).
    pub fn show(&mut self, index: usize, article: &Article) {
        let Some(detector) = self.detector.clone() else {
            return;
        };
        if self.pending.is_some_and(|(_, i)| i == index) {
            return;
        }
        // Another article opened: the worker drops the one it was doing.
        self.drop_pending();
        if self.cache.len() > CACHE {
            self.cache.clear();
        }
        if let Some(mentions) = self.cache.get(&index) {
            let mentions = mentions.clone();
            self.install(mentions);
            return;
        }
        let bytes = article.title.len() + article.paragraphs.iter().map(String::len).sum::<usize>();
        if bytes > self.inline_bytes {
            self.generation += 1;
            let job = Job {
                generation: self.generation,
                index,
                article: article.clone(),
                detector: Arc::clone(&detector),
            };
            if self.worker.is_none() {
                self.worker = Worker::start();
            }
            if self.worker.as_ref().is_some_and(|w| w.send(job)) {
                self.pending = Some((self.generation, index));
                self.install(Arc::from([]));
                return;
            }
        }
        // Short, or no thread to run it on: detected here.
        let mentions = shown(article, detector.detect_article(article));
        self.cache.insert(index, mentions.clone());
        self.install(mentions);
    }

    /// Nothing is being detected for the reader any more.
    fn drop_pending(&mut self) {
        if self.pending.take().is_some() {
            self.generation += 1;
            if let Some(w) = &self.worker {
                w.forget_before(self.generation);
            }
        }
    }

    /// Takes what the worker has found: true when the open article's
    /// mentions arrived (the screen changes). Answers for articles left
    /// since are kept for when they open again, never shown.
    pub fn receive(&mut self) -> bool {
        let mut arrived = false;
        while let Some(done) = self.worker.as_ref().and_then(Worker::try_recv) {
            self.cache.insert(done.index, done.mentions.clone());
            if self.pending == Some((done.generation, done.index)) {
                self.pending = None;
                self.install(done.mentions);
                arrived = true;
            }
        }
        arrived
    }

    /// `mentions` become the open article's; the selection stays when they
    /// are the ones already shown.
    fn install(&mut self, mentions: Arc<[Mention]>) {
        let same_article = Arc::ptr_eq(&mentions, &self.mentions);
        self.mentions = mentions;
        if !same_article {
            self.groups = group_mentions(&self.mentions);
            self.selected = self.selected.min(self.groups.len().saturating_sub(1));
            self.current = None;
        }
    }

    /// No article is open (the filter matches none): nothing to list.
    pub fn hide(&mut self) {
        self.drop_pending();
        self.mentions = Arc::from([]);
        self.groups.clear();
        self.selected = 0;
        self.current = None;
    }

    /// j/k in the entity pane.
    pub fn move_by(&mut self, delta: isize) {
        if let Some(last) = self.groups.len().checked_sub(1) {
            self.selected = self.selected.saturating_add_signed(delta).min(last);
            self.current = None;
        }
    }

    pub fn selected_group(&self) -> Option<&EntityGroup> {
        self.groups.get(self.selected)
    }

    /// The entity's names in the gazetteer (canonical and aliases).
    pub fn names_of(&self, canonical: &str, kind: Kind) -> Vec<String> {
        let mut names: Vec<String> = self
            .gazetteer
            .entries()
            .iter()
            .filter(|e| e.kind == kind && e.canonical == canonical)
            .flat_map(|e| e.names().map(String::from))
            .collect();
        names.push(canonical.to_string());
        names.sort();
        names.dedup();
        names
    }

    /// A new gazetteer (after tagging): detection starts afresh.
    pub fn replace_gazetteer(&mut self, gazetteer: Gazetteer) {
        let filter = self.filter.take();
        let inline_bytes = self.inline_bytes;
        *self = EntityState::new(gazetteer);
        self.filter = filter;
        self.inline_bytes = inline_bytes;
    }
}
