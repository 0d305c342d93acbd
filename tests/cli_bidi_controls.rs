//! Bidi controls in article text never make a command show something that
//! reads differently from the text, without a visible sign: the title from
//! issue 15, «مقتل U+202E 0021 U+202C شخصا», which displayed as «1200».

#[path = "support/isolated.rs"]
mod isolated;

use std::fs;
use std::io::Write;
use std::process::{Output, Stdio};

const SPOOF: &str = "مقتل \u{202e}0021\u{202c} شخصا";

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::TempDir::new().unwrap();
        let records = serde_json::json!([
            {"id": "spoof", "title": SPOOF, "paragraphs": [
                format!("وأعلنت الشرطة \u{2066}1 2\u{2069} أمس ثم \u{202e}0021\u{202c} اليوم."),
                "An \u{202b}embedded\u{202c} word and a mark\u{200f} here.".to_string(),
            ]},
            {"id": "plain", "title": "عنوان عادي\u{200f} بلا خدع", "paragraphs": ["نص."]},
        ]);
        fs::write(dir.path().join("c.json"), records.to_string()).unwrap();
        Corpus { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = isolated::sahifa()
            .arg("--corpus")
            .arg(self.dir.path().join("c.json"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args).stdout).unwrap()
    }
}

#[test]
fn show_displays_the_digits_as_stored_with_the_controls_visible() {
    let c = Corpus::new();
    for visual in ["always", "never"] {
        let out = c.stdout(&["show", "spoof", "--visual", visual, "--shape", "off"]);
        assert!(!out.chars().any(is_bidi_control), "{visual}: {out:?}");
        assert!(
            out.contains("0021") && !out.contains("1200"),
            "{visual}: {out}"
        );
        assert!(
            out.contains("‹RLO›") && out.contains("‹PDF›"),
            "{visual}: {out}"
        );
        assert!(
            out.contains("‹LRI›") && out.contains("‹RLE›"),
            "{visual}: {out}"
        );
    }
    let visual = c.stdout(&["show", "spoof", "--visual", "always", "--shape", "off"]);
    assert!(visual.contains("اصخش ‹PDF›0021‹RLO› لتقم"), "{visual}");
    // The isolate does not turn «1 2» around: it reads right to left, as
    // in any Arabic sentence.
    assert!(visual.contains("‹PDI›2 1‹LRI›"), "{visual}");
    // JSON stays exact.
    let json = c.stdout(&["show", "spoof", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["title"], SPOOF);
}

#[test]
fn search_agrees_with_what_the_screen_shows() {
    let c = Corpus::new();
    let found = c.run(&["search", "0021", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(v[0]["id"], "spoof");
    let none = c.run(&["search", "1200", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(0));
    for visual in ["always", "never"] {
        let out = c.stdout(&["search", "0021", "--visual", visual, "--shape", "off"]);
        assert!(!out.chars().any(is_bidi_control), "{out:?}");
        assert!(
            out.contains("‹RLO›0021") || out.contains("0021‹RLO›"),
            "{out}"
        );
    }
}

#[test]
fn list_shows_only_the_marks_that_change_something() {
    let c = Corpus::new();
    for visual in ["always", "never"] {
        let out = c.stdout(&["list", "--visual", visual, "--shape", "off"]);
        assert!(!out.chars().any(is_bidi_control), "{out:?}");
        assert!(out.contains("‹RLO›"), "{out}");
        // The RLM between two Arabic words changes nothing: left out.
        assert!(!out.contains("‹RLM›"), "{out}");
    }
}

fn render(args: &[&str], input: &str) -> String {
    let mut child = isolated::sahifa()
        .arg("render")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn render_shows_controls_unless_told_to_obey_them() {
    let input = format!("{SPOOF}\n");
    let shown = render(&["--shape", "off", "--no-align"], &input);
    assert_eq!(shown, "اصخش ‹PDF›0021‹RLO› لتقم\n");
    let obeyed = render(
        &["--shape", "off", "--no-align", "--controls", "obey"],
        &input,
    );
    assert_eq!(obeyed, "اصخش 1200 لتقم\n");
    let terminal = render(
        &["--bidi", "terminal", "--shape", "off", "--no-align"],
        &input,
    );
    assert_eq!(terminal, "مقتل ‹RLO›0021‹PDF› شخصا\n");
}
