//! Loading large corpora: many files on all cores, big JSONL files read in
//! blocks whose lines are parsed on all cores (the whole file is never held
//! next to the articles built from it), with progress and cancellation.
//! What is loaded is handed on in small pieces, in path order, as soon as
//! it is ready, so a reader can show the first articles at once.

use super::clean::Rules;
use super::error::{LoadError, Warning};
use super::load::{add_jsonl_line, load_file_sized, FileLoad};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A JSONL file larger than this is read in blocks of this size.
const BLOCK: usize = 8 << 20;
/// Ordinary files are loaded in rounds of this many files, each on all
/// cores, then handed on.
const ROUND_FILES: usize = 512;

/// Shared with whoever shows progress or wants to stop the load.
#[derive(Debug, Default)]
pub struct Progress {
    pub done_bytes: AtomicU64,
    pub total_bytes: AtomicU64,
    /// Set to stop loading; the load then returns `LoadError::Cancelled`.
    pub cancel: AtomicBool,
}

impl Progress {
    fn add(&self, bytes: u64) {
        self.done_bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Loads `files` in order and hands each piece to `emit` as soon as it and
/// everything before it is loaded: ordinary files in rounds on all cores,
/// big JSONL files block by block. The total size is added up beside the
/// loading (stat-ing 100,000 files first would delay the first piece).
pub fn load_files(
    files: &[PathBuf],
    rules: &Rules,
    progress: &Progress,
    emit: &mut dyn FnMut(FileLoad),
) -> Result<(), LoadError> {
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    // Set when loading fails, so the error is not held back until every
    // file has been sized.
    let failed = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut total = 0;
            for file in files {
                if progress.cancelled() || failed.load(Ordering::Relaxed) {
                    return;
                }
                total += size(file);
            }
            progress.total_bytes.store(total, Ordering::Relaxed);
        });
        let result = load_in_order(files, rules, progress, emit);
        failed.store(result.is_err(), Ordering::Relaxed);
        result
    })
}

/// The loading part of [`load_files`].
fn load_in_order(
    files: &[PathBuf],
    rules: &Rules,
    progress: &Progress,
    emit: &mut dyn FnMut(FileLoad),
) -> Result<(), LoadError> {
    let mut start = 0;
    while start < files.len() {
        if is_big_jsonl(&files[start]) {
            load_jsonl_in_blocks(&files[start], progress, emit)?;
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < files.len() && end - start < ROUND_FILES && !is_big_jsonl(&files[end]) {
            end += 1;
        }
        for load in load_round(&files[start..end], rules, progress)? {
            emit(load);
        }
        start = end;
    }
    Ok(())
}

/// True for the files [`load_files`] reads block by block.
/// Only a `.jsonl` file is looked up on disk.
pub(crate) fn is_big_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
        && std::fs::metadata(path).is_ok_and(|m| m.len() > BLOCK as u64)
}

/// A round of ordinary files, split in contiguous chunks over the cores.
fn load_round(
    files: &[PathBuf],
    rules: &Rules,
    progress: &Progress,
) -> Result<Vec<FileLoad>, LoadError> {
    let chunk = files.len().div_ceil(threads()).max(1);
    let parts: Vec<Option<Vec<FileLoad>>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut loads = Vec::with_capacity(part.len());
                    for file in part {
                        if progress.cancelled() {
                            return None;
                        }
                        let (load, size) = load_file_sized(file, rules);
                        loads.push(load);
                        progress.add(size);
                    }
                    Some(loads)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut out = Vec::with_capacity(files.len());
    for part in parts {
        out.extend(part.ok_or(LoadError::Cancelled)?);
    }
    Ok(out)
}

/// A big JSONL file: blocks of whole lines, each parsed on all cores and
/// handed on.
pub(crate) fn load_jsonl_in_blocks(
    path: &Path,
    progress: &Progress,
    emit: &mut dyn FnMut(FileLoad),
) -> Result<(), LoadError> {
    let name = path.display().to_string();
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io)?;
    let mut anything = false;
    let (mut pending, mut offset, mut line_no) = (Vec::new(), 0u64, 0usize);
    let mut utf8_warned = false;
    loop {
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        let before = pending.len();
        pending.resize(before + BLOCK, 0);
        let read = file.read(&mut pending[before..]).map_err(io)?;
        pending.truncate(before + read);
        let at_end = read == 0;
        let cut = if at_end {
            pending.len()
        } else {
            match memchr::memrchr(b'\n', &pending) {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let rest = pending.split_off(cut);
        let block = std::mem::replace(&mut pending, rest);
        let lines = parse_block(&name, &block, offset, line_no, &mut utf8_warned);
        line_no += block.iter().filter(|&&b| b == b'\n').count();
        offset += block.len() as u64;
        progress.add(block.len() as u64);
        anything |= !lines.articles.is_empty() || !lines.warnings.is_empty();
        emit(lines);
        if at_end {
            break;
        }
    }
    if !anything {
        let mut empty = FileLoad::default();
        empty
            .warnings
            .push(Warning::new(name, "empty: no records; skipped"));
        emit(empty);
    }
    Ok(())
}

/// The lines of one block, in halves over the cores; `first_line` is the
/// 0-based number of its first line in the file, `offset` its byte offset.
fn parse_block(
    name: &str,
    block: &[u8],
    offset: u64,
    first_line: usize,
    utf8_warned: &mut bool,
) -> FileLoad {
    let mut starts = vec![0];
    starts.extend(
        memchr::memchr_iter(b'\n', block)
            .map(|i| i + 1)
            .filter(|&i| i < block.len()),
    );
    let chunk = starts.len().div_ceil(threads()).max(1);
    let parts: Vec<(FileLoad, Option<u64>)> = std::thread::scope(|s| {
        let handles: Vec<_> = starts
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                s.spawn(move || {
                    let mut out = FileLoad::default();
                    let mut bad_utf8 = None;
                    for (j, &start) in part.iter().enumerate() {
                        let end = memchr::memchr(b'\n', &block[start..])
                            .map_or(block.len(), |i| start + i);
                        let bytes = &block[start..end];
                        let line = match std::str::from_utf8(bytes) {
                            Ok(l) => std::borrow::Cow::Borrowed(l),
                            Err(e) => {
                                bad_utf8.get_or_insert(offset + (start + e.valid_up_to()) as u64);
                                String::from_utf8_lossy(bytes)
                            }
                        };
                        let number = first_line + k * chunk + j + 1;
                        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
                        add_jsonl_line(name, number, line, &mut out);
                    }
                    (out, bad_utf8)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut out = FileLoad::default();
    for (part, bad_utf8) in parts {
        if let (Some(at), false) = (bad_utf8, *utf8_warned) {
            *utf8_warned = true;
            out.warnings.push(Warning::new(
                name,
                format!("not valid UTF-8 at byte {at}; invalid bytes shown as U+FFFD"),
            ));
        }
        out.articles.extend(part.articles);
        out.warnings.extend(part.warnings);
    }
    out
}
