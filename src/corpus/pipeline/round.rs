//! A round of ordinary files (pages, JSON files): read and parsed on all
//! cores, the pages' site furniture learned, the pages cleaned, and every
//! article offered to the sink, in order.

use super::{guarded, Found, LoadOptions, Piece, Sink};
use crate::corpus::article::Article;
use crate::corpus::clean::{PageParts, Rules};
use crate::corpus::error::{Warning, WarningKind};
use crate::corpus::files::read_bounded;
use crate::corpus::furniture::{Furniture, PageLines};
use crate::corpus::parse::{parse_file, Loaded, PageDoc, EMPTY_PAGE};
use crate::corpus::Progress;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file of a round: on disk, or bytes already in memory (the seeds).
pub enum Job<'a> {
    File(&'a PathBuf),
    Bytes {
        name: String,
        path: &'a Path,
        bytes: &'a [u8],
    },
}

/// A page cleaned: its document and the parts kept and removed.
pub struct CleanedPage<'a> {
    pub doc: &'a PageDoc,
    pub parts: PageParts<'a>,
}

impl CleanedPage<'_> {
    pub fn into_article(self) -> Article {
        let doc = self.doc;
        let mut boilerplate: Vec<String> = doc.removed.clone();
        boilerplate.extend(self.parts.boilerplate.into_iter().map(String::from));
        Article {
            id: doc.id.clone(),
            title: self.parts.title.into_owned(),
            paragraphs: self
                .parts
                .paragraphs
                .into_iter()
                .map(String::from)
                .collect(),
            source: doc.source.clone(),
            meta: doc.meta.clone(),
            boilerplate,
        }
    }
}

/// Reads the round's files and offers their articles to `sink`.
pub fn run<S: Sink>(
    jobs: &[Job],
    options: &LoadOptions,
    rules: &Rules,
    progress: &Progress,
    sink: &S,
) -> Piece<S::Item> {
    let read: Vec<(Loaded, Vec<Warning>)> = jobs
        .par_iter()
        .map_init(Vec::new, |buffer, job| {
            read_one(job, options, rules, progress, buffer)
        })
        .collect();
    let pages = read.iter().filter_map(|(loaded, _)| match loaded {
        Loaded::Page(doc) => Some(PageLines {
            site: &doc.site,
            keys: &doc.keys,
        }),
        _ => None,
    });
    let furniture = Furniture::learn(pages, &rules.learned);
    let pieces: Vec<Piece<S::Item>> = read
        .into_par_iter()
        .map(|(loaded, warnings)| offer(loaded, warnings, rules, &furniture, sink))
        .collect();
    let mut piece = Piece::default();
    for p in pieces {
        piece.append(p);
    }
    piece
}

fn read_one(
    job: &Job,
    options: &LoadOptions,
    rules: &Rules,
    progress: &Progress,
    buffer: &mut Vec<u8>,
) -> (Loaded, Vec<Warning>) {
    let mut warnings = Vec::new();
    if progress.cancelled() {
        return (Loaded::Nothing, warnings);
    }
    let (name, path, bytes): (String, &Path, &[u8]) = match job {
        Job::Bytes { name, path, bytes } => (name.clone(), path, bytes),
        Job::File(path) => {
            let name = path.display().to_string();
            if let Err(w) = read_bounded(path, &name, options.max_record_bytes, buffer) {
                progress.add(std::fs::metadata(path).map_or(0, |m| m.len()));
                return (Loaded::Nothing, vec![w]);
            }
            progress.add(buffer.len() as u64);
            (name, path.as_path(), buffer.as_slice())
        }
    };
    let (loaded, panic) = guarded(&name, Loaded::Nothing, || {
        parse_file(&name, path, bytes, rules, &mut warnings)
    });
    warnings.extend(panic);
    (loaded, warnings)
}

fn offer<S: Sink>(
    loaded: Loaded,
    warnings: Vec<Warning>,
    rules: &Rules,
    furniture: &Furniture,
    sink: &S,
) -> Piece<S::Item> {
    let mut piece = Piece {
        warnings,
        ..Piece::default()
    };
    match loaded {
        Loaded::Nothing => {}
        Loaded::Articles(articles) => {
            for a in articles {
                let source = a.source.clone();
                let (_, panic) = guarded(&source, (), || piece.offer(Found::Article(a), sink));
                piece.warnings.extend(panic);
            }
        }
        Loaded::Page(doc) => match clean(&doc, rules, furniture) {
            Some(parts) => {
                let doc: &PageDoc = &doc;
                let (_, panic) = guarded(&doc.source, (), || {
                    piece.offer(Found::Page(CleanedPage { doc, parts }), sink)
                });
                piece.warnings.extend(panic);
            }
            None => piece.warnings.push(Warning::of(
                WarningKind::Empty,
                doc.source.clone(),
                EMPTY_PAGE,
            )),
        },
    }
    piece
}

/// A page cleaned by the rules and its site's learned furniture; a page all
/// of whose lines are furniture (the same page three times) is cleaned by
/// the rules alone. `None` when nothing is left.
fn clean<'a>(doc: &'a PageDoc, rules: &Rules, furniture: &Furniture) -> Option<PageParts<'a>> {
    let title = doc.title.as_deref();
    let learned = |line: &str| furniture.holds(&doc.site, line);
    let ends = !doc.structured;
    let parts = PageParts::cleaned(&doc.text, rules, learned, title, ends);
    let parts = if parts.title.is_empty() && parts.paragraphs.is_empty() {
        PageParts::cleaned(&doc.text, rules, |_| false, title, ends)
    } else {
        parts
    };
    (!parts.title.is_empty() || !parts.paragraphs.is_empty()).then_some(parts)
}
