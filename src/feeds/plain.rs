//! The plain text of a feed's HTML snippet: for titles given as HTML, and
//! for telling how much text an item carries. (Turning an item's content
//! into the article's paragraphs is the library's HTML code's job.)

use super::html_scan::{decode_entities, tokens, Token};

/// Block-level tags: text on either side is a separate paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "hr",
    "dd",
    "dt",
];

/// The paragraphs of `html`'s text: entities decoded, white space collapsed,
/// one string per block, empty ones dropped.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let para = collapse(current);
        if !para.is_empty() {
            out.push(para);
        }
        current.clear();
    };
    for token in tokens(html) {
        match token {
            Token::Text(t) => current.push_str(&decode_entities(t)),
            Token::Start(tag) if BLOCKS.contains(&tag.name.as_str()) => flush(&mut current),
            Token::End(name) if BLOCKS.contains(&name.as_str()) => flush(&mut current),
            Token::Start(_) | Token::End(_) => {}
        }
    }
    flush(&mut current);
    out
}

/// `html`'s text on one line.
pub fn one_line(html: &str) -> String {
    paragraphs(html).join(" ")
}

/// Plain text (not HTML) with its white space collapsed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let html = "<div><p>الفقرة <b>الأولى</b>&nbsp;هنا.</p>\n<p>الثانية<br>والثالثة</p>\
                    <script>var x = '<p>لا</p>';</script><p> </p><img src=x.jpg alt=\"صورة\"></div>";
        assert_eq!(
            paragraphs(html),
            ["الفقرة الأولى هنا.", "الثانية", "والثالثة"]
        );
        assert_eq!(one_line("<em>عاجل:</em>  خبر\n جديد"), "عاجل: خبر جديد");
        assert_eq!(paragraphs("plain text, no tags"), ["plain text, no tags"]);
    }
}
