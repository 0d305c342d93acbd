//! Writing to stdout safely: control characters in article text become
//! visible placeholders (escapes in JSON), and a closed pipe (`| head`)
//! ends quietly.

use sahifa::text::controls::{one_line, visible};
use std::io::{self, Write};

/// Buffered stdout that turns a broken pipe into a quiet stop.
pub struct Out {
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    pub fn new() -> Self {
        Out {
            inner: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        }
    }

    /// Writes one line of text that may come from the corpus: its control
    /// characters shown, and any line break in it shown as ⏎, so that it
    /// stays one line.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.inner, "{}", visible(&one_line(text)))
    }

    /// Writes machine output (JSON), exact and with every control
    /// character escaped (see [`sahifa::safe_json`]).
    pub fn json(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        sahifa::safe_json::to_writer_pretty(&mut self.inner, value)?;
        writeln!(self.inner)
    }

    /// The writer itself, for output written exactly as it must stand.
    pub fn raw(&mut self) -> &mut impl Write {
        &mut self.inner
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
