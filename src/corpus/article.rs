//! The Article model: what every other module reads.

use serde::Serialize;
use serde_json::{Map, Value};

/// One news article, in logical (stored) order. No reordering for display
/// ever happens here: paragraphs are exactly as written in the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the file stem for `.txt`, the record's `id`, or a content hash.
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Where the article was read from: a file path, `path:LINE` for JSONL,
    /// `path#INDEX` for a JSON array, or `seeds/NAME` for the bundled corpus.
    pub source: String,
    pub meta: Metadata,
    /// Lines the cleaner removed (navigation, comment forms, related links),
    /// kept so nothing is lost and `show --raw` can list them.
    pub boilerplate: Vec<String>,
}

/// Optional facts about an article; unknown record fields are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// RFC 3339, or a date alone; see [`crate::corpus::date`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Article {
    /// True when the title is the lead sentence of the first paragraph (the
    /// page had no headline), so a reader need not show it twice.
    pub fn title_is_lead(&self) -> bool {
        let title = self.title.trim_end_matches('…');
        !title.is_empty()
            && self
                .paragraphs
                .first()
                .is_some_and(|p| p.starts_with(title))
    }

    /// Words in the body (title excluded): whitespace-separated tokens that
    /// contain at least one letter or digit.
    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| count_words(p)).sum()
    }
}

/// Whitespace-separated tokens holding at least one word character (letter,
/// digit or mark, as the search defines it).
pub fn count_words(text: &str) -> usize {
    // One pass over the bytes: ASCII decided directly, other characters
    // decoded only where they start (this runs over whole corpora).
    let (mut words, mut in_token, mut has_word) = (0, false, false);
    let mut close = |in_token: &mut bool, has_word: &mut bool| {
        if *in_token && *has_word {
            words += 1;
        }
        *in_token = false;
        *has_word = false;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b.is_ascii() {
            let space = b.is_ascii_whitespace() || b == 0x0b;
            has_word |= !space && b.is_ascii_alphanumeric();
            (space, 1)
        } else if b < 0xE0 {
            // Two bytes (Arabic, Latin-1): decoded here; whether the
            // character is a word character only matters until the token
            // has one. `text` is UTF-8, so the second byte is there.
            let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
            let space = c == 0x85 || c == 0xA0;
            if !space && !has_word {
                has_word = char::from_u32(c).is_some_and(crate::text::normalize::is_word_char);
            }
            (space, 2)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            let space = c.is_whitespace();
            if !space && !has_word {
                has_word = crate::text::normalize::is_word_char(c);
            }
            (space, c.len_utf8())
        };
        if space {
            close(&mut in_token, &mut has_word);
        } else {
            in_token = true;
        }
        i += len;
    }
    close(&mut in_token, &mut has_word);
    words
}

/// A short, stable content hash (FNV-1a, 64 bits, hex) used as the id of
/// records that carry none. Stable across runs and Rust versions.
pub fn content_id(title: &str, paragraphs: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(title.as_bytes());
    for p in paragraphs {
        feed(b"\n");
        feed(p.as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_lone_punctuation() {
        assert_eq!(count_words("قال بوتين ، إن 10 جنود – فقط"), 6);
    }

    proptest::proptest! {
        #[test]
        fn counting_matches_the_definition(text in "[ \t\n\u{85}\u{a0}\u{2003}a-z0-9é×،؟.ـبتثأُّ٣—\u{200c}\u{202e}]{0,40}") {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(crate::text::normalize::is_word_char))
                .count();
            proptest::prop_assert_eq!(count_words(&text), expected);
        }
    }

    #[test]
    fn a_lead_title_is_recognised() {
        let mut a = Article {
            id: "x".into(),
            title: "قال الوزير إن…".into(),
            paragraphs: vec!["قال الوزير إن القوات تقدمت.".into()],
            source: String::new(),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
        };
        assert!(a.title_is_lead());
        a.title = "عنوان".into();
        assert!(!a.title_is_lead());
    }

    #[test]
    fn content_id_is_stable_and_content_sensitive() {
        let a = content_id("t", &["p".into()]);
        assert_eq!(a, content_id("t", &["p".into()]));
        assert_ne!(a, content_id("t", &["q".into()]));
        assert_eq!(a.len(), 16);
    }
}
