//! Unit tests with plain strings.

use std::sync::Arc;

use super::*;

fn opts(width: usize, shape: bool) -> LayoutOptions {
    LayoutOptions {
        width,
        base: BaseDirection::Auto,
        shape,
        mode: BidiMode::App,
        align: false,
        controls: Controls::Show,
    }
}

fn one_line(text: &str, shape: bool) -> VisualLine {
    let mut l = layout_paragraph(text, &opts(usize::MAX, shape));
    assert_eq!(l.lines.len(), 1);
    l.lines.remove(0)
}

fn texts(text: &str, o: &LayoutOptions) -> Vec<String> {
    layout_paragraph(text, o)
        .lines
        .iter()
        .map(VisualLine::to_text)
        .collect()
}

#[test]
fn brackets_and_guillemets_are_mirrored_in_rtl() {
    assert_eq!(one_line("أ (ب) ج", false).to_text(), "ج (ب) أ");
    assert_eq!(one_line("قال «نعم» أمس", false).to_text(), "سمأ «معن» لاق");
    // Brackets in a left-to-right run are left alone.
    assert_eq!(one_line("عن (NLAW)", false).to_text(), "(NLAW) نع");
}

#[test]
fn harakat_stay_on_their_letter() {
    assert_eq!(one_line("أُعيدوا", false).to_text(), "اوديعأُ");
    assert_eq!(one_line("عقّدت", false).to_text(), "تدقّع");
    assert_eq!(one_line("هٰذا", false).to_text(), "اذهٰ");
    let line = one_line("عقّدت", false);
    let shadda = line
        .clusters
        .iter()
        .find(|c| c.text.contains('\u{651}'))
        .map(|c| c.text.clone());
    assert_eq!(shadda.as_deref(), Some("قّ"));
}

#[test]
fn harakat_survive_shaping() {
    let line = one_line("أُعيدوا", true);
    assert!(
        line.to_text().contains("\u{FE83}\u{64F}"),
        "{}",
        line.to_text()
    );
}

#[test]
fn lam_alef_is_one_cell_for_two_letters() {
    let line = one_line("لا", true);
    assert_eq!(line.clusters.len(), 1);
    assert_eq!(line.clusters[0].text, "\u{FEFB}");
    assert_eq!(line.clusters[0].width, 1);
    assert_eq!(line.clusters[0].logical, 0..4);

    // سلام: seen initial, lam-alef final ligature, meem isolated.
    let line = one_line("سلام", true);
    assert_eq!(line.to_text(), "\u{FEE1}\u{FEFC}\u{FEB3}");
    assert_eq!(line.width(), 3);
    assert_eq!(line.logical_at(1), Some(2));
    assert_eq!(line.columns_of(2..4), vec![1..2]);
    assert_eq!(line.columns_of(4..6), vec![1..2]);
    assert_eq!(line.columns_of(0..8), vec![0..3]);
}

#[test]
fn shaping_joins_through_marks_and_tatweel() {
    // ب + shadda + ت: beh initial (shadda skipped), teh final.
    assert_eq!(one_line("بّت", true).to_text(), "\u{FE96}\u{FE91}\u{651}");
    // Tatweel is kept and joins both sides.
    assert_eq!(one_line("بـب", true).to_text(), "\u{FE90}\u{640}\u{FE91}");
    // Shaping off leaves the letters alone.
    assert_eq!(one_line("بت", false).to_text(), "تب");
}

#[test]
fn numbers_and_latin_stay_ltr_inside_rtl() {
    assert_eq!(
        one_line("صاروخ NLAW عام 2022", false).to_text(),
        "2022 ماع NLAW خوراص"
    );
    assert_eq!(
        one_line("نظام Buk-M1 الروسي", false).to_text(),
        "يسورلا Buk-M1 ماظن"
    );
    assert_eq!(
        one_line("بلغ 1,234.56 دولار", false).to_text(),
        "رالود 1,234.56 غلب"
    );
}

#[test]
fn percent_after_arabic_follows_the_paragraph_rules() {
    // W2 makes 50 an Arabic number, so the percent sign resolves to R and
    // lands on the left; FriBidi agrees.
    assert_eq!(one_line("بنسبة 50%", false).to_text(), "%50 ةبسنب");
    // Same result on a wrapped second line: levels come from the paragraph.
    assert_eq!(texts("بنسبة 50%", &opts(6, false)), vec!["ةبسنب", "%50"]);
}

#[test]
fn arabic_comma_stays_with_its_word() {
    let text = "وقالت كارينا بورغر، المتحدثة باسم";
    let comma = text.find('،').unwrap_or(0);
    let word = text.find("بورغر").unwrap_or(0);
    for w in 6..30 {
        let layout = layout_paragraph(text, &opts(w, false));
        let line = layout.lines.iter().find(|l| l.logical.contains(&comma));
        let line = line.map(|l| l.logical.clone()).unwrap_or(0..0);
        assert!(line.contains(&word), "width {w}: comma split from its word");
        for l in &layout.lines {
            assert!(l.width() <= w);
            assert!(
                !l.to_text().starts_with('،') && !l.to_text().ends_with('،')
                    || l.logical.contains(&word)
            );
        }
    }
}

#[test]
fn wrapping_hides_the_space_at_the_break() {
    let layout = layout_paragraph("hello world", &opts(7, false));
    let lines: Vec<String> = layout.lines.iter().map(VisualLine::to_text).collect();
    assert_eq!(lines, vec!["hello", "world"]);
    assert_eq!(layout.lines[0].logical, 0..6);
    assert_eq!(layout.lines[0].hidden, 5..6);
    // A word longer than the width is cut between clusters.
    assert_eq!(texts("abcdefgh", &opts(3, false)), vec!["abc", "def", "gh"]);
}

#[test]
fn rtl_is_right_aligned_with_an_indent() {
    let mut o = opts(20, false);
    o.align = true;
    let l = layout_paragraph("مرحبا", &o);
    assert!(l.rtl);
    assert_eq!(l.lines[0].indent, 15);
    assert_eq!(l.lines[0].width(), 20);
    assert_eq!(l.lines[0].logical_at(14), None);
    assert_eq!(l.lines[0].logical_at(19), Some(0));
    assert_eq!(layout_paragraph("hello", &o).lines[0].indent, 0);
    o.align = false;
    assert_eq!(layout_paragraph("مرحبا", &o).lines[0].indent, 0);
    o.base = BaseDirection::Ltr;
    o.align = true;
    assert_eq!(layout_paragraph("مرحبا", &o).lines[0].indent, 0);
}

#[test]
fn controls_tabs_and_bidi_marks() {
    let line = one_line("a\tb\u{1b}c\u{200f}d", false);
    assert_eq!(line.to_text(), "a b\u{241b}cd");
    assert_eq!(line.width(), 6);
    let rlm = line.clusters.iter().find(|c| c.logical == (5..8));
    assert_eq!(rlm.map(|c| (c.text.as_str(), c.width)), Some(("", 0)));
}

#[test]
fn wide_characters_take_two_cells() {
    let layout = layout_paragraph("日本語", &opts(4, false));
    let widths: Vec<usize> = layout.lines.iter().map(VisualLine::width).collect();
    assert_eq!(widths, vec![4, 2]);
}

#[test]
fn terminal_mode_keeps_logical_order() {
    let mut o = opts(usize::MAX, false);
    o.mode = BidiMode::Terminal;
    assert_eq!(texts("أ (ب) ج", &o), vec!["أ (ب) ج"]);
}

#[test]
fn styled_spans_come_out_in_visual_order() {
    let line = one_line("abc مرحبا", false);
    let spans = [(0..3, 'L'), (4..14, 'A')];
    let segs = line.styled(&spans);
    assert_eq!(
        segs,
        vec![
            ("abc".to_string(), Some('L')),
            (" ".to_string(), None),
            ("ابحرم".to_string(), Some('A')),
        ]
    );
    let line = one_line("مرحبا abc", false);
    let segs = line.styled(&[(11..14, 1u8)]);
    assert_eq!(segs[0], ("abc".to_string(), Some(1)));
    assert_eq!(line.columns_of(0..4), vec![7..9]);
}

#[test]
fn titles_are_cut_at_the_logical_end_after_a_whole_word() {
    let o = opts(80, false);
    let t = layout_title("مرحبا بالعالم", 8, &o);
    assert_eq!(t.to_text(), "…ابحرم");
    assert_eq!(t.clusters[0].logical, 10..25);
    assert_eq!(layout_title("مرحبا بالعالم", 7, &o).to_text(), "…ابحرم");
    assert_eq!(layout_title("hello world", 8, &o).to_text(), "hello…");
    assert_eq!(layout_title("hello world", 7, &o).to_text(), "hello…");
    assert_eq!(layout_title("hi", 8, &o).to_text(), "hi");
    // One long word, or a first word that leaves most of the room empty:
    // cut inside the word rather than show almost nothing.
    assert_eq!(
        layout_title("internationalisation", 8, &o).to_text(),
        "interna…"
    );
    assert_eq!(
        layout_title("a wonderful day", 10, &o).to_text(),
        "a wonderf…"
    );
    assert_eq!(
        layout_title("مرحبا بالعالم", 12, &o).to_text(),
        "…اعلاب ابحرم"
    );
}

#[test]
fn detection_from_environment() {
    let none = |_: &str| None;
    let konsole = |k: &str| (k == "KONSOLE_VERSION").then(|| "220401".to_string());
    assert_eq!(detect_terminal_bidi(none), BidiMode::App);
    assert_eq!(detect_terminal_bidi(konsole), BidiMode::Terminal);
    assert!(detect_shaping(none));
    assert!(!detect_shaping(
        |k: &str| (k == "MLTERM").then(|| "3.9".to_string())
    ));
    assert_eq!(BDSM_APP_REORDERS, "\x1b[8l");
    assert_eq!(BDSM_TERMINAL_REORDERS, "\x1b[8h");
}

#[test]
fn cache_reuses_layouts() {
    let mut cache = LayoutCache::new(2);
    let o = opts(40, true);
    let a = cache.get_or_layout((1, 0), "مرحبا", &o);
    let b = cache.get_or_layout((1, 0), "مرحبا", &o);
    assert!(Arc::ptr_eq(&a, &b));
    let c = cache.get_or_layout((1, 0), "مرحبا", &opts(20, true));
    assert!(!Arc::ptr_eq(&a, &c));
    assert_eq!(cache.len(), 2);
    cache.get_or_layout((1, 1), "x", &o);
    assert!(cache.len() <= 2);
    cache.clear();
    assert!(cache.is_empty());
}

#[test]
fn render_lays_out_each_line() {
    let mut o = opts(10, false);
    o.align = true;
    assert_eq!(render("مرحبا\nhi", &o), "     ابحرم\nhi");
    o.align = false;
    assert_eq!(render("مرحبا\n\nhi", &o), "ابحرم\n\nhi");
    // Without a width, each paragraph is aligned to its own widest line:
    // a stream cannot know the widest line still to come.
    o.width = usize::MAX;
    o.align = true;
    assert_eq!(render("مرحبا يا\nمرحبا", &o), "اي ابحرم\nابحرم");
}

#[test]
fn render_paragraph_appends_lines_and_says_the_direction() {
    let mut out = b"x\n".to_vec();
    let o = LayoutOptions {
        align: true,
        ..opts(10, false)
    };
    assert!(render_paragraph("مرحبا", &o, &mut out));
    assert!(!render_paragraph("", &o, &mut out));
    assert_eq!(String::from_utf8(out).unwrap(), "x\n     ابحرم\n\n");
}

#[test]
fn a_mark_on_a_space_is_not_trailing_whitespace() {
    // Space + sheva is one cluster ending the first line; rule L1 resets
    // only the plain space after it, so the cluster stays in the
    // right-to-left run with alef.
    let o = LayoutOptions {
        base: BaseDirection::Ltr,
        ..opts(3, false)
    };
    assert_eq!(texts("א \u{5B0} ב", &o), [" \u{5B0}א", "ב"]);
}
