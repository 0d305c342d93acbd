//! The open article: its rows for the pane's width, the scroll position,
//! and the matches `n`/`N` walk (of the find in the article, else of the
//! list's filter).

use super::App;
use crate::corpus::Article;
use crate::search::{Hit, PreparedArticle, Query};
use crate::tui::article_rows::ArticleRows;

/// A search inside the open article (`f`).
#[derive(Debug, Clone, Default)]
pub struct FindState {
    /// What the user typed, in logical order.
    pub input: String,
    pub query: Query,
}

/// What the article pane shows.
#[derive(Debug, Clone, Default)]
pub struct ArticleState {
    pub rows: Option<ArticleRows>,
    /// First row on screen.
    pub scroll: usize,
    /// Matches in the open article (fields as in `ArticleRows`): of the
    /// find when there is one, else of the filter.
    pub hits: Vec<Hit>,
    /// Index in `hits` of the match `n`/`N` went to.
    pub current: Option<usize>,
    /// The find in the article, kept from article to article until `Esc`.
    pub find: Option<FindState>,
}

impl App<'_> {
    /// Lays out the selected article for the current width (from the cache
    /// when possible) and refreshes its matches.
    pub(crate) fn show_selected(&mut self) {
        let Some(index) = self.selected() else {
            let find = self.article.find.take();
            self.article = Default::default();
            self.article.find = find;
            self.entities.hide();
            return;
        };
        if let Some(shelf) = &mut self.shelf {
            if let Err(e) = shelf.open(index) {
                self.notice = Some(format!("library: {e}"));
            }
        }
        let width = self.article_text_width();
        let same = self
            .article
            .rows
            .as_ref()
            .is_some_and(|r| r.article == index && r.width == width);
        if !same {
            let keep_scroll = self.open_article() == Some(index);
            let rows = ArticleRows::build(
                index,
                super::article_in(&self.corpus, self.shelf.as_ref(), index),
                width,
                &self.settings.layout,
                &mut self.cache,
            );
            self.article.rows = Some(rows);
            if !keep_scroll {
                self.article.scroll = 0;
                // A range belongs to the article it was started in.
                if self.marks.range_from.take().is_some() {
                    self.notice = Some("range cancelled: another article".into());
                }
            }
        }
        self.refresh_hits();
        let article = super::article_in(&self.corpus, self.shelf.as_ref(), index);
        self.entities.show(index, article);
        self.clamp_scroll();
    }

    /// The query whose matches the article shows: the find, else the filter.
    pub fn article_query(&self) -> &Query {
        match &self.article.find {
            Some(find) => &find.query,
            None => &self.filter.query,
        }
    }

    /// Recomputes the open article's matches for the current query.
    pub(crate) fn refresh_hits(&mut self) {
        let query = self.article_query();
        let hits = match self.open_article() {
            Some(index) if !query.is_empty() => {
                // Offsets are only needed for the article on screen.
                let article = self.article(index);
                let hits = PreparedArticle::new(article).hits(query);
                shown_hits(article, hits.unwrap_or_default())
            }
            _ => Vec::new(),
        };
        // Same article, same query (a focus change, a resize): the match
        // n/N went to stays the current one.
        if hits != self.article.hits {
            self.article.hits = hits;
            self.article.current = None;
        }
    }

    pub(crate) fn max_scroll(&self) -> usize {
        let rows = self.article.rows.as_ref().map_or(0, |r| r.rows.len());
        rows.saturating_sub(self.article_height())
    }

    pub(crate) fn clamp_scroll(&mut self) {
        self.article.scroll = self.article.scroll.min(self.max_scroll());
    }

    /// Scrolls so that `hit` is on screen, a third of the way down when it
    /// was not (for context above it).
    pub(crate) fn scroll_to(&mut self, hit: &Hit) {
        let Some(row) = self.article.rows.as_ref().and_then(|r| r.row_of(hit)) else {
            return;
        };
        let h = self.article_height();
        if !(self.article.scroll..self.article.scroll + h).contains(&row) {
            self.article.scroll = row.saturating_sub(h / 3);
            self.clamp_scroll();
        }
    }
}

/// The hits the article pane can show: a title that is only the lead of the
/// first paragraph is not drawn, so its matches would be jumps to nowhere.
pub fn shown_hits(article: &Article, mut hits: Vec<Hit>) -> Vec<Hit> {
    if article.title_is_lead() {
        hits.retain(|h| h.paragraph != 0);
    }
    hits
}
