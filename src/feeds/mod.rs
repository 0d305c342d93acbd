//! Feeds: fetching RSS, Atom, RDF and JSON Feed politely, parsing them into
//! one item model, OPML, and the HTTP half of the full-text step. No
//! terminal code; nothing here runs on a UI thread by itself: a caller runs
//! [`Engine::run`] on a thread of its own and receives [`Event`]s.
//!
//! The pieces, in the order a fetch uses them: [`Client`] (HTTP under a
//! [`Policy`]: limits, timeouts, redirects, `Retry-After`, proxies,
//! `file://`), [`parse_feed`] (charset → feed-rs → [`ParsedFeed`]),
//! [`SummaryRules`] (which items need their page), [`full_text`] (the page
//! fetched and handed to an [`Extractor`]), and [`Engine`] (many feeds at
//! once). [`read_opml`] / [`write_opml`] and [`feed_links`] stand apart.

mod article;
mod body;
mod charset;
mod client;
mod discover;
mod engine;
mod env_client;
mod error;
mod fetched;
mod fulltext;
mod html_scan;
mod http_error;
mod item;
mod limiter;
mod local;
mod model;
mod opml;
mod outcome;
mod parse;
mod plain;
mod policy;
mod proxy;
mod raw_dates;
mod repair;
mod resolve;
mod retry;
mod summary;

pub use article::{fetch_note, item_article, Origin, PageExtractor};
pub use charset::{decode, CharsetSource, Decoded};
pub use client::{Client, ClientOptions};
pub use discover::{feed_links, looks_like_html, FeedLink};
pub use engine::Engine;
pub use env_client::client_from_env;
pub use error::{FeedError, FetchError, ParseError};
pub use fetched::{Content, Response, Validators};
pub use fulltext::{full_text, Extracted, Extractor, FullText, Page};
pub use item::{Enclosure, FeedFormat, FeedItem, IdSource, ItemText, ParsedFeed};
pub use opml::{read_opml, write_opml, OpmlError, OpmlFile, Subscription};
pub use outcome::{Event, FeedReport, FeedRequest, FeedUpdate, FullTextMode};
pub use parse::parse_feed;
pub use policy::{Policy, Resource, MB};
pub use proxy::ProxySettings;
pub use resolve::Resolution;
pub use summary::SummaryRules;
