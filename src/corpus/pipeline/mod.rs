//! The one loading pipeline: every way of reading a corpus (loading it,
//! the reader's streamed load, a search that keeps only matches, the
//! library's import) goes through [`run`]. Files are read in rounds on all
//! cores (rayon), a big JSONL file block by block; each round's pages teach
//! their sites' furniture before they are cleaned; what the caller's
//! [`Sink`] keeps of each article is handed on in pieces, in path order,
//! with ids made unique. A panic while reading one file (a bug) skips that
//! file with a warning; the rest loads.

mod jsonl_file;
mod round;

pub use round::Job;

use super::article::Article;
use super::clean::Rules;
use super::error::{LoadError, Warning, WarningKind};
use super::stream::ArticleRef;
use super::unique::UniqueIds;
use super::Progress;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// Limits on what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// A JSON file, a page or a JSONL line larger than this many bytes is
    /// skipped with a warning (never read whole).
    pub max_record_bytes: u64,
}

/// The default of [`LoadOptions::max_record_bytes`]: 64 MB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

static GLOBAL: OnceLock<LoadOptions> = OnceLock::new();

impl LoadOptions {
    /// Sets the options every load without explicit ones uses (the command
    /// line does this once, from `--max-record-mb`). Later calls are ignored.
    pub fn set_global(options: LoadOptions) {
        let _ = GLOBAL.set(options);
    }

    /// The options set with [`LoadOptions::set_global`], else the defaults.
    pub fn global() -> LoadOptions {
        GLOBAL.get().copied().unwrap_or_default()
    }
}

/// Byte places in a block of raw JSONL lines (sorted) outside of which no
/// line can hold an article worth keeping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub at: Vec<usize>,
    /// A line holding a place is wanted without asking more.
    pub sure: bool,
}

/// What a caller keeps of each article, decided on the loading threads.
pub trait Sink: Sync {
    type Item: Send;

    /// Whether a JSONL line, unparsed, can hold an article worth keeping;
    /// `false` spares parsing it (its id is still read when it has one).
    fn may_keep(&self, _raw_line: &str) -> bool {
        true
    }

    /// Byte places in a block of whole JSONL lines, unparsed, outside of
    /// which no line can hold an article worth keeping (a line holding none
    /// is refused without asking [`Sink::may_keep`]); `None` when every
    /// line must be asked.
    fn may_keep_places(&self, _block: &str) -> Option<Places> {
        None
    }

    /// What to keep of an article, if anything.
    fn keep(&self, found: Found<'_>) -> Option<Self::Item>;

    /// Whether [`Sink::keep`] only looks at articles (never takes them
    /// whole): JSONL records can then be read in place, without building
    /// an article first.
    fn borrows_only(&self) -> bool {
        false
    }

    /// Whether the caller wants every article's id, made unique; `false`
    /// (a count) spares reading the ids of JSONL lines not parsed and
    /// renaming duplicates.
    fn wants_ids(&self) -> bool {
        true
    }
}

/// An article as the pipeline found it: built from a record, or a cleaned
/// page still borrowed from the text it was read into.
// Handed to the sink by value once per article and never stored, so the
// size difference costs nothing a box would save.
#[allow(clippy::large_enum_variant)]
pub enum Found<'a> {
    Article(Article),
    Page(round::CleanedPage<'a>),
    /// A record read in place (for sinks that borrow only), and its source.
    Ref(ArticleRef<'a>, &'a str),
}

impl Found<'_> {
    /// Runs `f` on a borrowed view of the article.
    pub fn with_ref<R>(&self, f: impl FnOnce(&ArticleRef) -> R) -> R {
        match self {
            Found::Article(a) => {
                let paragraphs: Vec<&str> = a.paragraphs.iter().map(String::as_str).collect();
                f(&ArticleRef {
                    id: &a.id,
                    title: &a.title,
                    paragraphs: &paragraphs,
                })
            }
            Found::Page(p) => f(&ArticleRef {
                id: &p.doc.id,
                title: &p.parts.title,
                paragraphs: &p.parts.paragraphs,
            }),
            Found::Ref(a, _) => f(a),
        }
    }

    /// The article, owned.
    pub fn into_article(self) -> Article {
        match self {
            Found::Article(a) => a,
            Found::Page(p) => p.into_article(),
            Found::Ref(a, source) => Article {
                id: a.id.to_string(),
                title: a.title.to_string(),
                paragraphs: a.paragraphs.iter().map(|p| p.to_string()).collect(),
                source: source.to_string(),
                meta: Default::default(),
                boilerplate: Vec::new(),
            },
        }
    }

    fn id_and_source(&self) -> (String, String) {
        match self {
            Found::Article(a) => (a.id.clone(), a.source.clone()),
            Found::Page(p) => (p.doc.id.clone(), p.doc.source.clone()),
            Found::Ref(a, source) => (a.id.to_string(), source.to_string()),
        }
    }
}

/// One article of a piece: its id (made unique), where it was read, and
/// what the sink kept (`None` also for a line not parsed).
#[derive(Debug)]
pub struct Entry<T> {
    pub id: String,
    pub source: String,
    pub item: Option<T>,
}

/// What the pipeline hands on at a time, in load order.
#[derive(Debug)]
pub struct Piece<T> {
    pub entries: Vec<Entry<T>>,
    pub warnings: Vec<Warning>,
    /// JSONL lines not parsed (the sink said they could not hold anything
    /// it keeps) and with no id to read: articles, presumably, not counted
    /// in `entries`.
    pub unparsed: usize,
}

impl<T> Default for Piece<T> {
    fn default() -> Self {
        Piece {
            entries: Vec::new(),
            warnings: Vec::new(),
            unparsed: 0,
        }
    }
}

impl<T> Piece<T> {
    fn append(&mut self, other: Piece<T>) {
        self.entries.extend(other.entries);
        self.warnings.extend(other.warnings);
        self.unparsed += other.unparsed;
    }

    /// Offers an article to the sink and records it.
    fn offer<S: Sink<Item = T>>(&mut self, found: Found<'_>, sink: &S) {
        let (id, source) = found.id_and_source();
        let item = sink.keep(found);
        self.entries.push(Entry { id, source, item });
    }
}

/// Reads `files` (listed by [`super::Corpus::files`]) in order and hands
/// each piece to `emit` as soon as it and everything before it is ready.
/// The total size is added up beside the loading (stat-ing 100,000 files
/// first would delay the first piece) when `sized`.
pub fn run<S: Sink>(
    files: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
    sized: bool,
    sink: &S,
    emit: &mut dyn FnMut(Piece<S::Item>),
) -> Result<(), LoadError> {
    let failed = AtomicBool::new(false);
    std::thread::scope(|s| {
        if sized {
            s.spawn(|| {
                let mut total = 0;
                for file in files {
                    if progress.cancelled() || failed.load(Ordering::Relaxed) {
                        return;
                    }
                    total += std::fs::metadata(file).map_or(0, |m| m.len());
                }
                progress.total_bytes.store(total, Ordering::Relaxed);
            });
        }
        let result = run_in_order(files, options, progress, sink, emit);
        failed.store(result.is_err(), Ordering::Relaxed);
        result
    })
}

/// Ordinary files are read in rounds of at most this many.
const ROUND_FILES: usize = 512;

fn run_in_order<S: Sink>(
    files: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
    sink: &S,
    emit: &mut dyn FnMut(Piece<S::Item>),
) -> Result<(), LoadError> {
    let rules = Rules::bundled();
    let mut ids = UniqueIds::default();
    let mut hand_on = |mut piece: Piece<S::Item>| {
        if sink.wants_ids() {
            let renamed = piece
                .entries
                .iter_mut()
                .map(|e| (&mut e.id, e.source.as_str()));
            ids.apply(renamed, &mut piece.warnings);
        }
        emit(piece);
    };
    let mut start = 0;
    while start < files.len() {
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        if jsonl_file::is_jsonl(&files[start]) {
            jsonl_file::run(&files[start], options, rules, progress, sink, &mut hand_on)?;
            start += 1;
            continue;
        }
        let end = (start..files.len())
            .take(ROUND_FILES)
            .find(|&i| jsonl_file::is_jsonl(&files[i]))
            .unwrap_or(files.len().min(start + ROUND_FILES));
        let jobs: Vec<round::Job> = files[start..end].iter().map(round::Job::File).collect();
        let piece = round::run(&jobs, options, rules, progress, sink);
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        hand_on(piece);
        start = end;
    }
    Ok(())
}

/// Runs `f`, turning a panic into a warning about `place`.
fn guarded<T>(place: &str, fallback: T, f: impl FnOnce() -> T) -> (T, Option<Warning>) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(t) => (t, None),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let warning = Warning::of(
                WarningKind::Other,
                place,
                format!("internal error while reading ({why}); skipped — please report it"),
            );
            (fallback, Some(warning))
        }
    }
}

/// Files already in memory (or listed), as one round, every article
/// offered to `sink`; ids are not made unique.
pub fn run_jobs<S: Sink>(
    jobs: &[Job],
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
) -> Piece<S::Item> {
    round::run(jobs, options, rules, &Progress::default(), sink)
}
