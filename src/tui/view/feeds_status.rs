//! The status bar's words for the library's view and a fetch in progress.

use crate::library::View;
use crate::tui::state::App;

/// ` view: unread ·`, ` fetching 3/12 feeds · 41 new ·`; nothing for the
/// whole list with no fetch running.
pub(super) fn feeds_status(app: &App) -> String {
    let mut s = String::new();
    if app.feeds.view != View::All {
        s += &format!(" view: {} ·", app.feeds.said());
    }
    if let Some(f) = app.feeds.fetching {
        s += &format!(" fetching {}/{} feeds · {} new ·", f.done, f.total, f.added);
    }
    s
}
