//! What can go wrong while fetching and reading a feed, each in one line
//! written for the user (`sahifa fetch` prints it next to the feed's name).

use std::time::{Duration, SystemTime};

/// A failure to get the bytes of a feed or page.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not a valid address: {0}")]
    BadUrl(String),
    #[error("cannot fetch {0}: addresses must be http, https or file")]
    Scheme(String),
    #[error("unknown host {0}")]
    UnknownHost(String),
    #[error("connection refused by {0}")]
    Refused(String),
    #[error("could not connect to {host} within {}", span(*.after))]
    ConnectTimeout { host: String, after: Duration },
    #[error("no complete answer within {}", span(*.0))]
    Timeout(Duration),
    #[error("HTTP {status}{}", reason_suffix(*.status))]
    Status { status: u16 },
    #[error("the server is busy (HTTP {status}) and asks to wait {}, more than the {} allowed", seconds(*.wait_secs), seconds(*.limit_secs))]
    Busy {
        status: u16,
        wait_secs: u64,
        limit_secs: u64,
        /// When the server said to come back; a store can skip the feed until then.
        retry_at: SystemTime,
    },
    #[error("the server is still busy (HTTP {status}) after {attempts} attempts")]
    StillBusy { status: u16, attempts: u32 },
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("redirect loop: {0} again")]
    RedirectLoop(String),
    #[error("HTTP {0} redirect without a Location")]
    RedirectWithoutLocation(u16),
    #[error("redirect to a local file refused: {0}")]
    RedirectToFile(String),
    #[error("larger than {} MB; stopped reading there", .limit / (1024 * 1024))]
    TooLarge { limit: u64 },
    #[error("unsupported Content-Encoding «{0}»")]
    UnknownEncoding(String),
    #[error("damaged {encoding} data: {reason}")]
    Decompress {
        encoding: &'static str,
        reason: String,
    },
    #[error("the server closed the connection without answering")]
    NoAnswer,
    #[error("the connection closed before the whole answer arrived")]
    Truncated,
    #[error("TLS: {0}")]
    Tls(String),
    #[error("proxy {proxy}: {reason}")]
    Proxy { proxy: String, reason: String },
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error("network: {0}")]
    Network(String),
    #[error("cancelled")]
    Cancelled,
}

/// A failure to read the bytes as a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("empty document")]
    Empty,
    #[error("a web page, not a feed, and it names no feed")]
    HtmlPage,
    #[error("a web page, not a feed; it names {}", feed_list(.0))]
    HtmlPageWithFeeds(Vec<String>),
    #[error("broken XML: {0}")]
    Xml(String),
    #[error("broken JSON Feed: {0}")]
    Json(String),
    #[error("not a feed: no RSS, Atom, RDF or JSON Feed in it")]
    NotAFeed,
}

/// Why one feed of a fetch gave nothing: either half, in one line.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A bug met on this feed's bytes (a parser panicked); the others go on.
    #[error("sahifa failed on this feed ({0}); please report it")]
    Crashed(String),
}

impl FeedError {
    /// The message on one line, whatever a library put in it.
    pub fn one_line(&self) -> String {
        one_line(&self.to_string())
    }
}

/// Joins the lines of a message from a library into one.
pub(crate) fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn feed_list(urls: &[String]) -> String {
    match urls {
        [one] => format!("a feed: {one}"),
        _ => format!("{} feeds: {}", urls.len(), urls.join(", ")),
    }
}

fn reason_suffix(status: u16) -> String {
    let reason = match status {
        400 => "bad request",
        401 => "login required",
        403 => "forbidden",
        404 => "not found",
        410 => "gone",
        429 => "too many requests",
        500 => "server error",
        502 => "bad gateway",
        503 => "service unavailable",
        504 => "gateway timeout",
        _ => return String::new(),
    };
    format!(" ({reason})")
}

fn span(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        seconds(d.as_secs())
    }
}

fn seconds(secs: u64) -> String {
    match secs {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s => format!("{} h", s / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_one_line() {
        assert_eq!(
            FetchError::Status { status: 404 }.to_string(),
            "HTTP 404 (not found)"
        );
        assert_eq!(FetchError::Status { status: 418 }.to_string(), "HTTP 418");
        assert_eq!(
            FetchError::TooLarge {
                limit: 10 * 1024 * 1024
            }
            .to_string(),
            "larger than 10 MB; stopped reading there"
        );
        let busy = FetchError::Busy {
            status: 503,
            wait_secs: 3600,
            limit_secs: 60,
            retry_at: SystemTime::UNIX_EPOCH,
        };
        assert_eq!(
            busy.to_string(),
            "the server is busy (HTTP 503) and asks to wait 60 min, more than the 60 s allowed"
        );
        let page = ParseError::HtmlPageWithFeeds(vec!["http://a/rss".into()]);
        assert_eq!(
            page.to_string(),
            "a web page, not a feed; it names a feed: http://a/rss"
        );
        let xml = FeedError::Parse(ParseError::Xml("bad\n  thing\r\nhere".into()));
        assert_eq!(xml.one_line(), "broken XML: bad thing here");
    }
}
