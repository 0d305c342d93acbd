//! feed-rs's model → sahifa's feed-neutral one: plain-text titles, absolute
//! links, RFC 3339 dates, and each item's identity (guid or id, else link,
//! else a hash of title and content).

use super::item::{Enclosure, FeedItem, IdSource, ItemText, ParsedFeed};
use super::parse::format_of;
use super::plain;
use super::summary::SummaryRules;
use feed_rs::model::{Entry, Feed, Link, Text};
use std::collections::HashSet;
use url::Url;

pub fn convert(feed: Feed, url: &Url, mut notes: Vec<String>) -> ParsedFeed {
    let rules = SummaryRules::bundled();
    // JSON Feed attachments come from feed-rs as plain links with a type.
    let json = feed.feed_type == feed_rs::model::FeedType::JSON;
    let (mut seen, mut repeated, mut empty) = (HashSet::new(), 0, 0);
    let mut items = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let Some(mut item) = item(entry, url, json) else {
            empty += 1;
            continue;
        };
        if !seen.insert(item.id.clone()) {
            repeated += 1;
            continue;
        }
        item.summary_only = rules.is_summary_only(&item);
        items.push(item);
    }
    if repeated > 0 {
        notes.push(format!(
            "{repeated} items repeated an earlier item's id and were left out"
        ));
    }
    if empty > 0 {
        notes.push(format!(
            "{empty} items had no title, text or link and were left out"
        ));
    }
    ParsedFeed {
        format: format_of(&feed.feed_type),
        title: feed.title.as_ref().map(text_line).filter(|t| !t.is_empty()),
        site: page_link(&feed.links, url),
        description: feed
            .description
            .as_ref()
            .map(text_line)
            .filter(|t| !t.is_empty()),
        language: feed
            .language
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        items,
        notes,
    }
}

fn item(mut entry: Entry, base: &Url, json: bool) -> Option<FeedItem> {
    let title = entry
        .title
        .as_ref()
        .map(text_line)
        .filter(|t| !t.is_empty());
    let is_attachment =
        |l: &Link| l.rel.as_deref() == Some("enclosure") || (json && l.media_type.is_some());
    let pages: Vec<Link> = entry
        .links
        .iter()
        .filter(|l| !is_attachment(l))
        .cloned()
        .collect();
    let link = page_link(&pages, base);
    let summary = entry.summary.take().and_then(item_text);
    let content = entry.content.take().and_then(|c| {
        let html = c.content_type.essence().to_string().contains("html");
        trimmed(c.body?).map(|text| ItemText { text, html })
    });
    if title.is_none() && link.is_none() && summary.is_none() && content.is_none() {
        return None;
    }
    let guid = entry.id.trim();
    let (id, id_source) = if !guid.is_empty() {
        (guid.to_string(), IdSource::Guid)
    } else if let Some(link) = &link {
        (link.clone(), IdSource::Link)
    } else {
        let text = content
            .as_ref()
            .or(summary.as_ref())
            .map_or("", |t| t.text.as_str());
        let hash = crate::corpus::content_id(title.as_deref().unwrap_or(""), &[text.to_string()]);
        (hash, IdSource::Hash)
    };
    let mut enclosures: Vec<Enclosure> = Vec::new();
    for media in &entry.media {
        for c in &media.content {
            if let Some(u) = &c.url {
                push_unique(
                    &mut enclosures,
                    Enclosure {
                        url: u.to_string(),
                        mime: c.content_type.as_ref().map(|m| m.to_string()),
                        length: c.size,
                    },
                );
            }
        }
    }
    for l in entry.links.iter().filter(|l| is_attachment(l)) {
        if let Ok(u) = base.join(l.href.trim()) {
            push_unique(
                &mut enclosures,
                Enclosure {
                    url: u.to_string(),
                    mime: l.media_type.clone(),
                    length: l.length,
                },
            );
        }
    }
    let mut authors: Vec<String> = Vec::new();
    for person in entry.authors.iter().chain(&entry.contributors) {
        let name = person
            .name
            .as_deref()
            .map(plain::collapse)
            .unwrap_or_default();
        let name = if name.is_empty() {
            person.email.clone().unwrap_or_default()
        } else {
            name
        };
        if !name.is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }
    let mut categories: Vec<String> = Vec::new();
    for c in &entry.categories {
        let name = plain::collapse(c.label.as_deref().unwrap_or(&c.term));
        if !name.is_empty() && !categories.contains(&name) {
            categories.push(name);
        }
    }
    let date = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    };
    Some(FeedItem {
        id,
        id_source,
        title,
        link,
        published: date(entry.published.or(entry.updated)),
        updated: date(entry.updated),
        authors,
        categories,
        enclosures,
        summary,
        content,
        summary_only: false,
        full_text: None,
    })
}

fn push_unique(list: &mut Vec<Enclosure>, e: Enclosure) {
    if list.iter().all(|x| x.url != e.url) {
        list.push(e);
    }
}

/// The link to the page itself: `alternate` (or no rel), else any but
/// self, enclosures and the like; made absolute; http(s) only.
fn page_link(links: &[Link], base: &Url) -> Option<String> {
    let page = |l: &&Link| matches!(l.rel.as_deref(), None | Some("alternate"));
    let other = |l: &&Link| {
        !matches!(
            l.rel.as_deref(),
            Some("self" | "enclosure" | "hub" | "edit" | "replies")
        )
    };
    let link = links
        .iter()
        .find(page)
        .or_else(|| links.iter().find(other))?;
    let url = base.join(link.href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn is_html(t: &Text) -> bool {
    t.content_type.essence().to_string().contains("html")
}

/// A title or description on one line, markup removed if it is HTML.
fn text_line(t: &Text) -> String {
    if is_html(t) {
        plain::one_line(&t.content)
    } else {
        plain::collapse(&t.content)
    }
}

fn item_text(t: Text) -> Option<ItemText> {
    let html = is_html(&t);
    trimmed(t.content).map(|text| ItemText { text, html })
}

/// `s` without surrounding white space, moved rather than copied when it
/// has none; `None` when nothing is left.
fn trimmed(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}
