//! The editing keys every prompt shares, from the `input` key-map section.

use crate::tui::action::Action;
use crate::tui::editor::Edit;
use crate::tui::state::App;

/// The edit an action stands for, if it is an editing key.
fn edit_for(action: Action) -> Option<Edit> {
    Some(match action {
        Action::DeleteBack => Edit::DeleteBack,
        Action::DeleteForward => Edit::DeleteForward,
        Action::DeleteWord => Edit::DeleteWord,
        Action::DeleteToStart => Edit::DeleteToStart,
        Action::CursorLeft => Edit::Left,
        Action::CursorRight => Edit::Right,
        Action::CursorStart => Edit::Start,
        Action::CursorEnd => Edit::End,
        _ => return None,
    })
}

/// Applies an editing action to the open prompt; true when its text changed.
pub(super) fn edit(app: &mut App, action: Action) -> bool {
    match (edit_for(action), app.mode.editor_mut()) {
        (Some(e), Some(editor)) => editor.edit(e),
        _ => false,
    }
}
