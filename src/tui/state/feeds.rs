//! What the reader knows of the library's feeds: which view the list
//! shows (all, unread, one feed's), the feeds to choose from, and a fetch
//! running in the background. The views themselves are the library's
//! ([`crate::library::View`]); this only names and cycles them.

use super::App;
use crate::library::View;

/// A fetch in progress, as the status bar says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fetching {
    pub done: usize,
    pub total: usize,
    pub added: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FeedsState {
    pub view: View,
    /// The library's feeds (key, name), in the order they were added.
    pub feeds: Vec<(i64, String)>,
    pub fetching: Option<Fetching>,
    /// The list is being read again (not first loaded): another view may
    /// be asked for meanwhile.
    pub reloading: bool,
}

impl FeedsState {
    /// The view after the current one: all → unread → each feed → all.
    pub fn next(&self) -> View {
        let feed_after = |from: usize| {
            self.feeds
                .get(from)
                .map_or(View::All, |&(key, _)| View::Feed(key))
        };
        match self.view {
            View::All => View::Unread,
            View::Unread => feed_after(0),
            View::Feed(key) => match self.feeds.iter().position(|&(k, _)| k == key) {
                Some(at) => feed_after(at + 1),
                // A feed no longer there: start again.
                None => View::All,
            },
        }
    }

    /// The view in words: `all`, `unread`, or the feed's name.
    pub fn label(&self) -> String {
        match self.view {
            View::All => "all".into(),
            View::Unread => "unread".into(),
            View::Feed(key) => self
                .feeds
                .iter()
                .find(|&&(k, _)| k == key)
                .map_or_else(|| "a removed feed".into(), |(_, name)| name.clone()),
        }
    }

    /// The view as the reader's sentences say it: a feed's name quoted.
    pub fn said(&self) -> String {
        match self.view {
            View::Feed(_) => crate::tui::quote::quote(&self.label()),
            View::All | View::Unread => self.label(),
        }
    }
}

/// The `YYYY-MM-DD` a date starts with, if it does.
pub(crate) fn iso_day(published: &str) -> Option<&str> {
    let day = published.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)).then_some(day)
}

impl App<'_> {
    /// Empties the list for the library's order to arrive again (another
    /// view, or new articles): what is read and the read marks of this
    /// run stay.
    pub(crate) fn restart_list(&mut self) {
        let Some(shelf) = &mut self.shelf else {
            return;
        };
        shelf.restart();
        self.list.visible.clear();
        self.list.selected = 0;
        self.list.offset = 0;
        self.list.words.clear();
        self.filter.counts.clear();
        self.filter.pending = None;
        self.filter.naming = None;
        self.filter.building = true;
        self.entities.filter = None;
        self.article.rows = None;
        self.article.scroll = 0;
        self.opened = None;
        self.loading = Some(Default::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_only_from_a_date_that_starts_with_one() {
        assert_eq!(iso_day("2015-08-11T10:00:00Z"), Some("2015-08-11"));
        assert_eq!(iso_day("2015-08-11"), Some("2015-08-11"));
        for not in [
            "Tue, 12 Jan 2016",
            "2015/08/11",
            "٢٠١٥-٠٨-١١",
            "2015-08-1",
            "",
        ] {
            assert_eq!(iso_day(not), None, "{not}");
        }
    }

    #[test]
    fn views_cycle_through_every_feed_and_back() {
        let mut feeds = FeedsState {
            feeds: vec![(3, "الأولى".into()), (7, "الثانية".into())],
            ..FeedsState::default()
        };
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(feeds.label());
            feeds.view = feeds.next();
        }
        assert_eq!(seen, ["all", "unread", "الأولى", "الثانية", "all"]);
        feeds.feeds.clear();
        feeds.view = View::Feed(7);
        assert_eq!(feeds.label(), "a removed feed");
        assert_eq!(feeds.next(), View::All);
        feeds.view = View::Unread;
        assert_eq!(feeds.next(), View::All, "no feeds: unread then all");
    }
}
