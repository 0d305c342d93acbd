//! Entities in the reader: the open article's mentions (detected once per
//! article and cached), the entity pane's selection, `]`/`[` jumps between
//! mentions, and the list filtered to the articles that mention an entity.

use crate::corpus::Article;
use crate::entities::{group_mentions, Detector, EntityGroup, Gazetteer, Kind, Mention, WordLists};
use std::collections::HashMap;
use std::sync::Arc;

/// Detected articles kept; the cache is emptied past this.
const CACHE: usize = 512;

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
        }
    }

    /// The built-in gazetteer only.
    pub fn builtin() -> EntityState {
        EntityState::new(Gazetteer::builtin())
    }

    /// Detects (or recalls) the mentions of the article now open.
    pub fn show(&mut self, index: usize, article: &Article) {
        let Some(detector) = &self.detector else {
            return;
        };
        if self.cache.len() > CACHE {
            self.cache.clear();
        }
        let mentions = self
            .cache
            .entry(index)
            .or_insert_with(|| {
                let skip_title = article.title_is_lead();
                let found = detector.detect_article(article);
                found
                    .into_iter()
                    .filter(|m| !(skip_title && m.field == 0))
                    .collect()
            })
            .clone();
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
        *self = EntityState::new(gazetteer);
        self.filter = filter;
    }
}
