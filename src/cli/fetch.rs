//! `sahifa fetch`: every feed (or those named) fetched in parallel by the
//! feeds engine on a thread of its own, while this thread stores each
//! feed as it finishes (one transaction per feed) and prints its line.

use super::bad_input;
use super::library::{failed, reanchor_bookmarks};
use super::output::{ignore_broken_pipe, Out};
use anyhow::Result;
use sahifa::feeds::{
    fetch_note, item_article, Engine, Event, Extractor, FeedError, FeedRequest, FeedUpdate,
    FetchError, FullTextMode, Origin, PageExtractor,
};
use sahifa::library::{Feed, FeedFetch, FetchOutcome, Library, LibraryError, Stored};
use sahifa::text::controls::{one_line, visible};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

pub use super::fetch_client::client;

/// One feed's line of the summary, and its JSON.
#[derive(Debug, Serialize)]
struct Line {
    name: String,
    url: String,
    /// fetched, not_modified, failed or waiting.
    status: &'static str,
    added: usize,
    updated: usize,
    unchanged: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl Line {
    fn new(feed: &Feed, status: &'static str) -> Line {
        Line {
            name: feed.name.clone(),
            url: feed.url.clone(),
            status,
            added: 0,
            updated: 0,
            unchanged: 0,
            error: None,
            note: None,
        }
    }

    fn text(&self) -> String {
        let what = match self.status {
            "fetched" => format!(
                "{} new, {} updated, {} unchanged",
                self.added, self.updated, self.unchanged
            ),
            "not_modified" => "unchanged (not modified since the last fetch)".to_string(),
            "waiting" => format!("skipped: {}", self.error.as_deref().unwrap_or("")),
            _ => format!("failed: {}", self.error.as_deref().unwrap_or("")),
        };
        let note = match &self.note {
            Some(n) => format!(" ({n})"),
            None => String::new(),
        };
        visible(&one_line(&format!("{}: {what}{note}", self.name))).into_owned()
    }
}

pub fn run(
    library: Library,
    names: &[String],
    no_full_text: bool,
    json: bool,
    data_dir: Option<&Path>,
) -> Result<ExitCode> {
    let mut library = library;
    let feeds = if names.is_empty() {
        library.feeds()?
    } else {
        let mut picked: Vec<Feed> = Vec::new();
        for name in names {
            match library.feed(name) {
                Ok(f) if !picked.iter().any(|p| p.key == f.key) => picked.push(f),
                Ok(_) => {}
                Err(e @ LibraryError::NoFeed(_)) => return bad_input(e),
                Err(e) => return failed(e),
            }
        }
        picked
    };
    if feeds.is_empty() {
        eprintln!("sahifa: no feeds yet: `sahifa feed add URL` subscribes to one");
        return Ok(ExitCode::SUCCESS);
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (due, waiting): (Vec<Feed>, Vec<Feed>) = feeds.into_iter().partition(|f| {
        f.retry_at
            .as_deref()
            .and_then(secs_of)
            .is_none_or(|at| at <= now)
    });
    let mut lines = Vec::new();
    for f in &waiting {
        let mut line = Line::new(f, "waiting");
        line.error = f
            .retry_at
            .as_ref()
            .map(|at| format!("the server asked not to be fetched before {at}"));
        emit(&line, json);
        lines.push(line);
    }
    let requests: Vec<FeedRequest> = due
        .iter()
        .map(|f| FeedRequest {
            url: f.url.clone(),
            validators: f.validators.clone(),
            full_text: match (no_full_text, f.full_text) {
                (true, _) => FullTextMode::Never,
                (false, true) => FullTextMode::Always,
                (false, false) => FullTextMode::SummaryOnly,
            },
        })
        .collect();
    let client = client();
    let extractor = PageExtractor;
    let cancel = AtomicBool::new(false);
    let mut changed = Vec::new();
    let (tx, rx) = mpsc::channel::<Event>();
    let progress = std::io::stderr().is_terminal();
    std::thread::scope(|s| {
        let (client, requests, cancel) = (&client, &requests, &cancel);
        let extractor: Option<&dyn Extractor> = (!no_full_text).then_some(&extractor);
        s.spawn(move || {
            let engine = Engine {
                client,
                extractor,
                cancel,
            };
            engine.run(requests, &move |e| {
                // The receiver stops only when this run ends.
                let _ = tx.send(e);
            });
        });
        let (mut done, mut pages) = (0, 0);
        for event in rx {
            match event {
                Event::Started { .. } => {}
                Event::Page { .. } => pages += 1,
                Event::Finished(report) => {
                    done += 1;
                    let feed = &due[report.index];
                    let line = store(&mut library, feed, report.result, &mut changed);
                    if progress {
                        eprint!("\r\x1b[K");
                    }
                    emit(&line, json);
                    lines.push(line);
                }
            }
            if progress {
                eprint!(
                    "\rsahifa: fetching: {done} of {} feeds done, {pages} article pages…\x1b[K",
                    requests.len()
                );
                let _ = std::io::stderr().flush();
            }
        }
        if progress {
            eprint!("\r\x1b[K");
        }
    });
    if let Some(dir) = data_dir.filter(|_| !changed.is_empty()) {
        reanchor_bookmarks(&library, dir);
    }
    let fetched = lines
        .iter()
        .filter(|l| matches!(l.status, "fetched" | "not_modified"))
        .count();
    let failed_count = lines.iter().filter(|l| l.status == "failed").count();
    if json {
        let mut out = Out::new();
        out.json(&lines)?;
        ignore_broken_pipe(out.finish())?;
    } else {
        let added: usize = lines.iter().map(|l| l.added).sum();
        let updated: usize = lines.iter().map(|l| l.updated).sum();
        println!(
            "fetched {fetched} of {} feeds: {added} new articles, {updated} updated; {failed_count} failed",
            lines.len()
        );
    }
    Ok(if fetched > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints a feed's line at once (without `--json`), so a killed fetch has
/// said what it stored.
fn emit(line: &Line, json: bool) {
    if !json {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", line.text()).and_then(|_| stdout.flush());
    }
}

/// Stores one feed's outcome; its line.
fn store(
    library: &mut Library,
    feed: &Feed,
    result: Result<FeedUpdate, FeedError>,
    changed: &mut Vec<String>,
) -> Line {
    let mut line = Line::new(feed, "fetched");
    let outcome = match result {
        Ok(FeedUpdate::Fetched {
            url,
            moved_to,
            validators,
            feed: parsed,
        }) => {
            let origin = Origin {
                name: &feed.name,
                url: url.as_str(),
            };
            let items = parsed
                .items
                .iter()
                .map(|item| (item.id.clone(), item_article(item, &parsed, origin)))
                .collect();
            let note = fetch_note(&parsed);
            line.note = note.clone();
            if let Some(to) = &moved_to {
                let moved = format!("moved permanently to {to}");
                line.note = Some(match line.note.take() {
                    Some(n) => format!("{moved}; {n}"),
                    None => moved,
                });
            }
            FetchOutcome::Fetched(FeedFetch {
                moved_to: moved_to.map(|u| u.to_string()),
                validators,
                items,
                note,
            })
        }
        Ok(FeedUpdate::NotModified {
            moved_to,
            validators,
        }) => {
            line.status = "not_modified";
            FetchOutcome::NotModified {
                moved_to: moved_to.map(|u| u.to_string()),
                validators,
            }
        }
        Err(e) => {
            line.status = "failed";
            line.error = Some(e.one_line());
            let retry_at = match &e {
                FeedError::Fetch(FetchError::Busy { retry_at, .. }) => retry_at
                    .duration_since(UNIX_EPOCH)
                    .ok()
                    .map(|d| sahifa::bookmarks::rfc3339(d.as_secs())),
                _ => None,
            };
            FetchOutcome::Failed {
                error: e.one_line(),
                retry_at,
            }
        }
    };
    match library.store_fetch(feed.key, outcome) {
        Ok(Stored {
            added,
            updated,
            unchanged,
            changed: ids,
        }) => {
            (line.added, line.updated, line.unchanged) = (added, updated, unchanged);
            changed.extend(ids);
        }
        Err(e) => {
            line.status = "failed";
            line.error = Some(format!("not stored: {e}"));
        }
    }
    line
}

/// Seconds since 1970 of an RFC 3339 time.
fn secs_of(at: &str) -> Option<u64> {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .and_then(|t| u64::try_from(t.timestamp()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read() {
        assert_eq!(secs_of("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(secs_of("soon"), None);
    }
}
