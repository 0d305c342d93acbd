//! What the user can ask the reader to do. Keys map to these through the key
//! map; `update` gives them meaning.

use serde::Deserialize;

/// One thing the reader can do, named as in the key map and config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
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
    Help,
    Quit,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 24] = [
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
        Action::Help,
        Action::Quit,
    ];

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::MoveDown => "move down / scroll down",
            Action::MoveUp => "move up / scroll up",
            Action::First => "first article / top",
            Action::Last => "last article / bottom",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Open => "open the article; in entities: list articles naming it",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrevious => "focus the previous pane",
            Action::FocusLeft => "focus the pane on the left",
            Action::FocusRight => "focus the pane on the right",
            Action::Filter => "filter articles (live)",
            Action::NextMatch => "next match in the article",
            Action::PreviousMatch => "previous match in the article",
            Action::Clear => "clear the filter, cancel a range, close",
            Action::NextMention => "next mention of the selected entity",
            Action::PreviousMention => "previous mention of the selected entity",
            Action::TagEntity => "tag a word or phrase as person / place / organisation",
            Action::ToggleBookmark => "bookmark this paragraph (toggle); ends a v range",
            Action::MarkRange => "start a range of paragraphs to bookmark",
            Action::Bookmarks => "bookmarks: jump, d delete, n note, e export",
            Action::Export => "export the bookmarks (choose a format)",
            Action::Help => "show or hide this help",
            Action::Quit => "quit (closes help first)",
        }
    }
}
