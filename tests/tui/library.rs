//! The reader on the library against the reader on the same articles in
//! memory: the same list, filter by filter, keystroke by keystroke.

use crate::helpers::{press, status};
use sahifa::corpus::synthetic::{generate, Rng};
use sahifa::corpus::{Article, Corpus, Progress};
use sahifa::library::{Library, View};
use sahifa::search::{CorpusFilter, Query};
use sahifa::tui::articles::worker::{self, Answer, Order, Request};
use sahifa::tui::articles::Shelf;
use sahifa::tui::{update, Action, App, Effect, PaneOrder, Settings};
use std::sync::Arc;

/// A library of `count` generated articles (dated, so its order is not
/// the order of import), plus some written to trip phrases and
/// exclusions, and the seeds it starts with.
fn library(dir: &std::path::Path, count: usize) -> Library {
    let mut lib = Library::open(&dir.join("l.db")).unwrap();
    let mut lines = Vec::new();
    for (n, a) in generate(count, 7).into_iter().enumerate() {
        let mut record =
            serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs});
        if n % 5 != 0 {
            record["published"] = format!("20{:02}-0{}-1{}", 10 + n % 13, 1 + n % 9, n % 10).into();
        }
        lines.push(record.to_string());
    }
    for (id, body) in [
        ("p1", "قال وزير الخارجية إن الاتفاق قريب"),
        ("p2", "الخارجية قال وزير إن الاتفاق بعيد"),
        ("p3", "وللدروع الواقية حديث آخر عن وزير الدفاع"),
    ] {
        lines.push(
            serde_json::json!({"id": id, "title": format!("خبر {id}"), "body": body}).to_string(),
        );
    }
    let file = dir.join("news.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    lib.import(&[file], &Progress::default()).unwrap();
    lib
}

fn order_of(lib: &Library) -> Vec<u32> {
    let mut numbers = Vec::new();
    lib.order(View::All, 10, |piece| {
        numbers.extend(piece);
        true
    })
    .unwrap();
    numbers
}

/// The same articles, in the list's order, as the in-memory reader has them.
fn in_memory(lib: &Library, numbers: &[u32]) -> Vec<Article> {
    numbers
        .iter()
        .map(|&n| lib.numbered(n).unwrap().unwrap())
        .collect()
}

/// Queries as users type them, from the articles' own words: words,
/// prefixes, two words, phrases, exclusions of words and of phrases.
fn queries(articles: &[Article], rng: &mut Rng, count: usize) -> Vec<String> {
    let mut out: Vec<String> = [
        "\"وزير الخارجية\"",
        "الدروع",
        "وزير -\"وزير الدفاع\"",
        "-الاتفاق",
        "\"قال وزير\" -بعيد",
        "-\"الخارجية قال\"",
    ]
    .map(String::from)
    .to_vec();
    for _ in 0..count {
        let a = rng.pick(articles);
        let text = a.paragraphs.join(" ");
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() < 3 {
            continue;
        }
        let i = rng.below(words.len() - 2);
        let (w, v) = (words[i], words[i + 1]);
        let other = rng
            .pick(articles)
            .title
            .split_whitespace()
            .next()
            .unwrap_or("خبر");
        out.push(match rng.below(6) {
            0 => w.to_string(),
            1 => format!("{w} {other}"),
            2 => format!("\"{w} {v}\""),
            3 => format!("{w} -{other}"),
            4 => format!("{other} -\"{w} {v}\""),
            _ => format!("\"{w} {v}\" {other}"),
        });
    }
    out
}

/// Every keystroke of every query: each prefix, by character.
fn keystrokes(query: &str) -> impl Iterator<Item = String> + '_ {
    query
        .char_indices()
        .map(|(at, c)| query[..at + c.len_utf8()].to_string())
}

fn run_filter(lib: &Library, order: &Order, input: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut done = false;
    worker::filter(lib, order, &Query::parse(input), |piece, last| {
        found.extend(piece);
        done = last;
        true
    })
    .unwrap();
    assert!(done, "the last piece says so");
    found
}

#[test]
fn the_library_filter_matches_the_in_memory_filter_keystroke_by_keystroke() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 300);
    let numbers = order_of(&lib);
    let articles = in_memory(&lib, &numbers);
    let order = Order::new(Arc::new(numbers));
    let mut memory = CorpusFilter::new(&articles);
    let mut rng = Rng::new(11);
    let mut checked = 0;
    let mut nonempty = 0;
    for query in queries(&articles, &mut rng, 60) {
        for input in keystrokes(&query) {
            let want: Vec<usize> = memory
                .matching(&input)
                .iter()
                .map(|&i| i as usize)
                .collect();
            let got = run_filter(&lib, &order, &input);
            assert_eq!(got, want, "filter {input:?}");
            checked += 1;
            nonempty += usize::from(!want.is_empty() && want.len() < articles.len());
        }
    }
    assert!(checked > 500, "{checked} keystrokes");
    assert!(
        nonempty > checked / 3,
        "only {nonempty} of {checked} narrowed the list"
    );
}

#[test]
fn a_phrase_is_confirmed_in_pieces_in_list_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 40);
    let order = Order::new(Arc::new(order_of(&lib)));
    let mut pieces = Vec::new();
    let query = Query::parse("\"وزير الخارجية\"");
    worker::filter(&lib, &order, &query, |piece, done| {
        pieces.push((piece, done));
        true
    })
    .unwrap();
    let all: Vec<usize> = pieces.iter().flat_map(|(p, _)| p.clone()).collect();
    let ids: Vec<String> = all
        .iter()
        .map(|&p| in_memory(&lib, &[order_numbers(&lib)[p]])[0].id.clone())
        .collect();
    // «قال وزير الخارجية» holds the phrase; «الخارجية قال وزير» only its words.
    assert!(ids.contains(&"p1".to_string()) && !ids.contains(&"p2".to_string()));
    let positions: Vec<usize> = all.clone();
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(positions, sorted, "in the list's order");
    assert!(pieces.last().unwrap().1);
    // Stopping after the first piece stops.
    let mut calls = 0;
    worker::filter(&lib, &order, &Query::parse("\"و\""), |_, _| {
        calls += 1;
        false
    })
    .unwrap();
    assert_eq!(calls, 1);
}

fn order_numbers(lib: &Library) -> Vec<u32> {
    order_of(lib)
}

/// What the event loop does: the app's requests answered by the worker's
/// code, here on this thread.
fn answer(app: &mut App, lib: &Library, order: &Order) {
    for request in std::mem::take(&mut app.filter.requests) {
        let answers: Vec<Answer> = match request {
            Request::Filter { generation, query } => {
                let mut out = Vec::new();
                worker::filter(lib, order, &query, |positions, done| {
                    out.push(Answer::Filter {
                        generation,
                        positions,
                        done,
                    });
                    true
                })
                .unwrap();
                out
            }
            Request::Naming { generation, names } => vec![Answer::Naming {
                generation,
                positions: worker::naming(lib, order, &names).unwrap(),
            }],
        };
        // However the worker's pieces fall (they depend on time): an empty
        // one first, then a few matches at a time.
        for a in answers {
            match a {
                Answer::Filter {
                    generation,
                    positions,
                    done,
                } => {
                    let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
                    pieces.extend(positions.chunks(3).map(<[usize]>::to_vec));
                    let last = pieces.len() - 1;
                    for (k, positions) in pieces.into_iter().enumerate() {
                        app.receive(Answer::Filter {
                            generation,
                            positions,
                            done: done && k == last,
                        });
                    }
                }
                other => app.receive(other),
            }
        }
    }
}

fn library_app(lib_path: &std::path::Path) -> (App<'static>, Order) {
    let shelf_lib = Library::open(lib_path).unwrap();
    let numbers = order_of(&shelf_lib);
    let mut app = App::new(
        Arc::new(Corpus::default()),
        Settings::for_order(PaneOrder::Rtl),
        120,
        30,
    );
    app.shelf = Some(Shelf::new(shelf_lib));
    app.filter.building = true;
    for piece in numbers.chunks(50) {
        app.append_numbers(piece);
    }
    let order = Order::new(app.shelf.as_ref().unwrap().order());
    app.filter_ready();
    (app, order)
}

fn listed_ids(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|&i| app.id_of(i).unwrap_or_else(|| app.article(i).id.clone()))
        .collect()
}

#[test]
fn the_reader_on_the_library_lists_filters_and_opens_like_the_reader_in_memory() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 120);
    let articles = in_memory(&lib, &order_of(&lib));
    let corpus = Corpus {
        articles,
        warnings: Vec::new(),
    };
    let mut memory = App::new(&corpus, Settings::for_order(PaneOrder::Rtl), 120, 30);
    let (mut app, order) = library_app(lib.path());
    assert_eq!(app.article_count(), corpus.articles.len());
    assert_eq!(app.selected(), Some(0));
    assert_eq!(
        app.article(0),
        &corpus.articles[0],
        "the first article is open"
    );
    // Only the rows in the window were read.
    let shelf = app.shelf.as_ref().unwrap();
    assert!(shelf.row(0).is_some() && shelf.row(100).is_none());
    let mut rng = Rng::new(5);
    for query in queries(&corpus.articles, &mut rng, 12) {
        for input in keystrokes(&query) {
            memory.set_filter(input.clone());
            app.set_filter(input.clone());
            answer(&mut app, &lib, &order);
            assert!(app.filter.pending.is_none());
            let want: Vec<String> = memory
                .list
                .visible
                .iter()
                .map(|&i| corpus.articles[i].id.clone())
                .collect();
            let listed: Vec<usize> = app.list.visible.clone();
            let got: Vec<String> = listed
                .iter()
                .map(|&p| corpus.articles[p].id.clone())
                .collect();
            assert_eq!(got, want, "filter {input:?}");
            assert_eq!(
                app.selected(),
                memory.selected(),
                "selection after {input:?}"
            );
            if let Some(i) = app.selected() {
                assert_eq!(app.article(i).id, corpus.articles[i].id);
            }
        }
    }
    // Rows on screen are those of the list's window.
    app.set_filter(String::new());
    press(&mut app, &"j".repeat(70));
    assert_eq!(app.selected(), Some(70));
    let window: Vec<usize> = app.list.visible[app.list.offset..app.list.offset + 5].to_vec();
    for p in window {
        assert_eq!(app.row(p).title, corpus.articles[p].title);
    }
    assert_eq!(listed_ids(&app).len(), corpus.articles.len());
}

#[test]
fn an_old_answer_is_ignored_and_a_pending_filter_says_so() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 30);
    let (mut app, order) = library_app(lib.path());
    app.set_filter("\"وزير الخارجية\"".into());
    let old = std::mem::take(&mut app.filter.requests);
    app.set_filter("الدروع".into());
    let status = status(&app);
    assert!(status.contains("(filtering…)"), "{status}");
    // The answer to the first query arrives late: it changes nothing.
    let Request::Filter { generation, .. } = &old[0] else {
        panic!("a filter request")
    };
    app.receive(Answer::Filter {
        generation: *generation,
        positions: vec![0, 1, 2],
        done: true,
    });
    assert!(app.filter.pending.is_some());
    answer(&mut app, &lib, &order);
    assert_eq!(listed_ids(&app), ["p3"]);
}

#[test]
fn read_marks_come_from_the_library_and_toggle_without_state_json() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 10);
    lib.set_read("p2", true).unwrap();
    let (mut app, _) = library_app(lib.path());
    let p2 = app.find_article("p2").unwrap();
    let p1 = app.find_article("p1").unwrap();
    press(&mut app, &"j".repeat(p2));
    assert!(app.is_read(p2));
    assert!(!app.is_read(p1));
    let effects = update(&mut app, Action::ToggleRead);
    assert_eq!(
        effects,
        [Effect::MarkRead {
            id: "p2".into(),
            read: false
        }]
    );
    assert!(!app.is_read(p2));
    assert!(app.read.is_empty(), "state.json's marks are for --corpus");
}

#[test]
fn an_entitys_articles_are_those_naming_any_of_its_names_as_in_memory() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path(), 60);
    let numbers = order_of(&lib);
    let articles = in_memory(&lib, &numbers);
    let order = Order::new(Arc::new(numbers));
    let mut memory = CorpusFilter::new(&articles);
    let names = ["وزير الخارجية".to_string(), "خيرسون".to_string()];
    let mut want: Vec<usize> = names
        .iter()
        .flat_map(|n| memory.matching(&format!("\"{n}\"")).to_vec())
        .map(|i| i as usize)
        .collect();
    want.sort_unstable();
    want.dedup();
    assert!(!want.is_empty());
    assert_eq!(worker::naming(&lib, &order, &names).unwrap(), want);
}
