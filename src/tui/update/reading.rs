//! Reading state that outlives the screen: read and unread marks, the web
//! address of the open article (open it, copy it), and the position saved
//! between runs.

use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::geometry::Pane;
use crate::tui::session::Session;
use crate::tui::state::App;

/// After every action: an article the reader has just opened (the article
/// pane has the focus and shows it) is marked read.
pub(super) fn mark_opened(app: &mut App) -> Option<Effect> {
    let shown = app.open_article().filter(|_| app.focus == Pane::Article);
    if shown == app.opened {
        return None;
    }
    app.opened = shown;
    let id = app.set_read(shown?, true)?;
    Some(Effect::MarkRead { id, read: true })
}

/// `u`: the selected article read ↔ unread.
pub(super) fn toggle_read(app: &mut App) -> Vec<Effect> {
    let Some(index) = app.selected() else {
        return Vec::new();
    };
    let read = !app.is_read(index);
    let Some(id) = app.set_read(index, read) else {
        return Vec::new();
    };
    app.notice = Some(if read { "marked read" } else { "marked unread" }.into());
    vec![Effect::MarkRead { id, read }]
}

/// The open article's web address, or a notice saying there is none.
fn url(app: &mut App) -> Option<String> {
    let url = app
        .open_article()
        .and_then(|i| app.article(i).meta.url.clone());
    if url.is_none() {
        app.notice = Some("this article has no web address".into());
    }
    url
}

/// `o`: the browser opens the address; only http and https addresses are
/// handed to another program.
pub(super) fn open_url(app: &mut App) -> Vec<Effect> {
    let Some(url) = url(app) else {
        return Vec::new();
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        let copy = (app.settings.keymap).say(Action::CopyUrl, |k| format!("; {k} copies it"));
        app.notice = Some(format!("not a web address (http or https){copy}"));
        return Vec::new();
    }
    vec![Effect::OpenUrl(url)]
}

/// `y`: the address to the clipboard.
pub(super) fn copy_url(app: &mut App) -> Vec<Effect> {
    url(app).map(Effect::Copy).into_iter().collect()
}

/// The session to save for the app as it is now.
pub fn current_session(app: &App) -> Session {
    let mut read: Vec<String> = app.read.iter().cloned().collect();
    read.sort_unstable();
    Session {
        article: app.selected().and_then(|i| app.id_of(i)),
        scroll: app.article.scroll,
        read,
    }
}

/// Reopens the saved article at the saved scroll position, if it still exists.
pub fn restore_session(app: &mut App, session: &Session) {
    let Some(index) = session
        .article
        .as_deref()
        .and_then(|id| app.find_article(id))
    else {
        return;
    };
    if app.select_article(index) {
        app.article.scroll = session.scroll;
        app.clamp_scroll();
        // The saved article at the bottom of the list's window.
        let h = app.list_height();
        app.list.offset = app.list.selected.saturating_sub(h.saturating_sub(1));
    }
}
