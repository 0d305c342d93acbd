use super::*;
use crate::corpus::{Article, Corpus, Metadata};
use crate::tui::geometry::PaneOrder;
use crate::tui::state::Settings;
use crate::tui::view::chrome::symbols;

fn corpus(meta: Metadata) -> Corpus {
    Corpus {
        articles: vec![Article {
            id: "a1".into(),
            title: "عبور النهر".into(),
            paragraphs: vec!["عبرت القوات النهر.".into(), "وقال الجيش.".into()],
            source: "feeds/x.jsonl:3".into(),
            meta,
            boilerplate: Vec::new(),
        }],
        warnings: Vec::new(),
    }
}

fn render(app: &App) -> Vec<String> {
    let area = app.geometry().article.unwrap();
    let mut buf = Buffer::empty(area);
    ArticlePane::new(app, area).render(area, &mut buf);
    symbols(&buf)
}

#[test]
fn the_header_has_outlet_date_counts_and_the_address() {
    let meta = Metadata {
        outlet: Some("الجزيرة".into()),
        url: Some("https://example.com/a".into()),
        published: Some("2022-11-11T10:00:00Z".into()),
        ..Metadata::default()
    };
    let corpus = corpus(meta);
    let mut app = App::new(&corpus, Settings::for_order(PaneOrder::Rtl), 100, 12);
    app.focus = Pane::Article;
    let rows = render(&app);
    let expected = Buffer::with_lines([
        "┏ Article ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% ┓",
        "┃                                   ﺮﻬﻨﻟﺍ ﺭﻮﺒﻋ ┃",
        "┃   ﺓﺮﻳﺰﺠﻟﺍ · 2022-11-11 10:00 · 5 words · 2 ¶ ┃",
        "┃                        https://example.com/a ┃",
        "┃                                              ┃",
        "┃                           .ﺮﻬﻨﻟﺍ ﺕﺍﻮﻘﻟﺍ ﺕﺮﺒﻋ▏┃",
        "┃                                              ┃",
        "┃                                  .ﺶﻴﺠﻟﺍ ﻝﺎﻗﻭ ┃",
        "┃                                              ┃",
        "┃                                              ┃",
        "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
    ]);
    assert_eq!(rows, symbols(&expected));
    // The header and the address are in the header's colour.
    let area = app.geometry().article.unwrap();
    let mut buf = Buffer::empty(area);
    ArticlePane::new(&app, area).render(area, &mut buf);
    let meta = app.settings.theme.meta.fg.unwrap();
    assert_eq!(buf[(area.x + 30, area.y + 2)].fg, meta);
    assert_eq!(buf[(area.right() - 3, area.y + 3)].fg, meta);
}

#[test]
fn without_an_outlet_the_source_comes_last_and_no_address_row() {
    let corpus = corpus(Metadata::default());
    let app = App::new(&corpus, Settings::for_order(PaneOrder::Rtl), 100, 12);
    let rows = render(&app);
    assert!(
        rows[2].contains("5 words · 2 ¶ · feeds/x.jsonl:3"),
        "{rows:?}"
    );
    assert!(rows[3].trim_matches(['┃', '│', ' ']).is_empty());
}
