//! The Markdown export. Right-to-left passages sit in a `<div dir="rtl">`
//! block (with blank lines around, so the Markdown inside is still
//! rendered), which GitHub, GitLab and most renderers honour.
//!
//! Text is written as stored, except `&` and `<`, which become `&amp;` and
//! `&lt;` so that markup in an article cannot turn into live HTML.

use super::super::model::Bookmark;
use super::{bookmark_is_rtl, meta_line};

pub(super) fn render(bookmarks: &[Bookmark]) -> String {
    let mut out = String::from("# Bookmarks\n");
    for b in bookmarks {
        out.push_str("\n---\n\n");
        let rtl = bookmark_is_rtl(b);
        if rtl {
            out.push_str("<div dir=\"rtl\">\n\n");
        }
        out.push_str(&format!("## {}\n\n", one_line(&b.title)));
        out.push_str(&format!("{}\n\n", one_line(&meta_line(b))));
        for (i, p) in b.text.iter().enumerate() {
            if i > 0 {
                out.push_str(">\n");
            }
            for line in p.lines() {
                out.push_str("> ");
                out.push_str(&escape(line));
                out.push('\n');
            }
        }
        if let Some(note) = &b.note {
            out.push_str(&format!("\n**Note:** {}\n", one_line(note)));
        }
        if rtl {
            out.push_str("\n</div>\n");
        }
    }
    out
}

/// `&` and `<` as entities: enough to keep article text from being HTML.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Escaped and on one line (titles, notes, the meta line).
fn one_line(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn markdown_quotes_the_logical_text_in_an_rtl_block() {
        let bookmarks = fixtures::bookmarks();
        let out = render(&bookmarks);
        assert!(out.contains(
            "> قال المتحدث إن القوات عبرت نهر دنيبرو (2022).\n>\n> وأضاف: «الوضع مستقر» حتى الآن.\n"
        ));
        assert!(out.contains("## الجيش الأوكراني يتقدم نحو «خيرسون»"));
        assert!(out.contains("**Note:** ملاحظة &lt;مهمة> &amp; \"مقتبسة\""));
        assert_eq!(out.matches("<div dir=\"rtl\">").count(), 2);
        assert_eq!(out.matches("</div>").count(), 2);
        // The English passage: not in an RTL block, markup neutralised.
        assert!(out.contains("> Use &lt;script>alert('x')&lt;/script> &amp; \"that\" > this."));
        assert!(!out.contains("<script"));
        assert!(!out.contains('\u{200f}'), "no marks inserted into the text");
    }
}
