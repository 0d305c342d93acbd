use super::*;
use crate::tui::theme::ThemeName;
use crate::tui::view::chrome::symbols;

fn bar<'a>(theme: &'a Theme, text: &str, prompt: Option<Prompt>) -> StatusBar<'a> {
    StatusBar {
        lead: String::new(),
        text: text.into(),
        prompt,
        hints: "? help · q quit".into(),
        theme,
        layout: LayoutOptions::default(),
    }
}

fn drawn(bar: StatusBar, width: u16) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
    bar.render(buf.area, &mut buf);
    symbols(&buf).remove(0)
}

#[test]
fn arabic_in_a_notice_reads_right_to_left_and_joined() {
    let theme = Theme::new(ThemeName::Dark, false);
    let line = drawn(bar(&theme, " أوكرانيا: mention 1 of 4", None), 60);
    assert_eq!(
        line,
        " ﺎﻴﻧﺍﺮﻛﻭﺃ: mention 1 of 4                   ? help · q quit "
    );
}

#[test]
fn a_long_line_is_cut_after_a_whole_word_and_never_into_the_hints() {
    let theme = Theme::new(ThemeName::Dark, false);
    let text =
        " [Article] Tab: next pane 5 articles · 3 warnings about the corpus (listed when you quit)";
    let line = drawn(bar(&theme, text, None), 80);
    assert_eq!(
        line,
        " [Article] Tab: next pane 5 articles · 3 warnings about the…    ? help · q quit "
    );
    assert!(line.ends_with(" ? help · q quit "));
}

#[test]
fn a_prompt_lays_out_arabic_and_puts_the_cursor_where_the_next_letter_goes() {
    let theme = Theme::new(ThemeName::Dark, false);
    let prompt = |text: &str, cursor| Prompt {
        label: " / ".into(),
        text: text.into(),
        cursor,
    };
    let b = bar(&theme, "", Some(prompt("خيرسون", "خيرسون".len())));
    assert_eq!(b.cursor(Rect::new(0, 5, 40, 1)), Some((3, 5)));
    let line = drawn(b, 40);
    assert!(line.starts_with(" /  ﻥﻮﺳﺮﻴﺧ"), "{line}");
    // The cursor at the start sits on the first letter, the rightmost.
    let b = bar(&theme, "", Some(prompt("خيرسون", 0)));
    assert_eq!(b.cursor(Rect::new(0, 0, 40, 1)), Some((9, 0)));
    let b = bar(&theme, "", Some(prompt("abc", 3)));
    assert_eq!(b.cursor(Rect::new(0, 0, 40, 1)), Some((6, 0)));
}

#[test]
fn a_number_after_an_arabic_name_stays_where_it_was_written() {
    let theme = Theme::new(ThemeName::Dark, false);
    // Unquoted, the bidi algorithm makes «3» part of the Arabic run.
    let text = format!(
        " · find {}: 3 matches here",
        crate::tui::quote::quote("خيرسون")
    );
    let line = drawn(bar(&theme, &text, None), 60);
    assert!(
        line.starts_with(" · find ﻥﻮﺳﺮﻴﺧ: 3 matches here "),
        "{line}"
    );
}
