//! Work the state machine asks for and the event loop performs: anything
//! that touches files, other programs or the terminal. Updates stay pure
//! and testable; `runtime::perform` is the one place effects happen.

use crate::bookmarks::export::Format;
use crate::entities::Kind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Remember the open article and scroll position (done on quitting).
    SaveSession,
    /// Save the bookmark store.
    SaveBookmarks,
    /// Write the bookmarks to a file in this format and say where.
    Export(Format),
    /// Add `text` to the user gazetteer as `kind` and detect again.
    TagEntity { text: String, kind: Kind },
    /// Remember that article `id` was read (or is unread again): in
    /// `state.json` for files, in the library once there is one.
    MarkRead { id: String, read: bool },
    /// Open a web address in the browser (`$BROWSER`, else `xdg-open`).
    OpenUrl(String),
    /// Read the list of `view` from the library again, keeping the
    /// article with this id selected when the view still has it.
    ShowView {
        view: crate::library::View,
        keep: Option<String>,
    },
    /// Fetch every feed in the background and store what they bring.
    FetchFeeds,
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy(String),
}
