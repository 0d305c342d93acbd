//! `sahifa feed …` and `sahifa fetch` end to end, against loopback servers
//! only: names resolve through a fixed table (`SAHIFA_RESOLVE`), so not
//! even a DNS query leaves 127.0.0.1. Every fault of issue #16 point 6 is
//! one line while the other feeds are stored; a second fetch is all 304s;
//! `kill -9` during a fetch loses nothing already stored.

#[path = "support/isolated.rs"]
mod isolated;

#[path = "support/feed_server.rs"]
mod feed_server;

use feed_server::{fixture, news_server, Body, Reply, Server};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            tmp: tempfile::TempDir::new().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = isolated::sahifa();
        c.arg("--data-dir").arg(self.data()).args(args);
        // Only this table resolves names: nothing reaches past 127.0.0.1.
        c.env("SAHIFA_RESOLVE", "feeds.test=127.0.0.1")
            .env("SAHIFA_FETCH_TIMEOUTS", "1,2")
            .env("NO_COLOR", "1")
            .env_remove("SAHIFA_CRASH_POINT");
        for proxy in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
            c.env_remove(proxy).env_remove(proxy.to_ascii_uppercase());
        }
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs and expects `code`; stdout.
    fn ok(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}\nstdout: {}\nstderr: {}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args, 0)).unwrap()
    }

    fn feeds(&self) -> Vec<Value> {
        self.json(&["feed", "list", "--json"])
            .as_array()
            .unwrap()
            .clone()
    }

    fn feed(&self, name: &str) -> Value {
        self.feeds()
            .into_iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no feed {name}"))
    }

    /// Subscribes to `feeds` (name, url) through an OPML file: no fetch.
    fn subscribe(&self, feeds: &[(&str, String)]) {
        let outlines: String = feeds
            .iter()
            .map(|(name, url)| {
                format!(
                    "<outline type=\"rss\" text=\"{name}\" xmlUrl=\"{}\"/>",
                    url.replace('&', "&amp;")
                )
            })
            .collect();
        let opml = format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>{outlines}</body></opml>"
        );
        let path = self.tmp.path().join("subs.opml");
        std::fs::write(&path, opml).unwrap();
        self.ok(&["feed", "import", path.to_str().unwrap()], 0);
    }

    fn article(&self, title_start: &str) -> Value {
        let list = self.json(&["list", "--json"]);
        let id = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(title_start))
            .unwrap_or_else(|| panic!("no article «{title_start}»: {list}"))["id"]
            .as_str()
            .unwrap()
            .to_string();
        self.json(&["show", &id, "--json"])
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const GULF: &str = "أخبار الخليج اليوم - آخر الأخبار";

#[test]
fn a_feed_is_added_fetched_with_full_text_and_fetched_again_as_304s() {
    let server = news_server();
    let env = Env::new();
    let url = server.url("/rss.xml");
    let added = env.ok(&["feed", "add", &url], 0);
    assert!(
        added.starts_with(&format!("added «{GULF}»: {url} (RSS 2.0, 5 items)")),
        "{added}"
    );
    let again = env.run(&["feed", "add", &url]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already subscribed"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(env.feed(GULF)["items"], 0, "add only checks the feed");

    let out = env.ok(&["fetch"], 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(&format!(
            "{GULF}: 5 new, 0 updated, 0 unchanged (full text failed for 1 of 3 items"
        )),
        "{out}"
    );
    assert!(lines[0].contains("unknown host akhbar.example"), "{out}");
    assert_eq!(
        lines[1],
        "fetched 1 of 1 feeds: 5 new articles, 0 updated; 0 failed"
    );

    // A summary-only item holds its page's article.
    let convoy = env.article("قافلة مساعدات");
    let paragraphs = convoy["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 4, "{convoy}");
    assert!(paragraphs[3]
        .as_str()
        .unwrap()
        .contains("«نحو 500 شاحنة يومياً»"));
    let extra = &convoy["meta"]["extra"];
    assert_eq!(
        extra["full_text"],
        format!("from {}", server.url("/articles/aid-convoy.html"))
    );
    assert_eq!(extra["feed"], GULF);
    assert_eq!(convoy["meta"]["outlet"], GULF);
    // The windows-1256 page, declared only in its <meta>, reads right.
    let market = env.article("البورصة تغلق");
    let first = market["paragraphs"][0].as_str().unwrap();
    assert!(
        first.starts_with("أغلق المؤشر العام للبورصة تعاملات اليوم"),
        "{market}"
    );
    // A whole article from content:encoded, with what the feed says of it.
    let plant = env.article("افتتاح أكبر محطة");
    assert!(plant["paragraphs"][0]
        .as_str()
        .unwrap()
        .starts_with("افتُتحت صباح اليوم الثلاثاء"));
    assert_eq!(plant["meta"]["author"], "سارة المنصوري");
    assert_eq!(plant["meta"]["published"], "2024-05-14T06:15:00Z");
    assert_eq!(
        plant["meta"]["url"],
        "https://akhbar.example/economy/2024/05/14/desalination-plant"
    );
    assert_eq!(
        plant["meta"]["extra"]["categories"],
        serde_json::json!(["اقتصاد", "طاقة & مياه"])
    );
    assert!(plant["meta"]["extra"].get("full_text").is_none());
    let podcast = env.article("بودكاست");
    assert_eq!(
        podcast["meta"]["extra"]["enclosures"][0]["url"],
        "https://akhbar.example/podcast/2024-05-14.mp3"
    );
    let oil = env.article("Reuters");
    assert_eq!(
        oil["paragraphs"][0],
        "ارتفعت أسعار النفط بنحو 2% في التعاملات الآسيوية."
    );
    assert!(oil["meta"]["extra"]["full_text"]
        .as_str()
        .unwrap()
        .starts_with("failed, the feed's summary kept"));

    let feed = env.feed(GULF);
    assert_eq!(
        (feed["items"].as_u64(), feed["unread"].as_u64()),
        (Some(5), Some(5))
    );
    assert!(feed["last_fetched"].is_string() && feed["last_error"].is_null());
    assert!(feed["note"]
        .as_str()
        .unwrap()
        .contains("full text failed for 1 of 3"));
    let listed = env.ok(&["feed", "list"], 0);
    assert!(
        listed.starts_with(&format!("{GULF}  {url}  5 items, 5 unread, fetched ")),
        "{listed}"
    );

    // Again: the validators are sent back, the server answers 304, no
    // page is fetched again, nothing is doubled.
    let articles = env.json(&["list", "--json"]).as_array().unwrap().len();
    let out = env.ok(&["fetch"], 0);
    assert!(
        out.starts_with(&format!(
            "{GULF}: unchanged (not modified since the last fetch)"
        )),
        "{out}"
    );
    let hits = server.hits("/rss.xml");
    assert_eq!(hits.len(), 3, "add, fetch, fetch");
    assert!(hits[2].header("if-none-match").is_some());
    assert_eq!(server.hits("/articles/aid-convoy.html").len(), 1);
    assert_eq!(
        env.json(&["list", "--json"]).as_array().unwrap().len(),
        articles
    );

    // Removing keeps the articles unless asked.
    let missing = env.run(&["feed", "remove", "لا يوجد"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no feed named or at «لا يوجد»"));
    let removed = env.ok(&["feed", "remove", &url], 0);
    assert!(removed.contains("its 5 articles stay"), "{removed}");
    assert!(env.feeds().is_empty());
    assert_eq!(
        env.json(&["list", "--json"]).as_array().unwrap().len(),
        articles
    );
}

#[test]
fn items_edited_in_the_feed_are_updated_in_place_without_full_text() {
    let server = Server::start();
    let rss = |body: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>نشرة</title>\
             <item><guid>n-1</guid><title>خبر أول</title><link>http://feeds.test:1/a</link>\
             <description>{body}</description></item>\
             <item><guid>n-2</guid><title>خبر ثان</title><description>نص ثابت.</description></item>\
             </channel></rss>"
        )
    };
    let first = "<![CDATA[<p>فقرة أولى من الخبر.</p><p>فقرة ثانية من الخبر.</p>]]>";
    server.plain("/n.xml", "application/rss+xml", rss(first));
    let env = Env::new();
    env.ok(
        &[
            "feed",
            "add",
            &server.url("/n.xml"),
            "--name",
            "نشرة المساء",
        ],
        0,
    );
    let out = env.ok(&["fetch", "--no-full-text"], 0);
    assert!(
        out.starts_with("نشرة المساء: 2 new, 0 updated, 0 unchanged\n"),
        "{out}"
    );
    let id = env.article("خبر أول")["id"].as_str().unwrap().to_string();
    env.ok(&["bookmarks", "add", &id, "--paragraph", "2"], 0);
    // A paragraph is put before the bookmarked one.
    let edited = "<![CDATA[<p>سطر جديد في البداية.</p><p>فقرة أولى من الخبر.</p>\
                  <p>فقرة ثانية من الخبر.</p>]]>";
    server.plain("/n.xml", "application/rss+xml", rss(edited));
    let out = env.run(&["fetch", "نشرة المساء", "--no-full-text"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("نشرة المساء: 0 new, 1 updated, 1 unchanged\n"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("1 found at new paragraphs"),
        "{}",
        text(&out.stderr)
    );
    let marks = env.json(&["bookmarks", "list", "--json"]);
    assert_eq!(marks[0]["from"], 3, "re-anchored: {marks}");
    let edited = env.json(&["show", &id, "--json"]);
    assert_eq!(edited["id"], id.as_str());
    assert_eq!(edited["paragraphs"][0], "سطر جديد في البداية.");
    assert_eq!(env.feed("نشرة المساء")["items"], 2);
    assert!(
        server.hits("/a").is_empty(),
        "--no-full-text fetched a page"
    );
    let unknown = env.run(&["fetch", "غيرها"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_web_page_leads_to_its_feed_and_a_permanent_redirect_moves_it() {
    let server = news_server();
    server.resource(
        "/home.html",
        "text/html; charset=utf-8",
        fixture("page_with_feeds.html"),
    );
    server.route("/feeds/latest.xml", |_| Reply::redirect(301, "/rss.xml"));
    let env = Env::new();
    let out = env.ok(
        &["feed", "add", &server.url("/home.html"), "--name", "الخليج"],
        0,
    );
    assert!(
        out.contains(&format!("«الخليج»: {}", server.url("/rss.xml"))),
        "{out}"
    );

    server.route("/old.xml", |_| Reply::redirect(308, "/rss.xml"));
    server.route("/temp.xml", |_| Reply::redirect(302, "/rss.xml"));
    let other = Env::new();
    other.subscribe(&[
        ("قديم", server.url("/old.xml")),
        ("مؤقت", server.url("/temp.xml")),
    ]);
    let out = other.ok(&["fetch", "--no-full-text"], 0);
    assert!(
        out.contains(&format!("moved permanently to {}", server.url("/rss.xml"))),
        "{out}"
    );
    assert_eq!(other.feed("قديم")["url"], server.url("/rss.xml"));
    assert_eq!(
        other.feed("مؤقت")["url"],
        server.url("/temp.xml"),
        "a 302 moves nothing"
    );
    // The same story through two feeds is one article.
    assert_eq!(other.feed("قديم")["items"], 5);
    assert_eq!(other.feed("مؤقت")["items"], 5);
    let titles = other.json(&["list", "--json"]);
    let convoys = titles
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("قافلة"))
        .count();
    assert_eq!(convoys, 1);
    other.ok(&["fetch", "--no-full-text"], 0);
    assert_eq!(server.hits("/old.xml").len(), 1, "the new address is used");
}

#[test]
fn a_windows_1256_feed_labelled_utf8_reads_right() {
    let server = Server::start();
    server.resource(
        "/cp.xml",
        "application/rss+xml; charset=utf-8",
        fixture("rss2_cp1256.xml"),
    );
    let env = Env::new();
    env.ok(&["feed", "add", &server.url("/cp.xml")], 0);
    env.ok(&["fetch", "--no-full-text"], 0);
    let budget = env.article("الحكومة تُقرّ موازنة العام المقبل بعجز أقل من المتوقع");
    let body = budget["paragraphs"].to_string();
    assert!(!body.contains('\u{FFFD}'), "{body}");
}

#[test]
fn atom_rdf_and_json_feed_are_stored_alike() {
    let server = Server::start();
    server.resource("/atom.xml", "application/atom+xml", fixture("atom.xml"));
    server.resource("/rdf.xml", "application/rdf+xml", fixture("rdf.xml"));
    server.resource("/feed.json", "application/feed+json", fixture("feed.json"));
    let env = Env::new();
    env.subscribe(&[
        ("أطوم", server.url("/atom.xml")),
        ("آر دي إف", server.url("/rdf.xml")),
        ("جيسون", server.url("/feed.json")),
    ]);
    let out = env.ok(&["fetch", "--no-full-text"], 0);
    for name in ["أطوم", "آر دي إف", "جيسون"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap();
        assert!(line.contains(" new, 0 updated, 0 unchanged"), "{line}");
        assert!(env.feed(name)["items"].as_u64().unwrap() >= 2, "{name}");
    }
    for title in [
        "كيف تعمل النماذج اللغوية الكبيرة مع اللغة العربية؟",
        "إصدار 2.0 من مكتبة المعالجة",
        "المخطوطات العربية في مكتبات أوروبا",
        "إضراب في قطاع النقل يشل حركة المواصلات في العاصمة",
    ] {
        let article = env.article(title);
        assert!(article["meta"]["outlet"].is_string(), "{article}");
    }
}

fn unused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn every_fault_is_one_line_and_the_other_feeds_are_stored() {
    let server = Server::start();
    server.resource("/good.xml", "application/rss+xml", fixture("rss2_utf8.xml"));
    server.resource("/repairable.xml", "text/xml", fixture("broken.xml"));
    server.resource("/truncated.xml", "text/xml", fixture("truncated.xml"));
    server.resource("/page.html", "text/html", fixture("page_no_feed.html"));
    server.route("/500", |_| Reply::status(500));
    server.route("/silent", |_| Reply::status(200).with(Body::Hang));
    server.route("/drip", |_| {
        Reply::ok("text/xml", "").with(Body::Drip {
            bytes: fixture("rss091.xml"),
            every: Duration::from_secs(1),
        })
    });
    server.route("/loop", |_| Reply::redirect(302, "/loop"));
    server.route("/huge", |_| {
        Reply::status(200).streamed(Some(50 << 20), std::io::repeat(b'x').take(50 << 20))
    });
    server.route("/bomb", |_| {
        let zeros = std::io::repeat(0).take(1 << 40);
        let bomb = flate2::read::GzEncoder::new(zeros, flate2::Compression::fast());
        Reply::status(200)
            .header("Content-Encoding", "gzip")
            .streamed(None, bomb)
    });
    let refused = format!("http://127.0.0.1:{}/rss", unused_port());
    let faults: Vec<(&str, String, &str)> = vec![
        (
            "مضيف مجهول",
            "http://nowhere.test/rss".into(),
            "unknown host nowhere.test",
        ),
        ("مرفوض", refused.clone(), "connection refused by 127.0.0.1"),
        (
            "صامت",
            server.url("/silent"),
            "no complete answer within 2 s",
        ),
        ("بطيء", server.url("/drip"), "no complete answer within 2 s"),
        ("غير موجود", server.url("/404"), "HTTP 404 (not found)"),
        ("خطأ", server.url("/500"), "HTTP 500 (server error)"),
        (
            "صفحة",
            server.url("/page.html"),
            "a web page, not a feed, and it names no feed",
        ),
        ("مبتور", server.url("/truncated.xml"), "broken XML: "),
        (
            "ضخم",
            server.url("/huge"),
            "larger than 10 MB; stopped reading there",
        ),
        (
            "قنبلة",
            server.url("/bomb"),
            "larger than 10 MB; stopped reading there",
        ),
        ("حلقة", server.url("/loop"), "redirect loop: "),
    ];
    let mut subs: Vec<(&str, String)> = faults.iter().map(|(n, u, _)| (*n, u.clone())).collect();
    subs.push(("سليم", server.url("/good.xml")));
    subs.push(("قابل للإصلاح", server.url("/repairable.xml")));
    let env = Env::new();
    env.subscribe(&subs);
    let start = Instant::now();
    let out = env.ok(&["fetch", "--no-full-text"], 0);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    for (name, _, error) in &faults {
        let mine: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with(&format!("{name}: ")))
            .collect();
        assert_eq!(mine.len(), 1, "{name}: {out}");
        assert!(
            mine[0].starts_with(&format!("{name}: failed: {error}")),
            "{}",
            mine[0]
        );
        let stored = env.feed(name);
        assert!(
            stored["last_error"].as_str().unwrap().starts_with(error),
            "{stored}"
        );
        assert_eq!(stored["items"], 0);
    }
    assert!(out.contains("سليم: 5 new, 0 updated, 0 unchanged"), "{out}");
    assert!(out.contains("قابل للإصلاح: "), "{out}");
    assert!(!out.contains("قابل للإصلاح: failed"), "{out}");
    assert!(
        out.ends_with(&format!("fetched 2 of {} feeds: ", faults.len() + 2))
            || out.contains(&format!("fetched 2 of {} feeds: ", faults.len() + 2)),
        "{out}"
    );
    assert!(env.feed("قابل للإصلاح")["note"]
        .as_str()
        .unwrap()
        .contains("repaired broken XML"));

    // Only failing feeds: exit 1, and the good one's articles untouched.
    let failing = env.run(&["fetch", "صفحة", "خطأ", "مرفوض"]);
    assert_eq!(failing.status.code(), Some(1), "{}", text(&failing.stdout));
    assert!(text(&failing.stdout).contains("fetched 0 of 3 feeds"));
    // A feed that failed and then works has its error cleared.
    server.resource("/500", "application/rss+xml", fixture("rss091.xml"));
    env.ok(&["fetch", "خطأ"], 0);
    assert!(env.feed("خطأ")["last_error"].is_null());
}

#[test]
fn a_busy_server_is_left_alone_until_the_time_it_gave() {
    let server = Server::start();
    server.route("/busy", |_| {
        Reply::status(503).header("Retry-After", "3600")
    });
    let env = Env::new();
    env.subscribe(&[("مشغول", server.url("/busy"))]);
    let out = env.run(&["fetch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("مشغول: failed: the server is busy (HTTP 503)"),
        "{}",
        text(&out.stdout)
    );
    assert!(env.feed("مشغول")["retry_at"].is_string());
    let again = env.run(&["fetch"]);
    assert!(text(&again.stdout)
        .starts_with("مشغول: skipped: the server asked not to be fetched before "));
    assert_eq!(server.hits("/busy").len(), 1);
}

#[test]
fn opml_import_and_export_round_trip() {
    let env = Env::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/feeds/subscriptions.opml");
    let out = env.run(&["feed", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("subscribed to 8 feeds (0 already subscribed, 2 skipped)"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("«/rss.xml»: not an http, https or file address")
            && text(&out.stderr).contains("https://masaa.example/feed.json: listed twice"),
        "{}",
        text(&out.stderr)
    );
    let exported = env.ok(&["feed", "export"], 0);
    let original = sahifa::feeds::read_opml(&std::fs::read(&path).unwrap()).unwrap();
    let back = sahifa::feeds::read_opml(exported.as_bytes()).unwrap();
    assert_eq!(back.feeds.len(), 8);
    for sub in &back.feeds {
        let from = original.feeds.iter().find(|o| o.url == sub.url).unwrap();
        assert_eq!(
            (&sub.folder, &sub.site),
            (&from.folder, &from.site),
            "{}",
            sub.url
        );
        if let Some(title) = &from.title {
            assert_eq!(sub.title.as_ref(), Some(title));
        }
    }
    let untitled = back
        .feeds
        .iter()
        .find(|s| s.url.contains("untitled"))
        .unwrap();
    assert_eq!(untitled.title.as_deref(), Some("untitled.example"));
    // Exported, imported elsewhere, exported again: the same list.
    let file = env.tmp.path().join("exported.opml");
    std::fs::write(&file, &exported).unwrap();
    let elsewhere = Env::new();
    elsewhere.ok(&["feed", "import", file.to_str().unwrap()], 0);
    let twice = elsewhere.ok(&["feed", "export"], 0);
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("dateCreated"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&twice), strip(&exported));
    let broken = env.tmp.path().join("not.opml");
    std::fs::write(&broken, "<html><body>no</body></html>").unwrap();
    assert_eq!(
        env.run(&["feed", "import", broken.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

fn small_rss(tag: &str) -> String {
    let items: String = (0..5)
        .map(|i| format!("<item><guid>{tag}-{i}</guid><title>خبر {tag} رقم {i}</title><description>نص الخبر {i} من {tag}.</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{tag}</title>{items}</channel></rss>")
}

/// Starts `fetch`, reads its stdout until `lines` lines came (or stderr
/// says `stderr_word`), then kills it with SIGKILL.
fn kill_during_fetch(env: &Env, crash_point: Option<&str>, lines: usize) {
    let mut command = env.command(&["fetch", "--no-full-text"]);
    command.env("SAHIFA_FETCH_TIMEOUTS", "10,60");
    if let Some(point) = crash_point {
        command.env("SAHIFA_CRASH_POINT", point);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out_tx = tx.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = out_tx.send(line);
        }
    });
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(format!("stderr: {line}"));
        }
    });
    let mut seen = Vec::new();
    while seen
        .iter()
        .filter(|l: &&String| !l.starts_with("stderr: "))
        .count()
        < lines
        && !seen.iter().any(|l| l.contains("paused inside"))
    {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(line) => seen.push(line),
            Err(_) => panic!("fetch said only {seen:?}"),
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
}

#[test]
fn kill_9_during_a_fetch_loses_nothing_stored() {
    let server = Server::start();
    server.plain("/a.xml", "application/rss+xml", small_rss("ألف"));
    server.plain("/b.xml", "application/rss+xml", small_rss("باء"));
    server.route("/stall.xml", |_| Reply::status(200).with(Body::Hang));
    let env = Env::new();
    env.subscribe(&[
        ("ألف", server.url("/a.xml")),
        ("باء", server.url("/b.xml")),
        ("متوقف", server.url("/stall.xml")),
    ]);
    // Killed while one feed stalls: the two others are stored.
    kill_during_fetch(&env, None, 2);
    for name in ["ألف", "باء"] {
        let feed = env.feed(name);
        assert_eq!(feed["items"], 5, "{feed}");
        assert!(feed["last_fetched"].is_string());
    }
    assert_eq!(env.feed("متوقف")["last_fetched"], Value::Null);
    let list = env.json(&["list", "--json"]);
    let ours = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("خبر "))
        .count();
    assert_eq!(ours, 10);

    // Killed inside the second feed's transaction: the first is whole,
    // the second has nothing.
    let env = Env::new();
    env.subscribe(&[("ألف", server.url("/a.xml")), ("باء", server.url("/b.xml"))]);
    kill_during_fetch(&env, Some("fetch-pause"), 2);
    let items: Vec<u64> = ["ألف", "باء"]
        .iter()
        .map(|n| env.feed(n)["items"].as_u64().unwrap())
        .collect();
    let mut sorted = items.clone();
    sorted.sort();
    assert_eq!(sorted, [0, 5], "{items:?}");
    let never = ["ألف", "باء"]
        .iter()
        .filter(|n| env.feed(n)["last_fetched"].is_null())
        .count();
    assert_eq!(never, 1);
    // And the next fetch completes it.
    env.ok(&["fetch"], 0);
    assert!(["ألف", "باء"].iter().all(|n| env.feed(n)["items"] == 5));
}

#[test]
fn help_names_every_feed_command() {
    let env = Env::new();
    let help = env.ok(&["feed", "--help"], 0);
    for command in ["add", "list", "remove", "import", "export"] {
        assert!(help.contains(command), "{help}");
    }
    let fetch = env.ok(&["fetch", "--help"], 0);
    assert!(fetch.contains("--no-full-text") && fetch.contains("--json"));
    let empty = env.run(&["fetch"]);
    assert_eq!(empty.status.code(), Some(0));
    assert!(text(&empty.stderr).contains("no feeds yet"));
}
