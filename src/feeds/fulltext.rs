//! The full text of an item that carries only a summary: its link fetched
//! as a page (under the page size limit), decoded, and handed to an
//! [`Extractor`]: the seam where the corpus's HTML extractor plugs in.

use super::charset::decode;
use super::client::Client;
use super::fetched::{Content, Validators};
use super::policy::Resource;
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use url::Url;

/// An article page, fetched and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the page came from, after redirects.
    pub url: Url,
    pub html: String,
}

/// The article an extractor found on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extracted {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Finds the article in a page. Called from the fetch's worker threads.
pub trait Extractor: Sync {
    /// The article, or why there is none (one line).
    fn extract(&self, page: &Page) -> Result<Extracted, String>;
}

/// What the full-text step gave for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FullText {
    /// The article from the page at `url`.
    Extracted { url: String, article: Extracted },
    /// Why not; the item keeps its summary.
    Failed(String),
}

/// Fetches `link` and extracts its article.
pub fn full_text(
    client: &Client,
    link: &str,
    extractor: &dyn Extractor,
    cancel: &AtomicBool,
) -> FullText {
    match page(client, link, cancel) {
        Ok(page) => match extractor.extract(&page) {
            Ok(article) if article.paragraphs.iter().any(|p| !p.trim().is_empty()) => {
                FullText::Extracted {
                    url: page.url.to_string(),
                    article,
                }
            }
            Ok(_) => FullText::Failed("no article text found on the page".into()),
            Err(why) => FullText::Failed(super::error::one_line(&why)),
        },
        Err(why) => FullText::Failed(why),
    }
}

fn page(client: &Client, link: &str, cancel: &AtomicBool) -> Result<Page, String> {
    let url = Url::parse(link).map_err(|_| format!("not a valid address: {link}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("not a web address: {link}"));
    }
    let response = client
        .get(&url, Resource::Page, &Validators::default(), cancel)
        .map_err(|e| format!("the page: {e}"))?;
    let Content::Body {
        bytes,
        content_type,
    } = response.content
    else {
        return Err("the page: answered 304 to a plain request".into());
    };
    if let Some(ct) = &content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !mime.is_empty() && !mime.contains("html") && !mime.starts_with("text/") {
            return Err(format!("the link is not a web page ({mime})"));
        }
    }
    let tld = response.url.domain().and_then(|d| d.rsplit('.').next());
    let html = decode(&bytes, content_type.as_deref(), tld).text;
    Ok(Page {
        url: response.url,
        html,
    })
}
