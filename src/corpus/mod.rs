//! The corpus: loading articles from files or the bundled seeds, cleaning
//! scraped pages, and the Article model. Every load goes through one
//! pipeline ([`pipeline`]): files listed ([`files`]), decoded
//! ([`decode`]), parsed by format (`.txt`, HTML, JSON, JSONL), pages
//! cleaned by the rules and by the furniture learned from their site.

mod article;
mod blocks;
mod clean;
pub mod date;
pub mod decode;
mod error;
mod files;
mod furniture;
pub mod html;
mod jsonl;
mod load;
mod mapped;
mod parse;
pub mod pipeline;
mod progress;
mod quick;
mod quick_scan;
mod record;
mod seeds;
mod stream;
pub mod synthetic;
mod unique;

pub use article::{content_id, count_words, Article, Metadata};
pub use clean::{clean_page, CleanPage, PageParts, Rules};
pub use error::{group as group_warnings, LoadError, Warning, WarningGroup, WarningKind};
pub use files::{corpus_files, format_of, Format};
pub use load::{load_bytes, load_file, FileLoad};
pub use pipeline::{LoadOptions, DEFAULT_MAX_RECORD_BYTES};
pub use progress::Progress;
pub use record::{
    is_date, AUTHOR_FIELDS, BODY_FIELDS, DATE_FIELDS, LANG_FIELDS, SOURCE_FIELDS, TITLE_FIELDS,
    URL_FIELDS,
};
pub use seeds::{seed_lines, SEEDS};
pub use stream::{count_filtered, stream, stream_filtered, ArticleRef, RawFilter, Streamed};

use load::KeepAll;
use std::path::{Path, PathBuf};
use unique::UniqueIds;

/// A loaded corpus: the articles in load order, and the warnings about
/// anything skipped or repaired on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// The seed articles compiled into the binary, read as the files of
    /// one directory are.
    pub fn bundled() -> Corpus {
        let paths: Vec<PathBuf> = SEEDS
            .iter()
            .map(|(name, _)| Path::new("seeds").join(name))
            .collect();
        let jobs: Vec<pipeline::Job> = SEEDS
            .iter()
            .zip(&paths)
            .map(|((_, text), path)| pipeline::Job::Bytes {
                name: path.display().to_string(),
                path,
                bytes: text.as_bytes(),
            })
            .collect();
        let load = load::load_jobs(&jobs, Rules::bundled());
        Corpus {
            articles: load.articles,
            warnings: load.warnings,
        }
    }

    /// Loads every path (files or directories) in order. A path that does
    /// not exist is an error; a bad file inside is a warning.
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
        Self::load_with(paths, &Progress::default())
    }

    /// [`Corpus::load`] on all cores, reporting into `progress` and
    /// stopping with [`LoadError::Cancelled`] when it is cancelled.
    pub fn load_with(paths: &[PathBuf], progress: &Progress) -> Result<Corpus, LoadError> {
        Self::load_with_options(paths, &LoadOptions::global(), progress)
    }

    /// [`Corpus::load_with`] under explicit limits.
    pub fn load_with_options(
        paths: &[PathBuf],
        options: &LoadOptions,
        progress: &Progress,
    ) -> Result<Corpus, LoadError> {
        let (files, warnings) = Self::files(paths)?;
        let mut corpus = Corpus {
            articles: Vec::new(),
            warnings,
        };
        Self::load_pieces_with(&files, options, progress, |piece| {
            corpus.articles.extend(piece.articles);
            corpus.warnings.extend(piece.warnings);
        })?;
        Ok(corpus)
    }

    /// The corpus files under `paths`, in load order, and warnings about
    /// entries skipped on the way. A path that does not exist, or is not a
    /// regular file or a directory (a FIFO), is an error.
    pub fn files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Warning>), LoadError> {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        for path in paths {
            let (found, skipped) = corpus_files(path)?;
            files.extend(found);
            warnings.extend(skipped);
        }
        Ok((files, warnings))
    }

    /// Loads `files` on all cores and hands the articles to `emit` in
    /// pieces, in load order, as soon as each is ready, ids already made
    /// unique (a renamed duplicate's warning comes with its piece). The
    /// pieces together hold what [`Corpus::load`] gives.
    pub fn load_pieces(
        files: &[PathBuf],
        progress: &Progress,
        emit: impl FnMut(FileLoad),
    ) -> Result<(), LoadError> {
        Self::load_pieces_with(files, &LoadOptions::global(), progress, emit)
    }

    /// [`Corpus::load_pieces`] under explicit limits.
    pub fn load_pieces_with(
        files: &[PathBuf],
        options: &LoadOptions,
        progress: &Progress,
        mut emit: impl FnMut(FileLoad),
    ) -> Result<(), LoadError> {
        pipeline::run(files, options, progress, true, &KeepAll, &mut |piece| {
            emit(FileLoad::from_piece(piece))
        })
    }

    /// The article with this id, or failing that the only one whose id
    /// starts with it.
    pub fn find(&self, id: &str) -> Option<&Article> {
        crate::lookup::by_id_or_prefix(&self.articles, id, |a| &a.id)
    }
}

/// Makes the ids unique by suffixing `-2`, `-3`, … to later duplicates.
pub fn make_ids_unique(articles: &mut [Article], warnings: &mut Vec<Warning>) {
    let ids = articles.iter_mut().map(|a| (&mut a.id, a.source.as_str()));
    UniqueIds::default().apply(ids, warnings);
}
