//! The Markdown export. Right-to-left passages sit in a `<div dir="rtl">`
//! block (with blank lines around, so the Markdown inside is still
//! rendered), which GitHub, GitLab and most renderers honour.
//!
//! Everything taken from the article or the reader (title, source, note,
//! passage) is written as text and never as markup: control characters are
//! shown (see [`super::shown`]), `&`, `<` and `>` become entities, the
//! other characters that open Markdown constructs (links, images, emphasis,
//! code, headings, lists, tables) are escaped with a backslash, and a line
//! never starts with an ordered-list number.

use super::super::model::Bookmark;
use super::{bookmark_is_rtl, meta_line, one_line, shown};

pub(super) fn render(bookmarks: &[Bookmark]) -> String {
    let mut out = String::from("# Bookmarks\n");
    for b in bookmarks {
        out.push_str("\n---\n\n");
        let rtl = bookmark_is_rtl(b);
        if rtl {
            out.push_str("<div dir=\"rtl\">\n\n");
        }
        out.push_str(&format!("## {}\n\n", escape(&one_line(&b.title))));
        out.push_str(&format!("{}\n\n", escape(&meta_line(b))));
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
            out.push_str(&format!("\n**Note:** {}\n", escape(&one_line(note))));
        }
        if rtl {
            out.push_str("\n</div>\n");
        }
    }
    out
}

/// One line of text made inert for Markdown (see the module docs).
pub(super) fn escape(line: &str) -> String {
    let line = shown(line);
    let mut out = String::with_capacity(line.len() + 8);
    let indent = line.len() - line.trim_start().len();
    // A number then `.` or `)` at the start of a line opens an ordered list.
    let digits = line[indent..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let escaped = match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => Some(""),
            // Inside a word, `_` is not emphasis.
            '_' if !(prev.is_alphanumeric() && next.is_alphanumeric()) => Some(""),
            // Headings, list items, setext underlines.
            '#' | '-' | '+' | '=' if i == indent => Some(""),
            '.' | ')' if digits > 0 && i == indent + digits => Some(""),
            _ => None,
        };
        match escaped {
            Some("") => {
                out.push('\\');
                out.push(c);
            }
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;
    use crate::corpus::{Article, Metadata};
    use pulldown_cmark::{Event, Options, Parser, Tag};

    #[test]
    fn markdown_quotes_the_logical_text_in_an_rtl_block() {
        let bookmarks = fixtures::bookmarks();
        let out = render(&bookmarks);
        assert!(out.contains(
            "> قال المتحدث إن القوات عبرت نهر دنيبرو (2022).\n>\n> وأضاف: «الوضع مستقر» حتى الآن.\n"
        ));
        assert!(out.contains("## الجيش الأوكراني يتقدم نحو «خيرسون»"));
        assert!(out.contains("**Note:** ملاحظة &lt;مهمة&gt; &amp; \"مقتبسة\""));
        assert_eq!(out.matches("<div dir=\"rtl\">").count(), 2);
        assert_eq!(out.matches("</div>").count(), 2);
        // The English passage: not in an RTL block, markup neutralised.
        assert!(
            out.contains("> Use &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"that\" &gt; this.")
        );
        assert!(!out.contains("<script"));
        assert!(!out.contains('\u{200f}'), "no marks inserted into the text");
    }

    /// Everything an article or a note could try to inject.
    fn hostile() -> Vec<Bookmark> {
        let nasty = [
            "[x](javascript:alert(1)) ![i](http://evil.example/p.png)",
            "# heading\n- item\n1. first\n2) second\n+ plus\n===\n---",
            "<img src=x onerror=alert(1)> <a href='x'>a</a> &lt;",
            "`code` *em* __strong__ ~~gone~~ | a | b |\n|---|---|",
            "<http://auto.example> [ref]: http://evil.example",
            "\\[not a link\\](x) \u{1b}]52;c;cHduZWQ=\u{7} \u{202e}0021\u{202c}",
        ];
        let mut out = Vec::new();
        for (i, text) in nasty.iter().enumerate() {
            let article = Article {
                id: format!("a{i}"),
                title: text.to_string(),
                paragraphs: vec![text.to_string()],
                source: text.to_string(),
                meta: Metadata::default(),
                boilerplate: Vec::new(),
            };
            out.push(Bookmark::new(&article, 1, 1, Some(text.to_string())).unwrap());
        }
        out
    }

    #[test]
    fn nothing_from_an_article_becomes_markup() {
        let bookmarks = hostile();
        let out = render(&bookmarks);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let mut headings = 0;
        let mut strong = 0;
        for event in Parser::new_ext(&out, options) {
            match event {
                Event::Start(Tag::Heading { .. }) => headings += 1,
                Event::Start(Tag::Strong) => strong += 1,
                Event::Start(
                    tag @ (Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::Emphasis
                    | Tag::Strikethrough
                    | Tag::CodeBlock(_)),
                ) => panic!("{tag:?} in:\n{out}"),
                Event::Code(c) => panic!("code {c:?} in:\n{out}"),
                Event::Html(h) | Event::InlineHtml(h) => {
                    assert!(
                        matches!(h.trim(), "<div dir=\"rtl\">" | "</div>" | ""),
                        "{h:?}"
                    )
                }
                _ => {}
            }
        }
        // «# Bookmarks», one title each, one «**Note:**» each: nothing else.
        assert_eq!(headings, 1 + bookmarks.len(), "{out}");
        assert_eq!(strong, bookmarks.len(), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        assert!(
            out.contains("‹RLO›0021‹PDF›") && out.contains("␛\\]52"),
            "{out}"
        );
        // The text itself is all there.
        assert!(out.contains("javascript:alert(1)"));
    }
}
