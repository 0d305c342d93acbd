//! Bytes of a feed or page → text. Until the shared decoder of the corpus
//! (HTML pages and old encodings) is in, this is the one place feeds decide
//! a charset, so it can be pointed at that decoder in one line.
//!
//! The order: a byte-order mark (it cannot be wrong, so it beats every
//! label, as in the WHATWG Encoding Standard), then the charset in
//! `Content-Type`, then the document's own declaration (XML declaration or
//! HTML `<meta>`), then detection (chardetng, hinted by the host's
//! top-level domain). A declared charset is taken only if the bytes decode
//! cleanly in it: a windows-1256 feed that the server labels UTF-8 (a common
//! default) still reads right.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

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
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return decoded(
            text.into_owned(),
            encoding,
            CharsetSource::ByteOrderMark,
            lossy,
        );
    }
    let declared = [
        (
            content_type.and_then(charset_param),
            CharsetSource::ContentType,
        ),
        (document_charset(bytes), CharsetSource::Document),
    ];
    let mut first_lossy = None;
    for (encoding, source) in declared {
        let Some(encoding) = encoding else { continue };
        let (text, lossy) = encoding.decode_without_bom_handling(bytes);
        if !lossy {
            return decoded(text.into_owned(), encoding, source, false);
        }
        first_lossy.get_or_insert((text.into_owned(), encoding, source));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Allow);
    let (text, lossy) = guess.decode_without_bom_handling(bytes);
    match first_lossy {
        Some((text, encoding, source)) if lossy => decoded(text, encoding, source, true),
        _ => decoded(text.into_owned(), guess, CharsetSource::Detected, lossy),
    }
}

fn decoded(
    text: String,
    encoding: &'static Encoding,
    source: CharsetSource,
    lossy: bool,
) -> Decoded {
    Decoded {
        text,
        encoding,
        source,
        lossy,
    }
}

/// The `charset` parameter of a `Content-Type` value, if it names a known
/// encoding.
pub fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes()))
            .flatten()
    })
}

/// The charset a document declares in its first kilobytes: the XML
/// declaration's `encoding`, or an HTML `<meta charset>` /
/// `<meta http-equiv="Content-Type" content="…; charset=…">`. UTF-16
/// without a byte-order mark shows in the first bytes of `<?xml`.
pub fn document_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<', 0, b'?', 0, ..] => return Some(UTF_16LE),
        [0, b'<', 0, b'?', ..] => return Some(UTF_16BE),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let label = if head.trim_start().starts_with("<?xml") {
        let decl = &head[..head.find("?>")?];
        attribute(decl, "encoding")
    } else {
        meta_charset(&head)
    }?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A document read as ASCII cannot declare UTF-16 of itself (WHATWG).
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    })
}

fn meta_charset(head: &str) -> Option<String> {
    use super::html_scan::{tokens, Token};
    tokens(head).find_map(|token| {
        let Token::Start(tag) = token else {
            return None;
        };
        if tag.name != "meta" {
            return None;
        }
        if let Some(label) = tag.attr("charset") {
            return Some(label.trim().to_string());
        }
        let equiv = tag.attr("http-equiv")?;
        if !equiv.trim().eq_ignore_ascii_case("content-type") {
            return None;
        }
        let content = tag.attr("content")?;
        let (_, label) = content.split_once("charset=")?;
        Some(label.trim().trim_matches(['"', '\'', ';']).to_string())
    })
}

/// The value of `name="…"` (or `'…'`, or unquoted) inside a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = tag[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = tag[..at].ends_with(|c: char| c.is_ascii_whitespace() || c == '<');
        let after = tag[from..].trim_start();
        let (true, Some(value)) = (before_ok, after.strip_prefix('=')) else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/' || c == '?')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
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
    use encoding_rs::{ISO_8859_6, WINDOWS_1252, WINDOWS_1256};

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
        assert_eq!(document_charset(&in_1256(&page)), Some(WINDOWS_1256));
        let page = "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">";
        assert_eq!(document_charset(page.as_bytes()), Some(WINDOWS_1256));
        let page = "<meta name=\"description\" content=\"charset=koi8-r is not a declaration\">";
        assert_eq!(document_charset(page.as_bytes()), None);
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
