//! The non-interactive commands: each reads the corpus and prints.

use super::args::{SearchArgs, Visual};
use super::output::Out;
use super::present::{cells, pad, snippet, terminal_width, Fit, Presenter};
use super::search_json;
use sahifa::corpus::{Article, ArticleRef, Corpus, Metadata};
use sahifa::library::ListRow;
use sahifa::search::Hit;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Whether to print visual order: `auto` means only on a terminal.
pub fn visual_order(v: Visual) -> bool {
    match v {
        Visual::Always => true,
        Visual::Never => false,
        Visual::Auto => io::stdout().is_terminal(),
    }
}

/// The list rows of a corpus read from files: the same as the library's.
pub fn list_rows(corpus: &Corpus) -> Vec<ListRow> {
    corpus
        .articles
        .iter()
        .map(|a| ListRow {
            id: a.id.clone(),
            title: a.title.clone(),
            paragraph_count: a.paragraphs.len(),
            word_count: a.word_count(),
            source: a.meta.outlet.clone(),
            published: a.meta.published.clone(),
            url: a.meta.url.clone(),
        })
        .collect()
}

pub fn list(rows: &[ListRow], json: bool, present: &Presenter) -> io::Result<()> {
    let mut out = Out::new();
    if json {
        out.json(&rows)?;
        return out.finish();
    }
    let ids: Vec<String> = rows.iter().map(|a| present.line(&a.id)).collect();
    let id_width = ids.iter().map(|id| cells(id)).max().unwrap_or(2);
    for (a, id) in rows.iter().zip(&ids) {
        let prefix = format!(
            "{}  {:>4} ¶  {:>6} words  ",
            pad(id, id_width),
            a.paragraph_count,
            a.word_count,
        );
        for line in present.row(&prefix, &a.title, Fit::Cut) {
            out.line(&line)?;
        }
    }
    out.finish()
}

#[derive(Serialize)]
struct ShowJson<'a> {
    id: &'a str,
    title: &'a str,
    paragraphs: &'a [String],
    boilerplate: &'a [String],
    source: &'a str,
    #[serde(skip_serializing_if = "is_empty_meta")]
    meta: &'a Metadata,
}

fn is_empty_meta(m: &&Metadata) -> bool {
    **m == Metadata::default()
}

pub struct ShowOptions {
    pub json: bool,
    pub raw: bool,
    pub width: Option<usize>,
}

pub fn show(article: &Article, opts: &ShowOptions, present: &Presenter) -> io::Result<()> {
    let mut out = Out::new();
    if opts.json {
        out.json(&ShowJson {
            id: &article.id,
            title: &article.title,
            paragraphs: &article.paragraphs,
            boilerplate: &article.boilerplate,
            source: &article.source,
            meta: &article.meta,
        })?;
        return out.finish();
    }
    let width = opts.width.unwrap_or_else(terminal_width);
    let mut blocks = vec![&article.title];
    blocks.extend(&article.paragraphs);
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.line("")?;
        }
        for line in present.paragraph(block, width) {
            out.line(&line)?;
        }
    }
    if opts.raw {
        out.line("")?;
        out.line(&format!(
            "── removed boilerplate: {} lines ──",
            article.boilerplate.len()
        ))?;
        for b in &article.boilerplate {
            for line in present.paragraph(b, width) {
                out.line(&line)?;
            }
        }
    }
    out.finish()
}

/// One matching article, as `search` prints it: the passages around its
/// hits are only taken for the text listing, its JSON (but the id) only
/// for `--json`.
pub struct Found {
    pub id: String,
    pub title: String,
    pub hits: Vec<Hit>,
    pub passages: Vec<String>,
    /// What follows the id in `--json` output ([`search_json::result_tail`]).
    json: String,
}

impl Found {
    /// What `search` keeps of a matching article, known by `id` (while
    /// the corpus is read, an empty one is filled in once duplicate ids
    /// are renamed).
    pub fn of(id: String, a: &ArticleRef, hits: Vec<Hit>, json: bool) -> Found {
        if json {
            // Written to a String: nothing can fail.
            let json = search_json::result_tail(a.title, &hits).unwrap_or_default();
            return Found {
                id,
                title: String::new(),
                hits,
                passages: Vec::new(),
                json,
            };
        }
        let passages = hits
            .iter()
            .map(|hit| {
                let text = match hit.paragraph {
                    0 => a.title,
                    n => a.paragraphs[n - 1],
                };
                snippet(text, hit.range.clone())
            })
            .collect();
        Found {
            id,
            title: a.title.to_string(),
            hits,
            passages,
            json: String::new(),
        }
    }
}

impl Found {
    /// [`Found::of`] a whole article.
    pub fn of_article(a: &Article, hits: Vec<Hit>, json: bool) -> Found {
        let paragraphs: Vec<&str> = a.paragraphs.iter().map(String::as_str).collect();
        let view = ArticleRef {
            id: &a.id,
            title: &a.title,
            paragraphs: &paragraphs,
        };
        Found::of(a.id.clone(), &view, hits, json)
    }
}

/// `search` over a loaded corpus (the bundled one, when there is no
/// data directory for a library).
pub fn search(corpus: &Corpus, args: &SearchArgs, present: &Presenter) -> io::Result<()> {
    let query = sahifa::search::Query::parse(&args.query.join(" "));
    let found: Vec<Found> = sahifa::search::search_articles(&corpus.articles, &query)
        .into_iter()
        .map(|(i, hits)| Found::of_article(&corpus.articles[i], hits, args.json))
        .collect();
    if args.count {
        return print_count(found.len());
    }
    print_search(&found, corpus.articles.len(), args.json, present)
}

/// Prints how many articles `search --count` found.
pub fn print_count(count: usize) -> io::Result<()> {
    let mut out = Out::new();
    out.raw().write_all(format!("{count}\n").as_bytes())?;
    out.finish()
}

/// Prints what `search` found among `total` articles.
pub fn print_search(
    found: &[Found],
    total: usize,
    json: bool,
    present: &Presenter,
) -> io::Result<()> {
    let mut out = Out::new();
    if json {
        let results = found.iter().map(|f| (f.id.as_str(), f.json.as_str()));
        search_json::write_results(out.raw(), results)?;
        return out.finish();
    }
    let mut matches = 0;
    for f in found {
        let prefix = format!("{}  ", present.line(&f.id));
        for line in present.row(&prefix, &f.title, Fit::Cut) {
            out.line(&line)?;
        }
        for (hit, passage) in f.hits.iter().zip(&f.passages) {
            let prefix = format!("  ¶{:<3} ", hit.paragraph);
            for line in present.row(&prefix, passage, Fit::Wrap) {
                out.line(&line)?;
            }
        }
        matches += f.hits.len();
    }
    out.finish()?;
    eprintln!("{} of {total} articles · {matches} matches", found.len());
    Ok(())
}
