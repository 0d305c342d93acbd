//! Which proxy a URL goes through, from the usual environment variables:
//! `http_proxy` for http URLs, `https_proxy` for https ones, `all_proxy` for
//! either when its own is unset (lower case first, then upper case, as curl
//! and wget read them), and `no_proxy` for the hosts that go direct.
//!
//! `no_proxy` is a list separated by commas or spaces: `*` (everything), a
//! domain (`example.com`, `.example.com` or `*.example.com`: the domain and
//! every name under it), `host:port` (that port only), an IP address, or an
//! IP network (`10.0.0.0/8`, `fd00::/8`).

use std::net::IpAddr;
use url::Url;

/// The proxy settings, read once; plain data so tests can build them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxySettings {
    pub http: Option<String>,
    pub https: Option<String>,
    pub no_proxy: Vec<String>,
}

impl ProxySettings {
    /// From the process environment.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// From any variable lookup (the environment, or a map in tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| {
            [name.to_string(), name.to_ascii_uppercase()]
                .iter()
                .find_map(|n| var(n).filter(|v| !v.trim().is_empty()))
                .map(|v| v.trim().to_string())
        };
        let all = get("all_proxy");
        ProxySettings {
            http: get("http_proxy").or_else(|| all.clone()),
            https: get("https_proxy").or(all),
            no_proxy: get("no_proxy")
                .map(|list| {
                    list.split([',', ' ', '\t'])
                        .map(|s| s.trim().to_ascii_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The proxy to use for `url`, or `None` to go direct.
    pub fn for_url(&self, url: &Url) -> Option<&str> {
        let proxy = match url.scheme() {
            "http" => self.http.as_deref(),
            "https" => self.https.as_deref(),
            _ => None,
        }?;
        let host = url.host_str()?;
        let port = url.port_or_known_default();
        let bypass = self.no_proxy.iter().any(|entry| matches(entry, host, port));
        (!bypass).then_some(proxy)
    }
}

/// Whether one `no_proxy` entry covers `host` (as `Url::host_str` gives it:
/// lower case, IPv6 in brackets) on `port`.
fn matches(entry: &str, host: &str, port: Option<u16>) -> bool {
    if entry == "*" {
        return true;
    }
    let bare_host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare_host.parse::<IpAddr>() {
        if let Some((net, bits)) = entry.split_once('/') {
            return in_network(ip, net, bits);
        }
    }
    let (name, entry_port) = split_port(entry);
    if entry_port.is_some_and(|p| Some(p) != port) {
        return false;
    }
    let name = name.trim_start_matches("*.").trim_start_matches('.');
    let name = name.trim_start_matches('[').trim_end_matches(']');
    if name.is_empty() {
        return false;
    }
    bare_host == name
        || bare_host
            .strip_suffix(name)
            .is_some_and(|rest| rest.ends_with('.') && name.parse::<IpAddr>().is_err())
}

/// `host:port` → (host, Some(port)); `[v6]:port` too; a bare IPv6 address
/// has no port.
fn split_port(entry: &str) -> (&str, Option<u16>) {
    if entry.parse::<IpAddr>().is_ok() {
        return (entry, None);
    }
    match entry.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() => match port.parse() {
            Ok(p) => (name, Some(p)),
            Err(_) => (entry, None),
        },
        _ => (entry, None),
    }
}

fn in_network(ip: IpAddr, net: &str, bits: &str) -> bool {
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> ProxySettings {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxySettings::from_vars(|name| map.get(name).cloned())
    }

    fn via<'a>(s: &'a ProxySettings, url: &str) -> Option<&'a str> {
        s.for_url(&Url::parse(url).unwrap())
    }

    #[test]
    fn each_scheme_has_its_own_variable() {
        let s = settings(&[
            ("HTTP_PROXY", "http://p1:3128"),
            ("https_proxy", "http://p2:3128"),
        ]);
        assert_eq!(via(&s, "http://news.example/rss"), Some("http://p1:3128"));
        assert_eq!(via(&s, "https://news.example/rss"), Some("http://p2:3128"));
        assert_eq!(via(&s, "file:///tmp/feed.xml"), None);
        let only_https = settings(&[("HTTPS_PROXY", "http://p2:3128")]);
        assert_eq!(via(&only_https, "http://news.example/rss"), None);
        let all = settings(&[("ALL_PROXY", "http://p3:1"), ("http_proxy", "http://p1:1")]);
        assert_eq!(via(&all, "http://a/"), Some("http://p1:1"));
        assert_eq!(via(&all, "https://a/"), Some("http://p3:1"));
        // Lower case is read first; an empty value is unset.
        let both = settings(&[
            ("http_proxy", "http://lower:1"),
            ("HTTP_PROXY", "http://upper:1"),
        ]);
        assert_eq!(via(&both, "http://a/"), Some("http://lower:1"));
        let empty = settings(&[("http_proxy", " "), ("HTTP_PROXY", "http://upper:1")]);
        assert_eq!(via(&empty, "http://a/"), Some("http://upper:1"));
    }

    #[test]
    fn no_proxy_entries() {
        let s = settings(&[
            ("http_proxy", "http://p:1"),
            ("NO_PROXY", "localhost, .internal.example,*.corp.example mirror.example:8080 10.0.0.0/8,::1,[fd00::1]:80"),
        ]);
        for direct in [
            "http://localhost/",
            "http://LOCALHOST:9999/",
            "http://feeds.internal.example/",
            "http://internal.example/",
            "http://a.b.corp.example/",
            "http://mirror.example:8080/",
            "http://10.20.30.40/",
            "http://[::1]:8080/",
            "http://[fd00::1]/",
        ] {
            assert_eq!(via(&s, direct), None, "{direct}");
        }
        for proxied in [
            "http://example.com/",
            "http://notinternal.example/",
            "http://mirror.example/",
            "http://11.0.0.1/",
            "http://[fd00::1]:81/",
            "http://localhost.evil.example/",
        ] {
            assert_eq!(via(&s, proxied), Some("http://p:1"), "{proxied}");
        }
        let star = settings(&[("http_proxy", "http://p:1"), ("no_proxy", "*")]);
        assert_eq!(via(&star, "http://anything/"), None);
    }
}
