//! The corpus arriving while the reader runs: a thread loads it and sends
//! pieces; the event loop hands each to [`LoadState::receive`], which adds
//! it to the app and, once everything is there, opens the bookmarks and
//! starts building the filter index.

use super::articles::{worker, Shelf};
use super::geometry::PaneOrder;
use super::session::Session;
use super::state::{App, ReaderCorpus};
use super::update::restore_session;
use crate::bookmarks::{Anchor, Store};
use crate::corpus::{Corpus, FileLoad, LoadError, Progress, Warning};
use crate::library::{Library, View};
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
    /// Any other producer of pieces: run on the loading thread, it hands
    /// each piece to its argument, in order.
    Pieces(Box<PieceSource>),
    /// The library: only the list's order is loaded (newest first); rows
    /// and texts are read as they are shown.
    Library(Library),
}

/// How many articles the first piece of the library's order holds: more
/// than a screenful, so the first frame needs nothing else.
const FIRST_SCREEN: usize = 200;

/// Loads pieces and hands each to `emit`, in order, watching the progress
/// (and its cancellation).
pub type PieceSource =
    dyn FnOnce(&Progress, &mut dyn FnMut(FileLoad)) -> Result<(), LoadError> + Send;

/// What the reader leaves to say once the terminal is restored.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Everything skipped or repaired while loading.
    pub warnings: Vec<Warning>,
    /// Loading stopped on this error (what loaded before it was shown).
    pub error: Option<LoadError>,
}

/// How many titles the pane arrangement is chosen from.
const ORDER_SAMPLE: usize = 64;

/// A message from the loading thread.
pub(super) enum Loaded {
    Piece(FileLoad),
    /// Article numbers of the library, in the list's order.
    Numbers(Vec<u32>),
    Done(Result<(), LoadError>),
}

/// Starts loading `source`: the corpus to start the reader with, and where
/// the rest will arrive.
pub(super) fn start(
    source: Source,
    progress: &Arc<Progress>,
) -> (Corpus, Option<Shelf>, mpsc::Receiver<Loaded>) {
    let (tx, rx) = mpsc::channel();
    if let Source::Library(lib) = source {
        let (path, progress) = (lib.path().to_path_buf(), Arc::clone(progress));
        std::thread::spawn(move || {
            let result = load_order(&path, View::All, &progress, &tx);
            let _ = tx.send(Loaded::Done(result));
        });
        return (Corpus::default(), Some(Shelf::new(lib)), rx);
    }
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
        Source::Pieces(produce) => {
            let progress = Arc::clone(progress);
            std::thread::spawn(move || {
                let result = produce(&progress, &mut |piece| {
                    let _ = tx.send(Loaded::Piece(piece));
                });
                let _ = tx.send(Loaded::Done(result));
            });
            Corpus::default()
        }
        Source::Library(_) => Corpus::default(),
    };
    (corpus, None, rx)
}

/// Reads the order of the library's `view` on its own connection and sends
/// it in pieces, the first a screenful. Progress counts articles, not bytes.
pub(super) fn load_order(
    path: &Path,
    view: View,
    progress: &Progress,
    tx: &mpsc::Sender<Loaded>,
) -> Result<(), LoadError> {
    let failed = |e: crate::library::LibraryError| LoadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let lib = Library::open(path).map_err(failed)?;
    let total = lib.len().map_err(failed)?;
    progress.total_bytes.store(total as u64, Ordering::Relaxed);
    lib.order(view, FIRST_SCREEN, |numbers| {
        progress
            .done_bytes
            .fetch_add(numbers.len() as u64, Ordering::Relaxed);
        tx.send(Loaded::Numbers(numbers)).is_ok() && !progress.cancel.load(Ordering::Relaxed)
    })
    .map_err(failed)
}

/// What the event loop keeps about loading and what follows it.
pub(super) struct LoadState {
    /// The saved reading position, until its article arrives or the user
    /// moves.
    session: Option<Session>,
    /// Titles gathered to choose the pane arrangement from, until there
    /// are [`ORDER_SAMPLE`] of them or loading ends; `None` once chosen
    /// (or when the user chose).
    order_titles: Option<Vec<String>>,
    index_tx: Option<mpsc::Sender<CorpusFilter>>,
    /// The filter index, built once everything is loaded.
    pub(super) filter_index: mpsc::Receiver<CorpusFilter>,
    /// The library's filter worker, once the order is all there.
    pub(super) worker: Option<(
        mpsc::Sender<worker::Request>,
        mpsc::Receiver<worker::Answer>,
    )>,
    cancel: Arc<AtomicBool>,
}

impl LoadState {
    /// `saved`: the session to restore once its article arrives;
    /// `auto_order`: choose the arrangement from the titles that arrive.
    pub(super) fn new(saved: Session, auto_order: bool) -> LoadState {
        let (index_tx, filter_index) = mpsc::channel();
        LoadState {
            session: Some(saved).filter(|s| s.article.is_some()),
            order_titles: auto_order.then(Vec::new),
            index_tx: Some(index_tx),
            filter_index,
            worker: None,
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
                if let Some(titles) = &mut self.order_titles {
                    let room = ORDER_SAMPLE.saturating_sub(titles.len());
                    titles.extend(piece.articles.iter().take(room).map(|a| a.title.clone()));
                    if titles.len() >= ORDER_SAMPLE {
                        self.choose_order(app);
                    }
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
            Loaded::Numbers(numbers) => {
                app.append_numbers(&numbers);
                if let Some(titles) = &mut self.order_titles {
                    let room = ORDER_SAMPLE.saturating_sub(titles.len());
                    let from = app.article_count() - numbers.len();
                    let end = (from + room).min(app.article_count());
                    let positions: Vec<usize> = (from..end).collect();
                    if let Some(shelf) = &mut app.shelf {
                        let _ = shelf.fetch_rows(&positions);
                    }
                    titles.extend(positions.iter().map(|&p| app.row(p).title.to_string()));
                    if titles.len() >= ORDER_SAMPLE {
                        self.choose_order(app);
                    }
                }
                let saved = self.session.as_ref().and_then(|s| s.article.as_deref());
                if saved.is_some_and(|id| app.find_article(id).is_some()) {
                    if let Some(s) = self.session.take() {
                        restore_session(app, &s);
                    }
                }
            }
            Loaded::Done(result) => {
                app.loading = None;
                self.choose_order(app);
                if let Err(e) = result {
                    app.notice = Some(format!("loading stopped: {e}"));
                    outcome.error = Some(e);
                } else if !app.corpus.warnings.is_empty() {
                    // Those from listing the files and from loading them.
                    let n = app.corpus.warnings.len();
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

    fn build_index(&mut self, app: &mut App) {
        if let Some(shelf) = &mut app.shelf {
            shelf.complete = true;
            let started = worker::start(shelf.library().path().to_path_buf(), shelf.order());
            match started {
                Ok(channels) => {
                    self.worker = Some(channels);
                    app.filter_ready();
                }
                Err(e) => app.notice = Some(format!("no filter: {e}")),
            }
            return;
        }
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

    /// Right to left when the titles gathered so far are mostly Arabic;
    /// left as it is when none arrived.
    fn choose_order(&mut self, app: &mut App) {
        let Some(titles) = self.order_titles.take() else {
            return;
        };
        if !titles.is_empty() {
            let rtl = crate::config::mostly_rtl(titles.iter().map(String::as_str));
            app.settings.order = if rtl { PaneOrder::Rtl } else { PaneOrder::Ltr };
            // The article pane may have moved: lay it out for where it is now.
            app.show_selected();
        }
    }

    /// The user moved before the saved article arrived: don't jump away
    /// from under them.
    pub(super) fn user_moved(&mut self) {
        self.session = None;
    }

    /// Whether the position may be saved now: not while the saved one is
    /// still waiting for its article (quitting then keeps it for next time).
    pub(super) fn may_save_session(&self) -> bool {
        self.session.is_none()
    }

    pub(super) fn cancel_index(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Loads the bookmark store, finds its passages in this corpus, and says
/// on the status line if anything needs the user's attention.
fn open_bookmarks(app: &mut App, dir: &Path) {
    app.marks = super::state::BookmarkState::new(Store::open(dir));
    let (anchors, moved) = app.reanchor();
    let store = &mut app.marks.store;
    let orphaned = anchors
        .iter()
        .filter(|a| matches!(a, Anchor::Orphaned))
        .count();
    let mut notes: Vec<String> = store
        .take_warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    if moved {
        if let Err(e) = store.save() {
            notes.push(format!("bookmarks not saved: {e}"));
        }
    }
    if orphaned > 0 {
        notes.push(format!(
            "{orphaned} bookmarked passages are no longer in this corpus (kept in the bookmarks pane)"
        ));
    }
    if !notes.is_empty() {
        app.notice = Some(notes.join(" · "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::Settings;

    /// The seeds in two pieces: articles 0–2, then 3–4.
    fn pieces() -> (FileLoad, FileLoad) {
        let mut articles = Corpus::bundled().articles;
        let late = articles.split_off(3);
        let piece = |articles| FileLoad {
            articles,
            warnings: Vec::new(),
        };
        (piece(articles), piece(late))
    }

    fn setup(data: &Path, auto_order: bool) -> (App<'static>, LoadState) {
        let load = LoadState::new(Session::load(data), auto_order);
        let settings = Settings::for_order(PaneOrder::Ltr);
        let mut app = App::new(Arc::new(Corpus::default()), settings, 120, 40);
        app.loading = Some(Default::default());
        (app, load)
    }

    fn save_position_at(data: &Path, id: &str) {
        let session = Session {
            article: Some(id.to_string()),
            scroll: 2,
            read: Vec::new(),
        };
        session.save(data).unwrap();
    }

    #[test]
    fn the_saved_position_waits_for_its_article_and_is_kept_if_the_user_quits_first() {
        let data = tempfile::TempDir::new().unwrap();
        let (early, late) = pieces();
        save_position_at(data.path(), &late.articles[1].id);
        let (mut app, mut load) = setup(data.path(), false);
        let mut outcome = Outcome::default();
        load.receive(&mut app, Loaded::Piece(early), &mut outcome, None);
        assert_eq!(app.selected(), Some(0));
        // Quitting now must not overwrite the saved position with article 0.
        assert!(!load.may_save_session());
        load.receive(&mut app, Loaded::Piece(late), &mut outcome, None);
        // Restored as soon as its piece arrived, before loading ends.
        assert!(app.loading.is_some());
        assert_eq!(app.selected(), Some(4));
        assert!(load.may_save_session());
    }

    #[test]
    fn moving_before_the_saved_article_arrives_gives_it_up() {
        let data = tempfile::TempDir::new().unwrap();
        let (early, late) = pieces();
        save_position_at(data.path(), &late.articles[1].id);
        let (mut app, mut load) = setup(data.path(), false);
        let mut outcome = Outcome::default();
        load.receive(&mut app, Loaded::Piece(early), &mut outcome, None);
        crate::tui::update::update(&mut app, crate::tui::action::Action::MoveDown);
        load.user_moved();
        assert!(load.may_save_session());
        load.receive(&mut app, Loaded::Piece(late), &mut outcome, None);
        load.receive(&mut app, Loaded::Done(Ok(())), &mut outcome, None);
        assert_eq!(app.selected(), Some(1));
    }

    #[test]
    fn the_arrangement_is_chosen_from_the_titles_not_from_an_empty_first_piece() {
        let data = tempfile::TempDir::new().unwrap();
        let (early, late) = pieces();
        let (mut app, mut load) = setup(data.path(), true);
        let mut outcome = Outcome::default();
        let empty = FileLoad {
            articles: Vec::new(),
            warnings: vec![Warning::new("0000.txt", "empty: no paragraphs; skipped")],
        };
        load.receive(&mut app, Loaded::Piece(empty), &mut outcome, None);
        load.receive(&mut app, Loaded::Piece(early), &mut outcome, None);
        // Fewer titles than the sample: still open until loading ends.
        assert_eq!(app.settings.order, PaneOrder::Ltr);
        load.receive(&mut app, Loaded::Piece(late), &mut outcome, None);
        load.receive(&mut app, Loaded::Done(Ok(())), &mut outcome, None);
        assert_eq!(app.settings.order, PaneOrder::Rtl);
        assert_eq!(app.corpus.warnings.len(), 1);
    }
}
