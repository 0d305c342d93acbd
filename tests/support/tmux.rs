//! A real terminal for end-to-end tests: a private tmux server running a
//! shell, driven by keys, pastes and text, read back with capture-pane.
//! Needs tmux (`.ci/run` installs it).
#![allow(dead_code)] // each test file uses a different part

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long any one thing may take to appear on screen.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Terminal {
    /// The tmux socket name: one server per test, removed on drop.
    socket: String,
}

impl Terminal {
    /// A `cols`×`rows` terminal running bash in `cwd`.
    pub fn open(tag: &str, cwd: &Path, cols: u16, rows: u16) -> Terminal {
        let t = Terminal {
            socket: format!("sahifa-tui-{tag}-{}", std::process::id()),
        };
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let shell = format!("cd '{}' && exec bash --norc --noprofile", cwd.display());
        t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols,
            "-y",
            &rows,
            &shell,
        ]);
        t
    }

    /// Runs a tmux command on this server; its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        match Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
        {
            Ok(out) => String::from_utf8_lossy(&out.stdout).into_owned(),
            Err(e) => panic!("tmux is needed for this test (apt-get install tmux): {e}"),
        }
    }

    /// Types `line` at the shell and presses Enter.
    pub fn run(&self, line: &str) {
        self.type_text(line);
        self.keys(&["Enter"]);
    }

    /// Named keys, as tmux writes them: `Enter`, `Escape`, `C-c`, `F2`, `q`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Text typed character by character.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Text pasted as a terminal pastes it: bracketed when the program
    /// asked for bracketed paste, else as plain keys.
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "paste", text]);
        self.tmux(&["paste-buffer", "-p", "-d", "-b", "paste", "-t", "t"]);
    }

    /// The screen as text, row by row.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// A tmux format for the pane (`#{alternate_on}`, `#{pane_pid}`).
    pub fn format(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "t", format])
            .trim()
            .to_string()
    }

    /// Waits for a screen that `done` accepts and returns it; fails with the
    /// last screen when it does not come (a screen may be caught mid-draw,
    /// so callers wait for whole frames).
    pub fn wait(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let since = Instant::now();
        let mut last = self.screen();
        while !done(&last) {
            if since.elapsed() > PATIENCE {
                panic!("no {what} after {PATIENCE:?}; the screen:\n{last}");
            }
            std::thread::sleep(Duration::from_millis(80));
            last = self.screen();
        }
        last
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
