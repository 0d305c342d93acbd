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
    /// DEL or C1 (U+0080–U+009F, which include CSI); those are escaped here.
    /// Outside strings JSON is ASCII, so every such char sits in a string.
    pub fn json(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        // DEL is 0x7f and C1 controls are 0xc2 0x80–0x9f in UTF-8: text with
        // neither is written as it is.
        let bytes = text.as_bytes();
        let c1 = |i: usize| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b));
        if memchr::memchr(0x7f, bytes).is_none() && !memchr::memchr_iter(0xc2, bytes).any(c1) {
            return writeln!(self.inner, "{text}");
        }
        let mut safe = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\u{7f}'..='\u{9f}' => safe.push_str(&format!("\\u{:04x}", c as u32)),
                _ => safe.push(c),
            }
        }
        writeln!(self.inner, "{safe}")
    }

    pub fn finish(mut self) -> io::Result<()> {
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
