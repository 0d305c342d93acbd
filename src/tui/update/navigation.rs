//! Moving around: the list selection, the article's scroll position, the
//! entity selection, which pane has the focus, the entity pane's width.

use crate::tui::action::Action;
use crate::tui::geometry::Pane;
use crate::tui::state::App;

/// j/k, g/G, half pages: in the focused pane.
pub(super) fn move_by(app: &mut App, action: Action) {
    let half = half_page(app);
    let delta = match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::First => isize::MIN / 2,
        Action::Last => isize::MAX / 2,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        _ => return,
    };
    match app.focus {
        Pane::List => app.move_selection(delta),
        Pane::Article => scroll_article(app, delta),
        Pane::Entities => app.entities.move_by(delta),
    }
}

fn half_page(app: &App) -> isize {
    let h = match app.focus {
        Pane::Article => app.article_height(),
        _ => app.list_height(),
    };
    isize::try_from(h / 2).unwrap_or(1).max(1)
}

fn scroll_article(app: &mut App, delta: isize) {
    app.article.scroll = app.article.scroll.saturating_add_signed(delta);
    app.clamp_scroll();
}

/// Enter: from the list, read the article; in the entity pane, list the
/// articles that name the selected entity.
pub(super) fn open(app: &mut App) {
    match app.focus {
        Pane::List if app.selected().is_some() => set_focus(app, Pane::Article),
        Pane::Entities => super::entities::list_by_entity(app),
        _ => {}
    }
}

pub(super) fn focus(app: &mut App, action: Action) {
    match action {
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrevious => cycle_focus(app, Pane::ORDER.len() - 1),
        Action::FocusLeft => focus_side(app, -1),
        Action::FocusRight => focus_side(app, 1),
        _ => {}
    }
}

pub(super) fn set_focus(app: &mut App, pane: Pane) {
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

/// `w`: the entity pane a third of the screen, or back to narrow. The
/// article gives the room and is laid out again.
pub(super) fn widen_entities(app: &mut App) {
    app.wide_entities = !app.wide_entities;
    app.show_selected();
    if !app.geometry().is_wide() {
        app.notice = Some("the entity pane is wider on screens of 100 columns or more".into());
    }
}

pub(super) fn scroll_at(app: &mut App, x: u16, y: u16, lines: isize) {
    match app.geometry().pane_at(x, y) {
        Some(Pane::Article) => scroll_article(app, lines),
        Some(Pane::List) => app.move_selection(lines),
        _ => {}
    }
}
