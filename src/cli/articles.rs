//! Where a command's articles come from: files read with `--corpus` (or
//! the bundled seeds when there is no data directory), or the library.

use sahifa::corpus::{Article, Corpus};
use sahifa::library::{Library, LibraryError};

pub enum Articles {
    Corpus(Corpus),
    Library(Library),
}

impl Articles {
    /// The article with this id or unique prefix; an unknown id or an
    /// ambiguous prefix is an error that says so.
    pub fn find(&self, id: &str) -> Result<Article, LibraryError> {
        match self {
            Articles::Corpus(corpus) => {
                sahifa::lookup::find(&corpus.articles, id, |a| &a.id, "article")
                    .cloned()
                    .map_err(LibraryError::from)
            }
            Articles::Library(library) => library.find(id),
        }
    }

    /// The article with exactly this id (for bookmarks, which keep it).
    pub fn exact(&self, id: &str) -> Option<Article> {
        match self {
            Articles::Corpus(corpus) => corpus.articles.iter().find(|a| a.id == id).cloned(),
            Articles::Library(library) => library.get(id).ok().flatten(),
        }
    }

    /// Every article, in order.
    pub fn all(&self) -> Result<Vec<Article>, LibraryError> {
        match self {
            Articles::Corpus(corpus) => Ok(corpus.articles.clone()),
            Articles::Library(library) => {
                let mut all = Vec::new();
                library.articles(4096, |piece| {
                    all.extend(piece);
                    true
                })?;
                Ok(all)
            }
        }
    }
}
