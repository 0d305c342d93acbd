//! Exports of bookmarks: Markdown, JSON, plain text and standalone HTML.
//!
//! Every format writes each passage's saved text in logical order as in
//! the article — never reordered, mirrored or shaped for display: direction
//! is left to the reader (`dir` attributes in HTML and Markdown). Orphaned
//! bookmarks are exported too, marked as such.
//!
//! JSON keeps every string exact (control characters as `\u` escapes). The
//! text formats (plain text, Markdown, HTML) are read by people, in a
//! terminal, an editor or a browser: there every control character is
//! shown as a placeholder and never written raw, whether the export goes to
//! a file or to stdout (see `shown`).

mod html;
mod json;
mod markdown;
mod text;

pub use json::{document, parse_json, ExportDoc, ExportEntry};

use super::model::Bookmark;

/// An export format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Text,
    Html,
}

impl Format {
    /// The usual file extension for the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "txt",
            Format::Html => "html",
        }
    }
}

/// Writes `bookmarks` to a new file `sahifa-bookmarks-<time>.<ext>` in
/// `dir` (never replacing an existing file) and returns its path.
pub fn write_new_file(
    dir: &std::path::Path,
    format: Format,
    bookmarks: &[Bookmark],
    exported: &str,
) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write;
    let stamp: String = exported
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let text = render(format, bookmarks, exported);
    for n in 1.. {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!(
            "sahifa-bookmarks-{stamp}{suffix}.{}",
            format.extension()
        ));
        match std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let written = file
                    .write_all(text.as_bytes())
                    .and_then(|()| file.sync_all());
                if let Err(e) = written {
                    // Never leave a partial export behind.
                    let _ = std::fs::remove_file(&path);
                    return Err(e);
                }
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("1.. never ends")
}

/// `bookmarks` in `format`; `exported` is the export time (RFC 3339),
/// recorded in the JSON and HTML.
pub fn render(format: Format, bookmarks: &[Bookmark], exported: &str) -> String {
    match format {
        Format::Markdown => markdown::render(bookmarks),
        Format::Json => json::render(bookmarks, exported),
        Format::Text => text::render(bookmarks),
        Format::Html => html::render(bookmarks, exported),
    }
}

/// True when `text` is a right-to-left paragraph (by its first strong
/// character, as the Unicode bidi algorithm decides).
fn is_rtl(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// `text` as the text formats write it: C0 and C1 controls as control
/// pictures (ESC as ␛), bidi controls as placeholders (`‹RLO›`) where they
/// matter, as on screen (see [`crate::text::controls::logical`]).
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::controls::logical(text)
}

/// `text` on one line: its line breaks (and any run of whitespace around
/// them) as one space, so a title or note cannot start a line of its own.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The bookmark's direction, from its title and passage.
fn bookmark_is_rtl(b: &Bookmark) -> bool {
    b.text
        .first()
        .map_or_else(|| is_rtl(&b.title), |p| is_rtl(p))
}

/// "source · article ID · ¶2–3 · 2026-…Z", plus the orphan mark, on one
/// line and with its controls shown.
fn meta_line(b: &Bookmark) -> String {
    let mut line = shown(&one_line(&format!(
        "{} · {} · {} · {}",
        b.source,
        b.article,
        b.range_label(),
        b.created
    )))
    .into_owned();
    if b.orphaned {
        line.push_str(" · ");
        line.push_str(ORPHAN_LABEL);
    }
    line
}

/// How an orphaned passage is labelled in every format.
const ORPHAN_LABEL: &str = "no longer in the corpus";

#[cfg(test)]
pub(crate) mod fixtures {
    use super::super::model::Bookmark;
    use crate::corpus::{Article, Metadata};

    /// An Arabic passage with a note, an English one with markup-like
    /// characters, and an orphan.
    pub fn bookmarks() -> Vec<Bookmark> {
        let ar = Article {
            id: "001".into(),
            title: "الجيش الأوكراني يتقدم نحو «خيرسون»".into(),
            paragraphs: vec![
                "مقدمة.".into(),
                "قال المتحدث إن القوات عبرت نهر دنيبرو (2022).".into(),
                "وأضاف: «الوضع مستقر» حتى الآن.".into(),
            ],
            source: "seeds/001.txt".into(),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
        };
        let en = Article {
            id: "en".into(),
            title: "Tags & <b>\"quotes\"</b>".into(),
            paragraphs: vec!["Use <script>alert('x')</script> & \"that\" > this.".into()],
            source: "feeds/en.jsonl:3".into(),
            ..ar.clone()
        };
        let mut a = Bookmark::new(&ar, 2, 3, Some("ملاحظة <مهمة> & \"مقتبسة\"".into())).unwrap();
        a.created = "2026-11-23T01:50:51Z".into();
        let b = Bookmark::new(&en, 1, 1, None).unwrap();
        let mut c = Bookmark::new(&ar, 1, 1, None).unwrap();
        c.orphaned = true;
        vec![a, b, c]
    }
}
