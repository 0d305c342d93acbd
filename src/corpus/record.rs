//! JSON / JSONL records → articles, under the field names news datasets
//! use (the README lists them). Dates are normalised ([`super::date`]);
//! every field not taken, and any value not understood, is kept in
//! `meta.extra`, so nothing is lost.

use super::article::{content_id, Article, Metadata};
use super::clean::{lead_title, Rules};
use super::date::{from_unix_seconds, normalise_date};
use super::error::WarningKind;
use serde_json::{Map, Value};

/// Where each piece of an article is looked for, in order of preference.
pub const TITLE_FIELDS: [&str; 2] = ["title", "headline"];
pub const BODY_FIELDS: [&str; 7] = [
    "body",
    "paragraphs",
    "content",
    "text",
    "maintext",
    "article",
    "description",
];
pub const DATE_FIELDS: [&str; 7] = [
    "published",
    "date",
    "pubDate",
    "date_publish",
    "datePublished",
    "date_extracted",
    "created_at",
];
pub const URL_FIELDS: [&str; 2] = ["url", "link"];
pub const SOURCE_FIELDS: [&str; 3] = ["source", "outlet", "site"];
pub const AUTHOR_FIELDS: [&str; 3] = ["author", "authors", "byline"];
pub const LANG_FIELDS: [&str; 2] = ["lang", "language"];

/// The outcome of reading one record: the article and any remarks about it.
pub struct Parsed {
    pub article: Article,
    pub remarks: Vec<(WarningKind, String)>,
}

/// Why a record is not an article, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    NotAnObject(&'static str),
    /// Neither a title nor a body under any of the names looked for.
    NoText,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NotAnObject(kind) => write!(f, "expected an object, found {kind}"),
            Skip::NoText => write!(
                f,
                "no title or body (looked for {} and {})",
                TITLE_FIELDS.join(", "),
                BODY_FIELDS.join(", ")
            ),
        }
    }
}

/// Builds an article from one JSON value. A record with a title and no
/// body is an article with no paragraph; one with a body and no title is
/// titled by its lead sentence (as a page is).
pub fn article_from_record(value: Value, source: String, rules: &Rules) -> Result<Parsed, Skip> {
    let Value::Object(mut fields) = value else {
        return Err(Skip::NotAnObject(kind_of(&value)));
    };
    let mut remarks = Vec::new();
    let title = take_text(&mut fields, &TITLE_FIELDS, &mut remarks);
    let paragraphs = take_body(&mut fields, &mut remarks);
    let title = match (title, paragraphs.first()) {
        (Some(t), _) => t,
        (None, Some(lead)) => lead_title(lead, rules).into_owned(),
        (None, None) => return Err(Skip::NoText),
    };
    let id = match fields.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => content_id(&title, &paragraphs),
        Some(other) => {
            remarks.push((
                WarningKind::Field,
                format!("\"id\" ignored ({}); using a content hash", kind_of(&other)),
            ));
            content_id(&title, &paragraphs)
        }
    };
    let mut meta = Metadata {
        outlet: take_text(&mut fields, &SOURCE_FIELDS, &mut remarks),
        url: take_text(&mut fields, &URL_FIELDS, &mut remarks),
        author: take_author(&mut fields),
        lang: take_text(&mut fields, &LANG_FIELDS, &mut remarks),
        ..Metadata::default()
    };
    meta.published = take_date(&mut fields, &mut remarks);
    meta.extra = fields;
    Ok(Parsed {
        article: Article {
            id,
            title,
            paragraphs,
            source,
            meta,
            boilerplate: Vec::new(),
        },
        remarks,
    })
}

/// The first of `names` holding a non-empty string, taken out of the map.
/// A field of another type stays in the map (so in `extra`).
fn take_text(
    fields: &mut Map<String, Value>,
    names: &[&str],
    remarks: &mut Vec<(WarningKind, String)>,
) -> Option<String> {
    for name in names {
        match fields.get(*name) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                let text = s.trim().to_string();
                fields.remove(*name);
                return Some(text);
            }
            Some(Value::String(_) | Value::Null) | None => {}
            Some(other) => remarks.push((
                WarningKind::Field,
                format!(
                    "\"{name}\" is {}, not a string; kept as an extra field",
                    kind_of(other)
                ),
            )),
        }
    }
    None
}

/// The paragraphs of the first body field that has any: a string holds one
/// paragraph per non-empty line, an array one per string.
fn take_body(
    fields: &mut Map<String, Value>,
    remarks: &mut Vec<(WarningKind, String)>,
) -> Vec<String> {
    for name in BODY_FIELDS {
        let paragraphs = match fields.get(name) {
            Some(Value::String(body)) => body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            Some(Value::Array(items)) if items.iter().all(|i| i.is_string()) => items
                .iter()
                .filter_map(Value::as_str)
                .flat_map(str::lines)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            Some(Value::Null) | None => continue,
            Some(other) => {
                remarks.push((
                    WarningKind::Field,
                    format!(
                        "\"{name}\" is {}, not text; kept as an extra field",
                        kind_of(other)
                    ),
                ));
                continue;
            }
        };
        if !Vec::is_empty(&paragraphs) {
            fields.remove(name);
            return paragraphs;
        }
    }
    Vec::new()
}

/// An author's name, or several names joined by «، ».
fn take_author(fields: &mut Map<String, Value>) -> Option<String> {
    for name in AUTHOR_FIELDS {
        let found = match fields.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Array(items))
                if !items.is_empty() && items.iter().all(Value::is_string) =>
            {
                let names: Vec<&str> = items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if names.is_empty() {
                    continue;
                }
                names.join("، ")
            }
            _ => continue,
        };
        fields.remove(name);
        return Some(found);
    }
    None
}

/// The first date field in a known form, normalised, taken out of the map.
/// Dates in no known form stay in the map; when no field gives a date, the
/// first of them is remarked on.
fn take_date(
    fields: &mut Map<String, Value>,
    remarks: &mut Vec<(WarningKind, String)>,
) -> Option<String> {
    let mut unknown = None;
    for name in DATE_FIELDS {
        let date = match fields.get(name) {
            Some(Value::String(s)) if s.trim().is_empty() => continue,
            Some(Value::String(s)) => normalise_date(s),
            Some(Value::Number(n)) => n
                .as_i64()
                .and_then(|n| from_unix_seconds(if n > 99_999_999_999 { n / 1000 } else { n })),
            Some(Value::Null) | None => continue,
            Some(_) => None,
        };
        match date {
            Some(date) => {
                fields.remove(name);
                return Some(date);
            }
            None => {
                unknown
                    .get_or_insert_with(|| (name, fields.get(name).cloned().unwrap_or_default()));
            }
        }
    }
    if let Some((name, value)) = unknown {
        let mut shown = value.to_string();
        if shown.len() > 60 {
            let mut cut = 60;
            while !shown.is_char_boundary(cut) {
                cut -= 1;
            }
            shown.truncate(cut);
            shown.push('…');
        }
        remarks.push((
            WarningKind::Date,
            format!("\"{name}\" is not a date sahifa knows ({shown}); kept as an extra field"),
        ));
    }
    None
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Is `s` a date sahifa understands (see [`super::date`])?
pub fn is_date(s: &str) -> bool {
    normalise_date(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(rec: Value) -> Result<Parsed, Skip> {
        article_from_record(rec, "f.json#0".into(), Rules::bundled())
    }

    #[test]
    fn unknown_fields_are_kept_and_bad_dates_not_lost() {
        let rec = json!({"title": "ت", "body": "أ\n\nب", "tags": ["x"], "published": "amanhã"});
        let parsed = parse(rec).unwrap();
        let a = parsed.article;
        assert_eq!(a.paragraphs, ["أ", "ب"]);
        assert_eq!(a.meta.extra["tags"], json!(["x"]));
        assert_eq!(a.meta.extra["published"], json!("amanhã"));
        assert_eq!(a.meta.published, None);
        assert_eq!(parsed.remarks.len(), 1);
        assert_eq!(parsed.remarks[0].0, WarningKind::Date);
        assert_eq!(a.id.len(), 16, "content hash id");
    }

    #[test]
    fn paragraphs_array_and_numeric_id() {
        let rec = json!({"id": 7, "title": "t", "paragraphs": ["a", " ", "b"], "source": "وكالة"});
        let a = parse(rec).unwrap().article;
        assert_eq!((a.id.as_str(), a.paragraphs.len()), ("7", 2));
        assert_eq!(a.meta.outlet.as_deref(), Some("وكالة"));
    }

    #[test]
    fn every_listed_name_is_read() {
        for body in BODY_FIELDS {
            for title in TITLE_FIELDS {
                let rec = json!({title: "عنوان", body: "نص الخبر.", "date_extracted": "2015-08-11 13:44:43",
                    "link": "https://x.example/a", "site": "عكاظ", "author": "كاتب"});
                let p = parse(rec).unwrap();
                let a = p.article;
                assert_eq!(
                    (a.title.as_str(), a.paragraphs.len()),
                    ("عنوان", 1),
                    "{title} {body}"
                );
                assert_eq!(a.meta.published.as_deref(), Some("2015-08-11T13:44:43"));
                assert_eq!(a.meta.url.as_deref(), Some("https://x.example/a"));
                assert_eq!(a.meta.outlet.as_deref(), Some("عكاظ"));
                assert_eq!(a.meta.author.as_deref(), Some("كاتب"));
                assert!(a.meta.extra.is_empty(), "{:?}", a.meta.extra);
                assert!(p.remarks.is_empty());
            }
        }
        for date in DATE_FIELDS {
            let a = parse(json!({"title": "t", "body": "b", date: 1439300683}))
                .unwrap()
                .article;
            assert_eq!(
                a.meta.published.as_deref(),
                Some("2015-08-11T13:44:43Z"),
                "{date}"
            );
        }
    }

    #[test]
    fn the_first_usable_field_wins_and_the_rest_stay() {
        let rec = json!({"content": {"html": "<p>x</p>"}, "description": "ملخص.",
            "published": "قريبا", "date": "2020/01/02"});
        let p = parse(rec).unwrap();
        let a = &p.article;
        assert_eq!(a.paragraphs, ["ملخص."]);
        assert_eq!(a.meta.published.as_deref(), Some("2020-01-02"));
        assert!(a.meta.extra.contains_key("content") && a.meta.extra.contains_key("published"));
        assert!(p.remarks.iter().any(|(k, _)| *k == WarningKind::Field));
    }

    #[test]
    fn no_title_gives_the_lead_sentence_and_no_body_a_title_only_article() {
        let a = parse(json!({"title": " ", "body": "شاهد.. لحظة وصول الوفد. ثم غادر."}))
            .unwrap()
            .article;
        assert_eq!(a.title, "شاهد.. لحظة وصول الوفد.");
        assert_eq!(a.paragraphs.len(), 1);
        let a = parse(json!({"headline": "عاجل: انفجار"})).unwrap().article;
        assert_eq!((a.title.as_str(), a.paragraphs.len()), ("عاجل: انفجار", 0));
    }

    #[test]
    fn bad_records_say_why() {
        assert_eq!(parse(json!([1])).err(), Some(Skip::NotAnObject("an array")));
        assert_eq!(
            parse(json!({"title": "", "body": "  \n"})).err(),
            Some(Skip::NoText)
        );
        let why = parse(json!({"x": 1})).err().unwrap().to_string();
        assert!(why.contains("content") && why.contains("headline"), "{why}");
        let p = parse(json!({"title": 3, "body": "x"})).unwrap();
        assert_eq!(p.article.meta.extra["title"], json!(3));
    }
}
