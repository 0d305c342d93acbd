//! Display safety: bidi controls neutralised and shown, joiners kept off
//! the screen, and the same text obeyed when asked.

use super::*;

fn opts(controls: Controls, shape: bool) -> LayoutOptions {
    LayoutOptions {
        width: usize::MAX,
        base: BaseDirection::Auto,
        shape,
        mode: BidiMode::App,
        align: false,
        controls,
    }
}

fn line(text: &str, o: &LayoutOptions) -> String {
    let layout = layout_paragraph(text, o);
    assert_eq!(layout.lines.len(), 1, "{text:?}");
    layout.lines[0].to_text()
}

/// The title from issue 15: an override makes «0021» display as «1200».
const SPOOF: &str = "مقتل \u{202e}0021\u{202c} شخصا";

#[test]
fn an_override_is_neutralised_and_shown() {
    let shown = line(SPOOF, &opts(Controls::Show, false));
    assert_eq!(shown, "اصخش ‹PDF›0021‹RLO› لتقم");
    // What the algorithm does when obeyed: the digits reversed, and
    // nothing on screen says so.
    let obeyed = line(SPOOF, &opts(Controls::Obey, false));
    assert_eq!(obeyed, "اصخش 1200 لتقم");
}

#[test]
fn isolates_and_embeddings_do_not_move_numbers() {
    // In a right-to-left paragraph «1 2» reads right to left; an isolate
    // would make it read left to right.
    let text = "العدد \u{2066}1 2\u{2069} فقط";
    assert_eq!(
        line(text, &opts(Controls::Show, false)),
        "طقف ‹PDI›2 1‹LRI› ددعلا"
    );
    assert_eq!(line(text, &opts(Controls::Obey, false)), "طقف 1 2 ددعلا");
    let text = "a \u{202b}b c\u{202c} d";
    assert_eq!(
        line(text, &opts(Controls::Show, false)),
        "a ‹RLE›b c‹PDF› d"
    );
}

#[test]
fn marks_show_only_where_they_change_the_order() {
    let show = opts(Controls::Show, false);
    // Between two Arabic words an RLM changes nothing: invisible.
    assert_eq!(line("كلمة\u{200f} أخرى", &show), "ىرخأ ةملك");
    // It would reverse «1 2» in a left-to-right line: shown, and ignored.
    assert_eq!(line("x \u{200f}1 2", &show), "x ‹RLM›1 2");
    assert_eq!(line("x \u{200f}1 2", &opts(Controls::Obey, false)), "x 2 1");
    // A leading LRM would make an Arabic paragraph left-to-right.
    let layout = layout_paragraph("\u{200e}كلمة!", &show);
    assert!(layout.rtl);
    assert_eq!(layout.lines[0].to_text(), "!ةملك‹LRM›");
    // One that agrees with the paragraph's own direction is left out.
    assert_eq!(line("\u{200f}كلمة!", &show), "!ةملك");
}

#[test]
fn a_placeholder_ends_the_joining_of_the_letters_around_it() {
    let joined = line("بت", &opts(Controls::Show, true));
    assert_eq!(joined, "\u{FE96}\u{FE91}");
    let apart = line("ب\u{202e}ت", &opts(Controls::Show, true));
    assert_eq!(apart, "\u{FE95}‹RLO›\u{FE8F}", "both letters isolated");
    // A control that is not shown is transparent, as the standard says.
    assert_eq!(line("ب\u{200f}ت", &opts(Controls::Show, true)), joined);
}

#[test]
fn placeholders_map_back_to_their_control() {
    let layout = layout_paragraph(SPOOF, &opts(Controls::Show, false));
    let l = &layout.lines[0];
    let rlo = SPOOF.find('\u{202e}').unwrap();
    let cols = l.columns_of(rlo..rlo + 3);
    assert_eq!(cols.len(), 1);
    assert_eq!(cols[0].len(), 5);
    assert_eq!(l.logical_at(cols[0].start), Some(rlo));
}

#[test]
fn terminal_mode_never_passes_a_control_on() {
    let o = LayoutOptions {
        mode: BidiMode::Terminal,
        ..opts(Controls::Show, false)
    };
    assert_eq!(line(SPOOF, &o), "مقتل ‹RLO›0021‹PDF› شخصا");
    let obeyed = LayoutOptions {
        controls: Controls::Obey,
        ..o
    };
    assert_eq!(line(SPOOF, &obeyed), SPOOF, "the terminal obeys them");
}

#[test]
fn joiners_are_not_written_to_the_screen() {
    // «می‌خواهم»: the ZWNJ keeps ی from joining خ; shaping has applied it.
    let text = "می\u{200c}خواهم";
    let shown = line(text, &opts(Controls::Show, true));
    assert!(!shown.contains('\u{200c}'), "{shown:?}");
    assert!(shown.ends_with("\u{FBFD}\u{FEE3}"), "final yeh: {shown:?}");
    // ZWJ keeps heh joined to the left with nothing after it.
    let shown = line("ه\u{200d} ب", &opts(Controls::Show, true));
    assert_eq!(shown, "\u{FE8F} \u{FEEB}");
    // Inside an emoji sequence a ZWJ stays: it is part of the picture.
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(line(family, &opts(Controls::Show, false)), family);
}

#[test]
fn obeyed_joiners_sit_where_fribidi_puts_them() {
    // FriBidi reverses a right-to-left run character by character: the
    // ZWNJ comes out to the left of the ی it follows.
    let obeyed = line("می\u{200c}خواهم", &opts(Controls::Obey, true));
    assert!(
        obeyed.ends_with("\u{FEA7}\u{200C}\u{FBFD}\u{FEE3}"),
        "{obeyed:?}"
    );
    // Marks stay after their letter; the joiner goes before both.
    let obeyed = line("بَ\u{200d}", &opts(Controls::Obey, false));
    assert_eq!(obeyed, "\u{200d}بَ");
    // Left to right, nothing moves.
    assert_eq!(
        line("a\u{200d}b", &opts(Controls::Obey, false)),
        "a\u{200d}b"
    );
}
