//! `update(state, action)`: the reader's behaviour, pure and testable. A key
//! becomes an action through the key map section of the current mode; the
//! mode decides which feature module handles it. Updates return the effects
//! (saving, exporting, opening a browser) that the event loop performs.

mod bookmarks;
mod entities;
mod feeds;
mod filter;
mod find;
mod navigation;
mod prompt;
mod reading;

pub use reading::{current_session, restore_session};

use super::action::Action;
use super::effect::Effect;
use super::keymap::Key;
use super::mode::{Back, Mode};
use super::state::App;

/// A key from the terminal: the action the current mode's key map gives
/// it, or text typed into a prompt.
pub fn handle_key(app: &mut App, key: Key) -> Vec<Effect> {
    app.notice = None;
    let section = app.mode.section();
    match app.settings.keymap.action(section, key) {
        Some(action) => update(app, action),
        None if section.takes_text() => match key.typed_char() {
            Some(c) => {
                if let Some(editor) = app.mode.editor_mut() {
                    if !editor.insert(c) {
                        app.notice = Some("the prompt is full".into());
                    }
                }
                typed(app);
                Vec::new()
            }
            None => Vec::new(),
        },
        // A question answered with any other key: no.
        None => match app.mode {
            Mode::ConfirmDelete { .. } => update(app, Action::No),
            Mode::Export { .. } | Mode::TagKind { .. } => update(app, Action::Cancel),
            _ => Vec::new(),
        },
    }
}

/// Pasted text (bracketed paste): it goes into the prompt being typed in,
/// line breaks becoming spaces, and is never taken as keys.
pub fn handle_paste(app: &mut App, text: &str) -> Vec<Effect> {
    app.notice = None;
    let Some(editor) = app.mode.editor_mut() else {
        let filter = (app.settings.keymap).say(Action::Filter, |k| format!(": {k} filters"));
        app.notice = Some(format!("pasted text goes into a prompt{filter}"));
        return Vec::new();
    };
    if !editor.paste(text) {
        app.notice = Some(format!(
            "the paste was cut to {} characters",
            super::editor::MAX_CHARS
        ));
    }
    typed(app);
    Vec::new()
}

/// What `action` does in the current mode.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        app.quit = true;
        return vec![Effect::SaveSession];
    }
    let mut effects = match &app.mode {
        Mode::Normal => normal(app, action),
        Mode::Filter { .. } => filter::key(app, action),
        Mode::Find { .. } => find::key(app, action),
        Mode::Help { .. } => help(app, action),
        Mode::Bookmarks => bookmarks::pane_key(app, action),
        Mode::Note { .. } => bookmarks::note_key(app, action),
        Mode::ConfirmDelete { .. } => bookmarks::confirm_key(app, action),
        Mode::Export { .. } => bookmarks::export_key(app, action),
        Mode::Tag { .. } => entities::tag_key(app, action),
        Mode::TagKind { .. } => entities::kind_key(app, action),
    };
    effects.extend(reading::mark_opened(app));
    effects
}

/// The prompt's text changed: the filter and the find follow it live.
fn typed(app: &mut App) {
    match app.mode {
        Mode::Filter { .. } => filter::changed(app),
        Mode::Find { .. } => find::changed(app),
        _ => {}
    }
}

/// Normal mode: reading.
fn normal(app: &mut App, action: Action) -> Vec<Effect> {
    use Action::*;
    if app.loading.is_some() && matches!(action, ToggleBookmark | MarkRange | Bookmarks | Export) {
        // Bookmarks are found in the corpus once all of it is there.
        app.notice = Some("bookmarks open when loading is done".into());
        return Vec::new();
    }
    match action {
        MoveDown | MoveUp | First | Last | HalfPageDown | HalfPageUp => {
            navigation::move_by(app, action)
        }
        Open => navigation::open(app),
        FocusNext | FocusPrevious | FocusLeft | FocusRight => navigation::focus(app, action),
        Filter => filter::start(app),
        Find => find::start(app),
        NextMatch => find::jump(app, true),
        PreviousMatch => find::jump(app, false),
        Clear => clear(app),
        NextMention => entities::jump_mention(app, true),
        PreviousMention => entities::jump_mention(app, false),
        TagEntity => entities::start_tag(app),
        ToggleBookmark => return bookmarks::toggle(app),
        MarkRange => return bookmarks::mark_range(app),
        Bookmarks => bookmarks::open_pane(app),
        Export => {
            app.mode = Mode::Export { back: Back::Normal };
        }
        OpenUrl => return reading::open_url(app),
        CopyUrl => return reading::copy_url(app),
        ToggleRead => return reading::toggle_read(app),
        NextView => return feeds::next_view(app),
        Fetch => return feeds::fetch(app),
        WidenEntities => navigation::widen_entities(app),
        Help => {
            app.mode = Mode::Help {
                scroll: 0,
                back: Back::Normal,
            }
        }
        _ => {}
    }
    Vec::new()
}

/// `Esc` in normal mode undoes the latest of: a range being chosen, the
/// find in the article, the list of an entity's articles, the filter.
fn clear(app: &mut App) {
    if app.marks.range_from.take().is_some() {
        app.notice = Some("range cancelled".into());
    } else if app.article.find.take().is_some() {
        app.refresh_hits();
    } else if app.entities.filter.take().is_some() {
        app.set_filter(app.filter.input.clone());
    } else if !app.filter.input.is_empty() {
        app.set_filter(String::new());
    }
}

/// The help overlay: movement scrolls it (drawing clamps the offset).
fn help(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Help { scroll, back } = &mut app.mode else {
        return Vec::new();
    };
    *scroll = match action {
        Action::MoveDown | Action::HalfPageDown => *scroll + 1,
        Action::MoveUp | Action::HalfPageUp => scroll.saturating_sub(1),
        Action::First => 0,
        Action::Last => usize::MAX / 2,
        Action::Close => {
            app.mode = match back {
                Back::Normal => Mode::Normal,
                Back::Bookmarks => Mode::Bookmarks,
            };
            return Vec::new();
        }
        _ => *scroll,
    };
    Vec::new()
}

/// New terminal size: panes and the article layout follow.
pub fn resize(app: &mut App, width: u16, height: u16) {
    app.width = width;
    app.height = height;
    app.show_selected();
    // (The window of counted rows depends on the height.)
    app.keep_selection_visible();
    app.refresh_counts();
}

/// Mouse wheel over a pane scrolls that pane (`lines` < 0 is up); not
/// under an overlay or a prompt.
pub fn scroll_at(app: &mut App, x: u16, y: u16, lines: isize) {
    if app.mode != Mode::Normal {
        return;
    }
    navigation::scroll_at(app, x, y, lines);
}
