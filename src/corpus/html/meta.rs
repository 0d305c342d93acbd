//! An HTML page's metadata: headline (og:title, h1 or `<title>`, without
//! the site's name), publication date (meta tags, `<time>`, JSON-LD),
//! author, canonical url, site name, language and direction.

use crate::corpus::article::Metadata;
use crate::corpus::date::normalise_date;
use crate::text::normalize::normalize;
use dom_query::Document;
use serde_json::Value;

/// What the page says about itself, as found.
#[derive(Debug, Default)]
pub struct PageMeta {
    og_title: Option<String>,
    h1: Option<String>,
    title_tag: Option<String>,
    ld_headline: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    published: Option<String>,
    author: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    /// `articleBody` from JSON-LD.
    pub body: Option<String>,
}

fn clean(text: &str) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn attr(document: &Document, selector: &str, name: &str) -> Option<String> {
    document
        .select(selector)
        .iter()
        .find_map(|s| s.attr(name).and_then(|v| clean(&v)))
}

fn text_of(document: &Document, selector: &str) -> Option<String> {
    document
        .select(selector)
        .iter()
        .find_map(|s| clean(&s.text()))
}

impl PageMeta {
    pub fn of(document: &Document) -> PageMeta {
        let content = |selector: &str| attr(document, selector, "content");
        let mut found = PageMeta {
            og_title: content("meta[property='og:title'], meta[name='twitter:title']"),
            h1: text_of(document, "h1"),
            title_tag: text_of(document, "title"),
            site_name: content("meta[property='og:site_name'], meta[name='application-name']"),
            url: attr(document, "link[rel='canonical']", "href")
                .or_else(|| content("meta[property='og:url']")),
            published: content(
                "meta[property='article:published_time'], meta[itemprop='datePublished'], \
                 meta[name='pubdate'], meta[name='publishdate'], meta[name='publish-date'], \
                 meta[name='date'], meta[name='DC.date.issued'], meta[name='dc.date']",
            )
            .or_else(|| {
                attr(
                    document,
                    "time[pubdate], time[itemprop='datePublished']",
                    "datetime",
                )
            })
            .or_else(|| attr(document, "time[datetime]", "datetime")),
            author: content("meta[name='author'], meta[property='article:author']")
                .filter(|a| !a.starts_with("http"))
                .or_else(|| {
                    text_of(
                        document,
                        "[rel='author'], [itemprop='author'] [itemprop='name']",
                    )
                }),
            lang: attr(document, "html", "lang"),
            dir: attr(document, "html", "dir").or_else(|| attr(document, "body", "dir")),
            ..PageMeta::default()
        };
        for script in document.select("script[type='application/ld+json']").iter() {
            if let Ok(value) = serde_json::from_str::<Value>(&script.text()) {
                found.absorb_json_ld(&value);
            }
        }
        found
    }

    /// Takes what a JSON-LD article object says, where nothing else did.
    fn absorb_json_ld(&mut self, value: &Value) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.absorb_json_ld(v)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.absorb_json_ld(graph);
                }
                let is_article = map.get("@type").is_some_and(|t| {
                    let types = match t {
                        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                        Value::String(s) => vec![s.as_str()],
                        _ => Vec::new(),
                    };
                    types
                        .iter()
                        .any(|t| t.ends_with("Article") || *t == "ReportageNews")
                });
                if !is_article {
                    return;
                }
                let string = |key: &str| map.get(key).and_then(Value::as_str).and_then(clean);
                self.ld_headline = self.ld_headline.take().or_else(|| string("headline"));
                self.published = self.published.take().or_else(|| string("datePublished"));
                self.body = self.body.take().or_else(|| {
                    map.get("articleBody")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                });
                self.url = self.url.take().or_else(|| string("url"));
                self.author = self
                    .author
                    .take()
                    .or_else(|| map.get("author").and_then(person));
                if self.site_name.is_none() {
                    self.site_name = map.get("publisher").and_then(person);
                }
            }
            _ => {}
        }
    }

    /// The headline: og:title, else the h1, else JSON-LD's, else `<title>`,
    /// with the site's name taken off. A page with no h1 (old table
    /// layouts) may start its text with the headline: `first_line` stands
    /// for the h1 then.
    pub fn title(&self, first_line: Option<&str>) -> Option<String> {
        let raw = self
            .og_title
            .as_ref()
            .or(self.h1.as_ref())
            .or(self.ld_headline.as_ref())
            .or(self.title_tag.as_ref())?;
        let site = self.site_name.as_deref();
        let stripped = strip_site_suffix(raw, site, self.h1.as_deref().or(first_line));
        clean(&stripped)
    }

    pub fn metadata(&self) -> Metadata {
        let mut meta = Metadata {
            outlet: self.site_name.clone(),
            url: self.url.clone(),
            author: self.author.clone(),
            lang: self.lang.clone(),
            ..Metadata::default()
        };
        if let Some(raw) = &self.published {
            match normalise_date(raw) {
                Some(date) => meta.published = Some(date),
                None => {
                    meta.extra
                        .insert("published".into(), Value::String(raw.clone()));
                }
            }
        }
        if let Some(dir) = &self.dir {
            meta.extra.insert("dir".into(), Value::String(dir.clone()));
        }
        meta
    }
}

/// A JSON-LD person or organisation: a name, an object with a name, or a
/// list of them.
fn person(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Object(map) => map.get("name").and_then(Value::as_str).and_then(clean),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(person).collect();
            (!names.is_empty()).then(|| names.join("، "))
        }
        _ => None,
    }
}

/// Separators between a headline and the site's name.
const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];

/// `title` without the site's name at its end (or start): « - CNNArabic.com»,
/// «| الجزيرة نت». A part is the site's name when it is `site`, looks like
/// a domain, or is what is left when the page's h1 is taken away.
pub fn strip_site_suffix(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let title = title.trim();
    if let Some(h1) = h1.map(str::trim).filter(|h| !h.is_empty()) {
        if title != h1 && title.contains(h1) {
            let rest = title.replacen(h1, "", 1);
            if SEPARATORS.iter().any(|s| rest.contains(s.trim())) {
                return h1.to_string();
            }
        }
    }
    let is_site = |part: &str| {
        let part = part.trim();
        let same = site.is_some_and(|s| normalize(s.trim()) == normalize(part));
        same || looks_like_domain(part)
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if is_site(tail) && !head.trim().is_empty() {
                return strip_site_suffix(head, site, None);
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if is_site(head) && !tail.trim().is_empty() {
                return strip_site_suffix(tail, site, None);
            }
        }
    }
    title.to_string()
}

/// `CNNArabic.com`, `www.okaz.com.sa`: one word with a dot and a Latin
/// top-level domain.
fn looks_like_domain(part: &str) -> bool {
    !part.contains(' ')
        && part.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_taken_off() {
        let cases = [
            (
                "مقتل 5 في انفجار - CNNArabic.com",
                None,
                None,
                "مقتل 5 في انفجار",
            ),
            (
                "مقتل 5 في انفجار | الجزيرة نت",
                Some("الجزيرة نت"),
                None,
                "مقتل 5 في انفجار",
            ),
            ("الجزيرة نت | مقتل 5", Some("الجزيرة نت"), None, "مقتل 5"),
            (
                "بايدن - بوتين: قمة جنيف",
                None,
                None,
                "بايدن - بوتين: قمة جنيف",
            ),
            ("قمة جنيف - أخبار عكاظ", None, Some("قمة جنيف"), "قمة جنيف"),
        ];
        for (title, site, h1, want) in cases {
            assert_eq!(strip_site_suffix(title, site, h1), want, "{title}");
        }
    }

    #[test]
    fn metadata_from_tags_and_json_ld() {
        let html = r#"<html lang="ar" dir="rtl"><head>
            <meta property="og:title" content="عنوان الخبر | صحيفة المثال">
            <meta property="og:site_name" content="صحيفة المثال">
            <link rel="canonical" href="https://example.sa/news/1">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-04-05T10:20:00+03:00",
               "author":[{"@type":"Person","name":"سارة علي"}]}]}</script>
            </head><body><h1>عنوان الخبر</h1></body></html>"#;
        let found = PageMeta::of(&Document::from(html));
        assert_eq!(found.title(None).as_deref(), Some("عنوان الخبر"));
        let meta = found.metadata();
        assert_eq!(meta.published.as_deref(), Some("2023-04-05T10:20:00+03:00"));
        assert_eq!(meta.author.as_deref(), Some("سارة علي"));
        assert_eq!(meta.url.as_deref(), Some("https://example.sa/news/1"));
        assert_eq!(meta.outlet.as_deref(), Some("صحيفة المثال"));
        assert_eq!(meta.extra["dir"], "rtl");
    }

    #[test]
    fn a_time_element_gives_the_date() {
        let html =
            r#"<html><body><h1>t</h1><time datetime="2019-10-03">٣ أكتوبر</time></body></html>"#;
        let meta = PageMeta::of(&Document::from(html)).metadata();
        assert_eq!(meta.published.as_deref(), Some("2019-10-03"));
    }
}
