//! What the user can ask the reader to do. Keys map to these through the key
//! map (one section per mode); the update modules give them meaning.

use serde::{Deserialize, Serialize};

/// One thing the reader can do, named as in the key map and config file.
/// Which actions a mode accepts is [`super::keymap::Section::accepts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Reading (normal mode); movement also in help and the bookmarks pane.
    MoveDown,
    MoveUp,
    First,
    Last,
    HalfPageDown,
    HalfPageUp,
    Open,
    FocusNext,
    FocusPrevious,
    FocusLeft,
    FocusRight,
    Filter,
    Find,
    NextMatch,
    PreviousMatch,
    Clear,
    NextMention,
    PreviousMention,
    TagEntity,
    ToggleBookmark,
    MarkRange,
    Bookmarks,
    Export,
    OpenUrl,
    CopyUrl,
    ToggleRead,
    NextView,
    Fetch,
    WidenEntities,
    Help,
    Quit,
    // Overlays and panes.
    Close,
    Delete,
    EditNote,
    // One-line prompts.
    Submit,
    Cancel,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    // Questions.
    Yes,
    No,
    ExportMarkdown,
    ExportJson,
    ExportText,
    ExportHtml,
    TagPerson,
    TagPlace,
    TagOrganization,
    TagMisc,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 54] = [
        Action::MoveDown,
        Action::MoveUp,
        Action::First,
        Action::Last,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Open,
        Action::FocusNext,
        Action::FocusPrevious,
        Action::FocusLeft,
        Action::FocusRight,
        Action::Filter,
        Action::Find,
        Action::NextMatch,
        Action::PreviousMatch,
        Action::Clear,
        Action::NextMention,
        Action::PreviousMention,
        Action::TagEntity,
        Action::ToggleBookmark,
        Action::MarkRange,
        Action::Bookmarks,
        Action::Export,
        Action::OpenUrl,
        Action::CopyUrl,
        Action::ToggleRead,
        Action::NextView,
        Action::Fetch,
        Action::WidenEntities,
        Action::Help,
        Action::Quit,
        Action::Close,
        Action::Delete,
        Action::EditNote,
        Action::Submit,
        Action::Cancel,
        Action::DeleteBack,
        Action::DeleteForward,
        Action::DeleteWord,
        Action::DeleteToStart,
        Action::CursorLeft,
        Action::CursorRight,
        Action::CursorStart,
        Action::CursorEnd,
        Action::Yes,
        Action::No,
        Action::ExportMarkdown,
        Action::ExportJson,
        Action::ExportText,
        Action::ExportHtml,
        Action::TagPerson,
        Action::TagPlace,
        Action::TagOrganization,
        Action::TagMisc,
    ];

    /// The action named `name` in the key map (`move_down`, `quit`, …).
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// The action's name in the key map.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::MoveDown => "move down / scroll down",
            Action::MoveUp => "move up / scroll up",
            Action::First => "first article / top",
            Action::Last => "last article / bottom",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Open => "open; in entities: list articles naming it",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrevious => "focus the previous pane",
            Action::FocusLeft => "focus the pane on the left",
            Action::FocusRight => "focus the pane on the right",
            Action::Filter => "filter articles (live)",
            Action::Find => "find in the open article",
            Action::NextMatch => "next match in the article",
            Action::PreviousMatch => "previous match in the article",
            Action::Clear => "undo: a range, find, entity list, filter",
            Action::NextMention => "next mention of the selected entity",
            Action::PreviousMention => "previous mention of the selected entity",
            Action::TagEntity => "tag a word as person / place / organisation / other",
            Action::ToggleBookmark => "bookmark the paragraph, or end a range",
            Action::MarkRange => "start a range of paragraphs to bookmark",
            Action::Bookmarks => "the bookmarks pane",
            Action::Export => "export the bookmarks (choose a format)",
            Action::OpenUrl => "open the article's web address",
            Action::CopyUrl => "copy the article's web address (OSC 52)",
            Action::ToggleRead => "mark the article read / unread",
            Action::NextView => "next view: all, unread, each feed",
            Action::Fetch => "fetch every feed (in the background)",
            Action::WidenEntities => "widen / narrow the entity pane",
            Action::Help => "show this help",
            Action::Quit => "quit",
            Action::Close => "close",
            Action::Delete => "delete the bookmark (asks first)",
            Action::EditNote => "edit the bookmark's note",
            Action::Submit => "accept",
            Action::Cancel => "cancel",
            Action::DeleteBack => "erase the letter before, with its harakat",
            Action::DeleteForward => "erase the letter under the cursor",
            Action::DeleteWord => "erase the word before the cursor",
            Action::DeleteToStart => "erase up to the start",
            Action::CursorLeft => "cursor left (forward in Arabic)",
            Action::CursorRight => "cursor right (back in Arabic)",
            Action::CursorStart => "cursor to the start",
            Action::CursorEnd => "cursor to the end",
            Action::Yes => "yes",
            Action::No => "no",
            Action::ExportMarkdown => "Markdown",
            Action::ExportJson => "JSON",
            Action::ExportText => "plain text",
            Action::ExportHtml => "HTML",
            Action::TagPerson => "person",
            Action::TagPlace => "place",
            Action::TagOrganization => "organisation",
            Action::TagMisc => "other name (event, product, work)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_all_is_complete() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a), "{a:?} twice");
        }
        assert_eq!(Action::from_name("move_down"), Some(Action::MoveDown));
        assert_eq!(
            Action::from_name("tag_organization"),
            Some(Action::TagOrganization)
        );
        assert_eq!(Action::from_name("explode"), None);
        for a in Action::ALL {
            assert_eq!(Action::from_name(&a.name()), Some(a));
        }
    }
}
