//! [`Fields`] read by [`quick_scan`] instead of serde, where that is sure
//! to read the same.

use super::{Fields, Scalar, Text};
use crate::corpus::quick_scan::{self, Value};

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
    pub(super) fn scanned(line: &'a str) -> Option<Fields<'a>> {
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
