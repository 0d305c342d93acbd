//! A small, forgiving HTML tokenizer: tags with their attributes, and the
//! text between them; comments, `<script>` and `<style>` bodies skipped.
//! Enough to find a page's feed links and to measure the text of a feed
//! item's HTML; article extraction is the corpus's HTML extractor's job.

use std::borrow::Cow;

/// One piece of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start (or self-closing) tag; the name in lower case.
    Start(Tag<'a>),
    /// An end tag's name, in lower case.
    End(String),
    /// Raw text between tags (entities not yet decoded).
    Text(&'a str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: String,
    raw: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `name` (ASCII case-insensitive), entities
    /// decoded; `Some("")` for an attribute without a value.
    pub fn attr(&self, name: &str) -> Option<String> {
        attributes(self.raw)
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| decode_entities(v).into_owned())
    }
}

/// The tokens of `html`, in order.
pub fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    Tokens {
        html,
        at: 0,
        raw_until: None,
    }
}

struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// Inside `<script>` or `<style>`: text runs to this end tag.
    raw_until: Option<&'static str>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let html = self.html;
        loop {
            let rest = &html[self.at..];
            if rest.is_empty() {
                return None;
            }
            if let Some(end_tag) = self.raw_until.take() {
                // Skip to the end tag; its contents are not text.
                let skip = find_ci(rest, end_tag).unwrap_or(rest.len());
                self.at += skip;
                continue;
            }
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.at += len;
                return Some(Token::Text(&rest[..len]));
            }
            if let Some(after) = rest.strip_prefix("<!--") {
                self.at += 4 + after.find("-->").map_or(after.len(), |n| n + 3);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.at += rest.find('>').map_or(rest.len(), |n| n + 1);
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len() - name_start);
            let name = &rest[name_start..name_start + name_len];
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                // A lone "<" in text.
                self.at += 1;
                return Some(Token::Text(&rest[..1]));
            }
            let end = tag_end(rest).unwrap_or(rest.len());
            self.at += end;
            let name = name.to_ascii_lowercase();
            if closing {
                return Some(Token::End(name));
            }
            self.raw_until = match name.as_str() {
                "script" => Some("</script"),
                "style" => Some("</style"),
                _ => None,
            };
            let raw = &rest[name_start + name_len..end];
            return Some(Token::Start(Tag { name, raw }));
        }
    }
}

/// The end of the tag at the start of `s` (just past `>`), minding quotes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `name=value` pairs of a tag's inside (after its name).
fn attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            return Some((name, ""));
        };
        let v = after_eq.trim_start();
        let (value, used) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => match v[1..].find(q) {
                Some(n) => (&v[1..1 + n], n + 2),
                None => (&v[1..], v.len()),
            },
            _ => {
                let n = v
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(v.len());
                (&v[..n], n)
            }
        };
        rest = &v[used..];
        Some((name, value))
    })
}

/// Decodes character references: numeric ones, and the named ones news
/// markup uses (an unknown name is left as written).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|n| n + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        match entity(name) {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference names (`amp`, `#1575`, `#x627`).
pub fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code)
            .filter(|c| *c != '\0')
            .or(Some('\u{FFFD}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "euro" => '€',
        "pound" => '£',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_attributes() {
        let html = "<html><head><!-- <link rel=alternate href=/no> --><script>if (a<b) x='<link>'</script>\
                    <LINK Rel=\"Alternate\" type='application/rss+xml' href=/rss?a=1&amp;b=2 title=\"آخر الأخبار\"/>\
                    </head><body>نص &laquo;مقتبس&raquo; &#1575;&#x644; a < b</body>";
        let toks: Vec<_> = tokens(html).collect();
        let links: Vec<_> = toks
            .iter()
            .filter_map(|t| match t {
                Token::Start(tag) if tag.name == "link" => Some(tag),
                _ => None,
            })
            .collect();
        assert_eq!(
            links.len(),
            1,
            "the commented and scripted links are not tags"
        );
        assert_eq!(links[0].attr("rel").as_deref(), Some("Alternate"));
        assert_eq!(links[0].attr("HREF").as_deref(), Some("/rss?a=1&b=2"));
        assert_eq!(links[0].attr("title").as_deref(), Some("آخر الأخبار"));
        assert_eq!(links[0].attr("missing"), None);
        let text: String = toks
            .iter()
            .filter_map(|t| match t {
                Token::Text(s) => Some(decode_entities(s)),
                _ => None,
            })
            .collect();
        assert_eq!(text, "نص «مقتبس» ال a < b");
        assert!(toks.contains(&Token::End("body".into())));
    }

    #[test]
    fn entities_unknown_or_broken_stay_as_written() {
        assert_eq!(
            decode_entities("a &unknown; b & c &#xZZ; &amp"),
            "a &unknown; b & c &#xZZ; &"
        );
        assert_eq!(decode_entities("&#0;&#55296;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn unterminated_markup_ends_cleanly() {
        let toks: Vec<_> = tokens("<p class=\"open>text").collect();
        assert_eq!(toks.len(), 1);
        assert_eq!(tokens("<!-- never closed").count(), 0);
        assert_eq!(tokens("<script>alert(1)").count(), 1);
    }
}
