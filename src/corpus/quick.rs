//! A JSON record read in place, for callers that only look at articles
//! (the streamed search): its id, title and paragraphs borrowed from the
//! line, without building a JSON tree or an [`Article`](super::Article).
//! It gives exactly what [`super::record::article_from_record`] gives, and
//! declines (`None`) any record where that would say something (a field of
//! an unexpected type, a date in no known form, a duplicate field): such a
//! record is then read the full way.

use super::article::content_id;
use super::clean::{lead_title, Rules};
use super::date::{from_unix_seconds, normalise_date};
use super::quick_scan::{self, Value};
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

// The three field kinds below take one of two JSON types each. They are
// read by hand rather than as `#[serde(untagged)]` enums, which first copy
// every value into a buffer of their own to try each variant on it: that
// was most of the time a search spent on a line holding its word.

enum Text<'a> {
    One(Cow<'a, str>),
    Many(Vec<Cow<'a, str>>),
}

/// A string or a number (an id, a date).
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(serde_json::Number),
}

type Id<'a> = Scalar<'a>;
type Date<'a> = Scalar<'a>;

/// A string, borrowed from the line when it has no escapes.
struct Str<'a>(Cow<'a, str>);

struct StrVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
    type Value = Str<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v)))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(std::marker::PhantomData))
    }
}

struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text::One(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text::One(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text::One(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // serde_json gives no size: room for a few paragraphs at once.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(16));
        while let Some(Str(s)) = seq.next_element()? {
            items.push(s);
        }
        Ok(Text::Many(items))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

struct ScalarVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ScalarVisitor<'a> {
    type Value = Scalar<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Number(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Number(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(Scalar::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor(std::marker::PhantomData))
    }
}

/// The fields [`super::record`] reads, under every name it reads them by.
#[derive(Deserialize, Default)]
struct Fields<'a> {
    #[serde(borrow)]
    id: Option<Id<'a>>,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    headline: Option<Cow<'a, str>>,
    #[serde(borrow)]
    body: Option<Text<'a>>,
    #[serde(borrow)]
    paragraphs: Option<Text<'a>>,
    #[serde(borrow)]
    content: Option<Text<'a>>,
    #[serde(borrow)]
    text: Option<Text<'a>>,
    #[serde(borrow)]
    maintext: Option<Text<'a>>,
    #[serde(borrow)]
    article: Option<Text<'a>>,
    #[serde(borrow)]
    description: Option<Text<'a>>,
    #[serde(borrow)]
    published: Option<Date<'a>>,
    #[serde(borrow)]
    date: Option<Date<'a>>,
    #[serde(borrow, rename = "pubDate")]
    pub_date: Option<Date<'a>>,
    #[serde(borrow)]
    date_publish: Option<Date<'a>>,
    #[serde(borrow, rename = "datePublished")]
    date_published: Option<Date<'a>>,
    #[serde(borrow)]
    date_extracted: Option<Date<'a>>,
    #[serde(borrow)]
    created_at: Option<Date<'a>>,
    // Read only to make sure they are strings (else a remark).
    #[serde(borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow)]
    outlet: Option<Cow<'a, str>>,
    #[serde(borrow)]
    site: Option<Cow<'a, str>>,
    #[serde(borrow)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    link: Option<Cow<'a, str>>,
    #[serde(borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(borrow)]
    language: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    /// The keys of [`Fields`], as serde reads them.
    const KEYS: [&'static str; 24] = [
        "id",
        "title",
        "headline",
        "body",
        "paragraphs",
        "content",
        "text",
        "maintext",
        "article",
        "description",
        "published",
        "date",
        "pubDate",
        "date_publish",
        "datePublished",
        "date_extracted",
        "created_at",
        "source",
        "outlet",
        "site",
        "url",
        "link",
        "lang",
        "language",
    ];

    /// The fields as [`quick_scan`] reads them, exactly what serde reads;
    /// `None` where it declines (serde is then asked).
    fn scanned(line: &'a str) -> Option<Fields<'a>> {
        let mut f = Fields::default();
        let mut seen = 0u32;
        quick_scan::object(
            line,
            |key| Self::KEYS.contains(&key),
            |key, value| {
                let k = Self::KEYS.iter().position(|&n| n == key)?;
                // A key twice is an error to serde, even after a null.
                if seen & (1 << k) != 0 {
                    return None;
                }
                seen |= 1 << k;
                f.set(key, value)
            },
        )?;
        Some(f)
    }

    fn set(&mut self, key: &str, value: Value<'a>) -> Option<()> {
        let one = |v: Value<'a>| match v {
            Value::Null => Some(None),
            Value::Text(s) => Some(Some(s)),
            Value::Texts(_) => None,
        };
        let text = |v: Value<'a>| match v {
            Value::Null => None,
            Value::Text(s) => Some(Text::One(s)),
            Value::Texts(items) => Some(Text::Many(items)),
        };
        let scalar = |v: Value<'a>| one(v).map(|s| s.map(Scalar::Text));
        match key {
            "id" => self.id = scalar(value)?,
            "title" => self.title = one(value)?,
            "headline" => self.headline = one(value)?,
            "body" => self.body = text(value),
            "paragraphs" => self.paragraphs = text(value),
            "content" => self.content = text(value),
            "text" => self.text = text(value),
            "maintext" => self.maintext = text(value),
            "article" => self.article = text(value),
            "description" => self.description = text(value),
            "published" => self.published = scalar(value)?,
            "date" => self.date = scalar(value)?,
            "pubDate" => self.pub_date = scalar(value)?,
            "date_publish" => self.date_publish = scalar(value)?,
            "datePublished" => self.date_published = scalar(value)?,
            "date_extracted" => self.date_extracted = scalar(value)?,
            "created_at" => self.created_at = scalar(value)?,
            "source" => self.source = one(value)?,
            "outlet" => self.outlet = one(value)?,
            "site" => self.site = one(value)?,
            "url" => self.url = one(value)?,
            "link" => self.link = one(value)?,
            "lang" => self.lang = one(value)?,
            "language" => self.language = one(value)?,
            _ => return None,
        }
        Some(())
    }
}

/// A record's article, borrowed where the line allows.
pub struct QuickRecord<'a> {
    pub id: String,
    title: Option<Cow<'a, str>>,
    body: Vec<Cow<'a, str>>,
}

impl<'a> QuickRecord<'a> {
    /// Reads `line`; `None` when it must be read the full way.
    pub fn of(line: &'a str) -> Option<QuickRecord<'a>> {
        let f = Fields::scanned(line).or_else(|| serde_json::from_str(line).ok())?;
        let dates = [
            &f.published,
            &f.date,
            &f.pub_date,
            &f.date_publish,
            &f.date_published,
            &f.date_extracted,
            &f.created_at,
        ];
        let present = dates.iter().filter(|d| match d {
            Some(Date::Text(t)) => !t.trim().is_empty(),
            Some(Date::Number(_)) => true,
            None => false,
        });
        let mut present = present.peekable();
        // A date in no known form is remarked on (unless another is known).
        if present.peek().is_some() && !present.any(|d| d.as_ref().is_some_and(known)) {
            return None;
        }
        let _ = (
            &f.source,
            &f.outlet,
            &f.site,
            &f.url,
            &f.link,
            &f.lang,
            &f.language,
        );
        let title = [f.title, f.headline]
            .into_iter()
            .flatten()
            .find(|t| !t.trim().is_empty());
        let body = [
            f.body,
            f.paragraphs,
            f.content,
            f.text,
            f.maintext,
            f.article,
            f.description,
        ]
        .into_iter()
        .flatten()
        .find(|b| has_text(b))
        .map(|b| match b {
            Text::One(s) => vec![s],
            Text::Many(items) => items,
        })
        .unwrap_or_default();
        let mut record = QuickRecord {
            id: String::new(),
            title,
            body,
        };
        record.id = match f.id {
            Some(Id::Text(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Id::Text(_)) => return None,
            Some(Id::Number(n)) => n.to_string(),
            None => String::new(),
        };
        Some(record)
    }

    /// Runs `f` on the title and paragraphs (as the full reading gives
    /// them), and sets the id when the record had none. `None` for a record
    /// that is no article (neither title nor body).
    pub fn with_parts<R>(
        &mut self,
        rules: &Rules,
        f: impl FnOnce(&str, &str, &[&str]) -> R,
    ) -> Option<R> {
        // A string borrowed from the line had no escape, so no line break
        // (JSON strings hold none raw): it is not looked through for one.
        let paragraphs: Vec<&str> = self
            .body
            .iter()
            .flat_map(lines_of)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let title: Cow<str> = match (&self.title, paragraphs.first()) {
            (Some(t), _) => Cow::Borrowed(t.trim()),
            (None, Some(lead)) => lead_title(lead, rules),
            (None, None) => return None,
        };
        if self.id.is_empty() {
            let owned: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
            self.id = content_id(&title, &owned);
        }
        Some(f(&self.id, &title, &paragraphs))
    }
}

/// The lines of `text` as [`str::lines`] gives them once trimmed (a `\r`
/// before a line's `\n` is trimmed with the rest), found with memchr: a
/// body is kilobytes long, and most hold no line break at all.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// The lines of a body text ([`lines`]); a text borrowed from the line is
/// one line (see [`QuickRecord::with_parts`]).
// The Cow itself is asked for: whether the text was borrowed is the point.
#[allow(clippy::ptr_arg)]
fn lines_of<'s>(text: &'s Cow<'_, str>) -> impl Iterator<Item = &'s str> {
    let (whole, split) = match text {
        Cow::Borrowed(_) => (Some(text.as_ref()), None),
        Cow::Owned(s) => (None, Some(lines(s))),
    };
    whole.into_iter().chain(split.into_iter().flatten())
}

fn known(date: &Date) -> bool {
    match date {
        Date::Text(t) => normalise_date(t).is_some(),
        Date::Number(n) => n
            .as_i64()
            .and_then(|n| from_unix_seconds(if n > 99_999_999_999 { n / 1000 } else { n }))
            .is_some(),
    }
}

fn has_text(text: &Text) -> bool {
    match text {
        Text::One(s) => !s.trim().is_empty(),
        Text::Many(items) => items.iter().any(|s| !s.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::record::article_from_record;

    /// What the quick reading gives, or why it declined.
    fn quick(line: &str) -> Option<(String, String, Vec<String>)> {
        let mut r = QuickRecord::of(line)?;
        r.with_parts(Rules::bundled(), |id, title, ps| {
            let ps = ps.iter().map(|p| p.to_string()).collect();
            (id.to_string(), title.to_string(), ps)
        })
    }

    /// Every field, spelled out, to compare two readings.
    fn describe(f: &Fields) -> String {
        let text = |t: &Option<Text>| match t {
            None => "-".to_string(),
            Some(Text::One(s)) => format!("one {s:?}"),
            Some(Text::Many(v)) => format!("many {v:?}"),
        };
        let scalar = |t: &Option<Scalar>| match t {
            None => "-".to_string(),
            Some(Scalar::Text(s)) => format!("text {s:?}"),
            Some(Scalar::Number(n)) => format!("number {n}"),
        };
        let texts = [
            &f.body,
            &f.paragraphs,
            &f.content,
            &f.text,
            &f.maintext,
            &f.article,
            &f.description,
        ];
        let scalars = [
            &f.id,
            &f.published,
            &f.date,
            &f.pub_date,
            &f.date_publish,
            &f.date_published,
            &f.date_extracted,
            &f.created_at,
        ];
        let strings = [
            &f.title,
            &f.headline,
            &f.source,
            &f.outlet,
            &f.site,
            &f.url,
            &f.link,
            &f.lang,
            &f.language,
        ];
        let mut out: Vec<String> = texts.into_iter().map(text).collect();
        out.extend(scalars.into_iter().map(scalar));
        out.extend(strings.into_iter().map(|s| format!("{s:?}")));
        out.join(" | ")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever the scanner reads, serde reads the same; lines it
        /// declines may be anything.
        #[test]
        fn the_scanner_reads_what_serde_reads(
            entries in proptest::collection::vec((0usize..30, 0usize..26, 0usize..3), 0..6),
            cut in proptest::option::of((0usize..200, 0usize..12)),
            tail in 0usize..4,
        ) {
            const KEYS: [&str; 30] = [
                "id", "title", "headline", "body", "paragraphs", "content", "text",
                "maintext", "article", "description", "published", "date", "pubDate",
                "date_publish", "datePublished", "date_extracted", "created_at", "source",
                "outlet", "site", "url", "link", "lang", "language", "x", "pub_date",
                "Title", "tags", "ti\\tle", "",
            ];
            const VALUES: [&str; 26] = [
                r#""خبر""#, r#""a\"b""#, r#""a\\b\/c\nd\te""#, r#""\u0041\u0628""#,
                r#""""#, r#"" ""#, "null", "true", "false", "0", "-1", "01", "1.5", "1e5",
                "1.", "12345678901234567890123", r#"["a", "ب\"ج"]"#, "[]", r#"["a", null]"#,
                r#"[1, [2, {"y": "z"}]]"#, r#"{"a": {"b": []}}"#, r#"{"a" 1}"#, "[1,]",
                r#""x"#, "nul", r#""\x""#,
            ];
            const SPACES: [&str; 3] = ["", " ", "  "];
            const CUTS: [&str; 12] = ["", "\"", "\\", ",", "}", "{", "]", " ", "\t", "x", "ب", "\r"];
            const TAILS: [&str; 4] = ["", " ", " x", "\r"];
            let mut line = String::from("{");
            for (i, (k, v, sp)) in entries.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                let sp = SPACES[*sp];
                line.push_str(&format!("{sp}\"{}\"{sp}:{sp}{}", KEYS[*k], VALUES[*v]));
            }
            line.push('}');
            line.push_str(TAILS[tail]);
            if let Some((at, with)) = cut {
                let at = (0..=at.min(line.len())).rev().find(|&i| line.is_char_boundary(i)).unwrap_or(0);
                line.insert_str(at, CUTS[with]);
            }
            if let Some(f) = Fields::scanned(&line) {
                let full: Result<Fields, _> = serde_json::from_str(&line);
                proptest::prop_assert!(full.is_ok(), "{}", line);
                let full = full.unwrap();
                proptest::prop_assert_eq!(describe(&f), describe(&full), "{}", line);
            }
        }
    }

    #[test]
    fn lines_once_trimmed_are_those_of_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "\n\n a \r\n\r\n",
            "x\ry\n\r",
            "\r",
        ] {
            let want: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let got: Vec<&str> = lines(text)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn the_same_as_the_full_reading_or_declined() {
        let lines = [
            r#"{"id": "a", "title": "t", "paragraphs": ["p1", " ", "p2\np3"]}"#,
            r#"{"id": 7, "headline": "h", "content": "x\n\ny"}"#,
            r#"{"title": "", "body": "الجملة الأولى. والثانية.", "date": "2015/08/11"}"#,
            r#"{"title": "t", "body": "b\u0020c", "published": "قريبا", "date_extracted": "2015-08-11 13:44:43"}"#,
            r#"{"title": "t", "content": {"x": 1}, "text": "b"}"#,
            r#"{"title": "t", "body": "b", "published": "قريبا"}"#,
            r#"{"id": true, "title": "t", "body": "b"}"#,
            r#"{"id": " ", "title": "t", "body": "b"}"#,
            r#"{"title": "t", "title": "u", "body": "b"}"#,
            r#"{"title": "only"}"#,
            r#"{"other": 1}"#,
            r#"{"title": "t", "body": "b", "url": 5}"#,
        ];
        let mut declined = 0;
        for line in lines {
            let full = article_from_record(
                serde_json::from_str(line).unwrap(),
                "s".into(),
                Rules::bundled(),
            );
            match quick(line) {
                Some(got) => {
                    let parsed = full.unwrap_or_else(|_| panic!("{line}"));
                    assert!(parsed.remarks.is_empty(), "{line}: {:?}", parsed.remarks);
                    let a = parsed.article;
                    assert_eq!(got, (a.id, a.title, a.paragraphs), "{line}");
                }
                None => declined += 1,
            }
        }
        // The record with no text, the unknown date, the bad ids, the
        // duplicate field, the object body and the numeric url.
        assert_eq!(declined, 7);
    }
}
