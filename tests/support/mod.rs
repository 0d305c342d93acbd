//! Shared by the `sahifa bookmarks` tests: a temp corpus and data dir, and
//! running the real binary against them.
#![allow(dead_code)] // each test file uses a different part

use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

pub const P1: &str = "قال المتحدث باسم الجيش إن القوات عبرت النهر صباح اليوم.";
pub const P2: &str = "وأضاف أن «الوضع مستقر» حتى الآن، وأن 12 جنديا أصيبوا.";
pub const P3: &str = "ولم تعلق الحكومة على هذه الأنباء بعد.";
pub const EN: &str = "The minister said <b>\"we & they\"</b> will talk > 3 hours.";

/// A data dir and a corpus file in one temp dir.
pub struct Env {
    pub tmp: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        let env = Env {
            tmp: tempfile::TempDir::new().unwrap(),
        };
        env.write_corpus(&[
            ("ar1", "عاجل: القوات تعبر النهر", &[P1, P2, P3]),
            ("en1", "Talks & <i>tags</i>", &[EN]),
        ]);
        env
    }

    pub fn write_corpus(&self, articles: &[(&str, &str, &[&str])]) {
        let records: Vec<Value> = articles
            .iter()
            .map(|(id, title, ps)| serde_json::json!({"id": id, "title": title, "paragraphs": ps}))
            .collect();
        fs::write(self.corpus(), serde_json::to_string(&records).unwrap()).unwrap();
    }

    pub fn corpus(&self) -> PathBuf {
        self.tmp.path().join("corpus.json")
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_sahifa"));
        c.arg("--corpus")
            .arg(self.corpus())
            .arg("--data-dir")
            .arg(self.data());
        c.args(args)
            .env("XDG_CONFIG_HOME", self.tmp.path().join("config"))
            .env("NO_COLOR", "1")
            .env_remove("SAHIFA_CRASH_POINT");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn list(&self) -> Vec<Value> {
        serde_json::from_str::<Value>(&self.ok(&["bookmarks", "list", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

/// Exit code 2 and a single line on stderr containing `needle`.
pub fn assert_bad_input(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}
