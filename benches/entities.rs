//! Entity detection throughput on a generated 10,000-article corpus built
//! deterministically from the seed paragraphs (each article recombines
//! paragraphs from different seeds), and on single paragraphs of 200,000,
//! 400,000 and 800,000 words (the same MB/s at each length: cost linear in
//! the text), reported in MB/s of article text. `cargo run --release
//! --example prof_entities` prints the same figures with CPU time beside
//! wall time, for a loaded machine.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sahifa::corpus::{Article, Corpus};
use sahifa::entities::Detector;
use std::hint::black_box;

const ARTICLES: usize = 10_000;
const PARAGRAPHS_PER_ARTICLE: usize = 8;

/// A small deterministic generator (xorshift), so every run sees the same corpus.
fn corpus() -> Vec<Article> {
    let seeds = Corpus::bundled().articles;
    let pool: Vec<&String> = seeds.iter().flat_map(|a| &a.paragraphs).collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..ARTICLES)
        .map(|i| {
            let mut a = seeds[i % seeds.len()].clone();
            a.id = format!("gen{i:05}");
            a.paragraphs = (0..PARAGRAPHS_PER_ARTICLE)
                .map(|_| pool[(next() % pool.len() as u64) as usize].clone())
                .collect();
            a
        })
        .collect()
}

/// One paragraph of about `words` words: the generated paragraphs joined.
fn long_paragraph(articles: &[Article], words: usize) -> Article {
    let mut text = String::new();
    let mut n = 0;
    for p in articles.iter().flat_map(|a| &a.paragraphs).cycle() {
        if n >= words {
            break;
        }
        n += p.split_whitespace().count();
        text.push_str(p);
        text.push(' ');
    }
    let mut a = articles[0].clone();
    a.paragraphs = vec![text];
    a
}

fn bench(c: &mut Criterion) {
    let detector = Detector::builtin().expect("built-in rules load");
    let articles = corpus();
    let bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let mut group = c.benchmark_group("entities");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_with_input(
        BenchmarkId::new("detect_article", format!("{ARTICLES} articles")),
        &articles,
        |b, articles| {
            b.iter(|| {
                let n: usize = articles
                    .iter()
                    .map(|a| detector.detect_article(black_box(a)).len())
                    .sum();
                black_box(n)
            })
        },
    );
    for words in [200_000, 400_000, 800_000] {
        let article = long_paragraph(&articles, words);
        group.throughput(Throughput::Bytes(article.paragraphs[0].len() as u64));
        group.bench_with_input(
            BenchmarkId::new("one_paragraph", format!("{words} words")),
            &article,
            |b, a| b.iter(|| black_box(detector.detect_article(black_box(a)).len())),
        );
    }
    group.finish();
    c.bench_function("entities/build_detector", |b| {
        b.iter(|| black_box(Detector::builtin().map(|_| ()).is_ok()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
