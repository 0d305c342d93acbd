//! Bytes to text, for every reader of outside input (corpus files, feeds
//! and the pages fetched for their full text): a byte-order mark first,
//! then the charset the transport declared (an HTTP `Content-Type`), then
//! what the document declares (an HTML `<meta charset>`, an XML
//! declaration), then UTF-8 when the bytes are valid UTF-8, else a guess by
//! chardetng. A declared charset is taken only when the bytes decode
//! cleanly in it: a windows-1256 feed that its server labels UTF-8 (a
//! common default) still reads right; when nothing reads cleanly, the first
//! declared charset is used. Decoding is by encoding_rs. Bytes that are not
//! valid in the chosen encoding are replaced by U+FFFD only then, and the
//! caller is told where.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// What kind of document the bytes are, which decides where a declared
/// charset may be looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text or JSON: only a BOM or the transport's charset counts.
    Plain,
    /// HTML: `<meta charset>` or `<meta http-equiv="Content-Type">`, and an
    /// XML declaration (XHTML).
    Html,
    /// XML (feeds): the XML declaration.
    Xml,
}

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    Bom,
    /// Given by the caller (an HTTP `Content-Type` charset).
    Transport,
    /// Declared in the document (meta charset, XML declaration).
    Declared,
    /// Valid UTF-8 with nothing declared.
    Utf8,
    /// Guessed from the bytes by chardetng.
    Guessed,
}

/// Text decoded from bytes.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without its BOM.
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub found_by: FoundBy,
    /// The byte offset of the first byte that is not valid in `encoding`
    /// (those bytes are U+FFFD in `text`); `None` when the decoding was exact.
    pub replaced_at: Option<usize>,
}

impl Decoded<'_> {
    /// The encoding's name as the Encoding Standard writes it (`windows-1256`).
    pub fn encoding_name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// Why bytes were not taken for text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    #[error("binary file (contains NUL bytes)")]
    Binary,
}

/// How far into a document a declared charset is looked for (the HTML
/// standard's prescan looks at 1,024 bytes; pages with long heads put it
/// later, so a little more is read).
const PRESCAN: usize = 4096;

/// What is known about bytes besides the bytes themselves.
#[derive(Debug, Clone, Copy)]
pub struct Hints<'h> {
    /// A charset label given beside the bytes, such as an HTTP
    /// `Content-Type` charset.
    pub transport: Option<&'h str>,
    pub markup: Markup,
    /// The top-level domain the bytes came from (`sa`, `eg`), which makes
    /// chardetng's guess better; `None` for a file.
    pub tld: Option<&'h str>,
}

/// Decodes `bytes` (see the module documentation). `transport` is a
/// charset label given beside the bytes, such as an HTTP `Content-Type`
/// charset. NUL bytes in the first 8 KiB of a document without a UTF-16
/// BOM make it binary.
pub fn decode<'a>(
    bytes: &'a [u8],
    transport: Option<&str>,
    markup: Markup,
) -> Result<Decoded<'a>, NotText> {
    decode_with(
        bytes,
        Hints {
            transport,
            markup,
            tld: None,
        },
    )
}

/// [`decode`] with every hint.
pub fn decode_with<'a>(bytes: &'a [u8], hints: Hints) -> Result<Decoded<'a>, NotText> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(with(encoding, &bytes[bom..], FoundBy::Bom, bom));
    }
    // UTF-16 markup without a BOM shows in its first bytes (`<?` or `<r`
    // with NULs between).
    if hints.markup != Markup::Plain {
        match bytes {
            [b'<', 0, c, 0, ..] if c.is_ascii_graphic() => {
                return Ok(with(UTF_16LE, bytes, FoundBy::Declared, 0))
            }
            [0, b'<', 0, c, ..] if c.is_ascii_graphic() => {
                return Ok(with(UTF_16BE, bytes, FoundBy::Declared, 0))
            }
            _ => {}
        }
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(NotText::Binary);
    }
    let declared = match hints.markup {
        Markup::Plain => None,
        Markup::Html => html_meta_charset(bytes).or_else(|| xml_declaration(bytes)),
        Markup::Xml => xml_declaration(bytes),
    };
    let labels = [
        (hints.transport.and_then(label), FoundBy::Transport),
        (declared, FoundBy::Declared),
    ];
    // The first label the bytes do not fit, kept for the last resort.
    let mut first_lossy: Option<Decoded<'a>> = None;
    for (encoding, found_by) in labels {
        let Some(encoding) = encoding else { continue };
        if first_lossy.as_ref().is_some_and(|d| d.encoding == encoding) {
            continue;
        }
        let decoded = with(encoding, bytes, found_by, 0);
        if decoded.replaced_at.is_none() {
            return Ok(decoded);
        }
        first_lossy.get_or_insert(decoded);
    }
    // The SIMD check is several times faster on Arabic text than std's.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            found_by: FoundBy::Utf8,
            replaced_at: None,
        });
    }
    // A UTF-8 file with a few bad bytes is UTF-8 (they become U+FFFD), not
    // a legacy encoding.
    if mostly_utf8(bytes) {
        return Ok(match first_lossy {
            Some(d) if d.encoding == UTF_8 => d,
            _ => with(UTF_8, bytes, FoundBy::Utf8, 0),
        });
    }
    let guessed = with(guess_for(bytes, hints.tld), bytes, FoundBy::Guessed, 0);
    Ok(match first_lossy {
        Some(declared) if guessed.replaced_at.is_some() => declared,
        _ => guessed,
    })
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 text with a few
/// bad bytes: at least twice as many valid multi-byte sequences as invalid ones. Text
/// in a legacy Arabic encoding almost never forms a valid sequence.
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    let leads = |b: &[u8]| b.iter().filter(|&&b| b >= 0xC2).count();
    let (mut valid, mut errors) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                valid += leads(rest);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += leads(&rest[..good]);
                errors += 1;
                let bad = e.error_len().unwrap_or(rest.len() - good);
                rest = &rest[good + bad..];
            }
        }
    }
    valid >= 2 * errors
}

/// The encoding chardetng guesses for bytes that are not UTF-8.
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    guess_for(bytes, None)
}

/// [`guess`], hinted by the top-level domain the bytes came from.
fn guess_for(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // chardetng panics on anything but a lower-case ASCII label.
    let tld = tld
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_ascii_lowercase);
    detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Deny,
    )
}

/// An encoding label as the Encoding Standard reads it. A document that
/// declares UTF-16 without a BOM is read as UTF-8, as browsers do (the
/// declaration was written in an ASCII-compatible encoding).
fn label(name: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(name.trim().as_bytes())?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    })
}

/// `bytes` (after a BOM of `skipped` bytes) decoded with `encoding`.
fn with<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    found_by: FoundBy,
    skipped: usize,
) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced_at = had_errors.then(|| skipped + first_error(encoding, bytes));
    Decoded {
        text,
        encoding,
        found_by,
        replaced_at,
    }
}

/// Where the first malformed sequence of `bytes` in `encoding` starts.
fn first_error(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64);
    let mut read_total = 0;
    loop {
        out.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => return bytes.len(),
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return (read_total + read).saturating_sub(usize::from(bad))
            }
            encoding_rs::DecoderResult::OutputFull => {
                read_total += read;
                out.reserve(4096);
            }
        }
    }
}

/// The charset of `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` near the start of an HTML document.
fn html_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = lower(&bytes[..bytes.len().min(PRESCAN)]);
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&head[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(value) = attribute_after(tag, b"charset") {
            if let Some(encoding) = label(value) {
                return Some(encoding);
            }
        }
        from = end;
    }
    None
}

/// `encoding="…"` in an `<?xml …?>` declaration at the very start.
fn xml_declaration(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = lower(&bytes[..bytes.len().min(256)]);
    let head = head.trim_ascii_start();
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    attribute_after(&head[..end], b"encoding").and_then(label)
}

/// The value after `name` and `=` in `tag` (quoted or not), as text.
fn attribute_after<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a str> {
    let at = memchr::memmem::find(tag, name)? + name.len();
    let rest = tag[at..].trim_ascii_start().strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let value = match rest.first()? {
        q @ (b'"' | b'\'') => {
            let inner = &rest[1..];
            &inner[..memchr::memchr(*q, inner).unwrap_or(inner.len())]
        }
        _ => {
            let end = rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b'/'))
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    std::str::from_utf8(value).ok().filter(|v| !v.is_empty())
}

fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        let page = br#"<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1256"></head>"#;
        assert_eq!(html_meta_charset(page), Some(encoding_rs::WINDOWS_1256));
        assert_eq!(
            html_meta_charset(b"<meta charset=iso-8859-6>"),
            Some(encoding_rs::ISO_8859_6)
        );
        assert_eq!(html_meta_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(html_meta_charset(b"<meta name=x>"), None);
    }

    #[test]
    fn xml_declaration_is_read_only_at_the_start() {
        let doc = br#"<?xml version="1.0" encoding="ISO-8859-6"?><rss/>"#;
        assert_eq!(xml_declaration(doc), Some(encoding_rs::ISO_8859_6));
        assert_eq!(xml_declaration(b"<rss/><?xml encoding='x'?>"), None);
    }

    #[test]
    fn a_bom_beats_the_transport_which_beats_the_document() {
        // «سلام» in windows-1256, in a page that claims ISO-8859-6.
        let page = b"<meta charset=iso-8859-6><p>\xd3\xe1\xc7\xe3</p>";
        let by_meta = decode(page, None, Markup::Html).unwrap();
        assert_eq!(by_meta.found_by, FoundBy::Declared);
        assert_eq!(by_meta.encoding, encoding_rs::ISO_8859_6);
        let by_http = decode(page, Some("windows-1256"), Markup::Html).unwrap();
        assert_eq!(by_http.found_by, FoundBy::Transport);
        assert!(by_http.text.contains("سلام"), "{}", by_http.text);
        let mut with_bom = b"\xef\xbb\xbf".to_vec();
        with_bom.extend("سلام".as_bytes());
        let d = decode(&with_bom, Some("windows-1256"), Markup::Plain).unwrap();
        assert_eq!((d.found_by, d.text.as_ref()), (FoundBy::Bom, "سلام"));
        // A plain file's text is never searched for a declaration.
        let plain = decode(page, None, Markup::Plain).unwrap();
        assert_eq!(plain.found_by, FoundBy::Guessed);
        assert_eq!(
            decode(b"a\0b", None, Markup::Plain).err(),
            Some(NotText::Binary)
        );
    }

    #[test]
    fn the_first_bad_byte_is_found() {
        let mut bytes = b"ab\xff".to_vec();
        bytes.extend("سلام عليكم".as_bytes());
        let d = decode(&bytes, Some("utf-8"), Markup::Plain).unwrap();
        assert_eq!((d.found_by, d.replaced_at), (FoundBy::Transport, Some(2)));
        assert_eq!(d.text, "ab\u{fffd}سلام عليكم");
        // The same without a label: UTF-8 with a bad byte, not a legacy
        // encoding.
        let d = decode(&bytes, None, Markup::Plain).unwrap();
        assert_eq!((d.found_by, d.replaced_at), (FoundBy::Utf8, Some(2)));
    }

    /// «سلام عليكم، أهلا بكم في الموقع» in windows-1256.
    fn arabic_1256() -> Vec<u8> {
        let (bytes, _, lossy) =
            encoding_rs::WINDOWS_1256.encode("سلام عليكم، أهلا بكم في الموقع الإخباري الجديد");
        assert!(!lossy);
        bytes.into_owned()
    }

    #[test]
    fn a_label_the_bytes_do_not_fit_gives_way() {
        // A windows-1256 feed served as UTF-8, declaring nothing itself.
        let bytes = arabic_1256();
        let d = decode_with(
            &bytes,
            Hints {
                transport: Some("utf-8"),
                markup: Markup::Xml,
                tld: Some("SA"),
            },
        )
        .unwrap();
        assert_eq!(
            (d.encoding, d.found_by, d.replaced_at),
            (encoding_rs::WINDOWS_1256, FoundBy::Guessed, None)
        );
        assert!(d.text.starts_with("سلام عليكم"), "{}", d.text);
        // The transport label wrong, the declaration right.
        let mut doc = b"<?xml version='1.0' encoding='windows-1256'?><rss>".to_vec();
        doc.extend(arabic_1256());
        let d = decode(&doc, Some("utf-8"), Markup::Xml).unwrap();
        assert_eq!((d.found_by, d.replaced_at), (FoundBy::Declared, None));
        // 0xA1–0xA3 are not ISO-8859-6: the label gives way to a reading
        // without replacement.
        let d = decode(b"\xa1\xa2\xa3 abc", Some("iso-8859-6"), Markup::Plain).unwrap();
        assert_ne!(d.encoding, encoding_rs::ISO_8859_6);
        assert_eq!((d.found_by, d.replaced_at), (FoundBy::Guessed, None));
    }

    #[test]
    fn utf16_markup_without_a_bom_is_recognised() {
        let mut le = Vec::new();
        "<?xml version=\"1.0\"?><rss>خبر</rss>"
            .encode_utf16()
            .for_each(|u| le.extend(u.to_le_bytes()));
        let d = decode(&le, None, Markup::Xml).unwrap();
        assert_eq!((d.encoding, d.found_by), (UTF_16LE, FoundBy::Declared));
        assert!(d.text.contains("خبر"));
        let be: Vec<u8> = le.chunks(2).flat_map(|c| [c[1], c[0]]).collect();
        let d = decode(&be, None, Markup::Xml).unwrap();
        assert_eq!(d.encoding, UTF_16BE);
        // In a plain file, NUL bytes still mean binary.
        assert_eq!(
            decode(&le, None, Markup::Plain).err(),
            Some(NotText::Binary)
        );
    }
}
