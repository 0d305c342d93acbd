//! [`Fields`] read by [`quick_scan`] instead of serde, where that is sure
//! to read the same.

use super::{Fields, Scalar, Text};
use crate::corpus::quick_scan::{self, Value};
use crate::corpus::record::{
    BODY_FIELDS, DATE_FIELDS, LANG_FIELDS, SOURCE_FIELDS, TITLE_FIELDS, URL_FIELDS,
};
use std::sync::OnceLock;

impl<'a> Fields<'a> {
    /// The keys of [`Fields`]: the names [`super::super::record`] reads
    /// them by (its lists), the id first; listed once.
    fn keys() -> &'static [&'static str] {
        static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
        KEYS.get_or_init(|| {
            let lists = [
                &TITLE_FIELDS[..],
                &BODY_FIELDS,
                &DATE_FIELDS,
                &SOURCE_FIELDS,
                &URL_FIELDS,
                &LANG_FIELDS,
            ];
            std::iter::once("id").chain(lists.concat()).collect()
        })
    }

    /// The fields as [`quick_scan`] reads them, exactly what serde reads;
    /// `None` where it declines (serde is then asked).
    pub(super) fn scanned(line: &'a str) -> Option<Fields<'a>> {
        let mut f = Fields::default();
        let mut seen = 0u32;
        quick_scan::object(
            line,
            |key| Self::keys().contains(&key),
            |key, value| {
                let k = Self::keys().iter().position(|&n| n == key)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the record's lists name is a field here, and each has a
    /// bit of its own in `scanned`'s record of keys seen.
    #[test]
    fn the_keys_are_the_fields() {
        assert!(Fields::keys().len() <= 32);
        for key in Fields::keys() {
            assert!(Fields::default().set(key, Value::Null).is_some(), "{key}");
        }
        assert!(Fields::default().set("author", Value::Null).is_none());
    }
}
