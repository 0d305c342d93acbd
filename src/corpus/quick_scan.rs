//! A JSON object read without serde, for [`super::quick`]: the values of
//! the keys it asks for, borrowed from the line where they hold no escape;
//! every other value is only checked. It declines (`None`) whatever it is
//! not sure to read exactly as `serde_json` does (a control byte anywhere,
//! a `\u` escape, an escaped key, a number where a text is asked for, deep
//! nesting, a number that is not plainly finite), and any line `serde_json`
//! would refuse: the caller then asks `serde_json`. A search spends most of
//! its time reading the lines that hold its word, and strings are found
//! here with `memchr` instead of byte by byte.

use std::borrow::Cow;

/// A value of a key asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    Texts(Vec<Cow<'a, str>>),
}

/// Nesting deeper than this is left to `serde_json` (which allows 128).
const MAX_DEPTH: usize = 64;

/// Reads `line` as one JSON object, calling `take(key, value)` for each key
/// that `wanted` names, in order; `take` may decline too. `None` when the
/// line is declined.
pub fn object<'a>(
    line: &'a str,
    wanted: impl Fn(&str) -> bool,
    mut take: impl FnMut(&'a str, Value<'a>) -> Option<()>,
) -> Option<()> {
    let bytes = line.as_bytes();
    if has_control_byte(bytes) {
        return None;
    }
    let mut r = Reader { line, at: 0 };
    r.space();
    r.eat(b'{')?;
    r.space();
    if r.eat(b'}').is_none() {
        loop {
            let key = r.plain_string()?;
            r.space();
            r.eat(b':')?;
            r.space();
            if wanted(key) {
                let value = r.value_asked()?;
                take(key, value)?;
            } else {
                r.skip_value(0)?;
            }
            r.space();
            match r.next()? {
                b',' => r.space(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    r.space();
    (r.at == bytes.len()).then_some(())
}

/// Whether a byte below 0x20 is in `bytes` (64 at a time: the smallest
/// byte of each chunk, which the compiler finds with vector instructions).
fn has_control_byte(bytes: &[u8]) -> bool {
    let smallest = |chunk: &[u8]| chunk.iter().fold(u8::MAX, |m, &b| m.min(b));
    let mut chunks = bytes.chunks_exact(64);
    chunks.any(|c| smallest(c) < 0x20) || smallest(chunks.remainder()) < 0x20
}

struct Reader<'a> {
    line: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.line.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.peek()? == want).then(|| self.at += 1)
    }

    /// Spaces (other whitespace is a control byte, declined before).
    fn space(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    /// A string with no escape, borrowed.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let rest = &self.bytes()[self.at..];
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[end] != b'"' {
            return None;
        }
        let s = &self.line[self.at..self.at + end];
        self.at += end + 1;
        Some(s)
    }

    /// A string, borrowed when it has no escape, else unescaped (into a
    /// string of the right size: its end is found first).
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let mut escapes = false;
        let end = loop {
            let rest = self.bytes().get(self.at..)?;
            let k = memchr::memchr2(b'"', b'\\', rest)?;
            if rest[k] == b'"' {
                break self.at + k;
            }
            escapes = true;
            // Past the escaped character (checked below).
            self.at += k + 2;
        };
        self.at = end + 1;
        let raw = &self.line[start..end];
        if !escapes {
            return Some(Cow::Borrowed(raw));
        }
        let mut out = String::with_capacity(raw.len());
        let mut from = 0;
        for at in memchr::memchr_iter(b'\\', raw.as_bytes()) {
            if at < from {
                // The second of an escaped pair of backslashes.
                continue;
            }
            out.push_str(&raw[from..at]);
            out.push(match raw.as_bytes().get(at + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                // `\u` (and anything else) is left to serde_json.
                _ => return None,
            });
            from = at + 2;
        }
        out.push_str(&raw[from..]);
        Some(Cow::Owned(out))
    }

    /// The value of a key asked for: null, a string or an array of strings.
    fn value_asked(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'n' => self.literal("null").map(|_| Value::Null),
            b'"' => self.string().map(Value::Text),
            b'[' => {
                self.at += 1;
                self.space();
                // Room for a few paragraphs at once.
                let mut items = Vec::with_capacity(16);
                if self.eat(b']').is_some() {
                    return Some(Value::Texts(items));
                }
                loop {
                    items.push(self.string()?);
                    self.space();
                    match self.next()? {
                        b',' => self.space(),
                        b']' => return Some(Value::Texts(items)),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes().get(self.at..end)? == word.as_bytes()).then(|| self.at = end)
    }

    /// Passes over any value, checking it.
    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'n' => self.literal("null"),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'-' | b'0'..=b'9' => self.number(),
            open @ (b'{' | b'[') => {
                self.at += 1;
                self.space();
                let close = if open == b'{' { b'}' } else { b']' };
                if self.eat(close).is_some() {
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string()?;
                        self.space();
                        self.eat(b':')?;
                        self.space();
                    }
                    self.skip_value(depth + 1)?;
                    self.space();
                    match self.next()? {
                        b',' => self.space(),
                        b if b == close => return Some(()),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    /// A number as JSON writes one: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most
    /// 15 digits (so finite whatever it is read as); an exponent is left
    /// to serde_json.
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        self.eat(b'-');
        let digits = |r: &mut Reader| {
            let from = r.at;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.at += 1;
            }
            r.at - from
        };
        let lead = self.peek()?;
        let whole = digits(self);
        if whole == 0 || (lead == b'0' && whole > 1) {
            return None;
        }
        if self.eat(b'.').is_some() && digits(self) == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) || self.at - start > 17 {
            return None;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `object` gives for every key, or `None` when it declines.
    fn read(line: &str) -> Option<Vec<(String, Value<'_>)>> {
        let mut out = Vec::new();
        object(
            line,
            |k| k.starts_with('k'),
            |k, v| {
                out.push((k.to_string(), v));
                Some(())
            },
        )?;
        Some(out)
    }

    #[test]
    fn control_bytes_are_found_anywhere() {
        for len in [0, 1, 63, 64, 65, 200] {
            let clean = "ب".repeat(len);
            assert!(!has_control_byte(clean.as_bytes()));
            for at in 0..clean.len() {
                let mut bytes = clean.clone().into_bytes();
                bytes[at] = b'\t';
                assert!(has_control_byte(&bytes), "{len} {at}");
            }
        }
    }

    #[test]
    fn values_are_read_as_json_writes_them() {
        let line = r#"{"k1": "a\"b\\c\/\n\\\"", "x": [1, -2.5, {"y": [true, false, null]}], "k2": ["p", "q"], "k3": null, "k4": []}"#;
        let got = read(line).unwrap();
        assert_eq!(got[0], ("k1".into(), Value::Text("a\"b\\c/\n\\\"".into())));
        assert_eq!(
            got[1],
            ("k2".into(), Value::Texts(vec!["p".into(), "q".into()]))
        );
        assert_eq!(got[2], ("k3".into(), Value::Null));
        assert_eq!(got[3], ("k4".into(), Value::Texts(vec![])));
        assert!(matches!(&got[1].1, Value::Texts(v) if matches!(v[0], Cow::Borrowed(_))));
    }

    #[test]
    fn what_serde_json_refuses_or_reads_otherwise_is_declined() {
        for line in [
            r#"{"k": "a"} x"#,
            r#"{"k": "a",}"#,
            r#"{"x": 01}"#,
            r#"{"x": 1.}"#,
            r#"{"x": -}"#,
            r#"{"x": 1e400}"#,
            r#"{"x": 123456789012345678901234567890}"#,
            r#"{"x": tru}"#,
            r#"{"x": [1,]}"#,
            r#"{"x": "\x"}"#,
            r#"{"k": "\u0041"}"#,
            r#"{"k\u0031": "a"}"#,
            r#"{"k": 5}"#,
            r#"{"k": [null]}"#,
            "{\"k\": \"a\tb\"}",
            "{\"k\": \"a\"}\r",
            r#"["k", "a"]"#,
            r#"{"x" "a"}"#,
            r#"{"k": "a""#,
            r#"{"k": "a\"#,
            r#"{"k": "a\ب"}"#,
        ] {
            assert!(read(line).is_none(), "{line}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(read(&format!("{{\"x\": {deep}}}")).is_none());
    }
}
