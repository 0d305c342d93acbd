//! What a fetch gives back, and the validators a store keeps per feed.

use url::Url;

/// The cache validators of a feed, stored with it between fetches and sent
/// back so an unchanged feed costs a `304 Not Modified`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// What a fetch gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Where the bytes came from, after redirects.
    pub url: Url,
    /// Set when every redirect from the requested URL up to this one was
    /// permanent (301, 308): the address to store instead.
    pub moved_to: Option<Url>,
    /// The validators to store for the next fetch.
    pub validators: Validators,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// 304: what was fetched last time is still current.
    NotModified,
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
    },
}
