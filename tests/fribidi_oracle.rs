//! Agreement with GNU FriBidi (`fribidi` from Debian's libfribidi-bin).
//!
//! Every non-empty line of the seed articles plus tests/data/oracle_extra.txt
//! is piped through `sahifa render --shape on --bidi app --no-align
//! --controls obey` and through `fribidi --nobreak --nopad --reordernsm`, and
//! the two must agree line by line. `--controls obey` is the bidi algorithm
//! itself, which is what FriBidi implements; the display-safety layer that
//! `render` applies by default (bidi controls neutralised and shown, joiners
//! left off the screen) is tested in `src/text/safety_tests.rs` and
//! `tests/cli_bidi_controls.rs`. The extra lines include Persian and Arabic with
//! ZWNJ and ZWJ, which must come out on the side FriBidi puts them on, and
//! lines with every kind of bidi control.
//!
//! Normalisation before comparing:
//! * U+FEFF is removed from FriBidi's output: it is the filler FriBidi leaves
//!   in the place of the second letter of a lam-alef ligature; we emit one
//!   cell for the ligature instead.
//! * Bidi format characters are removed from FriBidi's output (without
//!   `--clean` it passes them through; rule X9 says they are not displayed).
//! * Trailing spaces are ignored on both sides.
//!
//! The render width is 65536 cells (the engine's "unlimited") rather than 1000:
//! a few seed paragraphs are wider than 1000 cells, and `fribidi --nobreak`
//! never wraps.

#[path = "support/isolated.rs"]
mod isolated;

use std::io::Write;
use std::process::{Command, Stdio};

use sahifa::text::UNLIMITED_WIDTH;

/// Output of the real binary: `sahifa render` with `input` on stdin.
fn sahifa_render(input: &str) -> String {
    let width = UNLIMITED_WIDTH.to_string();
    let args = [
        "render",
        "--shape",
        "on",
        "--bidi",
        "app",
        "--no-align",
        "--width",
        &width,
        "--controls",
        "obey",
    ];
    let mut child = isolated::sahifa()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sahifa runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("sahifa output");
    writer.join().expect("writer").expect("write to sahifa");
    assert!(
        out.status.success(),
        "sahifa render failed: {:?}",
        out.status
    );
    String::from_utf8(out.stdout).expect("sahifa writes UTF-8")
}

/// Where the seed articles live .
const EXTRA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/oracle_extra.txt");

fn paragraphs() -> Vec<String> {
    let extra = std::fs::read_to_string(EXTRA).expect("read oracle_extra.txt");
    let mut out: Vec<String> = sahifa::corpus::seed_lines().map(str::to_string).collect();
    out.extend(
        extra
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string),
    );
    out
}

fn fribidi(input: &str) -> String {
    let child = Command::new("fribidi")
        .args(["--nobreak", "--nopad", "--reordernsm"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!(
            "cannot run `fribidi` ({e}): install it with `apt-get install libfribidi-bin`; this test needs it as the oracle"
        ),
    };
    // Written from a thread so a large input cannot fill both pipes.
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("fribidi output");
    writer.join().expect("writer").expect("write to fribidi");
    assert!(out.status.success(), "fribidi failed: {:?}", out.status);
    String::from_utf8(out.stdout).expect("fribidi writes UTF-8")
}

fn normalise_fribidi(line: &str) -> String {
    line.chars()
        .filter(|&c| {
            !matches!(c, '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect::<String>()
        .trim_end_matches(' ')
        .to_string()
}

#[test]
fn agrees_with_fribidi() {
    let paras = paragraphs();
    assert!(paras.len() >= 200, "only {} paragraphs", paras.len());
    let input = paras.join("\n") + "\n";
    let ours = sahifa_render(&input);
    let ours: Vec<&str> = ours.lines().collect();
    let theirs = fribidi(&input);
    let theirs: Vec<String> = theirs.lines().map(normalise_fribidi).collect();
    assert_eq!(
        ours.len(),
        paras.len(),
        "render gave a different number of lines"
    );
    assert_eq!(
        theirs.len(),
        paras.len(),
        "fribidi gave a different number of lines"
    );
    let mut diffs = Vec::new();
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        let a = a.trim_end_matches(' ');
        if a != b {
            diffs.push(format!(
                "paragraph {i}: {:?}\n  ours:    {a}\n  fribidi: {b}",
                paras[i]
            ));
        }
    }
    println!(
        "fribidi oracle: {}/{} paragraphs agree",
        paras.len() - diffs.len(),
        paras.len()
    );
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
