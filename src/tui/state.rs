//! The reader's state: everything drawing needs, and nothing about the
//! terminal. Changed only by `update`.

use super::article_rows::{ArticleRows, CacheKey};
use super::bookmarking::BookmarkState;
use super::entity_state::EntityState;
use super::geometry::{geometry, Geometry, Pane, PaneOrder};
use super::keymap::KeyMap;
use super::theme::Theme;
use crate::bookmarks::Store;
use crate::corpus::{Corpus, FileLoad};
use crate::search::{CorpusFilter, Hit, PreparedArticle, Query};
use crate::text::{LayoutCache, LayoutOptions};
use std::collections::HashMap;
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
    /// What the user typed, in logical order.
    pub input: String,
    /// True while the prompt has the keyboard.
    pub editing: bool,
    pub query: Query,
    /// The corpus normalised for filtering: built in the background by the
    /// event loop (`building` is then true until it arrives), or on first
    /// use when nothing builds it.
    pub index: Option<CorpusFilter>,
    pub building: bool,
    /// Match counts of the articles in the list's window, by corpus index.
    pub counts: HashMap<usize, usize>,
}

/// What the article pane shows.
#[derive(Debug, Clone, Default)]
pub struct ArticleState {
    pub rows: Option<ArticleRows>,
    /// First row on screen.
    pub scroll: usize,
    /// Matches of the filter in the open article (fields as in `ArticleRows`).
    pub hits: Vec<Hit>,
    /// Index in `hits` of the match `n`/`N` went to.
    pub current: Option<usize>,
}

pub struct App<'a> {
    pub corpus: ReaderCorpus<'a>,
    /// Set while articles are still being loaded (see [`App::append`]).
    pub loading: Option<Loading>,
    pub settings: Settings,
    pub width: u16,
    pub height: u16,
    pub focus: Pane,
    pub list: ListState,
    pub filter: FilterState,
    pub article: ArticleState,
    pub help: bool,
    /// First line of the help overlay shown (it scrolls on small screens).
    pub help_scroll: usize,
    pub marks: BookmarkState,
    pub entities: EntityState,
    pub quit: bool,
    /// A one-line notice for the status bar (cleared by the next key).
    pub notice: Option<String>,
    pub(super) cache: LayoutCache<CacheKey>,
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
            focus: Pane::List,
            list: ListState {
                visible: (0..corpus.articles.len()).collect(),
                ..ListState::default()
            },
            corpus,
            filter: FilterState::default(),
            article: ArticleState::default(),
            help: false,
            help_scroll: 0,
            marks: BookmarkState::new(Store::in_memory()),
            entities: EntityState::builtin(),
            quit: false,
            notice: None,
            cache: LayoutCache::new(4096),
        };
        app.show_selected();
        super::update::refresh_counts(&mut app);
        app
    }

    /// Adds articles that finished loading after the reader started. They
    /// join the end of the list (no filter applies before loading ends:
    /// the filter index is built from the whole corpus); the first to
    /// arrive is opened. Returns `false`, adding nothing, when the corpus is
    /// borrowed or already shared with another thread.
    pub fn append(&mut self, piece: FileLoad) -> bool {
        let ReaderCorpus::Shared(shared) = &mut self.corpus else {
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
            super::update::refresh_counts(self);
        }
        true
    }

    pub fn geometry(&self) -> Geometry {
        geometry(self.width, self.height, self.settings.order, self.focus)
    }

    /// Corpus index of the selected article.
    pub fn selected(&self) -> Option<usize> {
        self.list.visible.get(self.list.selected).copied()
    }

    /// Rows of text the list pane shows at once.
    pub fn list_height(&self) -> usize {
        let g = geometry(self.width, self.height, self.settings.order, Pane::List);
        g.list
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Rows of text the article pane shows at once.
    pub fn article_height(&self) -> usize {
        let g = geometry(self.width, self.height, self.settings.order, Pane::Article);
        g.article
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Columns the article text is laid out in: the pane less its borders
    /// and a one-cell margin on each side.
    pub fn article_text_width(&self) -> usize {
        let g = geometry(self.width, self.height, self.settings.order, Pane::Article);
        g.article
            .map_or(1, |r| usize::from(r.width.saturating_sub(4)).max(1))
    }

    /// Lays out the selected article for the current width (from the cache
    /// when possible) and refreshes its filter matches.
    pub(super) fn show_selected(&mut self) {
        let Some(index) = self.selected() else {
            self.article = ArticleState::default();
            return;
        };
        let width = self.article_text_width();
        let same = self
            .article
            .rows
            .as_ref()
            .is_some_and(|r| r.article == index && r.width == width);
        if !same {
            let keep_scroll = self
                .article
                .rows
                .as_ref()
                .is_some_and(|r| r.article == index);
            let rows = ArticleRows::build(
                index,
                &self.corpus.articles[index],
                width,
                &self.settings.layout,
                &mut self.cache,
            );
            self.article.rows = Some(rows);
            if !keep_scroll {
                self.article.scroll = 0;
                // A v range belongs to the article it was started in.
                if self.marks.range_from.take().is_some() {
                    self.notice = Some("range cancelled: another article".into());
                }
            }
        }
        self.refresh_hits();
        self.entities.show(index, &self.corpus.articles[index]);
        self.clamp_scroll();
    }

    /// Recomputes the open article's matches for the current query.
    pub(super) fn refresh_hits(&mut self) {
        let Some(index) = self.article.rows.as_ref().map(|r| r.article) else {
            self.article.hits.clear();
            self.article.current = None;
            return;
        };
        if self.filter.query.is_empty() {
            self.article.hits.clear();
            self.article.current = None;
            return;
        }
        // Offsets are only needed for the article on screen.
        let article = &self.corpus.articles[index];
        let hits = PreparedArticle::new(article).hits(&self.filter.query);
        let hits = shown_hits(article, hits.unwrap_or_default());
        // Same article, same query (a focus change, a resize): the match
        // n/N went to stays the current one.
        if hits != self.article.hits {
            self.article.hits = hits;
            self.article.current = None;
        }
    }

    pub(super) fn max_scroll(&self) -> usize {
        let rows = self.article.rows.as_ref().map_or(0, |r| r.rows.len());
        rows.saturating_sub(self.article_height())
    }

    pub(super) fn clamp_scroll(&mut self) {
        self.article.scroll = self.article.scroll.min(self.max_scroll());
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

/// The hits the article pane can show: a title that is only the lead of the
/// first paragraph is not drawn, so its matches would be jumps to nowhere.
pub fn shown_hits(article: &crate::corpus::Article, mut hits: Vec<Hit>) -> Vec<Hit> {
    if article.title_is_lead() {
        hits.retain(|h| h.paragraph != 0);
    }
    hits
}
