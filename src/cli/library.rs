//! The commands on the library: `import`, `remove`, `library`, and `list`
//! and `search` when no `--corpus` is given.

use super::args::SearchArgs;
use super::commands::{print_search, Found};
use super::output::{ignore_broken_pipe, Out};
use super::present::Presenter;
use super::{bad_input, loading, print_warnings};
use anyhow::Result;
use sahifa::bookmarks::Store;
use sahifa::library::{Library, LibraryError, Summary};
use sahifa::lookup::LookupError;
use sahifa::text::controls::visible;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The library in the data directory (created with the seeds on first use).
pub fn open(data_dir: Option<&Path>) -> Result<Library, LibraryError> {
    Library::open_in(data_dir.ok_or(LibraryError::NoDataDir)?)
}

/// An unknown id or an ambiguous prefix is the user's to fix (exit 2);
/// anything else is an error.
pub fn failed(e: LibraryError) -> Result<ExitCode> {
    match e {
        LibraryError::Lookup(LookupError::NotFound { .. }) => {
            bad_input(format!("{e} (see `sahifa list`)"))
        }
        LibraryError::Lookup(_) => bad_input(e),
        other => Err(other.into()),
    }
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    added: usize,
    updated: usize,
    unchanged: usize,
    skipped: Vec<Skipped<'a>>,
    warnings: usize,
    articles: usize,
}

#[derive(Serialize)]
struct Skipped<'a> {
    reason: &'a str,
    count: usize,
    ids: &'a [String],
}

pub fn import(
    mut library: Library,
    paths: &[PathBuf],
    json: bool,
    data_dir: Option<&Path>,
    verbose: bool,
) -> Result<ExitCode> {
    let summary = loading::with_progress("importing", |progress| library.import(paths, progress));
    let summary = match summary {
        Ok(s) => s,
        Err(LibraryError::Load(e)) => return bad_input(e),
        Err(e) => return failed(e),
    };
    print_warnings(&summary.warnings, verbose);
    if let Some(dir) = data_dir.filter(|_| !summary.changed.is_empty()) {
        reanchor_bookmarks(&library, dir);
    }
    let articles = library.len()?;
    if json {
        let skipped = summary
            .skipped
            .iter()
            .map(|(reason, (count, ids))| Skipped {
                reason,
                count: *count,
                ids,
            })
            .collect();
        let mut out = Out::new();
        out.json(&SummaryJson {
            added: summary.added,
            updated: summary.updated,
            unchanged: summary.unchanged,
            skipped,
            warnings: summary.warnings.len(),
            articles,
        })?;
        ignore_broken_pipe(out.finish())?;
    } else {
        ignore_broken_pipe(print_summary(&summary, articles))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(s: &Summary, articles: usize) -> std::io::Result<()> {
    let mut out = Out::new();
    out.line(&format!(
        "added {}, updated {}, unchanged {}, skipped {}; the library holds {articles} articles",
        s.added,
        s.updated,
        s.unchanged,
        s.skipped_count()
    ))?;
    for (reason, (count, ids)) in &s.skipped {
        let more = if *count > ids.len() { ", …" } else { "" };
        out.line(&format!(
            "  skipped {count}: {reason} ({}{more})",
            ids.join(", ")
        ))?;
    }
    if !s.warnings.is_empty() {
        out.line(&format!(
            "  {} problems in the files (bad records, unreadable files, renamed ids) are listed above",
            s.warnings.len()
        ))?;
    }
    out.finish()
}

/// After an import changed articles' text: finds every bookmarked passage
/// again (as `bookmarks list` would) and records where they are now.
pub(super) fn reanchor_bookmarks(library: &Library, dir: &Path) {
    let mut store = Store::open(dir);
    let (anchors, moved) = store.reanchor_with(|id| library.get(id).ok().flatten());
    let count = |status| anchors.iter().filter(|a| a.status() == status).count();
    let (shifted, orphaned) = (count("moved"), count("orphaned"));
    if moved {
        if let Err(e) = store.save() {
            eprintln!("sahifa: warning: moved bookmarks not recorded: {e}");
        }
    }
    for w in store.take_warnings() {
        eprintln!("sahifa: warning: {}", visible(&w.to_string()));
    }
    if shifted > 0 || orphaned > 0 {
        eprintln!(
            "sahifa: bookmarks: {shifted} found at new paragraphs, {orphaned} no longer found (kept)"
        );
    }
}

pub fn remove(mut library: Library, wanted: &[String]) -> Result<ExitCode> {
    let mut ids = Vec::new();
    for id in wanted {
        match library.find(id) {
            Ok(a) => ids.push(a.id),
            Err(e) => return failed(e),
        }
    }
    library.remove(&ids)?;
    let plural = if ids.len() == 1 { "" } else { "s" };
    println!("removed {} article{plural}: {}", ids.len(), ids.join(", "));
    Ok(ExitCode::SUCCESS)
}

pub fn info(library: &Library, json: bool) -> Result<ExitCode> {
    let info = library.info()?;
    let mut out = Out::new();
    if json {
        out.json(&info)?;
    } else {
        let mb = info.bytes as f64 / 1e6;
        out.line(&format!("library: {}", info.path))?;
        out.line(&format!(
            "{} articles ({} unread) from {} outlets; {} with a url, {} with a date",
            info.articles, info.unread, info.outlets, info.with_url, info.with_date
        ))?;
        out.line(&format!("{mb:.1} MB on disk (schema {})", info.schema))?;
    }
    ignore_broken_pipe(out.finish())?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(library: &Library, json: bool, present: &Presenter) -> Result<ExitCode> {
    let mut rows = Vec::new();
    library.list(|r| rows.push(r))?;
    ignore_broken_pipe(super::commands::list(&rows, json, present))?;
    Ok(ExitCode::SUCCESS)
}

pub fn search(library: &Library, args: &SearchArgs, present: &Presenter) -> Result<ExitCode> {
    let query = sahifa::search::Query::parse(&args.query.join(" "));
    if args.count {
        let (found, _) = library.search(&query, |_, _| ())?;
        ignore_broken_pipe(super::commands::print_count(found.len()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let (found, total) = library.search(&query, |a, hits| Found::of_article(a, hits, args.json))?;
    ignore_broken_pipe(print_search(&found, total, args.json, present))?;
    Ok(ExitCode::SUCCESS)
}
