//! A tmux terminal (100×30, a private server) for the benches that time
//! the reader in a real terminal. Needs tmux.
#![allow(dead_code)] // each bench uses a different part

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    /// How long `until` waits before giving up.
    patience: Duration,
}

impl Tmux {
    pub fn start(tag: &str, patience: Duration) -> Tmux {
        let tmux = Tmux {
            socket: format!("sahifa-{tag}-{}", std::process::id()),
            patience,
        };
        tmux.cmd(&["new-session", "-d", "-s", "b", "-x", "100", "-y", "30"]);
        tmux.cmd(&[
            "send-keys",
            "-t",
            "b",
            "exec bash --norc --noprofile",
            "Enter",
        ]);
        std::thread::sleep(Duration::from_millis(300));
        tmux
    }

    pub fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is needed for this benchmark (apt-get install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "b"])
    }

    /// Polls the screen until `ok`; the time since `start`.
    pub fn until(&self, start: Instant, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < self.patience,
                "waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}
