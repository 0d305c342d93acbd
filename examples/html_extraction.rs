//! How much of an Arabic news page's known body text the HTML extraction
//! keeps (recall) and how much of what it keeps is body text (precision),
//! word by word, for each page of `tests/data/html` (see
//! `tools/gen_html_fixtures.py`): dom_smoothie alone, then sahifa's whole
//! pipeline (the extractor, link-only lines, `assets/boilerplate.json` and
//! the furniture learned from the site's other pages). Also the speed of
//! both on the same pages.
//!
//! cargo run --release --example html_extraction [DIR]

use sahifa::corpus::decode::{decode, Markup};
use sahifa::corpus::{html, Corpus};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Words: whitespace-separated, with the punctuation around them trimmed.
fn words(lines: &[String]) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for line in lines {
        for w in line.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() {
                *bag.entry(w.to_string()).or_insert(0) += 1;
            }
        }
    }
    bag
}

/// (precision, recall, F1) of `got` against `want`, as bags of words.
fn score(got: &[String], want: &[String]) -> (f64, f64, f64) {
    let (got, want) = (words(got), words(want));
    let common: usize = got
        .iter()
        .map(|(w, &n)| n.min(want.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |bag: &HashMap<String, usize>| bag.values().sum::<usize>().max(1) as f64;
    let (p, r) = (common as f64 / total(&got), common as f64 / total(&want));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// The body a fixture is known to hold: its lines after the JSON line, the
/// title and a blank line.
fn expected(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().skip(3).map(String::from).collect()
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/data/html"));
    let mut sites: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    sites.sort();
    println!(
        "{:<10} {:>22} {:>22}",
        "page", "dom_smoothie alone", "dom_smoothie + sahifa"
    );
    println!(
        "{:<10} {:>22} {:>22}",
        "", "P     R     F1", "P     R     F1"
    );
    let (mut alone_sum, mut ours_sum) = ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0));
    let (mut bytes, mut alone_time, mut ours_time) = (0usize, 0.0, 0.0);
    for site in &sites {
        let page = site.join("article.html");
        let want = expected(&site.join("article.expected"));
        let raw = std::fs::read(&page).unwrap_or_default();
        bytes += raw.len();
        let start = Instant::now();
        let text = decode(&raw, None, Markup::Html).map(|d| d.text.into_owned());
        let alone = html::extractor_lines(&text.unwrap_or_default());
        alone_time += start.elapsed().as_secs_f64();
        let start = Instant::now();
        let corpus = Corpus::load(std::slice::from_ref(site)).unwrap_or_default();
        ours_time += start.elapsed().as_secs_f64();
        let ours = corpus
            .articles
            .iter()
            .find(|a| a.source.ends_with("article.html"))
            .map(|a| a.paragraphs.clone())
            .unwrap_or_default();
        let (a, o) = (score(&alone, &want), score(&ours, &want));
        println!(
            "{:<10} {:>5.2} {:>5.2} {:>5.2}     {:>5.2} {:>5.2} {:>5.2}",
            site.file_name().unwrap_or_default().to_string_lossy(),
            a.0,
            a.1,
            a.2,
            o.0,
            o.1,
            o.2
        );
        alone_sum = (alone_sum.0 + a.0, alone_sum.1 + a.1, alone_sum.2 + a.2);
        ours_sum = (ours_sum.0 + o.0, ours_sum.1 + o.1, ours_sum.2 + o.2);
    }
    let n = sites.len().max(1) as f64;
    println!(
        "{:<10} {:>5.2} {:>5.2} {:>5.2}     {:>5.2} {:>5.2} {:>5.2}",
        "mean",
        alone_sum.0 / n,
        alone_sum.1 / n,
        alone_sum.2 / n,
        ours_sum.0 / n,
        ours_sum.1 / n,
        ours_sum.2 / n
    );
    println!(
        "time: extractor alone {:.1} ms for {:.0} KB of main pages; whole load of the site directories {:.1} ms",
        alone_time * 1e3,
        bytes as f64 / 1e3,
        ours_time * 1e3
    );
}
