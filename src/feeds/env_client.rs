//! The HTTP client of a `feed add` or `fetch` run, and of the reader's
//! fetch: the default politeness
//! policy, the proxies of the environment, the system's resolver; the
//! resolver and the timeouts can be overridden from the environment.

use super::{Client, ClientOptions, Policy, ProxySettings, Resolution};
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

/// Names resolved only through a fixed table, as `name=ip,name=ip` (as
/// curl's `--resolve`): a name not listed does not exist. For tests and
/// for pinning hosts; unset, the system's resolver is used.
const RESOLVE_ENV: &str = "SAHIFA_RESOLVE";
/// `CONNECT,REQUEST` timeouts in seconds, instead of 10 and 30.
const TIMEOUTS_ENV: &str = "SAHIFA_FETCH_TIMEOUTS";

/// The one HTTP client of a run: the default policy, the proxies of the
/// environment, the system's resolver (each overridable as above).
pub fn client_from_env() -> Client {
    let mut policy = Policy::default();
    if let Some((connect, request)) = std::env::var(TIMEOUTS_ENV)
        .ok()
        .as_deref()
        .and_then(timeouts)
    {
        policy.connect_timeout = connect;
        policy.request_timeout = request;
    }
    let resolution = match std::env::var(RESOLVE_ENV) {
        Ok(table) => Resolution::Fixed(resolve_table(&table)),
        Err(_) => Resolution::System,
    };
    Client::new(ClientOptions {
        policy,
        proxy: ProxySettings::from_env(),
        resolution,
    })
}

fn timeouts(value: &str) -> Option<(Duration, Duration)> {
    let (connect, request) = value.split_once(',')?;
    let secs = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| *v > 0.0 && *v < 1e6)
            .map(Duration::from_secs_f64)
    };
    Some((secs(connect)?, secs(request)?))
}

fn resolve_table(table: &str) -> HashMap<String, IpAddr> {
    table
        .split(',')
        .filter_map(|pair| {
            let (name, ip) = pair.split_once('=')?;
            Some((name.trim().to_ascii_lowercase(), ip.trim().parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_are_read() {
        assert_eq!(
            timeouts("0.5, 2"),
            Some((Duration::from_millis(500), Duration::from_secs(2)))
        );
        assert_eq!(timeouts("5"), None);
        assert_eq!(timeouts("-1,3"), None);
        let table = resolve_table("Feeds.Test=127.0.0.1, bad, x=not-an-ip");
        assert_eq!(table.len(), 1);
        assert_eq!(table["feeds.test"], IpAddr::from([127, 0, 0, 1]));
    }
}
