//! What has the keyboard: exactly one mode at a time. The key map section,
//! the status bar and the overlays drawn all follow from it, so they can
//! never disagree about which prompt or pane is open.

use super::editor::Editor;
use super::keymap::Section;

/// Where a prompt or overlay returns to when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    Normal,
    Bookmarks,
}

/// Where the reader was when a prompt that moves it opened, so `Esc` can go
/// back there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The filter text before the prompt opened.
    pub filter: String,
    /// Id of the open article and its first row on screen.
    pub article: Option<String>,
    pub scroll: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Mode {
    /// Reading: keys act on the focused pane.
    #[default]
    Normal,
    /// Typing a filter for the list; `before` is restored by Esc.
    Filter { editor: Editor, before: Place },
    /// Typing a search in the open article; Esc restores the previous
    /// search and scroll position.
    Find {
        editor: Editor,
        before: Option<String>,
        scroll: usize,
    },
    /// The help overlay, scrolled by `scroll` lines.
    Help { scroll: usize, back: Back },
    /// The bookmarks pane.
    Bookmarks,
    /// Editing the note of bookmark `id` (from the bookmarks pane).
    Note { id: String, editor: Editor },
    /// Typing the word or phrase to tag.
    Tag { editor: Editor },
    /// Choosing what `text` is: person, place or organisation.
    TagKind { text: String },
    /// Choosing an export format.
    Export { back: Back },
    /// Delete bookmark `id`? (from the bookmarks pane)
    ConfirmDelete { id: String },
}

impl Mode {
    /// The key map section that reads the keys in this mode.
    pub fn section(&self) -> Section {
        match self {
            Mode::Normal => Section::Normal,
            Mode::Filter { .. } => Section::Filter,
            Mode::Find { .. } => Section::Find,
            Mode::Help { .. } => Section::Help,
            Mode::Bookmarks => Section::Bookmarks,
            Mode::Note { .. } | Mode::Tag { .. } => Section::Input,
            Mode::TagKind { .. } => Section::TagKind,
            Mode::Export { .. } => Section::Export,
            Mode::ConfirmDelete { .. } => Section::Confirm,
        }
    }

    /// The text being typed, in the prompts.
    pub fn editor(&self) -> Option<&Editor> {
        match self {
            Mode::Filter { editor, .. }
            | Mode::Find { editor, .. }
            | Mode::Note { editor, .. }
            | Mode::Tag { editor } => Some(editor),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match self {
            Mode::Filter { editor, .. }
            | Mode::Find { editor, .. }
            | Mode::Note { editor, .. }
            | Mode::Tag { editor } => Some(editor),
            _ => None,
        }
    }

    /// True while the bookmarks pane is on screen (itself, or under one of
    /// its prompts or the help it opened).
    pub fn shows_bookmarks(&self) -> bool {
        matches!(
            self,
            Mode::Bookmarks
                | Mode::Note { .. }
                | Mode::ConfirmDelete { .. }
                | Mode::Export {
                    back: Back::Bookmarks
                }
        )
    }
}
