//! Exports of hostile articles: escape sequences, C1 controls and bidi
//! controls never reach a file or stdout raw, Markdown from an article never
//! becomes markup, JSON stays exact.

mod support;

use std::fs;
use support::Env;

/// An article whose every field tries something: OSC 52 (set the
/// clipboard), a screen clear, CSI as a C1 byte, an override, a Markdown
/// link and image, HTML.
const TITLE: &str = "[x](javascript:alert(1)) \u{1b}]52;c;cHduZWQ=\u{7}عنوان";
const P1: &str =
    "فقرة \u{1b}[2J أولى \u{9b}31m ثم \u{202e}0021\u{202c} و![i](http://evil.example/p.png)";
const NOTE: &str = "ملاحظة\n# ليست عنوانا <b>x</b> \u{85}";

fn hostile_env() -> Env {
    let env = Env::new();
    env.write_corpus(&[("h1", TITLE, &[P1, "فقرة ثانية."])]);
    env.ok(&["bookmarks", "add", "h1", "--paragraph", "1", "--note", NOTE]);
    env
}

fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn text_exports_show_controls_to_a_file_and_to_stdout_alike() {
    let env = hostile_env();
    for format in ["txt", "md", "html"] {
        let path = env.tmp.path().join(format!("out.{format}"));
        let arg = path.to_str().unwrap();
        env.ok(&["bookmarks", "export", "--format", format, "-o", arg]);
        let file = fs::read_to_string(&path).unwrap();
        assert!(
            raw_controls(&file).is_empty(),
            "{format}: {:?}",
            raw_controls(&file)
        );
        assert!(file.contains('\u{241b}'), "{format}: ESC shown as ␛");
        assert!(file.contains("‹RLO›0021‹PDF›"), "{format}: {file}");
        let stdout = env.ok(&["bookmarks", "export", "--format", format]);
        // The same document; HTML also records when it was exported.
        let undated = |t: &str| {
            t.lines()
                .filter(|l| !l.contains("class=\"exported\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(undated(&stdout), undated(&file), "{format}");
    }
}

#[test]
fn a_note_or_title_never_starts_a_line_of_its_own() {
    let env = hostile_env();
    let txt = env.ok(&["bookmarks", "export", "--format", "txt"]);
    assert!(
        txt.lines()
            .any(|l| l.starts_with("Note: ملاحظة # ليست عنوانا")),
        "{txt}"
    );
    let md = env.ok(&["bookmarks", "export", "--format", "md"]);
    assert!(!md.lines().any(|l| l.starts_with("# ليست")), "{md}");
    assert!(md.contains("\\[x\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("!\\[i\\](http://evil.example/p.png)"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
}

#[test]
fn json_exports_stay_exact_and_escape_controls() {
    let env = hostile_env();
    let path = env.tmp.path().join("out.json");
    let arg = path.to_str().unwrap();
    env.ok(&["bookmarks", "export", "--format", "json", "-o", arg]);
    let stdout = env.ok(&["bookmarks", "export", "--format", "json"]);
    for json in [fs::read_to_string(&path).unwrap(), stdout] {
        assert!(raw_controls(&json).is_empty(), "{json}");
        assert!(
            json.contains("\\u001b]52") && json.contains("\\u009b") && json.contains("\\u202e")
        );
        let back = sahifa::bookmarks::export::parse_json(&json).unwrap();
        assert_eq!(back[0].title, TITLE);
        assert_eq!(back[0].text[0], P1);
        assert_eq!(back[0].note.as_deref(), Some(NOTE.trim()));
    }
}
