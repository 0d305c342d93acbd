//! Loading the corpus for a command: on all cores, with a progress line on
//! stderr (a terminal only) when it takes longer than 200 ms.

use sahifa::corpus::{Corpus, LoadError, Progress};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const QUIET_FOR: Duration = Duration::from_millis(200);
const EVERY: Duration = Duration::from_millis(200);

pub fn load(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    with_progress("loading", |progress| Corpus::load_with(paths, progress))
}

/// Whether a progress line is shown (on a terminal only).
pub fn shows_progress() -> bool {
    std::io::stderr().is_terminal()
}

/// Runs `read` (which loads, streams or imports the corpus) while a
/// progress line saying `doing` is shown.
pub fn with_progress<T>(doing: &str, read: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::default();
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        if shows_progress() {
            s.spawn(|| report(doing, &progress, &done));
        }
        let result = read(&progress);
        done.store(true, Ordering::Relaxed);
        result
    })
}

/// Runs `read` with a progress to report into when a progress line is
/// shown, else with none (so nothing is sized first for nobody).
pub fn with_progress_if_shown<T>(doing: &str, read: impl FnOnce(Option<&Progress>) -> T) -> T {
    match shows_progress() {
        true => with_progress(doing, |p| read(Some(p))),
        false => read(None),
    }
}

fn report(doing: &str, progress: &Progress, done: &AtomicBool) {
    let start = Instant::now();
    let mut shown = false;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(20));
        if start.elapsed() < QUIET_FOR
            || (shown && start.elapsed().as_millis() % EVERY.as_millis() > 20)
        {
            continue;
        }
        let mb = |b: &std::sync::atomic::AtomicU64| b.load(Ordering::Relaxed) as f64 / 1e6;
        let (done_mb, total_mb) = (mb(&progress.done_bytes), mb(&progress.total_bytes));
        if total_mb > 0.0 {
            let percent = (done_mb * 100.0 / total_mb).min(100.0);
            eprint!("\rsahifa: {doing} {done_mb:.0} of {total_mb:.0} MB ({percent:.0}%)…\x1b[K");
        } else {
            // The total is still being added up.
            eprint!("\rsahifa: {doing} {done_mb:.0} MB…\x1b[K");
        }
        let _ = std::io::stderr().flush();
        shown = true;
    }
    if shown {
        eprint!("\r\x1b[K");
    }
}
