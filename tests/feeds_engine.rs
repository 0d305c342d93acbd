//! Many feeds at once against loopback servers: the per-host and total
//! limits as the servers count them, progress through a channel (as the
//! reader will receive it), one outcome per feed whatever fails, the
//! full-text step, 304s on the second run, and cancelling.

#[path = "support/feed_server.rs"]
mod feed_server;

use feed_server::{fixture, news_server, Body, Gauge, Reply, Server};
use sahifa::feeds::{
    Client, ClientOptions, Engine, Event, Extracted, Extractor, FeedReport, FeedRequest,
    FeedUpdate, FullText, FullTextMode, Page, Policy, ProxySettings, Resolution, Validators,
};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

fn rss(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| format!("<item><title>خبر رقم {i}</title><guid>id-{i}</guid><description>نص الخبر.</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>قناة</title>{items}</channel></rss>")
}

fn client() -> Client {
    let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
    Client::new(ClientOptions {
        policy: Policy {
            connect_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(2),
            ..Policy::default()
        },
        proxy: ProxySettings::default(),
        resolution: Resolution::Fixed(HashMap::from([("feeds.test".to_string(), local)])),
    })
}

fn request(url: String) -> FeedRequest {
    FeedRequest {
        url,
        validators: Validators::default(),
        full_text: FullTextMode::SummaryOnly,
    }
}

/// Runs the engine on a thread of its own, as the reader will, and
/// collects the events from the channel; the reports come back by index.
fn run(
    client: &Client,
    extractor: Option<&dyn Extractor>,
    requests: &[FeedRequest],
) -> (Vec<FeedReport>, Vec<String>) {
    let (tx, rx) = mpsc::channel();
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let engine = Engine {
                client,
                extractor,
                cancel: &cancel,
            };
            engine.run(requests, &move |e| tx.send(e).unwrap());
        });
    });
    collect(rx, requests.len())
}

fn collect(rx: mpsc::Receiver<Event>, n: usize) -> (Vec<FeedReport>, Vec<String>) {
    let mut reports: Vec<Option<FeedReport>> = (0..n).map(|_| None).collect();
    let mut trace = Vec::new();
    for event in rx {
        match event {
            Event::Started { index, .. } => trace.push(format!("start {index}")),
            Event::Page { index, done, total } => {
                trace.push(format!("page {index} {done}/{total}"))
            }
            Event::Finished(report) => {
                trace.push(format!("finish {}", report.index));
                let slot = &mut reports[report.index];
                assert!(slot.is_none(), "feed {} reported twice", report.index);
                *slot = Some(*report);
            }
        }
    }
    let reports = reports
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| panic!("feed {i} never reported")))
        .collect();
    (reports, trace)
}

fn fetched(report: &FeedReport) -> &sahifa::feeds::ParsedFeed {
    match &report.result {
        Ok(FeedUpdate::Fetched { feed, .. }) => feed,
        other => panic!("{}: {other:?}", report.requested),
    }
}

fn failure(report: &FeedReport) -> String {
    match &report.result {
        Err(e) => e.one_line(),
        Ok(_) => panic!("{} should have failed", report.requested),
    }
}

#[test]
fn at_most_two_requests_per_host_as_the_server_counts() {
    let server = Server::start();
    for i in 0..10 {
        let body = rss(3);
        server.route(&format!("/f{i}.xml"), move |_| {
            Reply::ok("text/xml", body.clone()).delay(Duration::from_millis(150))
        });
    }
    let requests: Vec<_> = (0..10)
        .map(|i| request(server.url(&format!("/f{i}.xml"))))
        .collect();
    let (reports, trace) = run(&client(), None, &requests);
    assert!(reports.iter().all(|r| fetched(r).items.len() == 3));
    assert_eq!(server.max_in_flight(), 2, "two at once, never more");
    for i in 0..10 {
        let start = trace
            .iter()
            .position(|t| *t == format!("start {i}"))
            .unwrap();
        let finish = trace
            .iter()
            .position(|t| *t == format!("finish {i}"))
            .unwrap();
        assert!(start < finish);
    }
}

#[test]
fn at_most_eight_in_all_across_hosts() {
    let group = Arc::new(Gauge::default());
    let servers: Vec<Server> = (0..6).map(|_| Server::start_in(group.clone())).collect();
    let mut requests = Vec::new();
    for server in &servers {
        for i in 0..3 {
            let body = rss(2);
            server.route(&format!("/f{i}.xml"), move |_| {
                Reply::ok("text/xml", body.clone()).delay(Duration::from_millis(300))
            });
            requests.push(request(server.url(&format!("/f{i}.xml"))));
        }
    }
    let (reports, _) = run(&client(), None, &requests);
    assert!(reports.iter().all(|r| r.result.is_ok()));
    assert_eq!(group.max(), 8, "six hosts could take twelve; eight in all");
    assert!(servers.iter().all(|s| s.max_in_flight() <= 2));
}

#[test]
fn every_fault_is_one_line_and_the_other_feeds_still_fetch() {
    let server = Server::start();
    server.resource("/good.xml", "application/rss+xml", fixture("rss2_utf8.xml"));
    server.resource("/cp1256.xml", "text/xml", fixture("rss2_cp1256.xml"));
    server.resource("/atom.xml", "application/atom+xml", fixture("atom.xml"));
    server.resource("/feed.json", "application/feed+json", fixture("feed.json"));
    server.resource("/rdf.xml", "application/rdf+xml", fixture("rdf.xml"));
    server.resource("/broken.xml", "text/xml", fixture("broken.xml"));
    server.resource("/truncated.xml", "text/xml", fixture("truncated.xml"));
    server.resource(
        "/home.html",
        "text/html; charset=utf-8",
        fixture("page_with_feeds.html"),
    );
    server.route("/500", |_| Reply::status(500));
    server.route("/silent", |_| Reply::status(200).with(Body::Hang));
    server.route("/loop", |_| Reply::redirect(302, "/loop"));
    let cases = [
        ("/good.xml", None),
        ("/cp1256.xml", None),
        ("/atom.xml", None),
        ("/feed.json", None),
        ("/rdf.xml", None),
        ("/broken.xml", None),
        ("/truncated.xml", Some("broken XML: ")),
        (
            "/home.html",
            Some("a web page, not a feed; it names 2 feeds: "),
        ),
        ("/404", Some("HTTP 404 (not found)")),
        ("/500", Some("HTTP 500 (server error)")),
        ("/silent", Some("no complete answer within 2 s")),
        ("/loop", Some("redirect loop: ")),
    ];
    let mut requests: Vec<_> = cases.iter().map(|(p, _)| request(server.url(p))).collect();
    requests.push(request("http://unknown.test/rss".into()));
    requests.push(request("ftp://feeds.test/rss".into()));
    requests.push(request("not a url".into()));
    let (reports, _) = run(&client(), None, &requests);
    for ((path, expected), report) in cases.iter().zip(&reports) {
        match expected {
            None => assert!(!fetched(report).items.is_empty(), "{path}"),
            Some(start) => {
                let line = failure(report);
                assert!(line.starts_with(start), "{path}: {line}");
                assert!(!line.contains('\n'));
            }
        }
    }
    let n = cases.len();
    assert_eq!(failure(&reports[n]), "unknown host unknown.test");
    assert_eq!(
        failure(&reports[n + 1]),
        "cannot fetch ftp://feeds.test/rss: addresses must be http, https or file"
    );
    assert_eq!(failure(&reports[n + 2]), "not a valid address: not a url");
    assert_eq!(
        fetched(&reports[1]).items[0].title.as_deref(),
        Some("الحكومة تُقرّ موازنة العام المقبل بعجز أقل من المتوقع")
    );
}

#[test]
fn the_second_run_is_all_304s() {
    let server = Server::start();
    let mut requests = Vec::new();
    for name in ["rss2_utf8.xml", "atom.xml", "feed.json", "rdf.xml"] {
        server.resource(&format!("/{name}"), "text/xml", fixture(name));
        requests.push(request(server.url(&format!("/{name}"))));
    }
    let c = client();
    let (first, _) = run(&c, None, &requests);
    for (req, report) in requests.iter_mut().zip(&first) {
        match &report.result {
            Ok(FeedUpdate::Fetched { validators, .. }) => req.validators = validators.clone(),
            other => panic!("{other:?}"),
        }
    }
    let (second, _) = run(&c, None, &requests);
    for report in &second {
        assert!(
            matches!(report.result, Ok(FeedUpdate::NotModified { .. })),
            "{:?}",
            report.result
        );
    }
    for name in ["rss2_utf8.xml", "atom.xml", "feed.json", "rdf.xml"] {
        let hits = server.hits(&format!("/{name}"));
        assert_eq!(hits.len(), 2);
        assert!(hits[1].header("if-none-match").is_some());
    }
}

#[test]
fn a_moved_feed_reports_its_new_address() {
    let server = Server::start();
    server.resource("/rss/new.xml", "text/xml", rss(1));
    server.route("/rss.php", |_| Reply::redirect(301, "/rss/new.xml"));
    let (reports, _) = run(&client(), None, &[request(server.url("/rss.php"))]);
    match &reports[0].result {
        Ok(FeedUpdate::Fetched { moved_to, url, .. }) => {
            assert_eq!(
                moved_to.as_ref().map(|u| u.as_str()),
                Some(server.url("/rss/new.xml").as_str())
            );
            assert_eq!(url.as_str(), server.url("/rss/new.xml"));
        }
        other => panic!("{other:?}"),
    }
}

/// A stand-in for the corpus's HTML extractor: the `<p>` elements of the
/// page's `<article>`.
struct ArticleParagraphs;

impl Extractor for ArticleParagraphs {
    fn extract(&self, page: &Page) -> Result<Extracted, String> {
        let html = &page.html;
        let start = html.find("<article").ok_or("no <article> in the page")?;
        let end = html[start..]
            .find("</article>")
            .map_or(html.len(), |e| start + e);
        let paragraphs = html[start..end]
            .split("<p>")
            .skip(1)
            .map(|p| p.split("</p>").next().unwrap_or("").trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        Ok(Extracted {
            title: None,
            paragraphs,
        })
    }
}

fn full_text_of<'a>(
    feed: &'a sahifa::feeds::ParsedFeed,
    title_start: &str,
) -> Option<&'a FullText> {
    feed.items
        .iter()
        .find(|i| {
            i.title
                .as_deref()
                .is_some_and(|t| t.starts_with(title_start))
        })
        .unwrap()
        .full_text
        .as_ref()
}

#[test]
fn summary_only_items_get_their_full_text() {
    let server = news_server();
    let (reports, trace) = run(
        &client(),
        Some(&ArticleParagraphs),
        &[request(server.url("/rss.xml"))],
    );
    let feed = fetched(&reports[0]);
    match full_text_of(feed, "قافلة مساعدات") {
        Some(FullText::Extracted { url, article }) => {
            assert_eq!(url, &server.url("/articles/aid-convoy.html"));
            assert_eq!(article.paragraphs.len(), 4);
            assert!(article.paragraphs[3].contains("«نحو 500 شاحنة يومياً»"));
        }
        other => panic!("{other:?}"),
    }
    match full_text_of(feed, "البورصة") {
        Some(FullText::Extracted { article, .. }) => {
            assert!(article.paragraphs[0]
                .starts_with("أغلق المؤشر العام للبورصة تعاملات اليوم على ارتفاع بنسبة 1.2%"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        full_text_of(feed, "افتتاح أكبر محطة"),
        None,
        "a whole article is left alone"
    );
    assert_eq!(full_text_of(feed, "بودكاست"), None, "no link");
    // The oil item's link is on a host that does not exist here.
    match full_text_of(feed, "Reuters") {
        Some(FullText::Failed(why)) => assert_eq!(why, "the page: unknown host akhbar.example"),
        other => panic!("{other:?}"),
    }
    let pages: Vec<_> = trace.iter().filter(|t| t.starts_with("page 0 ")).collect();
    assert_eq!(pages, ["page 0 1/3", "page 0 2/3", "page 0 3/3"]);
    assert_eq!(trace.last().map(String::as_str), Some("finish 0"));
    assert_eq!(server.hits("/articles/aid-convoy.html").len(), 1);
    assert!(server.hits("/articles/aid-convoy.html")[0]
        .header("accept")
        .unwrap()
        .starts_with("text/html"));
}

#[test]
fn full_text_can_be_always_or_never() {
    let server = news_server();
    let mut req = request(server.url("/rss.xml"));
    let (reports, _) = run(&client(), None, std::slice::from_ref(&req));
    assert!(fetched(&reports[0])
        .items
        .iter()
        .all(|i| i.full_text.is_none()));
    req.full_text = FullTextMode::Never;
    let (reports, _) = run(
        &client(),
        Some(&ArticleParagraphs),
        std::slice::from_ref(&req),
    );
    assert!(fetched(&reports[0])
        .items
        .iter()
        .all(|i| i.full_text.is_none()));
    assert!(
        server.hits("/articles/aid-convoy.html").is_empty(),
        "no page was fetched"
    );
    req.full_text = FullTextMode::Always;
    let (reports, _) = run(&client(), Some(&ArticleParagraphs), &[req]);
    let feed = fetched(&reports[0]);
    let tried = feed.items.iter().filter(|i| i.full_text.is_some()).count();
    assert_eq!(tried, 4, "every item with a link");
    assert!(matches!(
        full_text_of(feed, "افتتاح أكبر محطة"),
        Some(FullText::Failed(_))
    ));
}

#[test]
fn an_extractor_failure_or_panic_keeps_the_summary() {
    struct Picky;
    impl Extractor for Picky {
        fn extract(&self, page: &Page) -> Result<Extracted, String> {
            if page.url.path().contains("market") {
                panic!("extractor bug on {}", page.url);
            }
            Err("no article\nfound".into())
        }
    }
    let server = news_server();
    let (reports, _) = run(&client(), Some(&Picky), &[request(server.url("/rss.xml"))]);
    let feed = fetched(&reports[0]);
    match full_text_of(feed, "البورصة") {
        Some(FullText::Failed(why)) => assert!(why.starts_with("extractor bug on "), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        full_text_of(feed, "قافلة مساعدات"),
        Some(&FullText::Failed("no article found".into()))
    );
    assert!(feed
        .items
        .iter()
        .all(|i| i.body().is_some() || i.title.is_some()));
}

#[test]
fn cancelling_reports_every_feed_once() {
    let server = Server::start();
    for i in 0..12 {
        let body = rss(1);
        server.route(&format!("/f{i}.xml"), move |_| {
            Reply::ok("text/xml", body.clone()).delay(Duration::from_millis(200))
        });
    }
    let requests: Vec<_> = (0..12)
        .map(|i| request(server.url(&format!("/f{i}.xml"))))
        .collect();
    let (tx, rx) = mpsc::channel();
    let cancel = AtomicBool::new(false);
    let c = client();
    std::thread::scope(|s| {
        s.spawn(|| {
            let engine = Engine {
                client: &c,
                extractor: None,
                cancel: &cancel,
            };
            engine.run(&requests, &|e: Event| {
                if matches!(e, Event::Finished(_)) {
                    cancel.store(true, Ordering::SeqCst);
                }
                tx.send(e).unwrap();
            });
        });
    });
    drop(tx);
    let (reports, _) = collect(rx, requests.len());
    let cancelled = reports
        .iter()
        .filter(|r| matches!(&r.result, Err(e) if e.one_line() == "cancelled"))
        .count();
    let done = reports.iter().filter(|r| r.result.is_ok()).count();
    assert!(
        done >= 1 && cancelled >= 6,
        "done {done}, cancelled {cancelled}"
    );
    assert_eq!(done + cancelled, 12);
    assert!(server.log().len() < 12, "the rest were never requested");
}
