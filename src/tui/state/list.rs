//! The article list: which articles are shown (the filter decides, see
//! `filter.rs`), which is selected, and the counts shown on the rows.

use super::App;
use crate::corpus::FileLoad;
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

    /// Article numbers that arrived from the library: they join the end of
    /// the list, the first to arrive is opened.
    pub fn append_numbers(&mut self, numbers: &[u32]) {
        let Some(shelf) = &mut self.shelf else {
            return;
        };
        let added = shelf.append(numbers);
        let window_had_room = self.list.visible.len() < self.list.offset + self.list_height();
        let first = added.start == 0 && !added.is_empty();
        self.list.visible.extend(added);
        if window_had_room || first {
            self.refresh_counts();
        }
        if first {
            self.show_selected();
        }
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
}
