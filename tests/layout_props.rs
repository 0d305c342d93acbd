//! Property tests: random mixed-script text at random widths.

use std::collections::BTreeSet;

use proptest::prelude::*;
use sahifa::text::{
    layout_paragraph, layout_title, render_paragraph, BaseDirection, BidiMode, Controls,
    LayoutOptions,
};
use unicode_segmentation::UnicodeSegmentation;

/// Fragments the random text is built from.
fn fragment() -> impl Strategy<Value = String> {
    let pick = |v: &'static [&'static str]| proptest::sample::select(v).prop_map(str::to_string);
    prop_oneof![
        4 => (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap_or('ب').to_string()),
        2 => pick(&["\u{64E}", "\u{64F}", "\u{650}", "\u{651}", "\u{652}", "\u{64B}", "\u{670}"]),
        1 => pick(&["لا", "لأ", "لإ", "لآ", "ـ", "لَا", "\u{200D}", "\u{200C}"]),
        1 => (0x05D0u32..=0x05EA).prop_map(|c| char::from_u32(c).unwrap_or('א').to_string()),
        2 => "[a-zA-Z]{1,6}",
        2 => "[0-9]{1,4}",
        1 => pick(&["٠", "١", "٢٣", "٪", "1,234.56", "50%", "-5", "+380"]),
        3 => pick(&[" ", " ", "  ", "\t"]),
        2 => pick(&["(", ")", "[", "]", "{", "}", "«", "»", "<", ">", ".", ",", "،", "؟", "!", "%", "\"", "'", "-", ":", "/"]),
        1 => pick(&["😀", "👍🏽", "👨‍👩‍👧", "日本", "한", "é", "e\u{301}"]),
        1 => pick(&["\u{1b}", "\u{7}", "\u{7f}", "\u{85}", "\u{0}", "\r", "\u{1c}"]),
        1 => pick(&["\u{200E}", "\u{200F}", "\u{61C}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]),
        1 => pick(&["\n", "\u{2029}", "\u{2028}"]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..60).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        2usize..120,
        prop_oneof![
            Just(BaseDirection::Auto),
            Just(BaseDirection::Rtl),
            Just(BaseDirection::Ltr)
        ],
        any::<bool>(),
        prop_oneof![3 => Just(BidiMode::App), 1 => Just(BidiMode::Terminal)],
        any::<bool>(),
        prop_oneof![3 => Just(Controls::Show), 1 => Just(Controls::Obey)],
    )
        .prop_map(
            |(width, base, shape, mode, align, controls)| LayoutOptions {
                width,
                base,
                shape,
                mode,
                align,
                controls,
            },
        )
}

fn is_control(c: char) -> bool {
    c.is_control()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn layout_invariants(text in text(), opts in options()) {
        let layout = layout_paragraph(&text, &opts);
        prop_assert!(!layout.lines.is_empty());
        let boundaries: BTreeSet<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut pieces: Vec<std::ops::Range<usize>> = Vec::new();
        let mut next_line_start = 0;
        for line in &layout.lines {
            // Width limit (W >= 2, so even wide clusters fit; a control's
            // placeholder, five cells, may not, and then has a line of its
            // own).
            let drawn = line.clusters.iter().filter(|c| c.width > 0).count();
            prop_assert!(line.width() <= opts.width || drawn == 1,
                "line wider than {}: {:?}", opts.width, line);
            // Lines tile the text in logical order; the hidden part is a tail.
            prop_assert_eq!(line.logical.start, next_line_start);
            next_line_start = line.logical.end;
            prop_assert!(line.hidden.end == line.logical.end && line.hidden.start >= line.logical.start);
            // Only whitespace and separators are hidden.
            prop_assert!(text[line.hidden.clone()].chars().all(|c| c.is_whitespace() || c == '\u{85}' || c == '\u{1c}'),
                "hidden non-space {:?}", &text[line.hidden.clone()]);
            if !line.hidden.is_empty() {
                pieces.push(line.hidden.clone());
            }
            // Nothing raw and dangerous is displayed.
            let shown = line.to_text();
            prop_assert!(!shown.chars().any(is_control), "control char displayed: {:?}", shown);
            if opts.controls == Controls::Show {
                prop_assert!(!shown.chars().any(is_bidi_control), "bidi control displayed: {:?}", shown);
            }
            // No joiner ends a cell, where a terminal would join the next
            // cell's character to it.
            if opts.controls == Controls::Show && opts.mode == BidiMode::App {
                prop_assert!(!line.clusters.iter().any(|c| c.text.ends_with(['\u{200C}', '\u{200D}'])),
                    "joiner written: {:?}", line);
            }
            // Position map: each drawn cluster's columns map back to it and
            // its logical range maps to exactly its columns.
            let mut x = line.indent;
            for col in 0..line.indent {
                prop_assert_eq!(line.logical_at(col), None);
            }
            for c in &line.clusters {
                prop_assert!(boundaries.contains(&c.logical.start) && boundaries.contains(&c.logical.end),
                    "cluster splits a grapheme: {:?}", c);
                prop_assert!(!c.logical.is_empty() || (c.text == "…"));
                pieces.push(c.logical.clone());
                if c.width > 0 {
                    for col in x..x + c.width {
                        prop_assert_eq!(line.logical_at(col), Some(c.logical.start));
                    }
                    prop_assert_eq!(line.columns_of(c.logical.clone()), vec![x..x + c.width]);
                } else {
                    prop_assert!(line.columns_of(c.logical.clone()).is_empty());
                }
                x += c.width;
            }
            prop_assert_eq!(x, line.width());
            prop_assert_eq!(line.logical_at(x), None);
        }
        prop_assert_eq!(next_line_start, text.len());
        // Every grapheme appears exactly once: the clusters and hidden
        // ranges tile the text with no gap and no overlap.
        pieces.sort_by_key(|r| r.start);
        let mut at = 0;
        for p in &pieces {
            prop_assert_eq!(p.start, at, "gap or overlap at byte {}", at);
            at = p.end;
        }
        prop_assert_eq!(at, text.len());
    }

    #[test]
    fn render_writes_the_lines_of_the_layout(text in text(), opts in options()) {
        let mut out = Vec::new();
        let rtl = render_paragraph(&text, &opts, &mut out);
        let layout = layout_paragraph(&text, &opts);
        prop_assert_eq!(rtl, layout.rtl);
        let mut want = String::new();
        for line in &layout.lines {
            let t = line.to_text();
            want.push_str(if opts.align { &t } else { t.trim_end_matches(' ') });
            want.push('\n');
        }
        prop_assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn titles_fit(text in text(), opts in options()) {
        let line = layout_title(&text, opts.width, &opts);
        prop_assert!(line.width() <= opts.width);
        prop_assert!(!line.to_text().chars().any(is_control));
        if opts.controls == Controls::Show {
            prop_assert!(!line.to_text().chars().any(is_bidi_control));
        }
    }
}
