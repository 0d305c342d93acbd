//! ureq's errors (and the I/O errors of a body being read) in the words of
//! [`FetchError`].

use super::error::{one_line, FetchError};
use super::policy::Policy;
use std::io;
use url::Url;

/// An error of a request to `url`, sent through `proxy` if any.
pub fn from_ureq(e: ureq::Error, url: &Url, proxy: Option<&str>, policy: &Policy) -> FetchError {
    let host = || url.host_str().unwrap_or("").to_string();
    let host_port = || match url.port() {
        Some(port) => format!("{}:{port}", host()),
        None => host(),
    };
    match e {
        ureq::Error::HostNotFound => match proxy {
            Some(p) => FetchError::Proxy {
                proxy: p.to_string(),
                reason: "unknown host".into(),
            },
            None => FetchError::UnknownHost(host()),
        },
        ureq::Error::Timeout(kind) => match kind {
            ureq::Timeout::Resolve | ureq::Timeout::Connect => FetchError::ConnectTimeout {
                host: host(),
                after: policy.connect_timeout,
            },
            _ => FetchError::Timeout(policy.request_timeout),
        },
        ureq::Error::ConnectProxyFailed(reason) => FetchError::Proxy {
            proxy: proxy.unwrap_or("").to_string(),
            reason: one_line(&reason),
        },
        ureq::Error::InvalidProxyUrl => FetchError::Proxy {
            proxy: proxy.unwrap_or("").to_string(),
            reason: "not a valid proxy address".into(),
        },
        ureq::Error::BadUri(reason) => FetchError::BadUrl(one_line(&format!("{url}: {reason}"))),
        ureq::Error::Tls(reason) => FetchError::Tls(reason.to_string()),
        ureq::Error::Rustls(e) => FetchError::Tls(one_line(&e.to_string())),
        ureq::Error::Io(io) => match io.kind() {
            io::ErrorKind::ConnectionRefused => match proxy {
                Some(p) => FetchError::Proxy {
                    proxy: p.to_string(),
                    reason: "connection refused".into(),
                },
                None => FetchError::Refused(host_port()),
            },
            // `call` returns once the headers are in: an end before is no answer.
            io::ErrorKind::UnexpectedEof => FetchError::NoAnswer,
            _ => from_io(io, url, policy),
        },
        ureq::Error::Protocol(e) => {
            FetchError::Network(one_line(&format!("not a valid HTTP answer ({e})")))
        }
        ureq::Error::LargeResponseHeader(..) => {
            FetchError::Network("the answer's headers are too large".into())
        }
        other => FetchError::Network(one_line(&other.to_string())),
    }
}

/// An I/O error while reading a body (ureq hands its own errors through
/// `io::Error`).
pub fn from_io(e: io::Error, url: &Url, policy: &Policy) -> FetchError {
    if e.get_ref().is_some_and(|inner| inner.is::<ureq::Error>()) {
        return match e.into_inner().map(|b| b.downcast::<ureq::Error>()) {
            Some(Ok(inner)) => match from_ureq(*inner, url, None, policy) {
                // While a body is read, an early end cuts it short.
                FetchError::NoAnswer => FetchError::Truncated,
                other => other,
            },
            _ => FetchError::Network("reading failed".into()),
        };
    }
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            FetchError::Timeout(policy.request_timeout)
        }
        io::ErrorKind::UnexpectedEof => FetchError::Truncated,
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            FetchError::Network("the connection was reset".into())
        }
        _ => FetchError::Network(one_line(&e.to_string())),
    }
}
