//! Time to first frame of the real reader (release binary) in a real
//! terminal (tmux, 100×30), and `sahifa list --json` wall time, on generated
//! corpora: 10,000 articles as .txt files and 100,000 as one JSONL file.
//! Not a test: prints medians of several runs. Needs tmux.
//!
//! cargo bench --bench first_frame       (SAHIFA_BENCH_ARTICLES=20000 for a quicker run)
//! SAHIFA_BENCH_CORPUS=/path/to/corpus cargo bench --bench first_frame   (adds your corpus)
//!
//! "first frame" is the first screen showing an article in the list (the
//! list's title reads `Articles 1/…`); "all loaded" is when the status bar
//! shows the whole count and no longer says `loading`.

use sahifa::corpus::synthetic;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort_unstable();
    v[v.len() / 2].as_secs_f64() * 1e3
}

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

/// Starts the reader on `corpus` `RUNS` times; medians of first frame and
/// all loaded.
fn reader(tmux: &Tmux, corpus: &Path, count: usize, data: &Path) -> (f64, f64) {
    let binary = env!("CARGO_BIN_EXE_sahifa");
    let (mut first, mut all) = (Vec::new(), Vec::new());
    let total = format!(" {count} articles ");
    for _ in 0..RUNS {
        tmux.cmd(&["send-keys", "-t", "b", "clear", "Enter"]);
        std::thread::sleep(Duration::from_millis(200));
        let line = format!(
            "{binary} --data-dir {} --corpus {}",
            data.display(),
            corpus.display()
        );
        tmux.cmd(&["send-keys", "-t", "b", "-l", &line]);
        let start = Instant::now();
        tmux.cmd(&["send-keys", "-t", "b", "Enter"]);
        first.push(tmux.until(start, "the first article", |s| s.contains("Articles 1/")));
        all.push(tmux.until(start, "everything loaded", |s| {
            s.contains(&total) && !s.contains("loading")
        }));
        tmux.cmd(&["send-keys", "-t", "b", "q"]);
        tmux.until(Instant::now(), "the reader to quit", |s| {
            !s.contains("Articles 1/")
        });
    }
    (median(first), median(all))
}

fn list_wall_time(corpus: &Path) -> f64 {
    let binary = env!("CARGO_BIN_EXE_sahifa");
    let times = (0..3)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(binary)
                .arg("--corpus")
                .arg(corpus)
                .args(["list", "--json"])
                .stdout(Stdio::null())
                .status()
                .expect("runs sahifa");
            assert!(status.success());
            start.elapsed()
        })
        .collect();
    median(times)
}

/// How many articles `sahifa list` finds in `path`.
fn count_articles(path: &Path) -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .arg("--corpus")
        .arg(path)
        .args(["list", "--json"])
        .output()
        .expect("runs sahifa");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("list --json");
    list.as_array().map_or(0, Vec::len)
}

fn disk_bytes(path: &Path) -> u64 {
    match std::fs::read_dir(path) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| disk_bytes(&e.path()))
            .sum(),
        Err(_) => std::fs::metadata(path).map_or(0, |m| m.len()),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let big: usize = std::env::var("SAHIFA_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let data = tmp.path().join("data");
    let small_dir = tmp.path().join("c10k");
    let small_bytes = synthetic::write(10_000, 1, &small_dir).expect("writes the corpus");
    let big_file = tmp.path().join("big.jsonl");
    let big_bytes = synthetic::write(big, 1, &big_file).expect("writes the corpus");
    let mut cases: Vec<(&str, PathBuf, usize, u64)> = vec![
        ("10,000 .txt files", small_dir, 10_000, small_bytes),
        ("JSONL", big_file, big, big_bytes),
    ];
    if let Some(path) = std::env::var_os("SAHIFA_BENCH_CORPUS").map(PathBuf::from) {
        let count = count_articles(&path);
        cases.push((
            "SAHIFA_BENCH_CORPUS",
            path.clone(),
            count,
            disk_bytes(&path),
        ));
    }
    let tmux = Tmux::start("bench", Duration::from_secs(120));
    for (what, path, count, bytes) in cases {
        // Warm the page cache first: the figures are for a corpus read before.
        list_wall_time(&path);
        let (first, all) = reader(&tmux, &path, count, &data);
        let list = list_wall_time(&path);
        println!(
            "{count:>7} articles ({what}, {:.0} MB): reader first frame median {first:.0} ms, \
             all loaded {all:.0} ms; `sahifa list --json` {list:.0} ms",
            bytes as f64 / 1e6
        );
    }
}
