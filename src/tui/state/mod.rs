//! The reader's state: everything drawing needs, and nothing about the
//! terminal. The update modules change it; the event loop hands it what
//! loaded and, after performing an effect, a notice of how it went (and the
//! store or gazetteer the effect changed). Views only read it.
//!
//! Articles are reached through [`App::article`] and [`App::article_count`],
//! not by indexing the corpus, so the store behind them can change (a
//! library loading articles lazily) without touching every caller.

mod article;
mod list;
mod marks;

pub use article::{ArticleState, FindState};
pub use list::{FilterState, ListState};
pub use marks::BookmarkState;

use super::article_rows::CacheKey;
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
    pub corpus: ReaderCorpus<'a>,
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
            filter: FilterState::default(),
            article: ArticleState::default(),
            marks: BookmarkState::new(Store::in_memory()),
            entities: EntityState::builtin(),
            read: HashSet::new(),
            opened: None,
            quit: false,
            notice: None,
            cache: LayoutCache::new(4096),
        };
        app.show_selected();
        app.refresh_counts();
        app
    }

    /// Article `index` (a position in the corpus).
    pub fn article(&self, index: usize) -> &Article {
        &self.corpus.articles[index]
    }

    /// How many articles there are, loaded so far.
    pub fn article_count(&self) -> usize {
        self.corpus.articles.len()
    }

    /// The position of the article with this id.
    pub fn find_article(&self, id: &str) -> Option<usize> {
        self.corpus.articles.iter().position(|a| a.id == id)
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.read.contains(&self.article(index).id)
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
