//! The terminal's modes around the reader: BDSM explicit mode when sahifa
//! does the bidi, bracketed paste, mouse reporting; given back on every way
//! out, a panic and a vanished terminal included.

use crate::text::{BDSM_APP_REORDERS, BDSM_TERMINAL_REORDERS};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What the reader turned on.
#[derive(Debug, Clone, Copy)]
pub(super) struct Modes {
    pub app_reorders: bool,
    pub mouse: bool,
}

impl Modes {
    /// Asks the terminal not to reorder again (`CSI 8 l`) when sahifa does
    /// the bidi, to mark pasted text (so a paste is never taken as keys),
    /// and to report the mouse if asked.
    pub fn enter(self) -> io::Result<()> {
        let mut out = io::stdout();
        if self.app_reorders {
            out.write_all(BDSM_APP_REORDERS.as_bytes())?;
        }
        crossterm::execute!(out, EnableBracketedPaste)?;
        if self.mouse {
            crossterm::execute!(out, EnableMouseCapture)?;
        }
        out.flush()
    }

    pub fn leave(self) {
        let mut out = io::stdout();
        if self.mouse {
            let _ = crossterm::execute!(out, DisableMouseCapture);
        }
        let _ = crossterm::execute!(out, DisableBracketedPaste);
        if self.app_reorders {
            let _ = out.write_all(BDSM_TERMINAL_REORDERS.as_bytes());
        }
        let _ = out.flush();
    }

    /// Extends ratatui's panic hook (which restores the screen) so a panic
    /// also gives the terminal its modes back.
    pub fn leave_on_panic(self) {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            self.leave();
            previous(info);
        }));
    }
}

/// How long the event loop may take to notice SIGTERM/SIGHUP.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// Exit status when the terminal went away under the reader (128 + SIGHUP).
const EXIT_HANGUP: i32 = 129;

/// Ends the process when a stop signal came and the event loop did not
/// finish soon after. crossterm 0.29 never returns from `poll` once the
/// terminal is gone (its reader loops on `read() == 0` at end of file), so
/// without this a reader whose terminal was closed spins forever.
pub(super) fn watchdog(stop: &AtomicBool, finished: &AtomicBool, modes: Modes) {
    let mut stopping_since = None;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        if !stop.load(Ordering::Relaxed) {
            continue;
        }
        let since = *stopping_since.get_or_insert_with(Instant::now);
        if since.elapsed() > STOP_GRACE && !finished.load(Ordering::Relaxed) {
            modes.leave();
            ratatui::restore();
            std::process::exit(EXIT_HANGUP);
        }
    }
}
