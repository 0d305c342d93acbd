//! HTML news pages (tests/data/html, written by tools/gen_html_fixtures.py
//! in the shape of several Arabic news sites): each page's known body is
//! extracted whole and little else, with its title, date and author; what
//! is removed is kept.

use sahifa::corpus::{Article, Corpus};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const SITES: [&str; 7] = [
    "bbc",
    "cnn",
    "jazeera",
    "jsonld",
    "noarticle",
    "old1256",
    "riyadh",
];

fn site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/html")
        .join(name)
}

struct Expected {
    published: Option<String>,
    author: Option<String>,
    title: String,
    body: Vec<String>,
}

fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(site(name).join("article.expected")).unwrap();
    let mut lines = text.lines();
    let meta: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let title = lines.next().unwrap().to_string();
    Expected {
        published: meta["published"].as_str().map(String::from),
        author: meta["author"].as_str().map(String::from),
        title,
        body: lines.skip(1).map(String::from).collect(),
    }
}

fn words(lines: &[String]) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in lines.iter().flat_map(|l| l.split_whitespace()) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.is_empty() {
            *bag.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    bag
}

/// Word precision and recall of `got` against `want`.
fn score(got: &[String], want: &[String]) -> (f64, f64) {
    let (got, want) = (words(got), words(want));
    let common: usize = got
        .iter()
        .map(|(w, &n)| n.min(want.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |bag: &HashMap<String, usize>| bag.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&got), common as f64 / total(&want))
}

fn main_article(corpus: &Corpus) -> &Article {
    corpus
        .articles
        .iter()
        .find(|a| a.source.ends_with("article.html"))
        .expect("the page loads")
}

#[test]
fn every_page_gives_its_body_title_date_and_author() {
    for name in SITES {
        let corpus = Corpus::load(&[site(name)]).unwrap();
        let a = main_article(&corpus);
        let want = expected(name);
        assert_eq!(a.title, want.title, "{name}");
        assert_eq!(a.meta.published, want.published, "{name}");
        assert_eq!(a.meta.author, want.author, "{name}");
        let (precision, recall) = score(&a.paragraphs, &want.body);
        assert!(
            precision >= 0.90 && recall >= 0.99,
            "{name}: precision {precision:.2}, recall {recall:.2}: {:#?}",
            a.paragraphs
        );
        assert_eq!(
            a.meta.lang.as_deref(),
            (name != "old1256").then_some("ar"),
            "{name}"
        );
        assert!(
            corpus
                .warnings
                .iter()
                .all(|w| !w.message.contains("U+FFFD")),
            "{name}: {:?}",
            corpus.warnings
        );
    }
}

#[test]
fn the_old_windows_1256_page_is_decoded_exactly() {
    let corpus = Corpus::load(&[site("old1256").join("article.html")]).unwrap();
    let a = main_article(&corpus);
    assert_eq!(a.paragraphs, expected("old1256").body);
    assert!(
        corpus.warnings.is_empty(),
        "declared, not guessed: {:?}",
        corpus.warnings
    );
}

#[test]
fn furniture_is_removed_but_kept_for_show_raw() {
    let corpus = Corpus::load(&[site("cnn")]).unwrap();
    let a = main_article(&corpus);
    for furniture in [
        "الأكثر تصفحاً",
        "© 2023 شبكة CNN. جميع الحقوق محفوظة.",
        "الرئيسية",
    ] {
        assert!(
            a.boilerplate.iter().any(|l| l.contains(furniture)),
            "{furniture}: {:?}",
            a.boilerplate
        );
        assert!(a.paragraphs.iter().all(|p| !p.contains(furniture)));
    }
    assert_eq!(
        a.meta
            .url
            .as_deref()
            .map(|u| u.starts_with("https://arabic.cnn.example/")),
        Some(true)
    );
    assert_eq!(
        a.meta.extra.get("dir").and_then(|d| d.as_str()),
        Some("rtl")
    );
}

#[test]
fn a_line_on_every_page_of_a_site_is_learned_as_furniture() {
    let promo = "حمّلوا تطبيق CNN بالعربية";
    // Read alone, nothing says the promotion line is the site's.
    let alone = Corpus::load(&[site("cnn").join("article.html")]).unwrap();
    assert!(main_article(&alone)
        .paragraphs
        .iter()
        .any(|p| p.contains(promo)));
    // With the site's other pages, it is furniture.
    let together = Corpus::load(&[site("cnn")]).unwrap();
    let a = main_article(&together);
    assert!(
        a.paragraphs.iter().all(|p| !p.contains(promo)),
        "{:#?}",
        a.paragraphs
    );
    assert!(a.boilerplate.iter().any(|l| l.contains(promo)));
    assert_eq!(together.articles.len(), 3, "the other pages load too");
}

#[test]
fn a_page_given_by_name_is_read_as_html_not_as_text() {
    let corpus = Corpus::load(&[site("jazeera").join("article.html")]).unwrap();
    let a = main_article(&corpus);
    assert!(
        !a.title.contains('<') && !a.title.contains("الجزيرة نت"),
        "{}",
        a.title
    );
    assert!(a.paragraphs.len() < 10, "{}", a.paragraphs.len());
}
