//! The feed-neutral model: what an RSS, Atom, RDF or JSON Feed entry
//! becomes, whatever it was written in.

use super::fulltext::FullText;
use serde::Serialize;

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedFeed {
    pub format: FeedFormat,
    pub title: Option<String>,
    /// The site the feed belongs to (its home page), if it says.
    pub site: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// In the feed's order (usually newest first).
    pub items: Vec<FeedItem>,
    /// What was wrong but recovered (repaired XML, a lossy charset, items
    /// dropped as repeats or empty), one line each.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    /// RSS 0.91 / 0.92.
    Rss0,
    /// RSS 1.0 (RDF).
    Rss1,
    Rss2,
    Atom,
    JsonFeed,
}

impl FeedFormat {
    pub fn name(self) -> &'static str {
        match self {
            FeedFormat::Rss0 => "RSS 0.9x",
            FeedFormat::Rss1 => "RSS 1.0 (RDF)",
            FeedFormat::Rss2 => "RSS 2.0",
            FeedFormat::Atom => "Atom",
            FeedFormat::JsonFeed => "JSON Feed",
        }
    }
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedItem {
    /// The identity under which a fetched-again item is recognised.
    pub id: String,
    pub id_source: IdSource,
    /// Plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// RFC 3339, UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enclosures: Vec<Enclosure>,
    /// RSS `description`, Atom `summary`, JSON Feed `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<ItemText>,
    /// RSS `content:encoded`, Atom `content`, JSON Feed `content_html` /
    /// `content_text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<ItemText>,
    /// The item carries only a few sentences: its link is worth fetching
    /// for the full text.
    pub summary_only: bool,
    /// The outcome of the full-text step, when it ran for this item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_text: Option<FullText>,
}

impl FeedItem {
    /// The fullest text the feed gives: the content, else the summary.
    pub fn body(&self) -> Option<&ItemText> {
        self.content
            .as_ref()
            .filter(|c| !c.text.trim().is_empty())
            .or(self.summary.as_ref())
    }
}

/// How an item's identity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdSource {
    /// RSS `guid`, Atom / JSON Feed `id`.
    Guid,
    /// No id: the item's link.
    Link,
    /// Neither: a hash of its title and content.
    Hash,
}

/// Text that is HTML (to be turned into paragraphs) or plain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemText {
    pub text: String,
    pub html: bool,
}

impl ItemText {
    /// The paragraphs of the text, without markup: HTML through the
    /// corpus's HTML code, as a fragment (every block kept).
    pub fn paragraphs(&self) -> Vec<String> {
        if self.html {
            crate::corpus::html::fragment(&self.text)
        } else {
            self.text
                .split("\n\n")
                .map(super::plain::collapse)
                .filter(|p| !p.is_empty())
                .collect()
        }
    }
}

/// An attached file (audio, video, image).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enclosure {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
}
