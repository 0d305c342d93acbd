//! Unicode conformance: every line of BidiCharacterTest.txt (Unicode 15.0).
//!
//! The test data gives the visual order per character. The engine reorders
//! whole grapheme clusters, so the check is done twice:
//!
//! 1. `visual_char_order` walks the same level runs the layout uses but
//!    reverses single characters; it must match every line exactly.
//! 2. `layout_paragraph` (unlimited width) must put its clusters in an order
//!    consistent with the expected character order: each cluster's characters
//!    are contiguous in the expected order and the clusters follow each other
//!    as expected. Lines where the flattened cluster text is character-for-
//!    character identical are counted separately from lines that differ only
//!    because a cluster is kept whole (e.g. a mark after its base in a
//!    right-to-left run). Clusters whose characters resolve to different
//!    levels cannot be kept whole and in order; such lines are counted and
//!    reported, and must be the only inconsistent ones.

use std::io::{BufRead, BufReader};

use flate2::read::GzDecoder;
use sahifa::text::{
    layout_paragraph, visual_char_order, BaseDirection, BidiMode, Controls, LayoutOptions,
};
use unicode_bidi::{bidi_class, BidiClass};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/BidiCharacterTest.txt.gz"
);

fn removed_by_x9(c: char) -> bool {
    use BidiClass::*;
    matches!(bidi_class(c), RLE | LRE | RLO | LRO | PDF | BN)
}

#[derive(Default, Debug)]
struct Counts {
    total: usize,
    char_pass: usize,
    cluster_exact: usize,
    cluster_whole: usize,
    cluster_mixed_levels: usize,
    cluster_bad: usize,
}

fn check_line(line: &str, counts: &mut Counts, failures: &mut Vec<String>) {
    let fields: Vec<&str> = line.split(';').collect();
    assert_eq!(fields.len(), 5, "bad line: {line}");
    let chars: Vec<char> = fields[0]
        .split_whitespace()
        .map(|h| {
            u32::from_str_radix(h, 16)
                .ok()
                .and_then(char::from_u32)
                .expect("code point")
        })
        .collect();
    let base = match fields[1] {
        "0" => BaseDirection::Ltr,
        "1" => BaseDirection::Rtl,
        _ => BaseDirection::Auto,
    };
    let levels: Vec<&str> = fields[3].split_whitespace().collect();
    let expected: Vec<usize> = fields[4]
        .split_whitespace()
        .map(|n| n.parse().expect("index"))
        .collect();
    let text: String = chars.iter().collect();
    // Byte offset -> char index.
    let mut char_at = vec![usize::MAX; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        char_at[bi] = ci;
    }
    counts.total += 1;

    let got: Vec<usize> = visual_char_order(&text, base)
        .into_iter()
        .map(|b| char_at[b])
        .filter(|&ci| !removed_by_x9(chars[ci]))
        .collect();
    if got == expected {
        counts.char_pass += 1;
    } else if failures.len() < 10 {
        failures.push(format!("{line}\n  got {got:?}"));
    }

    let opts = LayoutOptions {
        width: usize::MAX,
        base,
        shape: false,
        mode: BidiMode::App,
        align: false,
        // The algorithm itself: the display-safety layer is tested apart.
        controls: Controls::Obey,
    };
    let layout = layout_paragraph(&text, &opts);
    // Clusters in visual order as lists of kept char indices.
    let clusters: Vec<Vec<usize>> = layout
        .lines
        .iter()
        .flat_map(|l| l.clusters.iter())
        .map(|c| {
            text[c.logical.clone()]
                .char_indices()
                .map(|(i, _)| char_at[c.logical.start + i])
                .filter(|&ci| !removed_by_x9(chars[ci]))
                .collect::<Vec<usize>>()
        })
        .filter(|v: &Vec<usize>| !v.is_empty())
        .collect();
    let flat: Vec<usize> = clusters.iter().flatten().copied().collect();
    if flat == expected {
        counts.cluster_exact += 1;
        return;
    }
    let mut cluster_of = vec![usize::MAX; chars.len()];
    for (k, c) in clusters.iter().enumerate() {
        for &ci in c {
            cluster_of[ci] = k;
        }
    }
    let mut seq: Vec<usize> = expected.iter().map(|&ci| cluster_of[ci]).collect();
    seq.dedup();
    let in_order = seq.iter().copied().eq(0..clusters.len());
    if in_order {
        counts.cluster_whole += 1;
    } else if clusters
        .iter()
        .any(|c| c.iter().any(|&ci| levels[ci] != levels[c[0]]))
    {
        counts.cluster_mixed_levels += 1;
    } else {
        counts.cluster_bad += 1;
        if failures.len() < 10 {
            failures.push(format!("cluster order: {line}\n  clusters {clusters:?}"));
        }
    }
}

#[test]
fn bidi_character_test() {
    let file = std::fs::File::open(DATA).expect("tests/data/BidiCharacterTest.txt.gz");
    let reader = BufReader::new(GzDecoder::new(file));
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for line in reader.lines() {
        let line = line.expect("read test data");
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        check_line(line, &mut counts, &mut failures);
    }
    println!("BidiCharacterTest: {counts:?}");
    println!(
        "per-character order: {}/{} lines pass; cluster layout: {} identical, {} differ only by whole clusters, {} have a cluster spanning levels, {} wrong",
        counts.char_pass, counts.total, counts.cluster_exact, counts.cluster_whole, counts.cluster_mixed_levels, counts.cluster_bad
    );
    assert!(counts.total > 90_000, "test data looks truncated");
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert_eq!(counts.char_pass, counts.total);
    assert_eq!(counts.cluster_bad, 0);
}
