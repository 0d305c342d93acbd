//! The terminal reader, as a state machine. Dependencies run one way:
//!
//! ```text
//! action → keymap → editor, mode → state → update (one module per feature)
//!        → view (reads state only) → runtime (event loop, effects, terminal)
//! ```
//!
//! A key becomes an [`Action`] through the key map section of the current
//! [`Mode`]; [`update`] changes the [`App`] and returns [`Effect`]s, which
//! the loop performs in one place (`perform`). Only the key map and the
//! loop know crossterm; nothing below `view` knows ratatui.

mod action;
mod article_rows;
pub mod articles;
mod editor;
mod effect;
mod entity_state;
mod entity_worker;
mod feed_work;
mod geometry;
mod keymap;
mod loading;
mod mode;
mod outside;
mod perform;
mod quote;
mod runtime;
mod session;
mod state;
mod terminal;
mod theme;
mod update;
mod view;

pub use action::Action;
pub use article_rows::Row;
pub use editor::{Edit, Editor};
pub use effect::Effect;
pub use entity_state::EntityState;
pub use geometry::{geometry, Geometry, Pane, PaneOrder};
pub use keymap::{Key, KeyCode, KeyMap, KeyMapError, Section};
pub use loading::{Outcome, PieceSource, Source};
pub use mode::{Back, Mode, Place};
pub use outside::{browser_commands, osc52};
pub use runtime::RunOptions;
pub use session::Session;
pub use state::{App, FindState, Loading, Pending, ReaderCorpus, RowInfo, Settings};
pub use theme::{Theme, ThemeName};
pub use update::{
    current_session, handle_key, handle_paste, resize, restore_session, scroll_at, update,
};
pub use view::draw;

use crate::corpus::Progress;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use terminal::Modes;

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
    let modes = Modes {
        app_reorders: opts.settings.layout.mode == crate::text::BidiMode::App,
        mouse: opts.mouse,
    };
    // Loading starts before the terminal is set up: the first articles are
    // often ready by the first frame.
    let progress = Arc::new(Progress::default());
    let (corpus, shelf, loaded) = loading::start(source, &progress);
    let mut terminal = ratatui::try_init()?;
    modes.leave_on_panic();
    modes.enter()?;
    let finished = Arc::new(AtomicBool::new(false));
    {
        let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
        std::thread::spawn(move || terminal::watchdog(&stop, &finished, modes));
    }
    let mut outcome = Outcome::default();
    let result = runtime::event_loop(
        &mut terminal,
        Arc::new(corpus),
        shelf,
        opts,
        runtime::Channels {
            stop: &stop,
            progress: &progress,
            loaded: &loaded,
        },
        &mut outcome,
    );
    finished.store(true, Ordering::Relaxed);
    progress.cancel.store(true, Ordering::Relaxed);
    modes.leave();
    ratatui::restore();
    result.map(|()| outcome)
}
