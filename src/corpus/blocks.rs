//! Reading a big JSONL file in blocks of whole lines: never whole, a line
//! longer than the limit passed over without being held, a UTF-8 BOM
//! dropped, and the legacy encoding of lines that are not UTF-8 guessed
//! once for the file. A file of a megabyte or more is mapped (see
//! [`super::mapped`]): its blocks are ranges of the map, not copies.

use super::decode;
use super::error::{Warning, WarningKind};
use super::files::{cannot_read, open_regular, too_large};
use super::mapped::{Bytes, Mapping};
use super::Progress;
use encoding_rs::Encoding;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::Arc;

/// A JSONL file larger than this is read in blocks of about this size.
pub const BLOCK: usize = 8 << 20;

/// A block of whole lines of a big JSONL file.
pub struct Block {
    pub bytes: Bytes,
    /// Where each line of the block lies in it (without its `\n`).
    pub lines: Vec<std::ops::Range<usize>>,
    /// 0-based number of its first line in the file.
    pub first_line: usize,
    /// Byte offset of the block in the file.
    pub offset: u64,
}

/// Reads a JSONL file block by block; lines over `limit` bytes are skipped
/// (and warned about) without ever being held.
pub struct BlockReader {
    file: std::fs::File,
    /// The file's map, while it is read through one.
    map: Option<Arc<Mapping>>,
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
    at_start: bool,
    done: bool,
}

impl BlockReader {
    pub fn open(path: &Path, name: &str, limit: u64) -> Result<(BlockReader, u64), Warning> {
        let (file, len) = open_regular(path, name)?;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX).max(1);
        let map = Mapping::of(&file, len);
        Ok((
            BlockReader {
                file,
                map,
                name: name.to_string(),
                limit,
                pending: Vec::new(),
                scratch: Vec::new(),
                offset: 0,
                line: 0,
                skipping: false,
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
    /// Stops early (with `None`) when `progress` is cancelled, also in the
    /// middle of a long line.
    pub fn next_block(
        &mut self,
        warnings: &mut Vec<Warning>,
        progress: &Progress,
    ) -> Option<Block> {
        while !self.done {
            if progress.cancelled() {
                return None;
            }
            if let Some(map) = self.map.clone() {
                if self.still_mapped(&map, warnings) {
                    return self.next_mapped(&map, warnings);
                }
            }
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
            return Some(self.block(Bytes::Owned(bytes)));
        }
        None
    }

    /// The block of `bytes`, which start at the current offset.
    fn block(&mut self, bytes: Bytes) -> Block {
        let lines = line_ranges(&bytes);
        // The last line of the file may have no `\n`.
        let unended = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
        self.line += lines.len() - unended;
        let block = Block {
            first_line: self.line - (lines.len() - unended),
            offset: self.offset,
            bytes,
            lines,
        };
        self.offset += block.bytes.len() as u64;
        block
    }

    /// Whether the file still has the size it was mapped with; if not, the
    /// map is dropped and the rest is read from where the blocks got to.
    fn still_mapped(&mut self, map: &Mapping, warnings: &mut Vec<Warning>) -> bool {
        let same = self
            .file
            .metadata()
            .is_ok_and(|m| m.len() == map.len() as u64);
        if !same {
            self.map = None;
            self.at_start = false;
            self.pending.clear();
            if let Err(e) = self.file.seek(std::io::SeekFrom::Start(self.offset)) {
                self.done = true;
                warnings.push(cannot_read(&self.name, &e));
            }
        }
        same
    }

    /// The next block of a mapped file: about [`BLOCK`] bytes up to the end
    /// of a line, or the next line whole when it is longer (up to the
    /// limit); a line over the limit is passed over.
    fn next_mapped(&mut self, map: &Arc<Mapping>, warnings: &mut Vec<Warning>) -> Option<Block> {
        let all = map.bytes();
        let mut start = self.offset as usize;
        if self.at_start {
            self.at_start = false;
            if all.starts_with(b"\xEF\xBB\xBF") {
                start += 3;
                self.offset += 3;
            }
        }
        loop {
            if start >= all.len() {
                self.done = true;
                return None;
            }
            let window = (start + BLOCK).min(all.len());
            let cut = if window == all.len() {
                Some(window)
            } else if let Some(i) = memchr::memrchr(b'\n', &all[start..window]) {
                Some(start + i + 1)
            } else {
                // One line fills the window: it ends within the limit or
                // is passed over.
                let reach = (start + self.limit + 1).min(all.len());
                match memchr::memchr(b'\n', &all[window.min(reach)..reach]) {
                    Some(i) => Some(window.min(reach) + i + 1),
                    None if reach == all.len() && all.len() - start <= self.limit => {
                        Some(all.len())
                    }
                    None => None,
                }
            };
            if let Some(cut) = cut {
                let bytes = Bytes::Mapped(Arc::clone(map), start..cut);
                return Some(self.block(bytes));
            }
            let end = memchr::memchr(b'\n', &all[start..]).map_or(all.len(), |i| start + i);
            let place = format!("{}:{}", self.name, self.line + 1);
            warnings.push(too_large(&place, (end - start) as u64, self.limit as u64));
            map.release(start..end);
            self.line += 1;
            self.offset = (end + 1).min(all.len()) as u64;
            start = self.offset as usize;
        }
    }
}

impl Block {
    /// Gives back the memory of a mapped block once it has been used.
    pub fn release(&self) {
        if let Bytes::Mapped(map, range) = &self.bytes {
            map.release(range.clone());
        }
    }
}

/// The legacy encoding of a file's lines that are not UTF-8, guessed once.
pub struct LegacyGuess {
    name: String,
    checked: bool,
    encoding: Option<&'static Encoding>,
}

impl LegacyGuess {
    pub fn new(name: &str) -> LegacyGuess {
        LegacyGuess {
            name: name.to_string(),
            checked: false,
            encoding: None,
        }
    }

    /// The legacy encoding of `block`'s lines that are not UTF-8, asked
    /// when it has some (blocks are not checked here: whoever reads their
    /// lines checks them, a few at a time, while they are in the cache).
    /// The first such block of the file tells it, with a warning when one
    /// is guessed; later blocks are given it.
    pub fn of(&mut self, block: &Block, warnings: &mut Vec<Warning>) -> Option<&'static Encoding> {
        if !self.checked {
            self.checked = true;
            self.encoding = legacy_encoding(&self.name, &block.bytes, warnings);
        }
        self.encoding
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

/// The ranges of the lines of `block`, without their `\n` (a last line
/// without one too), its line ends found on all cores a slice at a time.
fn line_ranges(block: &[u8]) -> Vec<std::ops::Range<usize>> {
    use rayon::prelude::*;
    const SLICE: usize = 1 << 20;
    let ends: Vec<Vec<usize>> = block
        .par_chunks(SLICE)
        .enumerate()
        .map(|(k, slice)| {
            let mut ends = Vec::with_capacity(slice.len() / 2048 + 1);
            ends.extend(memchr::memchr_iter(b'\n', slice).map(|i| k * SLICE + i));
            ends
        })
        .collect();
    let mut ranges = Vec::with_capacity(ends.iter().map(Vec::len).sum::<usize>() + 1);
    let mut start = 0;
    for end in ends.into_iter().flatten() {
        ranges.push(start..end);
        start = end + 1;
    }
    if start < block.len() {
        ranges.push(start..block.len());
    }
    ranges
}

/// Whether the bytes start with a UTF-16 byte-order mark (such a file is
/// decoded whole, not line by line).
pub fn is_utf16(head: &[u8]) -> bool {
    head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn blocks_of(reader: &mut BlockReader, warnings: &mut Vec<Warning>) -> Vec<u8> {
        let mut all = Vec::new();
        while let Some(block) = reader.next_block(warnings, &Progress::default()) {
            all.extend_from_slice(&block.bytes);
        }
        all
    }

    /// A mapped file cut short or grown between blocks is read on from
    /// where the blocks got to: the blocks hold what the file then holds.
    #[test]
    fn a_mapped_file_that_changes_size_is_read_on() {
        let line = format!("{{\"title\": \"{}\"}}\n", "ب".repeat(500));
        let lines = BLOCK * 2 / line.len();
        for grow in [false, true] {
            let dir = tempfile::TempDir::new().unwrap();
            let path = dir.path().join("f.jsonl");
            std::fs::write(&path, line.repeat(lines)).unwrap();
            let (mut reader, _) = BlockReader::open(&path, "f", 64 << 20).unwrap();
            assert!(reader.map.is_some());
            let mut warnings = Vec::new();
            let first = reader
                .next_block(&mut warnings, &Progress::default())
                .unwrap();
            assert!(matches!(first.bytes, Bytes::Mapped(..)));
            let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            let mut want = line.repeat(lines).into_bytes();
            if grow {
                file.seek(std::io::SeekFrom::End(0)).unwrap();
                file.write_all(b"{\"title\": \"x\"}\n").unwrap();
                want.extend_from_slice(b"{\"title\": \"x\"}\n");
            } else {
                let cut = first.bytes.len() + line.len() * 3;
                file.set_len(cut as u64).unwrap();
                want.truncate(cut);
            }
            let mut got = first.bytes.to_vec();
            got.extend(blocks_of(&mut reader, &mut warnings));
            assert!(reader.map.is_none(), "no longer mapped");
            assert_eq!(got.len(), want.len(), "grown: {grow}");
            assert!(got == want, "grown: {grow}");
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    /// Mapped or read, a file gives the same lines, numbered alike, and
    /// passes over the same line over the limit (here or when its block is
    /// parsed); a BOM is dropped.
    #[test]
    fn lines_are_those_of_a_plain_split() {
        let mut text = b"{\"a\": 1}\n\n".repeat(300_000);
        text.extend(b"\n{\"b\": 2}");
        assert_eq!(line_ranges(b"a\n\nbc"), vec![0..1, 2..2, 3..5]);
        assert_eq!(line_ranges(b"a\n"), vec![0..1]);
        for len in [0, 1, 9, 1 << 20, (1 << 20) + 1, text.len() - 1, text.len()] {
            let part = &text[..len];
            let mut want = Vec::new();
            let mut start = 0;
            for (i, _) in part.iter().enumerate().filter(|(_, &b)| b == b'\n') {
                want.push(start..i);
                start = i + 1;
            }
            if start < part.len() {
                want.push(start..part.len());
            }
            assert_eq!(line_ranges(part), want, "{len}");
        }
    }

    #[test]
    fn mapped_and_read_blocks_agree() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("f.jsonl");
        let mut text = b"\xEF\xBB\xBF".to_vec();
        text.extend(b"{\"a\": 1}\r\n".repeat(200_000));
        text.extend(vec![b'x'; 9 << 20]);
        text.extend(b"\n{\"b\": 2}\n\n{\"c\": 3}");
        std::fs::write(&path, &text).unwrap();
        let limit = 2 << 20;
        let read = |mapped: bool| {
            let (mut reader, _) = BlockReader::open(&path, "f", limit).unwrap();
            if !mapped {
                reader.map = None;
            }
            let mut warnings = Vec::new();
            let mut lines = Vec::new();
            let mut over = Vec::new();
            while let Some(b) = reader.next_block(&mut warnings, &Progress::default()) {
                for (k, r) in b.lines.iter().enumerate() {
                    match r.len() as u64 > limit {
                        true => over.push(format!("f:{}", b.first_line + k + 1)),
                        false => lines.push((b.first_line + k, b.bytes[r.clone()].to_vec())),
                    }
                }
            }
            over.extend(warnings.iter().map(|w| w.place.clone()));
            (lines, over)
        };
        let (mapped, read) = (read(true), read(false));
        assert_eq!(mapped.0.len(), 200_000 + 3);
        assert_eq!(mapped.0[0].1, b"{\"a\": 1}\r");
        assert_eq!(mapped.1, ["f:200001"]);
        assert!(mapped == read, "{:?}", read.1);
    }
}
