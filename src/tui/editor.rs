//! The one-line text editor every prompt uses (filter, find, note, tag): a
//! cursor that moves by grapheme clusters, so a letter and its harakat are
//! erased together, word erase, and paste that can never end the prompt.
//! Pure text: the status bar lays it out through the bidi engine.

use unicode_segmentation::UnicodeSegmentation;

/// The most a prompt holds, in characters; a longer paste is cut.
pub const MAX_CHARS: usize = 2000;

/// An editing command (from the `input` key-map section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    /// One grapheme towards the left of the screen: forward in right-to-left
    /// text, back in left-to-right text.
    Left,
    Right,
    Start,
    End,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Byte offset into `text`, always on a grapheme boundary.
    cursor: usize,
}

impl Editor {
    /// An editor holding `text` (cleaned as a paste is), cursor at the end.
    pub fn new(text: &str) -> Editor {
        let mut e = Editor::default();
        e.paste(text);
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the cursor in [`Editor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// True when the text reads right to left (by its first strong letter).
    pub fn rtl(&self) -> bool {
        unicode_bidi::get_base_direction(self.text.as_str()) == unicode_bidi::Direction::Rtl
    }

    /// Types `c` at the cursor. Control characters and anything past
    /// [`MAX_CHARS`] are refused (returns false).
    pub fn insert(&mut self, c: char) -> bool {
        if c.is_control() || self.text.chars().count() >= MAX_CHARS {
            return false;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.snap();
        true
    }

    /// Inserts pasted text at the cursor: every line break (and tab)
    /// becomes one space, other control characters are dropped, so a paste
    /// stays on the line and never acts as a key. Returns false when the
    /// paste was cut at [`MAX_CHARS`].
    pub fn paste(&mut self, text: &str) -> bool {
        let mut room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let mut clean = String::with_capacity(text.len().min(4 * room));
        let mut chars = text.chars().peekable();
        let mut whole = true;
        while let Some(c) = chars.next() {
            let c = match c {
                '\r' if chars.peek() == Some(&'\n') => continue,
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if room == 0 {
                whole = false;
                break;
            }
            clean.push(c);
            room -= 1;
        }
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.snap();
        whole
    }

    /// Applies `edit`; returns true when the text changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::DeleteBack => {
                let from = self.previous(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteForward => {
                let to = self.next(self.cursor);
                self.text.replace_range(self.cursor..to, "");
            }
            Edit::DeleteWord => {
                let mut from = self.cursor;
                while from > 0 && self.is_space_before(from) {
                    from = self.previous(from);
                }
                while from > 0 && !self.is_space_before(from) {
                    from = self.previous(from);
                }
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::Left | Edit::Right => {
                let forward = (edit == Edit::Left) == self.rtl();
                self.cursor = if forward {
                    self.next(self.cursor)
                } else {
                    self.previous(self.cursor)
                };
            }
            Edit::Start => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
        }
        self.text.len() != before
    }

    /// The grapheme boundary before `at` (0 at the start).
    fn previous(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// The grapheme boundary after `at` (the end at the end).
    fn next(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    fn is_space_before(&self, at: usize) -> bool {
        self.text[self.previous(at)..at]
            .chars()
            .all(char::is_whitespace)
    }

    /// Puts the cursor back on a grapheme boundary: a mark typed after a
    /// letter joins the letter's cluster, and the cursor goes after both.
    fn snap(&mut self) {
        let at = self.cursor;
        let start = self.previous(at);
        self.cursor = self.next(start).max(at).min(self.text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Editor {
        let mut e = Editor::default();
        for c in text.chars() {
            e.insert(c);
        }
        e
    }

    #[test]
    fn backspace_erases_a_letter_with_its_harakat() {
        let mut e = typed("كَتَبَ");
        assert_eq!(e.text(), "كَتَبَ");
        e.edit(Edit::DeleteBack);
        assert_eq!(e.text(), "كَتَ", "بَ went together");
        let mut family = typed("a👨‍👩‍👧");
        family.edit(Edit::DeleteBack);
        assert_eq!(family.text(), "a");
        let mut empty = Editor::default();
        assert!(!empty.edit(Edit::DeleteBack));
    }

    #[test]
    fn words_start_and_end() {
        let mut e = typed("خيرسون  روسيا");
        assert!(e.edit(Edit::DeleteWord));
        assert_eq!(e.text(), "خيرسون  ");
        e.edit(Edit::DeleteWord);
        assert_eq!(e.text(), "");
        let mut e = typed("abc def");
        e.edit(Edit::Start);
        e.insert('>');
        assert_eq!((e.text(), e.cursor()), (">abc def", 1));
        e.edit(Edit::End);
        e.edit(Edit::Left);
        e.edit(Edit::DeleteToStart);
        assert_eq!((e.text(), e.cursor()), ("f", 0));
        e.edit(Edit::DeleteForward);
        assert!(e.is_empty());
    }

    #[test]
    fn arrows_follow_the_screen_in_arabic() {
        // In right-to-left text the start is on the right: ← goes forward.
        let mut e = typed("خبر");
        e.edit(Edit::Start);
        e.edit(Edit::Left);
        assert_eq!(e.cursor(), "خ".len());
        e.edit(Edit::Right);
        assert_eq!(e.cursor(), 0);
        let mut l = typed("ab");
        l.edit(Edit::Left);
        assert_eq!(l.cursor(), 1);
    }

    #[test]
    fn a_pasted_newline_is_a_space_and_controls_are_dropped() {
        let mut e = typed("x");
        assert!(e.paste("ملاحظة\r\ndy\u{1b}[2J\tz"));
        assert_eq!(e.text(), "xملاحظة dy[2J z");
        let mut full = Editor::new(&"ب".repeat(MAX_CHARS - 1));
        assert!(!full.paste("abc"));
        assert_eq!(full.text().chars().count(), MAX_CHARS);
        assert!(!full.insert('x'));
        assert!(!typed("").insert('\u{7}'));
    }
}
