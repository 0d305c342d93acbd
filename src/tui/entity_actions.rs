//! What the entity keys do: move in the entity pane, `]`/`[` between the
//! selected entity's mentions, Enter to list every article mentioning it,
//! `t` to tag a word or phrase into the user gazetteer.

use super::keymap::{Key, KeyCode};
use super::state::App;
use super::update::{set_filter, Effect};
use super::TagPrompt;
use crate::entities::Kind;
use crate::search::{CorpusFilter, Hit};

/// j/k in the entity pane.
pub fn move_selection(app: &mut App, delta: isize) {
    let n = app.entities.groups.len();
    if n > 0 {
        app.entities.selected = app
            .entities
            .selected
            .saturating_add_signed(delta)
            .min(n - 1);
        app.entities.current = None;
    }
}

/// `]` / `[`: the next or previous mention of the selected entity, scrolled
/// into view.
pub fn jump_mention(app: &mut App, forward: bool) {
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
    if let Some(row) = app.article.rows.as_ref().and_then(|r| r.row_of(&hit)) {
        let h = app.article_height();
        if !(app.article.scroll..app.article.scroll + h).contains(&row) {
            app.article.scroll = row.saturating_sub(h / 3);
            app.clamp_scroll();
        }
    }
    app.notice = Some(format!("{name}: mention {} of {}", next + 1, list.len()));
}

/// Enter in the entity pane: the list shows every article that mentions the
/// selected entity under any of its names (found with the filter index).
pub fn filter_by_entity(app: &mut App) {
    let Some(group) = app.entities.selected_group() else {
        return;
    };
    let (canonical, kind) = (group.canonical.clone(), group.kind);
    let mut names = app.entities.names_of(&canonical, kind);
    if let Some(index) = app.article.rows.as_ref().map(|r| r.article) {
        let article = &app.corpus.articles[index];
        for &m in &group.mentions {
            let mention = &app.entities.mentions[m];
            let field = if mention.field == 0 {
                &article.title
            } else {
                &article.paragraphs[mention.field - 1]
            };
            if let Some(surface) = field.get(mention.range.clone()) {
                names.push(surface.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
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
    let input = app.filter.input.clone();
    set_filter(app, input);
    app.notice = Some(format!(
        "{count} articles mention {canonical} · Esc shows all"
    ));
}

/// `t`: asks for the text to tag, prefilled with the match `n` went to.
pub fn start_tag(app: &mut App) {
    let prefill = app
        .article
        .current
        .and_then(|c| app.article.hits.get(c))
        .and_then(|h| {
            let index = app.article.rows.as_ref()?.article;
            let a = &app.corpus.articles[index];
            let field = if h.paragraph == 0 {
                &a.title
            } else {
                a.paragraphs.get(h.paragraph - 1)?
            };
            field.get(h.range.clone()).map(String::from)
        })
        .unwrap_or_default();
    app.entities.tag = Some(TagPrompt::Text(prefill));
}

/// Keys while the tag prompt is open.
pub fn answer_tag(app: &mut App, prompt: TagPrompt, key: Key) -> Vec<Effect> {
    app.entities.tag = None;
    if key.ctrl && key.code == KeyCode::Char('c') {
        app.quit = true;
        return vec![Effect::SaveSession];
    }
    match prompt {
        TagPrompt::Text(mut text) => match key.code {
            KeyCode::Enter if !text.trim().is_empty() => {
                app.entities.tag = Some(TagPrompt::Kind(text.trim().to_string()))
            }
            KeyCode::Esc | KeyCode::Enter => app.notice = Some("not tagged".into()),
            KeyCode::Backspace => {
                text.pop();
                app.entities.tag = Some(TagPrompt::Text(text));
            }
            KeyCode::Char('u') if key.ctrl => {
                app.entities.tag = Some(TagPrompt::Text(String::new()))
            }
            KeyCode::Char(c) if !key.ctrl => {
                text.push(c);
                app.entities.tag = Some(TagPrompt::Text(text));
            }
            _ => app.entities.tag = Some(TagPrompt::Text(text)),
        },
        TagPrompt::Kind(text) => {
            let kind = match key.code {
                KeyCode::Char('p') => Kind::Person,
                KeyCode::Char('l') => Kind::Location,
                KeyCode::Char('o') => Kind::Organization,
                _ => {
                    app.notice = Some("not tagged".into());
                    return Vec::new();
                }
            };
            return vec![Effect::TagEntity { text, kind }];
        }
    }
    Vec::new()
}
