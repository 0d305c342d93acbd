//! The non-interactive commands: each reads the corpus and prints.

use super::args::Visual;
use super::output::Out;
use sahifa::corpus::{Article, Corpus};
use serde::Serialize;
use std::io::{self, IsTerminal};

/// Whether to print visual order: `auto` means only on a terminal.
pub fn visual_order(v: Visual) -> bool {
    match v {
        Visual::Always => true,
        Visual::Never => false,
        Visual::Auto => io::stdout().is_terminal(),
    }
}

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    title: &'a str,
    paragraph_count: usize,
    word_count: usize,
}

pub fn list(corpus: &Corpus, json: bool, visual: Visual) -> io::Result<()> {
    let mut out = Out::new();
    if json {
        let rows: Vec<ListRow> = corpus
            .articles
            .iter()
            .map(|a| ListRow {
                id: &a.id,
                title: &a.title,
                paragraph_count: a.paragraphs.len(),
                word_count: a.word_count(),
            })
            .collect();
        out.json(&rows)?;
        return out.finish();
    }
    let id_width = corpus
        .articles
        .iter()
        .map(|a| a.id.len())
        .max()
        .unwrap_or(2);
    let visual = visual_order(visual);
    for a in &corpus.articles {
        let title = super::present::line(&a.title, visual);
        out.line(&format!(
            "{:<id_width$}  {:>4} ¶  {:>6} words  {}",
            a.id,
            a.paragraphs.len(),
            a.word_count(),
            title
        ))?;
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
    #[serde(skip_serializing_if = "is_default_meta")]
    meta: &'a sahifa::corpus::Metadata,
}

fn is_default_meta(m: &&sahifa::corpus::Metadata) -> bool {
    **m == sahifa::corpus::Metadata::default()
}

pub struct ShowOptions {
    pub json: bool,
    pub raw: bool,
    pub width: Option<usize>,
    pub visual: Visual,
}

pub fn show(article: &Article, opts: &ShowOptions) -> io::Result<()> {
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
    let visual = visual_order(opts.visual);
    let width = opts.width.unwrap_or_else(super::present::terminal_width);
    for line in super::present::paragraph(&article.title, width, visual) {
        out.line(&line)?;
    }
    for p in &article.paragraphs {
        out.line("")?;
        for line in super::present::paragraph(p, width, visual) {
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
            out.line(&super::present::line(b, visual))?;
        }
    }
    out.finish()
}

#[derive(Serialize)]
struct SearchMatch {
    paragraph: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SearchResult<'a> {
    id: &'a str,
    title: &'a str,
    matches: Vec<SearchMatch>,
}

pub fn search(corpus: &Corpus, args: &super::args::SearchArgs) -> io::Result<()> {
    let query = sahifa::search::Query::parse(&args.query.join(" "));
    let found = sahifa::search::search_articles(&corpus.articles, &query);
    let mut out = Out::new();
    if args.json {
        let results: Vec<SearchResult> = found
            .iter()
            .map(|(i, hits)| SearchResult {
                id: &corpus.articles[*i].id,
                title: &corpus.articles[*i].title,
                matches: hits
                    .iter()
                    .map(|h| SearchMatch {
                        paragraph: h.paragraph,
                        start: h.range.start,
                        end: h.range.end,
                    })
                    .collect(),
            })
            .collect();
        out.json(&results)?;
        return out.finish();
    }
    let visual = visual_order(args.visual.visual);
    let mut total = 0;
    for (i, hits) in &found {
        let a = &corpus.articles[*i];
        out.line(&format!(
            "{}  {}",
            a.id,
            super::present::line(&a.title, visual)
        ))?;
        for hit in hits {
            let text = if hit.paragraph == 0 {
                &a.title
            } else {
                &a.paragraphs[hit.paragraph - 1]
            };
            let passage = super::present::snippet(text, hit.range.clone());
            out.line(&format!(
                "  ¶{:<3} {}",
                hit.paragraph,
                super::present::line(&passage, visual)
            ))?;
        }
        total += hits.len();
    }
    out.finish()?;
    eprintln!(
        "{} of {} articles · {} matches",
        found.len(),
        corpus.articles.len(),
        total
    );
    Ok(())
}
