//! `sahifa entities`: the entities of one article or of all, as a grouped
//! listing or as JSON mentions.

use super::output::Out;
use super::present::{Fit, Presenter};
use anyhow::Result;
use sahifa::corpus::Article;
use sahifa::entities::{group_mentions, Detector, Gazetteer, Kind, Mention, WordLists};
use serde::Serialize;
use std::io;

/// The built-in detector extended by the user's entity list, if any.
pub fn detector() -> Result<Detector> {
    let mut gazetteer = Gazetteer::builtin();
    if let Some(path) = Gazetteer::user_path() {
        gazetteer.load_user(&path)?;
    }
    Ok(Detector::new(&gazetteer, WordLists::builtin()?))
}

#[derive(Serialize)]
struct MentionJson<'a> {
    article: &'a str,
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
    canonical: &'a str,
    kind: Kind,
}

fn field_text(article: &Article, field: usize) -> &str {
    match field.checked_sub(1) {
        None => &article.title,
        Some(p) => article.paragraphs.get(p).map_or("", String::as_str),
    }
}

pub fn print(
    detector: &Detector,
    articles: &[&Article],
    json: bool,
    present: &Presenter,
) -> io::Result<()> {
    let found: Vec<(&Article, Vec<Mention>)> = articles
        .iter()
        .copied()
        .zip(detector.detect_articles(articles))
        .collect();
    let mut out = Out::new();
    if json {
        let rows: Vec<MentionJson> = found
            .iter()
            .flat_map(|(a, mentions)| {
                mentions.iter().map(move |m| MentionJson {
                    article: &a.id,
                    paragraph: m.field,
                    start: m.range.start,
                    end: m.range.end,
                    text: field_text(a, m.field).get(m.range.clone()).unwrap_or(""),
                    canonical: &m.canonical,
                    kind: m.kind,
                })
            })
            .collect();
        out.json(&rows)?;
        return out.finish();
    }
    let all: Vec<Mention> = found.into_iter().flat_map(|(_, m)| m).collect();
    let groups = group_mentions(&all);
    for kind in Kind::ALL {
        let of_kind: Vec<_> = groups.iter().filter(|g| g.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let total: usize = of_kind.iter().map(|g| g.count()).sum();
        out.line(&format!(
            "{} ({} mentions, {} distinct)",
            kind.name(),
            total,
            of_kind.len()
        ))?;
        for g in of_kind {
            let prefix = format!("  {:>4}  ", g.count());
            for line in present.row(&prefix, &g.canonical, Fit::Cut) {
                out.line(&line)?;
            }
        }
    }
    out.finish()
}
