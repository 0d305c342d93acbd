//! The corpus: loading articles from files or the bundled seeds, cleaning
//! scraped pages, and the Article model.

mod article;
mod bulk;
mod clean;
mod error;
mod load;
mod record;
mod seeds;
mod stream;
pub mod synthetic;

pub use article::{content_id, count_words, Article, Metadata};
pub use bulk::Progress;
pub use clean::{clean_page, CleanPage, PageParts, Rules};
pub use error::{LoadError, Warning};
pub use load::{corpus_files, load_bytes, load_file, FileLoad};
pub use record::is_date;
pub use seeds::{seed_lines, SEEDS};
pub use stream::{stream, ArticleRef, Streamed};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Makes the ids (each with its article's source) unique by suffixing `-2`,
/// `-3`, … to later duplicates, with a warning for each renamed one.
fn dedupe_ids<'a>(
    ids: impl Iterator<Item = (&'a mut String, &'a str)>,
    warnings: &mut Vec<Warning>,
) {
    UniqueIds::default().apply(ids, warnings);
}

/// A loaded corpus: the articles in load order, and the warnings about
/// anything skipped or repaired on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// The seed articles compiled into the binary.
    pub fn bundled() -> Corpus {
        let rules = Rules::bundled();
        let mut corpus = Corpus::default();
        for (name, text) in SEEDS {
            let path = Path::new("seeds").join(name);
            let file = load_bytes(&path.display().to_string(), &path, text.as_bytes(), rules);
            corpus.absorb(file);
        }
        corpus.dedupe_ids();
        corpus
    }

    /// Loads every path (files or directories) in order. A path that does
    /// not exist is an error; a bad file inside is a warning.
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
        Self::load_with(paths, &Progress::default())
    }

    /// [`Corpus::load`] on all cores, reporting into `progress` and
    /// stopping with [`LoadError::Cancelled`] when it is cancelled.
    pub fn load_with(paths: &[PathBuf], progress: &Progress) -> Result<Corpus, LoadError> {
        let (files, warnings) = Self::files(paths)?;
        let mut corpus = Corpus {
            articles: Vec::new(),
            warnings,
        };
        bulk::load_files(&files, Rules::bundled(), progress, &mut |piece| {
            corpus.absorb(piece)
        })?;
        corpus.dedupe_ids();
        Ok(corpus)
    }

    /// The corpus files under `paths`, in load order, and warnings about
    /// entries skipped on the way. A path that does not exist is an error.
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
        mut emit: impl FnMut(FileLoad),
    ) -> Result<(), LoadError> {
        let mut ids = UniqueIds::default();
        bulk::load_files(files, Rules::bundled(), progress, &mut |mut piece| {
            let renamed = piece
                .articles
                .iter_mut()
                .map(|a| (&mut a.id, a.source.as_str()));
            ids.apply(renamed, &mut piece.warnings);
            emit(piece);
        })
    }

    fn absorb(&mut self, file: FileLoad) {
        self.articles.extend(file.articles);
        self.warnings.extend(file.warnings);
    }

    /// Makes ids unique by suffixing `-2`, `-3`, … to later duplicates.
    fn dedupe_ids(&mut self) {
        let ids = self
            .articles
            .iter_mut()
            .map(|a| (&mut a.id, a.source.as_str()));
        dedupe_ids(ids, &mut self.warnings);
    }

    /// The article with this id, or failing that the only one whose id
    /// starts with it.
    pub fn find(&self, id: &str) -> Option<&Article> {
        crate::lookup::by_id_or_prefix(&self.articles, id, |a| &a.id)
    }
}

/// The ids seen so far; later duplicates get `-2`, `-3`, … (with a warning).
#[derive(Default)]
struct UniqueIds {
    seen: HashMap<String, usize, foldhash::fast::FixedState>,
}

impl UniqueIds {
    fn apply<'a>(
        &mut self,
        ids: impl Iterator<Item = (&'a mut String, &'a str)>,
        warnings: &mut Vec<Warning>,
    ) {
        for (id, source) in ids {
            let count = self.seen.entry(id.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                continue;
            }
            let mut n = *count;
            let mut fresh = format!("{id}-{n}");
            while self.seen.contains_key(&fresh) {
                n += 1;
                fresh = format!("{id}-{n}");
            }
            warnings.push(Warning::new(
                source,
                format!("duplicate id \"{id}\"; renamed to \"{fresh}\""),
            ));
            self.seen.insert(fresh.clone(), 1);
            *id = fresh;
        }
    }
}
