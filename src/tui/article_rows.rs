//! An article laid out for the article pane: its fields (0 = title, N =
//! paragraph N) as visual lines from the layout engine, and the screen rows
//! they make. Rebuilt only when the article, the width or the options change.

use crate::corpus::Article;
use crate::search::Hit;
use crate::text::{LayoutCache, LayoutOptions, ParagraphLayout, VisualLine};
use std::sync::Arc;

/// One screen row of the article pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Line `line` of field `field` (0 = title, N = paragraph N).
    Text {
        field: usize,
        line: usize,
    },
    /// The metadata line under the title: outlet or source, date, counts.
    Meta,
    /// The article's web address, under the metadata (when it has one).
    Url,
    Blank,
}

/// Layout cache key: (article index, field index). Width and options are
/// part of the cache's own key.
pub type CacheKey = (usize, usize);

#[derive(Debug, Clone, Default)]
pub struct ArticleRows {
    pub article: usize,
    pub width: usize,
    pub fields: Vec<Arc<ParagraphLayout>>,
    pub rows: Vec<Row>,
}

impl ArticleRows {
    pub fn build(
        index: usize,
        article: &Article,
        width: usize,
        opts: &LayoutOptions,
        cache: &mut LayoutCache<CacheKey>,
    ) -> ArticleRows {
        let opts = LayoutOptions { width, ..*opts };
        let texts = std::iter::once(&article.title).chain(&article.paragraphs);
        let fields: Vec<Arc<ParagraphLayout>> = texts
            .enumerate()
            .map(|(f, text)| cache.get_or_layout((index, f), text, &opts))
            .collect();
        // A title that is only the lead sentence is not shown twice: the
        // metadata line opens the article instead.
        let skip_title = article.title_is_lead();
        let header: &[Row] = if article.meta.url.is_some() {
            &[Row::Meta, Row::Url]
        } else {
            &[Row::Meta]
        };
        let mut rows = Vec::new();
        for (field, layout) in fields.iter().enumerate() {
            if field == 0 && skip_title {
                rows.extend_from_slice(header);
                continue;
            }
            if field == 1 && !skip_title {
                rows.extend_from_slice(header);
            }
            if field >= 1 {
                rows.push(Row::Blank);
            }
            rows.extend((0..layout.lines.len()).map(|line| Row::Text { field, line }));
        }
        if fields.len() == 1 && !skip_title {
            rows.extend_from_slice(header);
        }
        ArticleRows {
            article: index,
            width,
            fields,
            rows,
        }
    }

    pub fn line(&self, field: usize, line: usize) -> Option<&VisualLine> {
        self.fields.get(field)?.lines.get(line)
    }

    /// The row showing the start of `hit`.
    pub fn row_of(&self, hit: &Hit) -> Option<usize> {
        self.rows.iter().position(|row| match *row {
            Row::Text { field, line } if field == hit.paragraph => {
                self.line(field, line).is_some_and(|l| {
                    let end = l.logical.end.max(l.logical.start + 1);
                    (l.logical.start..end).contains(&hit.range.start)
                })
            }
            _ => false,
        })
    }
}
