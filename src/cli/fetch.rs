//! `sahifa fetch`: every feed (or those named) fetched and stored by the
//! library's fetch run ([`Library::fetch_feeds`]); this prints each feed's
//! line as it is stored, the progress on a terminal, and the summary.

use super::bad_input;
use super::library::{failed, reanchor_bookmarks};
use super::output::{ignore_broken_pipe, Out};
use anyhow::Result;
use sahifa::feeds::client_from_env;
use sahifa::library::{Feed, FeedLine, Library, LibraryError};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

pub fn run(
    library: Library,
    names: &[String],
    no_full_text: bool,
    json: bool,
    data_dir: Option<&Path>,
) -> Result<ExitCode> {
    let mut library = library;
    let feeds = if names.is_empty() {
        library.feeds()?
    } else {
        let mut picked: Vec<Feed> = Vec::new();
        for name in names {
            match library.feed(name) {
                Ok(f) if !picked.iter().any(|p| p.key == f.key) => picked.push(f),
                Ok(_) => {}
                Err(e @ LibraryError::NoFeed(_)) => return bad_input(e),
                Err(e) => return failed(e),
            }
        }
        picked
    };
    if feeds.is_empty() {
        eprintln!("sahifa: no feeds yet: `sahifa feed add URL` subscribes to one");
        return Ok(ExitCode::SUCCESS);
    }
    let client = client_from_env();
    let cancel = AtomicBool::new(false);
    let progress = std::io::stderr().is_terminal();
    let show = |t: sahifa::library::Tally| {
        if progress {
            eprint!(
                "\rsahifa: fetching: {} of {} feeds done, {} article pages…\x1b[K",
                t.done, t.total, t.pages
            );
            let _ = std::io::stderr().flush();
        }
    };
    let run = library.fetch_feeds(
        feeds,
        &client,
        no_full_text,
        &cancel,
        &mut |line, tally| {
            if progress {
                eprint!("\r\x1b[K");
            }
            emit(line, json);
            show(tally);
        },
        &mut |tally| show(tally),
    );
    if progress {
        eprint!("\r\x1b[K");
    }
    if let Some(dir) = data_dir.filter(|_| !run.changed.is_empty()) {
        reanchor_bookmarks(&library, dir);
    }
    if json {
        let mut out = Out::new();
        out.json(&run.lines)?;
        ignore_broken_pipe(out.finish())?;
    } else {
        println!("{}", run.summary());
    }
    Ok(if run.answered() > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints a feed's line at once (without `--json`), so a killed fetch has
/// said what it stored.
fn emit(line: &FeedLine, json: bool) {
    if !json {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", line.text()).and_then(|_| stdout.flush());
    }
}
