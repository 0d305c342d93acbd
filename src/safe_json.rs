//! JSON that is exact and still safe to print on a terminal.
//!
//! serde_json escapes the C0 controls in strings but writes DEL, the C1
//! controls (U+0080–U+009F, which include CSI) and the bidi controls
//! (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM) as they are: `cat` of such
//! a file could drive the terminal or make text read differently. This
//! writer escapes them too (`\u009b`, `\u202e`), so any JSON reader gets
//! exactly the same strings back, and a terminal gets only visible
//! characters.

use std::io::{self, Write};

use memchr::memmem;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::controls::is_bidi_control;

/// Writes `value` as pretty JSON to `writer`, escaping as the module says.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// [`to_writer_pretty`] into a string.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    // The serializer writes only UTF-8.
    String::from_utf8(out).map_err(io::Error::other)
}

/// Characters written as `\uXXXX` although JSON allows them raw.
fn escaped(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || is_bidi_control(c)
}

/// Byte offsets in `s` of the characters to escape: found by their lead
/// bytes (DEL, 0xC2 for C1, 0xE2 for the controls at U+2xxx) and, for ALM,
/// by its two bytes.
fn to_escape(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut at: Vec<usize> = memchr::memchr3_iter(0x7f, 0xc2, 0xe2, bytes)
        .filter(|&i| s[i..].chars().next().is_some_and(escaped))
        .collect();
    let alm = "\u{61C}".as_bytes();
    if let Some(first) = memmem::find(bytes, alm) {
        at.extend(memmem::find_iter(&bytes[first..], alm).map(|i| i + first));
        at.sort_unstable();
    }
    at
}

/// serde_json's pretty formatter with the escapes above in strings.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut done = 0;
        for at in to_escape(s) {
            let c = s[at..].chars().next().unwrap_or_default();
            w.write_all(&s.as_bytes()[done..at])?;
            write!(w, "\\u{:04x}", c as u32)?;
            done = at + c.len_utf8();
        }
        w.write_all(&s.as_bytes()[done..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_read_back_exactly() {
        let text = "«a\u{7f}b\u{9b}c\u{85}» \u{202e}0021\u{202c} \u{61C}١ “q” \u{1b}";
        let json = to_string_pretty(&serde_json::json!({ "k\u{202e}": [text] })).unwrap();
        assert!(
            !json
                .chars()
                .any(|c| escaped(c) || c.is_control() && c != '\n'),
            "{json}"
        );
        for esc in [
            "\\u007f", "\\u009b", "\\u0085", "\\u202e", "\\u202c", "\\u061c", "\\u001b",
        ] {
            assert!(json.contains(esc), "{esc} in {json}");
        }
        assert!(json.contains("“q”"), "other characters stay as they are");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["k\u{202e}"][0], text);
        assert!(
            json.starts_with("{\n  \"k\\u202e\": [\n    \"«a\\u007fb"),
            "pretty: {json}"
        );
    }
}
