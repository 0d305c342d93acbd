//! OPML import and export: nested folders, attribute spellings seen in the
//! wild, what is skipped and why, and an export that reads back the same.

use sahifa::feeds::{read_opml, write_opml, OpmlError, Subscription};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn sub(url: &str, title: Option<&str>, site: Option<&str>, folder: &[&str]) -> Subscription {
    Subscription {
        url: url.into(),
        title: title.map(Into::into),
        site: site.map(Into::into),
        folder: folder.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn a_real_world_export_is_read_whole() {
    let file = read_opml(&fixture("subscriptions.opml")).unwrap();
    assert_eq!(file.title.as_deref(), Some("اشتراكاتي & مفضلاتي"));
    assert_eq!(
        file.feeds,
        [
            sub(
                "https://akhbar.example/rss/latest.xml",
                Some("أخبار الخليج اليوم"),
                Some("https://akhbar.example/"),
                &["أخبار", "عربية"]
            ),
            sub(
                "http://alwatan.example/rss.aspx?cat=1&lang=ar",
                Some("جريدة الوطن"),
                None,
                &["أخبار", "عربية"]
            ),
            sub(
                "https://world.example/feed/",
                Some("World & Politics"),
                None,
                &["أخبار"]
            ),
            sub(
                "https://blog.tech-ar.example/feeds/atom.xml",
                Some("مدونة التقنية"),
                None,
                &["تقنية"]
            ),
            sub(
                "https://nested.example/rss",
                Some("nested under a feed"),
                None,
                &["تقنية"]
            ),
            sub(
                "https://masaa.example/feed.json",
                Some("نشرة المساء"),
                None,
                &[]
            ),
            sub(
                "file:///home/user/feeds/local.xml",
                Some("local"),
                None,
                &[]
            ),
            sub("https://untitled.example/rss", None, None, &[]),
        ]
    );
    assert_eq!(
        file.skipped,
        [
            "https://masaa.example/feed.json: listed twice",
            "«/rss.xml»: not an http, https or file address",
        ]
    );
}

#[test]
fn export_is_opml_2_and_reads_back_the_same() {
    let feeds = read_opml(&fixture("subscriptions.opml")).unwrap().feeds;
    let created = chrono::DateTime::parse_from_rfc3339("2024-05-14T10:00:00Z")
        .unwrap()
        .to_utc();
    let written = write_opml("اشتراكات sahifa", &feeds, Some(created));
    assert!(
        written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">")
    );
    assert!(written.contains("<dateCreated>Tue, 14 May 2024 10:00:00 +0000</dateCreated>"));
    assert!(written.contains("xmlUrl=\"http://alwatan.example/rss.aspx?cat=1&amp;lang=ar\""));
    assert!(written.contains("text=\"World &amp; Politics\""));
    let back = read_opml(written.as_bytes()).unwrap();
    assert_eq!(back.title.as_deref(), Some("اشتراكات sahifa"));
    assert_eq!(back.feeds, feeds);
    assert!(back.skipped.is_empty());
    // And once more, byte for byte.
    assert_eq!(
        write_opml("اشتراكات sahifa", &back.feeds, Some(created)),
        written
    );
}

#[test]
fn awkward_values_survive_the_round_trip() {
    let feeds = vec![
        sub(
            "https://a.example/rss?x=1&y=\"2\"",
            Some("<عنوان> & \"اقتباس\" 'مفرد'"),
            Some("https://a.example/"),
            &[],
        ),
        sub(
            "https://b.example/feed",
            Some("ب"),
            None,
            &["مجلد <1>", "داخلي & فرعي"],
        ),
        sub("https://c.example/feed", None, None, &["مجلد <1>"]),
        sub("https://d.example/feed", Some("د"), None, &["آخر"]),
    ];
    let back = read_opml(write_opml("t", &feeds, None).as_bytes()).unwrap();
    let urls: Vec<_> = back.feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://a.example/rss?x=1&y=%222%22",
            "https://b.example/feed",
            "https://c.example/feed",
            "https://d.example/feed"
        ],
        "the address is normalised once, the order kept"
    );
    for (got, want) in back.feeds.iter().zip(&feeds) {
        assert_eq!(
            (&got.title, &got.site, &got.folder),
            (&want.title, &want.site, &want.folder)
        );
    }
    assert!(write_opml("empty", &[], None).contains("<body>\n  </body>"));
    assert!(read_opml(write_opml("empty", &[], None).as_bytes())
        .unwrap()
        .feeds
        .is_empty());
}

#[test]
fn other_encodings_and_hand_edited_files() {
    let utf8 = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><opml version=\"1.1\"><body>\
                <outline text=\"أخبار الوطن\" xmlUrl=\"http://alwatan.example/rss\"/></body></opml>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(utf8);
    let file = read_opml(&bytes).unwrap();
    assert_eq!(file.feeds[0].title.as_deref(), Some("أخبار الوطن"));
    let hand = "<opml><body><outline text=\"Q&A &nbsp;news\" xmlUrl=\"http://qa.example/rss?a=1&b=2\"/></body></opml>";
    let file = read_opml(hand.as_bytes()).unwrap();
    assert_eq!(file.feeds[0].url, "http://qa.example/rss?a=1&b=2");
    assert_eq!(file.feeds[0].title.as_deref(), Some("Q&A news"));
}

#[test]
fn what_is_not_opml_says_so() {
    assert_eq!(
        read_opml(b"<rss version=\"2.0\"><channel/></rss>").unwrap_err(),
        OpmlError::NotOpml("<rss>".into())
    );
    assert_eq!(
        read_opml(b"").unwrap_err(),
        OpmlError::NotOpml("empty".into())
    );
    match read_opml(b"<opml>\n<body>\n<outline text=\"a\" xmlUrl=\"http://a/\">\n</body></opml>")
        .unwrap_err()
    {
        OpmlError::Xml { line, reason } => {
            assert_eq!(line, 4, "{reason}");
            assert!(!reason.contains('\n'));
        }
        other => panic!("{other:?}"),
    }
}
