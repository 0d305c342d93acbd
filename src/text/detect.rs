//! Choosing defaults from the environment, as pure functions over an
//! environment lookup so they can be tested without touching the process
//! environment.

use super::BidiMode;

/// Escape sequence (BDSM reset, `CSI 8 l`) asking the terminal for explicit
/// mode: the application does the reordering. Written by the terminal shell
/// before drawing in [`BidiMode::App`].
pub const BDSM_APP_REORDERS: &str = "\x1b[8l";

/// Escape sequence (BDSM set, `CSI 8 h`) restoring implicit mode, in which
/// the terminal reorders text itself. Written on exit.
pub const BDSM_TERMINAL_REORDERS: &str = "\x1b[8h";

/// Environment variables whose presence means the terminal does its own bidi
/// reordering and Arabic shaping.
const BIDI_TERMINALS: [&str; 2] = ["KONSOLE_VERSION", "MLTERM"];

fn any_set(env: &impl Fn(&str) -> Option<String>) -> bool {
    BIDI_TERMINALS
        .iter()
        .any(|name| env(name).is_some_and(|v| !v.is_empty()))
}

/// [`BidiMode::Terminal`] when running inside a terminal known to reorder
/// bidi text itself (Konsole, mlterm: `KONSOLE_VERSION` or `MLTERM` set to a
/// non-empty value), otherwise [`BidiMode::App`]. `env` looks up a variable.
pub fn detect_terminal_bidi(env: impl Fn(&str) -> Option<String>) -> BidiMode {
    if any_set(&env) {
        BidiMode::Terminal
    } else {
        BidiMode::App
    }
}

/// Whether to shape Arabic by default: yes, except in terminals known to
/// shape by themselves (the same variables as [`detect_terminal_bidi`]).
pub fn detect_shaping(env: impl Fn(&str) -> Option<String>) -> bool {
    !any_set(&env)
}
