//! Reading a corpus once, article by article, keeping only what the caller
//! asks for: a search over 100,000 pages never holds them all. Files, order,
//! ids (de-duplicated as [`Corpus::load`](super::Corpus::load) does) and
//! warnings are exactly those of a full load.

use super::bulk::{is_big_jsonl, load_jsonl_in_blocks, Progress};
use super::clean::{PageParts, Rules};
use super::error::{LoadError, Warning};
use super::load::{decode, is_page, load_file, page_id, read_into, FileLoad, EMPTY_PAGE};
use super::Article;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An article as the stream shows it: borrowed from the page being read.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    /// The id as read; a duplicate is renamed only at the end (see
    /// [`Streamed::ids`]).
    pub id: &'a str,
    pub title: &'a str,
    pub paragraphs: &'a [&'a str],
}

/// What a stream kept, and what a full load would have said.
#[derive(Debug)]
pub struct Streamed<T> {
    /// Every article's id in load order, de-duplicated.
    pub ids: Vec<String>,
    /// What the caller kept, by article index (ascending).
    pub kept: Vec<(usize, T)>,
    pub warnings: Vec<Warning>,
}

/// What one thread read: every article's (id, source), what was kept (by
/// index into `stubs`) and the warnings, in file order.
struct Part<T> {
    stubs: Vec<(String, String)>,
    kept: Vec<(usize, T)>,
    warnings: Vec<Warning>,
}

impl<T> Part<T> {
    fn new() -> Self {
        Part {
            stubs: Vec::new(),
            kept: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn offer<F: Fn(&ArticleRef) -> Option<T>>(&mut self, article: &ArticleRef, keep: &F) {
        if let Some(t) = keep(article) {
            self.kept.push((self.stubs.len(), t));
        }
    }

    /// Offers every loaded article, then records it.
    fn absorb<F: Fn(&ArticleRef) -> Option<T>>(&mut self, load: FileLoad, keep: &F) {
        for a in load.articles {
            offer_article(self, a, keep);
        }
        self.warnings.extend(load.warnings);
    }
}

fn offer_article<T, F: Fn(&ArticleRef) -> Option<T>>(part: &mut Part<T>, a: Article, keep: &F) {
    let paragraphs: Vec<&str> = a.paragraphs.iter().map(String::as_str).collect();
    part.offer(
        &ArticleRef {
            id: &a.id,
            title: &a.title,
            paragraphs: &paragraphs,
        },
        keep,
    );
    part.stubs.push((a.id, a.source));
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Reads every path (files or directories) as [`Corpus::load_with`] does,
/// on all cores, calling `keep` once per article; only what it returns is
/// held. Reports into `progress` and stops when it is cancelled; without
/// one (nobody is shown the progress) files are not sized beforehand.
///
/// [`Corpus::load_with`]: super::Corpus::load_with
pub fn stream<T, F>(
    paths: &[PathBuf],
    progress: Option<&Progress>,
    keep: F,
) -> Result<Streamed<T>, LoadError>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
{
    let (files, warnings) = super::Corpus::files(paths)?;
    // Only JSONL files are sized here (a big one is read in blocks); the
    // others are sized by the threads that read them, so the stat calls run
    // on all cores too.
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let big: Vec<bool> = files.iter().map(|p| is_big_jsonl(p)).collect();
    let unwatched = Progress::default();
    let sized = progress.is_some();
    let progress = progress.unwrap_or(&unwatched);
    progress.total_bytes.store(0, Ordering::Relaxed);
    let rules = Rules::bundled();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < files.len() {
        if big[start] {
            progress
                .total_bytes
                .fetch_add(size(&files[start]), Ordering::Relaxed);
            // Block by block: only what `keep` keeps of each is held.
            load_jsonl_in_blocks(&files[start], progress, &mut |piece| {
                parts.extend(keep_loaded(piece, &keep));
            })?;
            start += 1;
            continue;
        }
        let end = (start..files.len())
            .find(|&i| big[i])
            .unwrap_or(files.len());
        let run = &files[start..end];
        parts.extend(stream_run(run, sized, rules, progress, &keep)?);
        start = end;
    }
    let mut out = Streamed {
        ids: Vec::new(),
        kept: Vec::new(),
        warnings,
    };
    let mut sources = Vec::new();
    for part in parts {
        let base = out.ids.len();
        for (id, source) in part.stubs {
            out.ids.push(id);
            sources.push(source);
        }
        out.kept
            .extend(part.kept.into_iter().map(|(i, t)| (base + i, t)));
        out.warnings.extend(part.warnings);
    }
    // Ids are seldom repeated: look for a repeat before renaming (which
    // keeps a copy of every id).
    let mut seen = std::collections::HashSet::with_capacity_and_hasher(
        out.ids.len(),
        foldhash::fast::FixedState::default(),
    );
    if !out.ids.iter().all(|id| seen.insert(id.as_str())) {
        drop(seen);
        let ids = out.ids.iter_mut().zip(sources.iter().map(String::as_str));
        super::dedupe_ids(ids, &mut out.warnings);
    }
    Ok(out)
}

/// What one thread read: (batch number, what it found) for each batch.
type Batches<T> = Vec<(usize, Part<T>)>;

/// Ordinary files are read in batches of this many, each thread taking the
/// next batch when it is done with one, so no core waits for another.
const BATCH: usize = 128;

/// Ordinary files, on all cores.
fn stream_run<T, F>(
    files: &[PathBuf],
    sized: bool,
    rules: &Rules,
    progress: &Progress,
    keep: &F,
) -> Result<Vec<Part<T>>, LoadError>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
{
    let sizes = if sized { sizes_of(files) } else { Vec::new() };
    progress
        .total_bytes
        .fetch_add(sizes.iter().sum(), Ordering::Relaxed);
    let next = AtomicUsize::new(0);
    let read = || {
        let mut done = Vec::new();
        let mut buffer = Vec::new();
        loop {
            let batch = next.fetch_add(1, Ordering::Relaxed);
            let start = batch.saturating_mul(BATCH);
            if start >= files.len() {
                return Some(done);
            }
            let mut part = Part::new();
            let end = files.len().min(start + BATCH);
            for (file, i) in files[start..end].iter().zip(start..) {
                if progress.cancel.load(Ordering::Relaxed) {
                    return None;
                }
                stream_file(file, rules, keep, &mut part, &mut buffer);
                let size = sizes.get(i).copied().unwrap_or(0);
                progress.done_bytes.fetch_add(size, Ordering::Relaxed);
            }
            done.push((batch, part));
        }
    };
    let done: Vec<Option<Batches<T>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads()).map(|_| s.spawn(read)).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut parts = Vec::new();
    for batches in done {
        parts.extend(batches.ok_or(LoadError::Cancelled)?);
    }
    parts.sort_unstable_by_key(|&(batch, _)| batch);
    Ok(parts.into_iter().map(|(_, part)| part).collect())
}

/// The size of every file, found on all cores.
fn sizes_of(files: &[PathBuf]) -> Vec<u64> {
    let chunk = files.len().div_ceil(threads()).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|files| {
                s.spawn(move || {
                    let size = |p| std::fs::metadata(p).map_or(0, |m| m.len());
                    files.iter().map(size).collect::<Vec<u64>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// One file: a page is read into `buffer` and cleaned without copying it;
/// other formats are loaded as usual and offered article by article.
fn stream_file<T, F>(path: &Path, rules: &Rules, keep: &F, part: &mut Part<T>, buffer: &mut Vec<u8>)
where
    F: Fn(&ArticleRef) -> Option<T>,
{
    if !is_page(path) {
        part.absorb(load_file(path, rules), keep);
        return;
    }
    let name = path.display().to_string();
    let bytes = match read_into(path, &name, buffer) {
        Ok(n) => &buffer[..n],
        Err(warning) => return part.warnings.push(warning),
    };
    let Some(text) = decode(&name, bytes, &mut part.warnings) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let page = PageParts::of(text, rules);
    if page.paragraphs.is_empty() {
        return part.warnings.push(Warning::new(name, EMPTY_PAGE));
    }
    let id = page_id(&name, path);
    let article = ArticleRef {
        id: &id,
        title: &page.title,
        paragraphs: &page.paragraphs,
    };
    part.offer(&article, keep);
    part.stubs.push((id, name));
}

/// A block of a big JSONL file: its articles offered on all cores.
fn keep_loaded<T, F>(load: FileLoad, keep: &F) -> Vec<Part<T>>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
{
    let FileLoad { articles, warnings } = load;
    let chunk = articles.len().div_ceil(threads()).max(1);
    let mut articles = articles;
    let mut chunks = Vec::new();
    while articles.len() > chunk {
        let rest = articles.split_off(chunk);
        chunks.push(std::mem::replace(&mut articles, rest));
    }
    chunks.push(articles);
    let mut parts: Vec<Part<T>> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    let mut part = Part::new();
                    for a in chunk {
                        offer_article(&mut part, a, keep);
                    }
                    part
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut tail = Part::new();
    tail.warnings = warnings;
    parts.push(tail);
    parts
}
