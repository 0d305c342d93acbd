//! The plain data a fetch run takes in and gives out: what a store hands
//! the [`Engine`](super::Engine) and what it must keep afterwards.

use super::error::FeedError;
use super::fetched::Validators;
use super::item::ParsedFeed;
use url::Url;

/// One feed to fetch: plain data the store hands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRequest {
    pub url: String,
    /// What the last fetch stored.
    pub validators: Validators,
    pub full_text: FullTextMode,
}

/// Which items get their link fetched for the full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FullTextMode {
    /// Those that carry only a summary.
    #[default]
    SummaryOnly,
    /// Every item with a link (a feed added with `--full-text`).
    Always,
    Never,
}

/// What happened to one feed, with everything a store must keep.
#[derive(Debug)]
pub struct FeedReport {
    /// The request's position in the list given to [`Engine::run`](super::Engine::run).
    pub index: usize,
    pub requested: String,
    pub result: Result<FeedUpdate, FeedError>,
}

#[derive(Debug)]
pub enum FeedUpdate {
    /// New content: every item the feed holds now (the store tells new
    /// from known by `FeedItem::id`).
    Fetched {
        /// Where it came from after redirects.
        url: Url,
        /// The address to store from now on (permanent redirects).
        moved_to: Option<Url>,
        validators: Validators,
        feed: Box<ParsedFeed>,
    },
    /// Unchanged since the last fetch (HTTP 304, or a local file as it was).
    NotModified {
        moved_to: Option<Url>,
        validators: Validators,
    },
}

/// Progress, sent from the worker threads as it happens. The callback
/// should be quick (send it on a channel): storing belongs on the receiving
/// side.
#[derive(Debug)]
pub enum Event {
    /// A feed's request is about to go out.
    Started { index: usize, url: String },
    /// One more article page of feed `index` was fetched (`done` of `total`).
    Page {
        index: usize,
        done: usize,
        total: usize,
    },
    /// A feed is done; every request gets exactly one.
    Finished(Box<FeedReport>),
}
