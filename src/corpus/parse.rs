//! One file's bytes to what it holds: a page (a `.txt` or an HTML page,
//! cleaned later, once the pages read with it have taught their site's
//! furniture) or records (JSON, JSONL). Every format is decoded the same
//! way ([`super::decode`]).

use super::article::{Article, Metadata};
use super::clean::Rules;
use super::decode::{decode, FoundBy, Markup, NotText};
use super::error::{Warning, WarningKind};
use super::files::{format_of, Format};
use super::furniture::{line_key, site_of};
use super::html;
use super::jsonl;
use super::record::{article_from_record, Skip, BODY_FIELDS, TITLE_FIELDS};
use std::borrow::Cow;
use std::path::Path;

/// A page read and decoded, not yet cleaned.
pub struct PageDoc {
    pub id: String,
    pub source: String,
    /// The site whose furniture the page shares (see [`super::furniture`]).
    pub site: String,
    /// One paragraph per line.
    pub text: String,
    /// The title the page declares (HTML), if any; else the cleaning finds it.
    pub title: Option<String>,
    pub meta: Metadata,
    /// Lines already removed (by the HTML extractor).
    pub removed: Vec<String>,
    /// An HTML page: its structure already told furniture from text, so an
    /// end marker does not end it (see [`super::clean::PageParts::cleaned`]).
    pub structured: bool,
    /// The keys of its lines, for learning furniture.
    pub keys: Vec<u64>,
}

/// What one file gave.
pub enum Loaded {
    Page(Box<PageDoc>),
    Articles(Vec<Article>),
    Nothing,
}

/// Parses one file's bytes, named `name` (its path as shown); `path`
/// decides the format (an unknown extension is read as a text page).
pub fn parse_file(
    name: &str,
    path: &Path,
    bytes: &[u8],
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> Loaded {
    let format = format_of(path).unwrap_or(Format::Text);
    let markup = match format {
        Format::Html => Markup::Html,
        _ => Markup::Plain,
    };
    let Some(text) = decode_or_warn(name, bytes, markup, warnings) else {
        return Loaded::Nothing;
    };
    match format {
        Format::Text => Loaded::Page(Box::new(text_page(name, path, text.into_owned()))),
        Format::Html => match html::extract(&text, rules) {
            Some(page) => Loaded::Page(Box::new(html_page(name, path, page))),
            None => {
                warnings.push(Warning::of(WarningKind::Empty, name, EMPTY_PAGE));
                Loaded::Nothing
            }
        },
        Format::Json => Loaded::Articles(json_file(name, &text, rules, warnings)),
        Format::JsonLines => Loaded::Articles(jsonl::parse_all(name, &text, rules, warnings)),
    }
}

/// The warning for a page with no article text.
pub const EMPTY_PAGE: &str = "empty: no article text; skipped";

/// Decoded text, or `None` with a warning for a binary file; a guessed
/// encoding and replaced bytes are warned about.
pub fn decode_or_warn<'a>(
    name: &str,
    bytes: &'a [u8],
    markup: Markup,
    warnings: &mut Vec<Warning>,
) -> Option<Cow<'a, str>> {
    let decoded = match decode(bytes, None, markup) {
        Ok(d) => d,
        Err(NotText::Binary) => {
            warnings.push(Warning::of(
                WarningKind::Binary,
                name,
                "binary file (contains NUL bytes); skipped",
            ));
            return None;
        }
    };
    if decoded.found_by == FoundBy::Guessed && decoded.replaced_at.is_none() {
        warnings.push(Warning::of(
            WarningKind::Guessed,
            name,
            format!(
                "no charset declared and not UTF-8; read as {} (guessed)",
                decoded.encoding_name()
            ),
        ));
    }
    if let Some(at) = decoded.replaced_at {
        warnings.push(Warning::of(
            WarningKind::Lossy,
            name,
            format!(
                "not valid {} at byte {at}; invalid bytes shown as U+FFFD",
                decoded.encoding_name()
            ),
        ));
    }
    Some(decoded.text)
}

/// The id of the article read from the page at `path` (named `name`).
pub fn page_id(name: &str, path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

fn keys_of(text: &str) -> Vec<u64> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(line_key)
        .collect()
}

fn text_page(name: &str, path: &Path, text: String) -> PageDoc {
    PageDoc {
        id: page_id(name, path),
        source: name.to_string(),
        site: site_of(None, path),
        keys: keys_of(&text),
        text,
        title: None,
        meta: Metadata::default(),
        removed: Vec::new(),
        structured: false,
    }
}

fn html_page(name: &str, path: &Path, page: html::HtmlPage) -> PageDoc {
    let text = page.paragraphs.join("\n\n");
    PageDoc {
        id: page_id(name, path),
        source: name.to_string(),
        site: site_of(page.meta.url.as_deref(), path),
        keys: keys_of(&text),
        text,
        title: page.title,
        meta: page.meta,
        removed: page.removed,
        structured: true,
    }
}

/// A JSON file: an array of records, one record, or an object whose one
/// array of objects holds the records (`{"articles": […]}`).
fn json_file(name: &str, text: &str, rules: &Rules, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let place = format!("{name}:{}:{}", e.line(), e.column());
            warnings.push(Warning::of(
                WarningKind::Malformed,
                place,
                format!("malformed JSON ({e}); file skipped"),
            ));
            return Vec::new();
        }
    };
    let records = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut map) if !looks_like_a_record(&map) => {
            let arrays: Vec<String> = map
                .iter()
                .filter(|(_, v)| {
                    v.as_array()
                        .is_some_and(|a| a.iter().any(|i| i.is_object()))
                })
                .map(|(k, _)| k.clone())
                .collect();
            match arrays.as_slice() {
                [only] => match map.remove(only) {
                    Some(serde_json::Value::Array(items)) => items,
                    _ => Vec::new(),
                },
                _ => vec![serde_json::Value::Object(map)],
            }
        }
        single => vec![single],
    };
    if records.is_empty() {
        warnings.push(Warning::of(
            WarningKind::Empty,
            name,
            "empty: no records; skipped",
        ));
        return Vec::new();
    }
    let mut tally = Tally::default();
    let mut articles = Vec::with_capacity(records.len());
    let mut record_warnings = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        tally.see(&record);
        add_record(
            format!("{name}#{i}"),
            record,
            rules,
            &mut articles,
            &mut record_warnings,
        );
    }
    if articles.is_empty() {
        // One line says why, rather than one per record.
        warnings.push(tally.none_loaded(name));
    } else {
        warnings.extend(record_warnings);
    }
    articles
}

fn looks_like_a_record(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    TITLE_FIELDS
        .iter()
        .chain(&BODY_FIELDS)
        .any(|f| map.contains_key(*f))
}

/// One record: an article (with its remarks as warnings), or a warning.
pub fn add_record(
    place: String,
    record: serde_json::Value,
    rules: &Rules,
    articles: &mut Vec<Article>,
    warnings: &mut Vec<Warning>,
) {
    match article_from_record(record, place.clone(), rules) {
        Ok(parsed) => {
            for (kind, remark) in parsed.remarks {
                warnings.push(Warning::of(kind, place.clone(), remark));
            }
            articles.push(parsed.article);
        }
        Err(why) => warnings.push(Warning::of(
            WarningKind::Record,
            place,
            format!("{why}; record skipped"),
        )),
    }
}

/// What the records of a file looked like, to say why none was an article.
#[derive(Default)]
pub struct Tally {
    records: usize,
    objects: usize,
    fields: Vec<String>,
}

/// How many field names the explanation lists.
const FIELDS_SHOWN: usize = 12;

impl Tally {
    pub fn see(&mut self, record: &serde_json::Value) {
        self.records += 1;
        if let serde_json::Value::Object(map) = record {
            self.objects += 1;
            for key in map.keys() {
                if self.fields.len() < FIELDS_SHOWN && !self.fields.contains(key) {
                    self.fields.push(key.clone());
                }
            }
        }
    }

    /// Counts an object record whose fields need not be listed (it was
    /// an article).
    pub fn count_article(&mut self) {
        self.records += 1;
        self.objects += 1;
    }

    /// Adds what another part of the same file saw.
    pub fn merge(&mut self, other: Tally) {
        self.records += other.records;
        self.objects += other.objects;
        for f in other.fields {
            if self.fields.len() < FIELDS_SHOWN && !self.fields.contains(&f) {
                self.fields.push(f);
            }
        }
    }

    pub fn records(&self) -> usize {
        self.records
    }

    /// The one warning for a file none of whose records is an article.
    pub fn none_loaded(&self, name: &str) -> Warning {
        let why = if self.objects == 0 {
            "no record is a JSON object".to_string()
        } else {
            format!(
                "{}; fields seen: {}",
                Skip::NoText,
                if self.fields.is_empty() {
                    "none".into()
                } else {
                    self.fields.join(", ")
                }
            )
        };
        Warning::of(
            WarningKind::NoArticles,
            name,
            format!("0 articles from {} records: {why}", self.records),
        )
    }
}
