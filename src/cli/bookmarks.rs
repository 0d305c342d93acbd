//! `sahifa bookmarks`: add, list, remove and export saved passages.

use super::args::{BookmarksCommand, ExportFormat};
use super::articles::Articles;
use super::bad_input;
use super::output::{ignore_broken_pipe, Out};
use super::present::{Fit, Presenter};
use anyhow::Result;
use sahifa::bookmarks::{export, now_secs, rfc3339, Anchor, Store};
use sahifa::data_dir::write_atomic;
use sahifa::lookup::{self, LookupError};
use sahifa::text::controls::visible;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    command: BookmarksCommand,
    articles: &Articles,
    dir: Option<&Path>,
    layout: sahifa::text::LayoutOptions,
) -> Result<ExitCode> {
    let present =
        |v: super::args::VisualArg| Presenter::new(super::commands::visual_order(v.visual), layout);
    let mut store = dir.map_or_else(Store::in_memory, Store::open);
    warn_all(&mut store);
    let (anchors, moved) = store.reanchor_with(|id| articles.exact(id));
    match command {
        BookmarksCommand::Add {
            id,
            paragraph,
            to,
            note,
        } => {
            let article = match articles.find(&id) {
                Ok(a) => a,
                Err(e) => return super::library::failed(e),
            };
            let new_id = match store.add_range(&article, paragraph, to.unwrap_or(paragraph), note) {
                Ok(new_id) => new_id,
                Err(e) => return bad_input(e),
            };
            save(&mut store)?;
            println!("{new_id}");
        }
        BookmarksCommand::Remove { bookmark_id } => {
            let found = lookup::find(store.bookmarks(), &bookmark_id, |b| &b.id, "bookmark");
            let id = match found {
                Ok(b) => b.id.clone(),
                Err(e @ LookupError::NotFound { .. }) => {
                    return bad_input(format!("{e} (see `sahifa bookmarks list`)"))
                }
                Err(ambiguous) => return bad_input(ambiguous),
            };
            if let Err(e) = store.remove(&id) {
                return bad_input(e);
            }
            save(&mut store)?;
        }
        BookmarksCommand::List { json, visual } => {
            record_moves(&mut store, moved);
            ignore_broken_pipe(list(&store, &anchors, json, &present(visual)))?;
        }
        BookmarksCommand::Export {
            format,
            output,
            force,
        } => {
            if let Some(path) = output.as_deref().filter(|p| p.exists() && !force) {
                return bad_input(format!(
                    "{} already exists; pass --force to overwrite it",
                    path.display()
                ));
            }
            record_moves(&mut store, moved);
            let exported = rfc3339(now_secs());
            let format = match format {
                ExportFormat::Md => export::Format::Markdown,
                ExportFormat::Json => export::Format::Json,
                ExportFormat::Txt => export::Format::Text,
                ExportFormat::Html => export::Format::Html,
            };
            match output {
                Some(path) => {
                    let text = export::render(format, store.bookmarks(), &exported);
                    write_atomic(&path, text.as_bytes())
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                }
                None => ignore_broken_pipe(print_export(&store, format, &exported))?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Saves, then shows any warning the save raised (e.g. a damaged file
/// moved aside).
fn save(store: &mut Store) -> Result<()> {
    let result = store.save();
    warn_all(store);
    Ok(result?)
}

/// After a listing or export found passages at new paragraph numbers:
/// saves them, best effort (a read-only data dir must not stop a listing).
fn record_moves(store: &mut Store, moved: bool) {
    if moved {
        if let Err(e) = store.save() {
            eprintln!("sahifa: warning: moved passages not recorded: {e}");
        }
        warn_all(store);
    }
}

fn warn_all(store: &mut Store) {
    for w in store.take_warnings() {
        eprintln!("sahifa: warning: {}", visible(&w.to_string()));
    }
}

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    bookmark: &'a sahifa::bookmarks::Bookmark,
    status: &'static str,
}

fn list(store: &Store, anchors: &[Anchor], json: bool, present: &Presenter) -> std::io::Result<()> {
    let mut out = Out::new();
    let rows = store.bookmarks().iter().zip(anchors);
    if json {
        let rows: Vec<Row> = rows
            .map(|(b, a)| Row {
                bookmark: b,
                status: a.status(),
            })
            .collect();
        out.json(&rows)?;
        return out.finish();
    }
    for (b, a) in rows {
        let status = match a {
            Anchor::Found { .. } => String::new(),
            other => format!("  [{}]", other.status()),
        };
        let prefix = format!(
            "{}  {}  {}{status}  ",
            present.line(&b.id),
            present.line(&b.article),
            b.range_label(),
        );
        // Title and note are one item: on one line, wrapped on a terminal.
        let text = match &b.note {
            Some(note) => format!("{} · note: {note}", b.title),
            None => b.title.clone(),
        };
        for line in present.row(&prefix, &text, Fit::Wrap) {
            out.line(&line)?;
        }
    }
    out.finish()
}

fn print_export(store: &Store, format: export::Format, exported: &str) -> std::io::Result<()> {
    let mut out = Out::new();
    if format == export::Format::Json {
        out.json(&export::document(store.bookmarks(), exported))?;
    } else {
        for line in export::render(format, store.bookmarks(), exported).lines() {
            out.line(line)?;
        }
    }
    out.finish()
}
