//! The plain-text export: one block per passage, paragraphs as stored,
//! their control characters shown (see [`super::shown`]). The title and the
//! note are each kept on one line.

use super::super::model::Bookmark;
use super::{meta_line, one_line, shown};

pub(super) fn render(bookmarks: &[Bookmark]) -> String {
    let mut out = String::new();
    for (i, b) in bookmarks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n────────\n\n");
        }
        out.push_str(&shown(&one_line(&b.title)));
        out.push('\n');
        out.push_str(&meta_line(b));
        out.push('\n');
        for p in &b.text {
            out.push('\n');
            out.push_str(&shown(p));
            out.push('\n');
        }
        if let Some(note) = &b.note {
            out.push_str("\nNote: ");
            out.push_str(&shown(&one_line(note)));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn text_holds_every_paragraph_verbatim() {
        let bookmarks = fixtures::bookmarks();
        let out = render(&bookmarks);
        for b in &bookmarks {
            for p in &b.text {
                assert!(out.lines().any(|l| l == p), "{p}");
            }
        }
        assert!(out.contains("no longer in the corpus"));
        assert!(out.contains("Note: ملاحظة <مهمة>"));
    }
}
