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
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

mod scanned;

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
    /// The date fields, in the order the full reading prefers them.
    fn dates(&self) -> [&Option<Date<'a>>; 7] {
        [
            &self.published,
            &self.date,
            &self.pub_date,
            &self.date_publish,
            &self.date_published,
            &self.date_extracted,
            &self.created_at,
        ]
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
        let dates = f.dates();
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
mod tests;
