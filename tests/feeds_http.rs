//! The HTTP client against a loopback server: conditional requests,
//! compression, redirects, `Retry-After`, proxies, `file://`, and every
//! fault a fetch must survive, each ending in one clear line. Nothing here
//! reaches past 127.0.0.1: names resolve through a fixed table.

#[path = "support/feed_server.rs"]
mod feed_server;

use feed_server::{brotli_stored, gzip, Body, Reply, Server};
use sahifa::feeds::{
    Client, ClientOptions, Content, FetchError, Policy, ProxySettings, Resolution, Resource,
    Validators,
};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use url::Url;

const RSS: &str =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>أخبار</title></channel></rss>";

fn policy() -> Policy {
    Policy {
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        max_retry_wait: Duration::from_secs(5),
        ..Policy::default()
    }
}

/// Names the tests use; anything else "does not exist".
fn hosts(names: &[&str]) -> Resolution {
    let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
    Resolution::Fixed(
        names
            .iter()
            .map(|n| (n.to_string(), local))
            .collect::<HashMap<_, _>>(),
    )
}

fn client() -> Client {
    Client::new(ClientOptions {
        policy: policy(),
        proxy: ProxySettings::default(),
        resolution: hosts(&["feeds.test"]),
    })
}

fn get(
    client: &Client,
    url: &str,
    validators: &Validators,
) -> Result<sahifa::feeds::Response, FetchError> {
    client.get(
        &Url::parse(url).unwrap(),
        Resource::Feed,
        validators,
        &AtomicBool::new(false),
    )
}

fn body(response: sahifa::feeds::Response) -> Vec<u8> {
    match response.content {
        Content::Body { bytes, .. } => bytes,
        Content::NotModified => panic!("expected a body, got 304"),
    }
}

fn error(url: &str) -> String {
    get(&client(), url, &Validators::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn etag_and_last_modified_make_the_second_fetch_a_304() {
    let server = Server::start();
    server.resource("/feed.xml", "application/rss+xml", RSS);
    let c = client();
    let first = get(&c, &server.url("/feed.xml"), &Validators::default()).unwrap();
    let stored = first.validators.clone();
    assert!(
        stored.etag.is_some() && stored.last_modified.is_some(),
        "{stored:?}"
    );
    assert_eq!(body(first), RSS.as_bytes());
    let second = get(&c, &server.url("/feed.xml"), &stored).unwrap();
    assert_eq!(second.content, Content::NotModified);
    assert_eq!(second.validators, stored, "kept across the 304");
    let hits = server.hits("/feed.xml");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].header("if-none-match"), None);
    assert_eq!(hits[1].header("if-none-match"), stored.etag.as_deref());
    assert_eq!(
        hits[1].header("if-modified-since"),
        stored.last_modified.as_deref()
    );

    // A server that only knows dates.
    let modified = "Mon, 13 May 2024 10:00:00 GMT";
    server.route("/dated.xml", move |req| {
        if req.header("if-modified-since") == Some(modified) {
            Reply::status(304)
        } else {
            Reply::ok("text/xml", RSS).header("Last-Modified", modified)
        }
    });
    let first = get(&c, &server.url("/dated.xml"), &Validators::default()).unwrap();
    assert_eq!(first.validators.etag, None);
    assert_eq!(first.validators.last_modified.as_deref(), Some(modified));
    let second = get(&c, &server.url("/dated.xml"), &first.validators).unwrap();
    assert_eq!(second.content, Content::NotModified);
}

#[test]
fn requests_say_who_they_are_and_what_they_accept() {
    let server = Server::start();
    server.plain("/feed.xml", "text/xml", RSS);
    get(&client(), &server.url("/feed.xml"), &Validators::default()).unwrap();
    let req = &server.hits("/feed.xml")[0];
    assert_eq!(
        req.header("user-agent"),
        Some(format!("sahifa/{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    assert_eq!(req.header("accept-encoding"), Some("gzip, deflate, br"));
    assert!(req
        .header("accept")
        .unwrap()
        .starts_with("application/rss+xml, application/atom+xml"));
    // A stored validator that is not a valid header value is not sent.
    let odd = Validators {
        etag: Some("\"a\nb\"".into()),
        last_modified: None,
    };
    get(&client(), &server.url("/feed.xml"), &odd).unwrap();
    assert_eq!(server.hits("/feed.xml")[1].header("if-none-match"), None);
}

#[test]
fn gzip_deflate_and_brotli_bodies() {
    let server = Server::start();
    let text = RSS.repeat(40);
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(text.as_bytes()).unwrap();
    let zlib = zlib.finish().unwrap();
    for (path, coding, bytes) in [
        ("/gz", "gzip", gzip(text.as_bytes())),
        ("/deflate", "deflate", zlib),
        ("/br", "br", brotli_stored(text.as_bytes())),
    ] {
        let bytes = bytes.clone();
        server.route(path, move |_| {
            Reply::ok("text/xml", bytes.clone()).header("Content-Encoding", coding)
        });
        let got = body(get(&client(), &server.url(path), &Validators::default()).unwrap());
        assert_eq!(got, text.as_bytes(), "{coding}");
    }
    server.route("/zstd", |_| {
        Reply::ok("text/xml", "x").header("Content-Encoding", "zstd")
    });
    assert_eq!(
        error(&server.url("/zstd")),
        "unsupported Content-Encoding «zstd»"
    );
}

#[test]
fn redirects_are_followed_and_permanent_ones_reported() {
    let server = Server::start();
    server.plain("/new.xml", "text/xml", RSS);
    server.route("/moved", |_| Reply::redirect(301, "/new.xml"));
    server.route("/moved-to-temp", |_| Reply::redirect(308, "/temp"));
    server.route("/temp", |_| Reply::redirect(302, "new.xml"));
    let c = client();
    let moved = get(&c, &server.url("/moved"), &Validators::default()).unwrap();
    assert_eq!(moved.url.as_str(), server.url("/new.xml"));
    assert_eq!(
        moved.moved_to.as_ref().map(Url::as_str),
        Some(server.url("/new.xml").as_str())
    );
    let temp = get(&c, &server.url("/temp"), &Validators::default()).unwrap();
    assert_eq!(
        (temp.url.as_str(), temp.moved_to),
        (server.url("/new.xml").as_str(), None)
    );
    // Permanent up to a temporary one: the address to keep is the 308's target.
    let mixed = get(&c, &server.url("/moved-to-temp"), &Validators::default()).unwrap();
    assert_eq!(
        mixed.moved_to.as_ref().map(Url::as_str),
        Some(server.url("/temp").as_str())
    );

    // Five redirects are fine, the sixth is one too many.
    for i in 0..6 {
        let next = format!("/hop{}", i + 1);
        server.route(&format!("/hop{i}"), move |_| Reply::redirect(302, &next));
    }
    server.plain("/hop5", "text/xml", RSS);
    assert!(get(&c, &server.url("/hop0"), &Validators::default()).is_ok());
    server.route("/hop5", |_| Reply::redirect(302, "/hop6"));
    server.plain("/hop6", "text/xml", RSS);
    assert_eq!(error(&server.url("/hop0")), "more than 5 redirects");

    server.route("/loop-a", |_| Reply::redirect(302, "/loop-b"));
    server.route("/loop-b", |_| Reply::redirect(301, "/loop-a"));
    assert_eq!(
        error(&server.url("/loop-a")),
        format!("redirect loop: {} again", server.url("/loop-a"))
    );
    server.route("/nowhere", |_| Reply::status(302));
    assert_eq!(
        error(&server.url("/nowhere")),
        "HTTP 302 redirect without a Location"
    );
    server.route("/to-file", |_| Reply::redirect(302, "file:///etc/passwd"));
    assert_eq!(
        error(&server.url("/to-file")),
        "redirect to a local file refused: file:///etc/passwd"
    );
}

#[test]
fn unreachable_servers() {
    assert_eq!(
        error("http://nowhere.test/feed.xml"),
        "unknown host nowhere.test"
    );
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    assert_eq!(
        error(&format!("http://127.0.0.1:{port}/rss")),
        format!("connection refused by 127.0.0.1:{port}")
    );
    assert_eq!(
        error("gopher://feeds.test/"),
        "cannot fetch gopher://feeds.test/: addresses must be http, https or file"
    );
}

#[test]
fn a_host_that_never_accepts_is_a_connect_timeout() {
    let (listener, _queued) = feed_server::unanswering_port();
    let port = listener.local_addr().unwrap().port();
    let start = Instant::now();
    assert_eq!(
        error(&format!("http://feeds.test:{port}/rss")),
        "could not connect to feeds.test within 1 s"
    );
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(2),
        "{took:?}"
    );
}

#[test]
fn statuses_are_named() {
    let server = Server::start();
    server.route("/gone", |_| Reply::status(404));
    server.route("/broken", |_| Reply::status(500).body("Traceback…"));
    server.route("/odd", |_| Reply::status(418));
    assert_eq!(error(&server.url("/gone")), "HTTP 404 (not found)");
    assert_eq!(error(&server.url("/broken")), "HTTP 500 (server error)");
    assert_eq!(error(&server.url("/odd")), "HTTP 418");
}

#[test]
fn silence_and_dripping_end_at_the_request_timeout() {
    let server = Server::start();
    server.route("/silent", |_| Reply::status(200).with(Body::Hang));
    server.route("/drip", |_| {
        Reply::ok("text/xml", "").with(Body::Drip {
            bytes: RSS.as_bytes().to_vec(),
            every: Duration::from_secs(1),
        })
    });
    for path in ["/silent", "/drip"] {
        let start = Instant::now();
        assert_eq!(
            error(&server.url(path)),
            "no complete answer within 2 s",
            "{path}"
        );
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(1900) && took < Duration::from_secs(5),
            "{path}: {took:?}"
        );
    }
}

#[test]
fn huge_bodies_and_gzip_bombs_stop_at_the_limit() {
    let server = Server::start();
    server.route("/huge", |_| {
        // 50 MB, made as it is sent.
        Reply::status(200).streamed(Some(50 << 20), std::io::repeat(b'x').take(50 << 20))
    });
    server.route("/huge-chunkless", |_| {
        Reply::status(200).streamed(None, std::io::repeat(b'x').take(50 << 20))
    });
    server.route("/bomb", |_| {
        // A terabyte of zeros, compressed as it is sent.
        let zeros = std::io::repeat(0).take(1 << 40);
        let bomb = flate2::read::GzEncoder::new(zeros, flate2::Compression::fast());
        Reply::status(200)
            .header("Content-Encoding", "gzip")
            .streamed(None, bomb)
    });
    for path in ["/huge", "/huge-chunkless", "/bomb"] {
        let start = Instant::now();
        assert_eq!(
            error(&server.url(path)),
            "larger than 10 MB; stopped reading there",
            "{path}"
        );
        // Stopping is the point; the bound only says it did not read on.
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{path}: {:?}",
            start.elapsed()
        );
    }
    // Pages have their own, smaller limit.
    server.route("/page", |_| Reply::ok("text/html", vec![b'p'; 6 << 20]));
    let c = client();
    let page = c.get(
        &Url::parse(&server.url("/page")).unwrap(),
        Resource::Page,
        &Validators::default(),
        &AtomicBool::new(false),
    );
    assert_eq!(
        page.unwrap_err().to_string(),
        "larger than 5 MB; stopped reading there"
    );
    let feed = get(&c, &server.url("/page"), &Validators::default()).unwrap();
    assert_eq!(body(feed).len(), 6 << 20, "6 MB is fine for a feed");
}

#[test]
fn cut_connections() {
    let server = Server::start();
    server.route("/close", |_| Reply::status(200).with(Body::Close));
    server.route("/short", |_| {
        Reply::status(200).streamed(Some(10_000), &b"<rss>only the start"[..])
    });
    assert_eq!(
        error(&server.url("/close")),
        "the server closed the connection without answering"
    );
    assert_eq!(
        error(&server.url("/short")),
        "the connection closed before the whole answer arrived"
    );
}

#[test]
fn retry_after_is_waited_for() {
    let server = Server::start();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = calls.clone();
    server.route("/busy-once", move |_| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Reply::status(503).header("Retry-After", "1")
        } else {
            Reply::ok("text/xml", RSS)
        }
    });
    let start = Instant::now();
    let got = get(&client(), &server.url("/busy-once"), &Validators::default()).unwrap();
    assert_eq!(body(got), RSS.as_bytes());
    let hits = server.hits("/busy-once");
    assert_eq!(hits.len(), 2);
    let waited = hits[1].at - hits[0].at;
    assert!(
        waited >= Duration::from_secs(1),
        "asked to wait 1 s, came back after {waited:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));

    // As an HTTP date, with 429.
    let date_calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = date_calls.clone();
    server.route("/slow-down", move |_| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            let at = chrono::Utc::now() + chrono::Duration::seconds(2);
            Reply::status(429).header(
                "Retry-After",
                &at.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            )
        } else {
            Reply::ok("text/xml", RSS)
        }
    });
    assert!(get(&client(), &server.url("/slow-down"), &Validators::default()).is_ok());
    let hits = server.hits("/slow-down");
    assert!(
        hits[1].at - hits[0].at >= Duration::from_millis(900),
        "{:?}",
        hits[1].at - hits[0].at
    );
}

#[test]
fn retry_after_is_bounded() {
    let server = Server::start();
    server.route("/away", |_| {
        Reply::status(503).header("Retry-After", "3600")
    });
    let start = Instant::now();
    match get(&client(), &server.url("/away"), &Validators::default()).unwrap_err() {
        e @ FetchError::Busy { .. } => assert_eq!(
            e.to_string(),
            "the server is busy (HTTP 503) and asks to wait 60 min, more than the 5 s allowed"
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "no waiting for an hour"
    );
    server.route("/always", |_| Reply::status(429).header("Retry-After", "0"));
    assert_eq!(
        error(&server.url("/always")),
        "the server is still busy (HTTP 429) after 3 attempts"
    );
    assert_eq!(
        server.hits("/always").len(),
        3,
        "the first try and two retries"
    );
    server.route("/no-hint", |_| Reply::status(503));
    assert_eq!(
        error(&server.url("/no-hint")),
        "HTTP 503 (service unavailable)"
    );
    assert_eq!(
        server.hits("/no-hint").len(),
        1,
        "no hammering without a Retry-After"
    );
}

#[test]
fn proxies_and_no_proxy() {
    let target = Server::start();
    target.plain("/feed.xml", "text/xml", RSS);
    let proxy = Server::start();
    proxy.proxy_host("feeds.test", target.addr);
    let url = format!("http://feeds.test:{}/feed.xml", target.addr.port());
    let through = |settings: ProxySettings, resolution: Resolution| {
        Client::new(ClientOptions {
            policy: policy(),
            proxy: settings,
            resolution,
        })
    };
    let vars = |pairs: &[(&str, &str)]| {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxySettings::from_vars(|k| map.get(k).cloned())
    };
    // The client cannot resolve feeds.test itself: only the proxy can.
    let proxied = through(vars(&[("HTTP_PROXY", &proxy.base())]), hosts(&[]));
    assert_eq!(
        body(get(&proxied, &url, &Validators::default()).unwrap()),
        RSS.as_bytes()
    );
    let connects: Vec<_> = proxy
        .log()
        .into_iter()
        .filter(|r| r.method == "CONNECT")
        .collect();
    assert_eq!(connects.len(), 1);
    assert_eq!(
        connects[0].target,
        format!("feeds.test:{}", target.addr.port())
    );
    assert_eq!(target.hits("/feed.xml").len(), 1);

    // NO_PROXY sends it direct.
    let direct = through(
        vars(&[
            ("http_proxy", &proxy.base()),
            ("no_proxy", "localhost,.test"),
        ]),
        hosts(&["feeds.test"]),
    );
    get(&direct, &url, &Validators::default()).unwrap();
    assert_eq!(proxy.log().len(), 1, "the proxy saw nothing more");
    assert_eq!(target.hits("/feed.xml").len(), 2);

    // An https proxy is not used for http.
    let https_only = through(
        vars(&[("HTTPS_PROXY", &proxy.base())]),
        hosts(&["feeds.test"]),
    );
    get(&https_only, &url, &Validators::default()).unwrap();
    assert_eq!(proxy.log().len(), 1);

    // A proxy that is not there is named in the error.
    let dead = through(vars(&[("http_proxy", "http://127.0.0.1:9")]), hosts(&[]));
    let err = get(&dead, &url, &Validators::default())
        .unwrap_err()
        .to_string();
    assert_eq!(err, "proxy http://127.0.0.1:9: connection refused");
}

#[test]
fn local_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("محلي.xml");
    std::fs::write(&path, RSS).unwrap();
    let url = Url::from_file_path(&path).unwrap();
    let c = client();
    let first = get(&c, url.as_str(), &Validators::default()).unwrap();
    let stored = first.validators.clone();
    assert_eq!(body(first), RSS.as_bytes());
    assert_eq!(
        get(&c, url.as_str(), &stored).unwrap().content,
        Content::NotModified
    );
    std::fs::write(&path, RSS.replace("أخبار", "أخبار اليوم")).unwrap();
    assert!(matches!(
        get(&c, url.as_str(), &stored).unwrap().content,
        Content::Body { .. }
    ));
    let missing = dir.path().join("none.xml");
    let err = get(
        &c,
        Url::from_file_path(&missing).unwrap().as_str(),
        &Validators::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file", missing.display())
    );
    let big = dir.path().join("big.xml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(11 << 20)
        .unwrap();
    let err = get(
        &c,
        Url::from_file_path(&big).unwrap().as_str(),
        &Validators::default(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "larger than 10 MB; stopped reading there");
    let err = get(
        &c,
        Url::from_directory_path(dir.path()).unwrap().as_str(),
        &Validators::default(),
    )
    .unwrap_err();
    assert!(err.to_string().ends_with(": not a file"), "{err}");
}

#[test]
fn cancel_stops_a_request_waiting_for_its_turn() {
    let server = Server::start();
    server.route("/away", |_| Reply::status(503).header("Retry-After", "4"));
    let c = client();
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        let waiting = s.spawn(|| {
            c.get(
                &Url::parse(&server.url("/away")).unwrap(),
                Resource::Feed,
                &Validators::default(),
                &cancel,
            )
        });
        std::thread::sleep(Duration::from_millis(300));
        cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        let start = Instant::now();
        let result = waiting.join().unwrap();
        assert!(matches!(result, Err(FetchError::Cancelled)), "{result:?}");
        assert!(start.elapsed() < Duration::from_secs(1));
    });
}
