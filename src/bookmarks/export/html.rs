//! The standalone HTML export: one file, right-to-left page, each passage
//! with `dir="auto"` so English passages still read left to right. All
//! text is escaped, its control characters shown (see [`super::shown`]).

use super::super::model::Bookmark;
use super::{bookmark_is_rtl, meta_line, shown, ORPHAN_LABEL};

const STYLE: &str = "
  :root { color-scheme: light dark; --ink: #1d1d1f; --muted: #6b6b70; --rule: #b7893f; --paper: #fdfbf7; }
  @media (prefers-color-scheme: dark) { :root { --ink: #ece9e2; --muted: #a3a09a; --paper: #1b1a18; } }
  body { margin: 0; background: var(--paper); color: var(--ink);
         font: 1.2rem/1.9 'Noto Naskh Arabic', 'Amiri', 'Geeza Pro', 'Arial', serif; }
  main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  .exported { color: var(--muted); font-size: .85rem; margin: 0 0 2rem; }
  article { border-top: 1px solid color-mix(in srgb, var(--muted) 35%, transparent); padding: 1.25rem 0; }
  h2 { font-size: 1.3rem; line-height: 1.5; margin: 0 0 .35rem; }
  .meta { color: var(--muted); font-size: .8rem; margin: 0 0 .75rem; }
  .meta bdi { font-family: ui-monospace, monospace; }
  blockquote { margin: 0; padding-inline-start: 1rem; border-inline-start: 4px solid var(--rule); }
  blockquote p { margin: 0 0 .6rem; }
  .note { background: color-mix(in srgb, var(--rule) 12%, transparent); padding: .4rem .75rem; border-radius: .4rem; }
  .orphan { color: #b3261e; font-weight: bold; }
";

pub(super) fn render(bookmarks: &[Bookmark], exported: &str) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>العلامات المرجعية — sahifa</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>العلامات المرجعية</h1>\n");
    out.push_str(&format!(
        "<p class=\"exported\">sahifa · <bdi>{}</bdi></p>\n",
        escape(exported)
    ));
    for b in bookmarks {
        // An explicit direction: `dir="auto"` here would look past the
        // children that have their own `dir` and find nothing.
        let dir = if bookmark_is_rtl(b) { "rtl" } else { "ltr" };
        out.push_str(&format!(
            "<article id=\"b-{}\" dir=\"{dir}\">\n",
            escape(&b.id)
        ));
        out.push_str(&format!("<h2 dir=\"auto\">{}</h2>\n", escape(&b.title)));
        out.push_str(&format!(
            "<p class=\"meta\"><bdi dir=\"ltr\">{}</bdi>",
            escape(&meta_line(&Bookmark {
                orphaned: false,
                ..b.clone()
            }))
        ));
        if b.orphaned {
            out.push_str(&format!(" · <span class=\"orphan\">{ORPHAN_LABEL}</span>"));
        }
        out.push_str("</p>\n<blockquote>\n");
        for p in &b.text {
            out.push_str(&format!("<p dir=\"auto\">{}</p>\n", escape(p)));
        }
        out.push_str("</blockquote>\n");
        if let Some(note) = &b.note {
            out.push_str(&format!(
                "<p class=\"note\" dir=\"auto\">{}</p>\n",
                escape(note)
            ));
        }
        out.push_str("</article>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Text made safe for HTML content and attribute values, its control
/// characters shown.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in shown(text).chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            _ => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn html_is_rtl_escaped_and_holds_the_text() {
        let bookmarks = fixtures::bookmarks();
        let out = render(&bookmarks, "2026-11-23T02:00:00Z");
        assert!(out.starts_with("<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">"));
        assert!(out.contains("<meta charset=\"utf-8\">"));
        assert!(out.contains("<p dir=\"auto\">وأضاف: «الوضع مستقر» حتى الآن.</p>"));
        assert!(out.contains(
            "Use &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;that&quot; &gt; this."
        ));
        assert!(!out.contains("<script"));
        assert!(!out.contains("<b>"));
        assert!(out.contains(ORPHAN_LABEL));
        assert_eq!(out.matches("dir=\"rtl\">\n<h2").count(), 2);
        assert_eq!(out.matches("dir=\"ltr\">\n<h2").count(), 1);
    }
}
