//! Command output on a real terminal (tmux, 60 columns): listings are laid
//! out by the engine at the terminal's width, one screen row per article,
//! right-to-left titles right-aligned and cut after a whole word; and ZWJ or
//! ZWNJ never make tmux shift a row.
//!
//! Needs tmux (`.ci/run` installs it); runs the binary Cargo built for this
//! test run.

use std::fs;
use std::path::Path;

const COLUMNS: usize = 60;

static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[path = "support/tmux.rs"]
mod tmux;

/// Runs `command` at the shell of `t` and returns the screen rows it printed.
fn rows_of(t: &tmux::Terminal, dir: &Path, command: &str) -> Vec<String> {
    let script = dir.join("run.sh");
    // Markers of this run only: the screen may still show the last one.
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (begin, end) = (format!("START-{run}"), format!("END-{run}"));
    fs::write(
        &script,
        format!("clear\necho {begin}\n{command}\necho {end}\n"),
    )
    .unwrap();
    t.run(&format!("bash {}", script.display()));
    let screen = t.wait("the command's output", |screen| {
        let rows: Vec<&str> = screen.lines().collect();
        let first = rows.iter().position(|r| *r == begin);
        let last = rows.iter().position(|r| *r == end);
        matches!((first, last), (Some(_), Some(_)))
    });
    let rows: Vec<&str> = screen.lines().collect();
    let first = rows.iter().position(|r| *r == begin).unwrap_or(0);
    let last = rows.iter().position(|r| *r == end).unwrap_or(rows.len());
    rows[first + 1..last]
        .iter()
        .map(|r| r.to_string())
        .collect()
}

const LONG: &str =
    "القوات الأوكرانية تدخل مدينة خيرسون بعد انسحاب القوات الروسية منها وسط احتفالات السكان";
const SHORT: &str = "خبر قصير";
const ENGLISH: &str =
    "Ukrainian forces enter Kherson after the Russian withdrawal, residents celebrate";

fn corpus(dir: &Path) -> String {
    let records = serde_json::json!([
        {"id": "a1", "title": LONG, "paragraphs": [LONG, format!("{LONG} {LONG}")]},
        {"id": "a2", "title": SHORT, "paragraphs": ["نص قصير عن خيرسون."]},
        {"id": "a3", "title": ENGLISH, "paragraphs": ["Kherson text."]},
        {"id": "zw", "title": "سنة ١٤٤٤ه\u{200d} والكلمة می\u{200c}خواهم", "paragraphs": [
            "كتب «ب\u{200d}» و«\u{200d}ب» و«\u{200d}ب\u{200d}» ثم ه\u{200d} و ع\u{200d} في أول الكلمة وآخرها مرات كثيرة جدا",
            "می\u{200c}خواهم به خانه بروم و کتاب\u{200c}ها را روی میز بگذارم تا فردا صبح زود بخوانم",
        ]},
    ]);
    let path = dir.join("c.json");
    fs::write(&path, records.to_string()).unwrap();
    path.display().to_string()
}

fn reversed_words(text: &str) -> Vec<String> {
    text.split(' ').map(|w| w.chars().rev().collect()).collect()
}

#[test]
fn list_and_search_rows_fit_the_terminal_and_cut_whole_words() {
    let dir = tempfile::TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let tmux = tmux::Terminal::open("rows-list", dir.path(), COLUMNS as u16, 50);
    let bin = env!("CARGO_BIN_EXE_sahifa");
    let rows = rows_of(&tmux,
        dir.path(),
        &format!("XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR=/nonexistent/sahifa-test-data {bin} --corpus {corpus} --shape off list"),
    );
    assert_eq!(rows.len(), 4, "one row per article:\n{}", rows.join("\n"));
    for (row, title) in rows.iter().zip([LONG, SHORT, ENGLISH]) {
        let cells = row.chars().count();
        assert!(cells <= COLUMNS, "{row}");
        if title != ENGLISH {
            assert_eq!(cells, COLUMNS, "right-aligned: {row}");
        }
        // Every word shown is a whole word of the title.
        let words = if title == ENGLISH {
            title.split(' ').map(str::to_string).collect()
        } else {
            reversed_words(title)
        };
        let shown = row.split("words").nth(1).unwrap_or_default();
        for w in shown.split_whitespace().map(|w| w.trim_matches('…')) {
            assert!(
                w.is_empty() || words.iter().any(|t| t == w),
                "{w:?} in {row}"
            );
        }
    }
    assert!(
        rows[0].contains('…') && rows[2].contains('…'),
        "long titles are cut"
    );

    let rows = rows_of(&tmux,
        dir.path(),
        &format!("XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR=/nonexistent/sahifa-test-data {bin} --corpus {corpus} --shape off search خيرسون"),
    );
    assert!(rows.len() > 4, "{}", rows.join("\n"));
    for row in &rows {
        assert!(row.chars().count() <= COLUMNS, "{row}");
    }
    // A wrapped passage: its later rows are indented under the text.
    let passage = rows.iter().position(|r| r.starts_with("  ¶1")).unwrap();
    assert!(
        rows[passage + 1].starts_with("       "),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn joiners_never_shift_a_row() {
    let dir = tempfile::TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let tmux = tmux::Terminal::open("rows-zw", dir.path(), COLUMNS as u16, 50);
    let bin = env!("CARGO_BIN_EXE_sahifa");
    // Every line of a right-to-left paragraph is right-aligned to the full
    // 60 columns; the `|` put after it therefore wraps to a row of its own,
    // unless the terminal merged two cells of the line into one.
    let rows = rows_of(&tmux, dir.path(), &format!(
        "XDG_CONFIG_HOME=/nonexistent/sahifa-test-config SAHIFA_DATA_DIR=/nonexistent/sahifa-test-data {bin} --corpus {corpus} show zw --shape on --visual always --width {COLUMNS} | sed 's/$/|/'"
    ));
    let text_rows: Vec<&String> = rows.iter().filter(|r| r.as_str() != "|").collect();
    assert!(text_rows.len() >= 4, "{}", rows.join("\n"));
    for row in &text_rows {
        assert!(
            !row.ends_with('|'),
            "a row {} cells short:\n{}",
            1,
            rows.join("\n")
        );
    }
}
