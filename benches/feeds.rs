//! Feed fetching and parsing, measured: 100 feeds × 50 items served by
//! loopback servers (10 hosts, 10 feeds each, in a child process so its CPU
//! is not counted), fetched by the engine under the default politeness
//! limits (8 at once, 2 per host): wall time and CPU per item for a first
//! fetch and for a second one where everything answers 304. curl fetches
//! the same 100 URLs in the same run as a reference for the network part
//! (`--parallel --parallel-max 8`; curl does not parse). Then parsing
//! throughput on one thread, in MB per second of that thread's CPU time (so
//! a busy machine does not count against it) and of wall time: sahifa's
//! whole parse (charset, feed-rs, its model, summary detection) next to
//! feed-rs alone on the same bytes. Last, storing: the `sahifa fetch`
//! binary itself (`--no-full-text`) into a new library subscribed to the
//! same 100 feeds, every item stored as an article with its index entries,
//! then fetched again (all 304): wall time and the process's CPU per item.
//! Not a test: prints medians (and the range) of several runs.
//!
//! cargo bench --bench feeds

#[path = "../tests/support/feed_server.rs"]
mod feed_server;

use sahifa::corpus::Corpus;
use sahifa::feeds::{
    Client, ClientOptions, Engine, Event, FeedRequest, FeedUpdate, FullTextMode, Validators,
};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use url::Url;

const HOSTS: usize = 10;
const FEEDS_PER_HOST: usize = 10;
const ITEMS: usize = 50;
const RUNS: usize = 5;
const SERVE_ENV: &str = "SAHIFA_FEEDS_BENCH_SERVE";

/// A feed of `ITEMS` items in the shape news sites publish: every other
/// item with its whole article in `content:encoded`, the rest a summary.
fn feed(host: usize, n: usize) -> String {
    let seeds = Corpus::bundled().articles;
    let pool: Vec<&String> = seeds.iter().flat_map(|a| &a.paragraphs).collect();
    let mut items = String::new();
    for i in 0..ITEMS {
        let k = host * 1000 + n * 100 + i;
        let para = |j: usize| xml_escape(pool[(k * 7 + j * 13) % pool.len()]);
        let title = xml_escape(&seeds[k % seeds.len()].title);
        let content = if i % 2 == 0 {
            let body: String = (0..6).map(|j| format!("<p>{}</p>", para(j))).collect();
            format!("<content:encoded><![CDATA[{body}]]></content:encoded>")
        } else {
            String::new()
        };
        items.push_str(&format!(
            "<item><title>{title} ({k})</title><link>https://news{host}.example/a/{k}</link>\
             <guid isPermaLink=\"false\">h{host}-f{n}-{i}</guid><pubDate>Tue, 14 May 2024 09:{:02}:00 +0300</pubDate>\
             <category>أخبار</category><description>{}</description>{content}</item>\n",
            i % 60,
            para(99)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>موقع {host} - قسم {n}</title><link>https://news{host}.example/</link>\n{items}</channel></rss>\n"
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The child process: the servers, until stdin closes.
fn serve() {
    let servers: Vec<_> = (0..HOSTS).map(|_| feed_server::Server::start()).collect();
    for (h, server) in servers.iter().enumerate() {
        for n in 0..FEEDS_PER_HOST {
            server.resource(
                &format!("/feed{n}.xml"),
                "application/rss+xml; charset=utf-8",
                feed(h, n),
            );
        }
        println!("{}", server.base());
    }
    println!("ready");
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn cpu(who: i32) -> Duration {
    // SAFETY: rusage is plain integers (all-zero is valid), and getrusage
    // only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

struct Figures {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Figures {
    fn new() -> Self {
        Figures {
            wall: Vec::new(),
            cpu: Vec::new(),
        }
    }
    fn line(&self, what: &str, items: usize) {
        let med = |v: &[Duration]| {
            let mut v = v.to_vec();
            v.sort_unstable();
            (v[v.len() / 2], v[0], v[v.len() - 1])
        };
        let (w, wmin, wmax) = med(&self.wall);
        let (c, cmin, cmax) = med(&self.cpu);
        println!(
            "{what:<34} wall {:>7.1} ms ({:.1}–{:.1}), CPU {:>7.1} ms ({:.1}–{:.1}) = {:>6.1} µs CPU/item, {:>6.1} µs wall/item",
            ms(w), ms(wmin), ms(wmax), ms(c), ms(cmin), ms(cmax),
            c.as_secs_f64() * 1e6 / items as f64,
            w.as_secs_f64() * 1e6 / items as f64,
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One engine run; returns the validators to store, checking every feed
/// gave what it should.
fn fetch(client: &Client, requests: &[FeedRequest], expect_304: bool) -> Vec<Validators> {
    let out = Mutex::new(vec![Validators::default(); requests.len()]);
    let engine = Engine {
        client,
        extractor: None,
        cancel: &AtomicBool::new(false),
    };
    engine.run(requests, &|event| {
        if let Event::Finished(report) = event {
            let v = match report.result {
                Ok(FeedUpdate::Fetched {
                    feed, validators, ..
                }) if !expect_304 => {
                    assert_eq!(feed.items.len(), ITEMS, "{}", report.requested);
                    validators
                }
                Ok(FeedUpdate::NotModified { validators, .. }) if expect_304 => validators,
                other => panic!("{}: {other:?}", report.requested),
            };
            out.lock().unwrap()[report.index] = v;
        }
    });
    out.into_inner().unwrap()
}

fn main() {
    if std::env::var_os(SERVE_ENV).is_some() {
        return serve();
    }
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks for benchmark names; this one has none.
    }
    let exe = std::env::current_exe().expect("own path");
    let mut child = Command::new(exe)
        .env(SERVE_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server process");
    let mut bases = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.expect("server output");
        if line == "ready" {
            break;
        }
        bases.push(line);
    }
    let urls: Vec<String> = bases
        .iter()
        .flat_map(|b| (0..FEEDS_PER_HOST).map(move |n| format!("{b}/feed{n}.xml")))
        .collect();
    let items = urls.len() * ITEMS;
    let client = Client::new(ClientOptions::default());
    let requests: Vec<FeedRequest> = urls
        .iter()
        .map(|u| FeedRequest {
            url: u.clone(),
            validators: Validators::default(),
            full_text: FullTextMode::Never,
        })
        .collect();
    let bytes: usize = (0..HOSTS)
        .flat_map(|h| (0..FEEDS_PER_HOST).map(move |n| feed(h, n).len()))
        .sum();
    println!(
        "feeds: {} feeds × {ITEMS} items = {items} items, {:.1} MB of RSS, from {HOSTS} loopback hosts; {RUNS} runs each",
        urls.len(),
        bytes as f64 / 1e6
    );

    let (mut first, mut again, mut curl) = (Figures::new(), Figures::new(), Figures::new());
    for _ in 0..RUNS {
        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_SELF));
        let stored = fetch(&client, &requests, false);
        first.wall.push(t.elapsed());
        first.cpu.push(cpu(libc::RUSAGE_SELF) - c);

        let conditional: Vec<FeedRequest> = requests
            .iter()
            .zip(stored)
            .map(|(r, v)| FeedRequest {
                validators: v,
                ..r.clone()
            })
            .collect();
        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_SELF));
        fetch(&client, &conditional, true);
        again.wall.push(t.elapsed());
        again.cpu.push(cpu(libc::RUSAGE_SELF) - c);

        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_CHILDREN));
        let status = Command::new("curl")
            .args([
                "--silent",
                "--show-error",
                "--fail",
                "--compressed",
                "--parallel",
                "--parallel-max",
                "8",
            ])
            .args(urls.iter().flat_map(|u| ["-o", "/dev/null", u.as_str()]))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => {
                curl.wall.push(t.elapsed());
                curl.cpu.push(cpu(libc::RUSAGE_CHILDREN) - c);
            }
            _ => {}
        }
    }
    first.line("sahifa, first fetch", items);
    again.line("sahifa, everything 304", items);
    if curl.wall.is_empty() {
        println!("curl: not available, no reference figure");
    } else {
        curl.line("curl --parallel 8, first fetch", items);
    }
    stored(&urls, items);
    drop(child.stdin.take()); // the server process ends when its stdin closes
    let _ = child.wait();

    parsing();
}

/// One way of parsing a feed's text.
type Parse<'a> = &'a dyn Fn(&String);

/// Parsing throughput over the 100 feeds, one thread, in MB per second of
/// this thread's CPU time (wall time on a busy machine would count the
/// time other processes held the core) and, for reference, of wall time.
fn parsing() {
    let feeds: Vec<String> = (0..HOSTS)
        .flat_map(|h| (0..FEEDS_PER_HOST).map(move |n| feed(h, n)))
        .collect();
    let bytes: usize = feeds.iter().map(String::len).sum();
    let url = Url::parse("http://news0.example/feed0.xml").expect("url");
    let rounds = 3;
    let ours = |f: &String| {
        let parsed = sahifa::feeds::parse_feed(f.as_bytes(), Some("application/rss+xml"), &url);
        std::hint::black_box(parsed.expect("parse"));
    };
    let alone = |f: &String| {
        std::hint::black_box(feed_rs::parser::parse(f.as_bytes()).expect("feed-rs"));
    };
    let based = |f: &String| {
        let parser = feed_rs::parser::Builder::new()
            .base_uri(Some(url.as_str()))
            .id_generator(|_, _, _| String::new())
            .build();
        std::hint::black_box(parser.parse(f.as_bytes()).expect("feed-rs"));
    };
    let parsers: [(&str, Parse); 3] = [
        ("sahifa parse_feed", &ours),
        ("feed-rs alone", &alone),
        ("feed-rs with the feed's URL as base", &based),
    ];
    let mut figures: Vec<Figures> = parsers.iter().map(|_| Figures::new()).collect();
    for _ in 0..RUNS {
        for ((_, parse), fig) in parsers.iter().zip(&mut figures) {
            let (t, c) = (Instant::now(), cpu(libc::RUSAGE_THREAD));
            for _ in 0..rounds {
                feeds.iter().for_each(parse);
            }
            fig.wall.push(t.elapsed());
            fig.cpu.push(cpu(libc::RUSAGE_THREAD) - c);
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "parsing {:.1} MB ×{rounds}, one thread:",
        bytes as f64 / 1e6
    );
    for ((name, _), fig) in parsers.iter().zip(&mut figures) {
        fig.cpu.sort_unstable();
        fig.wall.sort_unstable();
        let rate = |d: Duration| mb / d.as_secs_f64();
        let (c, w) = (&fig.cpu, &fig.wall);
        println!(
            "  {name:<36} {:>5.1} MB/s of CPU ({:.1}–{:.1}), {:>5.1} MB/s of wall time",
            rate(c[c.len() / 2]),
            rate(c[c.len() - 1]),
            rate(c[0]),
            rate(w[w.len() / 2]),
        );
    }
}

/// `sahifa fetch` into a new library, then again (all 304), timed as a
/// child process (its CPU from `RUSAGE_CHILDREN`).
fn stored(urls: &[String], items: usize) {
    let subs: Vec<sahifa::feeds::Subscription> = urls
        .iter()
        .map(|u| sahifa::feeds::Subscription {
            url: u.clone(),
            title: None,
            site: None,
            folder: Vec::new(),
        })
        .collect();
    let opml = sahifa::feeds::write_opml("bench", &subs, None);
    let sahifa = |dir: &std::path::Path, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_sahifa"));
        c.arg("--data-dir").arg(dir).args(args);
        // Addresses are 127.0.0.1: an empty table resolves no name at all.
        c.env("SAHIFA_RESOLVE", "");
        for proxy in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
        ] {
            c.env_remove(proxy);
        }
        c
    };
    let timed = |dir: &std::path::Path, figures: &mut Figures, status: &str| {
        let (t, c) = (Instant::now(), cpu(libc::RUSAGE_CHILDREN));
        let out = sahifa(dir, &["fetch", "--no-full-text", "--json"])
            .output()
            .expect("run sahifa fetch");
        figures.wall.push(t.elapsed());
        figures.cpu.push(cpu(libc::RUSAGE_CHILDREN) - c);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: serde_json::Value = serde_json::from_slice(&out.stdout).expect("fetch --json");
        let lines = lines.as_array().expect("an array");
        assert_eq!(lines.len(), urls.len());
        assert!(lines.iter().all(|l| l["status"] == status), "{lines:?}");
        lines
            .iter()
            .map(|l| l["added"].as_u64().unwrap_or(0))
            .sum::<u64>()
    };
    let (mut first, mut again) = (Figures::new(), Figures::new());
    let mut size = 0;
    for _ in 0..RUNS {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let file = dir.path().join("feeds.opml");
        std::fs::write(&file, &opml).expect("write OPML");
        let imported = sahifa(dir.path(), &["feed", "import"])
            .arg(&file)
            .output()
            .expect("feed import");
        assert!(imported.status.success());
        let added = timed(dir.path(), &mut first, "fetched");
        assert_eq!(added as usize, items);
        timed(dir.path(), &mut again, "not_modified");
        size = std::fs::metadata(dir.path().join("library.db")).map_or(0, |m| m.len());
    }
    println!("storing (the sahifa binary, a new library each run, --no-full-text):");
    first.line("sahifa fetch, first (stored)", items);
    again.line("sahifa fetch, everything 304", items);
    println!("  library after a first fetch: {:.1} MB", size as f64 / 1e6);
}
