//! `sahifa feed add|list|remove|import|export`: the subscriptions kept in
//! the library. Fetching them is `fetch`'s (see `fetch.rs`).

use super::args::FeedCommand;
use super::bad_input;
use super::library::failed;
use super::output::{ignore_broken_pipe, Out};
use anyhow::Result;
use sahifa::feeds::{
    parse_feed, read_opml, write_opml, Content, FeedError, ParseError, ParsedFeed, Resource,
    Subscription, Validators,
};
use sahifa::library::{Feed, Library, LibraryError, NewFeed};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use url::Url;

pub fn run(command: &FeedCommand, library: Library) -> Result<ExitCode> {
    match command {
        FeedCommand::Add {
            url,
            name,
            full_text,
        } => add(library, url, name.as_deref(), *full_text),
        FeedCommand::List { json } => list(&library, *json),
        FeedCommand::Remove { feed, purge } => remove(library, feed, *purge),
        FeedCommand::Import { file } => import(library, file),
        FeedCommand::Export => export(&library),
    }
}

/// A feed address as typed: a URL, or the path of a local file.
pub fn address(typed: &str) -> Result<Url, String> {
    let typed = typed.trim();
    if let Ok(url) = Url::parse(typed) {
        if matches!(url.scheme(), "http" | "https" | "file") {
            return Ok(url);
        }
        // `C:\…` parses as a URL with scheme `c`.
        if url.scheme().len() > 1 {
            return Err(format!(
                "cannot fetch {typed}: addresses must be http, https or file"
            ));
        }
    }
    let path = Path::new(typed);
    if path.exists() {
        let full = path.canonicalize().map_err(|e| format!("{typed}: {e}"))?;
        return Url::from_file_path(&full).map_err(|_| format!("{typed}: not a usable path"));
    }
    Err(format!(
        "not a feed address or an existing file: {typed} (give http://…, https://… or a path)"
    ))
}

/// Fetches `url` once and reads it as a feed; a web page's first feed is
/// followed. Returns the address to store and the feed.
fn probe(url: &Url) -> Result<(Url, ParsedFeed), String> {
    let client = sahifa::feeds::client_from_env();
    let cancel = AtomicBool::new(false);
    let get = |url: &Url| -> Result<(Url, ParsedFeed), FeedError> {
        let response = client.get(url, Resource::Feed, &Validators::default(), &cancel)?;
        let Content::Body {
            bytes,
            content_type,
        } = response.content
        else {
            return Err(FeedError::Parse(ParseError::Empty));
        };
        let feed = parse_feed(&bytes, content_type.as_deref(), &response.url)?;
        Ok((response.moved_to.unwrap_or_else(|| url.clone()), feed))
    };
    match get(url) {
        Err(FeedError::Parse(ParseError::HtmlPageWithFeeds(links))) => {
            let first = Url::parse(&links[0]).map_err(|_| format!("bad feed link {}", links[0]))?;
            get(&first).map_err(|e| format!("{first} (named by {url}): {}", e.one_line()))
        }
        other => other.map_err(|e| e.one_line()),
    }
}

fn add(mut library: Library, typed: &str, name: Option<&str>, full_text: bool) -> Result<ExitCode> {
    let url = match address(typed) {
        Ok(u) => u,
        Err(e) => return bad_input(e),
    };
    if let Ok(known) = library.feed(url.as_str()) {
        return bad_input(format!(
            "already subscribed: the feed «{}» is at {}",
            known.name, known.url
        ));
    }
    if let Some(name) = name.filter(|n| library.feed(n).is_ok()) {
        return bad_input(format!(
            "a feed is already called «{name}»: choose another --name"
        ));
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        return bad_input("--name is empty");
    }
    let (url, feed) = match probe(&url) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("sahifa: {url}: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let name = match name {
        Some(n) => n.trim().to_string(),
        None => free_name(&library, &default_name(feed.title.as_deref(), &url))?,
    };
    let new = NewFeed {
        name,
        url: url.to_string(),
        full_text,
        site: feed.site.clone(),
        folder: Vec::new(),
    };
    let added = match library.add_feed(&new) {
        Ok(f) => f,
        Err(e @ LibraryError::FeedExists { .. }) => return bad_input(e),
        Err(e) => return failed(e),
    };
    println!(
        "added «{}»: {} ({}, {} items); `sahifa fetch` gets its articles",
        added.name,
        added.url,
        feed.format.name(),
        feed.items.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The feed's own title on one line, else its host (or file name).
fn default_name(title: Option<&str>, url: &Url) -> String {
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    match title.filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => url
            .host_str()
            .map(str::to_string)
            .or_else(|| url.path_segments()?.next_back().map(str::to_string))
            .unwrap_or_else(|| url.to_string()),
    }
}

/// `wanted`, or `wanted (2)`, `(3)`… when a feed already has that name.
fn free_name(library: &Library, wanted: &str) -> Result<String, LibraryError> {
    let taken: Vec<String> = library.feeds()?.into_iter().map(|f| f.name).collect();
    Ok(unique_name(wanted, &taken))
}

fn unique_name(wanted: &str, taken: &[String]) -> String {
    let mut name = wanted.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{wanted} ({n})");
        n += 1;
    }
    name
}

fn list(library: &Library, json: bool) -> Result<ExitCode> {
    let feeds = library.feeds()?;
    let mut out = Out::new();
    if json {
        out.json(&feeds)?;
    } else if feeds.is_empty() {
        out.line("no feeds yet: `sahifa feed add URL` subscribes to one")?;
    } else {
        for f in &feeds {
            out.line(&list_line(f))?;
        }
    }
    ignore_broken_pipe(out.finish())?;
    Ok(ExitCode::SUCCESS)
}

fn list_line(f: &Feed) -> String {
    let fetched = match &f.last_fetched {
        Some(at) => format!("fetched {at}"),
        None => "never fetched".to_string(),
    };
    let full = if f.full_text { ", full text" } else { "" };
    let mut line = format!(
        "{}  {}  {} items, {} unread, {fetched}{full}",
        f.name, f.url, f.items, f.unread
    );
    if let Some(e) = &f.last_error {
        line.push_str(&format!("; last error: {e}"));
    }
    if let Some(at) = &f.retry_at {
        line.push_str(&format!("; not before {at}"));
    }
    if let Some(n) = &f.note {
        line.push_str(&format!("; note: {n}"));
    }
    line
}

fn remove(mut library: Library, wanted: &str, purge: bool) -> Result<ExitCode> {
    let feed = match library.feed(wanted) {
        Ok(f) => f,
        Err(e @ LibraryError::NoFeed(_)) => return bad_input(e),
        Err(e) => return failed(e),
    };
    let purged = library.remove_feed(&feed, purge)?;
    if purge {
        println!("removed «{}» and its {purged} articles", feed.name);
    } else {
        println!(
            "removed «{}»; its {} articles stay (`--purge` removes them)",
            feed.name, feed.items
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import(mut library: Library, file: &Path) -> Result<ExitCode> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return bad_input(format!("{}: {e}", file.display())),
    };
    let opml = match read_opml(&bytes) {
        Ok(o) => o,
        Err(e) => return bad_input(format!("{}: {e}", file.display())),
    };
    let (mut added, mut known) = (0, 0);
    let mut skipped = opml.skipped.clone();
    for sub in &opml.feeds {
        let url = match address(&sub.url) {
            Ok(u) if u.scheme() != "file" || sub.url.starts_with("file:") => u,
            _ => {
                skipped.push(format!("not a feed address: {}", sub.url));
                continue;
            }
        };
        if library.feed(url.as_str()).is_ok() {
            known += 1;
            continue;
        }
        let name = free_name(&library, &default_name(sub.title.as_deref(), &url))?;
        let new = NewFeed {
            name,
            url: url.to_string(),
            full_text: false,
            site: sub.site.clone(),
            folder: sub.folder.clone(),
        };
        match library.add_feed(&new) {
            Ok(_) => added += 1,
            Err(LibraryError::FeedExists { .. }) => known += 1,
            Err(e) => return failed(e),
        }
    }
    for why in &skipped {
        eprintln!("sahifa: {}: skipped: {why}", file.display());
    }
    println!(
        "subscribed to {added} feeds ({known} already subscribed, {} skipped); `sahifa fetch` gets their articles",
        skipped.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn export(library: &Library) -> Result<ExitCode> {
    let subs: Vec<Subscription> = library
        .feeds()?
        .into_iter()
        .map(|f| Subscription {
            url: f.url,
            title: Some(f.name),
            site: f.site,
            folder: f.folder,
        })
        .collect();
    let opml = write_opml("sahifa feeds", &subs, Some(chrono::Utc::now()));
    let mut stdout = std::io::stdout().lock();
    ignore_broken_pipe(std::io::Write::write_all(&mut stdout, opml.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique() {
        let taken = vec!["بي بي سي".to_string(), "بي بي سي (2)".to_string()];
        assert_eq!(unique_name("بي بي سي", &taken), "بي بي سي (3)");
        assert_eq!(unique_name("الجزيرة", &taken), "الجزيرة");
    }

    #[test]
    fn addresses_and_paths() {
        assert!(address("https://feeds.bbci.co.uk/arabic/rss.xml").is_ok());
        assert!(address("ftp://example.com/feed").is_err());
        assert!(address("/no/such/file.xml").is_err());
        let here = address(env!("CARGO_MANIFEST_DIR")).unwrap();
        assert_eq!(here.scheme(), "file");
    }
}
