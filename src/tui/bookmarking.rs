//! Bookmarks in the reader: the current paragraph, `b` / `v` ranges, the
//! bookmarks pane (jump, delete, note, export). Pure state changes; saving
//! and writing exports are effects the event loop performs.

use super::article_rows::Row;
use super::geometry::Pane;
use super::keymap::{Key, KeyCode};
use super::state::App;
use super::update::{set_filter, Effect};
use crate::bookmarks::export::Format;
use crate::bookmarks::{Store, Toggle};

/// A question the reader is asking in the bookmarks pane or status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Delete this bookmark? (y / n)
    ConfirmDelete(String),
    /// Editing the note of this bookmark.
    EditNote { id: String, text: String },
    /// Which format to export to?
    ExportMenu,
}

#[derive(Debug)]
pub struct BookmarkState {
    pub store: Store,
    /// The bookmarks pane is open.
    pub pane: bool,
    /// Selected row of the bookmarks pane.
    pub selected: usize,
    /// `v` was pressed on this paragraph (1-based) of the open article.
    pub range_from: Option<usize>,
    pub prompt: Option<Prompt>,
}

impl BookmarkState {
    pub fn new(store: Store) -> BookmarkState {
        BookmarkState {
            store,
            pane: false,
            selected: 0,
            range_from: None,
            prompt: None,
        }
    }
}

/// The paragraph (1-based) that `b` acts on: the one holding the match `n`
/// went to, else the first paragraph at the top of the article pane.
pub fn current_paragraph(app: &App) -> Option<usize> {
    let rows = app.article.rows.as_ref()?;
    if let Some(hit) = app.article.current.and_then(|c| app.article.hits.get(c)) {
        if hit.paragraph >= 1 {
            return Some(hit.paragraph);
        }
    }
    rows.rows[app.article.scroll.min(rows.rows.len())..]
        .iter()
        .find_map(|row| match *row {
            Row::Text { field, .. } if field >= 1 => Some(field),
            _ => None,
        })
}

/// `b`: finishes a `v` range, or toggles the current paragraph.
pub fn toggle_bookmark(app: &mut App) -> Vec<Effect> {
    let (Some(index), Some(n)) = (
        app.article.rows.as_ref().map(|r| r.article),
        current_paragraph(app),
    ) else {
        app.notice = Some("open an article to bookmark a paragraph".into());
        return Vec::new();
    };
    let article = &app.corpus.articles[index];
    let result = match app.marks.range_from.take() {
        Some(from) => {
            let (a, b) = (from.min(n), from.max(n));
            app.marks
                .store
                .add_range(article, a, b, None)
                .map(|_| format!("bookmarked ¶{a}–{b}"))
        }
        None => app
            .marks
            .store
            .toggle_paragraph(article, n)
            .map(|t| match t {
                Toggle::Added(_) => format!("bookmarked ¶{n}"),
                Toggle::Removed(ids) if ids.len() == 1 => format!("removed the bookmark on ¶{n}"),
                Toggle::Removed(ids) => format!("removed {} bookmarks covering ¶{n}", ids.len()),
            }),
    };
    match result {
        Ok(message) => {
            app.notice = Some(message);
            vec![Effect::SaveBookmarks]
        }
        Err(e) => {
            app.notice = Some(e.to_string());
            Vec::new()
        }
    }
}

/// `v`: starts a range at the current paragraph, or finishes it.
pub fn mark_range(app: &mut App) -> Vec<Effect> {
    if app.marks.range_from.is_some() {
        return toggle_bookmark(app);
    }
    match current_paragraph(app) {
        Some(n) => {
            app.marks.range_from = Some(n);
            app.notice = Some(format!(
                "range from ¶{n}: scroll, then b to bookmark, Esc to cancel"
            ));
        }
        None => app.notice = Some("open an article to mark a range".into()),
    }
    Vec::new()
}

/// Keys while the bookmarks pane or one of its prompts is open.
pub fn handle_key(app: &mut App, key: Key) -> Vec<Effect> {
    if let Some(prompt) = app.marks.prompt.clone() {
        return answer(app, prompt, key);
    }
    let count = app.marks.store.bookmarks().len();
    match (key.code, key.ctrl) {
        (KeyCode::Char('j') | KeyCode::Down, _) => {
            app.marks.selected = (app.marks.selected + 1).min(count.saturating_sub(1))
        }
        (KeyCode::Char('k') | KeyCode::Up, _) => {
            app.marks.selected = app.marks.selected.saturating_sub(1)
        }
        (KeyCode::Char('g') | KeyCode::Home, _) => app.marks.selected = 0,
        (KeyCode::Char('G') | KeyCode::End, _) => app.marks.selected = count.saturating_sub(1),
        (KeyCode::Enter, _) => jump(app),
        (KeyCode::Char('d') | KeyCode::Delete, _) => {
            if let Some(b) = app.marks.store.bookmarks().get(app.marks.selected) {
                app.marks.prompt = Some(Prompt::ConfirmDelete(b.id.clone()));
            }
        }
        (KeyCode::Char('n'), _) => {
            if let Some(b) = app.marks.store.bookmarks().get(app.marks.selected) {
                let text = b.note.clone().unwrap_or_default();
                app.marks.prompt = Some(Prompt::EditNote {
                    id: b.id.clone(),
                    text,
                });
            }
        }
        (KeyCode::Char('e'), _) => app.marks.prompt = Some(Prompt::ExportMenu),
        (KeyCode::Char('c'), true) => {
            app.quit = true;
            return vec![Effect::SaveSession];
        }
        (KeyCode::Esc | KeyCode::Char('B') | KeyCode::Char('q'), _) => app.marks.pane = false,
        _ => {}
    }
    Vec::new()
}

/// Keys while a prompt waits for an answer.
pub fn answer(app: &mut App, prompt: Prompt, key: Key) -> Vec<Effect> {
    app.marks.prompt = None;
    match prompt {
        Prompt::ConfirmDelete(id) => {
            if key.code == KeyCode::Char('y') {
                if let Ok(b) = app.marks.store.remove(&id) {
                    app.notice = Some(format!(
                        "deleted the bookmark on {} ¶{}",
                        b.article,
                        b.range_label()
                    ));
                    let last = app.marks.store.bookmarks().len().saturating_sub(1);
                    app.marks.selected = app.marks.selected.min(last);
                    return vec![Effect::SaveBookmarks];
                }
            }
            app.notice = Some("kept".into());
        }
        Prompt::EditNote { .. } if key.ctrl && key.code == KeyCode::Char('c') => {
            app.quit = true;
            return vec![Effect::SaveSession];
        }
        Prompt::EditNote { id, mut text } => match key.code {
            KeyCode::Enter => {
                let note = Some(text);
                if app.marks.store.set_note(&id, note).is_ok() {
                    app.notice = Some("note saved".into());
                    return vec![Effect::SaveBookmarks];
                }
            }
            KeyCode::Esc => app.notice = Some("note unchanged".into()),
            KeyCode::Backspace => {
                text.pop();
                app.marks.prompt = Some(Prompt::EditNote { id, text });
            }
            KeyCode::Char('u') if key.ctrl => {
                app.marks.prompt = Some(Prompt::EditNote {
                    id,
                    text: String::new(),
                })
            }
            KeyCode::Char(c) if !key.ctrl => {
                text.push(c);
                app.marks.prompt = Some(Prompt::EditNote { id, text });
            }
            _ => app.marks.prompt = Some(Prompt::EditNote { id, text }),
        },
        Prompt::ExportMenu => {
            let format = match key.code {
                KeyCode::Char('m') => Format::Markdown,
                KeyCode::Char('j') => Format::Json,
                KeyCode::Char('t') => Format::Text,
                KeyCode::Char('h') => Format::Html,
                _ => {
                    app.notice = Some("export cancelled".into());
                    return Vec::new();
                }
            };
            if app.marks.store.bookmarks().is_empty() {
                app.notice = Some("no bookmarks to export yet: b bookmarks a paragraph".into());
                return Vec::new();
            }
            return vec![Effect::Export(format)];
        }
    }
    Vec::new()
}

/// Opens the selected bookmark's article at its first paragraph.
fn jump(app: &mut App) {
    let Some(b) = app.marks.store.bookmarks().get(app.marks.selected) else {
        return;
    };
    let (id, from) = (b.article.clone(), b.from);
    let Some(index) = app.corpus.articles.iter().position(|a| a.id == id) else {
        app.notice = Some(format!(
            "{id} is not in this corpus; the passage is kept in the bookmark"
        ));
        return;
    };
    if !app.list.visible.contains(&index) {
        // Whatever hides the article goes: the entity filter and the text.
        app.entities.filter = None;
        set_filter(app, String::new());
    }
    if let Some(pos) = app.list.visible.iter().position(|&i| i == index) {
        app.list.selected = pos;
        super::update::keep_selection_visible(app);
        super::update::refresh_counts(app);
        app.focus = Pane::Article;
        app.show_selected();
        if let Some(row) = app.article.rows.as_ref().and_then(|r| {
            r.rows
                .iter()
                .position(|row| matches!(*row, Row::Text { field, line: 0 } if field == from))
        }) {
            app.article.scroll = row;
            app.clamp_scroll();
        }
        app.marks.pane = false;
    }
}
