//! Files as they come: old Arabic encodings, other datasets' field names
//! and dates, title-only and untitled articles, a site's repeated lines.

use sahifa::corpus::{Corpus, WarningKind};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/encodings")
        .join(name)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// The page every encoding fixture holds: title, then paragraphs.
fn expected() -> (String, Vec<String>) {
    let text = fs::read_to_string(data("expected.utf8")).unwrap();
    let mut lines = text.lines().filter(|l| !l.is_empty()).map(String::from);
    let title = lines.next().unwrap();
    (title, lines.collect())
}

#[test]
fn legacy_arabic_encodings_and_utf16_come_out_exactly() {
    let (title, body) = expected();
    for name in [
        "windows-1256.txt",
        "iso-8859-6.txt",
        "utf-16le.txt",
        "utf-16be.jsonl",
        "utf-8-bom.json",
        "windows-1256.jsonl",
        "iso-8859-6-meta.html",
    ] {
        let corpus = Corpus::load(&[data(name)]).unwrap();
        assert!(!corpus.articles.is_empty(), "{name}: {:?}", corpus.warnings);
        for a in &corpus.articles {
            assert_eq!((&a.title, &a.paragraphs), (&title, &body), "{name}");
        }
        // Guessing is said (once per file); nothing is replaced by U+FFFD.
        for w in &corpus.warnings {
            assert_eq!(w.kind, WarningKind::Guessed, "{name}: {w}");
        }
        let guessed = corpus.warnings.len();
        let undeclared = ["windows-1256.txt", "iso-8859-6.txt", "windows-1256.jsonl"];
        assert_eq!(guessed, usize::from(undeclared.contains(&name)), "{name}");
    }
}

#[test]
fn a_utf8_file_with_a_few_bad_bytes_stays_utf8() {
    let dir = TempDir::new().unwrap();
    let mut bytes = "عنوان\n\nنص".as_bytes().to_vec();
    bytes.push(0xff);
    bytes.extend(" باقي.\n".as_bytes());
    let c = Corpus::load(&[write(dir.path(), "a.txt", bytes)]).unwrap();
    assert_eq!(c.articles[0].paragraphs, ["نص\u{fffd} باقي."]);
    assert_eq!(c.warnings[0].kind, WarningKind::Lossy);
}

#[test]
fn a_dataset_with_other_field_names_and_dates_loads_whole() {
    let dir = TempDir::new().unwrap();
    // The shape of a public dataset of Saudi newspaper articles.
    let records: Vec<serde_json::Value> = (0..40)
        .map(|i| {
            serde_json::json!({
                "title": format!("خبر رقم {i}"),
                "content": format!("الفقرة الأولى من الخبر {i}.\nالفقرة الثانية."),
                "date_extracted": "2015-08-11 13:44:43",
                "url": format!("https://www.okaz.example/news/{i}"),
                "source": "okaz",
                "author": "محرر",
            })
        })
        .collect();
    let json = write(
        dir.path(),
        "saudi.json",
        serde_json::to_string(&records).unwrap(),
    );
    let c = Corpus::load(&[json]).unwrap();
    assert_eq!(c.articles.len(), 40);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let a = &c.articles[3];
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(a.meta.published.as_deref(), Some("2015-08-11T13:44:43"));
    assert_eq!(a.meta.author.as_deref(), Some("محرر"));
    assert!(a.meta.extra.is_empty(), "{:?}", a.meta.extra);
    // Wrapped in an object, as some exports are; Arabic and RSS dates.
    let wrapped = serde_json::json!({"count": 2, "articles": [
        {"headline": "أ", "maintext": "نص.", "pubDate": "Tue, 11 Aug 2015 13:44:43 +0300"},
        {"headline": "ب", "text": ["نص."], "date": "١١ آب ٢٠١٥", "link": "https://x.example/b"},
    ]});
    let c = Corpus::load(&[write(dir.path(), "wrapped.json", wrapped.to_string())]).unwrap();
    let dates: Vec<_> = c
        .articles
        .iter()
        .map(|a| a.meta.published.clone())
        .collect();
    assert_eq!(
        dates,
        [
            Some("2015-08-11T13:44:43+03:00".into()),
            Some("2015-08-11".into())
        ]
    );
}

#[test]
fn a_file_with_no_article_says_why_in_one_line() {
    let dir = TempDir::new().unwrap();
    let lines: String = (0..500)
        .map(|i| format!("{{\"headline_ar\": \"ع{i}\", \"html\": \"<p>x</p>\"}}\n"))
        .collect();
    let c = Corpus::load(&[write(dir.path(), "odd.jsonl", lines)]).unwrap();
    assert!(c.articles.is_empty());
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let w = &c.warnings[0];
    assert_eq!(w.kind, WarningKind::NoArticles);
    assert!(
        w.message.contains("500 records")
            && w.message.contains("content")
            && w.message.contains("fields seen: headline_ar, html"),
        "{w}"
    );
}

#[test]
fn unknown_dates_are_kept_and_warned_about_by_kind() {
    let dir = TempDir::new().unwrap();
    let lines: String = (0..30)
        .map(|i| {
            format!("{{\"title\": \"t{i}\", \"body\": \"b\", \"published\": \"قبل {i} ساعات\"}}\n")
        })
        .collect();
    let c = Corpus::load(&[write(dir.path(), "d.jsonl", lines)]).unwrap();
    assert_eq!(c.articles.len(), 30);
    assert!(c.articles[4].meta.extra["published"]
        .as_str()
        .unwrap()
        .contains('4'));
    let groups = sahifa::corpus::group_warnings(&c.warnings);
    assert_eq!(groups.len(), 1);
    assert_eq!((groups[0].kind, groups[0].count), (WarningKind::Date, 30));
}

#[test]
fn titles_and_title_only_articles_are_alike_in_every_format() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    // A title-only page, and the same article as JSON and JSONL.
    write(d, "a/only.txt", "انفجار في ميناء المدينة!\n");
    write(d, "a/only.json", r#"{"title": "انفجار في ميناء المدينة!"}"#);
    write(
        d,
        "a/only.jsonl",
        "{\"title\": \"انفجار في ميناء المدينة!\"}\n",
    );
    // No headline: the lead sentence, never cut inside «..».
    let lead = "شاهد.. لحظة وصول الوفد إلى المطار. وكان في استقباله الوزير.";
    write(
        d,
        "b/lead.txt",
        format!("{lead}\nفقرة ثانية.\n\nفقرة ثالثة.\n"),
    );
    write(
        d,
        "b/lead.jsonl",
        format!("{{\"title\": \"\", \"body\": \"{lead}\\nفقرة ثانية.\\nفقرة ثالثة.\"}}\n"),
    );
    let c = Corpus::load(&[d.to_path_buf()]).unwrap();
    let summary: Vec<(String, usize)> = c
        .articles
        .iter()
        .map(|a| (a.title.clone(), a.paragraphs.len()))
        .collect();
    let only = ("انفجار في ميناء المدينة!".to_string(), 0);
    let lead_title = ("شاهد.. لحظة وصول الوفد إلى المطار.".to_string(), 3);
    assert_eq!(
        summary,
        [
            only.clone(),
            only.clone(),
            only,
            lead_title.clone(),
            lead_title
        ]
    );
    // The records share a content hash: only their ids are renamed.
    assert!(
        c.warnings
            .iter()
            .all(|w| w.kind == WarningKind::DuplicateId),
        "{:?}",
        c.warnings
    );
}

/// `count` pages of one site in `dir`, each with its own text and the
/// `shared` lines on the first `with_shared` of them.
fn site_pages(dir: &Path, count: usize, with_shared: usize, shared: &[&str]) {
    for i in 0..count {
        let mut page = format!("خبر رقم {i} عن المدينة\n\n");
        if i < with_shared {
            for line in shared {
                page.push_str(line);
                page.push_str("\n\n");
            }
        }
        page.push_str(&format!(
            "هذه فقرة فريدة في الصفحة رقم {i} تروي ما حدث في الحي.\n"
        ));
        write(dir, &format!("p{i:04}.txt"), page);
    }
}

#[test]
fn lines_repeated_across_a_sites_pages_are_furniture_and_kept() {
    let dir = TempDir::new().unwrap();
    let nav = "الرئيسية | محليات | رياضة | اتصل بنا";
    site_pages(dir.path(), 5, 3, &[nav]);
    let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(c.articles.len(), 5);
    for a in &c.articles {
        assert!(a.paragraphs.iter().all(|p| p != nav), "{:?}", a.paragraphs);
        assert_eq!(a.paragraphs.len(), 1);
    }
    assert!(c.articles[0].boilerplate.iter().any(|l| l == nav));
}

#[test]
fn a_phrase_in_two_pages_of_a_thousand_is_not_furniture() {
    let dir = TempDir::new().unwrap();
    let phrase = "وقال المتحدث باسم الوزارة إن التحقيق مستمر.";
    site_pages(dir.path(), 1000, 2, &[phrase]);
    let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(c.articles.len(), 1000);
    assert_eq!(
        c.articles[0].paragraphs.first().map(String::as_str),
        Some(phrase)
    );
    assert_eq!(c.articles[1].paragraphs.len(), 2);
}

#[test]
fn the_same_page_three_times_is_not_emptied() {
    let dir = TempDir::new().unwrap();
    for i in 0..3 {
        write(
            dir.path(),
            &format!("copy{i}.txt"),
            "عنوان مكرر\n\nنص مكرر في كل نسخة.\n",
        );
    }
    let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(c.articles.len(), 3);
    assert!(c.articles.iter().all(|a| a.paragraphs.len() == 1));
}
