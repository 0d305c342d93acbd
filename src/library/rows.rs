//! Articles as rows of the `articles` table, and back. The rest of sahifa
//! reads [`Article`]; only this file knows the columns.

use crate::corpus::{content_id, Article, Metadata};
use rusqlite::Row;
use serde_json::{Map, Value};

/// The columns [`from_row`] reads, in its order.
pub(crate) const ARTICLE_COLUMNS: &str = "a.id, a.title, t.paragraphs, t.boilerplate, a.origin, \
     a.outlet, a.url, a.published, a.author, a.lang, a.extra";

/// The tables [`ARTICLE_COLUMNS`] come from.
pub(crate) const ARTICLE_TABLES: &str = "articles a JOIN texts t ON t.n = a.n";

/// An article read with [`ARTICLE_COLUMNS`] (starting at column `at`).
pub(crate) fn from_row(row: &Row, at: usize) -> rusqlite::Result<Article> {
    let text = |i: usize| row.get::<_, String>(at + i);
    let optional = |i: usize| row.get::<_, Option<String>>(at + i);
    let extra = match optional(10)? {
        Some(json) => match serde_json::from_str(&json) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        },
        None => Map::new(),
    };
    Ok(Article {
        id: text(0)?,
        title: text(1)?,
        paragraphs: paragraphs(&text(2)?),
        boilerplate: paragraphs(&text(3)?),
        source: text(4)?,
        meta: Metadata {
            outlet: optional(5)?,
            url: optional(6)?,
            published: optional(7)?,
            author: optional(8)?,
            lang: optional(9)?,
            extra,
        },
    })
}

/// A JSON array of strings (paragraphs, boilerplate) as written by
/// [`Prepared::of`]; anything else reads as empty.
pub(crate) fn paragraphs(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// An article made ready for the table (on any thread): its JSON columns,
/// counts and hashes.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) article: Article,
    pub(crate) paragraphs: String,
    pub(crate) boilerplate: String,
    pub(crate) extra: Option<String>,
    /// Hash of the title and paragraphs: the same text is the same article.
    pub(crate) text_hash: String,
    /// Hash of everything but the id and where it was read from: equal
    /// means nothing to update.
    pub(crate) record_hash: String,
    pub(crate) word_count: usize,
}

impl Prepared {
    pub(crate) fn of(article: Article) -> Prepared {
        let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
        let paragraphs = json(&article.paragraphs);
        let boilerplate = json(&article.boilerplate);
        let extra = (!article.meta.extra.is_empty())
            .then(|| serde_json::to_string(&article.meta.extra).unwrap_or_default());
        let text_hash = content_id(&article.title, &article.paragraphs);
        let m = &article.meta;
        let fields = [&m.outlet, &m.url, &m.published, &m.author, &m.lang];
        let mut record = vec![text_hash.clone(), boilerplate.clone()];
        record.extend(fields.iter().map(|f| format!("{f:?}")));
        record.push(extra.clone().unwrap_or_default());
        let record_hash = content_id("", &record);
        let word_count = article.word_count();
        Prepared {
            paragraphs,
            boilerplate,
            extra,
            text_hash,
            record_hash,
            word_count,
            article,
        }
    }
}
