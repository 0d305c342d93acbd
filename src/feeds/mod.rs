//! Feeds: fetching news feeds politely. No terminal code.
//!
//! [`Client`] does HTTP under a [`Policy`] (limits, timeouts, redirects,
//! `Retry-After`, proxies, `file://`); parsing, OPML and the fetch engine
//! build on it.

mod body;
mod client;
mod error;
mod fetched;
mod http_error;
mod limiter;
mod local;
mod policy;
mod proxy;
mod resolve;
mod retry;

pub use client::{Client, ClientOptions};
pub use error::{FeedError, FetchError, ParseError};
pub use fetched::{Content, Response, Validators};
pub use policy::{Policy, Resource, MB};
pub use proxy::ProxySettings;
pub use resolve::Resolution;
