//! The keyword filter: what was typed, the matches the worker or the index
//! answered, and the counts shown on the rows.

use super::App;
use crate::entities::Kind;
use crate::search::{CorpusFilter, Query};
use crate::tui::articles::worker::{Answer, Request};
use std::collections::HashMap;

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
    /// For the library: requests for the filter worker, sent by the event
    /// loop (or answered at once by tests).
    pub requests: Vec<Request>,
    /// The library's answer still arriving (matches being confirmed).
    pub pending: Option<Pending>,
    /// The entity whose articles the worker is finding.
    pub naming: Option<(u64, std::sync::Arc<str>, Kind)>,
    /// Numbers the latest request, so older answers are ignored.
    pub generation: u64,
}

/// A library filter whose matches are still arriving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub generation: u64,
    /// The article selected when it was asked, kept selected if it matches
    /// (until it arrives, or the user moves).
    pub keep: Option<usize>,
    /// The article selected meanwhile (the first match).
    pub meanwhile: Option<usize>,
    /// Whether a first piece arrived (it replaces the list).
    pub started: bool,
}

impl App<'_> {
    /// Applies a new filter text: the list shrinks to matching articles, the
    /// selection stays on the same article when it still matches.
    pub fn set_filter(&mut self, input: String) {
        let keep = self.selected();
        self.filter.query = Query::parse(&input);
        self.filter.input = input;
        self.filter.pending = None;
        if self.filter.query.is_empty() {
            self.list.visible = (0..self.article_count()).collect();
        } else if self.shelf.is_some() {
            if self.filter.building {
                self.notice = Some("preparing the filter…".into());
            } else {
                self.filter.generation += 1;
                let generation = self.filter.generation;
                self.filter.requests.push(Request::Filter {
                    generation,
                    query: self.filter.query.clone(),
                });
                self.filter.pending = Some(Pending {
                    generation,
                    keep,
                    meanwhile: None,
                    started: false,
                });
            }
            // The list changes when the answer arrives.
            self.refresh_hits();
            return;
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

    /// An answer from the library's filter worker.
    pub fn receive(&mut self, answer: Answer) {
        match answer {
            Answer::Filter {
                generation,
                mut positions,
                done,
            } => {
                let selected = self.selected();
                let Some(pending) = self.filter.pending.as_mut() else {
                    return;
                };
                if pending.generation != generation {
                    return;
                }
                if let Some((_, _, mentioning)) = &self.entities.filter {
                    positions.retain(|i| mentioning.binary_search(i).is_ok());
                }
                let first = !pending.started;
                pending.started = true;
                let keep = pending.keep.filter(|k| positions.binary_search(k).is_ok());
                let moved = !first && pending.meanwhile != selected;
                if keep.is_some() || moved {
                    pending.keep = None;
                }
                if done {
                    self.filter.pending = None;
                }
                if first {
                    self.list.visible = positions;
                    self.list.selected = keep
                        .and_then(|k| self.list.visible.binary_search(&k).ok())
                        .unwrap_or(0);
                    self.list.offset = 0;
                    self.keep_selection_visible();
                    self.show_selected();
                    self.refresh_counts();
                } else if let Some(k) = keep.filter(|_| !moved) {
                    // The article that was selected matches after all.
                    self.list.visible.extend(positions);
                    if let Ok(at) = self.list.visible.binary_search(&k) {
                        self.select(at);
                    }
                } else {
                    let had_room = self.list.visible.len() < self.list.offset + self.list_height();
                    let was_empty = self.list.visible.is_empty();
                    self.list.visible.extend(positions);
                    if had_room {
                        self.refresh_counts();
                    }
                    if was_empty {
                        self.show_selected();
                    }
                }
                // What the user has selected, to tell later if they moved.
                let selected = self.selected();
                if let Some(p) = &mut self.filter.pending {
                    p.meanwhile = selected;
                }
            }
            Answer::Naming {
                generation,
                positions,
            } => {
                let Some((_, canonical, kind)) =
                    self.filter.naming.take_if(|(g, _, _)| *g == generation)
                else {
                    return;
                };
                let count = positions.len();
                self.entities.filter = Some((std::sync::Arc::clone(&canonical), kind, positions));
                self.set_filter(self.filter.input.clone());
                self.notice = Some(naming_notice(self, count, &canonical));
            }
            Answer::Failed { generation, error } => {
                if generation == self.filter.generation {
                    self.filter.pending = None;
                    self.filter.naming = None;
                    self.notice = Some(format!("filter failed: {error}"));
                }
            }
        }
    }

    /// The filter worker is running (the library's order is all there): a
    /// query typed meanwhile is asked now.
    pub fn filter_ready(&mut self) {
        self.filter.building = false;
        if !self.filter.query.is_empty() {
            self.set_filter(self.filter.input.clone());
            self.notice = None;
        }
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
        if let Some(shelf) = &mut self.shelf {
            // No match counts here: they would need each row's text.
            if let Err(e) = shelf.fetch_rows(&self.list.visible[window]) {
                self.notice = Some(format!("library: {e}"));
            }
            return;
        }
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

/// «3 articles mention …», once an entity's articles are listed.
pub(crate) fn naming_notice(app: &App, count: usize, canonical: &str) -> String {
    let (article, mention) = if count == 1 {
        ("article", "mentions")
    } else {
        ("articles", "mention")
    };
    let undo = (app.settings.keymap).say(crate::tui::action::Action::Clear, |k| {
        format!(" · {k} shows all")
    });
    format!(
        "{count} {article} {mention} {}{undo}",
        crate::tui::quote::quote(canonical)
    )
}
