//! The index must answer exactly as the scan it replaced: every keystroke of
//! typed and erased queries, compared with the scan filter's matcher on each
//! article, and the match counts the reader shows.

use crate::corpus::{synthetic, Article, Corpus};
use crate::search::scan_filter::ScanFilter;
use crate::search::{CorpusFilter, Query};
use crate::text::normalize::word_ranges;
use proptest::prelude::*;
use std::sync::OnceLock;

fn article(title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: format!("hand{}", title.len()),
        title: title.into(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        source: String::new(),
        meta: Default::default(),
        boilerplate: Vec::new(),
    }
}

/// Articles made for the corners of matching: «لل», proclitics, folds,
/// digits, Latin case, hyphens, empty and multi-line fields.
fn corner_articles() -> Vec<Article> {
    vec![
        article("للدروع", &["وللدفاع فللمدينة"]),
        article("", &["الدروع الواقية", "", "—", "وبالدفاع عن مدينة"]),
        article(
            "COVID-19 في خيرسون",
            &["أُعِيدَتْ إلى المستشفى ٢٠٢٢", "NLAW\nضد الدروع"],
        ),
        article("وزارة\nالدفاع", &["وزارة الدفاع الروسية", "لل ال و"]),
        article(
            "بغداد",
            &["وبغداد بالقرب من المدينة، للا شيء", "covid 19 Covid-19"],
        ),
        article("إيران وأوكرانيا", &["ايران اوكرانيا مستشفي مدينه"]),
    ]
}

fn corpus() -> &'static [Article] {
    static CORPUS: OnceLock<Vec<Article>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut articles = corner_articles();
        articles.extend(Corpus::bundled().articles);
        articles.extend(synthetic::generate(150, 11));
        articles
    })
}

/// Words of the corpus as written (so queries meet the same folds).
fn corpus_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = corpus()
            .iter()
            .take(40)
            .flat_map(|a| std::iter::once(&a.title).chain(&a.paragraphs))
            .flat_map(|t| word_ranges(t).map(|r| t[r].to_string()))
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// What the scan filter's matcher says of each article.
fn expected(scan: &ScanFilter, input: &str) -> Vec<u32> {
    let query = Query::parse(input);
    (0..corpus().len())
        .filter(|&i| query.is_empty() || scan.is_match(i, &query))
        .map(|i| i as u32)
        .collect()
}

/// Checks one keystroke: the matches, and the counts of some of them.
fn check(
    index: &mut CorpusFilter,
    scan: &mut ScanFilter,
    input: &str,
) -> Result<(), TestCaseError> {
    let got = index.matching(input);
    prop_assert_eq!(got.to_vec(), expected(scan, input), "query {:?}", input);
    prop_assert_eq!(
        &got,
        &scan.matching(input),
        "scan filter, query {:?}",
        input
    );
    let query = Query::parse(input);
    for &i in got.iter().take(40) {
        for skip_title in [false, true] {
            let i = i as usize;
            prop_assert_eq!(
                index.count(i, &query, skip_title),
                scan.count(i, &query, skip_title),
                "count of {:?} in {}",
                input,
                i
            );
        }
    }
    Ok(())
}

/// Types `text` key by key, then erases it.
fn type_and_erase(text: &str) -> Result<(), TestCaseError> {
    let mut index = CorpusFilter::new(corpus());
    let mut scan = ScanFilter::new(corpus());
    let mut typed = String::new();
    for c in text.chars() {
        typed.push(c);
        check(&mut index, &mut scan, &typed)?;
    }
    while typed.pop().is_some() {
        check(&mut index, &mut scan, &typed)?;
    }
    Ok(())
}

/// A query word: hand-picked, or a corpus word cut anywhere, with or
/// without a proclitic in front.
fn word() -> impl Strategy<Value = String> {
    let picked = prop::sample::select(vec![
        "للدروع",
        "الدروع",
        "للدفاع",
        "الدفاع",
        "دفاع",
        "ال",
        "لل",
        "وال",
        "بال",
        "ا",
        "مدينة",
        "مدينه",
        "المدينة",
        "مستشفى",
        "إيران",
        "ايران",
        "أوكرانيا",
        "NLAW",
        "nlaw",
        "Covid-19",
        "covid",
        "٢٠٢٢",
        "2022",
        "بغداد",
        "غداد",
        "خيرسون",
        "روسيا",
        "وزارة",
        "الروسية",
        "للا",
        "فللمدينة",
    ])
    .prop_map(str::to_string);
    let cut = (prop::sample::select(corpus_words()), 1..12usize)
        .prop_map(|(w, n)| w.chars().take(n).collect::<String>());
    let clitic = prop::sample::select(vec!["", "", "", "و", "ال", "بال", "لل", "وال", "ف"]);
    (prop_oneof![picked, cut], clitic).prop_map(|(w, c)| format!("{c}{w}"))
}

/// Words, exclusions and phrases (closed or still open), as typed.
fn query_text() -> impl Strategy<Value = String> {
    let item = (word(), word(), 0..7u8).prop_map(|(a, b, k)| match k {
        0 => format!("-{a}"),
        1 => format!("\"{a} {b}\""),
        2 => format!("-\"{a} {b}\""),
        3 => format!("«{a} {b}"),
        _ => a,
    });
    prop::collection::vec(item, 1..4).prop_map(|items| items.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        // Beside this file, not in a proptest-regressions/ at the top.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]
    #[test]
    fn typing_matches_the_scan(text in query_text()) {
        type_and_erase(&text)?;
    }
}

#[test]
fn hand_picked_queries_match_the_scan() {
    for text in [
        "\"وزارة الدفاع\"",
        "\"وزارة الدفاع\" -الروسية",
        "الدروع -للدروع",
        "للدروع الدفاع",
        "\"ضد الدروع\"",
        "\"الدفاع الروسية\" -\"وزارة الدفاع\"",
        "covid-19 -nlaw",
        "\"وزارة\" \"الدفاع عن\"",
        "\"لل ال و\"",
        "«للا شيء»",
        "-ال",
        "-\"وزارة الدفاع\"",
        "٢٠٢٢ أوكرانيا",
    ] {
        if let Err(e) = type_and_erase(text) {
            panic!("{e}");
        }
    }
}

/// «الد» matches «للدروع» but «ال» does not: typing «الد» after «ال»
/// must not be narrowed to what «ال» matched.
#[test]
fn the_lil_reading_is_not_lost_while_typing() {
    let only = [article("للدروع", &[])];
    let mut index = CorpusFilter::new(&only);
    assert!(index.matching("ال").is_empty());
    assert_eq!(index.matching("الد").to_vec(), [0]);
    assert_eq!(index.matching("\"الدروع\"").to_vec(), [0]);
    assert!(index.matching("الدروع -لل").is_empty());
}

#[test]
fn is_match_agrees_with_the_scan() {
    let index = CorpusFilter::new(corpus());
    let scan = ScanFilter::new(corpus());
    for input in ["خيرسون -روسيا", "\"الدفاع الروسية\"", "للدروع", "covid-19"]
    {
        let query = Query::parse(input);
        for i in 0..corpus().len() {
            assert_eq!(
                index.is_match(i, &query),
                scan.is_match(i, &query),
                "{input} {i}"
            );
        }
    }
}

#[test]
fn an_empty_corpus_matches_nothing() {
    let mut index = CorpusFilter::new(&[]);
    assert!(index.matching("خير").is_empty() && index.matching("").is_empty());
    assert_eq!(index.count(0, &Query::parse("خير"), false), 0);
}

/// Phrases are looked for from the first word's first position, which is
/// kept capped at 65,535: one further in must still be found.
#[test]
fn a_phrase_far_into_a_long_article() {
    let filler = "كلمة ".repeat(70_000);
    let long = [article("عنوان", &[&filler, "وزارة الدفاع"])];
    let mut index = CorpusFilter::new(&long);
    assert_eq!(index.matching("\"وزارة الدفاع\"").to_vec(), [0]);
    assert!(index.matching("\"كلمة وزارة\"").is_empty());
    assert_eq!(index.count(0, &Query::parse("\"وزارة الدفاع\""), true), 1);
}
