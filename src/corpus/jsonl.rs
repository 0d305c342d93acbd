//! JSONL: one record per line. A big file is read in blocks of whole lines
//! (never whole), a line longer than the limit is skipped in constant
//! memory with its line number, and a line that cannot hold what the
//! caller looks for need not be parsed at all.

use super::article::Article;
use super::clean::Rules;
use super::decode::{self, Markup};
use super::error::{Warning, WarningKind};
use super::files::{cannot_read, open_regular, too_large};
use super::parse::{add_record, Tally};
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// A JSONL file larger than this is read in blocks of about this size.
pub const BLOCK: usize = 8 << 20;

/// Every record of a JSONL file's decoded text.
pub fn parse_all(
    name: &str,
    text: &str,
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut tally = Tally::default();
    let mut record_warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        parse_line(
            name,
            i + 1,
            line,
            rules,
            &mut tally,
            &mut articles,
            &mut record_warnings,
        );
    }
    finish(name, &tally, articles.is_empty(), record_warnings, warnings);
    articles
}

/// The warnings of a whole file: one line when no record was an article.
pub fn finish(
    name: &str,
    tally: &Tally,
    none: bool,
    record_warnings: Vec<Warning>,
    warnings: &mut Vec<Warning>,
) {
    if !none {
        warnings.extend(record_warnings);
    } else if tally.records() == 0 && record_warnings.is_empty() {
        warnings.push(Warning::of(
            WarningKind::Empty,
            name,
            "empty: no records; skipped",
        ));
    } else if tally.records() == 0 {
        warnings.extend(record_warnings);
    } else {
        warnings.extend(
            record_warnings
                .into_iter()
                .filter(|w| w.kind != WarningKind::Record),
        );
        warnings.push(tally.none_loaded(name));
    }
}

/// One line (`number` is 1-based): a record, a warning, or nothing for a
/// blank line.
pub fn parse_line(
    name: &str,
    number: usize,
    line: &str,
    rules: &Rules,
    tally: &mut Tally,
    articles: &mut Vec<Article>,
    warnings: &mut Vec<Warning>,
) {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return;
    }
    let place = format!("{name}:{number}");
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(record) => {
            tally.see(&record);
            add_record(place, record, rules, articles, warnings);
        }
        Err(e) => warnings.push(Warning::of(
            WarningKind::Malformed,
            place,
            format!("malformed JSON ({e}); record skipped"),
        )),
    }
}

/// A line's bytes as text: UTF-8 when valid, else in the file's legacy
/// encoding when one was found, else UTF-8 with U+FFFD; the second value
/// is the offset in the line of a replaced byte.
pub fn line_text<'a>(
    bytes: &'a [u8],
    legacy: Option<&'static Encoding>,
) -> (Cow<'a, str>, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (Cow::Borrowed(t), None),
        Err(e) => match legacy {
            Some(encoding) => {
                let (text, errors) = encoding.decode_without_bom_handling(bytes);
                (text, errors.then_some(e.valid_up_to()))
            }
            None => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
        },
    }
}

/// A block of whole lines of a big JSONL file.
pub struct Block {
    pub bytes: Vec<u8>,
    /// 0-based number of its first line in the file.
    pub first_line: usize,
    /// Byte offset of the block in the file.
    pub offset: u64,
    /// The legacy encoding of the file's lines that are not UTF-8, once
    /// one is known.
    pub legacy: Option<&'static Encoding>,
    /// Whether the whole block is valid UTF-8 (then so is every line).
    pub valid: bool,
}

impl Block {
    /// The block as text, when it is valid UTF-8.
    pub fn text(&self) -> Option<&str> {
        if self.valid {
            simdutf8::basic::from_utf8(&self.bytes).ok()
        } else {
            None
        }
    }
}

/// Reads a JSONL file block by block; lines over `limit` bytes are skipped
/// (and warned about) without ever being held.
pub struct BlockReader {
    file: std::fs::File,
    name: String,
    limit: usize,
    /// Whole lines not yet handed on, and the start of the next.
    pending: Vec<u8>,
    /// What each read fills (allocated once).
    scratch: Vec<u8>,
    offset: u64,
    line: usize,
    /// In a line longer than the limit, being passed over.
    skipping: bool,
    legacy: Option<&'static Encoding>,
    legacy_checked: bool,
    at_start: bool,
    done: bool,
}

impl BlockReader {
    pub fn open(path: &Path, name: &str, limit: u64) -> Result<(BlockReader, u64), Warning> {
        let (file, len) = open_regular(path, name)?;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX).max(1);
        Ok((
            BlockReader {
                file,
                name: name.to_string(),
                limit,
                pending: Vec::new(),
                scratch: Vec::new(),
                offset: 0,
                line: 0,
                skipping: false,
                legacy: None,
                legacy_checked: false,
                at_start: true,
                done: false,
            },
            len,
        ))
    }

    /// Reads on through a line longer than the limit, never holding it:
    /// what follows its end is pending. Gives how many bytes were read.
    fn skip_long_line(&mut self, warnings: &mut Vec<Warning>) -> usize {
        if self.scratch.len() < BLOCK {
            self.scratch.resize(BLOCK, 0);
        }
        let read = match self.file.read(&mut self.scratch) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return 1,
            Err(e) => {
                warnings.push(cannot_read(&self.name, &e));
                return 0;
            }
        };
        let fresh = &self.scratch[..read];
        match memchr::memchr(b'\n', fresh) {
            Some(i) => {
                self.offset += i as u64 + 1;
                self.pending.extend_from_slice(&fresh[i + 1..]);
                self.line += 1;
                self.skipping = false;
            }
            None => self.offset += read as u64,
        }
        read
    }

    /// How many bytes of the file have been consumed (handed on in blocks
    /// or skipped).
    pub fn consumed(&self) -> u64 {
        self.offset
    }

    /// The next block, with warnings about lines skipped before it; `None`
    /// at the end of the file.
    pub fn next_block(&mut self, warnings: &mut Vec<Warning>) -> Option<Block> {
        while !self.done {
            let read = if self.skipping {
                self.skip_long_line(warnings)
            } else {
                // Appended to what is pending, without zeroing it first,
                // into room made once.
                let before = self.pending.len();
                self.pending.reserve(BLOCK);
                match (&mut self.file)
                    .take(BLOCK as u64)
                    .read_to_end(&mut self.pending)
                {
                    Ok(_) => self.pending.len() - before,
                    Err(e) => {
                        warnings.push(cannot_read(&self.name, &e));
                        0
                    }
                }
            };
            self.done = read == 0;
            if self.at_start && (self.pending.len() >= 3 || self.done) {
                self.at_start = false;
                if self.pending.starts_with(b"\xEF\xBB\xBF") {
                    self.pending.drain(..3);
                    self.offset += 3;
                }
            }
            let cut = if self.done {
                self.pending.len()
            } else {
                match memchr::memrchr(b'\n', &self.pending) {
                    Some(i) => i + 1,
                    None if self.pending.len() > self.limit => {
                        // A line longer than the limit: skip to its end.
                        let place = format!("{}:{}", self.name, self.line + 1);
                        warnings.push(too_large(
                            &place,
                            self.pending.len() as u64,
                            self.limit as u64,
                        ));
                        self.skipping = true;
                        self.offset += self.pending.len() as u64;
                        self.pending.clear();
                        continue;
                    }
                    None => continue,
                }
            };
            if cut == 0 {
                continue;
            }
            let rest = self.pending.split_off(cut);
            let bytes = std::mem::replace(&mut self.pending, rest);
            let valid = simdutf8::basic::from_utf8(&bytes).is_ok();
            if !self.legacy_checked && !valid {
                self.legacy_checked = true;
                self.legacy = legacy_encoding(&self.name, &bytes, warnings);
            }
            let block = Block {
                first_line: self.line,
                offset: self.offset,
                legacy: self.legacy,
                valid,
                bytes,
            };
            self.line += memchr::memchr_iter(b'\n', &block.bytes).count();
            self.offset += block.bytes.len() as u64;
            return Some(block);
        }
        None
    }
}

/// The encoding of a JSONL file's lines that are not UTF-8: `None` when the
/// file is UTF-8 with a few bad bytes (they become U+FFFD), else a guess.
fn legacy_encoding(
    name: &str,
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
) -> Option<&'static Encoding> {
    if decode::mostly_utf8(bytes) {
        return None;
    }
    let encoding = decode::guess(bytes);
    warnings.push(Warning::of(
        WarningKind::Guessed,
        name,
        format!(
            "not UTF-8 and no charset declared; read as {} (guessed)",
            encoding.name()
        ),
    ));
    Some(encoding)
}

/// Whether the bytes start with a UTF-16 byte-order mark (such a file is
/// decoded whole, not line by line).
pub fn is_utf16(head: &[u8]) -> bool {
    head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")
}

/// The ranges of the lines of `block`, without their `\n`.
pub fn line_ranges(block: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::with_capacity(block.len() / 2048 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', block) {
        ranges.push(start..end);
        start = end + 1;
    }
    if start < block.len() {
        ranges.push(start..block.len());
    }
    ranges
}

/// The `"id"` of a record read from its raw line without parsing it: the
/// value of the first `"id"` key at the top level, when it is a string
/// without escapes or a number. `Unsure` when the line must be parsed to
/// know. A key inside a string cannot be mistaken for one: quotes in JSON
/// strings are escaped.
pub enum RawId<'a> {
    None,
    Found(&'a str),
    Unsure,
}

pub fn raw_id(line: &[u8]) -> RawId<'_> {
    let finder = memchr::memmem::Finder::new(b"\"id\"");
    let Some(at) = finder.find(line) else {
        return RawId::None;
    };
    // The key must be at depth 1: count brackets before it, outside strings.
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for &b in &line[..at] {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => depth += 1,
            (false, _, b'}' | b']') => depth -= 1,
            _ => {}
        }
    }
    if depth != 1 || in_string {
        return RawId::Unsure;
    }
    let rest = line[at + 4..].trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b":") else {
        return RawId::Unsure;
    };
    let rest = rest.trim_ascii_start();
    let value = match rest.first() {
        Some(b'"') => {
            let inner = &rest[1..];
            match memchr::memchr2(b'"', b'\\', inner) {
                Some(end) if inner[end] == b'"' => &inner[..end],
                _ => return RawId::Unsure,
            }
        }
        Some(b) if b.is_ascii_digit() || *b == b'-' => {
            let end = rest
                .iter()
                .position(|b| {
                    !(b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+'))
                })
                .unwrap_or(rest.len());
            &rest[..end]
        }
        _ => return RawId::Unsure,
    };
    match std::str::from_utf8(value) {
        Ok(v) if !v.trim().is_empty() && v.trim() == v => RawId::Found(v),
        _ => RawId::Unsure,
    }
}

/// A UTF-16 JSONL file, or one no bigger than a block: decoded whole.
pub fn decode_whole<'a>(
    name: &str,
    bytes: &'a [u8],
    warnings: &mut Vec<Warning>,
) -> Option<Cow<'a, str>> {
    super::parse::decode_or_warn(name, bytes, Markup::Plain, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_ids() {
        let id = |l: &str| match raw_id(l.as_bytes()) {
            RawId::None => "none".to_string(),
            RawId::Found(v) => v.to_string(),
            RawId::Unsure => "unsure".to_string(),
        };
        assert_eq!(id(r#"{"id": "a-1", "title": "t"}"#), "a-1");
        assert_eq!(id(r#"{"title": "say \"id\": 3", "id":42}"#), "42");
        assert_eq!(id(r#"{"author": {"id": 5}, "title": "t"}"#), "unsure");
        assert_eq!(id(r#"{"title": "t"}"#), "none");
        assert_eq!(id(r#"{"id": "a\"b"}"#), "unsure");
        assert_eq!(id(r#"{"id": null}"#), "unsure");
    }

    #[test]
    fn lines_keep_their_places() {
        assert_eq!(line_ranges(b"a\n\nbc"), vec![0..1, 2..2, 3..5]);
        assert_eq!(line_ranges(b"a\n"), vec![0..1]);
    }
}
