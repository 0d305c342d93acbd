//! Finding in the open article (`f`): matches light up and the article
//! scrolls to the first one below where you were as you type; `n`/`N` walk
//! them (or the filter's matches when there is no find); Esc in the prompt
//! gives back the previous find and scroll position.

use super::{navigation, prompt};
use crate::search::Query;
use crate::tui::action::Action;
use crate::tui::editor::Editor;
use crate::tui::effect::Effect;
use crate::tui::geometry::Pane;
use crate::tui::keymap::Section;
use crate::tui::mode::Mode;
use crate::tui::state::{App, FindState};

pub(super) fn start(app: &mut App) {
    if app.open_article().is_none() {
        app.notice = Some("open an article to find in it".into());
        return;
    }
    if app.focus != Pane::Article {
        // On a narrow screen, the article must be the pane on screen.
        navigation::set_focus(app, Pane::Article);
    }
    app.mode = Mode::Find {
        editor: Editor::default(),
        before: app.article.find.as_ref().map(|f| f.input.clone()),
        scroll: app.article.scroll,
    };
    set_find(app, Some(String::new()));
}

pub(super) fn key(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            app.mode = Mode::Normal;
            if app
                .article
                .find
                .as_ref()
                .is_some_and(|f| f.input.is_empty())
            {
                set_find(app, None);
            } else if !app.article.hits.is_empty() {
                app.notice = Some(counted(app));
            }
        }
        Action::Cancel => {
            if let Mode::Find { before, scroll, .. } = std::mem::take(&mut app.mode) {
                set_find(app, before);
                app.article.scroll = scroll;
                app.clamp_scroll();
            }
        }
        Action::NextMatch => jump(app, true),
        Action::PreviousMatch => jump(app, false),
        other => {
            if prompt::edit(app, other) {
                changed(app);
            }
        }
    }
    Vec::new()
}

fn set_find(app: &mut App, input: Option<String>) {
    app.article.find = input.map(|input| FindState {
        query: Query::parse(&input),
        input,
    });
    app.refresh_hits();
}

/// Live: the matches of what is typed, the first one at or below where
/// the article was when the prompt opened.
pub(super) fn changed(app: &mut App) {
    let Mode::Find { editor, scroll, .. } = &app.mode else {
        return;
    };
    let (input, from) = (editor.text().to_string(), *scroll);
    set_find(app, Some(input.clone()));
    app.article.scroll = from;
    app.clamp_scroll();
    if app.article.hits.is_empty() {
        if !app.article_query().is_empty() {
            app.notice = Some("not found in this article".into());
        }
        return;
    }
    let first = first_hit_from(app, from);
    app.article.current = Some(first);
    let hit = app.article.hits[first].clone();
    app.scroll_to(&hit);
}

/// `n` / `N`: the next or previous match, scrolled into view.
pub(super) fn jump(app: &mut App, forward: bool) {
    let n = app.article.hits.len();
    if n == 0 {
        app.notice = Some(if app.article_query().is_empty() {
            let keys = &app.settings.keymap;
            let filter = keys.key_name(Section::Normal, Action::Filter);
            let find = keys.key_name(Section::Normal, Action::Find);
            match (filter, find) {
                (Some(a), Some(b)) => format!("nothing to walk through: {a} filters, {b} finds"),
                _ => "nothing to walk through: no filter or find".into(),
            }
        } else {
            "no match in this article".into()
        });
        return;
    }
    let next = match (app.article.current, forward) {
        (None, true) => first_hit_from(app, app.article.scroll),
        (None, false) => n - 1,
        (Some(c), true) => (c + 1) % n,
        (Some(c), false) => (c + n - 1) % n,
    };
    app.article.current = Some(next);
    let hit = app.article.hits[next].clone();
    app.scroll_to(&hit);
    app.notice = Some(counted(app));
}

/// "match 3 of 7" for the current match.
fn counted(app: &App) -> String {
    let n = app.article.hits.len();
    match app.article.current {
        Some(c) => format!("match {} of {n}", c + 1),
        None => format!("{n} matches"),
    }
}

/// The first match at or below row `from`.
fn first_hit_from(app: &App, from: usize) -> usize {
    let Some(rows) = &app.article.rows else {
        return 0;
    };
    app.article
        .hits
        .iter()
        .position(|h| rows.row_of(h).is_some_and(|r| r >= from))
        .unwrap_or(0)
}
