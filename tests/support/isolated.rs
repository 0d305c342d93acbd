//! The sahifa binary of this test run, kept away from the user's own files:
//! each command gets a data directory and a config directory of its own
//! (under Cargo's temp dir for tests), so no test reads or writes
//! `~/.local/share/sahifa` or picks up a `config.toml` of whoever runs it.
//! A test's own `--data-dir`, `--config` or `.env(…)` still wins.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory for one command.
pub fn fresh_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("isolated-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir for the test");
    dir
}

/// `sahifa` with its own empty data and config directories.
pub fn sahifa() -> Command {
    let dir = fresh_dir();
    let mut c = Command::new(env!("CARGO_BIN_EXE_sahifa"));
    c.env("SAHIFA_DATA_DIR", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", &dir);
    c
}
