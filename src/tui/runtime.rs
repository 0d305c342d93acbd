//! The event loop: terminal events become actions (through the key map),
//! updates return effects, effects are performed, the screen is drawn.

use super::articles::{worker, Shelf};
use super::feed_work::FeedWork;
use super::keymap::Key;
use super::loading::{LoadState, Loaded, Outcome};
use super::mode::Mode;
use super::perform::{load_user_gazetteer, perform, Places};
use super::session::Session;
use super::state::{App, Loading, Settings};
use super::update::{handle_key, handle_paste, resize, scroll_at};
use super::view::draw;
use crate::corpus::{Corpus, Progress};
use crossterm::event::{self, Event, MouseEventKind};
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// How the reader is run: settings plus what the loop needs.
pub struct RunOptions {
    pub settings: Settings,
    /// Choose the pane arrangement from the first articles loaded (right to
    /// left when their titles are mostly Arabic) instead of `settings.order`.
    pub auto_order: bool,
    pub mouse: bool,
    /// Where `state.json` lives; `None` disables remembering.
    pub data_dir: Option<PathBuf>,
    /// The user gazetteer (`t` adds to it); `None` disables tagging.
    pub user_gazetteer: Option<PathBuf>,
    /// Fetch every feed this often (the library only); `None`: only on
    /// the fetch key.
    pub reload: Option<Duration>,
}

/// What the event loop listens to besides the keyboard.
pub(super) struct Channels<'a> {
    pub stop: &'a AtomicBool,
    pub progress: &'a Progress,
    pub loaded: &'a mpsc::Receiver<Loaded>,
}

pub(super) fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    corpus: Arc<Corpus>,
    shelf: Option<Shelf>,
    opts: RunOptions,
    channels: Channels,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut notice = None;
    let mut marks = None;
    if let Some(shelf) = &shelf {
        match worker::start_marks(shelf.library().path().to_path_buf()) {
            Ok(writer) => marks = Some(writer),
            Err(e) => notice = Some(format!("read marks will not be kept: {e}")),
        }
    }
    let places = Places {
        data_dir: opts.data_dir,
        user_gazetteer: opts.user_gazetteer,
        read_marks: marks.as_ref().map(|w| w.marks.clone()),
    };
    let saved = places
        .data_dir
        .as_deref()
        .map(Session::load)
        .unwrap_or_default();
    let mut app = App::new(corpus, opts.settings, size.width, size.height);
    app.shelf = shelf;
    app.notice = notice;
    app.read = saved.read.iter().cloned().collect();
    let mut load = LoadState::new(saved, opts.auto_order);
    let mut feed_work = FeedWork::new(&mut app, opts.reload);
    app.loading = Some(Loading::default());
    app.filter.building = true;
    if let Some(path) = &places.user_gazetteer {
        load_user_gazetteer(&mut app, path);
    }
    let mut last_overlay = (false, false);
    let result = loop {
        while let Ok(message) = channels.loaded.try_recv() {
            load.receive(&mut app, message, outcome, places.data_dir.as_deref());
        }
        feed_work.poll(&mut app, &mut load, outcome);
        if let Some(loading) = &mut app.loading {
            loading.done_bytes = channels.progress.done_bytes.load(Ordering::Relaxed);
            loading.total_bytes = channels.progress.total_bytes.load(Ordering::Relaxed);
        }
        // Mentions of a long article, detected in the background.
        app.entities.receive();
        if let Some((_, answers)) = &load.worker {
            while let Ok(answer) = answers.try_recv() {
                app.receive(answer);
            }
        }
        if let Some(writer) = &marks {
            while let Ok(failure) = writer.failures.try_recv() {
                app.notice = Some(failure);
            }
        }
        match load.filter_index.try_recv() {
            Ok(index) => app.install_filter(index),
            // The builder is gone without an index: build on demand instead.
            Err(mpsc::TryRecvError::Disconnected) if app.filter.building => {
                app.filter.building = false;
                app.set_filter(app.filter.input.clone());
            }
            Err(_) => {}
        }
        // An overlay opening or closing repaints every cell: terminals
        // (xterm) repaint only the cells that change, and a harakah drawn
        // past its cell by a fallback font would stay behind on the blank
        // cells of the overlay.
        let overlay = (
            app.mode.shows_bookmarks(),
            matches!(app.mode, Mode::Help { .. }),
        );
        if overlay != last_overlay {
            terminal.clear()?;
            last_overlay = overlay;
        }
        terminal.draw(|frame| draw(frame, &app))?;
        if app.quit || channels.stop.load(Ordering::Relaxed) {
            break Ok(());
        }
        // While filtering, fetching, loading or detecting, what arrives is
        // drawn soon.
        let filtering = app.filter.pending.is_some() || app.filter.naming.is_some();
        let waiting = filtering || feed_work.busy();
        let wait = match (waiting, app.loading.is_some() || app.entities.pending()) {
            (true, _) => 4,
            (false, true) => 20,
            (false, false) => 200,
        };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        let place = (app.selected(), app.article.scroll);
        let effects = match event::read()? {
            Event::Key(k) => Key::from_event(k).map_or_else(Vec::new, |k| handle_key(&mut app, k)),
            Event::Paste(text) => handle_paste(&mut app, &text),
            Event::Resize(w, h) => {
                resize(&mut app, w, h);
                Vec::new()
            }
            Event::Mouse(m) => {
                match m.kind {
                    MouseEventKind::ScrollDown => scroll_at(&mut app, m.column, m.row, 3),
                    MouseEventKind::ScrollUp => scroll_at(&mut app, m.column, m.row, -3),
                    _ => {}
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        if (app.selected(), app.article.scroll) != place {
            load.user_moved();
        }
        for effect in effects
            .iter()
            // Asked for on quitting: done once, below, on every way out.
            .filter(|e| **e != super::effect::Effect::SaveSession)
        {
            if !feed_work.perform(&mut app, effect) {
                perform(&mut app, effect, &places);
            }
        }
        let requests = std::mem::take(&mut app.filter.requests);
        if let Some((ask, _)) = &load.worker {
            for request in requests {
                let _ = ask.send(request);
            }
        }
    };
    load.cancel_index();
    feed_work.cancel();
    // Leaving (by q, Ctrl-C or a signal) remembers the position, unless the
    // saved one never arrived and the user did not move: it is kept.
    if load.may_save_session() {
        perform(&mut app, &super::effect::Effect::SaveSession, &places);
    }
    outcome.warnings = app.corpus.warnings.clone();
    drop(places);
    if let Some(writer) = marks {
        for failure in writer.finish() {
            outcome
                .warnings
                .push(crate::corpus::Warning::new("library.db", failure));
        }
    }
    result
}
