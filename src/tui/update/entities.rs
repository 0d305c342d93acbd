//! What the entity keys do: `]`/`[` between the selected entity's mentions,
//! Enter in the entity pane to list every article naming it, `t` to tag a
//! word or phrase into the user gazetteer (then choose its kind).

use super::prompt;
use crate::entities::Kind;
use crate::search::{CorpusFilter, Hit};
use crate::tui::action::Action;
use crate::tui::editor::Editor;
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;
use crate::tui::quote::quote;
use crate::tui::state::App;

/// `]` / `[`: the next or previous mention of the selected entity, scrolled
/// into view.
pub(super) fn jump_mention(app: &mut App, forward: bool) {
    let Some(group) = app.entities.selected_group() else {
        app.notice = Some("no entity in this article".into());
        return;
    };
    let list = group.mentions.clone();
    let name = group.canonical.clone();
    let pos = app
        .entities
        .current
        .and_then(|c| list.iter().position(|&m| m == c));
    let next = match (pos, forward) {
        (None, true) => 0,
        (None, false) => list.len() - 1,
        (Some(p), true) => (p + 1) % list.len(),
        (Some(p), false) => (p + list.len() - 1) % list.len(),
    };
    let mention = &app.entities.mentions[list[next]];
    let hit = Hit {
        paragraph: mention.field,
        range: mention.range.clone(),
    };
    app.entities.current = Some(list[next]);
    app.scroll_to(&hit);
    app.notice = Some(format!(
        "{}: mention {} of {}",
        quote(&name),
        next + 1,
        list.len()
    ));
}

/// The text of field `field` (0 = title) of article `index`.
fn field_text<'a>(app: &'a App, index: usize, field: usize) -> Option<&'a str> {
    let article = app.article(index);
    match field {
        0 => Some(&article.title),
        n => article.paragraphs.get(n - 1).map(String::as_str),
    }
}

/// Enter in the entity pane: the list shows every article that mentions the
/// selected entity under any of its names (found with the filter index).
pub(super) fn list_by_entity(app: &mut App) {
    let Some(group) = app.entities.selected_group() else {
        return;
    };
    let (canonical, kind) = (group.canonical.clone(), group.kind);
    let mut names = app.entities.names_of(&canonical, kind);
    if let Some(index) = app.open_article() {
        for &m in &group.mentions {
            let mention = &app.entities.mentions[m];
            let surface = field_text(app, index, mention.field)
                .and_then(|text| text.get(mention.range.clone()));
            names.extend(surface.map(String::from));
        }
    }
    names.sort();
    names.dedup();
    if app.shelf.is_some() {
        // The library's worker finds them; `App::receive` shows them.
        if app.filter.building {
            app.notice = Some("preparing the filter… try again in a moment".into());
            return;
        }
        app.filter.generation += 1;
        let generation = app.filter.generation;
        app.filter
            .requests
            .push(crate::tui::articles::worker::Request::Naming { generation, names });
        app.notice = Some(format!(
            "finding the articles naming {}…",
            quote(&canonical)
        ));
        app.filter.naming = Some((generation, canonical, kind));
        return;
    }
    if app.filter.index.is_none() && app.filter.building {
        app.notice = Some("preparing the filter… try again in a moment".into());
        return;
    }
    let articles = &app.corpus.articles;
    let index = app
        .filter
        .index
        .get_or_insert_with(|| CorpusFilter::new(articles));
    let mut found: Vec<usize> = Vec::new();
    for name in &names {
        let phrase = format!("\"{}\"", name.replace('"', " "));
        found.extend(index.matching(&phrase).iter().map(|&i| i as usize));
    }
    found.sort_unstable();
    found.dedup();
    let count = found.len();
    app.entities.filter = Some((canonical.clone(), kind, found));
    app.set_filter(app.filter.input.clone());
    app.notice = Some(crate::tui::state::naming_notice(app, count, &canonical));
}

/// `t`: asks for the text to tag, prefilled with the match `n` went to.
pub(super) fn start_tag(app: &mut App) {
    let prefill = app
        .article
        .current
        .and_then(|c| app.article.hits.get(c))
        .and_then(|h| {
            let text = field_text(app, app.open_article()?, h.paragraph)?;
            text.get(h.range.clone())
        })
        .unwrap_or_default();
    app.mode = Mode::Tag {
        editor: Editor::new(prefill),
    };
}

/// Keys while the text to tag is typed.
pub(super) fn tag_key(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            let text = app
                .mode
                .editor()
                .map(|e| e.text().trim().to_string())
                .unwrap_or_default();
            if text.is_empty() {
                app.mode = Mode::Normal;
                app.notice = Some("not tagged".into());
            } else {
                app.mode = Mode::TagKind { text };
            }
        }
        Action::Cancel => {
            app.mode = Mode::Normal;
            app.notice = Some("not tagged".into());
        }
        other => {
            prompt::edit(app, other);
        }
    }
    Vec::new()
}

/// Person, place or organisation; anything else cancels.
pub(super) fn kind_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::TagKind { text } = std::mem::take(&mut app.mode) else {
        return Vec::new();
    };
    let kind = match action {
        Action::TagPerson => Kind::Person,
        Action::TagPlace => Kind::Location,
        Action::TagOrganization => Kind::Organization,
        _ => {
            app.notice = Some("not tagged".into());
            return Vec::new();
        }
    };
    vec![Effect::TagEntity { text, kind }]
}
