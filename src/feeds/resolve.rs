//! How host names become addresses: the system's resolver, or a fixed table
//! (as curl's `--resolve`) in which a name that is not listed does not
//! exist. Tests use the table so that nothing, not even a DNS query for a
//! name that should fail, leaves 127.0.0.1.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// Where addresses come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Resolution {
    /// The operating system's resolver (DNS, `/etc/hosts`).
    #[default]
    System,
    /// Only these names (lower case); IP addresses are taken as they are.
    Fixed(HashMap<String, IpAddr>),
}

/// The fixed table as ureq's resolver.
#[derive(Debug)]
pub(crate) struct FixedResolver(pub HashMap<String, IpAddr>);

impl Resolver for FixedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let authority = uri.authority().ok_or(ureq::Error::HostNotFound)?;
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let port = authority.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        let ip = match host.parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => *self
                .0
                .get(&host.to_ascii_lowercase())
                .ok_or(ureq::Error::HostNotFound)?,
        };
        let mut addrs = self.empty();
        addrs.push(SocketAddr::new(ip, port));
        Ok(addrs)
    }
}
