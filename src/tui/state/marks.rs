//! Bookmarks in the reader's state: the store, the bookmarks pane's
//! selection, a range being chosen with `v`, and the paragraph `b` acts on.

use super::App;
use crate::bookmarks::Store;
use crate::tui::article_rows::Row;

#[derive(Debug)]
pub struct BookmarkState {
    pub store: Store,
    /// Selected row of the bookmarks pane.
    pub selected: usize,
    /// `v` was pressed on this paragraph (1-based) of the open article.
    pub range_from: Option<usize>,
}

impl BookmarkState {
    pub fn new(store: Store) -> BookmarkState {
        BookmarkState {
            store,
            selected: 0,
            range_from: None,
        }
    }
}

impl App<'_> {
    /// The paragraph (1-based) that `b` acts on: the one holding the match
    /// `n` went to, else the first paragraph at the top of the article pane.
    pub fn current_paragraph(&self) -> Option<usize> {
        let rows = self.article.rows.as_ref()?;
        if let Some(hit) = self.article.current.and_then(|c| self.article.hits.get(c)) {
            if hit.paragraph >= 1 {
                return Some(hit.paragraph);
            }
        }
        rows.rows[self.article.scroll.min(rows.rows.len())..]
            .iter()
            .find_map(|row| match *row {
                Row::Text { field, .. } if field >= 1 => Some(field),
                _ => None,
            })
    }
}
