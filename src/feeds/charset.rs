//! Bytes of a feed or page → text, through the one decoder of the project
//! ([`crate::corpus::decode`]): a byte-order mark first (it cannot be
//! wrong), then the charset in `Content-Type`, then the document's own
//! declaration (XML declaration or HTML `<meta>`), then UTF-8, then
//! detection (chardetng, hinted by the host's top-level domain). A declared
//! charset is taken only if the bytes decode cleanly in it: a windows-1256
//! feed that the server labels UTF-8 (a common default) still reads right.

use crate::corpus::decode::{decode_with, FoundBy, Hints, Markup};
use encoding_rs::{Encoding, UTF_8};

/// Where the charset came from, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    ContentType,
    Document,
    Detected,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// True when some bytes were not valid in the chosen charset and became
    /// U+FFFD: the last resort, worth a warning.
    pub lossy: bool,
}

/// Decodes `bytes` received with `content_type` (the header, if any) from a
/// host under `tld` (e.g. `sa`, used only to guess).
pub fn decode(bytes: &[u8], content_type: Option<&str>, tld: Option<&str>) -> Decoded {
    let hints = Hints {
        transport: content_type.and_then(charset_label),
        // An XML document's declaration is the only one it has: a
        // `<meta charset>` inside an item's CDATA is not the feed's.
        markup: if starts_as_xml(bytes) {
            Markup::Xml
        } else {
            Markup::Html
        },
        tld,
    };
    match decode_with(bytes, hints) {
        Ok(d) => Decoded {
            source: match d.found_by {
                FoundBy::Bom => CharsetSource::ByteOrderMark,
                FoundBy::Transport => CharsetSource::ContentType,
                FoundBy::Declared => CharsetSource::Document,
                FoundBy::Utf8 | FoundBy::Guessed => CharsetSource::Detected,
            },
            lossy: d.replaced_at.is_some(),
            encoding: d.encoding,
            text: d.text.into_owned(),
        },
        // NUL bytes: not text in any charset a feed is written in. Read as
        // UTF-8 so the parser can say what it is not.
        Err(_) => {
            let (text, _) = UTF_8.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: UTF_8,
                source: CharsetSource::Detected,
                lossy: true,
            }
        }
    }
}

/// Whether the bytes open with an XML declaration (after white space).
fn starts_as_xml(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"<?xml")
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
fn charset_label(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// Rewrites an XML declaration's `encoding` to UTF-8, for text that has
/// already been decoded: the XML parser would otherwise decode it again
/// with the encoding the declaration names.
pub fn declare_utf8(text: &str) -> std::borrow::Cow<'_, str> {
    let start = text.len() - text.trim_start().len();
    let body = &text[start..];
    if !body.starts_with("<?xml") {
        return text.into();
    }
    let Some(end) = body.find("?>") else {
        return text.into();
    };
    let decl = &body[..end];
    let lower = decl.to_ascii_lowercase();
    let Some(at) = lower.find("encoding") else {
        return text.into();
    };
    let after = &decl[at + "encoding".len()..];
    let Some(eq) = after.find('=') else {
        return text.into();
    };
    let value = after[eq + 1..].trim_start();
    if value
        .trim_start_matches(['"', '\''])
        .get(..5)
        .is_some_and(|v| v.eq_ignore_ascii_case("utf-8"))
    {
        // Already says so: no copy of the whole document.
        return text.into();
    }
    let value_start = decl.len() - value.len();
    let value_len = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value.len(), |n| n + 2),
        _ => value
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(value.len()),
    };
    let cut = start + value_start;
    format!("{}\"utf-8\"{}", &text[..cut], &text[cut + value_len..]).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, UTF_16LE, WINDOWS_1252, WINDOWS_1256};

    const ARABIC: &str = "أعلنت وزارة الصحة، اليوم الثلاثاء، عن افتتاح مستشفى جديد في مدينة الرياض \
                          بطاقة استيعابية تبلغ ثلاثمئة سرير، وقال الوزير إن المشروع يخدم سكان الأحياء الشمالية.";

    fn rss(declared: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"{declared}\"?>\n<rss version=\"2.0\"><channel>\
             <title>{ARABIC}</title></channel></rss>"
        )
    }

    fn in_1256(text: &str) -> Vec<u8> {
        let (bytes, _, lossy) = WINDOWS_1256.encode(text);
        assert!(!lossy);
        bytes.into_owned()
    }

    #[test]
    fn content_type_charset_is_read_first() {
        let bytes = in_1256(&rss("windows-1256"));
        let d = decode(
            &bytes,
            Some("application/rss+xml; charset=\"Windows-1256\""),
            None,
        );
        assert_eq!(
            (d.encoding, d.source, d.lossy),
            (WINDOWS_1256, CharsetSource::ContentType, false)
        );
        assert!(d.text.contains(ARABIC));
        // Even against the document's own declaration.
        let bytes = in_1256(&rss("iso-8859-6"));
        let d = decode(&bytes, Some("text/xml;charset=cp1256"), None);
        assert_eq!(d.encoding, WINDOWS_1256);
    }

    #[test]
    fn the_xml_declaration_is_next() {
        let d = decode(
            &in_1256(&rss("windows-1256")),
            Some("application/rss+xml"),
            None,
        );
        assert_eq!(
            (d.encoding, d.source),
            (WINDOWS_1256, CharsetSource::Document)
        );
        assert!(d.text.contains(ARABIC));
        let source = rss("ISO-8859-6");
        let (iso, _, _) = ISO_8859_6.encode(&source);
        let d = decode(&iso, None, None);
        assert_eq!(d.encoding, ISO_8859_6);
        assert!(d.text.contains(ARABIC));
    }

    #[test]
    fn a_wrong_utf8_label_gives_way() {
        let bytes = in_1256(&rss("windows-1256"));
        let d = decode(&bytes, Some("text/xml; charset=utf-8"), None);
        assert_eq!(
            (d.encoding, d.source, d.lossy),
            (WINDOWS_1256, CharsetSource::Document, false)
        );
        // No declaration anywhere: detection finds it.
        let bare = in_1256(&format!(
            "<rss version=\"2.0\"><channel><title>{ARABIC}</title></channel></rss>"
        ));
        let d = decode(&bare, Some("text/xml; charset=utf-8"), Some("sa"));
        assert_eq!(
            (d.encoding, d.source, d.lossy),
            (WINDOWS_1256, CharsetSource::Detected, false)
        );
        assert!(d.text.contains(ARABIC));
    }

    #[test]
    fn byte_order_marks_win() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(rss("windows-1256").as_bytes());
        let d = decode(&bytes, Some("text/xml; charset=windows-1256"), None);
        assert_eq!(
            (d.encoding, d.source),
            (UTF_8, CharsetSource::ByteOrderMark)
        );
        assert!(d.text.starts_with("<?xml"));
        let mut utf16 = vec![0xFF, 0xFE];
        rss("utf-16")
            .encode_utf16()
            .for_each(|u| utf16.extend(u.to_le_bytes()));
        let d = decode(&utf16, None, None);
        assert_eq!(d.encoding, UTF_16LE);
        assert!(d.text.contains(ARABIC));
        // UTF-16 without a mark shows in its first bytes.
        let d = decode(&utf16[2..], None, None);
        assert_eq!((d.encoding, d.source), (UTF_16LE, CharsetSource::Document));
        assert!(d.text.contains(ARABIC));
    }

    #[test]
    fn html_meta_declarations_are_read() {
        let page =
            format!("<html><head><meta charset=windows-1256><title>{ARABIC}</title></head></html>");
        let d = decode(&in_1256(&page), None, None);
        assert_eq!(
            (d.encoding, d.source),
            (WINDOWS_1256, CharsetSource::Document)
        );
        assert!(d.text.contains(ARABIC));
        let page = format!("<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\"><title>{ARABIC}</title>");
        let d = decode(&in_1256(&page), None, None);
        assert_eq!(
            (d.encoding, d.source),
            (WINDOWS_1256, CharsetSource::Document)
        );
    }

    #[test]
    fn a_meta_charset_inside_a_feed_is_not_the_feeds() {
        let rss = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><description>\
             <![CDATA[<meta charset=\"windows-1256\"><p>{ARABIC}</p>]]></description></item></channel></rss>"
        );
        let d = decode(rss.as_bytes(), None, None);
        assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::Document));
        assert!(d.text.contains(ARABIC));
    }

    #[test]
    fn undecodable_bytes_are_the_last_resort() {
        let d = decode(
            b"<rss>\xFF\xFE\xFD caf\xE9</rss>",
            Some("text/xml; charset=utf-8"),
            None,
        );
        assert_ne!(d.encoding, UTF_8, "detection should find a clean reading");
        assert!(!d.lossy);
        let plain = decode(b"<rss>caf\xE9</rss>", None, Some("fr"));
        assert_eq!(plain.encoding, WINDOWS_1252);
        assert_eq!(plain.text, "<rss>café</rss>");
    }

    #[test]
    fn the_declaration_is_rewritten_to_utf8() {
        assert_eq!(
            declare_utf8("  <?xml version='1.0' encoding='windows-1256' standalone='yes'?><rss/>"),
            "  <?xml version='1.0' encoding=\"utf-8\" standalone='yes'?><rss/>"
        );
        assert_eq!(
            declare_utf8("<?xml version=\"1.0\" ENCODING = \"x\"?><a/>"),
            "<?xml version=\"1.0\" ENCODING = \"utf-8\"?><a/>"
        );
        assert_eq!(
            declare_utf8("<?xml version=\"1.0\"?><a/>"),
            "<?xml version=\"1.0\"?><a/>"
        );
        assert_eq!(declare_utf8("<rss/>"), "<rss/>");
        let utf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>";
        assert!(matches!(declare_utf8(utf8), std::borrow::Cow::Borrowed(s) if s == utf8));
    }
}
