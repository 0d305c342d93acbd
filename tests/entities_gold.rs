//! Precision and recall per kind against hand-written gold annotations of
//! the bundled seed articles (tests/data/entities_gold.json). Run with
//! `cargo test --test entities_gold -- --nocapture` to see the figures.

use sahifa::corpus::Corpus;
use sahifa::entities::{Detector, Kind};
use sahifa::text::normalize::normalize;
use std::collections::BTreeMap;

/// Floors for (precision, recall); the build fails below them.
const FLOORS: [(Kind, f64, f64); 5] = [
    (Kind::Person, 0.90, 0.85),
    (Kind::Location, 0.90, 0.85),
    (Kind::Organization, 0.90, 0.85),
    (Kind::Number, 0.85, 0.85),
    (Kind::Date, 0.85, 0.85),
];

/// Comparison key: normalised, without a leading article.
fn key(text: &str) -> String {
    let n = normalize(text);
    n.strip_prefix("ال").map(str::to_string).unwrap_or(n)
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

#[test]
fn seed_precision_and_recall() {
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("data/entities_gold.json")).unwrap();
    let detector = Detector::builtin().unwrap();
    let corpus = Corpus::bundled();
    let mut scores: BTreeMap<Kind, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for article in &corpus.articles {
        let fields = std::iter::once(&article.title).chain(&article.paragraphs);
        let mentions = detector.detect_article(article);
        for (field, text) in fields.enumerate() {
            let mut want: Vec<(String, Kind)> = gold["articles"][&article.id][field.to_string()]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|m| {
                            let kind = Kind::parse(m[1].as_str().unwrap()).unwrap();
                            (key(m[0].as_str().unwrap()), kind)
                        })
                        .collect()
                })
                .unwrap_or_default();
            for m in mentions.iter().filter(|m| m.field == field) {
                // The seed gold tags institutions named by a common head
                // noun («وزارة الدفاع الروسية») as organisations; sahifa
                // shows those the tagger does not take for a name as
                // institutions (ANERcorp's convention: «وزارة» is never
                // tagged there). Here they are the gold's organisations.
                let kind = match m.kind {
                    Kind::Institution => Kind::Organization,
                    k => k,
                };
                let got = (key(&text[m.range.clone()]), kind);
                let s = scores.entry(kind).or_default();
                match want.iter().position(|w| *w == got) {
                    Some(i) => {
                        want.swap_remove(i);
                        s.tp += 1;
                    }
                    None => {
                        s.fp += 1;
                        misses.push(format!(
                            "  FP {}:{field} {} {:?}",
                            &article.id[..3],
                            got.0,
                            got.1
                        ));
                    }
                }
            }
            for (text, kind) in want {
                scores.entry(kind).or_default().fn_ += 1;
                misses.push(format!("  FN {}:{field} {text} {kind:?}", &article.id[..3]));
            }
        }
    }
    println!("{}", misses.join("\n"));
    println!("kind          precision  recall   (tp fp fn)");
    let mut failures = Vec::new();
    for (kind, s) in &scores {
        let p = s.tp as f64 / (s.tp + s.fp).max(1) as f64;
        let r = s.tp as f64 / (s.tp + s.fn_).max(1) as f64;
        println!(
            "{:<13} {p:>9.3} {r:>7.3}   ({} {} {})",
            kind.name(),
            s.tp,
            s.fp,
            s.fn_
        );
        if let Some((_, fp, fr)) = FLOORS.iter().find(|f| f.0 == *kind) {
            if p < *fp || r < *fr {
                failures.push(format!("{}: precision {p:.3} recall {r:.3}", kind.name()));
            }
        }
    }
    assert!(failures.is_empty(), "below the floor: {failures:?}");
}
