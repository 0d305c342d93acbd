//! Detects entities in generated articles: a small, deterministic workload
//! for `valgrind --tool=callgrind` (the detector is built once first).
//!
//! cargo build --release --example prof_entities
//! valgrind --tool=callgrind target/release/examples/prof_entities 300

use std::hint::black_box;

use sahifa::corpus::synthetic;
use sahifa::entities::Detector;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let detector = Detector::builtin().expect("built-in rules load");
    let articles = synthetic::generate(count, 7);
    let bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let mentions: usize = articles
        .iter()
        .map(|a| detector.detect_article(black_box(a)).len())
        .sum();
    println!("{count} articles, {bytes} bytes, {mentions} mentions");
}
