//! Loading whole articles: what the pipeline gives when every article is
//! kept, one file at a time for callers that have its bytes.

use super::article::Article;
use super::clean::Rules;
use super::error::Warning;
use super::pipeline::{self, Found, LoadOptions, Piece, Sink};
use super::unique::UniqueIds;
use super::Progress;
use std::path::Path;

/// What reading one file (or a piece of a corpus) gave: its articles and
/// what went wrong in it.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// The sink that keeps every article whole.
pub(crate) struct KeepAll;

impl Sink for KeepAll {
    type Item = Article;

    fn keep(&self, found: Found<'_>) -> Option<Article> {
        Some(found.into_article())
    }
}

impl FileLoad {
    /// A piece of [`KeepAll`] as articles, ids as made unique.
    pub(crate) fn from_piece(piece: Piece<Article>) -> FileLoad {
        let articles = piece
            .entries
            .into_iter()
            .filter_map(|e| {
                e.item.map(|mut a| {
                    a.id = e.id;
                    a
                })
            })
            .collect();
        FileLoad {
            articles,
            warnings: piece.warnings,
        }
    }
}

/// Reads one file; never fails: an unreadable file is a warning.
pub fn load_file(path: &Path, _rules: &Rules) -> FileLoad {
    let mut out = FileLoad::default();
    let files = [path.to_path_buf()];
    let result = pipeline::run(
        &files,
        &LoadOptions::global(),
        &Progress::default(),
        false,
        &KeepAll,
        &mut |piece| {
            let load = FileLoad::from_piece(piece);
            out.articles.extend(load.articles);
            out.warnings.extend(load.warnings);
        },
    );
    if let Err(e) = result {
        out.warnings.push(Warning::of(
            super::WarningKind::Unreadable,
            path.display().to_string(),
            e.to_string(),
        ));
    }
    out
}

/// Parses the contents of one file named `name`; `path` decides its format
/// (unknown extensions are read as text pages). Ids are made unique within
/// the file.
pub fn load_bytes(name: &str, path: &Path, bytes: &[u8], rules: &Rules) -> FileLoad {
    let jobs = [pipeline::Job::Bytes {
        name: name.to_string(),
        path,
        bytes,
    }];
    load_jobs(&jobs, rules)
}

/// Files already in memory, as one round (so pages teach each other their
/// furniture, as files of one directory do).
pub(crate) fn load_jobs(jobs: &[pipeline::Job], rules: &Rules) -> FileLoad {
    let mut piece = pipeline::run_jobs(jobs, &LoadOptions::global(), rules, &KeepAll);
    let renamed = piece
        .entries
        .iter_mut()
        .map(|e| (&mut e.id, e.source.as_str()));
    UniqueIds::default().apply(renamed, &mut piece.warnings);
    FileLoad::from_piece(piece)
}
