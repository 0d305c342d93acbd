//! JSONL: one record per line, each parsed on its own; a line's id can be
//! read without parsing it. Big files are read in blocks (`blocks.rs`).

use super::article::Article;
use super::clean::Rules;
use super::decode::Markup;
use super::error::{Warning, WarningKind};
use super::parse::{add_record, Tally};
use encoding_rs::Encoding;
use memchr::memmem;
use std::borrow::Cow;

/// Every record of a JSONL file's decoded text.
pub fn parse_all(
    name: &str,
    text: &str,
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut tally = Tally::default();
    let mut record_warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        parse_line(
            name,
            i + 1,
            line,
            rules,
            &mut tally,
            &mut articles,
            &mut record_warnings,
        );
    }
    finish(name, &tally, articles.is_empty(), record_warnings, warnings);
    articles
}

/// The warnings of a whole file: one line when no record was an article.
pub fn finish(
    name: &str,
    tally: &Tally,
    none: bool,
    record_warnings: Vec<Warning>,
    warnings: &mut Vec<Warning>,
) {
    if !none {
        warnings.extend(record_warnings);
    } else if tally.records() == 0 && record_warnings.is_empty() {
        warnings.push(Warning::of(
            WarningKind::Empty,
            name,
            "empty: no records; skipped",
        ));
    } else if tally.records() == 0 {
        warnings.extend(record_warnings);
    } else {
        warnings.extend(
            record_warnings
                .into_iter()
                .filter(|w| w.kind != WarningKind::Record),
        );
        warnings.push(tally.none_loaded(name));
    }
}

/// One line (`number` is 1-based): a record, a warning, or nothing for a
/// blank line.
pub fn parse_line(
    name: &str,
    number: usize,
    line: &str,
    rules: &Rules,
    tally: &mut Tally,
    articles: &mut Vec<Article>,
    warnings: &mut Vec<Warning>,
) {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return;
    }
    let place = format!("{name}:{number}");
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(record) => {
            tally.see(&record);
            add_record(place, record, rules, articles, warnings);
        }
        Err(e) => warnings.push(Warning::of(
            WarningKind::Malformed,
            place,
            format!("malformed JSON ({e}); record skipped"),
        )),
    }
}

/// A line's bytes as text: UTF-8 when valid, else in the file's legacy
/// encoding when one was found, else UTF-8 with U+FFFD; the second value
/// is the offset in the line of a replaced byte.
pub fn line_text<'a>(
    bytes: &'a [u8],
    legacy: Option<&'static Encoding>,
) -> (Cow<'a, str>, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (Cow::Borrowed(t), None),
        Err(e) => match legacy {
            Some(encoding) => {
                let (text, errors) = encoding.decode_without_bom_handling(bytes);
                (text, errors.then_some(e.valid_up_to()))
            }
            None => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
        },
    }
}

/// The `"id"` of a record read from its raw line without parsing it: the
/// value of the first `"id"` key at the top level, when it is a string
/// without escapes or a number. `Unsure` when the line must be parsed to
/// know. A key inside a string cannot be mistaken for one: quotes in JSON
/// strings are escaped.
pub enum RawId<'a> {
    None,
    Found(&'a str),
    Unsure,
}

pub fn raw_id(line: &[u8]) -> RawId<'_> {
    static FINDER: std::sync::OnceLock<memmem::Finder<'static>> = std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memmem::Finder::new(b"\"id\""));
    let Some(at) = finder.find(line) else {
        return RawId::None;
    };
    // The key must be at depth 1: count brackets before it, outside strings.
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for &b in &line[..at] {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => depth += 1,
            (false, _, b'}' | b']') => depth -= 1,
            _ => {}
        }
    }
    if depth != 1 || in_string {
        return RawId::Unsure;
    }
    let rest = line[at + 4..].trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b":") else {
        return RawId::Unsure;
    };
    let rest = rest.trim_ascii_start();
    let value = match rest.first() {
        Some(b'"') => {
            let inner = &rest[1..];
            match memchr::memchr2(b'"', b'\\', inner) {
                Some(end) if inner[end] == b'"' => &inner[..end],
                _ => return RawId::Unsure,
            }
        }
        Some(b) if b.is_ascii_digit() || *b == b'-' => {
            let end = rest
                .iter()
                .position(|b| {
                    !(b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+'))
                })
                .unwrap_or(rest.len());
            &rest[..end]
        }
        _ => return RawId::Unsure,
    };
    match std::str::from_utf8(value) {
        Ok(v) if !v.trim().is_empty() && v.trim() == v => RawId::Found(v),
        _ => RawId::Unsure,
    }
}

/// A UTF-16 JSONL file, or one no bigger than a block: decoded whole.
pub fn decode_whole<'a>(
    name: &str,
    bytes: &'a [u8],
    warnings: &mut Vec<Warning>,
) -> Option<Cow<'a, str>> {
    super::parse::decode_or_warn(name, bytes, Markup::Plain, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_ids() {
        let id = |l: &str| match raw_id(l.as_bytes()) {
            RawId::None => "none".to_string(),
            RawId::Found(v) => v.to_string(),
            RawId::Unsure => "unsure".to_string(),
        };
        assert_eq!(id(r#"{"id": "a-1", "title": "t"}"#), "a-1");
        assert_eq!(id(r#"{"title": "say \"id\": 3", "id":42}"#), "42");
        assert_eq!(id(r#"{"author": {"id": 5}, "title": "t"}"#), "unsure");
        assert_eq!(id(r#"{"title": "t"}"#), "none");
        assert_eq!(id(r#"{"id": "a\"b"}"#), "unsure");
        assert_eq!(id(r#"{"id": null}"#), "unsure");
    }
}
