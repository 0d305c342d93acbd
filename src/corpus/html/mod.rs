//! HTML news pages → an article. The main content is found by dom_smoothie
//! (a port of Mozilla's Readability); what it leaves of a site's furniture
//! is removed later by the same cleaning as every page
//! (`assets/boilerplate.json` and the furniture learned from the site's
//! other pages). Title, date, author, canonical url, language and
//! direction come from the page's metadata ([`meta`]).

mod meta;

use super::article::Metadata;
use super::clean::Rules;
use dom_query::Document;
use std::collections::HashSet;

pub use meta::strip_site_suffix;

/// What an HTML page gave.
#[derive(Debug, Clone, Default)]
pub struct HtmlPage {
    /// The headline, without the site's name; `None` when the page has none.
    pub title: Option<String>,
    /// The main content's paragraphs, as the extractor found them.
    pub paragraphs: Vec<String>,
    pub meta: Metadata,
    /// The page's other text lines (menus, footers, widgets), kept so that
    /// nothing is lost (`show --raw`).
    pub removed: Vec<String>,
}

/// Elements whose text is never the page's (scripts, styles, templates).
const NOT_TEXT: &str = "script, style, noscript, template, svg, iframe";
/// Elements that are not the article's running text (image captions); kept
/// with the removed lines.
const NOT_BODY: &str = "figcaption";

/// Extracts the article of an HTML page; `None` when it has no text at all.
pub fn extract(html: &str, _rules: &Rules) -> Option<HtmlPage> {
    let document = Document::from(html);
    let found = meta::PageMeta::of(&document);
    let json_ld_body = found.body.clone();
    document.select(NOT_TEXT).remove();
    let all_lines = lines_of(&document.select("body").formatted_text());
    document.select(NOT_BODY).remove();
    let mut paragraphs = main_content(document, html);
    // A dateline is metadata, not text.
    paragraphs.retain(|p| !crate::corpus::date::is_dateline(p));
    // A page that renders its text from script has it only in JSON-LD.
    let body_words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    if let Some(body) = json_ld_body {
        let ld = lines_of(&body);
        let ld_words: usize = ld.iter().map(|p| p.split_whitespace().count()).sum();
        if ld_words > body_words * 2 {
            paragraphs = ld;
        }
    }
    let title = found.title(paragraphs.first().map(String::as_str));
    // The headline is the title, not a paragraph.
    if let Some(t) = &title {
        paragraphs.retain(|p| p != t);
    }
    if paragraphs.is_empty() && title.is_none() {
        return None;
    }
    let kept: HashSet<&str> = paragraphs.iter().map(String::as_str).collect();
    let removed = all_lines
        .iter()
        .filter(|l| !kept.contains(l.as_str()) && title.as_deref() != Some(l.as_str()))
        .cloned()
        .collect();
    Some(HtmlPage {
        title,
        paragraphs,
        meta: found.metadata(),
        removed,
    })
}

/// The paragraphs of an HTML fragment (a feed item's content): every
/// block's text, in order, with no extraction heuristics, so a short item
/// keeps its every line. Scripts, styles and the like are dropped.
pub fn fragment(html: &str) -> Vec<String> {
    let document = Document::fragment(html);
    document.select(NOT_TEXT).remove();
    lines_of(&document.formatted_text())
}

/// The lines of the main content as the extractor alone finds them (for
/// measuring what the cleaning adds).
pub fn extractor_lines(html: &str) -> Vec<String> {
    readability(Document::from(html))
        .map(|(content, _)| lines_of(&content))
        .unwrap_or_default()
}

/// dom_smoothie's main content: its text, and its HTML.
fn readability(document: Document) -> Option<(String, String)> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let article = dom_smoothie::Readability::with_document(document, None, Some(config))
        .and_then(|mut r| r.parse())
        .ok()?;
    Some((
        article.text_content.to_string(),
        article.content.to_string(),
    ))
}

/// The paragraphs of the main content as dom_smoothie finds it, less the
/// lines made only of links (related and most-read lists, share buttons);
/// when it finds none, every `<p>` of the page.
fn main_content(document: Document, html: &str) -> Vec<String> {
    if let Some((text, content)) = readability(document) {
        let links = link_texts(&content);
        let found: Vec<String> = lines_of(&text)
            .into_iter()
            .filter(|line| !only_links(line, &links))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    let document = Document::from(html);
    document.select(NOT_TEXT).remove();
    let paragraphs: Vec<String> = document
        .select("p")
        .iter()
        .map(|p| p.text().to_string())
        .collect();
    lines_of(&paragraphs.join("\n"))
}

/// The texts of the links of an HTML fragment, longest first.
fn link_texts(html: &str) -> Vec<String> {
    let document = Document::from(html);
    let mut links: Vec<String> = document
        .select("a")
        .iter()
        .map(|a| lines_of(&a.text()).join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    links.sort_by_key(|t| std::cmp::Reverse(t.len()));
    links.dedup();
    links
}

/// Is `line` nothing but link texts (and punctuation between them)?
fn only_links(line: &str, links: &[String]) -> bool {
    let mut rest = line.to_string();
    for link in links {
        if rest.contains(link.as_str()) {
            rest = rest.replace(link.as_str(), " ");
        }
    }
    rest.len() < line.len() && !rest.chars().any(crate::text::normalize::is_word_char)
}

/// The non-empty lines of a text, trimmed, spaces inside made single.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_keeps_every_block() {
        let html = "<p>عاجل: <b>خبر</b> قصير.</p><div>سطر ثان<br>وسطر ثالث</div>\
                    <script>alert('لا')</script><ul><li>نقطة</li></ul><p>&amp; &#1587;</p>";
        assert_eq!(
            fragment(html),
            ["عاجل: خبر قصير.", "سطر ثان", "وسطر ثالث", "نقطة", "& س"]
        );
        assert_eq!(fragment("نص بلا وسوم"), ["نص بلا وسوم"]);
        assert!(fragment("<p> </p><style>p{}</style>").is_empty());
    }

    #[test]
    fn a_page_with_no_text_is_none() {
        assert!(extract(
            "<html><body><script>x()</script></body></html>",
            Rules::bundled()
        )
        .is_none());
    }

    #[test]
    fn paragraphs_title_and_the_rest() {
        let html = r#"<html lang="ar" dir="rtl"><head><title>خبر اليوم - موقع المثال</title>
            <meta property="og:site_name" content="موقع المثال"></head><body>
            <nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav>
            <article><h1>خبر اليوم</h1>
            <p>الفقرة الأولى من الخبر وهي طويلة بما يكفي ليعدها المستخرج نصا حقيقيا من نصوص المقال.</p>
            <p>الفقرة الثانية من الخبر تحمل تفاصيل أخرى عن الحدث وعن ردود الفعل عليه في المدينة.</p>
            </article><footer>حقوق النشر محفوظة</footer></body></html>"#;
        let page = extract(html, Rules::bundled()).unwrap();
        assert_eq!(page.title.as_deref(), Some("خبر اليوم"));
        assert_eq!(page.paragraphs.len(), 2, "{:?}", page.paragraphs);
        assert_eq!(page.meta.lang.as_deref(), Some("ar"));
        assert!(
            page.removed.iter().any(|l| l.contains("الرئيسية")),
            "{:?}",
            page.removed
        );
    }
}
