//! `sahifa render` and `sahifa show --visual always`: the layout engine as a
//! pipe-friendly, word-wrapping "bidi cat".

#[path = "support/isolated.rs"]
mod isolated;

use std::io::Write;
use std::process::Stdio;
use unicode_width::UnicodeWidthStr;

fn render(args: &[&str], input: &str) -> String {
    let mut child = isolated::sahifa()
        .arg("render")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
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

fn is_presentation_form(c: char) -> bool {
    ('\u{FE70}'..='\u{FEFC}').contains(&c)
}

#[test]
fn reorders_mirrors_and_right_aligns() {
    let out = render(&["--width", "20", "--shape", "off"], "مرحبا (عالم)\n");
    assert_eq!(out, "        (ملاع) ابحرم\n");
    let out = render(
        &["--width", "20", "--shape", "off", "--no-align"],
        "مرحبا (عالم)\n",
    );
    assert_eq!(out, "(ملاع) ابحرم\n");
}

#[test]
fn numbers_and_latin_stay_left_to_right() {
    let out = render(
        &["--shape", "off", "--no-align"],
        "سلاح NLAW بسعر 1,234.56 دولار\n",
    );
    assert_eq!(out, "رالود 1,234.56 رعسب NLAW حالس\n");
}

#[test]
fn base_direction_can_be_forced() {
    let out = render(
        &["--width", "20", "--shape", "off", "--base", "ltr"],
        "مرحبا\n",
    );
    assert_eq!(out, "ابحرم\n", "LTR paragraphs are left-aligned");
    let out = render(
        &["--width", "10", "--shape", "off", "--base", "rtl"],
        "abc\n",
    );
    assert_eq!(out, "       abc\n");
}

#[test]
fn terminal_mode_keeps_logical_order() {
    let out = render(
        &["--bidi", "terminal", "--shape", "off", "--no-align"],
        "مرحبا (عالم)\n",
    );
    assert_eq!(out, "مرحبا (عالم)\n");
}

#[test]
fn shaping_joins_letters_and_lam_alef_takes_one_cell() {
    let out = render(&["--shape", "on", "--no-align"], "لا سلام\n");
    assert!(
        out.chars()
            .filter(|&c| c != ' ' && c != '\n')
            .all(is_presentation_form),
        "{out:?}"
    );
    // «لا» and the لا inside «سلام» are one cell each: 7 letters and a space in 5 cells.
    assert_eq!(out, "ﻡﻼﺳ ﻻ\n");
    assert_eq!(out.trim_end().width(), 5);
}

#[test]
fn wraps_by_words_within_the_width_and_loses_nothing() {
    let text = "وقال جروموف إن القوات الروسية تقاتل لإبطاء التقدم الأوكراني خارج كوبيانسك، وهي بلدة حُررت في الآونة الأخيرة.";
    let out = render(&["--width", "24", "--shape", "off"], &format!("{text}\n"));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 3);
    for l in &lines {
        assert!(l.width() <= 24, "{l:?}");
    }
    // Nothing lost or added: the same characters (no brackets here, so no
    // mirroring), only the spaces at the breaks are not drawn.
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(sorted(&out), sorted(text));
    assert_eq!(
        out.split_whitespace().count(),
        text.split_whitespace().count()
    );
}

#[test]
fn empty_input_prints_nothing_and_crlf_is_accepted() {
    assert_eq!(render(&[], ""), "");
    assert_eq!(
        render(&["--shape", "off", "--no-align"], "أ ب\r\nج\r\n"),
        "ب أ\nج\n"
    );
}

#[test]
fn show_visual_always_uses_the_engine() {
    let data = tempfile::TempDir::new().unwrap();
    let out = isolated::sahifa()
        .args([
            "show", "004", "--width", "50", "--visual", "always", "--shape", "on",
        ])
        .env("SAHIFA_DATA_DIR", data.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.width() <= 50));
    assert!(text.chars().any(is_presentation_form));
    assert!(
        text.contains("Buk-M1") || !text.contains("Buk"),
        "Latin kept intact"
    );
    let never = isolated::sahifa()
        .args(["show", "004", "--width", "50", "--visual", "never"])
        .env("SAHIFA_DATA_DIR", data.path())
        .output()
        .unwrap();
    let logical = String::from_utf8(never.stdout).unwrap();
    assert!(logical.contains("نكسة كبيرة للرئيس فلاديمير بوتين"));
    assert!(!logical.chars().any(is_presentation_form));
}
