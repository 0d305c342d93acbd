//! `update(state, action)`: the reader's behaviour, pure and testable. It
//! returns the effects (saving the session) that the event loop performs.

use super::action::Action;
use super::bookmarking;
use super::entity_actions;
use super::geometry::Pane;
use super::keymap::{Key, KeyCode};
use super::state::App;
use crate::search::{CorpusFilter, Query};
use unicode_segmentation::UnicodeSegmentation;

/// Work for the event loop, outside the pure state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Remember the open article and scroll position.
    SaveSession,
    /// Save the bookmark store.
    SaveBookmarks,
    /// Write the bookmarks to a file in this format and say where.
    Export(crate::bookmarks::export::Format),
    /// Add `text` to the user gazetteer as `kind` and detect again.
    TagEntity {
        text: String,
        kind: crate::entities::Kind,
    },
}

/// Routes a key: to the filter prompt while it is open, else through the
/// key map.
pub fn handle_key(app: &mut App, key: Key) -> Vec<Effect> {
    app.notice = None;
    if app.filter.editing {
        return edit_filter(app, key);
    }
    if let Some(prompt) = app.entities.tag.clone() {
        return entity_actions::answer_tag(app, prompt, key);
    }
    if app.marks.prompt.is_some() || app.marks.pane {
        return bookmarking::handle_key(app, key);
    }
    match app.settings.keymap.action(key) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if app.help && !matches!(action, Action::Help | Action::Quit | Action::Clear) {
        // Help is modal; movement scrolls it (drawing clamps the offset).
        app.help_scroll = match action {
            Action::MoveDown | Action::HalfPageDown => app.help_scroll + 1,
            Action::MoveUp | Action::HalfPageUp => app.help_scroll.saturating_sub(1),
            Action::First => 0,
            Action::Last => usize::MAX / 2,
            _ => app.help_scroll,
        };
        return Vec::new();
    }
    if app.loading.is_some()
        && matches!(
            action,
            Action::ToggleBookmark | Action::MarkRange | Action::Bookmarks | Action::Export
        )
    {
        // Bookmarks are found in the corpus once all of it is there.
        app.notice = Some("bookmarks open when loading is done".into());
        return Vec::new();
    }
    match action {
        Action::MoveDown => move_by(app, 1),
        Action::MoveUp => move_by(app, -1),
        Action::First => move_by(app, isize::MIN / 2),
        Action::Last => move_by(app, isize::MAX / 2),
        Action::HalfPageDown => move_by(app, half_page(app)),
        Action::HalfPageUp => move_by(app, -half_page(app)),
        Action::Open => {
            if app.focus == Pane::List && app.selected().is_some() {
                set_focus(app, Pane::Article);
            } else if app.focus == Pane::Entities {
                entity_actions::filter_by_entity(app);
            }
        }
        Action::NextMention => entity_actions::jump_mention(app, true),
        Action::PreviousMention => entity_actions::jump_mention(app, false),
        Action::TagEntity => entity_actions::start_tag(app),
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrevious => cycle_focus(app, 2),
        Action::FocusLeft => focus_side(app, -1),
        Action::FocusRight => focus_side(app, 1),
        Action::Filter => app.filter.editing = true,
        Action::NextMatch => jump_match(app, true),
        Action::PreviousMatch => jump_match(app, false),
        Action::ToggleBookmark => return bookmarking::toggle_bookmark(app),
        Action::MarkRange => return bookmarking::mark_range(app),
        Action::Bookmarks => {
            app.marks.pane = true;
            let last = app.marks.store.bookmarks().len().saturating_sub(1);
            app.marks.selected = app.marks.selected.min(last);
        }
        Action::Export => app.marks.prompt = Some(bookmarking::Prompt::ExportMenu),
        Action::Clear => {
            if app.help {
                app.help = false;
            } else if app.marks.range_from.take().is_some() {
                app.notice = Some("range cancelled".into());
            } else if app.entities.filter.take().is_some() {
                let input = app.filter.input.clone();
                set_filter(app, input);
            } else if !app.filter.input.is_empty() {
                set_filter(app, String::new());
            }
        }
        Action::Help => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::Quit => {
            if app.help {
                app.help = false;
            } else {
                app.quit = true;
                return vec![Effect::SaveSession];
            }
        }
    }
    Vec::new()
}

/// New terminal size: panes and the article layout follow.
pub fn resize(app: &mut App, width: u16, height: u16) {
    // (The window of counted rows depends on the height.)
    app.width = width;
    app.height = height;
    app.show_selected();
    keep_selection_visible(app);
    refresh_counts(app);
}

/// Mouse wheel over a pane scrolls that pane (`lines` < 0 is up).
pub fn scroll_at(app: &mut App, x: u16, y: u16, lines: isize) {
    // Not under an overlay or a prompt.
    if app.help
        || app.marks.pane
        || app.marks.prompt.is_some()
        || app.filter.editing
        || app.entities.tag.is_some()
    {
        return;
    }
    match app.geometry().pane_at(x, y) {
        Some(Pane::Article) => scroll_article(app, lines),
        Some(Pane::List) => move_selection(app, lines),
        _ => {}
    }
}

fn half_page(app: &App) -> isize {
    let h = match app.focus {
        Pane::Article => app.article_height(),
        _ => app.list_height(),
    };
    isize::try_from(h / 2).unwrap_or(1).max(1)
}

fn move_by(app: &mut App, delta: isize) {
    match app.focus {
        Pane::List => move_selection(app, delta),
        Pane::Article => scroll_article(app, delta),
        Pane::Entities => entity_actions::move_selection(app, delta),
    }
}

fn move_selection(app: &mut App, delta: isize) {
    let len = app.list.visible.len();
    if len == 0 {
        return;
    }
    let target = app.list.selected.saturating_add_signed(delta).min(len - 1);
    if target != app.list.selected {
        app.list.selected = target;
        app.show_selected();
        keep_selection_visible(app);
        refresh_counts(app);
    }
}

fn scroll_article(app: &mut App, delta: isize) {
    app.article.scroll = app.article.scroll.saturating_add_signed(delta);
    app.clamp_scroll();
}

pub(super) fn keep_selection_visible(app: &mut App) {
    let h = app.list_height();
    let l = &mut app.list;
    if l.selected < l.offset {
        l.offset = l.selected;
    } else if l.selected >= l.offset + h {
        l.offset = l.selected + 1 - h;
    }
    l.offset = l.offset.min(l.visible.len().saturating_sub(h));
}

fn set_focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    // A narrow screen shows one pane; its width may differ.
    app.show_selected();
}

fn cycle_focus(app: &mut App, step: usize) {
    let i = Pane::ORDER
        .iter()
        .position(|&p| p == app.focus)
        .unwrap_or(0);
    set_focus(app, Pane::ORDER[(i + step) % Pane::ORDER.len()]);
}

/// h/l and ←/→ move to the pane physically on that side (mirrored in the
/// right-to-left arrangement).
fn focus_side(app: &mut App, dir: isize) {
    let panes = app.settings.order.left_to_right();
    let i = panes.iter().position(|&p| p == app.focus).unwrap_or(0);
    if let Some(&pane) = i.checked_add_signed(dir).and_then(|j| panes.get(j)) {
        set_focus(app, pane);
    }
}

fn jump_match(app: &mut App, forward: bool) {
    let n = app.article.hits.len();
    if n == 0 {
        app.notice = Some(if app.filter.query.is_empty() {
            "no filter: press / to search".into()
        } else {
            "no match in this article".into()
        });
        return;
    }
    let next = match (app.article.current, forward) {
        (None, true) => first_hit_from(app),
        (None, false) => n - 1,
        (Some(c), true) => (c + 1) % n,
        (Some(c), false) => (c + n - 1) % n,
    };
    app.article.current = Some(next);
    let row = app
        .article
        .rows
        .as_ref()
        .and_then(|r| r.row_of(&app.article.hits[next]));
    if let Some(row) = row {
        // Show the match a few rows below the top, for context.
        let h = app.article_height();
        let visible = app.article.scroll..app.article.scroll + h;
        if !visible.contains(&row) {
            app.article.scroll = row.saturating_sub(h / 3);
            app.clamp_scroll();
        }
    }
    app.notice = Some(format!("match {} of {n}", next + 1));
}

/// The first match at or below the top of the pane.
fn first_hit_from(app: &App) -> usize {
    let Some(rows) = &app.article.rows else {
        return 0;
    };
    app.article
        .hits
        .iter()
        .position(|h| rows.row_of(h).is_some_and(|r| r >= app.article.scroll))
        .unwrap_or(0)
}

fn edit_filter(app: &mut App, key: Key) -> Vec<Effect> {
    let mut input = app.filter.input.clone();
    match (key.code, key.ctrl) {
        (KeyCode::Char('c'), true) => return update(app, Action::Quit),
        (KeyCode::Char('u'), true) => input.clear(),
        (KeyCode::Char(c), false) => input.push(c),
        (KeyCode::Backspace, _) => {
            let cut = input
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(i, _)| i);
            input.truncate(cut);
        }
        (KeyCode::Enter, _) => {
            app.filter.editing = false;
            set_focus(app, Pane::List);
            return Vec::new();
        }
        (KeyCode::Esc, _) => {
            app.filter.editing = false;
            input.clear();
        }
        (KeyCode::Down, _) => move_selection(app, 1),
        (KeyCode::Up, _) => move_selection(app, -1),
        _ => {}
    }
    if input != app.filter.input {
        set_filter(app, input);
    }
    Vec::new()
}

/// Applies a new filter text: the list shrinks to matching articles, the
/// selection stays on the same article when it still matches.
pub fn set_filter(app: &mut App, input: String) {
    let keep = app.selected();
    app.filter.query = Query::parse(&input);
    app.filter.input = input;
    if app.filter.query.is_empty() {
        app.list.visible = (0..app.corpus.articles.len()).collect();
    } else if app.filter.index.is_none() && app.filter.building {
        // The index is on its way; `install_filter` applies the query then.
        // The open article's matches need no index.
        app.refresh_hits();
        app.notice = Some("preparing the filter…".into());
        return;
    } else {
        let articles = &app.corpus.articles;
        let index = app
            .filter
            .index
            .get_or_insert_with(|| CorpusFilter::new(articles));
        app.list.visible = index
            .matching(&app.filter.input)
            .iter()
            .map(|&i| i as usize)
            .collect();
    }
    if let Some((_, _, mentioning)) = &app.entities.filter {
        app.list
            .visible
            .retain(|i| mentioning.binary_search(i).is_ok());
    }
    app.list.selected = keep
        .and_then(|k| app.list.visible.iter().position(|&i| i == k))
        .unwrap_or(0);
    app.list.offset = 0;
    keep_selection_visible(app);
    app.show_selected();
    refresh_counts(app);
}

/// The filter index built in the background has arrived: a query typed
/// meanwhile takes effect now.
pub fn install_filter(app: &mut App, index: CorpusFilter) {
    app.filter.index = Some(index);
    app.filter.building = false;
    if !app.filter.query.is_empty() {
        let input = app.filter.input.clone();
        set_filter(app, input);
        app.notice = None;
    }
}

/// Word and match counts for the articles in the list's window only: the
/// list shows them, and counting the whole corpus on every keystroke would
/// not scale.
pub(super) fn refresh_counts(app: &mut App) {
    app.filter.counts.clear();
    let window = app.list.offset..(app.list.offset + app.list_height()).min(app.list.visible.len());
    for &i in &app.list.visible[window] {
        let article = &app.corpus.articles[i];
        app.list
            .words
            .entry(i)
            .or_insert_with(|| article.word_count());
        if let (Some(index), false) = (&app.filter.index, app.filter.query.is_empty()) {
            let n = index.count(i, &app.filter.query, article.title_is_lead());
            app.filter.counts.insert(i, n);
        }
    }
}
