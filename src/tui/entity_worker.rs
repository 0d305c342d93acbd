//! Entity detection off the UI thread: the article to detect and the
//! detector go to a worker thread, and the mentions come back over a
//! channel tagged with the generation they were asked for. Opening another
//! article starts a new generation: the worker skips jobs that are no
//! longer the newest, gives up on an article between two of its paragraphs
//! once it is stale, and the reader drops any answer of an old generation.

use crate::corpus::Article;
use crate::entities::{Detector, Mention};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};

/// An article to detect.
pub(super) struct Job {
    pub generation: u64,
    pub index: usize,
    pub article: Article,
    pub detector: Arc<Detector>,
}

/// Its mentions.
pub(super) struct Done {
    pub generation: u64,
    pub index: usize,
    pub mentions: Arc<[Mention]>,
}

/// The worker thread and its two channels; the thread ends when this is
/// dropped (its job channel closes).
#[derive(Debug)]
pub(super) struct Worker {
    jobs: mpsc::Sender<Job>,
    done: mpsc::Receiver<Done>,
    /// The newest generation asked for.
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the thread; `None` if the system cannot start one.
    pub fn start() -> Option<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (done_tx, done) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("sahifa-entities".into())
            .spawn(move || run(&job_rx, &done_tx, &newest))
            .ok()?;
        Some(Worker { jobs, done, latest })
    }

    /// Asks for `job`; older jobs become stale. False if the thread is gone.
    pub fn send(&self, job: Job) -> bool {
        self.latest.fetch_max(job.generation, Ordering::Relaxed);
        self.jobs.send(job).is_ok()
    }

    /// Every job before `generation` is stale (nothing newer is asked for:
    /// the article was closed).
    pub fn forget_before(&self, generation: u64) {
        self.latest.fetch_max(generation, Ordering::Relaxed);
    }

    /// An answer, if one has arrived (of any generation).
    pub fn try_recv(&self) -> Option<Done> {
        self.done.try_recv().ok()
    }
}

fn run(jobs: &mpsc::Receiver<Job>, done: &mpsc::Sender<Done>, latest: &AtomicU64) {
    while let Ok(mut job) = jobs.recv() {
        // Only the newest job waiting is worth doing.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let stale = || latest.load(Ordering::Relaxed) != job.generation;
        if stale() {
            continue;
        }
        let Some(found) = job.detector.detect_article_unless(&job.article, stale) else {
            continue;
        };
        let answer = Done {
            generation: job.generation,
            index: job.index,
            mentions: shown(&job.article, found),
        };
        if done.send(answer).is_err() {
            return;
        }
    }
}

/// The mentions the article pane can show: none in a title that is only
/// the lead of the first paragraph (it is not drawn).
pub(super) fn shown(article: &Article, found: Vec<Mention>) -> Arc<[Mention]> {
    let skip_title = article.title_is_lead();
    found
        .into_iter()
        .filter(|m| !(skip_title && m.field == 0))
        .collect()
}
