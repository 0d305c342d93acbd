//! Reading corpus files: `.txt` pages, JSON arrays, JSONL, and directories
//! of them. Bad parts are skipped with a warning; the rest always loads.

use super::article::Article;
use super::clean::{clean_page, Rules};
use super::error::{LoadError, Warning};
use super::record::article_from_record;
use std::fs;
use std::path::{Path, PathBuf};

/// What reading one file gave: its articles and what went wrong in it.
#[derive(Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    JsonLines,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    let formats = [
        ("txt", Format::Text),
        ("json", Format::Json),
        ("jsonl", Format::JsonLines),
        ("ndjson", Format::JsonLines),
    ];
    formats
        .into_iter()
        .find_map(|(name, format)| ext.eq_ignore_ascii_case(name).then_some(format))
}

/// Every corpus file under `path`: the path itself when it is a file, else
/// the `.txt`/`.json`/`.jsonl` files below it (recursively, hidden entries
/// skipped), sorted by path.
pub fn corpus_files(path: &Path) -> Result<(Vec<PathBuf>, Vec<Warning>), LoadError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if !meta.is_dir() {
        return Ok((vec![path.to_path_buf()], Vec::new()));
    }
    let (mut files, mut warnings) = (Vec::new(), Vec::new());
    // Directories already walked, by their real path: a symlink loop is
    // walked once, not forever.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![path.to_path_buf()];
    let mut first = true;
    while let Some(dir) = stack.pop() {
        if !seen.insert(fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone())) {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // The directory asked for must be readable; below it, a
            // directory that is not is skipped with a warning.
            Err(source) if first => return Err(LoadError::Io { path: dir, source }),
            Err(e) => {
                warnings.push(Warning::new(
                    dir.display().to_string(),
                    format!("cannot read: {e}; skipped"),
                ));
                continue;
            }
        };
        first = false;
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            // The entry's type comes with the listing; only a symlink needs
            // a look at what it points to.
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => p.is_dir(),
                Ok(t) => t.is_dir(),
                Err(_) => p.is_dir(),
            };
            if is_dir {
                stack.push(p);
            } else if format_of(&p).is_some() {
                files.push(p);
            }
        }
    }
    // Sorted as paths sort (component by component). These paths are all
    // the same root joined with plain names, so their bytes with every
    // separator made the smallest byte sort the same way, and far faster.
    files.sort_by_cached_key(|p| {
        let bytes = p.as_os_str().as_encoded_bytes().iter();
        let key = |&b: &u8| {
            if std::path::is_separator(b as char) {
                0
            } else {
                b
            }
        };
        bytes.map(key).collect::<Vec<u8>>()
    });
    Ok((files, warnings))
}

/// Reads one file; never fails: an unreadable file is a warning.
pub fn load_file(path: &Path, rules: &Rules) -> FileLoad {
    load_file_sized(path, rules).0
}

/// [`load_file`], and how many bytes the file had.
pub(crate) fn load_file_sized(path: &Path, rules: &Rules) -> (FileLoad, u64) {
    let name = path.display().to_string();
    match read(path, &name) {
        Ok(bytes) => (load_bytes(&name, path, &bytes, rules), bytes.len() as u64),
        Err(warning) => (
            FileLoad {
                articles: Vec::new(),
                warnings: vec![warning],
            },
            0,
        ),
    }
}

/// A file's bytes, or the warning that it cannot be read.
pub(crate) fn read(path: &Path, name: &str) -> Result<Vec<u8>, Warning> {
    fs::read(path).map_err(|e| cannot_read(name, e))
}

/// [`read`] into `buffer`, giving how many bytes the file has: they are
/// `buffer[..n]`. One buffer serves many files; it is read into directly,
/// without asking the file's size and position first as
/// `Read::read_to_end` does (two system calls per file).
pub(crate) fn read_into(path: &Path, name: &str, buffer: &mut Vec<u8>) -> Result<usize, Warning> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(|e| cannot_read(name, e))?;
    if buffer.len() < 64 << 10 {
        buffer.resize(64 << 10, 0);
    }
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            buffer.resize(buffer.len() * 2, 0);
        }
        match file.read(&mut buffer[filled..]) {
            Ok(0) => return Ok(filled),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot_read(name, e)),
        }
    }
}

fn cannot_read(name: &str, e: std::io::Error) -> Warning {
    Warning::new(name, format!("cannot read: {e}; skipped"))
}

/// Parses the contents of one file named `name`; `path` decides its format
/// (unknown extensions are read as text pages).
pub fn load_bytes(name: &str, path: &Path, bytes: &[u8], rules: &Rules) -> FileLoad {
    let mut out = FileLoad::default();
    let Some(text) = decode(name, bytes, &mut out.warnings) else {
        return out;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match format_of(path).unwrap_or(Format::Text) {
        Format::Text => load_page(name, path, text, rules, &mut out),
        Format::Json => load_json(name, text, &mut out),
        Format::JsonLines => load_json_lines(name, text, &mut out),
    }
    out
}

/// True when `path` is read as a text page (also any unknown extension).
pub(crate) fn is_page(path: &Path) -> bool {
    format_of(path).is_none_or(|f| f == Format::Text)
}

/// A file's bytes as text: `None` (with a warning) for a binary file;
/// invalid UTF-8 is replaced, with a warning. A BOM is left in place.
pub(crate) fn decode<'a>(
    name: &str,
    bytes: &'a [u8],
    warnings: &mut Vec<Warning>,
) -> Option<std::borrow::Cow<'a, str>> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        warnings.push(Warning::new(
            name,
            "binary file (contains NUL bytes); skipped",
        ));
        return None;
    }
    // The SIMD check is several times faster on Arabic text than std's; it
    // says only yes or no, so std finds where a bad byte is.
    if let Ok(t) = simdutf8::basic::from_utf8(bytes) {
        return Some(std::borrow::Cow::Borrowed(t));
    }
    Some(match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            warnings.push(Warning::new(
                name,
                format!(
                    "not valid UTF-8 at byte {}; invalid bytes shown as U+FFFD",
                    e.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(bytes)
        }
    })
}

/// The id of the article read from the page at `path` (named `name`).
pub(crate) fn page_id(name: &str, path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// The warning for a page with no article text.
pub(crate) const EMPTY_PAGE: &str = "empty: no article text; skipped";

fn load_page(name: &str, path: &Path, text: &str, rules: &Rules, out: &mut FileLoad) {
    let page = clean_page(text, rules);
    if page.paragraphs.is_empty() {
        out.warnings.push(Warning::new(name, EMPTY_PAGE));
        return;
    }
    out.articles.push(Article {
        id: page_id(name, path),
        title: page.title,
        paragraphs: page.paragraphs,
        source: name.to_string(),
        meta: Default::default(),
        boilerplate: page.boilerplate,
    });
}

fn load_json(name: &str, text: &str, out: &mut FileLoad) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let place = format!("{name}:{}:{}", e.line(), e.column());
            out.warnings.push(Warning::new(
                place,
                format!("malformed JSON ({e}); file skipped"),
            ));
            return;
        }
    };
    let records = match value {
        serde_json::Value::Array(items) => items,
        single => vec![single],
    };
    if records.is_empty() {
        out.warnings
            .push(Warning::new(name, "empty: no records; skipped"));
    }
    for (i, record) in records.into_iter().enumerate() {
        add_record(format!("{name}#{i}"), record, out);
    }
}

fn load_json_lines(name: &str, text: &str, out: &mut FileLoad) {
    let before = out.articles.len();
    for (i, line) in text.lines().enumerate() {
        add_jsonl_line(name, i + 1, line, out);
    }
    if out.articles.len() == before && out.warnings.is_empty() {
        out.warnings
            .push(Warning::new(name, "empty: no records; skipped"));
    }
}

/// One JSONL line (`number` is 1-based): a record, a warning, or nothing
/// for a blank line.
pub fn add_jsonl_line(name: &str, number: usize, line: &str, out: &mut FileLoad) {
    if line.trim().is_empty() {
        return;
    }
    let place = format!("{name}:{number}");
    match serde_json::from_str(line) {
        Ok(record) => add_record(place, record, out),
        Err(e) => out.warnings.push(Warning::new(
            place,
            format!("malformed JSON ({e}); record skipped"),
        )),
    }
}

fn add_record(place: String, record: serde_json::Value, out: &mut FileLoad) {
    match article_from_record(record, place.clone()) {
        Ok(parsed) => {
            for remark in parsed.remarks {
                out.warnings.push(Warning::new(place.clone(), remark));
            }
            out.articles.push(parsed.article);
        }
        Err(why) => out
            .warnings
            .push(Warning::new(place, format!("{why}; record skipped"))),
    }
}
