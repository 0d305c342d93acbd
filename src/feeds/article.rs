//! A feed item as an article of the library, and the full-text extractor
//! over the corpus's page extractor. The item's text (the page's article
//! when the full-text step found one, else the feed's content or summary)
//! goes through the same cleaning as every page, so a feed's "اقرأ أيضا"
//! lines land in the boilerplate, not the text.

use super::fulltext::{Extracted, Extractor, FullText, Page};
use super::item::{FeedItem, ParsedFeed};
use crate::corpus::{content_id, Article, Metadata, PageParts, Rules};
use serde_json::{json, Map, Value};

/// The feed an item came from, as the article records it.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The subscription's name: the article's outlet.
    pub name: &'a str,
    /// Where the feed was fetched from.
    pub url: &'a str,
}

/// The article `item` of `feed` makes. Its id is stable for the item (a
/// hash of the feed's name and the item's id), so fetching it again finds
/// it; categories, enclosures, the update time and the full-text outcome
/// go in `meta.extra`.
pub fn item_article(item: &FeedItem, feed: &ParsedFeed, origin: Origin) -> Article {
    let (lines, from_page) = match &item.full_text {
        Some(FullText::Extracted { url, article }) => (article.paragraphs.clone(), Some(url)),
        _ => (
            item.body().map(|b| b.paragraphs()).unwrap_or_default(),
            None,
        ),
    };
    let text = lines.join("\n");
    let title = item.title.as_deref().filter(|t| !t.trim().is_empty());
    let parts = PageParts::cleaned(&text, Rules::bundled(), |_| false, title, false);
    let mut extra = Map::new();
    extra.insert("feed".into(), Value::String(origin.name.to_string()));
    extra.insert("feed_url".into(), Value::String(origin.url.to_string()));
    extra.insert("item_id".into(), Value::String(item.id.clone()));
    if let Some(updated) = &item.updated {
        extra.insert("updated".into(), Value::String(updated.clone()));
    }
    if !item.categories.is_empty() {
        extra.insert("categories".into(), json!(item.categories));
    }
    if !item.enclosures.is_empty() {
        extra.insert("enclosures".into(), json!(item.enclosures));
    }
    if item.authors.len() > 1 {
        extra.insert("authors".into(), json!(item.authors));
    }
    match (&item.full_text, from_page) {
        (_, Some(url)) => {
            extra.insert("full_text".into(), Value::String(format!("from {url}")));
        }
        (Some(FullText::Failed(why)), _) => {
            extra.insert(
                "full_text".into(),
                Value::String(format!("failed, the feed's summary kept: {why}")),
            );
        }
        _ => {}
    }
    Article {
        id: content_id(origin.name, std::slice::from_ref(&item.id)),
        title: parts.title.into_owned(),
        paragraphs: parts.paragraphs.into_iter().map(String::from).collect(),
        boilerplate: parts.boilerplate.into_iter().map(String::from).collect(),
        source: item.link.clone().unwrap_or_else(|| origin.url.to_string()),
        meta: Metadata {
            outlet: Some(origin.name.to_string()),
            url: item.link.clone(),
            published: item.published.clone().or_else(|| item.updated.clone()),
            author: item.authors.first().cloned(),
            lang: feed.language.clone(),
            extra,
        },
    }
}

/// What a fetch could not do for a feed, in one line: the full text that
/// failed (how many, and the first reason) and the feed's own notes.
pub fn fetch_note(feed: &ParsedFeed) -> Option<String> {
    let failed: Vec<&str> = feed
        .items
        .iter()
        .filter_map(|i| match &i.full_text {
            Some(FullText::Failed(why)) => Some(why.as_str()),
            _ => None,
        })
        .collect();
    let tried = feed.items.iter().filter(|i| i.full_text.is_some()).count();
    let mut notes = Vec::new();
    if let Some(first) = failed.first() {
        notes.push(format!(
            "full text failed for {} of {tried} items, their summaries kept: {first}",
            failed.len()
        ));
    }
    notes.extend(feed.notes.iter().cloned());
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// The full-text [`Extractor`] over the corpus's HTML page extractor and
/// cleaning: the same text `sahifa import page.html` would keep.
#[derive(Debug, Default, Clone, Copy)]
pub struct PageExtractor;

impl Extractor for PageExtractor {
    fn extract(&self, page: &Page) -> Result<Extracted, String> {
        let rules = Rules::bundled();
        let found = crate::corpus::html::extract(&page.html, rules)
            .ok_or_else(|| "no text on the page".to_string())?;
        let text = found.paragraphs.join("\n");
        let parts = PageParts::cleaned(&text, rules, |_| false, found.title.as_deref(), false);
        Ok(Extracted {
            title: found.title.clone(),
            paragraphs: parts.paragraphs.into_iter().map(String::from).collect(),
        })
    }
}
