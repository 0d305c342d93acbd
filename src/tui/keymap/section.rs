//! The key map's sections: one per mode of the reader, each accepting its
//! own actions (as yazi's key map has `[mgr]`, `[input]`, `[confirm]`, …).

use super::super::action::Action;
use Action::*;

/// A section of the key map, named as in `assets/keymap.json` and
/// `[keys.NAME]` in config.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Reading: the list, the article and the entity pane.
    Normal,
    /// The help overlay.
    Help,
    /// The bookmarks pane.
    Bookmarks,
    /// Every one-line prompt (filter, find, note, tag).
    Input,
    /// The filter prompt, on top of `Input`.
    Filter,
    /// The find-in-article prompt, on top of `Input`.
    Find,
    /// A yes/no question (deleting a bookmark).
    Confirm,
    /// Choosing an export format.
    Export,
    /// Choosing what to tag a phrase as.
    TagKind,
}

const READING: &[Action] = &[
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
];
const HELP: &[Action] = &[
    MoveDown,
    MoveUp,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
    Close,
    Quit,
];
const BOOKMARKS: &[Action] = &[
    MoveDown, MoveUp, First, Last, Open, EditNote, Delete, Export, Help, Close, Quit,
];
const INPUT: &[Action] = &[
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
    Quit,
];
const FILTER: &[Action] = &[MoveDown, MoveUp];
const FIND: &[Action] = &[NextMatch, PreviousMatch];
const CONFIRM: &[Action] = &[Yes, No, Quit];
const EXPORT: &[Action] = &[
    ExportMarkdown,
    ExportJson,
    ExportText,
    ExportHtml,
    Cancel,
    Quit,
];
const TAG_KIND: &[Action] = &[TagPerson, TagPlace, TagOrganization, TagMisc, Cancel, Quit];

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Normal,
        Section::Help,
        Section::Bookmarks,
        Section::Input,
        Section::Filter,
        Section::Find,
        Section::Confirm,
        Section::Export,
        Section::TagKind,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Normal => "normal",
            Section::Help => "help",
            Section::Bookmarks => "bookmarks",
            Section::Input => "input",
            Section::Filter => "filter",
            Section::Find => "find",
            Section::Confirm => "confirm",
            Section::Export => "export",
            Section::TagKind => "tag_kind",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The section consulted for keys this one does not bind.
    pub fn parent(self) -> Option<Section> {
        match self {
            Section::Filter | Section::Find => Some(Section::Input),
            _ => None,
        }
    }

    /// The actions a key may be bound to in this section (its parent's too).
    pub fn accepts(self, action: Action) -> bool {
        self.actions().contains(&action) || self.parent().is_some_and(|p| p.accepts(action))
    }

    /// The section's own actions, in the order help lists them.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Section::Normal => READING,
            Section::Help => HELP,
            Section::Bookmarks => BOOKMARKS,
            Section::Input => INPUT,
            Section::Filter => FILTER,
            Section::Find => FIND,
            Section::Confirm => CONFIRM,
            Section::Export => EXPORT,
            Section::TagKind => TAG_KIND,
        }
    }

    /// Actions that leave the mode: at least one must keep a key, or the
    /// reader could not be left. Questions need none (any other key cancels).
    pub fn exits(self) -> &'static [Action] {
        match self {
            Section::Normal => &[Quit],
            Section::Help | Section::Bookmarks => &[Close, Quit],
            Section::Input | Section::Filter | Section::Find => &[Submit, Cancel, Quit],
            Section::Confirm | Section::Export | Section::TagKind => &[],
        }
    }

    /// True for prompts, where a key bound to nothing types itself.
    pub fn takes_text(self) -> bool {
        matches!(self, Section::Input | Section::Filter | Section::Find)
    }

    /// What an action means in this section, for the help overlay, where it
    /// differs from [`Action::describe`].
    pub fn describe(self, action: Action) -> &'static str {
        match (self, action) {
            (Section::Help, MoveDown | HalfPageDown) => "scroll down",
            (Section::Help, MoveUp | HalfPageUp) => "scroll up",
            (Section::Help, First) => "top",
            (Section::Help, Last) => "bottom",
            (Section::Bookmarks, MoveDown) => "next bookmark",
            (Section::Bookmarks, MoveUp) => "previous bookmark",
            (Section::Bookmarks, First) => "first bookmark",
            (Section::Bookmarks, Last) => "last bookmark",
            (Section::Bookmarks, Open) => "open the passage",
            (Section::Bookmarks, Export) => "export the bookmarks",
            (Section::Filter, MoveDown) => "select the next article",
            (Section::Filter, MoveUp) => "select the previous article",
            (Section::Input, Submit) => "accept",
            (Section::Input, Cancel) => "cancel; filter and find go back",
            (Section::Export, Cancel) | (Section::TagKind, Cancel) => {
                "cancel (so does any other key)"
            }
            (Section::Confirm, No) => "no (so does any other key)",
            _ => action.describe(),
        }
    }
}
