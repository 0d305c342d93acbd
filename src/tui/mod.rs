//! The terminal reader. Only this module (the loop below and the key map)
//! touches the terminal; state and behaviour live in `state` and `update`,
//! drawing in `view`.

mod action;
mod article_rows;
mod bookmarking;
mod entity_actions;
mod entity_state;
mod geometry;
mod keymap;
mod loading;
mod session;
mod state;
mod theme;
mod update;
mod view;

pub use action::Action;
pub use bookmarking::{current_paragraph, BookmarkState, Prompt};
pub use entity_state::{EntityState, TagPrompt};
pub use geometry::{geometry, Geometry, Pane, PaneOrder};
pub use keymap::{Key, KeyCode, KeyMap};
pub use loading::{Outcome, PieceSource, Source};
pub use session::Session;
pub use state::{App, Loading, ReaderCorpus, Settings};
pub use theme::{Theme, ThemeName};
pub use update::{handle_key, install_filter, resize, scroll_at, set_filter, update, Effect};
pub use view::draw;

use crate::bookmarks::export::write_new_file;
use crate::bookmarks::{now_secs, rfc3339, Anchor, Store};
use crate::corpus::{Corpus, Progress};
use crate::entities::{append_user_entry, Entry, Gazetteer};
use crate::text::{BidiMode, BDSM_APP_REORDERS, BDSM_TERMINAL_REORDERS};
use crossterm::event::{self, Event, MouseEventKind};
use loading::{LoadState, Loaded};
use std::io::{self, Write};
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
}

/// Opens the reader and returns when the user quits. The terminal is
/// restored on every exit: `q`, Ctrl-C, SIGTERM/SIGHUP, an error, and a
/// panic (ratatui's panic hook, extended here).
pub fn run(source: Source, opts: RunOptions) -> io::Result<Outcome> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let app_reorders = opts.settings.layout.mode == BidiMode::App;
    let mouse = opts.mouse;
    // Loading starts before the terminal is set up: the first articles are
    // often ready by the first frame.
    let progress = Arc::new(Progress::default());
    let (corpus, loaded) = loading::start(source, &progress);
    let mut terminal = ratatui::try_init()?;
    install_panic_cleanup(app_reorders, opts.mouse);
    enter_modes(app_reorders, opts.mouse)?;
    let finished = Arc::new(AtomicBool::new(false));
    {
        let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
        std::thread::spawn(move || watchdog(&stop, &finished, app_reorders, mouse));
    }
    let mut outcome = Outcome::default();
    let result = event_loop(
        &mut terminal,
        Arc::new(corpus),
        opts,
        Channels {
            stop: &stop,
            progress: &progress,
            loaded: &loaded,
        },
        &mut outcome,
    );
    finished.store(true, Ordering::Relaxed);
    progress.cancel.store(true, Ordering::Relaxed);
    leave_modes(app_reorders, true);
    ratatui::restore();
    result.map(|()| outcome)
}

/// What the event loop listens to besides the keyboard.
struct Channels<'a> {
    stop: &'a AtomicBool,
    progress: &'a Progress,
    loaded: &'a mpsc::Receiver<Loaded>,
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    corpus: Arc<Corpus>,
    opts: RunOptions,
    channels: Channels,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut load = LoadState::new(&opts);
    let mut app = App::new(corpus, opts.settings, size.width, size.height);
    app.loading = Some(Loading::default());
    app.filter.building = true;
    if let Some(path) = &opts.user_gazetteer {
        load_user_gazetteer(&mut app, path);
    }
    let result = loop {
        while let Ok(message) = channels.loaded.try_recv() {
            load.receive(&mut app, message, outcome, opts.data_dir.as_deref());
        }
        if let Some(loading) = &mut app.loading {
            loading.done_bytes = channels.progress.done_bytes.load(Ordering::Relaxed);
            loading.total_bytes = channels.progress.total_bytes.load(Ordering::Relaxed);
        }
        match load.filter_index.try_recv() {
            Ok(index) => install_filter(&mut app, index),
            // The builder is gone without an index: build on demand instead.
            Err(mpsc::TryRecvError::Disconnected) if app.filter.building => {
                app.filter.building = false;
                let input = app.filter.input.clone();
                set_filter(&mut app, input);
            }
            Err(_) => {}
        }
        terminal.draw(|frame| draw(frame, &app))?;
        if app.quit || channels.stop.load(Ordering::Relaxed) {
            break Ok(());
        }
        // While loading, new articles and the progress are drawn often.
        let wait = if app.loading.is_some() { 20 } else { 200 };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        let place = (app.selected(), app.article.scroll);
        let effects = match event::read()? {
            Event::Key(k) => {
                Key::from_event(k).map_or_else(Vec::new, |key| handle_key(&mut app, key))
            }
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
        for effect in effects {
            match &effect {
                Effect::TagEntity { text, kind } => {
                    tag_entity(&mut app, text, *kind, opts.user_gazetteer.as_deref());
                }
                // Asked for on quitting: done once, below, on every way out.
                Effect::SaveSession => {}
                _ => perform(&mut app, &effect, opts.data_dir.as_deref()),
            }
        }
    };
    load.cancel_index();
    // Leaving (by q, Ctrl-C or a signal) remembers the position, unless the
    // saved one never arrived and the user did not move: it is kept.
    if load.may_save_session() {
        perform(&mut app, &Effect::SaveSession, opts.data_dir.as_deref());
    }
    outcome.warnings = app.corpus.warnings.clone();
    result
}

fn perform(app: &mut App, effect: &Effect, data_dir: Option<&std::path::Path>) {
    match effect {
        Effect::SaveSession => {
            if let Some(dir) = data_dir {
                // Failing to remember the position must not stop a quit.
                let _ = current_session(app).save(dir);
            }
        }
        Effect::SaveBookmarks => {
            if let Err(e) = app.marks.store.save() {
                app.notice = Some(format!("not saved: {e}"));
            }
            // The save merged in what other instances saved; find those
            // passages in this corpus too before showing their marks.
            app.marks.store.reanchor(&app.corpus);
        }
        Effect::TagEntity { .. } => {}
        Effect::Export(format) => {
            let exported = rfc3339(now_secs());
            let bookmarks = app.marks.store.bookmarks();
            // The current directory, where the user started; else the data dir.
            let written = std::env::current_dir()
                .and_then(|d| write_new_file(&d, *format, bookmarks, &exported))
                .or_else(|e| match data_dir {
                    Some(d) => write_new_file(d, *format, bookmarks, &exported),
                    None => Err(e),
                });
            app.notice = Some(match written {
                Ok(path) => format!(
                    "exported {} passages to {}",
                    bookmarks.len(),
                    path.display()
                ),
                Err(e) => format!("export failed: {e}"),
            });
        }
    }
}

/// The built-in gazetteer extended with the user's; a broken user file is
/// reported and left alone.
fn load_user_gazetteer(app: &mut App, path: &std::path::Path) {
    let mut gazetteer = Gazetteer::builtin();
    if let Err(e) = gazetteer.load_user(path) {
        app.notice = Some(e.to_string());
    }
    app.entities.replace_gazetteer(gazetteer);
    if let Some(i) = app.article.rows.as_ref().map(|r| r.article) {
        app.entities.show(i, &app.corpus.articles[i]);
    }
}

/// `t`: saves the entry in the user gazetteer, then detects again with it.
fn tag_entity(
    app: &mut App,
    text: &str,
    kind: crate::entities::Kind,
    path: Option<&std::path::Path>,
) {
    let Some(path) = path else {
        app.notice = Some("no config directory to keep the user gazetteer in".into());
        return;
    };
    let entry = Entry {
        canonical: text.to_string(),
        kind,
        aliases: Vec::new(),
    };
    match append_user_entry(path, entry) {
        Ok(()) => {
            load_user_gazetteer(app, path);
            app.notice = Some(format!(
                "tagged {text} as {} (saved in {})",
                kind.name(),
                path.display()
            ));
        }
        Err(e) => app.notice = Some(format!("not tagged: {e}")),
    }
}

/// Loads the bookmark store, finds its passages in this corpus, and says
/// on the status line if anything needs the user's attention.
pub(super) fn open_bookmarks(app: &mut App, dir: &std::path::Path) {
    let mut store = Store::open(dir);
    let (anchors, moved) = store.reanchor(&app.corpus);
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
            "{orphaned} bookmarked passages are no longer in this corpus (kept; B lists them)"
        ));
    }
    app.marks = BookmarkState::new(store);
    if !notes.is_empty() {
        app.notice = Some(notes.join(" · "));
    }
}

/// The session to save for the app as it is now.
pub fn current_session(app: &App) -> Session {
    Session {
        article: app.selected().map(|i| app.corpus.articles[i].id.clone()),
        scroll: app.article.scroll,
    }
}

/// Reopens the saved article at the saved scroll position, if it still exists.
pub fn restore_session(app: &mut App, session: &Session) {
    let Some(id) = &session.article else {
        return;
    };
    if let Some(pos) = app
        .list
        .visible
        .iter()
        .position(|&i| app.corpus.articles[i].id == *id)
    {
        app.list.selected = pos;
        app.show_selected();
        app.article.scroll = session.scroll;
        app.clamp_scroll();
        let h = app.list_height();
        app.list.offset = pos.saturating_sub(h.saturating_sub(1));
    }
}

/// How long the event loop may take to notice SIGTERM/SIGHUP.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// Ends the process when a stop signal came and the event loop did not
/// finish soon after. crossterm 0.29 never returns from `poll` once the
/// terminal is gone (its reader loops on `read() == 0` at end of file), so
/// without this a reader whose terminal was closed spins forever.
fn watchdog(stop: &AtomicBool, finished: &AtomicBool, app_reorders: bool, mouse: bool) {
    let mut stopping_since = None;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        if !stop.load(Ordering::Relaxed) {
            continue;
        }
        let since = *stopping_since.get_or_insert_with(std::time::Instant::now);
        if since.elapsed() > STOP_GRACE && !finished.load(Ordering::Relaxed) {
            leave_modes(app_reorders, mouse);
            ratatui::restore();
            std::process::exit(EXIT_HANGUP);
        }
    }
}

/// Exit status when the terminal went away under the reader (128 + SIGHUP).
const EXIT_HANGUP: i32 = 129;

/// Asks the terminal not to reorder again (BDSM explicit mode, `CSI 8 l`)
/// when sahifa does the bidi, and turns mouse reporting on if asked.
fn enter_modes(app_reorders: bool, mouse: bool) -> io::Result<()> {
    let mut out = io::stdout();
    if app_reorders {
        out.write_all(BDSM_APP_REORDERS.as_bytes())?;
    }
    if mouse {
        crossterm::execute!(out, crossterm::event::EnableMouseCapture)?;
    }
    out.flush()
}

fn leave_modes(app_reorders: bool, mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = crossterm::execute!(out, crossterm::event::DisableMouseCapture);
    }
    if app_reorders {
        let _ = out.write_all(BDSM_TERMINAL_REORDERS.as_bytes());
    }
    let _ = out.flush();
}

/// Extends ratatui's panic hook (which restores the screen) so a panic also
/// gives the terminal its bidi mode back and stops mouse reporting.
fn install_panic_cleanup(app_reorders: bool, mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_modes(app_reorders, mouse);
        previous(info);
    }));
}
