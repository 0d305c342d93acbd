//! Entities in the reader: the pane, highlights on the right cells after
//! bidi reordering, ]/[ jumps, the list filtered by entity, tagging.

use crate::helpers::{
    cells_in, ctrl, key, one_article, press, select_entity, settings, status, text,
};
use sahifa::corpus::Corpus;
use sahifa::entities::Kind;
use sahifa::tui::{App, Effect, KeyCode, Mode, PaneOrder};

#[test]
fn mentions_are_coloured_on_their_own_cells_after_reordering() {
    let corpus =
        one_article("قال الرئيس إيمانويل ماكرون في باريس إن 300 جندي من NATO وصلوا إلى كييف.");
    // Wide enough that the paragraph is one line, reordered as a whole.
    let app = App::new(&corpus, settings(PaneOrder::Rtl), 200, 30);
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
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    press(&mut a, "jjjj"); // 004: Kherson many times
    let kinds: Vec<Kind> = a.entities.groups.iter().map(|g| g.kind).collect();
    assert!(kinds
        .windows(2)
        .all(|w| Kind::ALL.iter().position(|k| *k == w[0])
            <= Kind::ALL.iter().position(|k| *k == w[1])));
    // Select Kherson in the entity pane and walk its mentions.
    select_entity(&mut a, "خيرسون");
    let kherson = a.entities.selected;
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
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    press(&mut a, "jjj"); // 003 writes «خاركوف»; the gazetteer knows «خاركيف» too
    select_entity(&mut a, "خاركيف");
    key(&mut a, KeyCode::Enter);
    let ids: Vec<&str> = a
        .list
        .visible
        .iter()
        .map(|&i| corpus.articles[i].id.as_str())
        .collect();
    assert!(ids.contains(&"003_35a7aea116d33d6c"));
    assert!(!ids.contains(&"002_a2c1dc23052bfcec"), "{ids:?}");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.list.visible.len(), 5);
}

#[test]
fn t_asks_for_text_then_kind_and_requests_the_tag() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    press(&mut a, "/ديجاريف");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    press(&mut a, "n");
    press(&mut a, "t");
    assert_eq!(
        a.mode.editor().map(|e| e.text()),
        Some("ديجاريف"),
        "prefilled with the match"
    );
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.mode,
        Mode::TagKind {
            text: "ديجاريف".into()
        }
    );
    assert_eq!(
        press(&mut a, "p"),
        vec![Effect::TagEntity {
            text: "ديجاريف".into(),
            kind: Kind::Person
        }]
    );
    press(&mut a, "t");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn the_tag_prompt_offers_misc_and_says_so() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 160, 30);
    press(&mut a, "t");
    press(&mut a, "كأس العالم");
    key(&mut a, KeyCode::Enter);
    assert!(status(&a).contains("m other"), "{}", status(&a));
    assert_eq!(
        press(&mut a, "m"),
        vec![Effect::TagEntity {
            text: "كأس العالم".into(),
            kind: Kind::Misc
        }]
    );
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn ctrl_c_quits_from_the_tag_prompt() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    press(&mut a, "t");
    let effects = ctrl(&mut a, 'c');
    assert_eq!(effects, vec![Effect::SaveSession]);
    assert!(a.quit);
}

/// An article of `words` words: many short paragraphs of ordinary news
/// text naming people and places, so detection has work to do.
fn long_article(words: usize) -> sahifa::corpus::Article {
    let sentence = "قال الرئيس إيمانويل ماكرون في باريس إن 300 جندي وصلوا إلى كييف أمس.";
    let per = sentence.split_whitespace().count();
    let paragraph = vec![sentence; 20].join(" ");
    let count = words / (per * 20) + 1;
    sahifa::corpus::Article {
        id: "long".into(),
        title: "خبر طويل".into(),
        paragraphs: vec![paragraph; count],
        source: "test".into(),
        meta: Default::default(),
        boilerplate: Vec::new(),
    }
}

/// What the pane should show for `article`: its mentions as detected in
/// place, less the title's when the title is only the lead.
fn expected(article: &sahifa::corpus::Article) -> Vec<sahifa::entities::Mention> {
    let detector = sahifa::entities::Detector::builtin().unwrap();
    let skip_title = article.title_is_lead();
    (detector.detect_article(article).into_iter())
        .filter(|m| !(skip_title && m.field == 0))
        .collect()
}

/// Lets the worker finish: the mentions of the open article, or a panic
/// after a minute.
fn wait_for_entities(a: &mut App) {
    let start = std::time::Instant::now();
    while a.entities.pending() {
        a.entities.receive();
        assert!(start.elapsed().as_secs() < 60, "detection never ended");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn keys_are_answered_while_a_long_article_is_detected() {
    let mut corpus = Corpus::bundled();
    corpus.articles.push(long_article(60_000));
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    press(&mut a, "G"); // the long article, last in the list
    assert_eq!(a.selected(), Some(5));
    assert!(a.entities.pending(), "detected in the background");
    // The key was answered before the worker was done (detecting 60,000
    // words takes a tenth of a second or more; answering took no wait).
    assert!(!a.entities.receive(), "opening waited for detection");
    assert!(a.entities.groups.is_empty());
    assert!(text(&a).contains("finding entities…"));
    // Keys are answered while the worker runs: the article scrolls.
    a.focus = sahifa::tui::Pane::Article;
    press(&mut a, "jjj");
    assert_eq!(a.article.scroll, 3);
    assert!(a.entities.pending(), "the keys did not wait for detection");
    wait_for_entities(&mut a);
    // The same mentions as detecting it in place.
    let direct = expected(&corpus.articles[5]);
    assert_eq!(&*a.entities.mentions, direct.as_slice());
    assert!(a.entities.groups.iter().any(|g| &*g.canonical == "باريس"));
    assert_eq!(a.article.scroll, 3, "the answer did not move the reader");
}

#[test]
fn an_answer_for_an_article_left_behind_is_never_shown() {
    let corpus = Corpus::bundled();
    let mut a = App::new(&corpus, settings(PaneOrder::Rtl), 120, 30);
    a.entities.set_inline_limit(0); // every article to the worker
    press(&mut a, "j");
    assert!(a.entities.pending());
    press(&mut a, "j"); // another article before the first is done
    wait_for_entities(&mut a);
    // Let any late answer for article 1 arrive too.
    std::thread::sleep(std::time::Duration::from_millis(200));
    a.entities.receive();
    let want = expected(&corpus.articles[2]);
    assert_eq!(a.selected(), Some(2));
    assert_eq!(&*a.entities.mentions, want.as_slice());
    // Back to article 1: detected again (or recalled), never article 2's.
    press(&mut a, "k");
    wait_for_entities(&mut a);
    let first = expected(&corpus.articles[1]);
    assert_eq!(&*a.entities.mentions, first.as_slice());
}
