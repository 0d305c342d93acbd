//! The corpus arriving while the reader runs: a thread loads it and sends
//! pieces; the event loop hands each to [`LoadState::receive`], which adds
//! it to the app and, once everything is there, opens the bookmarks and
//! starts building the filter index.

use super::state::{App, ReaderCorpus};
use super::{open_bookmarks, restore_session, PaneOrder, RunOptions, Session};
use crate::corpus::{Corpus, FileLoad, LoadError, Progress, Warning};
use crate::search::CorpusFilter;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

/// Where the reader's articles come from.
pub enum Source {
    /// Already loaded (the bundled seeds).
    Loaded(Corpus),
    /// Files (see [`Corpus::files`]) loaded while the reader runs, so the
    /// first articles show at once; `warnings` are those found listing them.
    Files {
        files: Vec<PathBuf>,
        warnings: Vec<Warning>,
    },
}

/// What the reader leaves to say once the terminal is restored.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Everything skipped or repaired while loading.
    pub warnings: Vec<Warning>,
    /// Loading stopped on this error (what loaded before it was shown).
    pub error: Option<LoadError>,
}

/// A message from the loading thread.
pub(super) enum Loaded {
    Piece(FileLoad),
    Done(Result<(), LoadError>),
}

/// Starts loading `source`: the corpus to start the reader with, and where
/// the rest will arrive.
pub(super) fn start(source: Source, progress: &Arc<Progress>) -> (Corpus, mpsc::Receiver<Loaded>) {
    let (tx, rx) = mpsc::channel();
    let corpus = match source {
        Source::Loaded(corpus) => {
            let _ = tx.send(Loaded::Done(Ok(())));
            corpus
        }
        Source::Files { files, warnings } => {
            let progress = Arc::clone(progress);
            std::thread::spawn(move || {
                let result = Corpus::load_pieces(&files, &progress, |piece| {
                    let _ = tx.send(Loaded::Piece(piece));
                });
                let _ = tx.send(Loaded::Done(result));
            });
            Corpus {
                articles: Vec::new(),
                warnings,
            }
        }
    };
    (corpus, rx)
}

/// What the event loop keeps about loading and what follows it.
pub(super) struct LoadState {
    /// The saved reading position, until its article arrives or the user
    /// moves.
    session: Option<Session>,
    /// The pane arrangement is still to be chosen from the first articles.
    auto_order: bool,
    index_tx: Option<mpsc::Sender<CorpusFilter>>,
    /// The filter index, built once everything is loaded.
    pub(super) filter_index: mpsc::Receiver<CorpusFilter>,
    cancel: Arc<AtomicBool>,
}

impl LoadState {
    pub(super) fn new(opts: &RunOptions) -> LoadState {
        let (index_tx, filter_index) = mpsc::channel();
        LoadState {
            session: opts.data_dir.as_deref().map(Session::load),
            auto_order: opts.auto_order,
            index_tx: Some(index_tx),
            filter_index,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    pub(super) fn receive(
        &mut self,
        app: &mut App,
        message: Loaded,
        outcome: &mut Outcome,
        data_dir: Option<&Path>,
    ) {
        match message {
            Loaded::Piece(piece) => {
                if std::mem::take(&mut self.auto_order) {
                    app.settings.order = order_for(&piece);
                }
                let saved_is_here = self.session.as_ref().is_some_and(|s| {
                    s.article
                        .as_ref()
                        .is_some_and(|id| piece.articles.iter().any(|a| a.id == *id))
                });
                app.append(piece);
                if let Some(s) = self.session.take_if(|_| saved_is_here) {
                    restore_session(app, &s);
                }
            }
            Loaded::Done(result) => {
                app.loading = None;
                if let Err(e) = result {
                    app.notice = Some(format!("loading stopped: {e}"));
                    outcome.error = Some(e);
                } else if app.load_warnings > 0 {
                    let n = app.load_warnings;
                    let plural = if n == 1 { "" } else { "s" };
                    app.notice = Some(format!(
                        "{n} warning{plural} about the corpus (listed when you quit)"
                    ));
                }
                if let Some(s) = self.session.take() {
                    restore_session(app, &s);
                }
                if let Some(dir) = data_dir {
                    open_bookmarks(app, dir);
                }
                self.build_index(app);
            }
        }
    }

    fn build_index(&mut self, app: &App) {
        let (ReaderCorpus::Shared(corpus), Some(tx)) = (&app.corpus, self.index_tx.take()) else {
            return;
        };
        let (corpus, cancel) = (Arc::clone(corpus), Arc::clone(&self.cancel));
        std::thread::spawn(move || {
            if let Some(index) = CorpusFilter::build(&corpus.articles, &cancel) {
                let _ = tx.send(index);
            }
        });
    }

    /// The user moved before the saved article arrived: don't jump away
    /// from under them.
    pub(super) fn user_moved(&mut self) {
        self.session = None;
    }

    /// The saved position is still waiting for its article.
    pub(super) fn session_pending(&self) -> bool {
        self.session.is_some()
    }

    pub(super) fn cancel_index(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Right to left when the titles of the first articles are mostly Arabic.
fn order_for(piece: &FileLoad) -> PaneOrder {
    if crate::config::mostly_rtl(piece.articles.iter().map(|a| a.title.as_str())) {
        PaneOrder::Rtl
    } else {
        PaneOrder::Ltr
    }
}
