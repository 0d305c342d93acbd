//! JSON / JSONL records → articles. Schema: `title` and `body` (a string,
//! one paragraph per non-empty line) or `paragraphs` (an array of strings);
//! optional `id`, `source`, `url`, `published` (RFC 3339 or YYYY-MM-DD),
//! `lang`. Unknown fields are kept in `meta.extra`.

use super::article::{content_id, Article, Metadata};
use serde_json::{Map, Value};

/// The outcome of reading one record: the article and any remarks about it.
pub struct Parsed {
    pub article: Article,
    pub remarks: Vec<String>,
}

/// Builds an article from one JSON value; `Err` says, for the user, why the
/// record was skipped.
pub fn article_from_record(value: Value, source: String) -> Result<Parsed, String> {
    let Value::Object(mut fields) = value else {
        return Err(format!("expected an object, found {}", kind_of(&value)));
    };
    let mut remarks = Vec::new();
    let title = match fields.remove("title") {
        Some(Value::String(t)) => t.trim().to_string(),
        Some(other) => {
            return Err(format!(
                "\"title\" must be a string, found {}",
                kind_of(&other)
            ))
        }
        None => return Err("missing \"title\"".into()),
    };
    let paragraphs = take_paragraphs(&mut fields)?;
    if paragraphs.is_empty() {
        return Err("empty body".into());
    }
    let id = match fields.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => content_id(&title, &paragraphs),
        Some(other) => {
            remarks.push(format!(
                "\"id\" ignored ({}); using a content hash",
                kind_of(&other)
            ));
            content_id(&title, &paragraphs)
        }
    };
    let mut meta = Metadata {
        outlet: take_string(&mut fields, "source"),
        url: take_string(&mut fields, "url"),
        lang: take_string(&mut fields, "lang"),
        ..Metadata::default()
    };
    match fields.remove("published") {
        Some(Value::String(date)) if is_date(&date) => meta.published = Some(date),
        Some(Value::Null) | None => {}
        Some(other) => {
            remarks.push(format!(
                "\"published\" is not RFC 3339 or YYYY-MM-DD ({other}); kept as an extra field"
            ));
            fields.insert("published".into(), other);
        }
    }
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

fn take_paragraphs(fields: &mut Map<String, Value>) -> Result<Vec<String>, String> {
    if let Some(value) = fields.remove("paragraphs") {
        let Value::Array(items) = value else {
            return Err("\"paragraphs\" must be an array of strings".into());
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Value::String(_) => {}
                other => return Err(format!("\"paragraphs\" holds {}", kind_of(&other))),
            }
        }
        return Ok(out);
    }
    match fields.remove("body") {
        Some(Value::String(body)) => Ok(body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()),
        Some(other) => Err(format!(
            "\"body\" must be a string, found {}",
            kind_of(&other)
        )),
        None => Err("missing \"body\" (or \"paragraphs\")".into()),
    }
}

/// Takes a string field out of the map; a field of another type stays in the
/// map (and so in `extra`), so nothing is lost.
fn take_string(fields: &mut Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key) {
        Some(Value::String(_)) => match fields.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `YYYY-MM-DD`, or an RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
    let date_ok = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10));
    if !date_ok {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    let time_ok = b.len() >= 20
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 61;
    if !time_ok {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates() {
        for ok in [
            "2022-11-11",
            "2022-11-11T10:00:00Z",
            "2022-11-11T10:00:00.5+03:00",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2022-13-01",
            "11/11/2022",
            "2022-11-11T10:00",
            "yesterday",
            "2022-11-11T10:00:00+0300",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_fields_are_kept_and_bad_dates_not_lost() {
        let rec = json!({"title": "ت", "body": "أ\n\nب", "tags": ["x"], "published": "amanhã"});
        let parsed = article_from_record(rec, "f.json#0".into()).unwrap();
        let a = parsed.article;
        assert_eq!(a.paragraphs, ["أ", "ب"]);
        assert_eq!(a.meta.extra["tags"], json!(["x"]));
        assert_eq!(a.meta.extra["published"], json!("amanhã"));
        assert_eq!(a.meta.published, None);
        assert_eq!(parsed.remarks.len(), 1);
        assert_eq!(a.id.len(), 16, "content hash id");
    }

    #[test]
    fn paragraphs_array_and_numeric_id() {
        let rec = json!({"id": 7, "title": "t", "paragraphs": ["a", " ", "b"], "source": "وكالة"});
        let a = article_from_record(rec, "s".into()).unwrap().article;
        assert_eq!((a.id.as_str(), a.paragraphs.len()), ("7", 2));
        assert_eq!(a.meta.outlet.as_deref(), Some("وكالة"));
    }

    #[test]
    fn bad_records_say_why() {
        let cases = [
            (json!([1]), "expected an object"),
            (json!({"body": "x"}), "missing \"title\""),
            (json!({"title": "t"}), "missing \"body\""),
            (json!({"title": "t", "body": "  \n"}), "empty body"),
            (
                json!({"title": 3, "body": "x"}),
                "\"title\" must be a string",
            ),
        ];
        for (rec, why) in cases {
            let err = article_from_record(rec, "s".into()).err().unwrap();
            assert!(err.contains(why), "{err}");
        }
    }
}
