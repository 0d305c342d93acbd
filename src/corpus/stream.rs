//! Reading a corpus once, article by article, keeping only what the caller
//! asks for: a search over 100,000 pages never holds them all. It is the
//! loading pipeline with a sink that keeps little; files, order, ids and
//! warnings are those of a full load, except that JSONL lines the caller
//! says cannot match are not parsed (see [`stream_filtered`]).

use super::error::{LoadError, Warning};
use super::pipeline::{self, Found, LoadOptions, Places, Sink};
use super::Progress;
use std::path::PathBuf;

/// An article as the stream shows it: borrowed from the page being read.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    /// The id as read; a duplicate is renamed in [`Streamed::ids`].
    pub id: &'a str,
    pub title: &'a str,
    pub paragraphs: &'a [&'a str],
}

/// What a stream kept, and what a full load would have said.
#[derive(Debug)]
pub struct Streamed<T> {
    /// Every article's id in load order, de-duplicated (JSONL lines not
    /// parsed and without an id are only counted, in `unparsed`).
    pub ids: Vec<String>,
    /// What the caller kept, by article index (ascending).
    pub kept: Vec<(usize, T)>,
    pub warnings: Vec<Warning>,
    /// JSONL lines not parsed because they could not match, with no id.
    pub unparsed: usize,
}

impl<T> Streamed<T> {
    /// How many articles were read (or passed over unparsed).
    pub fn total(&self) -> usize {
        self.ids.len() + self.unparsed
    }
}

struct Keep<F, P> {
    keep: F,
    may_keep: P,
    ids: bool,
}

/// What a streamed read asks of raw JSONL text before parsing it.
pub trait RawFilter: Sync {
    /// Whether a raw line may hold an article worth keeping.
    fn may_keep(&self, raw_line: &str) -> bool;

    /// Byte places in a block of whole raw lines outside of which no line
    /// may hold one; `None` when every line must be asked.
    fn places(&self, _block: &str) -> Option<Places> {
        None
    }
}

impl<P: Fn(&str) -> bool + Sync> RawFilter for P {
    fn may_keep(&self, raw_line: &str) -> bool {
        self(raw_line)
    }
}

impl<T, F, P> Sink for Keep<F, P>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
    P: RawFilter,
{
    type Item = T;

    fn may_keep(&self, raw_line: &str) -> bool {
        self.may_keep.may_keep(raw_line)
    }

    fn may_keep_places(&self, block: &str) -> Option<Places> {
        self.may_keep.places(block)
    }

    fn keep(&self, found: Found<'_>) -> Option<T> {
        found.with_ref(|a| (self.keep)(a))
    }

    fn borrows_only(&self) -> bool {
        true
    }

    fn wants_ids(&self) -> bool {
        self.ids
    }
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
    stream_filtered(paths, progress, |_: &str| true, keep)
}

/// [`stream`], where `may_keep` is asked first about each JSONL line, raw:
/// a line it refuses is not parsed (only its id, when it has one, is read
/// from the raw text, so ids stay those of a full load).
pub fn stream_filtered<T, F, P>(
    paths: &[PathBuf],
    progress: Option<&Progress>,
    may_keep: P,
    keep: F,
) -> Result<Streamed<T>, LoadError>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
    P: RawFilter,
{
    let sink = Keep {
        keep,
        may_keep,
        ids: true,
    };
    stream_into(paths, progress, sink)
}

/// [`stream_filtered`] for a count: what is kept and how many articles
/// there are, without their ids (`ids` holds those of the articles parsed,
/// as read, not made unique; lines not parsed are only counted).
pub fn count_filtered<F, P>(
    paths: &[PathBuf],
    progress: Option<&Progress>,
    may_keep: P,
    keep: F,
) -> Result<Streamed<()>, LoadError>
where
    F: Fn(&ArticleRef) -> bool + Sync,
    P: RawFilter,
{
    let keep = |a: &ArticleRef| keep(a).then_some(());
    let sink = Keep {
        keep,
        may_keep,
        ids: false,
    };
    stream_into(paths, progress, sink)
}

fn stream_into<T, F, P>(
    paths: &[PathBuf],
    progress: Option<&Progress>,
    sink: Keep<F, P>,
) -> Result<Streamed<T>, LoadError>
where
    T: Send,
    F: Fn(&ArticleRef) -> Option<T> + Sync,
    P: RawFilter,
{
    let (files, warnings) = super::Corpus::files(paths)?;
    let unwatched = Progress::default();
    let sized = progress.is_some();
    let progress = progress.unwrap_or(&unwatched);
    let mut out = Streamed {
        ids: Vec::new(),
        kept: Vec::new(),
        warnings,
        unparsed: 0,
    };
    pipeline::run(
        &files,
        &LoadOptions::global(),
        progress,
        sized,
        &sink,
        &mut |piece| {
            for entry in piece.entries {
                if let Some(item) = entry.item {
                    out.kept.push((out.ids.len(), item));
                }
                out.ids.push(entry.id);
            }
            out.warnings.extend(piece.warnings);
            out.unparsed += piece.unparsed;
        },
    )?;
    Ok(out)
}
