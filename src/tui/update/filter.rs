//! The filter prompt (`/`): the list narrows as you type; Enter keeps the
//! filter, Esc gives back the filter, article and scroll position you had.

use super::{navigation, prompt};
use crate::tui::action::Action;
use crate::tui::editor::Editor;
use crate::tui::effect::Effect;
use crate::tui::geometry::Pane;
use crate::tui::mode::{Mode, Place};
use crate::tui::state::App;

pub(super) fn start(app: &mut App) {
    let before = Place {
        filter: app.filter.input.clone(),
        article: app.open_article().and_then(|i| app.id_of(i)),
        scroll: app.article.scroll,
    };
    app.mode = Mode::Filter {
        editor: Editor::new(&app.filter.input),
        before,
    };
}

pub(super) fn key(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            app.mode = Mode::Normal;
            navigation::set_focus(app, Pane::List);
        }
        Action::Cancel => cancel(app),
        Action::MoveDown => app.move_selection(1),
        Action::MoveUp => app.move_selection(-1),
        other => {
            if prompt::edit(app, other) {
                changed(app);
            }
        }
    }
    Vec::new()
}

/// The prompt's text is the filter, live.
pub(super) fn changed(app: &mut App) {
    let Mode::Filter { editor, .. } = &app.mode else {
        return;
    };
    if editor.text() != app.filter.input {
        app.set_filter(editor.text().to_string());
    }
}

/// Esc: the filter as it was, and the article and scroll position with it.
fn cancel(app: &mut App) {
    let Mode::Filter { before, .. } = std::mem::take(&mut app.mode) else {
        return;
    };
    if before.filter != app.filter.input {
        app.set_filter(before.filter);
    }
    let Some(index) = before.article.and_then(|id| app.find_article(&id)) else {
        return;
    };
    if app.select_article(index) {
        app.article.scroll = before.scroll;
        app.clamp_scroll();
    }
}
