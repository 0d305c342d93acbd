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
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (id, source) in ids {
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            continue;
        }
        let mut n = *count;
        let mut fresh = format!("{id}-{n}");
        while seen.contains_key(&fresh) {
            n += 1;
            fresh = format!("{id}-{n}");
        }
        warnings.push(Warning::new(
            source,
            format!("duplicate id \"{id}\"; renamed to \"{fresh}\""),
        ));
        seen.insert(fresh.clone(), 1);
        *id = fresh;
    }
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
        let mut files = Vec::new();
        let mut corpus = Corpus::default();
        for path in paths {
            let (found, warnings) = corpus_files(path)?;
            files.extend(found);
            corpus.warnings.extend(warnings);
        }
        for file in bulk::load_files(&files, Rules::bundled(), progress)? {
            corpus.absorb(file);
        }
        corpus.dedupe_ids();
        Ok(corpus)
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
