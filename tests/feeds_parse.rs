//! Feed parsing on fixtures written for these tests: every format feeds
//! come in, Arabic in UTF-8 and windows-1256, broken XML, pages instead of
//! feeds. (Fetching them over HTTP is `feeds_http.rs`.)

use sahifa::feeds::{parse_feed, FeedFormat, FeedItem, IdSource, ParseError, ParsedFeed};
use url::Url;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const BASE: &str = "http://127.0.0.1:8080";

/// A fixture as the test server sends it (`{{BASE}}` filled in).
fn served(name: &str) -> Vec<u8> {
    String::from_utf8_lossy(&fixture(name))
        .replace("{{BASE}}", BASE)
        .into_bytes()
}

fn parse(name: &str, content_type: Option<&str>) -> ParsedFeed {
    let url = Url::parse(&format!("{BASE}/{name}")).unwrap();
    let bytes = if name.ends_with("cp1256.xml") {
        fixture(name)
    } else {
        served(name)
    };
    parse_feed(&bytes, content_type, &url).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn item<'a>(feed: &'a ParsedFeed, title_start: &str) -> &'a FeedItem {
    feed.items
        .iter()
        .find(|i| {
            i.title
                .as_deref()
                .is_some_and(|t| t.starts_with(title_start))
        })
        .unwrap_or_else(|| {
            panic!(
                "no item «{title_start}…» in {:?}",
                feed.items.iter().map(|i| &i.title).collect::<Vec<_>>()
            )
        })
}

#[test]
fn rss2_in_utf8_keeps_every_field() {
    let feed = parse("rss2_utf8.xml", Some("application/rss+xml; charset=utf-8"));
    assert_eq!(feed.format, FeedFormat::Rss2);
    assert_eq!(
        feed.title.as_deref(),
        Some("أخبار الخليج اليوم - آخر الأخبار")
    );
    assert_eq!(feed.site.as_deref(), Some("https://akhbar.example/"));
    assert_eq!(feed.language.as_deref(), Some("ar"));
    assert_eq!(feed.items.len(), 5);
    assert!(feed.notes.is_empty(), "{:?}", feed.notes);

    let plant = item(&feed, "افتتاح أكبر محطة");
    assert_eq!(
        (plant.id.as_str(), plant.id_source),
        ("akh-2024-0514-001", IdSource::Guid)
    );
    assert_eq!(
        plant.link.as_deref(),
        Some("https://akhbar.example/economy/2024/05/14/desalination-plant")
    );
    assert_eq!(plant.published.as_deref(), Some("2024-05-14T06:15:00Z"));
    assert_eq!(plant.authors, ["سارة المنصوري"]);
    assert_eq!(plant.categories, ["اقتصاد", "طاقة & مياه"]);
    assert_eq!(plant.enclosures.len(), 1);
    assert_eq!(
        plant.enclosures[0].url,
        "https://akhbar.example/img/plant.jpg"
    );
    assert_eq!(plant.enclosures[0].mime.as_deref(), Some("image/jpeg"));
    let content = plant.content.as_ref().expect("content:encoded");
    assert!(content.html);
    let paragraphs = content.paragraphs();
    assert_eq!(paragraphs.len(), 7, "{paragraphs:#?}"); // six and the caption
    assert!(paragraphs[0].starts_with("افتُتحت صباح اليوم الثلاثاء"));
    assert!(!plant.summary_only, "six full paragraphs are an article");

    let aid = item(&feed, "قافلة مساعدات");
    assert_eq!(aid.id_source, IdSource::Guid);
    assert_eq!(
        aid.link.as_deref(),
        Some("http://127.0.0.1:8080/articles/aid-convoy.html")
    );
    assert!(aid.content.is_none());
    assert!(aid.summary_only, "two sentences are a summary");

    let market = item(&feed, "البورصة");
    assert!(market.summary_only);
    assert_eq!(market.authors, Vec::<String>::new());

    let oil = item(&feed, "Reuters");
    assert_eq!(
        oil.id_source,
        IdSource::Link,
        "no guid: the link is the identity"
    );
    assert_eq!(oil.id, "https://akhbar.example/energy/oil-prices-rise");
    assert_eq!(oil.published.as_deref(), Some("2024-05-14T07:45:00Z"));

    let podcast = item(&feed, "بودكاست");
    assert_eq!(podcast.id_source, IdSource::Hash, "no guid, no link");
    assert_eq!(podcast.link, None);
    assert!(!podcast.summary_only, "nothing to fetch without a link");
    assert_eq!(
        podcast.enclosures[0].url,
        "https://akhbar.example/podcast/2024-05-14.mp3"
    );
    assert_eq!(podcast.enclosures[0].length, Some(9_452_318));
    assert_eq!(podcast.enclosures[0].mime.as_deref(), Some("audio/mpeg"));
}

#[test]
fn hash_identity_is_stable_and_follows_the_content() {
    let a = parse("rss2_utf8.xml", None);
    let b = parse("rss2_utf8.xml", None);
    assert_eq!(item(&a, "بودكاست").id, item(&b, "بودكاست").id);
    let edited = String::from_utf8(served("rss2_utf8.xml"))
        .unwrap()
        .replace("في عشر دقائق", "في خمس عشرة دقيقة");
    let url = Url::parse(BASE).unwrap();
    let c = parse_feed(edited.as_bytes(), None, &url).unwrap();
    assert_ne!(item(&a, "بودكاست").id, item(&c, "بودكاست").id);
    // Items with a guid keep their identity when edited.
    assert_eq!(item(&a, "قافلة").id, item(&c, "قافلة").id);
}

const CP1256_TITLES: [&str; 3] = [
    "الحكومة تُقرّ موازنة العام المقبل بعجز أقل من المتوقع",
    "مهرجان الشعر العربي يكرّم شعراء من إيران وپاکستان",
    "طقس الغد: أجواء حارة نهاراً ورياح نشطة على السواحل",
];

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items
        .iter()
        .filter_map(|i| i.title.as_deref())
        .collect()
}

#[test]
fn windows_1256_reads_right_however_it_is_labelled() {
    let bytes = fixture("rss2_cp1256.xml");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is windows-1256"
    );
    let url = Url::parse("http://alwatan.example/rss.aspx").unwrap();
    let no_declaration = {
        let end = bytes.windows(2).position(|w| w == b"?>").unwrap() + 2;
        bytes[end..].to_vec()
    };
    for (what, bytes, content_type) in [
        (
            "header and declaration",
            &bytes,
            Some("text/xml; charset=windows-1256"),
        ),
        ("declaration only", &bytes, Some("text/xml")),
        (
            "a wrong utf-8 header",
            &bytes,
            Some("application/rss+xml; charset=UTF-8"),
        ),
        ("nothing at all", &no_declaration, None),
        (
            "nothing but a wrong header",
            &no_declaration,
            Some("text/xml; charset=utf-8"),
        ),
    ] {
        let feed = parse_feed(bytes, content_type, &url).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(titles(&feed), CP1256_TITLES, "{what}");
        assert_eq!(
            feed.title.as_deref(),
            Some("جريدة الوطن - الصفحة الأولى"),
            "{what}"
        );
        let poetry = feed.items[1].summary.as_ref().unwrap();
        assert!(
            poetry.text.ends_with("50 ألف €."),
            "{what}: {}",
            poetry.text
        );
        assert!(feed.notes.is_empty(), "{what}: {:?}", feed.notes);
    }
}

#[test]
fn atom_with_relative_links_and_html_titles() {
    let feed = parse("atom.xml", Some("application/atom+xml"));
    assert_eq!(feed.format, FeedFormat::Atom);
    assert_eq!(feed.title.as_deref(), Some("مدونة <التقنية> بالعربي"));
    assert_eq!(feed.site.as_deref(), Some("https://blog.tech-ar.example/"));
    let post = item(&feed, "كيف تعمل");
    assert_eq!(post.id, "tag:blog.tech-ar.example,2024:post-311");
    assert_eq!(
        post.link.as_deref(),
        Some("https://blog.tech-ar.example/posts/2024/llm-arabic.html")
    );
    assert_eq!(post.published.as_deref(), Some("2024-05-13T12:30:00Z"));
    assert_eq!(post.updated.as_deref(), Some("2024-05-13T15:00:00Z"));
    assert_eq!(post.authors, ["خالد العتيبي", "منى حداد"]);
    assert_eq!(post.categories, ["ذكاء اصطناعي", "nlp"]);
    assert_eq!(
        post.enclosures[0].url,
        "https://blog.tech-ar.example/files/llm-arabic.pdf"
    );
    assert_eq!(post.enclosures[0].length, Some(482_113));
    assert_eq!(post.content.as_ref().unwrap().paragraphs().len(), 5);
    assert!(!post.summary.as_ref().unwrap().html);
    assert!(!post.summary_only);

    let release = item(&feed, "إصدار 2.0 من مكتبة المعالجة");
    assert_eq!(
        release.published.as_deref(),
        Some("2024-05-10T09:00:00Z"),
        "updated stands in"
    );
    assert!(release.summary_only);
    assert_eq!(
        release.body().unwrap().paragraphs(),
        ["صدر الإصدار الثاني من المكتبة مع دعم كامل للنصوص ثنائية الاتجاه…"]
    );
}

#[test]
fn json_feed() {
    let feed = parse("feed.json", Some("application/feed+json"));
    assert_eq!(feed.format, FeedFormat::JsonFeed);
    assert_eq!(feed.title.as_deref(), Some("نشرة المساء"));
    let strike = item(&feed, "إضراب");
    assert_eq!(strike.id, "masaa-77120");
    assert_eq!(
        strike.link.as_deref(),
        Some("https://masaa.example/2024/05/13/transport-strike")
    );
    assert_eq!(strike.authors, ["ليلى حسن"]);
    assert_eq!(strike.categories, ["محليات", "نقل"]);
    assert_eq!(strike.published.as_deref(), Some("2024-05-13T14:05:00Z"));
    assert_eq!(strike.updated.as_deref(), Some("2024-05-13T15:30:00Z"));
    assert_eq!(strike.enclosures[0].mime.as_deref(), Some("video/mp4"));
    assert_eq!(strike.enclosures[0].length, Some(30_411_220));
    assert_eq!(strike.content.as_ref().unwrap().paragraphs().len(), 5);
    assert!(!strike.summary_only);
    let exams = item(&feed, "إعلان نتائج");
    assert!(!exams.content.as_ref().unwrap().html);
    assert!(exams.summary_only);
}

#[test]
fn rdf_and_rss_091() {
    let rdf = parse("rdf.xml", None);
    assert_eq!(rdf.format, FeedFormat::Rss1);
    assert_eq!(rdf.items.len(), 2);
    let first = &rdf.items[0];
    assert_eq!(
        first.title.as_deref(),
        Some("المخطوطات العربية في مكتبات أوروبا: كنوز تنتظر الرقمنة")
    );
    assert_eq!(
        first.link.as_deref(),
        Some("http://archive.example/articles/1021")
    );
    assert_eq!(first.published.as_deref(), Some("2024-05-12T09:00:00Z"));
    assert_eq!(first.authors, ["د. يوسف الشامي"]);
    // dc:subject is one of the few fields feed-rs does not read in RSS 1.0.

    let old = parse("rss091.xml", None);
    assert_eq!(old.format, FeedFormat::Rss0);
    assert_eq!(titles(&old), ["نشرة الساعة الثامنة", "نشرة الساعة التاسعة"]);
    assert_eq!(old.items[1].id_source, IdSource::Link);
}

#[test]
fn broken_but_readable_xml_is_recovered_and_says_so() {
    let feed = parse("broken.xml", Some("application/rss+xml"));
    assert_eq!(feed.title.as_deref(), Some("أخبار Q&A الرياضية"));
    assert_eq!(feed.description.as_deref(), Some("كل الأخبار «أولاً بأول»"));
    assert_eq!(
        titles(&feed),
        [
            "الأهلي & الزمالك: موعد القمة المرتقبة",
            "نتائج الجولة العشرين…"
        ]
    );
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some("http://sport.example/match?id=5&lang=ar")
    );
    assert_eq!(
        feed.items[0].body().unwrap().paragraphs(),
        ["تقام المباراة يوم الجمعة & تنقل مباشرة."],
        "CDATA is left as it was"
    );
    assert_eq!(feed.notes.len(), 1, "{:?}", feed.notes);
    assert!(
        feed.notes[0].starts_with("repaired broken XML: "),
        "{:?}",
        feed.notes
    );
}

#[test]
fn what_cannot_be_read_is_a_clear_error() {
    let url = Url::parse("http://news.example/feed").unwrap();
    let err = |bytes: &[u8], ct: Option<&str>| parse_feed(bytes, ct, &url).unwrap_err();
    match err(&fixture("truncated.xml"), None) {
        ParseError::Xml(m) => assert!(!m.contains('\n'), "{m}"),
        other => panic!("truncated: {other:?}"),
    }
    assert_eq!(err(b"  \n", None), ParseError::Empty);
    assert_eq!(err(b"", Some("text/xml")), ParseError::Empty);
    assert_eq!(
        err(b"<html-ish>nonsense</html-ish>", None),
        ParseError::NotAFeed
    );
    assert_eq!(
        err(b"just some text", Some("text/plain")),
        ParseError::NotAFeed
    );
    assert!(matches!(err(b"{\"version\": 3", None), ParseError::Json(_)));
    assert!(matches!(
        err(b"\x00\x01\x02\xff\xfe\x00binary", None),
        ParseError::NotAFeed | ParseError::Xml(_)
    ));
    let page = err(&fixture("page_no_feed.html"), Some("text/html"));
    assert_eq!(page, ParseError::HtmlPage);
    assert_eq!(
        page.to_string(),
        "a web page, not a feed, and it names no feed"
    );
    let page = err(
        &fixture("page_with_feeds.html"),
        Some("text/html; charset=utf-8"),
    );
    assert_eq!(
        page,
        ParseError::HtmlPageWithFeeds(vec![
            "http://news.example/feeds/latest.xml".into(),
            "http://news.example/feeds/economy.atom".into(),
        ])
    );
}

#[test]
fn hostile_bytes_never_panic() {
    let url = Url::parse("http://news.example/feed").unwrap();
    let rss = served("rss2_utf8.xml");
    // Every prefix length in steps, and bytes flipped here and there.
    for cut in (0..rss.len()).step_by(97) {
        let _ = parse_feed(&rss[..cut], None, &url);
    }
    let mut flipped = rss.clone();
    for i in (0..flipped.len()).step_by(53) {
        flipped[i] ^= 0xA5;
    }
    let _ = parse_feed(&flipped, Some("text/xml"), &url);
    let deep =
        "<rss version=\"2.0\"><channel>".to_string() + &"<x>".repeat(50_000) + "</channel></rss>";
    let _ = parse_feed(deep.as_bytes(), None, &url);
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>"#;
    let _ = parse_feed(bomb.as_bytes(), None, &url);
}
