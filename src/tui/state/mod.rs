//! The reader's state: everything drawing needs, and nothing about the
//! terminal. The update modules change it; the event loop hands it what
//! loaded and, after performing an effect, a notice of how it went (and the
//! store or gazetteer the effect changed). Views only read it.
//!
//! Articles are reached through [`App::article`] and [`App::article_count`],
//! not by indexing the corpus, so the store behind them can change (a
//! library loading articles lazily) without touching every caller.

mod article;
mod feeds;
mod filter;
mod list;
mod marks;

pub use article::{ArticleState, FindState};
pub use feeds::{FeedsState, Fetching};
pub(crate) use filter::naming_notice;
pub use filter::{FilterState, Pending};
pub use list::ListState;

pub use marks::BookmarkState;

use super::article_rows::CacheKey;
use super::articles::Shelf;
use super::entity_state::EntityState;
use super::geometry::{geometry, Geometry, Pane, PaneOrder};
use super::keymap::KeyMap;
use super::mode::Mode;
use super::theme::Theme;
use crate::bookmarks::Store;
use crate::corpus::{Article, Corpus};
use crate::text::{LayoutCache, LayoutOptions};
use std::collections::HashSet;
use std::ops::Deref;
use std::sync::Arc;

/// The corpus the reader shows: borrowed when it was loaded beforehand
/// (tests, benchmarks), or shared with the threads that load it and index
/// it (the reader, which shows articles while the rest still loads).
#[derive(Debug)]
pub enum ReaderCorpus<'a> {
    Borrowed(&'a Corpus),
    Shared(Arc<Corpus>),
}

impl Deref for ReaderCorpus<'_> {
    type Target = Corpus;

    fn deref(&self) -> &Corpus {
        match self {
            ReaderCorpus::Borrowed(c) => c,
            ReaderCorpus::Shared(c) => c,
        }
    }
}

impl<'a> From<&'a Corpus> for ReaderCorpus<'a> {
    fn from(corpus: &'a Corpus) -> Self {
        ReaderCorpus::Borrowed(corpus)
    }
}

impl From<Arc<Corpus>> for ReaderCorpus<'_> {
    fn from(corpus: Arc<Corpus>) -> Self {
        ReaderCorpus::Shared(corpus)
    }
}

/// How far loading has got, while articles are still arriving.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub done_bytes: u64,
    pub total_bytes: u64,
}

impl Loading {
    /// Percent done, when the total is known.
    pub fn percent(&self) -> Option<u64> {
        (self.total_bytes > 0).then(|| (self.done_bytes * 100 / self.total_bytes).min(100))
    }
}

/// Settings fixed for a run (from the command line and config file).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Bidi mode, shaping and base direction; the width is set per pane.
    pub layout: LayoutOptions,
    pub order: PaneOrder,
    pub theme: Theme,
    pub keymap: KeyMap,
}

impl Settings {
    /// Default layout options, the given arrangement, the dark theme in
    /// colour and the bundled key map (what tests and benchmarks use).
    pub fn for_order(order: PaneOrder) -> Settings {
        Settings {
            layout: LayoutOptions::default(),
            order,
            theme: Theme::new(super::theme::ThemeName::Dark, false),
            keymap: KeyMap::bundled(),
        }
    }
}

pub struct App<'a> {
    /// The articles, when they are in memory (`--corpus`, the seeds); for
    /// the library it holds only the loading warnings, and `shelf` the
    /// articles.
    pub corpus: ReaderCorpus<'a>,
    /// The library's articles, read as they are needed.
    pub shelf: Option<Shelf>,
    /// Set while articles are still being loaded (see [`App::append`]).
    pub loading: Option<Loading>,
    pub settings: Settings,
    pub width: u16,
    pub height: u16,
    /// What has the keyboard.
    pub mode: Mode,
    pub focus: Pane,
    /// The entity pane is drawn wide (`w`).
    pub wide_entities: bool,
    pub list: ListState,
    pub filter: FilterState,
    pub article: ArticleState,
    pub marks: BookmarkState,
    pub entities: EntityState,
    /// Ids of the articles read.
    pub read: HashSet<String>,
    /// The library's view and feeds, and a fetch in progress.
    pub feeds: FeedsState,
    /// The article last opened for reading (marked read then).
    pub(crate) opened: Option<usize>,
    pub quit: bool,
    /// A one-line notice for the status bar (cleared by the next key).
    pub notice: Option<String>,
    pub(crate) cache: LayoutCache<CacheKey>,
}

impl<'a> App<'a> {
    pub fn new(
        corpus: impl Into<ReaderCorpus<'a>>,
        settings: Settings,
        width: u16,
        height: u16,
    ) -> App<'a> {
        let corpus = corpus.into();
        let mut app = App {
            loading: None,
            settings,
            width,
            height,
            mode: Mode::Normal,
            focus: Pane::List,
            wide_entities: false,
            list: ListState {
                visible: (0..corpus.articles.len()).collect(),
                ..ListState::default()
            },
            corpus,
            shelf: None,
            filter: FilterState::default(),
            article: ArticleState::default(),
            marks: BookmarkState::new(Store::in_memory()),
            entities: EntityState::builtin(),
            read: HashSet::new(),
            feeds: FeedsState::default(),
            opened: None,
            quit: false,
            notice: None,
            cache: LayoutCache::new(4096),
        };
        app.show_selected();
        app.refresh_counts();
        app
    }

    /// Article `index` (a position in the list before any filter): for
    /// the library, once opened (the selected article always is).
    pub fn article(&self, index: usize) -> &Article {
        article_in(&self.corpus, self.shelf.as_ref(), index)
    }

    /// What a list row shows of article `index`, without its text.
    pub fn row(&self, index: usize) -> RowInfo<'_> {
        match &self.shelf {
            Some(shelf) => match shelf.row(index) {
                Some(e) => RowInfo {
                    id: &e.id,
                    title: &e.title,
                    words: Some(e.word_count),
                    outlet: e.outlet.as_deref(),
                    day: e.day.as_deref(),
                },
                None => RowInfo {
                    id: "",
                    title: "…",
                    words: None,
                    outlet: None,
                    day: None,
                },
            },
            None => {
                let a = &self.corpus.articles[index];
                RowInfo {
                    id: &a.id,
                    title: &a.title,
                    words: None,
                    outlet: a.meta.outlet.as_deref(),
                    day: a.meta.published.as_deref().and_then(feeds::iso_day),
                }
            }
        }
    }

    /// The id of article `index`.
    pub fn id_of(&self, index: usize) -> Option<String> {
        match &self.shelf {
            Some(shelf) => shelf.id(index).map(String::from),
            None => self.corpus.articles.get(index).map(|a| a.id.clone()),
        }
    }

    /// How many articles there are, loaded so far.
    pub fn article_count(&self) -> usize {
        match &self.shelf {
            Some(shelf) => shelf.len(),
            None => self.corpus.articles.len(),
        }
    }

    /// The position of the article with this id.
    pub fn find_article(&self, id: &str) -> Option<usize> {
        match &self.shelf {
            Some(shelf) => shelf.find(id),
            None => self.corpus.articles.iter().position(|a| a.id == id),
        }
    }

    pub fn is_read(&self, index: usize) -> bool {
        match &self.shelf {
            Some(shelf) => shelf.is_read(index),
            None => self.read.contains(&self.article(index).id),
        }
    }

    /// Marks article `index` read or unread; its id when that changed it
    /// (for the effect that keeps the mark).
    pub(crate) fn set_read(&mut self, index: usize, read: bool) -> Option<String> {
        if let Some(shelf) = &mut self.shelf {
            return shelf.mark(index, read);
        }
        let id = self.corpus.articles.get(index)?.id.clone();
        let changed = if read {
            self.read.insert(id.clone())
        } else {
            self.read.remove(&id)
        };
        changed.then_some(id)
    }

    /// Finds the bookmarked passages in the articles: in memory, or only
    /// the bookmarked articles read from the library.
    pub(crate) fn reanchor(&mut self) -> (Vec<crate::bookmarks::Anchor>, bool) {
        let store = &mut self.marks.store;
        match &self.shelf {
            Some(shelf) => store.reanchor_with(|id| shelf.get(id)),
            None => store.reanchor(&self.corpus),
        }
    }

    pub fn geometry(&self) -> Geometry {
        self.geometry_for(self.focus)
    }

    fn geometry_for(&self, focus: Pane) -> Geometry {
        let order = self.settings.order;
        geometry(self.width, self.height, order, focus, self.wide_entities)
    }

    /// Corpus index of the selected article.
    pub fn selected(&self) -> Option<usize> {
        self.list.visible.get(self.list.selected).copied()
    }

    /// The open article: the one in the article pane.
    pub fn open_article(&self) -> Option<usize> {
        self.article.rows.as_ref().map(|r| r.article)
    }

    /// Rows of text the list pane shows at once.
    pub fn list_height(&self) -> usize {
        let g = self.geometry_for(Pane::List);
        g.list
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Rows of text the article pane shows at once.
    pub fn article_height(&self) -> usize {
        let g = self.geometry_for(Pane::Article);
        g.article
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Columns the article text is laid out in: the pane less its borders
    /// and a one-cell margin on each side.
    pub fn article_text_width(&self) -> usize {
        let g = self.geometry_for(Pane::Article);
        g.article
            .map_or(1, |r| usize::from(r.width.saturating_sub(4)).max(1))
    }

    /// How far through the article the bottom of the pane is, in percent.
    pub fn progress(&self) -> usize {
        let rows = self.article.rows.as_ref().map_or(0, |r| r.rows.len());
        if rows == 0 {
            return 100;
        }
        ((self.article.scroll + self.article_height()).min(rows) * 100) / rows
    }
}

/// What a list row shows of an article.
#[derive(Debug, Clone, Copy)]
pub struct RowInfo<'s> {
    pub id: &'s str,
    pub title: &'s str,
    /// Known without counting (the library keeps it).
    pub words: Option<usize>,
    /// The outlet or feed name, where known.
    pub outlet: Option<&'s str>,
    /// The day it was published (`YYYY-MM-DD`), when the library read it.
    pub day: Option<&'s str>,
}

/// Article `index` of the corpus or, for the library, of the shelf (see
/// [`App::article`]); free so a caller can hold other fields of the app.
pub(crate) fn article_in<'s>(
    corpus: &'s Corpus,
    shelf: Option<&'s Shelf>,
    index: usize,
) -> &'s Article {
    match shelf {
        Some(shelf) => shelf.article(index),
        None => &corpus.articles[index],
    }
}
