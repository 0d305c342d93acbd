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
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        _ => None,
    }
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
    files.sort();
    Ok((files, warnings))
}

/// Reads one file; never fails: an unreadable file is a warning.
pub fn load_file(path: &Path, rules: &Rules) -> FileLoad {
    load_file_sized(path, rules).0
}

/// [`load_file`], and how many bytes the file had.
pub(crate) fn load_file_sized(path: &Path, rules: &Rules) -> (FileLoad, u64) {
    let name = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => (load_bytes(&name, path, &bytes, rules), bytes.len() as u64),
        Err(e) => (
            FileLoad {
                articles: Vec::new(),
                warnings: vec![Warning::new(name, format!("cannot read: {e}; skipped"))],
            },
            0,
        ),
    }
}

/// Parses the contents of one file named `name`; `path` decides its format
/// (unknown extensions are read as text pages).
pub fn load_bytes(name: &str, path: &Path, bytes: &[u8], rules: &Rules) -> FileLoad {
    let mut out = FileLoad::default();
    if bytes.iter().take(8192).any(|&b| b == 0) {
        out.warnings.push(Warning::new(
            name,
            "binary file (contains NUL bytes); skipped",
        ));
        return out;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            out.warnings.push(Warning::new(
                name,
                format!(
                    "not valid UTF-8 at byte {}; invalid bytes shown as U+FFFD",
                    e.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match format_of(path).unwrap_or(Format::Text) {
        Format::Text => load_page(name, path, text, rules, &mut out),
        Format::Json => load_json(name, text, &mut out),
        Format::JsonLines => load_json_lines(name, text, &mut out),
    }
    out
}

fn load_page(name: &str, path: &Path, text: &str, rules: &Rules, out: &mut FileLoad) {
    let page = clean_page(text, rules);
    if page.paragraphs.is_empty() {
        out.warnings
            .push(Warning::new(name, "empty: no article text; skipped"));
        return;
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    out.articles.push(Article {
        id,
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
