//! `sahifa render`: stdin to visual lines, one paragraph (line) at a time.
//!
//! Each paragraph is laid out and written as soon as its newline arrives,
//! and the output is flushed whenever the next paragraph is not already
//! waiting in the input buffer, that is before every read that could
//! block: in a pipe that never closes, every finished paragraph is on
//! screen. Memory is bounded whatever the input: a paragraph longer than
//! [`PIECE`] bytes is laid out in pieces cut at a space, each piece given
//! the direction of the first.

use sahifa::text::{render_paragraph, BaseDirection, LayoutOptions};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read, Write};

/// The most bytes of one paragraph laid out at once. Far above any news
/// paragraph; a longer one costs a line break where it is cut.
pub const PIECE: usize = 64 << 10;

/// Renders `input` to `out` (see the module docs).
pub fn render<R: Read>(
    mut input: BufReader<R>,
    mut out: impl Write,
    opts: &LayoutOptions,
) -> io::Result<()> {
    let mut state = Paragraphs {
        opts: *opts,
        base: opts.base,
        text: Vec::new(),
    };
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if !pending.is_empty() {
                state.finish(&pending, &mut out)?;
            }
            return out.flush();
        }
        match memchr::memchr(b'\n', buf) {
            Some(end) if pending.is_empty() => {
                state.finish(&buf[..end], &mut out)?;
                input.consume(end + 1);
            }
            Some(end) => {
                pending.extend_from_slice(&buf[..end]);
                input.consume(end + 1);
                state.finish(&pending, &mut out)?;
                pending.clear();
            }
            None => {
                let n = buf.len();
                pending.extend_from_slice(buf);
                input.consume(n);
                while pending.len() > PIECE {
                    let (piece, skip) = cut(&pending, PIECE);
                    state.piece(&pending[..piece], &mut out)?;
                    pending.drain(..piece + skip);
                    out.flush()?;
                }
                continue;
            }
        }
        if memchr::memchr(b'\n', input.buffer()).is_none() {
            out.flush()?;
        }
    }
}

/// Where to cut `bytes`, a paragraph longer than `limit`, within its first
/// `limit` bytes: at its last space or tab there (which is dropped, as at
/// any line break), else at the last character boundary. Returns the length
/// of the piece and the bytes to skip after it; the piece is never empty.
pub fn cut(bytes: &[u8], limit: usize) -> (usize, usize) {
    let head = &bytes[..limit.min(bytes.len())];
    if let Some(space) = memchr::memrchr2(b' ', b'\t', head).filter(|&at| at > 0) {
        return (space, 1);
    }
    let mut at = head.len();
    while at > 0 && bytes.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
        at -= 1;
    }
    // Nothing but continuation bytes (not UTF-8 at all): cut anywhere.
    (if at == 0 { head.len() } else { at }, 0)
}

/// The layout of one paragraph after another, with the buffers they share.
struct Paragraphs {
    opts: LayoutOptions,
    /// The direction for the next piece: the option's, or that of the
    /// paragraph being continued.
    base: BaseDirection,
    /// The screen lines of the paragraph being written.
    text: Vec<u8>,
}

impl Paragraphs {
    /// Lays out and writes the last (or only) piece of a paragraph.
    fn finish(&mut self, bytes: &[u8], out: &mut impl Write) -> io::Result<()> {
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        self.write(bytes, out)?;
        self.base = self.opts.base;
        Ok(())
    }

    /// Lays out and writes a piece of a paragraph that goes on.
    fn piece(&mut self, bytes: &[u8], out: &mut impl Write) -> io::Result<()> {
        let rtl = self.write(bytes, out)?;
        if self.base == BaseDirection::Auto {
            self.base = if rtl {
                BaseDirection::Rtl
            } else {
                BaseDirection::Ltr
            };
        }
        Ok(())
    }

    fn write(&mut self, bytes: &[u8], out: &mut impl Write) -> io::Result<bool> {
        let paragraph = match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let opts = LayoutOptions {
            base: self.base,
            ..self.opts
        };
        self.text.clear();
        let rtl = render_paragraph(&paragraph, &opts, &mut self.text);
        out.write_all(&self.text)?;
        Ok(rtl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(input: &[u8]) -> String {
        let opts = LayoutOptions {
            width: 20,
            shape: false,
            align: false,
            ..LayoutOptions::default()
        };
        let mut out = Vec::new();
        render(BufReader::new(input), &mut out, &opts).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_crlf_and_a_missing_last_newline() {
        assert_eq!(rendered(b""), "");
        assert_eq!(rendered("أ ب\r\nج".as_bytes()), "ب أ\nج\n");
        assert_eq!(rendered(b"a\n\nb\n"), "a\n\nb\n");
    }

    #[test]
    fn a_huge_paragraph_is_laid_out_in_pieces_and_keeps_its_direction() {
        let word = "كلمة ";
        let text = word.repeat(3 * PIECE / word.len());
        let text = text.trim_end();
        let out = rendered(format!("{text}\nok\n").as_bytes());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.last(), Some(&"ok"));
        let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count() + 1, "nothing lost");
        let odd: Vec<_> = lines[..lines.len() - 1]
            .iter()
            .filter(|l| !l.starts_with("ةملك"))
            .collect();
        assert!(odd.is_empty(), "{odd:?}");
    }

    #[test]
    fn cuts_after_a_space_else_on_a_character() {
        assert_eq!(cut(b"ab cd", 4), (2, 1));
        assert_eq!(cut(b" abcd", 4), (4, 0), "never an empty piece");
        let s = "\u{0628}\u{0628}".as_bytes();
        assert_eq!(cut(s, 3), (2, 0), "not inside a character");
        assert_eq!(cut(s, 2), (2, 0));
        assert_eq!(cut(&[0x80; 8], 4), (4, 0));
    }
}
