//! The command line as scripts use it: JSON shapes, exit codes, and no raw
//! control characters on stdout.

#[path = "support/isolated.rs"]
mod isolated;

use serde_json::Value;
use std::fs;
use std::process::Output;

/// Runs sahifa with a data directory of its own (a new library, holding
/// the seeds), never the user's.
fn sahifa(args: &[&str]) -> Output {
    let data = tempfile::TempDir::new().unwrap();
    isolated::sahifa()
        .args(args)
        .env("NO_COLOR", "1")
        .env("SAHIFA_DATA_DIR", data.path())
        .output()
        .expect("runs")
}

fn stdout_json(args: &[&str]) -> Value {
    let out = sahifa(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn list_json_has_the_documented_shape() {
    let rows = stdout_json(&["list", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for row in rows {
        let keys: Vec<_> = row.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["id", "title", "paragraph_count", "word_count"]);
        assert!(row["word_count"].as_u64().unwrap() > 200);
    }
    assert_eq!(rows[3]["id"], "003_35a7aea116d33d6c");
    assert_eq!(rows[3]["paragraph_count"], 7);
}

#[test]
fn show_json_has_the_documented_shape_and_logical_text() {
    let a = stdout_json(&["show", "001_28089dff9309f547", "--json"]);
    assert_eq!(a["id"], "001_28089dff9309f547");
    assert_eq!(a["source"], "seeds/001_28089dff9309f547.txt");
    let paragraphs = a["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 14);
    assert_eq!(
        paragraphs[1], "تشكيل فيلق “حرية روسيا”",
        "paragraph 2 is element 1"
    );
    assert_eq!(a["boilerplate"][0], "قد يهمك أيضاً");
    // A unique id prefix works too.
    assert_eq!(stdout_json(&["show", "001", "--json"])["id"], a["id"]);
}

#[test]
fn show_raw_lists_the_removed_lines_and_never_reorders_with_visual_never() {
    let out = sahifa(&["show", "000", "--raw", "--visual", "never"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("removed boilerplate: 2 lines"));
    assert!(text.contains("التخطي إلى المحتوى"));
    assert!(
        text.contains("انتشر مقطع فيديو لمجموعة من الجنود الروس"),
        "logical order"
    );
    let plain = String::from_utf8(sahifa(&["show", "000", "--visual", "never"]).stdout).unwrap();
    assert!(!plain.contains("التخطي إلى المحتوى"));
}

#[test]
fn a_missing_corpus_path_exits_2_with_one_line() {
    let out = sahifa(&["--corpus", "/no/such/dir", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err, "sahifa: /no/such/dir: no such file or directory\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_id_exits_2_and_says_where_to_look() {
    let out = sahifa(&["show", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sahifa list"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let page = "عنوان \u{1b}]0;pwned\u{7}\n\nنص \u{1b}[2J خطير \u{9b}31m.\n";
    fs::write(dir.path().join("esc.txt"), page).unwrap();
    let corpus = dir.path().to_str().unwrap();
    for args in [
        vec!["--corpus", corpus, "list", "--visual", "never"],
        vec!["--corpus", corpus, "show", "esc", "--visual", "never"],
        vec!["--corpus", corpus, "show", "esc", "--visual", "always"],
        vec!["--corpus", corpus, "show", "esc", "--json"],
    ] {
        let out = sahifa(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}')),
            "{args:?}: {text:?}"
        );
        if args.contains(&"--json") {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["paragraphs"][0], "نص \u{1b}[2J خطير \u{9b}31m.",
                "escaped, not lost"
            );
        } else {
            assert!(text.contains('\u{241b}'), "ESC shown as ␛: {text:?}");
        }
    }
}

#[test]
fn corpus_warnings_go_to_stderr_and_the_rest_loads() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        "{\"title\":\"t\",\"body\":\"b\"}\nnot json\n",
    )
    .unwrap();
    let out = sahifa(&["--corpus", dir.path().to_str().unwrap(), "list", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning:") && err.contains("a.jsonl:2"),
        "{err}"
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
}

#[test]
fn help_names_every_command_and_the_visual_flag() {
    let out = sahifa(&["--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["list", "show", "--corpus"] {
        assert!(help.contains(word), "{word}");
    }
    let show = String::from_utf8(sahifa(&["show", "--help"]).stdout).unwrap();
    assert!(show.contains("--visual") && show.contains("--raw"));
}

#[test]
fn search_json_offsets_point_at_the_matched_words() {
    let results = stdout_json(&["search", "خيرسون", "--json"]);
    let results = results.as_array().unwrap();
    let ids: Vec<_> = results.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_4eab74525d7f3c58",
            "002_a2c1dc23052bfcec",
            "004_3d76b183650e0d8d"
        ]
    );
    for r in results {
        let article = stdout_json(&["show", r["id"].as_str().unwrap(), "--json"]);
        for m in r["matches"].as_array().unwrap() {
            let keys: Vec<_> = m.as_object().unwrap().keys().cloned().collect();
            assert_eq!(keys, ["paragraph", "start", "end"]);
            let n = m["paragraph"].as_u64().unwrap() as usize;
            let text = if n == 0 {
                article["title"].as_str().unwrap()
            } else {
                article["paragraphs"][n - 1].as_str().unwrap()
            };
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], "خيرسون", "{} ¶{n}", r["id"]);
        }
    }
}

#[test]
fn search_takes_exclusions_phrases_and_several_words() {
    let ids = |args: &[&str]| -> Vec<String> {
        let v = stdout_json(args);
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["search", "خيرسون -دنيبرو", "--json"]),
        ["000_4eab74525d7f3c58"]
    );
    assert_eq!(
        ids(&["search", "--json", "--", "خيرسون", "-دنيبرو"]),
        ["000_4eab74525d7f3c58"]
    );
    assert_eq!(
        ids(&["search", "--json", "NLAW", "روسيا"]),
        ["001_28089dff9309f547"]
    );
    assert_eq!(
        ids(&["search", "--json", "\"حلف شمال الأطلسي\""]),
        ["003_35a7aea116d33d6c"]
    );
    assert!(ids(&["search", "--json", "\"الأطلسي شمال\""]).is_empty());
    let text = sahifa(&["search", "ستولتنبرغ", "--visual", "never"]);
    let stderr = String::from_utf8(text.stderr).unwrap();
    assert!(stderr.starts_with("1 of 5 articles · "), "{stderr}");
}

/// `search --count` prints how many articles `search` lists, and nothing
/// else, from the library and from `--corpus` files read while searching.
#[test]
fn search_count_is_the_number_of_articles_found() {
    let root = tempfile::TempDir::new().unwrap();
    let jsonl = root.path().join("news.jsonl");
    let lines: Vec<String> = (0..40)
        .map(|i| {
            let body = match i % 3 {
                0 => "قصف على روسيا",
                1 => "لا شيء هنا عن ذلك",
                _ => "زار الوفد موسكو ثم روسيا البيضاء",
            };
            format!(r#"{{"id": "n{i}", "title": "خبر {i}", "body": "{body}"}}"#)
        })
        .collect();
    fs::write(&jsonl, lines.join("\n")).unwrap();
    let corpus = jsonl.to_str().unwrap();
    for query in [
        "روسيا",
        "خيرسون",
        "\"حلف شمال الأطلسي\"",
        "روسيا -البيضاء",
        "NLAW",
    ] {
        for corpus_args in [&[][..], &["--corpus", corpus][..]] {
            let with = |extra: &str| {
                let mut args = corpus_args.to_vec();
                args.extend(["search", extra, "--", query]);
                sahifa(&args)
            };
            let listed = serde_json::from_slice::<Value>(&with("--json").stdout).unwrap();
            let out = with("--count");
            assert!(out.status.success(), "{query}");
            let want = format!("{}\n", listed.as_array().unwrap().len());
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                want,
                "{query} {corpus_args:?}"
            );
        }
    }
    let both = sahifa(&["search", "--count", "--json", "روسيا"]);
    assert_eq!(both.status.code(), Some(2));
}
