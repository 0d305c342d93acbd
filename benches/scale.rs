//! Scale figures on generated corpora (not a test): loading 10k and 100k
//! articles from JSONL, the filter over 100k as a user types, the layout of
//! one 50,000-word article at width 100, and peak memory.
//!
//! cargo bench --bench scale            (SAHIFA_BENCH_ARTICLES=20000 for a quicker run)

use sahifa::corpus::{synthetic, Corpus, Progress};
use sahifa::search::CorpusFilter;
use sahifa::text::{layout_paragraph, LayoutOptions};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

/// CPU time used by this process so far, all threads (from
/// /proc/self/stat, in the kernel's fixed 100 ticks a second): unlike wall
/// time, it hardly moves when other work shares the cores.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime and stime
    // are the 12th and 13th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|n| n.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn load(count: usize, dir: &std::path::Path) -> Corpus {
    let path = dir.join(format!("c{count}.jsonl"));
    // One article at a time, so the generator's never count in the peak
    // memory below.
    let bytes = synthetic::write(count, 1, &path).expect("writes the corpus");
    let mut times = Vec::new();
    let mut corpus = Corpus::default();
    for _ in 0..3 {
        drop(std::mem::take(&mut corpus));
        let start = Instant::now();
        corpus =
            Corpus::load_with(std::slice::from_ref(&path), &Progress::default()).expect("loads");
        times.push(start.elapsed());
    }
    let t = median(times);
    println!(
        "load {count:>7} articles ({:.0} MB JSONL): median {:.0} ms ({:.0} MB/s)",
        bytes as f64 / 1e6,
        ms(t),
        bytes as f64 / 1e6 / t.as_secs_f64()
    );
    corpus
}

/// Types each query key by key, then erases it; typing and erasing are
/// reported apart (erasing mostly returns cached results), and the slowest
/// keys typed are named.
fn typing(filter: &mut CorpusFilter, label: &str, words: &[&str]) {
    let (mut typed_times, mut erased_times) = (Vec::new(), Vec::new());
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for word in words {
        let mut typed = String::new();
        for c in word.chars() {
            typed.push(c);
            let start = Instant::now();
            std::hint::black_box(filter.matching(&typed).len());
            typed_times.push(start.elapsed());
            slowest.push((start.elapsed(), typed.clone()));
        }
        while typed.pop().is_some() {
            let start = Instant::now();
            std::hint::black_box(filter.matching(&typed).len());
            erased_times.push(start.elapsed());
        }
    }
    slowest.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let slowest: Vec<String> = slowest
        .iter()
        .take(3)
        .map(|(t, q)| format!("{q:?} {:.1} ms", ms(*t)))
        .collect();
    println!("{label}: slowest keys typed: {}", slowest.join(", "));
    for (what, mut samples) in [("typing", typed_times), ("erasing", erased_times)] {
        samples.sort_unstable();
        let n = samples.len();
        println!(
            "{label}: filter over {} articles, {what} ({n} keys): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            filter.len(),
            ms(samples[n / 2]),
            ms(samples[(n * 99 / 100).min(n - 1)]),
            ms(samples[n - 1])
        );
    }
}

fn long_article_layout() {
    let mut g = synthetic::Generator::new(9);
    let mut paragraphs = Vec::new();
    let mut words = 0;
    let mut n = 0;
    while words < 50_000 {
        for p in g.article(n).paragraphs {
            words += p.split_whitespace().count();
            paragraphs.push(p);
        }
        n += 1;
    }
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let opts = LayoutOptions {
        width: 100,
        ..LayoutOptions::default()
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let lines: usize = paragraphs
            .iter()
            .map(|p| layout_paragraph(p, &opts).lines.len())
            .sum();
        times.push(start.elapsed());
        std::hint::black_box(lines);
    }
    let t = median(times);
    println!(
        "layout of one {words}-word article ({:.1} MB) at width 100: median {:.1} ms ({:.1} MB/s)",
        bytes as f64 / 1e6,
        ms(t),
        bytes as f64 / 1e6 / t.as_secs_f64()
    );
}

fn main() {
    let big: usize = std::env::var("SAHIFA_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("sahifa-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    long_article_layout();
    drop(load(10_000, &dir));
    let corpus = load(big, &dir);
    let text: usize = corpus
        .articles
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let start = Instant::now();
    let cpu = cpu_seconds();
    let mut filter = CorpusFilter::new(&corpus.articles);
    let cpu = cpu_seconds() - cpu;
    println!(
        "filter index over {big} articles: {:.0} ms ({:.1} s CPU), index of {:.0} MB for {:.0} MB of article text",
        ms(start.elapsed()),
        cpu,
        filter.index_bytes() as f64 / 1e6,
        text as f64 / 1e6
    );
    // The queries the figures were first taken with.
    typing(
        &mut filter,
        "first queries",
        &[
            "خيرسون",
            "زابوريجيا",
            "روسيا الدفاع",
            "NLAW",
            "\"وزارة الدفاع\"",
            "-روسيا",
        ],
    );
    // More of what readers type: common words and phrases, exclusions,
    // proclitics, digits.
    typing(
        &mut filter,
        "more queries",
        &[
            "الرئيس الأوكراني",
            "\"القوات الروسية\"",
            "كييف -بوتين",
            "والدفاع أوكرانيا 2022",
            "\"حلف شمال الأطلسي\"",
            "بالقرب من -\"في المدينة\"",
            "\"روسيا اليوم\"",
        ],
    );
    println!(
        "peak RSS {:.0} MB for {:.0} MB of article text",
        peak_rss_mb(),
        text as f64 / 1e6
    );
    let _ = std::fs::remove_dir_all(&dir);
}
