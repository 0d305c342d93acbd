//! The one place effects happen: files written, the gazetteer extended, the
//! browser started, the clipboard set. What went wrong is said in the
//! status bar; nothing here stops the reader.

use super::effect::Effect;
use super::outside::{browser_commands, osc52};
use super::quote::quote;
use super::session::Session;
use super::state::App;
use super::update::current_session;
use crate::bookmarks::export::write_new_file;
use crate::bookmarks::{now_secs, rfc3339};
use crate::entities::{append_user_entry, Entry, Gazetteer, Kind};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where effects may write.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Where `state.json` lives; `None` disables remembering.
    pub data_dir: Option<PathBuf>,
    /// The user gazetteer (`t` adds to it); `None` disables tagging.
    pub user_gazetteer: Option<PathBuf>,
    /// Where read marks go when the articles are the library's (else to
    /// `state.json`).
    pub read_marks: Option<std::sync::mpsc::Sender<(String, bool)>>,
}

pub fn perform(app: &mut App, effect: &Effect, places: &Places) {
    let data_dir = places.data_dir.as_deref();
    match effect {
        Effect::SaveSession => {
            if let Some(dir) = data_dir {
                // Failing to remember the position must not stop a quit.
                let _ = current_session(app).save(dir);
            }
        }
        Effect::SaveBookmarks => {
            if let Err(e) = app.marks.store.save() {
                app.notice = Some(format!("not saved: {e}"));
            }
            // The save merged in what other instances saved; find those
            // passages in this corpus too before showing their marks.
            app.reanchor();
        }
        Effect::Export(format) => {
            let exported = rfc3339(now_secs());
            let bookmarks = app.marks.store.bookmarks();
            // The current directory, where the user started; else the data dir.
            let written = std::env::current_dir()
                .and_then(|d| write_new_file(&d, *format, bookmarks, &exported))
                .or_else(|e| match data_dir {
                    Some(d) => write_new_file(d, *format, bookmarks, &exported),
                    None => Err(e),
                });
            app.notice = Some(match written {
                Ok(path) => format!(
                    "exported {} passages to {}",
                    bookmarks.len(),
                    quote(&path.display().to_string())
                ),
                Err(e) => format!("export failed: {e}"),
            });
        }
        Effect::TagEntity { text, kind } => {
            tag_entity(app, text, *kind, places.user_gazetteer.as_deref());
        }
        Effect::MarkRead { id, read } => {
            if let Some(marks) = &places.read_marks {
                // The library's `read` column, written by its own thread.
                if marks.send((id.clone(), *read)).is_err() {
                    app.notice = Some("read mark not saved: the library is closed".into());
                }
            } else if let Some(dir) = data_dir {
                if let Err(e) = Session::save_read_mark(dir, id, *read) {
                    app.notice = Some(format!("read mark not saved: {e}"));
                }
            }
        }
        // The loop's feed work performs these (`super::feed_work`).
        Effect::ShowView { .. } | Effect::FetchFeeds => {}
        Effect::OpenUrl(url) => {
            let browser = std::env::var("BROWSER").ok();
            app.notice = Some(open_with_browser(&browser_commands(
                browser.as_deref(),
                url,
            )));
        }
        Effect::Copy(text) => {
            let mut out = std::io::stdout();
            let sent = out
                .write_all(osc52(text).as_bytes())
                .and_then(|()| out.flush());
            app.notice = Some(match sent {
                Ok(()) => "address copied (if the terminal allows OSC 52)".into(),
                Err(e) => format!("not copied: {e}"),
            });
        }
    }
}

/// Starts the first command that can be started, detached from the
/// terminal (a browser must not read the reader's keys).
fn open_with_browser(commands: &[Vec<String>]) -> String {
    let mut last_error = String::new();
    for command in commands {
        let Some((program, args)) = command.split_first() else {
            continue;
        };
        let started = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match started {
            Ok(mut child) => {
                // Reaped in the background so no zombie is left.
                std::thread::spawn(move || child.wait());
                return format!("opened with {program}");
            }
            Err(e) => last_error = format!("{program}: {e}"),
        }
    }
    format!("no browser could be started ({last_error}); set $BROWSER")
}

/// The built-in gazetteer extended with the user's; a broken user file is
/// reported and left alone.
pub fn load_user_gazetteer(app: &mut App, path: &Path) {
    let mut gazetteer = Gazetteer::builtin();
    if let Err(e) = gazetteer.load_user(path) {
        app.notice = Some(e.to_string());
    }
    app.entities.replace_gazetteer(gazetteer);
    if let Some(i) = app.open_article() {
        let article = super::state::article_in(&app.corpus, app.shelf.as_ref(), i);
        app.entities.show(i, article);
    }
}

/// `t`: saves the entry in the user gazetteer, then detects again with it.
fn tag_entity(app: &mut App, text: &str, kind: Kind, path: Option<&Path>) {
    let Some(path) = path else {
        app.notice = Some("no config directory to keep the user gazetteer in".into());
        return;
    };
    let entry = Entry {
        canonical: text.to_string(),
        kind,
        aliases: Vec::new(),
    };
    match append_user_entry(path, entry) {
        Ok(()) => {
            load_user_gazetteer(app, path);
            app.notice = Some(format!(
                "tagged {} as {} (saved in {})",
                quote(text),
                kind.name(),
                quote(&path.display().to_string())
            ));
        }
        Err(e) => app.notice = Some(format!("not tagged: {e}")),
    }
}
