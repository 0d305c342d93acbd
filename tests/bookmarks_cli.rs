//! `sahifa bookmarks` as users and scripts run it: add, list, remove, exit
//! codes, every export format, a corpus that changed.

#[path = "support/isolated.rs"]
mod isolated;

mod support;

use std::fs;
use support::{assert_bad_input, Env, EN, P1, P2, P3};

#[test]
fn add_list_remove_and_bad_input() {
    let env = Env::new();
    let id = env.ok(&[
        "bookmarks",
        "add",
        "ar1",
        "--paragraph",
        "2",
        "--to",
        "3",
        "--note",
        "مهم",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 10);
    env.ok(&["bookmarks", "add", "en", "--paragraph", "1"]); // unique prefix
    let rows = env.list();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], id);
    assert_eq!(rows[0]["article"], "ar1");
    assert_eq!(
        (rows[0]["from"].as_u64(), rows[0]["to"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(rows[0]["text"], serde_json::json!([P2, P3]));
    assert_eq!(rows[0]["note"], "مهم");
    assert_eq!(rows[0]["status"], "found");
    assert!(rows[0]["created"].as_str().unwrap().ends_with('Z'));
    let text = env.ok(&["bookmarks", "list"]);
    assert!(text.contains(id) && text.contains("¶2–3") && text.contains("note: مهم"));

    assert_bad_input(
        &env.run(&["bookmarks", "add", "ar1", "--paragraph", "4"]),
        "1–3",
    );
    assert_bad_input(
        &env.run(&["bookmarks", "add", "ar1", "--paragraph", "0"]),
        "paragraphs 0–0",
    );
    assert_bad_input(
        &env.run(&["bookmarks", "add", "ar1", "--paragraph", "3", "--to", "2"]),
        "3–2",
    );
    assert_bad_input(
        &env.run(&["bookmarks", "add", "nope", "--paragraph", "1"]),
        "no article with id \"nope\"",
    );
    assert_bad_input(
        &env.run(&["bookmarks", "remove", "zzzz"]),
        "no bookmark with id \"zzzz\"",
    );
    assert_eq!(env.list().len(), 2);

    env.ok(&["bookmarks", "remove", &id[..6]]);
    let rows = env.list();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["article"], "en1");
}

/// Tags in `html` are balanced, and every `<` starts a tag this page uses
/// (so text `<` was escaped); every `&` starts an entity.
fn assert_well_formed_html(html: &str) {
    const VOID: &[&str] = &["meta"];
    const KNOWN: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "bdi",
        "article",
        "blockquote",
        "span",
    ];
    let mut stack: Vec<String> = Vec::new();
    let body = html
        .strip_prefix("<!doctype html>\n")
        .expect("doctype first");
    for (i, _) in body.match_indices('<') {
        let rest = &body[i + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            KNOWN.contains(&name.as_str()),
            "stray '<' at {i}: {}",
            &rest[..rest.len().min(30)]
        );
        if closing {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "unbalanced at {i}"
            );
        } else if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    for (i, _) in html.match_indices('&') {
        let entity = &html[i..html.len().min(i + 6)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "raw & at {i}"
        );
    }
}

#[test]
fn every_export_format_holds_the_logical_text() {
    let env = Env::new();
    env.ok(&[
        "bookmarks",
        "add",
        "ar1",
        "--paragraph",
        "1",
        "--to",
        "2",
        "--note",
        "ملاحظة <مهمة> & \"مقتبسة\"",
    ]);
    env.ok(&["bookmarks", "add", "en1", "--paragraph", "1"]);
    let stored = env.list();

    let json = env.ok(&["bookmarks", "export", "--format", "json"]);
    let back = sahifa::bookmarks::export::parse_json(&json).unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].text, [P1, P2]);
    assert_eq!(back[1].text, [EN]);
    assert_eq!(back[0].id, stored[0]["id"].as_str().unwrap());
    assert_eq!(back[0].note.as_deref(), Some("ملاحظة <مهمة> & \"مقتبسة\""));

    let md = env.ok(&["bookmarks", "export", "--format", "md"]);
    assert!(md.contains(&format!("> {P1}\n>\n> {P2}\n")), "{md}");
    assert!(md.contains("<div dir=\"rtl\">\n\n## عاجل: القوات تعبر النهر"));
    assert_eq!(md.matches("<div").count(), md.matches("</div>").count());
    assert!(
        md.contains("\"we &amp; they\""),
        "markup in the English passage is neutralised"
    );

    let txt = env.ok(&["bookmarks", "export", "--format", "txt"]);
    for p in [P1, P2, EN] {
        assert!(txt.lines().any(|l| l == p), "{p}");
    }

    let out = env.tmp.path().join("export.html");
    let out_arg = out.to_str().unwrap();
    env.ok(&["bookmarks", "export", "--format", "html", "-o", out_arg]);
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains(&format!("<p dir=\"auto\">{P1}</p>")));
    assert!(html.contains("&lt;b&gt;&quot;we &amp; they&quot;&lt;/b&gt; will talk &gt; 3 hours."));
    assert!(html.contains("ملاحظة &lt;مهمة&gt; &amp; &quot;مقتبسة&quot;"));
    assert_well_formed_html(&html);

    // Never overwrite without --force.
    let refused = env.run(&["bookmarks", "export", "--format", "md", "-o", out_arg]);
    assert_bad_input(&refused, "already exists; pass --force");
    assert_eq!(fs::read_to_string(&out).unwrap(), html);
    env.ok(&[
        "bookmarks",
        "export",
        "--format",
        "md",
        "-o",
        out_arg,
        "--force",
    ]);
    assert_eq!(fs::read_to_string(&out).unwrap(), md);
}

#[test]
fn a_changed_corpus_moves_and_orphans_but_keeps_everything() {
    let env = Env::new();
    env.ok(&["bookmarks", "add", "ar1", "--paragraph", "2"]);
    env.ok(&[
        "bookmarks",
        "add",
        "en1",
        "--paragraph",
        "1",
        "--note",
        "keep",
    ]);
    env.write_corpus(&[(
        "ar1",
        "عاجل: القوات تعبر النهر",
        &["فقرة جديدة أضيفت في البداية.", P1, P2, P3],
    )]);
    let rows = env.list();
    assert_eq!(rows[0]["status"], "moved");
    assert_eq!(rows[0]["from"], 3);
    assert_eq!(rows[1]["status"], "orphaned");
    assert_eq!(env.list()[0]["status"], "found", "the move was recorded");
    let txt = env.ok(&["bookmarks", "export", "--format", "txt"]);
    assert!(txt.contains(EN) && txt.contains("no longer in the corpus"));
}

#[test]
fn list_prints_arabic_in_visual_or_logical_order_as_asked() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let out = isolated::sahifa()
            .args(["--data-dir", d, "--shape", "on"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        "bookmarks",
        "add",
        "001",
        "--paragraph",
        "2",
        "--note",
        "فيلق حرية روسيا",
    ]);
    let logical = run(&["bookmarks", "list", "--visual", "never"]);
    assert!(
        logical.contains("من أجل أوكرانيا (شاهد)") && logical.contains("note: فيلق حرية روسيا")
    );
    let visual = run(&["bookmarks", "list", "--visual", "always"]);
    assert!(
        visual.contains("(ﺪﻫﺎﺷ) ﺎﻴﻧﺍﺮﻛﻭﺃ"),
        "reordered, mirrored, shaped: {visual}"
    );
    assert!(!visual.contains("أوكرانيا"));
}
