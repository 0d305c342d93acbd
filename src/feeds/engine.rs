//! Fetching many feeds at once: worker threads take feeds (and then the
//! article pages of their summary-only items) under the client's per-host
//! and total limits, preferring work whose host has room; progress and each
//! feed's outcome go to a callback as they happen, so a reader can show
//! them (and store new items) without blocking its UI thread. One failing
//! feed, even one that makes a parser panic, never stops the others.

use super::client::Client;
use super::error::{FeedError, FetchError};
use super::fetched::Content;
use super::fulltext::{full_text, Extractor, FullText};
use super::outcome::{Event, FeedReport, FeedRequest, FeedUpdate, FullTextMode};
use super::parse::parse_feed;
use super::policy::Resource;
use std::collections::{HashMap, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;
use url::Url;

/// Runs fetches with one client; the extractor, when given, turns
/// summary-only items' pages into full text (without one, no page is
/// fetched: `sahifa fetch --no-full-text`).
pub struct Engine<'a> {
    pub client: &'a Client,
    pub extractor: Option<&'a dyn Extractor>,
    /// Set to stop: requests not yet sent are reported `cancelled`.
    pub cancel: &'a AtomicBool,
}

enum Job {
    Feed(usize),
    Page {
        feed: usize,
        item: usize,
        link: String,
    },
}

/// A feed whose pages are still being fetched.
struct Partial {
    update: FeedUpdate,
    left: usize,
    total: usize,
}

struct Queue {
    jobs: VecDeque<Job>,
    running: usize,
    partial: HashMap<usize, Partial>,
    finished: Vec<bool>,
}

impl Engine<'_> {
    /// Fetches every request; returns when all are reported through `on_event`.
    pub fn run(&self, requests: &[FeedRequest], on_event: &(dyn Fn(Event) + Sync)) {
        let queue = Mutex::new(Queue {
            jobs: (0..requests.len()).map(Job::Feed).collect(),
            running: 0,
            partial: HashMap::new(),
            finished: vec![false; requests.len()],
        });
        let wake = Condvar::new();
        let workers = self.client.policy().total.max(1);
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| self.work(requests, &queue, &wake, on_event));
            }
        });
        // Whatever a cancel left undone is still reported, once.
        let mut q = lock(&queue);
        let partial: Vec<_> = q.partial.drain().collect();
        for (index, p) in partial {
            q.finished[index] = true;
            on_event(Event::Finished(Box::new(report(
                requests,
                index,
                Ok(p.update),
            ))));
        }
        for index in 0..requests.len() {
            if !q.finished[index] {
                q.finished[index] = true;
                let cancelled = Err(FeedError::Fetch(FetchError::Cancelled));
                on_event(Event::Finished(Box::new(report(
                    requests, index, cancelled,
                ))));
            }
        }
    }

    fn work(
        &self,
        requests: &[FeedRequest],
        queue: &Mutex<Queue>,
        wake: &Condvar,
        on_event: &(dyn Fn(Event) + Sync),
    ) {
        loop {
            let job = {
                let mut q = lock(queue);
                loop {
                    if self.cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    if let Some(job) = self
                        .pick(requests, &q.jobs)
                        .and_then(|at| q.jobs.remove(at))
                    {
                        // Counted while still locked, so no worker sees an
                        // empty queue and nothing running while pages may come.
                        q.running += 1;
                        break job;
                    }
                    if q.jobs.is_empty() && q.running == 0 {
                        wake.notify_all();
                        return;
                    }
                    q = match wake.wait_timeout(q, Duration::from_millis(50)) {
                        Ok((guard, _)) => guard,
                        Err(poisoned) => poisoned.into_inner().0,
                    };
                }
            };
            match job {
                Job::Feed(index) => self.feed(requests, index, queue, on_event),
                Job::Page { feed, item, link } => {
                    self.page(requests, feed, item, &link, queue, on_event)
                }
            }
            lock(queue).running -= 1;
            wake.notify_all();
        }
    }

    /// The first job whose host has room now; else, once nothing else can
    /// run, the first job (it will wait for its host inside the client).
    fn pick(&self, requests: &[FeedRequest], jobs: &VecDeque<Job>) -> Option<usize> {
        let host = |job: &Job| {
            let url = match job {
                Job::Feed(i) => requests[*i].url.as_str(),
                Job::Page { link, .. } => link.as_str(),
            };
            Url::parse(url)
                .ok()
                .and_then(|u| super::client::host_key(&u).ok())
        };
        let limiter = self.client.limiter();
        jobs.iter()
            .position(|j| host(j).is_none_or(|h| limiter.has_room(&h)))
            .or_else(|| (!jobs.is_empty()).then_some(0))
    }

    fn feed(
        &self,
        requests: &[FeedRequest],
        index: usize,
        queue: &Mutex<Queue>,
        on_event: &(dyn Fn(Event) + Sync),
    ) {
        let request = &requests[index];
        on_event(Event::Started {
            index,
            url: request.url.clone(),
        });
        let fetched = catch_unwind(AssertUnwindSafe(|| self.fetch_feed(request)))
            .unwrap_or_else(|panic| Err(FeedError::Crashed(panic_message(&panic))));
        let update = match fetched {
            Ok(update) => update,
            Err(e) => return finish(queue, on_event, report(requests, index, Err(e))),
        };
        let pages: Vec<(usize, String)> = match (&update, self.extractor) {
            (FeedUpdate::Fetched { feed, .. }, Some(_)) => feed
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| match request.full_text {
                    FullTextMode::SummaryOnly => item.summary_only,
                    FullTextMode::Always => true,
                    FullTextMode::Never => false,
                })
                .filter_map(|(i, item)| Some((i, item.link.clone()?)))
                .collect(),
            _ => Vec::new(),
        };
        if pages.is_empty() {
            return finish(queue, on_event, report(requests, index, Ok(update)));
        }
        let mut q = lock(queue);
        let total = pages.len();
        q.partial.insert(
            index,
            Partial {
                update,
                left: total,
                total,
            },
        );
        // Ahead of the feeds not yet started, so started feeds finish first.
        for (item, link) in pages.into_iter().rev() {
            q.jobs.push_front(Job::Page {
                feed: index,
                item,
                link,
            });
        }
    }

    fn fetch_feed(&self, request: &FeedRequest) -> Result<FeedUpdate, FeedError> {
        let url =
            Url::parse(request.url.trim()).map_err(|_| FetchError::BadUrl(request.url.clone()))?;
        if !matches!(url.scheme(), "http" | "https" | "file") {
            return Err(FetchError::Scheme(request.url.clone()).into());
        }
        let response = self
            .client
            .get(&url, Resource::Feed, &request.validators, self.cancel)?;
        match response.content {
            Content::NotModified => Ok(FeedUpdate::NotModified {
                moved_to: response.moved_to,
                validators: response.validators,
            }),
            Content::Body {
                bytes,
                content_type,
            } => {
                let feed = parse_feed(&bytes, content_type.as_deref(), &response.url)?;
                Ok(FeedUpdate::Fetched {
                    url: response.url,
                    moved_to: response.moved_to,
                    validators: response.validators,
                    feed: Box::new(feed),
                })
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        requests: &[FeedRequest],
        feed: usize,
        item: usize,
        link: &str,
        queue: &Mutex<Queue>,
        on_event: &(dyn Fn(Event) + Sync),
    ) {
        let text = match self.extractor {
            Some(extractor) => catch_unwind(AssertUnwindSafe(|| {
                full_text(self.client, link, extractor, self.cancel)
            }))
            .unwrap_or_else(|panic| FullText::Failed(panic_message(&panic))),
            None => FullText::Failed("no extractor".into()),
        };
        let mut q = lock(queue);
        let Some(partial) = q.partial.get_mut(&feed) else {
            return;
        };
        if let FeedUpdate::Fetched { feed: parsed, .. } = &mut partial.update {
            if let Some(slot) = parsed.items.get_mut(item) {
                slot.full_text = Some(text);
            }
        }
        partial.left -= 1;
        let (done, total) = (partial.total - partial.left, partial.total);
        let finished = if partial.left == 0 {
            q.partial.remove(&feed)
        } else {
            None
        };
        // Sent under the lock, so counts arrive in order.
        on_event(Event::Page {
            index: feed,
            done,
            total,
        });
        drop(q);
        if let Some(p) = finished {
            finish(queue, on_event, report(requests, feed, Ok(p.update)));
        }
    }
}

fn finish(queue: &Mutex<Queue>, on_event: &(dyn Fn(Event) + Sync), report: FeedReport) {
    lock(queue).finished[report.index] = true;
    on_event(Event::Finished(Box::new(report)));
}

fn report(
    requests: &[FeedRequest],
    index: usize,
    result: Result<FeedUpdate, FeedError>,
) -> FeedReport {
    FeedReport {
        index,
        requested: requests[index].url.clone(),
        result,
    }
}

fn lock(queue: &Mutex<Queue>) -> MutexGuard<'_, Queue> {
    queue.lock().unwrap_or_else(|p| p.into_inner())
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".into());
    super::error::one_line(&text)
}
