//! OPML, the subscription list format every feed reader imports and
//! exports: read from any version (nested folders, `xmlUrl` in any letter
//! case, title from `title` or `text`), written as OPML 2.0. What is written
//! reads back the same.

use super::charset::{declare_utf8, decode};
use super::error::one_line;
use super::html_scan::{decode_entities, entity};
use super::repair::repair;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Subscription {
    pub url: String,
    pub title: Option<String>,
    /// The site's home page (`htmlUrl`).
    pub site: Option<String>,
    /// The folders it sits in, outermost first.
    pub folder: Vec<String>,
}

/// What an OPML file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFile {
    pub title: Option<String>,
    pub feeds: Vec<Subscription>,
    /// Outlines that were not taken, each with the reason, one line each.
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpmlError {
    #[error("not OPML: the document is {0}")]
    NotOpml(String),
    #[error("broken OPML at line {line}: {reason}")]
    Xml { line: usize, reason: String },
}

/// Reads an OPML file's bytes (any charset, declared or not).
pub fn read_opml(bytes: &[u8]) -> Result<OpmlFile, OpmlError> {
    let decoded = decode(bytes, None, None);
    let text = declare_utf8(&decoded.text);
    match read_text(&text) {
        Err(OpmlError::Xml { .. }) => {
            // Hand-edited lists often hold a bare "&" in a title.
            let (fixed, repairs) = repair(&text);
            match read_text(&fixed) {
                Ok(file) if !repairs.is_empty() => Ok(file),
                _ => read_text(&text),
            }
        }
        other => other,
    }
}

fn read_text(text: &str) -> Result<OpmlFile, OpmlError> {
    let mut reader = Reader::from_str(text);
    let mut file = OpmlFile {
        title: None,
        feeds: Vec::new(),
        skipped: Vec::new(),
    };
    // The open outlines: Some(title) for a folder, None for a feed (whose
    // children, if any, still belong to the enclosing folder).
    let mut open: Vec<Option<String>> = Vec::new();
    let mut root_seen = false;
    // The head's title while it is being read (text and references).
    let mut head_title: Option<String> = None;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| OpmlError::Xml {
            line: line_of(text, reader.error_position().max(at)),
            reason: one_line(&e.to_string()),
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if !root_seen {
                    root_seen = true;
                    if name != "opml" {
                        return Err(OpmlError::NotOpml(format!("<{name}>")));
                    }
                }
                match name.as_str() {
                    "outline" => {
                        let folder = outline(e, &open, &mut file);
                        if !empty {
                            open.push(folder);
                        }
                    }
                    "title" if open.is_empty() && !empty => head_title = Some(String::new()),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(title) = head_title.as_mut() {
                    title.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(title), Some(c)) = (head_title.as_mut(), entity(&r)) {
                    title.push(c);
                }
            }
            Event::End(ref e) => match e.local_name().as_ref().to_ascii_lowercase().as_str() {
                "outline" => {
                    open.pop();
                }
                "title" => {
                    let title = one_line(&head_title.take().unwrap_or_default());
                    if !title.is_empty() {
                        file.title = Some(title);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(OpmlError::NotOpml("empty".into()));
    }
    Ok(file)
}

/// Takes one `<outline>`: a feed if it has an `xmlUrl`; returns its title
/// when it is a folder.
fn outline(e: &BytesStart, open: &[Option<String>], file: &mut OpmlFile) -> Option<String> {
    let attr = |name: &str| {
        e.attributes().flatten().find_map(|a| {
            a.key
                .local_name()
                .as_ref()
                .eq_ignore_ascii_case(name)
                .then(|| one_line(&decode_entities(&a.value)))
        })
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let text = nonempty(attr("text"));
    let title = nonempty(attr("title")).or(text.clone());
    let Some(raw_url) = nonempty(attr("xmlUrl")) else {
        return Some(title.unwrap_or_default());
    };
    let url = match Url::parse(&raw_url) {
        Ok(u) if matches!(u.scheme(), "http" | "https" | "file") => u.to_string(),
        _ => {
            file.skipped
                .push(format!("«{raw_url}»: not an http, https or file address"));
            return None;
        }
    };
    if file.feeds.iter().any(|f| f.url == url) {
        file.skipped.push(format!("{url}: listed twice"));
        return None;
    }
    // A title equal to the address is what export writes for "no title".
    let title = title.filter(|t| *t != raw_url && *t != url);
    let site = nonempty(attr("htmlUrl"))
        .and_then(|s| Url::parse(&s).ok())
        .map(|u| u.to_string());
    file.feeds.push(Subscription {
        url,
        title,
        site,
        folder: open
            .iter()
            .flatten()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect(),
    });
    None
}

fn line_of(text: &str, position: u64) -> usize {
    let end = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Writes `feeds` as an OPML 2.0 document titled `title`, folders as nested
/// outlines. `created` goes in
/// `<dateCreated>` when given.
pub fn write_opml(
    title: &str,
    feeds: &[Subscription],
    created: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n",
    );
    out.push_str(&format!("    <title>{}</title>\n", escape(one_line(title))));
    if let Some(at) = created {
        out.push_str(&format!(
            "    <dateCreated>{}</dateCreated>\n",
            at.to_rfc2822()
        ));
    }
    out.push_str("  </head>\n  <body>\n");
    write_folder(&mut out, feeds, &[], 2);
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Writes what sits in folder `path`: its feeds and sub-folders, in the
/// order they first appear, so that reading it back gives the same list.
fn write_folder(out: &mut String, feeds: &[Subscription], path: &[String], depth: usize) {
    let indent = "  ".repeat(depth);
    let mut written: Vec<&String> = Vec::new();
    for feed in feeds.iter().filter(|f| f.folder.starts_with(path)) {
        match feed.folder.get(path.len()) {
            None => {
                let text = feed
                    .title
                    .as_deref()
                    .map(one_line)
                    .unwrap_or_else(|| feed.url.clone());
                out.push_str(&format!(
                    "{indent}<outline type=\"rss\" text=\"{}\"",
                    escape(text.as_str())
                ));
                if let Some(t) = &feed.title {
                    out.push_str(&format!(" title=\"{}\"", escape(one_line(t))));
                }
                out.push_str(&format!(" xmlUrl=\"{}\"", escape(feed.url.as_str())));
                if let Some(site) = &feed.site {
                    out.push_str(&format!(" htmlUrl=\"{}\"", escape(site.as_str())));
                }
                out.push_str("/>\n");
            }
            Some(sub) if !written.contains(&sub) => {
                written.push(sub);
                let name = escape(one_line(sub));
                out.push_str(&format!(
                    "{indent}<outline text=\"{name}\" title=\"{name}\">\n"
                ));
                let mut inner = path.to_vec();
                inner.push(sub.clone());
                write_folder(out, feeds, &inner, depth + 1);
                out.push_str(&format!("{indent}</outline>\n"));
            }
            Some(_) => {}
        }
    }
}
