//! Bytes of a feed → [`ParsedFeed`], through feed-rs: charset first, then
//! the format (RSS 0.9x, RSS 1.0, RSS 2.0, Atom, JSON Feed), with a repair
//! pass for XML that is broken in the usual, readable ways, and a clear
//! error (naming the page's feeds) when the bytes are a web page.

use super::charset::{declare_utf8, decode};
use super::discover::{feed_links, looks_like_html};
use super::error::{one_line, ParseError};
use super::item::{FeedFormat, ParsedFeed};
use super::{model, raw_dates, repair};
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use url::Url;

/// Parses a feed fetched from `url` (which resolves its relative links)
/// with the `Content-Type` it came with.
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    url: &Url,
) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let decoded = decode(bytes, content_type, tld(url));
    let mut notes = Vec::new();
    if decoded.lossy {
        notes.push(format!(
            "some bytes are not valid {}; they show as \u{FFFD}",
            decoded.encoding.name()
        ));
    }
    let text = declare_utf8(&decoded.text);
    if looks_like_html(&text) {
        let links: Vec<String> = feed_links(&text, url).into_iter().map(|l| l.url).collect();
        return Err(if links.is_empty() {
            ParseError::HtmlPage
        } else {
            ParseError::HtmlPageWithFeeds(links)
        });
    }
    let mut source = text.clone();
    let feed = match run_feed_rs(&text, url) {
        Ok(feed) => feed,
        Err(first) if is_xml(&text) => {
            let (fixed, repairs) = repair::repair(&text);
            match (repairs.is_empty(), run_feed_rs(&fixed, url)) {
                (false, Ok(feed)) => {
                    notes.push(format!("repaired broken XML: {}", repairs.join(", ")));
                    source = fixed.into();
                    feed
                }
                _ => return Err(error(first)),
            }
        }
        Err(first) => return Err(error(first)),
    };
    let mut parsed = model::convert(feed, url, notes);
    if is_xml(&source) {
        raw_dates::fill_missing(&source, &mut parsed.items);
    }
    Ok(parsed)
}

/// What each format is called, for the feed's own root.
pub(crate) fn format_of(kind: &feed_rs::model::FeedType) -> FeedFormat {
    use feed_rs::model::FeedType;
    match kind {
        FeedType::Atom => FeedFormat::Atom,
        FeedType::JSON => FeedFormat::JsonFeed,
        FeedType::RSS0 => FeedFormat::Rss0,
        FeedType::RSS1 => FeedFormat::Rss1,
        FeedType::RSS2 => FeedFormat::Rss2,
    }
}

fn run_feed_rs(text: &str, url: &Url) -> Result<feed_rs::model::Feed, ParseFeedError> {
    feed_rs::parser::Builder::new()
        .base_uri(Some(url.as_str()))
        // Identity is decided by `model` (guid, else link, else a hash of
        // the content), so feed-rs must not invent ids of its own.
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(text.as_bytes())
}

fn is_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

fn error(e: ParseFeedError) -> ParseError {
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => ParseError::NotAFeed,
        ParseFeedError::ParseError(kind) => ParseError::Xml(one_line(&kind.to_string())),
        ParseFeedError::JsonSerde(e) => ParseError::Json(one_line(&e.to_string())),
        ParseFeedError::JsonUnsupportedVersion(v) => {
            ParseError::Json(format!("unsupported version «{}»", one_line(&v)))
        }
        ParseFeedError::XmlReader(e) => ParseError::Xml(one_line(&e.to_string())),
        ParseFeedError::IoError(e) => ParseError::Xml(one_line(&e.to_string())),
    }
}

/// The top-level domain of `url`'s host, a hint for charset detection.
fn tld(url: &Url) -> Option<&str> {
    match url.host()? {
        url::Host::Domain(d) => d.rsplit('.').next(),
        _ => None,
    }
}
