//! A fetch run: the feeds fetched in parallel by the feeds engine on a
//! thread of its own, while the caller's thread stores each feed as it
//! finishes (one transaction per feed). What `sahifa fetch` and the
//! reader's fetch key both run; neither prints here.

use super::{Feed, FeedFetch, FetchOutcome, Library, Stored};
use crate::feeds::{
    fetch_note, item_article, Client, Engine, Event, Extractor, FeedError, FeedRequest, FeedUpdate,
    FetchError, FullTextMode, Origin, PageExtractor,
};
use crate::text::controls::{one_line, visible};
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

/// How one feed went.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLine {
    pub name: String,
    pub url: String,
    /// fetched, not_modified, failed or waiting.
    pub status: &'static str,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl FeedLine {
    fn new(feed: &Feed, status: &'static str) -> FeedLine {
        FeedLine {
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

    /// One line, safe to print (no control characters).
    pub fn text(&self) -> String {
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

    /// Whether the feed answered (with items or "not modified").
    pub fn answered(&self) -> bool {
        matches!(self.status, "fetched" | "not_modified")
    }
}

/// How far a run has got when a feed's line is handed over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Feeds fetched and stored (or failed) so far.
    pub done: usize,
    /// Feeds being fetched (those asked to wait are not).
    pub total: usize,
    /// Article pages fetched for the full text so far.
    pub pages: usize,
    /// New articles stored so far.
    pub added: usize,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct FetchRun {
    /// One per feed: first those asked to wait, then in the order they
    /// finished.
    pub lines: Vec<FeedLine>,
    /// Ids of the articles that changed (for bookmarks to find again).
    pub changed: Vec<String>,
}

impl FetchRun {
    /// Feeds that answered.
    pub fn answered(&self) -> usize {
        self.lines.iter().filter(|l| l.answered()).count()
    }

    /// The run in one line.
    pub fn summary(&self) -> String {
        let added: usize = self.lines.iter().map(|l| l.added).sum();
        let updated: usize = self.lines.iter().map(|l| l.updated).sum();
        let failed = self.lines.iter().filter(|l| l.status == "failed").count();
        format!(
            "fetched {} of {} feeds: {added} new articles, {updated} updated; {failed} failed",
            self.answered(),
            self.lines.len()
        )
    }
}

impl Library {
    /// Fetches `feeds` (those the server asked to wait are skipped) and
    /// stores each as it finishes; `on_line` hears of every feed's line
    /// as soon as it is stored, `on_page` of every article page fetched.
    /// Full texts are not fetched when `no_full_text`.
    pub fn fetch_feeds(
        &mut self,
        feeds: Vec<Feed>,
        client: &Client,
        no_full_text: bool,
        cancel: &AtomicBool,
        on_line: &mut dyn FnMut(&FeedLine, Tally),
        on_page: &mut dyn FnMut(Tally),
    ) -> FetchRun {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (due, waiting): (Vec<Feed>, Vec<Feed>) = feeds.into_iter().partition(|f| {
            f.retry_at
                .as_deref()
                .and_then(secs_of)
                .is_none_or(|at| at <= now)
        });
        let mut run = FetchRun::default();
        let mut tally = Tally {
            total: due.len(),
            ..Tally::default()
        };
        for f in &waiting {
            let mut line = FeedLine::new(f, "waiting");
            line.error = f
                .retry_at
                .as_ref()
                .map(|at| format!("the server asked not to be fetched before {at}"));
            on_line(&line, tally);
            run.lines.push(line);
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
        let extractor = PageExtractor;
        let (tx, rx) = mpsc::channel::<Event>();
        std::thread::scope(|s| {
            let requests = &requests;
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
            for event in rx {
                match event {
                    Event::Started { .. } => {}
                    Event::Page { .. } => {
                        tally.pages += 1;
                        on_page(tally);
                    }
                    Event::Finished(report) => {
                        let Some(feed) = due.get(report.index) else {
                            continue;
                        };
                        let line = self.store_report(feed, report.result, &mut run.changed);
                        tally.done += 1;
                        tally.added += line.added;
                        on_line(&line, tally);
                        run.lines.push(line);
                    }
                }
            }
        });
        run
    }

    /// Stores one feed's outcome; its line.
    fn store_report(
        &mut self,
        feed: &Feed,
        result: Result<FeedUpdate, FeedError>,
        changed: &mut Vec<String>,
    ) -> FeedLine {
        let mut line = FeedLine::new(feed, "fetched");
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
                        .map(|d| crate::bookmarks::rfc3339(d.as_secs())),
                    _ => None,
                };
                FetchOutcome::Failed {
                    error: e.one_line(),
                    retry_at,
                }
            }
        };
        match self.store_fetch(feed.key, outcome) {
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
