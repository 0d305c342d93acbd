//! End to end: the release binary in a real terminal (tmux, 100×30), driven
//! by keys and read back from the screen.
//!
//! Needs tmux (`.ci/run` installs it). Runs the binary Cargo built for this
//! test run (`CARGO_BIN_EXE_sahifa`), wherever `CARGO_TARGET_DIR` puts it;
//! nothing here builds anything.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "support/tmux.rs"]
mod tmux;

/// The shared tmux terminal (100×30), with what these tests add.
struct Tmux(tmux::Terminal);

impl std::ops::Deref for Tmux {
    type Target = tmux::Terminal;
    fn deref(&self) -> &tmux::Terminal {
        &self.0
    }
}

impl Tmux {
    /// A 100x30 tmux session (on a private socket) running bash in `cwd`.
    fn start(name: &str, cwd: &Path) -> Tmux {
        Tmux(tmux::Terminal::open(&format!("e2e-{name}"), cwd, 100, 30))
    }

    /// Types `command` at the shell and waits for the reader's first whole
    /// frame (every check waits for a whole frame: tmux may be read mid-draw).
    fn run_reader(&self, command: &str) {
        self.run(command);
        self.wait("the reader", |s| {
            s.contains("Articles 1/5") && s.contains(" 5 articles")
        });
    }

    /// The pid of the program the pane's shell is running.
    fn reader_pid(&self) -> String {
        let shell = self.format("#{pane_pid}");
        let child = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep");
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no program running in the pane");
        pid
    }
}

/// The sahifa binary Cargo built for this test run.
fn sahifa_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sahifa"))
}

/// The columns of `screen` from `from` to `to` (in characters), line by line.
fn columns(screen: &str, from: usize, to: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(from).take(to - from).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn filter_open_jump_and_quit_in_a_real_terminal() {
    let bin = sahifa_binary();
    let data = tempfile::TempDir::new().unwrap();
    let tmux = Tmux::start("main", data.path());
    let command = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} TERM=xterm-256color {} --shape on --bidi app --layout rtl; echo SAHIFA-EXIT=$?",
        data.path().display(),
        bin.display()
    );
    tmux.run_reader(&command);

    tmux.keys(&["/"]);
    tmux.type_text("خيرسون");
    tmux.keys(&["Enter"]);
    // The status line says "3 of 5" only once Enter has closed the prompt.
    let filtered = tmux.wait("the filtered list", |s| {
        s.contains("3 of 5 articles")
            && s.contains("Articles 1/3")
            && columns(s, 70, 100).contains("443w")
    });
    // The list pane is on the right (RTL layout): only the three articles
    // that mention Kherson remain (000: 385 words, 002: 259, 004: 443).
    let list = columns(&filtered, 70, 100);
    for words in ["385w", "259w", "443w"] {
        assert!(list.contains(words), "{words} missing from list:\n{list}");
    }
    for words in ["301w", "638w"] {
        assert!(
            !list.contains(words),
            "{words} should be filtered out:\n{list}"
        );
    }

    // Open the last of them (004, eight mentions) and jump to a match.
    tmux.keys(&["G", "Enter", "n"]);
    let article = tmux.wait("a match", |s| {
        s.contains("match 1 of")
            && s.contains("8 matches here")
            && columns(s, 20, 70).contains("ﻥﻮﺳﺮﻴﺧ")
    });
    let pane = columns(&article, 20, 70);
    assert!(
        pane.contains("ﻥﻮﺳﺮﻴﺧ"),
        "the article shows خيرسون (shaped, visual order):\n{pane}"
    );
    assert!(article.contains("8 matches here"), "{article}");

    tmux.keys(&["q"]);
    let after = tmux.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
    assert!(
        !after.contains("Articles"),
        "the reader's screen is gone:\n{after}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0");
    assert_eq!(tmux.format("#{cursor_flag}"), "1");
    let state = std::fs::read_to_string(data.path().join("state.json")).expect("session saved");
    assert!(state.contains("004_3d76b183650e0d8d"), "{state}");
}

#[test]
fn ctrl_c_and_sigterm_restore_the_terminal() {
    let bin = sahifa_binary();
    let data = tempfile::TempDir::new().unwrap();
    let tmux = Tmux::start("sig", data.path());
    let run = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} TERM=xterm-256color {}; echo SAHIFA-EXIT=$?",
        data.path().display(),
        bin.display()
    );

    // Ctrl-C, while the filter prompt has the keyboard.
    tmux.run_reader(&run);
    tmux.keys(&["/", "C-c"]);
    tmux.wait("exit after Ctrl-C", |s| s.contains("SAHIFA-EXIT=0"));
    assert_eq!(tmux.format("#{alternate_on}"), "0");

    // SIGTERM from outside.
    tmux.keys(&["clear", "Enter"]);
    tmux.run_reader(&run);
    let pid = tmux.reader_pid();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let after = tmux.wait("exit after SIGTERM", |s| s.contains("SAHIFA-EXIT=0"));
    assert!(!after.contains("Articles"), "{after}");
    assert_eq!(tmux.format("#{alternate_on}"), "0");
    assert_eq!(tmux.format("#{cursor_flag}"), "1");
}

#[test]
fn bookmark_two_articles_and_export_markdown() {
    let bin = sahifa_binary();
    let data = tempfile::TempDir::new().unwrap();
    let cwd = tempfile::TempDir::new().unwrap();
    let tmux = Tmux::start("bm", cwd.path());
    let run = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} TERM=xterm-256color {} --layout rtl; echo SAHIFA-EXIT=$?",
        data.path().display(),
        bin.display()
    );
    tmux.run_reader(&run);
    // Article 000, its first paragraph.
    tmux.keys(&["Enter", "b"]);
    tmux.wait("first bookmark", |s| s.contains("bookmarked ¶1"));
    // Back to the list (to the right in RTL), article 003, a later paragraph.
    tmux.keys(&[
        "l", "j", "j", "j", "Enter", "j", "j", "j", "j", "j", "j", "b",
    ]);
    tmux.wait("second bookmark", |s| s.contains("bookmarked ¶"));
    tmux.keys(&["e", "m"]);
    let screen = tmux.wait("the export", |s| s.contains("exported 2 passages to"));
    assert!(screen.contains("sahifa-bookmarks-"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait("exit", |s| s.contains("SAHIFA-EXIT=0"));

    let exports: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let markdown = std::fs::read_to_string(&exports[0]).unwrap();
    let store: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("bookmarks.json")).unwrap())
            .unwrap();
    let saved = store["bookmarks"].as_array().unwrap();
    assert_eq!(saved.len(), 2);
    let articles: Vec<&str> = saved
        .iter()
        .map(|b| b["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["000_4eab74525d7f3c58", "003_35a7aea116d33d6c"]);
    // Each passage is in the file exactly as the article has it (logical order).
    for b in saved {
        let id = b["article"].as_str().unwrap();
        let from = b["from"].as_u64().unwrap() as usize;
        let shown = Command::new(&bin)
            .args(["show", id, "--json"])
            .env("SAHIFA_DATA_DIR", data.path())
            .output()
            .unwrap();
        let article: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        let paragraph = article["paragraphs"][from - 1].as_str().unwrap();
        assert!(
            markdown.contains(paragraph),
            "¶{from} of {id} missing from the export"
        );
        assert!(
            !markdown
                .chars()
                .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)),
            "no shaped forms"
        );
    }
}

#[test]
fn a_reader_whose_terminal_closes_exits_instead_of_spinning() {
    let bin = sahifa_binary();
    let data = tempfile::TempDir::new().unwrap();
    let tmux = Tmux::start("hup", data.path());
    let run = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} {}",
        data.path().display(),
        bin.display()
    );
    tmux.run_reader(&run);
    let pid = tmux.reader_pid();
    // Closing the terminal: the pane and its pty go away.
    tmux.tmux(&["kill-server"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.split_whitespace().nth(2) == Some("Z") {
            break; // exited, not yet reaped
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "sahifa {pid} still running 5 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A corpus bigger than one load block opens while it loads; the position
/// saved in an article that arrives late is restored; warnings about the
/// corpus are printed once the reader has given the terminal back.
#[test]
fn a_big_corpus_streams_in_and_the_saved_article_is_found_again() {
    use std::io::Write;
    let bin = sahifa_binary();
    let dir = tempfile::TempDir::new().unwrap();
    let corpus = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    for (n, a) in sahifa::corpus::synthetic::generate(3_000, 4)
        .into_iter()
        .enumerate()
    {
        if n == 7 {
            writeln!(file, "{{not json").unwrap();
            continue;
        }
        let record = serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs});
        writeln!(file, "{record}").unwrap();
    }
    drop(file);
    assert!(
        std::fs::metadata(&corpus).unwrap().len() > 16 << 20,
        "three blocks"
    );
    let tmux = Tmux::start("big", dir.path());
    let run = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} {} --corpus {} 2>err.txt; echo SAHIFA-EXIT=$?",
        dir.path().join("data").display(),
        bin.display(),
        corpus.display()
    );
    tmux.type_text(&run);
    tmux.keys(&["Enter"]);
    let loaded = |s: &str| s.contains(" 2999 articles") && !s.contains("loading");
    let screen = tmux.wait("everything loaded", loaded);
    assert!(screen.contains("1 warning about the corpus"), "{screen}");
    tmux.keys(&["G"]);
    tmux.wait("the last article", |s| s.contains("Articles 2999/2999"));
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
    let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
    assert!(err.contains("big.jsonl:8:"), "{err}");

    // Again: the saved article is in the last block; the reader goes back
    // to it when it arrives.
    tmux.keys(&["clear", "Enter"]);
    tmux.type_text(&run);
    tmux.keys(&["Enter"]);
    tmux.wait("the saved article", |s| {
        loaded(s) && s.contains("Articles 2999/2999")
    });
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
}

/// Quitting before the saved article has arrived keeps the saved position.
/// The corpus ends with a named pipe nobody writes to, so loading cannot end
/// while the reader runs, whatever the machine's speed.
#[test]
fn quitting_while_loading_keeps_the_saved_position() {
    let bin = sahifa_binary();
    let dir = tempfile::TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let record = serde_json::json!([{"id": "early", "title": "خبر أول", "paragraphs": ["نص."]}]);
    std::fs::write(corpus.join("0.json"), record.to_string()).unwrap();
    // A file that takes long to read: a line of 16 GB of zero bytes (a
    // sparse file, no disk used), passed over as longer than the limit.
    // (A FIFO, used before, is now skipped: only regular files are read.)
    let slow = std::fs::File::create(corpus.join("1.jsonl")).unwrap();
    slow.set_len(16 << 30).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let saved = r#"{"article":"late","scroll":3}"#;
    std::fs::write(data.join("state.json"), saved).unwrap();

    let tmux = Tmux::start("pending", dir.path());
    let run = format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR={} {} --corpus {}; echo SAHIFA-EXIT=$?",
        data.display(),
        bin.display(),
        corpus.display()
    );
    tmux.type_text(&run);
    tmux.keys(&["Enter"]);
    tmux.wait("the reader, loading", |s| s.contains("loading"));
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
    let state = std::fs::read_to_string(data.join("state.json")).unwrap();
    assert!(state.contains(r#""late""#), "{state}");
}
