//! The real binary in a real terminal (tmux, 100×30): pastes that can never
//! act as keys, Arabic on the status bar, quitting with a rebound key, the
//! address copied with OSC 52, read marks kept.

use crate::tmux::Terminal;
use std::path::Path;

/// Starts the reader in `t` (with `args`, its data in `data`) and waits for
/// its first whole frame.
fn start(t: &Terminal, data: &Path, args: &str) {
    t.run(&format!(
        "SAHIFA_DATA_DIR={} TERM=xterm-256color {} --shape on --bidi app --layout rtl {args}; echo SAHIFA-EXIT=$?",
        data.display(),
        env!("CARGO_BIN_EXE_sahifa")
    ));
    t.wait("the reader", |s| {
        s.contains("Articles 1/") && s.contains(" help · ")
    });
}

fn quit(t: &Terminal, key: &str) {
    t.keys(&[key]);
    t.wait("the shell", |s| s.contains("SAHIFA-EXIT=0"));
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn a_paste_is_typed_into_the_prompt_and_never_runs_keys() {
    let dir = tempfile::TempDir::new().unwrap();
    let t = Terminal::open("paste", dir.path(), 100, 30);
    start(&t, dir.path(), "");
    // A bookmark to lose, if «dy» in the paste were keys.
    t.keys(&["Enter", "b"]);
    t.wait("the bookmark", |s| s.contains("bookmarked ¶1"));
    t.keys(&["B", "n"]);
    t.wait("the note prompt", |s| s.contains(" note: "));
    t.paste("ملاحظة\ndy");
    t.keys(&["Enter"]);
    let screen = t.wait("the saved note", |s| s.contains("note saved"));
    assert!(screen.contains("Bookmarks 1 ·"), "{screen}");
    assert!(
        screen.contains("dy ﺔﻈﺣﻼﻣ"),
        "the note, right to left:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait("the pane closed", |s| s.contains("? help · q quit"));
    // «G» and «q» in a pasted filter are text: the reader stays.
    t.keys(&["/"]);
    t.paste("خيرسون\nGq");
    let screen = t.wait("the pasted filter", |s| {
        s.contains(" / ") && s.contains("Gq")
    });
    assert!(screen.contains("Articles"), "{screen}");
    t.keys(&["Escape"]);
    t.wait("the filter undone", |s| s.contains(" 5 articles"));
    quit(&t, "q");
    let store = std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    assert!(store.contains("\"note\": \"ملاحظة dy\""), "{store}");
    // The reader ran on the library: opening marked it read there, and
    // state.json (the marks of `--corpus`) holds none.
    let library = sahifa::library::Library::open(&dir.path().join("library.db")).unwrap();
    assert_eq!(library.info().unwrap().unread, 4, "opening marked it read");
    let state = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(!state.contains("\"read\""), "{state}");
}

#[test]
fn the_status_bar_reads_arabic_right() {
    let dir = tempfile::TempDir::new().unwrap();
    let t = Terminal::open("status", dir.path(), 100, 30);
    start(&t, dir.path(), "");
    // Article 002; the entity pane (left of the article in RTL); its first
    // entity is Kherson.
    t.keys(&["j", "j", "h", "h", "]"]);
    let screen = t.wait("the mention", |s| s.contains("mention 1 of"));
    let status = screen
        .lines()
        .rfind(|l| l.contains("mention 1 of"))
        .unwrap();
    assert!(
        status.contains(" ﻥﻮﺳﺮﻴﺧ: mention 1 of 5 "),
        "shaped, in visual order, before the English:\n{status}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait("the list by entity", |s| s.contains("mention ﻥﻮﺳﺮﻴﺧ"));
    assert!(
        screen.contains("3 articles mention ﻥﻮﺳﺮﻴﺧ · Esc shows all"),
        "{screen}"
    );
    quit(&t, "q");
}

#[test]
fn quitting_with_a_rebound_key() {
    let dir = tempfile::TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys]\nq = \"help\"\n\"ctrl-c\" = \"none\"\nF10 = \"quit\"\n",
    )
    .unwrap();
    let t = Terminal::open("rebound", dir.path(), 100, 30);
    start(&t, dir.path(), &format!("--config {}", config.display()));
    let screen = t.screen();
    assert!(
        screen.contains(" q help · F10 quit"),
        "the hints follow:\n{screen}"
    );
    t.keys(&["q"]);
    t.wait("help, where q was", |s| s.contains("Keys ·"));
    t.keys(&["Escape"]);
    t.wait("help closed", |s| !s.contains("Keys ·"));
    t.keys(&["C-c"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(t.screen().contains("Articles"), "Ctrl-C was unbound");
    quit(&t, "F10");
    assert_eq!(t.format("#{cursor_flag}"), "1");
}

#[test]
fn y_copies_the_address_with_osc_52() {
    let dir = tempfile::TempDir::new().unwrap();
    let corpus = dir.path().join("news.json");
    let record = serde_json::json!([{
        "id": "u1", "title": "عنوان الخبر", "paragraphs": ["نص الخبر."],
        "url": "https://example.com/news/1", "source": "وكالة", "published": "2022-11-11"
    }]);
    std::fs::write(&corpus, record.to_string()).unwrap();
    let t = Terminal::open("copy", dir.path(), 100, 30);
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.run(&format!(
        "SAHIFA_DATA_DIR={} {} --corpus {}; echo SAHIFA-EXIT=$?",
        dir.path().display(),
        env!("CARGO_BIN_EXE_sahifa"),
        corpus.display()
    ));
    let screen = t.wait("the article", |s| {
        s.contains("https://example.com/news/1") && s.contains("2022-11-11")
    });
    assert!(
        screen.contains("ﺔﻟﺎﻛﻭ · 2022-11-11"),
        "outlet and date:\n{screen}"
    );
    t.keys(&["y"]);
    t.wait("the copy", |s| s.contains("address copied"));
    let buffer = t.tmux(&["show-buffer"]);
    assert_eq!(buffer, "https://example.com/news/1");
    quit(&t, "q");
}
