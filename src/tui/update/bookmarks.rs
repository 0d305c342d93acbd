//! Bookmarks in the reader: `b` / `v` ranges, the bookmarks pane (open a
//! passage, delete after asking, edit the note), choosing an export format.
//! Saving and writing files are effects the event loop performs.

use super::{navigation, prompt};
use crate::bookmarks::export::Format;
use crate::bookmarks::Toggle;
use crate::tui::action::Action;
use crate::tui::article_rows::Row;
use crate::tui::editor::Editor;
use crate::tui::effect::Effect;
use crate::tui::geometry::Pane;
use crate::tui::mode::{Back, Mode};
use crate::tui::quote::quote;
use crate::tui::state::App;

/// `b`: finishes a `v` range, or toggles the current paragraph.
pub(super) fn toggle(app: &mut App) -> Vec<Effect> {
    let (Some(index), Some(n)) = (app.open_article(), app.current_paragraph()) else {
        app.notice = Some("open an article to bookmark a paragraph".into());
        return Vec::new();
    };
    let article = crate::tui::state::article_in(&app.corpus, app.shelf.as_ref(), index);
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

/// `v`: starts a range at the current paragraph, or finishes it. The
/// status bar says how to end it while it is open.
pub(super) fn mark_range(app: &mut App) -> Vec<Effect> {
    if app.marks.range_from.is_some() {
        return toggle(app);
    }
    match app.current_paragraph() {
        Some(n) => app.marks.range_from = Some(n),
        None => app.notice = Some("open an article to mark a range".into()),
    }
    Vec::new()
}

pub(super) fn open_pane(app: &mut App) {
    let last = app.marks.store.bookmarks().len().saturating_sub(1);
    app.marks.selected = app.marks.selected.min(last);
    app.mode = Mode::Bookmarks;
}

/// Keys in the bookmarks pane.
pub(super) fn pane_key(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.marks.store.bookmarks().len();
    let last = count.saturating_sub(1);
    let selected = app.marks.store.bookmarks().get(app.marks.selected);
    let id = selected.map(|b| b.id.clone());
    match action {
        Action::MoveDown => app.marks.selected = (app.marks.selected + 1).min(last),
        Action::MoveUp => app.marks.selected = app.marks.selected.saturating_sub(1),
        Action::First => app.marks.selected = 0,
        Action::Last => app.marks.selected = last,
        Action::Open => jump(app),
        Action::Delete => {
            if let Some(id) = id {
                app.mode = Mode::ConfirmDelete { id };
            }
        }
        Action::EditNote => {
            if let (Some(id), Some(b)) = (id, selected) {
                let editor = Editor::new(b.note.as_deref().unwrap_or_default());
                app.mode = Mode::Note { id, editor };
            }
        }
        Action::Export => {
            app.mode = Mode::Export {
                back: Back::Bookmarks,
            }
        }
        Action::Help => {
            app.mode = Mode::Help {
                scroll: 0,
                back: Back::Bookmarks,
            }
        }
        Action::Close => app.mode = Mode::Normal,
        _ => {}
    }
    Vec::new()
}

/// Keys while a note is edited.
pub(super) fn note_key(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            let Mode::Note { id, editor } = std::mem::replace(&mut app.mode, Mode::Bookmarks)
            else {
                return Vec::new();
            };
            let note = Some(editor.text().to_string());
            return match app.marks.store.set_note(&id, note) {
                Ok(()) => {
                    app.notice = Some("note saved".into());
                    vec![Effect::SaveBookmarks]
                }
                Err(e) => {
                    app.notice = Some(e.to_string());
                    Vec::new()
                }
            };
        }
        Action::Cancel => {
            app.mode = Mode::Bookmarks;
            app.notice = Some("note unchanged".into());
        }
        other => {
            prompt::edit(app, other);
        }
    }
    Vec::new()
}

/// Delete this bookmark? Yes deletes; anything else keeps it.
pub(super) fn confirm_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::ConfirmDelete { id } = std::mem::replace(&mut app.mode, Mode::Bookmarks) else {
        return Vec::new();
    };
    if action == Action::Yes {
        if let Ok(b) = app.marks.store.remove(&id) {
            app.notice = Some(format!(
                "deleted the bookmark on {} {}",
                quote(&b.article),
                b.range_label()
            ));
            let last = app.marks.store.bookmarks().len().saturating_sub(1);
            app.marks.selected = app.marks.selected.min(last);
            return vec![Effect::SaveBookmarks];
        }
    }
    app.notice = Some("kept".into());
    Vec::new()
}

/// Which format to export to; anything else cancels.
pub(super) fn export_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Export { back } = app.mode else {
        return Vec::new();
    };
    app.mode = match back {
        Back::Normal => Mode::Normal,
        Back::Bookmarks => Mode::Bookmarks,
    };
    let format = match action {
        Action::ExportMarkdown => Format::Markdown,
        Action::ExportJson => Format::Json,
        Action::ExportText => Format::Text,
        Action::ExportHtml => Format::Html,
        _ => {
            app.notice = Some("export cancelled".into());
            return Vec::new();
        }
    };
    if app.marks.store.bookmarks().is_empty() {
        let how = (app.settings.keymap).say(Action::ToggleBookmark, |k| {
            format!(": {k} bookmarks a paragraph")
        });
        app.notice = Some(format!("no bookmarks to export yet{how}"));
        return Vec::new();
    }
    vec![Effect::Export(format)]
}

/// Opens the selected bookmark's article at its first paragraph.
fn jump(app: &mut App) {
    let Some(b) = app.marks.store.bookmarks().get(app.marks.selected) else {
        return;
    };
    let (id, from) = (b.article.clone(), b.from);
    let Some(index) = app.find_article(&id) else {
        app.notice = Some(format!(
            "{} is not in this corpus; the passage is kept in the bookmark",
            quote(&id)
        ));
        return;
    };
    if !app.list.visible.contains(&index) {
        // Whatever hides the article goes: the entity list and the filter.
        app.entities.filter = None;
        app.set_filter(String::new());
    }
    if !app.select_article(index) {
        return;
    }
    navigation::set_focus(app, Pane::Article);
    let row = app.article.rows.as_ref().and_then(|r| {
        r.rows
            .iter()
            .position(|row| matches!(*row, Row::Text { field, line: 0 } if field == from))
    });
    if let Some(row) = row {
        app.article.scroll = row;
        app.clamp_scroll();
    }
    app.mode = Mode::Normal;
}
