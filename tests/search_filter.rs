//! The corpus filter (lean texts, narrowing, cached results) must give
//! exactly what matching each article on its own gives, at every keystroke.

use proptest::prelude::*;
use sahifa::corpus::{synthetic, Article, Corpus};
use sahifa::search::{CorpusFilter, PreparedArticle, Query};

fn corpus() -> Vec<Article> {
    let mut articles = Corpus::bundled().articles;
    articles.extend(synthetic::generate(20, 3));
    articles
}

fn brute_force(articles: &[Article], input: &str) -> Vec<u32> {
    let query = Query::parse(input);
    articles
        .iter()
        .enumerate()
        .filter(|(_, a)| query.is_empty() || PreparedArticle::new(a).is_match(&query))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Words, prefixes, exclusions and phrases, as people type them.
fn query_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "خيرسون",
        "وخيرسون",
        "خير",
        "روسيا",
        "روس",
        "الروسية",
        "أوكرانيا",
        "اوكرانيا",
        "بوتين",
        "NLAW",
        "nlaw",
        "2022",
        "٢٠٢٢",
        "وزارة",
        "الدفاع",
        "حلف",
        "شمال",
        "الأطلسي",
        "القوات",
        "مدينة",
        "زيلينسكي",
        "كييف",
    ]);
    let item = (word, 0..6u8).prop_map(|(w, k)| match k {
        0 => format!("-{w}"),
        1 => format!("\"{w} "),
        _ => w.to_string(),
    });
    prop::collection::vec(item, 1..4).prop_map(|items| items.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn typing_gives_the_same_results_as_matching_each_article(text in query_text()) {
        let articles = corpus();
        let mut filter = CorpusFilter::new(&articles);
        let mut typed = String::new();
        for c in text.chars() {
            typed.push(c);
            let got = filter.matching(&typed);
            prop_assert_eq!(got.to_vec(), brute_force(&articles, &typed), "typed {:?}", typed);
        }
        // Backspacing through cached and fresh results.
        while typed.pop().is_some() {
            let got = filter.matching(&typed);
            prop_assert_eq!(got.to_vec(), brute_force(&articles, &typed), "erased to {:?}", typed);
        }
    }
}

#[test]
fn a_phrase_does_not_run_across_paragraphs() {
    let article = Article {
        id: "x".into(),
        title: "عنوان".into(),
        paragraphs: vec!["نهاية الفقرة روسيا".into(), "أوكرانيا في البداية".into()],
        source: String::new(),
        meta: Default::default(),
        boilerplate: Vec::new(),
    };
    let mut filter = CorpusFilter::new(std::slice::from_ref(&article));
    assert!(filter.matching("\"روسيا أوكرانيا\"").is_empty());
    assert_eq!(filter.matching("روسيا أوكرانيا").to_vec(), [0]);
}

#[test]
fn counts_equal_the_highlights_the_reader_shows() {
    let articles = corpus();
    let filter = CorpusFilter::new(&articles);
    for input in ["خيرسون", "روسيا الدفاع", "\"وزارة الدفاع\"", "NLAW"]
    {
        let query = Query::parse(input);
        // The reader shows counts for matching articles only.
        for (i, a) in articles.iter().enumerate() {
            let Some(hits) = PreparedArticle::new(a).hits(&query) else {
                continue;
            };
            let body_hits = hits.iter().filter(|h| h.paragraph != 0).count();
            assert_eq!(
                filter.count(i, &query, false),
                hits.len(),
                "{input} in {}",
                a.id
            );
            assert_eq!(
                filter.count(i, &query, true),
                body_hits,
                "{input} in {} (no title)",
                a.id
            );
        }
    }
}
