//! Entity detection speed, printed as MB/s: generated articles, and single
//! paragraphs of 200,000, 400,000 and 800,000 words (the same MB/s at every
//! length means the cost is linear in the text). Also a small deterministic
//! workload for `valgrind --tool=callgrind`.
//!
//! ```sh
//! cargo run --release --example prof_entities              # the figures
//! cargo build --release --example prof_entities
//! valgrind --tool=callgrind target/release/examples/prof_entities 300   # 300 articles only
//! ```

use std::hint::black_box;
use std::time::Instant;

use sahifa::corpus::{synthetic, Article};
use sahifa::entities::Detector;

fn bytes(a: &Article) -> usize {
    a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>()
}

/// One paragraph of about `words` words: generated paragraphs joined.
fn long_paragraph(words: usize) -> Article {
    let mut text = String::new();
    let mut n = 0;
    let mut seed = 1;
    while n < words {
        for a in synthetic::generate(50, seed) {
            for p in &a.paragraphs {
                n += p.split_whitespace().count();
                text.push_str(p);
                text.push(' ');
                if n >= words {
                    break;
                }
            }
            if n >= words {
                break;
            }
        }
        seed += 1;
    }
    Article {
        title: String::from("فقرة طويلة"),
        paragraphs: vec![text],
        ..synthetic::generate(1, 0).remove(0)
    }
}

/// This thread's CPU time in seconds (Linux: /proc/thread-self/schedstat),
/// which other processes on a loaded machine do not inflate as they do the
/// wall clock; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn measure(detector: &Detector, label: &str, articles: &[Article], rounds: usize) {
    let total: usize = articles.iter().map(bytes).sum();
    let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
    let mut mentions = 0;
    for _ in 0..rounds {
        let (t, c) = (Instant::now(), cpu_seconds());
        mentions = articles
            .iter()
            .map(|a| detector.detect_article(black_box(a)).len())
            .sum::<usize>();
        wall = wall.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu = cpu.min(b - a);
        }
    }
    let mb = total as f64 / 1e6;
    println!(
        "{label:<34} {mb:>6.1} MB  wall {wall:>7.3} s {:>6.2} MB/s  cpu {cpu:>7.3} s {:>6.2} MB/s  ({mentions} mentions, best of {rounds})",
        mb / wall,
        mb / cpu
    );
}

fn main() {
    let count: Option<usize> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let detector = Detector::builtin().expect("built-in rules and model load");
    if let Some(count) = count {
        let articles = synthetic::generate(count, 7);
        let mentions: usize = articles
            .iter()
            .map(|a| detector.detect_article(black_box(a)).len())
            .sum();
        let total: usize = articles.iter().map(bytes).sum();
        println!("{count} articles, {total} bytes, {mentions} mentions");
        return;
    }
    println!("one thread; MB = 10^6 bytes of UTF-8 article text; cpu = this thread's CPU time");
    measure(
        &detector,
        "2,000 generated articles",
        &synthetic::generate(2000, 7),
        3,
    );
    for words in [200_000, 400_000, 800_000] {
        let article = long_paragraph(words);
        measure(
            &detector,
            &format!("one paragraph of {words} words"),
            &[article],
            2,
        );
    }
}
