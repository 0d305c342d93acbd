//! The reader on a large library against the reader on the same JSONL
//! file in memory (`--corpus`). Not a test: prints figures.
//!
//! SAHIFA_BENCH_CORPUS=/tmp/c100k.jsonl SAHIFA_BENCH_DATA=/tmp/lib100k \
//!     cargo bench --bench library_reader
//!
//! The library in SAHIFA_BENCH_DATA is imported from the corpus when it is
//! not there yet (and left there: delete it when done). For each of the
//! library and `--corpus` (skipped with SAHIFA_BENCH_MEMORY=0):
//! * first frame: the real release binary in tmux (100×30), until the list
//!   shows `Articles 1/`, median of 5 runs;
//! * peak RSS: VmHWM of that process after typing two filters into it and
//!   seeing their results (for `--corpus`, after everything loaded);
//! * filter keystrokes, in this process, through the reader's own state
//!   machine: each key of the bench's queries typed then erased; for the
//!   library, until the list shows the first matches and until every match
//!   is confirmed (a phrase's are checked against text on the worker).
//!
//! Needs tmux.

use sahifa::corpus::{Corpus, Progress};
use sahifa::library::{Library, View};
use sahifa::tui::articles::worker::{self, Answer, Request};
use sahifa::tui::articles::Shelf;
use sahifa::tui::{App, PaneOrder, Settings};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

/// The queries of `benches/scale.rs`, so the figures compare.
const QUERIES: &[&str] = &[
    "خيرسون",
    "زابوريجيا",
    "روسيا الدفاع",
    "NLAW",
    "\"وزارة الدفاع\"",
    "-روسيا",
    "الرئيس الأوكراني",
    "\"القوات الروسية\"",
    "كييف -بوتين",
    "والدفاع أوكرانيا 2022",
    "\"حلف شمال الأطلسي\"",
    "بالقرب من -\"في المدينة\"",
    "\"روسيا اليوم\"",
];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn figures(mut v: Vec<Duration>) -> String {
    v.sort_unstable();
    let n = v.len();
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms ({n} keys)",
        ms(v[n / 2]),
        ms(v[(n * 99 / 100).min(n - 1)]),
        ms(v[n - 1])
    )
}

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

fn peak_rss_mb(pid: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The real reader with `args`: median first frame, and the peak RSS after
/// `ready` (everything there) and two filters typed.
fn real_reader(tmux: &Tmux, args: &str, ready: &dyn Fn(&str) -> bool) -> (f64, f64) {
    let binary = env!("CARGO_BIN_EXE_sahifa");
    let pidfile = std::env::temp_dir().join(format!("sahifa-libbench-{}.pid", std::process::id()));
    let mut first = Vec::new();
    let mut peak = 0.0;
    for run in 0..RUNS {
        tmux.cmd(&["send-keys", "-t", "b", "clear", "Enter"]);
        std::thread::sleep(Duration::from_millis(200));
        let line = format!(
            "sh -c 'echo $$ > {}; exec {binary} --layout rtl {args}'",
            pidfile.display()
        );
        tmux.cmd(&["send-keys", "-t", "b", "-l", &line]);
        let start = Instant::now();
        tmux.cmd(&["send-keys", "-t", "b", "Enter"]);
        first.push(tmux.until(start, "the first article", |s| s.contains("Articles 1/")));
        if run == 0 {
            tmux.until(start, "everything", ready);
            let pid = std::fs::read_to_string(&pidfile).unwrap_or_default();
            for query in ["خيرسون", "\"وزارة الدفاع\""] {
                tmux.cmd(&["send-keys", "-t", "b", "/"]);
                tmux.cmd(&["send-keys", "-t", "b", "-l", query]);
                // Enter keeps the filter: the status bar shows its count.
                tmux.cmd(&["send-keys", "-t", "b", "Enter"]);
                tmux.until(Instant::now(), "the filter's matches", |s| {
                    s.contains(" of ")
                        && !s.contains("filtering")
                        && !s.contains("confirming")
                        && !s.contains("preparing")
                });
                // Esc clears it; a key right after Esc would read as Alt+key.
                tmux.cmd(&["send-keys", "-t", "b", "Escape"]);
                tmux.until(Instant::now(), "the filter cleared", |s| {
                    !s.contains(" of ")
                });
                std::thread::sleep(Duration::from_millis(300));
            }
            peak = peak_rss_mb(pid.trim());
        }
        tmux.cmd(&["send-keys", "-t", "b", "q"]);
        tmux.until(Instant::now(), "the reader to quit", |s| {
            !s.contains("Articles 1/")
        });
    }
    first.sort_unstable();
    let _ = std::fs::remove_file(&pidfile);
    (ms(first[first.len() / 2]), peak)
}

/// Every keystroke of every query, typed then erased; `true` for the
/// whole query.
fn keystrokes() -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for query in QUERIES {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            out.push((typed.clone(), typed == *query));
        }
        while typed.pop().is_some() {
            out.push((typed.clone(), false));
        }
    }
    out
}

/// The reader's state on the library, with the real filter worker.
fn library_app(path: &Path) -> (App<'static>, Sender<Request>, Receiver<Answer>) {
    let lib = Library::open(path).expect("opens the library");
    let mut numbers = Vec::new();
    lib.order(View::All, 200, |piece| {
        numbers.extend(piece);
        true
    })
    .expect("reads the order");
    let mut app = App::new(
        Arc::new(Corpus::default()),
        Settings::for_order(PaneOrder::Rtl),
        100,
        30,
    );
    app.shelf = Some(Shelf::new(lib));
    app.filter.building = true;
    app.append_numbers(&numbers);
    let order = app.shelf.as_ref().map(Shelf::order).unwrap_or_default();
    let (ask, answers) = worker::start(path.to_path_buf(), order).expect("starts the worker");
    app.filter_ready();
    (app, ask, answers)
}

fn library_typing(path: &Path) {
    let (mut app, ask, answers) = library_app(path);
    let (mut shown, mut complete) = (Vec::new(), Vec::new());
    // As a user types: the next key comes once the list shows the first
    // matches (the worker drops what it was confirming); once the whole
    // query is typed, until every match is confirmed.
    for (input, whole) in keystrokes() {
        let start = Instant::now();
        app.set_filter(input.clone());
        for request in std::mem::take(&mut app.filter.requests) {
            ask.send(request).expect("the worker runs");
        }
        while app.filter.pending.as_ref().is_some_and(|p| !p.started) {
            app.receive(answers.recv().expect("an answer"));
        }
        shown.push(start.elapsed());
        if whole {
            while app.filter.pending.is_some() {
                app.receive(answers.recv().expect("an answer"));
            }
            complete.push((input, start.elapsed(), app.list.visible.len()));
        }
    }
    println!(
        "  library filter, until the first matches show: {}",
        figures(shown)
    );
    for (query, t, n) in complete {
        println!(
            "  library filter {query}: every match confirmed in {:.0} ms ({n} articles)",
            ms(t)
        );
    }
}

fn memory_typing(corpus: &Corpus) {
    let mut app = App::new(corpus, Settings::for_order(PaneOrder::Rtl), 100, 30);
    let start = Instant::now();
    app.set_filter("خ".into());
    println!(
        "  --corpus filter index built on first use: {:.0} ms",
        ms(start.elapsed())
    );
    let mut times = Vec::new();
    for (input, _) in keystrokes() {
        let start = Instant::now();
        app.set_filter(input);
        times.push(start.elapsed());
    }
    println!("  --corpus filter: {}", figures(times));
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let corpus = std::env::var_os("SAHIFA_BENCH_CORPUS")
        .map_or_else(|| PathBuf::from("/tmp/c100k.jsonl"), PathBuf::from);
    let data = std::env::var_os("SAHIFA_BENCH_DATA").map_or_else(
        || std::env::temp_dir().join("sahifa-libbench"),
        PathBuf::from,
    );
    let db = data.join("library.db");
    let binary = env!("CARGO_BIN_EXE_sahifa");
    if !db.exists() {
        let start = Instant::now();
        let status = Command::new(binary)
            .arg("--data-dir")
            .arg(&data)
            .arg("import")
            .arg(&corpus)
            .status()
            .expect("runs sahifa import");
        assert!(status.success(), "import failed");
        println!(
            "import of {}: {:.1} s",
            corpus.display(),
            start.elapsed().as_secs_f64()
        );
    }
    let lib = Library::open(&db).expect("opens the library");
    let info = lib.info().expect("library info");
    drop(lib);
    println!(
        "library {}: {} articles, {:.0} MB on disk",
        db.display(),
        info.articles,
        info.bytes as f64 / 1e6
    );
    let tmux = Tmux::start("libbench", Duration::from_secs(600));
    // Everything loaded (and for `--corpus`, its filter index built).
    let everything =
        |s: &str| s.contains(" articles ") && !s.contains("loading") && !s.contains("preparing");
    let (first, peak) = real_reader(
        &tmux,
        &format!("--data-dir {}", data.display()),
        &everything,
    );
    println!("library: reader first frame median {first:.0} ms; peak RSS {peak:.0} MB");
    library_typing(&db);
    if std::env::var("SAHIFA_BENCH_MEMORY").is_ok_and(|v| v == "0") {
        return;
    }
    let other = tempfile::TempDir::new().expect("temp dir");
    let args = format!(
        "--data-dir {} --corpus {}",
        other.path().display(),
        corpus.display()
    );
    let (first, peak) = real_reader(&tmux, &args, &everything);
    println!("--corpus: reader first frame median {first:.0} ms; peak RSS {peak:.0} MB");
    let loaded = Corpus::load_with(std::slice::from_ref(&corpus), &Progress::default())
        .expect("loads the corpus");
    memory_typing(&loaded);
}
