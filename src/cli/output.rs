//! Writing to stdout safely: control characters in article text become
//! visible placeholders, and a closed pipe (`| head`) ends quietly.

use sahifa::text::controls::visible;
use std::io::{self, Write};

/// Buffered stdout that turns a broken pipe into a quiet stop.
pub struct Out {
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    pub fn new() -> Self {
        Out {
            inner: io::BufWriter::new(io::stdout().lock()),
        }
    }

    /// Writes one line of text that may come from the corpus.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.inner, "{}", visible(text))
    }

    /// Writes machine output (JSON). serde_json escapes C0 controls but not
    /// DEL or C1 (U+0080–U+009F, which include CSI); those are escaped on
    /// the way out. Outside strings JSON is ASCII, so every such char sits
    /// in a string.
    pub fn json(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        let safe = C1Escaper {
            inner: &mut self.inner,
            lead: false,
        };
        // serde_json writes many small pieces: they are gathered before
        // being looked through.
        let mut gathered = io::BufWriter::with_capacity(64 << 10, safe);
        serde_json::to_writer_pretty(&mut gathered, value).map_err(io::Error::from)?;
        gathered
            .into_inner()
            .map_err(|e| e.into_error())?
            .flush_lead()?;
        writeln!(self.inner)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Passes JSON on with DEL and the C1 controls (0x7f, and 0xc2 0x80–0x9f in
/// UTF-8) written as `\u00XX` escapes.
struct C1Escaper<'a, W: Write> {
    inner: &'a mut W,
    /// The last byte seen was a 0xc2 not yet written (its character may
    /// continue in the next write).
    lead: bool,
}

impl<W: Write> C1Escaper<'_, W> {
    fn flush_lead(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.lead) {
            self.inner.write_all(&[0xc2])?;
        }
        Ok(())
    }
}

impl<W: Write> Write for C1Escaper<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut from = 0;
        if self.lead && !buf.is_empty() {
            self.lead = false;
            match buf[0] {
                b @ 0x80..=0x9f => {
                    write!(self.inner, "\\u{b:04x}")?;
                    from = 1;
                }
                _ => self.inner.write_all(&[0xc2])?,
            }
        }
        let mut done = from;
        for i in memchr::memchr2_iter(0x7f, 0xc2, &buf[from..]).map(|i| i + from) {
            if i < done {
                continue;
            }
            if buf[i] == 0x7f {
                self.inner.write_all(&buf[done..i])?;
                self.inner.write_all(b"\\u007f")?;
                done = i + 1;
                continue;
            }
            match buf.get(i + 1) {
                Some(&b @ 0x80..=0x9f) => {
                    self.inner.write_all(&buf[done..i])?;
                    write!(self.inner, "\\u{b:04x}")?;
                    done = i + 2;
                }
                Some(_) => {}
                None => {
                    self.inner.write_all(&buf[done..i])?;
                    self.lead = true;
                    return Ok(());
                }
            }
        }
        self.inner.write_all(&buf[done..])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Treats a broken pipe as success: the reader of our output went away.
pub fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut safe = C1Escaper {
            inner: &mut out,
            lead: false,
        };
        for piece in pieces {
            safe.write_all(piece).unwrap();
        }
        safe.flush_lead().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn del_and_c1_are_escaped_even_split_between_writes() {
        let text = "«a\u{7f}b\u{9b}c\u{85}»\u{c2}";
        let want = "«a\\u007fb\\u009bc\\u0085»\u{c2}";
        assert_eq!(escaped(&[text.as_bytes()]), want);
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            assert_eq!(escaped(&[&bytes[..cut], &bytes[cut..]]), want, "{cut}");
        }
        assert_eq!(escaped(&[b"\xc2", b"", b"\x9b"]), "\\u009b");
    }
}
