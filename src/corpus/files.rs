//! Which files a corpus path holds, and reading one of them safely: only
//! regular files (a FIFO, socket or device would block or never end), and
//! never more than the size limit.

use super::error::{LoadError, Warning, WarningKind};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The formats sahifa reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A scraped page, one paragraph per line.
    Text,
    Html,
    Json,
    JsonLines,
}

pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    let formats = [
        ("txt", Format::Text),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
        ("json", Format::Json),
        ("jsonl", Format::JsonLines),
        ("ndjson", Format::JsonLines),
    ];
    formats
        .into_iter()
        .find_map(|(name, format)| ext.eq_ignore_ascii_case(name).then_some(format))
}

/// What a file that is not a regular file is, for messages.
fn special_kind(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = t;
    "not a regular file"
}

/// Every corpus file under `path`: the path itself when it is a file, else
/// the files of known formats below it (recursively, hidden entries
/// skipped, FIFOs, sockets and devices skipped with a warning), sorted by
/// path. A `path` that is neither a regular file nor a directory is an
/// error.
pub fn corpus_files(path: &Path) -> Result<(Vec<PathBuf>, Vec<Warning>), LoadError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if meta.is_file() {
        return Ok((vec![path.to_path_buf()], Vec::new()));
    }
    if !meta.is_dir() {
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
            kind: special_kind(meta.file_type()),
        });
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
                warnings.push(Warning::of(
                    WarningKind::Unreadable,
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
            let file_type = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(&p).map(|m| m.file_type()),
                Ok(t) => Ok(t),
                Err(_) => fs::metadata(&p).map(|m| m.file_type()),
            };
            match file_type {
                Ok(t) if t.is_dir() => stack.push(p),
                Ok(t) if t.is_file() => {
                    if format_of(&p).is_some() {
                        files.push(p);
                    }
                }
                Ok(t) => warnings.push(Warning::of(
                    WarningKind::NotRegular,
                    p.display().to_string(),
                    format!("{}; skipped", special_kind(t)),
                )),
                // A dangling symlink, or an entry gone since the listing.
                Err(_) => {}
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

/// Opens `path` for reading only if it is a regular file. It is opened
/// without blocking, so a FIFO put where a file was listed cannot hang the
/// load; the check is on the opened file itself.
pub fn open_regular(path: &Path, name: &str) -> Result<(fs::File, u64), Warning> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| cannot_read(name, &e))?;
    let meta = file.metadata().map_err(|e| cannot_read(name, &e))?;
    if !meta.is_file() {
        return Err(Warning::of(
            WarningKind::NotRegular,
            name,
            format!("{}; skipped", special_kind(meta.file_type())),
        ));
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, into `buffer` (cleared first),
/// or why not: a file larger than `limit` bytes is skipped unread.
pub fn read_bounded(
    path: &Path,
    name: &str,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> Result<(), Warning> {
    let (file, len) = open_regular(path, name)?;
    if len > limit {
        return Err(too_large(name, len, limit));
    }
    buffer.clear();
    buffer.reserve(len as usize + 1);
    // Bounded even if the file grows while it is read.
    file.take(limit + 1)
        .read_to_end(buffer)
        .map_err(|e| cannot_read(name, &e))?;
    if buffer.len() as u64 > limit {
        return Err(too_large(name, buffer.len() as u64, limit));
    }
    Ok(())
}

pub fn too_large(place: &str, len: u64, limit: u64) -> Warning {
    Warning::of(
        WarningKind::TooLarge,
        place,
        format!(
            "{} is larger than the limit of {} (--max-record-mb); skipped",
            megabytes(len),
            megabytes(limit)
        ),
    )
}

fn megabytes(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.0} MB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{bytes} bytes")
    }
}

pub fn cannot_read(name: &str, e: &std::io::Error) -> Warning {
    Warning::of(
        WarningKind::Unreadable,
        name,
        format!("cannot read: {e}; skipped"),
    )
}
