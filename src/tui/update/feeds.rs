//! The library's views and fetching, from the keyboard: the view key
//! shows the next view (all, unread, each feed's articles), the fetch key
//! asks for every feed to be fetched in the background. The loop does the
//! reading and the fetching (`tui::feed_work`); this decides and says.

use crate::library::View;
use crate::tui::effect::Effect;
use crate::tui::state::{App, Fetching};

/// Said when a key needs the library and the articles are files.
const NO_LIBRARY: &str = "views and feeds are the library's: run sahifa without --corpus";

/// The view key: the next view, read from the library, keeping the
/// selected article when the new view has it.
pub(super) fn next_view(app: &mut App) -> Vec<Effect> {
    if app.shelf.is_none() {
        app.notice = Some(NO_LIBRARY.into());
        return Vec::new();
    }
    if app.loading.is_some() && !app.feeds.reloading {
        app.notice = Some("the view changes once the list is loaded".into());
        return Vec::new();
    }
    app.feeds.view = app.feeds.next();
    // The status bar names every view but "all"; back to it, say so once.
    app.notice = (app.feeds.view == View::All).then(|| format!("view: {}", app.feeds.said()));
    let keep = app.selected().and_then(|i| app.id_of(i));
    vec![Effect::ShowView {
        view: app.feeds.view,
        keep,
    }]
}

/// The fetch key: every feed, in the background; one fetch at a time.
pub(super) fn fetch(app: &mut App) -> Vec<Effect> {
    if app.shelf.is_none() {
        app.notice = Some(NO_LIBRARY.into());
        return Vec::new();
    }
    if app.feeds.fetching.is_some() {
        app.notice = Some("already fetching".into());
        return Vec::new();
    }
    if app.feeds.feeds.is_empty() {
        app.notice = Some("no feeds yet: `sahifa feed add URL` subscribes to one".into());
        return Vec::new();
    }
    app.feeds.fetching = Some(Fetching {
        total: app.feeds.feeds.len(),
        ..Fetching::default()
    });
    vec![Effect::FetchFeeds]
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::library::{Library, NewFeed, View};
    use crate::tui::action::Action;
    use crate::tui::articles::Shelf;
    use crate::tui::effect::Effect;
    use crate::tui::geometry::PaneOrder;
    use crate::tui::state::{App, Settings};
    use crate::tui::update::update;

    fn app_on(lib: Option<Library>) -> App<'static> {
        let corpus: &'static Corpus = Box::leak(Box::new(Corpus::default()));
        let mut app = App::new(corpus, Settings::for_order(PaneOrder::Ltr), 120, 40);
        app.shelf = lib.map(Shelf::new);
        app
    }

    #[test]
    fn the_view_key_cycles_views_and_asks_the_library_keeping_the_selection() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut lib = Library::open(&dir.path().join("l.db")).unwrap();
        let feed = lib
            .add_feed(&NewFeed {
                name: "الجزيرة".into(),
                url: "http://127.0.0.1:1/rss".into(),
                full_text: false,
                site: None,
                folder: Vec::new(),
            })
            .unwrap();
        let mut app = app_on(Some(lib));
        app.feeds.feeds = vec![(feed.key, feed.name.clone())];
        app.append_numbers(&[1, 2, 3]);
        app.shelf.as_mut().unwrap().fetch_rows(&[0, 1, 2]).unwrap();
        update(&mut app, Action::MoveDown);
        let selected = app.id_of(1);
        assert!(selected.is_some());
        let effects = update(&mut app, Action::NextView);
        assert_eq!(
            effects,
            [Effect::ShowView {
                view: View::Unread,
                keep: selected.clone()
            }]
        );
        // The status bar names the view; no notice says it again.
        assert_eq!(app.notice, None);
        let effects = update(&mut app, Action::NextView);
        assert!(matches!(
            effects[..],
            [Effect::ShowView { view: View::Feed(k), .. }] if k == feed.key
        ));
        assert_eq!(app.notice, None);
        update(&mut app, Action::NextView);
        assert_eq!(app.feeds.view, View::All);
        assert_eq!(app.notice.as_deref(), Some("view: all"));
        // Not while the list first loads (its order is still arriving)…
        app.loading = Some(Default::default());
        assert!(update(&mut app, Action::NextView).is_empty());
        assert_eq!(app.feeds.view, View::All);
        // …but while a view is read again, the newer view wins.
        app.feeds.reloading = true;
        assert_eq!(update(&mut app, Action::NextView).len(), 1);
        assert_eq!(app.feeds.view, View::Unread);
    }

    #[test]
    fn the_fetch_key_starts_one_fetch_and_says_why_not_otherwise() {
        let mut files = app_on(None);
        assert!(update(&mut files, Action::Fetch).is_empty());
        assert!(files.notice.as_deref().unwrap().contains("library"));
        assert!(update(&mut files, Action::NextView).is_empty());

        let dir = tempfile::TempDir::new().unwrap();
        let lib = Library::open(&dir.path().join("l.db")).unwrap();
        let mut app = app_on(Some(lib));
        assert!(update(&mut app, Action::Fetch).is_empty());
        assert!(app.notice.as_deref().unwrap().starts_with("no feeds yet"));
        app.feeds.feeds = vec![(1, "أ".into()), (2, "ب".into())];
        assert_eq!(update(&mut app, Action::Fetch), [Effect::FetchFeeds]);
        assert_eq!(app.feeds.fetching.map(|f| f.total), Some(2));
        assert!(update(&mut app, Action::Fetch).is_empty());
        assert_eq!(app.notice.as_deref(), Some("already fetching"));
    }
}
