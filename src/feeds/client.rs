//! The HTTP client, as a well-behaved one: conditional requests, redirects
//! followed by hand (so a permanent one can be reported and a loop caught),
//! `Retry-After` honoured, per-host and total limits, size limits enforced
//! while reading, and `file://` for local feeds.

use super::body::read_body;
use super::error::FetchError;
use super::fetched::{Content, Response, Validators};
use super::limiter::Limiter;
use super::policy::{Policy, Resource};
use super::proxy::ProxySettings;
use super::resolve::{FixedResolver, Resolution};
use super::{http_error, local, retry};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::time::{Instant, SystemTime};
use ureq::http::{header, Response as HttpResponse};
use ureq::unversioned::transport::DefaultConnector;
use ureq::{Agent, Body};
use url::Url;

/// How the client is set up; `Default` is the documented behaviour with
/// the process's proxy variables left out (see [`ProxySettings::from_env`]).
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    pub policy: Policy,
    pub proxy: ProxySettings,
    pub resolution: Resolution,
}

/// Shared by every fetch of a run (it is `Sync`): the limits hold across all.
#[derive(Debug)]
pub struct Client {
    policy: Policy,
    proxy: ProxySettings,
    /// One agent per way out: `None` is direct, `Some(p)` through proxy `p`
    /// (or why that proxy setting is unusable).
    agents: HashMap<Option<String>, Result<Agent, String>>,
    limiter: Limiter,
}

impl Client {
    pub fn new(options: ClientOptions) -> Self {
        let ClientOptions {
            policy,
            proxy,
            resolution,
        } = options;
        let mut agents = HashMap::new();
        agents.insert(None, Ok(agent(&policy, None, &resolution)));
        for p in [&proxy.http, &proxy.https].into_iter().flatten() {
            let built = ureq::Proxy::new(p)
                .map(|px| agent(&policy, Some(px), &resolution))
                .map_err(|e| super::error::one_line(&e.to_string()));
            agents.insert(Some(p.clone()), built);
        }
        Client {
            limiter: Limiter::new(policy.per_host, policy.total),
            policy,
            proxy,
            agents,
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub(crate) fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// Fetches `url`, sending `validators` so an unchanged resource answers
    /// 304. Waits for a place under the limits; gives up when `cancel` is set.
    pub fn get(
        &self,
        url: &Url,
        resource: Resource,
        validators: &Validators,
        cancel: &AtomicBool,
    ) -> Result<Response, FetchError> {
        match url.scheme() {
            "file" => return local::read(url, resource.limit(&self.policy), validators),
            "http" | "https" => {}
            _ => return Err(FetchError::Scheme(url.to_string())),
        }
        let mut attempts = 0;
        loop {
            match self.follow(url, resource, validators, cancel)? {
                Step::Done(response) => return Ok(*response),
                Step::Busy { status, host, wait } => {
                    attempts += 1;
                    if wait > self.policy.max_retry_wait {
                        return Err(FetchError::Busy {
                            status,
                            wait_secs: wait.as_secs(),
                            limit_secs: self.policy.max_retry_wait.as_secs(),
                            retry_at: SystemTime::now() + wait,
                        });
                    }
                    if attempts > self.policy.retries {
                        return Err(FetchError::StillBusy { status, attempts });
                    }
                    // Every request to that host waits, not only this one.
                    self.limiter.defer(&host, Instant::now() + wait);
                }
            }
        }
    }

    /// One attempt: the request and its redirects, within the request timeout.
    fn follow(
        &self,
        start: &Url,
        resource: Resource,
        validators: &Validators,
        cancel: &AtomicBool,
    ) -> Result<Step, FetchError> {
        let mut deadline = Instant::now() + self.policy.request_timeout;
        let mut url = start.clone();
        let mut seen = vec![url.clone()];
        let (mut moved_to, mut all_permanent) = (None, true);
        loop {
            let host = host_key(&url)?;
            // Time spent waiting for a place under the limits is not the
            // server's: it does not count against the request timeout.
            let queued = Instant::now();
            let _permit = self
                .limiter
                .acquire(&host, cancel)
                .ok_or(FetchError::Cancelled)?;
            deadline += queued.elapsed();
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(FetchError::Timeout(self.policy.request_timeout));
            }
            let response = self.send(&url, resource, validators, left)?;
            let status = response.status().as_u16();
            match status {
                200..=203 | 206 => {
                    return self
                        .body(url, moved_to, response, resource)
                        .map(|r| Step::Done(Box::new(r)));
                }
                304 => {
                    let sent = validators.clone();
                    return Ok(Step::Done(Box::new(Response {
                        validators: merge(validators_of(&response), sent),
                        url,
                        moved_to,
                        content: Content::NotModified,
                    })));
                }
                301 | 302 | 303 | 307 | 308 => {
                    let next = location(&response, &url)
                        .ok_or(FetchError::RedirectWithoutLocation(status))?;
                    if next.scheme() != "http" && next.scheme() != "https" {
                        return Err(FetchError::RedirectToFile(next.to_string()));
                    }
                    if seen.contains(&next) {
                        return Err(FetchError::RedirectLoop(next.to_string()));
                    }
                    if seen.len() > self.policy.max_redirects {
                        return Err(FetchError::TooManyRedirects(self.policy.max_redirects));
                    }
                    all_permanent &= matches!(status, 301 | 308);
                    if all_permanent {
                        moved_to = Some(next.clone());
                    }
                    seen.push(next.clone());
                    url = next;
                }
                429 | 503 => {
                    let wait = response
                        .headers()
                        .get(header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::retry_after(v, SystemTime::now()));
                    return match wait {
                        Some(wait) => Ok(Step::Busy { status, host, wait }),
                        None => Err(FetchError::Status { status }),
                    };
                }
                _ => return Err(FetchError::Status { status }),
            }
        }
    }

    fn send(
        &self,
        url: &Url,
        resource: Resource,
        validators: &Validators,
        left: std::time::Duration,
    ) -> Result<HttpResponse<Body>, FetchError> {
        let way = self.proxy.for_url(url).map(str::to_string);
        let agent = match self.agents.get(&way) {
            Some(Ok(agent)) => agent,
            Some(Err(reason)) => {
                return Err(FetchError::Proxy {
                    proxy: way.unwrap_or_default(),
                    reason: reason.clone(),
                })
            }
            None => return Err(FetchError::Network("no way out configured".into())),
        };
        let mut request = agent
            .get(url.as_str())
            .header(header::ACCEPT, resource.accept())
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br");
        if let Some(etag) = validators.etag.as_deref().filter(|v| header_safe(v)) {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = validators
            .last_modified
            .as_deref()
            .filter(|v| header_safe(v))
        {
            request = request.header(header::IF_MODIFIED_SINCE, date);
        }
        request
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| http_error::from_ureq(e, url, way.as_deref(), &self.policy))
    }

    fn body(
        &self,
        url: Url,
        moved_to: Option<Url>,
        response: HttpResponse<Body>,
        resource: Resource,
    ) -> Result<Response, FetchError> {
        let validators = validators_of(&response);
        let headers = response.headers();
        let content_type = text_header(headers, header::CONTENT_TYPE);
        let encoding = text_header(headers, header::CONTENT_ENCODING);
        let reader = response.into_body().into_reader();
        let io_error = |e| http_error::from_io(e, &url, &self.policy);
        let bytes = read_body(
            reader,
            encoding.as_deref(),
            resource.limit(&self.policy),
            &io_error,
        )?;
        Ok(Response {
            url,
            moved_to,
            validators,
            content: Content::Body {
                bytes,
                content_type,
            },
        })
    }
}

enum Step {
    Done(Box<Response>),
    Busy {
        status: u16,
        host: String,
        wait: std::time::Duration,
    },
}

fn agent(policy: &Policy, proxy: Option<ureq::Proxy>, resolution: &Resolution) -> Agent {
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(policy.connect_timeout))
        .timeout_resolve(Some(policy.connect_timeout))
        .user_agent(policy.user_agent.as_str())
        .max_idle_connections_per_host(policy.per_host)
        .proxy(proxy)
        .build();
    match resolution {
        Resolution::System => Agent::new_with_config(config),
        Resolution::Fixed(map) => Agent::with_parts(
            config,
            DefaultConnector::default(),
            FixedResolver(map.clone()),
        ),
    }
}

/// `name:port`, the unit the per-host limit counts.
pub(crate) fn host_key(url: &Url) -> Result<String, FetchError> {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) if !host.is_empty() => Ok(format!("{host}:{port}")),
        _ => Err(FetchError::BadUrl(url.to_string())),
    }
}

fn location(response: &HttpResponse<Body>, base: &Url) -> Option<Url> {
    let raw = response.headers().get(header::LOCATION)?;
    base.join(String::from_utf8_lossy(raw.as_bytes()).trim())
        .ok()
}

fn validators_of(response: &HttpResponse<Body>) -> Validators {
    Validators {
        etag: text_header(response.headers(), header::ETAG),
        last_modified: text_header(response.headers(), header::LAST_MODIFIED),
    }
}

/// A 304 may leave out validators it does not change.
fn merge(new: Validators, old: Validators) -> Validators {
    Validators {
        etag: new.etag.or(old.etag),
        last_modified: new.last_modified.or(old.last_modified),
    }
}

fn text_header(headers: &ureq::http::HeaderMap, name: header::HeaderName) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A stored validator goes back only if it is a valid header value.
fn header_safe(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}
