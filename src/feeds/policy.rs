//! How politely sahifa fetches: every limit in one place, with the defaults
//! the README documents. Tests shorten the timeouts; nothing else reads
//! these numbers from anywhere but here.

use std::time::Duration;

/// One mebibyte, the unit the size limits are given in.
pub const MB: u64 = 1024 * 1024;

/// Limits and timeouts for every request a [`Client`](super::Client) makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Time allowed to open a connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, redirects and body included.
    pub request_timeout: Duration,
    /// Largest feed accepted, after decompression.
    pub max_feed_bytes: u64,
    /// Largest article page accepted (full-text fetch), after decompression.
    pub max_page_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Requests at once to one host (name and port).
    pub per_host: usize,
    /// Requests at once in all.
    pub total: usize,
    /// Longest `Retry-After` waited for; a server asking for more is
    /// reported busy with the time it gave.
    pub max_retry_wait: Duration,
    /// How often a 429/503 answer with `Retry-After` is retried.
    pub retries: u32,
    /// Sent as `User-Agent`.
    pub user_agent: String,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_feed_bytes: 10 * MB,
            max_page_bytes: 5 * MB,
            max_redirects: 5,
            per_host: 2,
            total: 8,
            max_retry_wait: Duration::from_secs(60),
            retries: 2,
            user_agent: format!("sahifa/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// What a request fetches, which decides its size limit and `Accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Feed,
    Page,
}

impl Resource {
    pub(crate) fn limit(self, policy: &Policy) -> u64 {
        match self {
            Resource::Feed => policy.max_feed_bytes,
            Resource::Page => policy.max_page_bytes,
        }
    }

    pub(crate) fn accept(self) -> &'static str {
        match self {
            Resource::Feed => {
                "application/rss+xml, application/atom+xml, application/feed+json, \
                 application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
                 application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
            }
            Resource::Page => "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let p = Policy::default();
        assert_eq!(p.connect_timeout, Duration::from_secs(10));
        assert_eq!(p.request_timeout, Duration::from_secs(30));
        assert_eq!(p.max_feed_bytes, 10_485_760);
        assert_eq!(p.max_page_bytes, 5_242_880);
        assert_eq!((p.max_redirects, p.per_host, p.total), (5, 2, 8));
        assert_eq!(
            p.user_agent,
            format!("sahifa/{}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(Resource::Page.limit(&p), 5 * MB);
    }
}
