//! The article list: which articles pass the filter (and the entity list),
//! which is selected, and the counts shown on the rows in the window.

use super::App;
use crate::corpus::FileLoad;
use crate::search::{CorpusFilter, Query};
use std::collections::HashMap;
use std::sync::Arc;

/// The article list: which articles pass the filter and which is selected.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Corpus indices of the articles shown, in corpus order.
    pub visible: Vec<usize>,
    /// Position in `visible` of the selected article.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// Word counts of the articles in the window, by corpus index (counted
    /// when they scroll into view, not for the whole corpus).
    pub words: HashMap<usize, usize>,
}

/// The keyword filter and its per-article match counts.
#[derive(Debug, Default)]
pub struct FilterState {
    /// The filter applied, in logical order (the prompt's text while typing).
    pub input: String,
    pub query: Query,
    /// The corpus normalised for filtering: built in the background by the
    /// event loop (`building` is then true until it arrives), or on first
    /// use when nothing builds it.
    pub index: Option<CorpusFilter>,
    pub building: bool,
    /// Match counts of the articles in the list's window, by corpus index.
    pub counts: HashMap<usize, usize>,
}

impl App<'_> {
    /// Adds articles that finished loading after the reader started. They
    /// join the end of the list (no filter applies before loading ends:
    /// the filter index is built from the whole corpus); the first to
    /// arrive is opened. Returns `false`, adding nothing, when the corpus is
    /// borrowed or already shared with another thread.
    pub fn append(&mut self, piece: FileLoad) -> bool {
        let super::ReaderCorpus::Shared(shared) = &mut self.corpus else {
            return false;
        };
        let Some(corpus) = Arc::get_mut(shared) else {
            return false;
        };
        let from = corpus.articles.len();
        corpus.articles.extend(piece.articles);
        corpus.warnings.extend(piece.warnings);
        let to = corpus.articles.len();
        let window_had_room = self.list.visible.len() < self.list.offset + self.list_height();
        self.list.visible.extend(from..to);
        if from == 0 && to > 0 {
            self.show_selected();
        }
        if window_had_room {
            self.refresh_counts();
        }
        true
    }

    /// Selects position `pos` of the list (clamped) and opens its article.
    pub(crate) fn select(&mut self, pos: usize) {
        let Some(last) = self.list.visible.len().checked_sub(1) else {
            return;
        };
        let pos = pos.min(last);
        if pos != self.list.selected || self.open_article() != self.selected() {
            self.list.selected = pos;
            self.show_selected();
            self.keep_selection_visible();
            self.refresh_counts();
        }
    }

    /// Moves the selection by `delta` rows.
    pub(crate) fn move_selection(&mut self, delta: isize) {
        self.select(self.list.selected.saturating_add_signed(delta));
    }

    /// Selects the article `index` if the list shows it; returns whether it did.
    pub(crate) fn select_article(&mut self, index: usize) -> bool {
        match self.list.visible.iter().position(|&i| i == index) {
            Some(pos) => {
                self.select(pos);
                true
            }
            None => false,
        }
    }

    pub(crate) fn keep_selection_visible(&mut self) {
        let h = self.list_height();
        let l = &mut self.list;
        if l.selected < l.offset {
            l.offset = l.selected;
        } else if l.selected >= l.offset + h {
            l.offset = l.selected + 1 - h;
        }
        l.offset = l.offset.min(l.visible.len().saturating_sub(h));
    }

    /// Applies a new filter text: the list shrinks to matching articles, the
    /// selection stays on the same article when it still matches.
    pub fn set_filter(&mut self, input: String) {
        let keep = self.selected();
        self.filter.query = Query::parse(&input);
        self.filter.input = input;
        if self.filter.query.is_empty() {
            self.list.visible = (0..self.article_count()).collect();
        } else if self.filter.index.is_none() && self.filter.building {
            // The index is on its way; `install_filter` applies the query then.
            // The open article's matches need no index.
            self.refresh_hits();
            self.notice = Some("preparing the filter…".into());
            return;
        } else {
            let articles = &self.corpus.articles;
            let index = self
                .filter
                .index
                .get_or_insert_with(|| CorpusFilter::new(articles));
            self.list.visible = index
                .matching(&self.filter.input)
                .iter()
                .map(|&i| i as usize)
                .collect();
        }
        if let Some((_, _, mentioning)) = &self.entities.filter {
            self.list
                .visible
                .retain(|i| mentioning.binary_search(i).is_ok());
        }
        self.list.selected = keep
            .and_then(|k| self.list.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.list.offset = 0;
        self.keep_selection_visible();
        self.show_selected();
        self.refresh_counts();
    }

    /// The filter index built in the background has arrived: a query typed
    /// meanwhile takes effect now.
    pub fn install_filter(&mut self, index: CorpusFilter) {
        self.filter.index = Some(index);
        self.filter.building = false;
        if !self.filter.query.is_empty() {
            self.set_filter(self.filter.input.clone());
            self.notice = None;
        }
    }

    /// Word and match counts for the articles in the list's window only: the
    /// list shows them, and counting the whole corpus on every keystroke would
    /// not scale.
    pub(crate) fn refresh_counts(&mut self) {
        self.filter.counts.clear();
        let end = (self.list.offset + self.list_height()).min(self.list.visible.len());
        let window = self.list.offset.min(end)..end;
        for &i in &self.list.visible[window] {
            let article = &self.corpus.articles[i];
            self.list
                .words
                .entry(i)
                .or_insert_with(|| article.word_count());
            if let (Some(index), false) = (&self.filter.index, self.filter.query.is_empty()) {
                let n = index.count(i, &self.filter.query, article.title_is_lead());
                self.filter.counts.insert(i, n);
            }
        }
    }
}
