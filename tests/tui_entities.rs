//! Entities in the reader: the pane, highlights on the right cells after
//! bidi reordering, ]/[ jumps, the list filtered by entity, tagging.

use ratatui::backend::TestBackend;
use ratatui::style::Style;
use ratatui::Terminal;
use sahifa::corpus::{Article, Corpus};
use sahifa::entities::Kind;
use sahifa::tui::{
    draw, handle_key, App, Effect, Key, KeyCode, Pane, PaneOrder, Settings, TagPrompt,
};

fn settings() -> Settings {
    Settings::for_order(PaneOrder::Rtl)
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .flat_map(|c| handle_key(app, Key::ch(c)))
        .collect()
}

fn one_article(paragraph: &str) -> Corpus {
    Corpus {
        articles: vec![Article {
            id: "a".into(),
            title: "خبر".into(),
            paragraphs: vec![paragraph.into()],
            source: "test".into(),
            meta: Default::default(),
            boilerplate: Vec::new(),
        }],
        warnings: Vec::new(),
    }
}

/// The symbols of the cells on screen drawn in `style`, per row, left to right.
fn cells_in(app: &App, style: Style) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    let article = app.geometry().article.unwrap();
    let mut runs = Vec::new();
    for y in article.y..article.bottom() {
        let mut run = String::new();
        for x in article.x..article.right() {
            let cell = &buf[(x, y)];
            if cell.fg == style.fg.unwrap() && cell.bg == ratatui::style::Color::Reset {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

#[test]
fn mentions_are_coloured_on_their_own_cells_after_reordering() {
    let corpus =
        one_article("قال الرئيس إيمانويل ماكرون في باريس إن 300 جندي من NATO وصلوا إلى كييف.");
    // Wide enough that the paragraph is one line, reordered as a whole.
    let app = App::new(&corpus, settings(), 200, 30);
    assert_eq!(app.article.rows.as_ref().unwrap().fields[1].lines.len(), 1);
    let theme = &app.settings.theme;
    // Visual order, shaped (كييف, last in the sentence, is leftmost): each name reads right to left on screen, the
    // number and the Latin name left to right, each on its own cells.
    assert_eq!(cells_in(&app, theme.person), ["ﻥﻭﺮﻛﺎﻣ ﻞﻳﻮﻧﺎﻤﻳﺇ"]);
    assert_eq!(cells_in(&app, theme.place), ["ﻒﻴﻴﻛ", "ﺲﻳﺭﺎﺑ"]);
    assert_eq!(cells_in(&app, theme.figure), ["300"]);
    assert_eq!(cells_in(&app, theme.organization), ["NATO"]);
}

#[test]
fn the_pane_groups_by_kind_and_jumps_between_mentions() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(), 120, 30);
    press(&mut a, "jjjj"); // 004: Kherson many times
    let kinds: Vec<Kind> = a.entities.groups.iter().map(|g| g.kind).collect();
    assert!(kinds
        .windows(2)
        .all(|w| Kind::ALL.iter().position(|k| *k == w[0])
            <= Kind::ALL.iter().position(|k| *k == w[1])));
    // Select Kherson in the entity pane and walk its mentions.
    a.focus = Pane::Entities;
    let kherson = a
        .entities
        .groups
        .iter()
        .position(|g| &*g.canonical == "خيرسون")
        .unwrap();
    while a.entities.selected < kherson {
        press(&mut a, "j");
    }
    let count = a.entities.groups[kherson].count();
    assert!(count >= 8, "{count}");
    for _ in 0..count {
        press(&mut a, "]");
    }
    let last = a.entities.current.unwrap();
    let m = &a.entities.mentions[last];
    let row = a
        .article
        .rows
        .as_ref()
        .unwrap()
        .row_of(&sahifa::search::Hit {
            paragraph: m.field,
            range: m.range.clone(),
        })
        .unwrap();
    assert!(
        (a.article.scroll..a.article.scroll + a.article_height()).contains(&row),
        "scrolled to it"
    );
    assert!(a.article.scroll > 0);
    press(&mut a, "]");
    assert_eq!(
        a.entities.current,
        Some(a.entities.groups[kherson].mentions[0]),
        "wraps"
    );
    press(&mut a, "[");
    assert_eq!(a.entities.current, Some(last));
}

#[test]
fn enter_in_the_pane_lists_every_article_naming_the_entity_and_esc_undoes_it() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(), 120, 30);
    press(&mut a, "jjj"); // 003 writes «خاركوف»; the gazetteer knows «خاركيف» too
    a.focus = Pane::Entities;
    let kharkiv = a
        .entities
        .groups
        .iter()
        .position(|g| &*g.canonical == "خاركيف")
        .unwrap();
    while a.entities.selected < kharkiv {
        press(&mut a, "j");
    }
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    let ids: Vec<&str> = a
        .list
        .visible
        .iter()
        .map(|&i| corpus.articles[i].id.as_str())
        .collect();
    assert!(ids.contains(&"003_35a7aea116d33d6c"));
    assert!(!ids.contains(&"002_a2c1dc23052bfcec"), "{ids:?}");
    handle_key(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(a.list.visible.len(), 5);
}

#[test]
fn t_asks_for_text_then_kind_and_requests_the_tag() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(), 120, 30);
    press(&mut a, "/ديجاريف");
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    press(&mut a, "n");
    press(&mut a, "t");
    assert_eq!(
        a.entities.tag,
        Some(TagPrompt::Text("ديجاريف".into())),
        "prefilled with the match"
    );
    handle_key(&mut a, Key::plain(KeyCode::Enter));
    assert_eq!(a.entities.tag, Some(TagPrompt::Kind("ديجاريف".into())));
    assert_eq!(
        press(&mut a, "p"),
        vec![Effect::TagEntity {
            text: "ديجاريف".into(),
            kind: Kind::Person
        }]
    );
    press(&mut a, "t");
    handle_key(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(a.entities.tag, None);
}

#[test]
fn ctrl_c_quits_from_the_tag_prompt() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(), 120, 30);
    press(&mut a, "t");
    let effects = handle_key(
        &mut a,
        Key {
            code: KeyCode::Char('c'),
            ctrl: true,
        },
    );
    assert_eq!(effects, vec![Effect::SaveSession]);
    assert!(a.quit);
}
