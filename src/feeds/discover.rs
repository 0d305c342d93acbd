//! Finding a site's feeds from one of its pages, through
//! `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`,
//! and telling a page from a feed.

use super::html_scan::{tokens, Token};
use serde::Serialize;
use url::Url;

/// A feed a page names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedLink {
    /// Absolute.
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The `type` attribute, in lower case.
    pub mime: String,
}

const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
];

/// The feeds `html` (a page fetched from `page`) links to, in page order,
/// each once; relative addresses resolved against `<base href>` or the page.
pub fn feed_links(html: &str, page: &Url) -> Vec<FeedLink> {
    let mut base = page.clone();
    let mut links: Vec<FeedLink> = Vec::new();
    for token in tokens(html) {
        let Token::Start(tag) = token else {
            if matches!(token, Token::End(ref name) if name == "head") && !links.is_empty() {
                break;
            }
            continue;
        };
        match tag.name.as_str() {
            "base" => {
                if let Some(href) = tag.attr("href").and_then(|h| page.join(h.trim()).ok()) {
                    base = href;
                }
            }
            "link" => {
                let rel = tag.attr("rel").unwrap_or_default().to_ascii_lowercase();
                let mime = tag
                    .attr("type")
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase();
                let mime = mime.split(';').next().unwrap_or("").trim().to_string();
                let alternate = rel.split_ascii_whitespace().any(|r| r == "alternate");
                if !alternate || !FEED_TYPES.contains(&mime.as_str()) {
                    continue;
                }
                let Some(url) = tag.attr("href").and_then(|h| base.join(h.trim()).ok()) else {
                    continue;
                };
                if !matches!(url.scheme(), "http" | "https") {
                    continue;
                }
                let url = url.to_string();
                if links.iter().all(|l| l.url != url) {
                    let title = tag.attr("title").map(|t| super::plain::collapse(&t));
                    links.push(FeedLink {
                        url,
                        title: title.filter(|t| !t.is_empty()),
                        mime,
                    });
                }
            }
            _ => {}
        }
    }
    links
}

/// Whether `text` (decoded) is an HTML page rather than a feed: its first
/// element, after any declaration, comments and white space, is `html`,
/// `head` or `body`, or a `<!DOCTYPE html>` starts it.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    loop {
        let lower: String = rest
            .chars()
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype") {
            return lower.starts_with("<!doctype html");
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if rest.starts_with("<?") {
            rest = rest.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else {
            return ["<html", "<head", "<body"].iter().any(|t| {
                lower.strip_prefix(t).is_some_and(|after| {
                    after.is_empty() || after.starts_with([' ', '\t', '\r', '\n', '>', '/'])
                })
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_feed_links_resolved_in_order() {
        let page = Url::parse("https://news.example/ar/world/story.html").unwrap();
        let html = r#"<!DOCTYPE html><html dir="rtl"><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" hreflang="en" href="/en/">
            <link rel="alternate" type="application/rss+xml" title=" أخبار   العالم " href="../rss/world.xml">
            <LINK REL="Alternate feed" TYPE="Application/Atom+XML" HREF="//cdn.example/atom.xml">
            <link rel="alternate" type="application/feed+json; charset=utf-8" href="feed.json?x=1&amp;y=2">
            <link rel="alternate" type="application/rss+xml" href="../rss/world.xml">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>"#;
        let links = feed_links(html, &page);
        let urls: Vec<_> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/ar/rss/world.xml",
                "https://cdn.example/atom.xml",
                "https://news.example/ar/world/feed.json?x=1&y=2",
            ]
        );
        assert_eq!(links[0].title.as_deref(), Some("أخبار العالم"));
        assert_eq!(links[1].mime, "application/atom+xml");
    }

    #[test]
    fn base_href_is_honoured_and_body_links_count_when_head_has_none() {
        let page = Url::parse("http://site.example/a/b").unwrap();
        let html = r#"<head><base href="http://static.example/feeds/"></head>
            <body><link rel=alternate type=application/rss+xml href=main.rss></body>"#;
        let links = feed_links(html, &page);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "http://static.example/feeds/main.rss");
    }

    #[test]
    fn pages_are_told_from_feeds() {
        assert!(looks_like_html(
            "\u{feff}\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"
        ));
        assert!(looks_like_html("<!-- generated --><html lang=ar>"));
        assert!(looks_like_html(
            "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(looks_like_html("  <HEAD><title>x</title>"));
        assert!(!looks_like_html(
            "<?xml version=\"1.0\"?><rss version=\"2.0\">"
        ));
        assert!(!looks_like_html(
            "<!-- html --><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(!looks_like_html(
            "{\"version\": \"https://jsonfeed.org/version/1.1\"}"
        ));
        assert!(!looks_like_html(
            "<!DOCTYPE rss [<!ENTITY nbsp \"&#160;\">]><rss>"
        ));
        assert!(!looks_like_html("<html-ish>"));
    }
}
