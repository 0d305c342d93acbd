//! The loop's side of the library's views and of fetching: reading a
//! view's order again (on its own thread, as loading does), and a fetch of
//! every feed on a thread of its own (the library's fetch run, the same as
//! `sahifa fetch`), whose progress goes to the status bar. Each feed that
//! brings new articles has the list read again, keeping the selection.
//! Nothing here blocks the UI thread on the network or on the order.

use super::effect::Effect;
use super::loading::{load_order, LoadState, Loaded, Outcome};
use super::session::Session;
use super::state::{App, Fetching};
use crate::corpus::Progress;
use crate::library::Library;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What the fetch thread says.
pub(super) enum News {
    /// A feed is stored: its line, and the run so far.
    Stored {
        line: String,
        failed: bool,
        progress: Fetching,
    },
    /// The run is over: its summary.
    Done(String),
    /// The run could not start.
    Failed(String),
}

pub(super) struct FeedWork {
    path: Option<PathBuf>,
    /// The order being read again, and the article to select after.
    reload: Option<(mpsc::Receiver<Loaded>, Session)>,
    /// New articles arrived while the order was being read: read it again
    /// once that is done.
    stale: bool,
    fetch: Option<mpsc::Receiver<News>>,
    cancel: Arc<AtomicBool>,
    /// `reload_minutes`: how often a fetch starts by itself.
    every: Option<Duration>,
    next_fetch: Option<Instant>,
}

/// Reads the library's feeds (key, name) into the app.
fn list_feeds(app: &mut App) {
    if let Some(shelf) = &app.shelf {
        match shelf.library().feeds() {
            Ok(feeds) => app.feeds.feeds = feeds.into_iter().map(|f| (f.key, f.name)).collect(),
            Err(e) => app.notice = Some(format!("feeds not read: {e}")),
        }
    }
}

impl FeedWork {
    /// For the library the app reads, if any; lists its feeds into the
    /// app. `every`: fetch by itself this often (first after one period).
    pub(super) fn new(app: &mut App, every: Option<Duration>) -> FeedWork {
        let path = app.shelf.as_ref().map(|s| s.library().path().to_path_buf());
        list_feeds(app);
        let every = every.filter(|d| !d.is_zero() && path.is_some());
        FeedWork {
            path,
            reload: None,
            stale: false,
            fetch: None,
            cancel: Arc::new(AtomicBool::new(false)),
            every,
            next_fetch: every.map(|d| Instant::now() + d),
        }
    }

    /// Whether something is arriving (the loop then looks more often).
    pub(super) fn busy(&self) -> bool {
        self.reload.is_some() || self.fetch.is_some()
    }

    /// Performs `effect` when it is one of this module's; whether it was.
    pub(super) fn perform(&mut self, app: &mut App, effect: &Effect) -> bool {
        match effect {
            Effect::ShowView { keep, .. } => {
                // Feeds added meanwhile (`sahifa feed add` elsewhere) join
                // the views from the next turn on.
                list_feeds(app);
                self.read_order(app, keep.clone());
                true
            }
            Effect::FetchFeeds => {
                self.start_fetch(app);
                true
            }
            _ => false,
        }
    }

    /// Hands on what arrived: the order being read again (through the
    /// loading state, as at start), then the fetch's news.
    pub(super) fn poll(&mut self, app: &mut App, load: &mut LoadState, outcome: &mut Outcome) {
        if let Some((rx, _)) = &self.reload {
            let mut done = false;
            while let Ok(message) = rx.try_recv() {
                done |= matches!(message, Loaded::Done(_));
                load.receive(app, message, outcome, None);
            }
            if done {
                app.feeds.reloading = false;
                if let Some((_, keep)) = self.reload.take() {
                    // The same article, scrolled as it was, when it is here.
                    super::update::restore_session(app, &keep);
                }
            }
        }
        let mut news = Vec::new();
        if let Some(rx) = &self.fetch {
            loop {
                match rx.try_recv() {
                    Ok(n @ (News::Done(_) | News::Failed(_))) => {
                        news.push(n);
                        break;
                    }
                    Ok(n) => news.push(n),
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        // The thread ended without its summary (it cannot
                        // panic quietly past here).
                        news.push(News::Failed("the fetch stopped".into()));
                        break;
                    }
                }
            }
        }
        for n in news {
            self.hear(app, n);
        }
        if self.stale && self.reload.is_none() && app.loading.is_none() {
            self.stale = false;
            let keep = app.selected().and_then(|i| app.id_of(i));
            self.read_order(app, keep);
        }
        if self.next_fetch.is_some_and(|at| Instant::now() >= at) {
            self.next_fetch = self.every.map(|d| Instant::now() + d);
            if app.feeds.fetching.is_none() && !app.feeds.feeds.is_empty() {
                app.feeds.fetching = Some(Fetching {
                    total: app.feeds.feeds.len(),
                    ..Fetching::default()
                });
                self.start_fetch(app);
            }
        }
    }

    /// Stops a fetch in progress (on quitting): requests not sent yet are
    /// not sent.
    pub(super) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn hear(&mut self, app: &mut App, news: News) {
        match news {
            News::Stored {
                line,
                failed,
                progress,
            } => {
                let before = app.feeds.fetching.map_or(0, |f| f.added);
                app.feeds.fetching = Some(progress);
                if failed {
                    app.notice = Some(line);
                }
                if progress.added > before {
                    // Read once the order being read (or first loaded) is in.
                    self.stale = true;
                }
            }
            News::Done(summary) => {
                app.feeds.fetching = None;
                app.notice = Some(summary);
                self.fetch = None;
            }
            News::Failed(error) => {
                app.feeds.fetching = None;
                app.notice = Some(format!("fetch failed: {error}"));
                self.fetch = None;
            }
        }
    }

    /// Reads the current view's order again on a thread of its own.
    fn read_order(&mut self, app: &mut App, keep: Option<String>) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let view = app.feeds.view;
        let keep = Session {
            article: keep,
            scroll: app.article.scroll,
            read: Vec::new(),
        };
        // A reading in progress is given up: its thread stops when it
        // finds no one listening.
        app.restart_list();
        app.feeds.reloading = true;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let progress = Progress::default();
            let result = load_order(&path, view, &progress, &tx);
            let _ = tx.send(Loaded::Done(result));
        });
        self.reload = Some((rx, keep));
    }

    fn start_fetch(&mut self, app: &mut App) {
        let Some(path) = self.path.clone() else {
            app.feeds.fetching = None;
            return;
        };
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::clone(&self.cancel);
        std::thread::spawn(move || fetch_all(&path, &cancel, &tx));
        self.fetch = Some(rx);
    }
}

/// Fetches every feed of the library at `path` on its own connection,
/// telling `tx` of each feed as it is stored.
fn fetch_all(path: &std::path::Path, cancel: &AtomicBool, tx: &mpsc::Sender<News>) {
    let mut lib = match Library::open(path) {
        Ok(lib) => lib,
        Err(e) => {
            let _ = tx.send(News::Failed(e.to_string()));
            return;
        }
    };
    let feeds = match lib.feeds() {
        Ok(feeds) => feeds,
        Err(e) => {
            let _ = tx.send(News::Failed(e.to_string()));
            return;
        }
    };
    let client = crate::feeds::client_from_env();
    let run = lib.fetch_feeds(
        feeds,
        &client,
        false,
        cancel,
        &mut |line, tally| {
            let progress = Fetching {
                done: tally.done,
                total: tally.total,
                added: tally.added,
            };
            let _ = tx.send(News::Stored {
                line: line.text(),
                failed: line.status == "failed",
                progress,
            });
        },
        &mut |_| {},
    );
    let _ = tx.send(News::Done(run.summary()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::library::NewFeed;
    use crate::tui::articles::Shelf;
    use crate::tui::geometry::PaneOrder;
    use crate::tui::state::Settings;

    #[test]
    fn reload_minutes_starts_the_fetch_by_itself_and_a_failure_is_one_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
        // Port 1 on loopback: refused at once, nothing leaves 127.0.0.1.
        let feed = NewFeed {
            name: "مغلق".into(),
            url: "http://127.0.0.1:1/rss".into(),
            full_text: false,
            site: None,
            folder: Vec::new(),
        };
        lib.add_feed(&feed).unwrap();
        let corpus: &'static Corpus = Box::leak(Box::new(Corpus::default()));
        let mut app = App::new(corpus, Settings::for_order(PaneOrder::Ltr), 120, 40);
        app.shelf = Some(Shelf::new(lib));
        let mut work = FeedWork::new(&mut app, Some(Duration::from_millis(1)));
        assert_eq!(app.feeds.feeds.len(), 1, "the feeds are listed");
        std::thread::sleep(Duration::from_millis(5));
        let mut load = LoadState::new(Session::default(), false);
        let mut outcome = Outcome::default();
        work.poll(&mut app, &mut load, &mut outcome);
        assert!(app.feeds.fetching.is_some(), "started by the timer");
        assert!(work.next_fetch.is_some(), "and set for the next period");
        // (A millisecond's period would start the next fetch at once.)
        work.every = None;
        work.next_fetch = None;
        let since = Instant::now();
        while app.feeds.fetching.is_some() && since.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(20));
            work.poll(&mut app, &mut load, &mut outcome);
        }
        assert_eq!(
            app.notice.as_deref(),
            Some("fetched 0 of 1 feeds: 0 new articles, 0 updated; 1 failed")
        );
        assert!(!work.busy());
        // Off: no timer at all.
        let off = FeedWork::new(&mut app, None);
        assert!(off.next_fetch.is_none());
    }

    #[test]
    fn a_feed_added_by_another_sahifa_joins_the_views() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("l.db");
        let lib = Library::open(&path).unwrap();
        let corpus: &'static Corpus = Box::leak(Box::new(Corpus::default()));
        let mut app = App::new(corpus, Settings::for_order(PaneOrder::Ltr), 120, 40);
        app.shelf = Some(Shelf::new(lib));
        let mut work = FeedWork::new(&mut app, None);
        assert!(app.feeds.feeds.is_empty());
        // `sahifa feed add` in another terminal, while the reader runs.
        let mut other = Library::open(&path).unwrap();
        other
            .add_feed(&NewFeed {
                name: "جديد".into(),
                url: "http://127.0.0.1:1/new".into(),
                full_text: false,
                site: None,
                folder: Vec::new(),
            })
            .unwrap();
        let view = Effect::ShowView {
            view: crate::library::View::Unread,
            keep: None,
        };
        assert!(work.perform(&mut app, &view));
        assert_eq!(app.feeds.feeds.len(), 1, "listed on the next view change");
        assert_eq!(app.feeds.feeds[0].1, "جديد");
    }
}
