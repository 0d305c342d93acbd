//! A JSONL file in the pipeline: read block by block (never whole), each
//! block's lines parsed on all cores and handed on. A line the sink cannot
//! use is not parsed; a line over the limit is skipped with its number.

use super::{guarded, Found, LoadOptions, Piece, Sink};
use crate::corpus::blocks::{is_utf16, Block, BlockReader};
use crate::corpus::clean::Rules;
use crate::corpus::error::{LoadError, Warning, WarningKind};
use crate::corpus::files::{format_of, read_bounded, too_large, Format};
use crate::corpus::jsonl::{self, line_text, raw_id, RawId};
use crate::corpus::parse::Tally;
use crate::corpus::quick::QuickRecord;
use crate::corpus::stream::ArticleRef;
use crate::corpus::Progress;
use rayon::prelude::*;
use std::path::Path;

pub fn is_jsonl(path: &Path) -> bool {
    format_of(path) == Some(Format::JsonLines)
}

/// What the lines of a file said so far, to tell why none was an article.
#[derive(Default)]
struct FileState {
    tally: Tally,
    articles: usize,
    /// Records skipped, held back until an article shows the file is not
    /// wholly unreadable (then one line says why instead).
    held: Vec<Warning>,
}

pub fn run<S: Sink>(
    path: &Path,
    options: &LoadOptions,
    rules: &Rules,
    progress: &Progress,
    sink: &S,
    emit: &mut dyn FnMut(Piece<S::Item>),
) -> Result<(), LoadError> {
    let name = path.display().to_string();
    let mut warnings = Vec::new();
    let (mut reader, _) = match BlockReader::open(path, &name, options.max_record_bytes) {
        Ok(r) => r,
        Err(w) => {
            emit(Piece {
                warnings: vec![w],
                ..Piece::default()
            });
            return Ok(());
        }
    };
    let mut state = FileState::default();
    let mut first = true;
    let mut any_line = false;
    let mut counted = 0;
    while let Some(block) = reader.next_block(&mut warnings, progress) {
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        progress.add(reader.consumed() - counted);
        counted = reader.consumed();
        if first && is_utf16(&block.bytes) {
            return whole_utf16(path, &name, options, rules, sink, emit);
        }
        if first && memchr::memchr(0, &block.bytes[..block.bytes.len().min(8192)]).is_some() {
            warnings.push(Warning::of(
                WarningKind::Binary,
                name.as_str(),
                "binary file (contains NUL bytes); skipped",
            ));
            break;
        }
        first = false;
        any_line |= block.bytes.iter().any(|b| !b.is_ascii_whitespace());
        let mut piece = parse_block(&name, &block, options, rules, sink, &mut state);
        reader.release(&block);
        let mut before = std::mem::take(&mut warnings);
        before.append(&mut piece.warnings);
        piece.warnings = before;
        emit(piece);
    }
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    let mut last = Piece {
        warnings,
        ..Piece::default()
    };
    if state.articles > 0 {
        last.warnings.append(&mut state.held);
    } else if state.tally.records() > 0 {
        last.warnings.push(state.tally.none_loaded(&name));
    } else if !any_line && last.warnings.is_empty() {
        last.warnings.push(Warning::of(
            WarningKind::Empty,
            name,
            "empty: no records; skipped",
        ));
    } else {
        last.warnings.append(&mut state.held);
    }
    if !last.warnings.is_empty() {
        emit(last);
    }
    Ok(())
}

/// A UTF-16 file cannot be split at its newline bytes: it is decoded whole
/// (when no larger than the limit) and its lines parsed.
fn whole_utf16<S: Sink>(
    path: &Path,
    name: &str,
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
    emit: &mut dyn FnMut(Piece<S::Item>),
) -> Result<(), LoadError> {
    let mut piece = Piece::default();
    let mut bytes = Vec::new();
    if let Err(w) = read_bounded(path, name, options.max_record_bytes, &mut bytes) {
        piece.warnings.push(w);
        emit(piece);
        return Ok(());
    }
    if let Some(text) = jsonl::decode_whole(name, &bytes, &mut piece.warnings) {
        for a in jsonl::parse_all(name, &text, rules, &mut piece.warnings) {
            piece.offer(Found::Article(a), sink);
        }
    }
    emit(piece);
    Ok(())
}

/// What a worker made of some lines: the piece, what the records looked
/// like, how many articles, and skipped records held back.
type LinesPart<T> = (Piece<T>, Tally, usize, Vec<Warning>);

/// How many lines a worker takes at a time.
const LINES_PER_TASK: usize = 256;

fn parse_block<S: Sink>(
    name: &str,
    block: &Block,
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
    state: &mut FileState,
) -> Piece<S::Item> {
    let ranges = &block.lines;
    // Validated once for the block, not once per line.
    let text = block.text();
    // Where in the block a line worth parsing may be, looked for once.
    let places = text.and_then(|t| sink.may_keep_places(t));
    // Whether a line is refused (`Some(false)`) or wanted for sure
    // (`Some(true)`) by the places, or must be asked.
    let placed = |range: &std::ops::Range<usize>| {
        let places = places.as_ref()?;
        let k = places.at.partition_point(|&at| at < range.start);
        match places.at.get(k).is_some_and(|&at| at < range.end) {
            false => Some(false),
            true => places.sure.then_some(true),
        }
    };
    let parts: Vec<LinesPart<S::Item>> = ranges
        .par_chunks(LINES_PER_TASK)
        .enumerate()
        .map(|(k, chunk)| {
            let first = block.first_line + k * LINES_PER_TASK;
            let mut out = (Piece::default(), Tally::default(), 0, Vec::new());
            let (_, panic) = guarded(&format!("{name}:{}", first + 1), (), || {
                for (j, range) in chunk.iter().enumerate() {
                    let line = &block.bytes[range.clone()];
                    let line_text = text.map(|t| &t[range.clone()]);
                    line_into(
                        name,
                        (first + j + 1, line_text, placed(range)),
                        line,
                        block,
                        options,
                        rules,
                        sink,
                        &mut out,
                    );
                }
            });
            out.0.warnings.extend(panic);
            out
        })
        .collect();
    let mut piece = Piece::default();
    let mut lossy_reported = false;
    for (part, tally, articles, held) in parts {
        for w in part.warnings {
            // One warning per block for bad bytes, not one per line.
            if w.kind == WarningKind::Lossy {
                if lossy_reported {
                    continue;
                }
                lossy_reported = true;
            }
            piece.warnings.push(w);
        }
        piece.entries.extend(part.entries);
        piece.unparsed += part.unparsed;
        state.tally.merge(tally);
        state.articles += articles;
        state.held.extend(held);
    }
    if state.articles > 0 {
        piece.warnings.append(&mut state.held);
    }
    piece
}

#[allow(clippy::too_many_arguments)]
fn line_into<S: Sink>(
    name: &str,
    (number, valid_text, placed): (usize, Option<&str>, Option<bool>),
    line: &[u8],
    block: &Block,
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
    (piece, tally, articles, held): &mut LinesPart<S::Item>,
) {
    if line.len() as u64 > options.max_record_bytes {
        let place = format!("{name}:{number}");
        piece.warnings.push(too_large(
            &place,
            line.len() as u64,
            options.max_record_bytes,
        ));
        return;
    }
    if line.trim_ascii().is_empty() {
        return;
    }
    // Raw bytes say nothing about a line in a legacy encoding, and a line
    // that is not even shaped as an object is parsed, to say what is wrong.
    let object = line.trim_ascii().starts_with(b"{") && line.trim_ascii().ends_with(b"}");
    let unwanted =
        valid_text.is_some_and(|t| object && !placed.unwrap_or_else(|| sink.may_keep(t)));
    if unwanted {
        match raw_id(line) {
            RawId::None => {
                piece.unparsed += 1;
                return;
            }
            RawId::Found(id) => {
                piece.entries.push(super::Entry {
                    id: id.to_string(),
                    source: format!("{name}:{number}"),
                    item: None,
                });
                return;
            }
            RawId::Unsure => {}
        }
    }
    let (text, replaced) = match valid_text {
        Some(t) => (std::borrow::Cow::Borrowed(t), None),
        None => line_text(line, block.legacy),
    };
    if let Some(at) = replaced {
        piece.warnings.push(Warning::of(
            WarningKind::Lossy,
            name,
            format!(
                "not valid {} at byte {}; invalid bytes shown as U+FFFD",
                block.legacy.map_or("UTF-8", |e| e.name()),
                block.offset
                    + (line.as_ptr() as usize - block.bytes.as_ptr() as usize) as u64
                    + at as u64
            ),
        ));
    }
    if sink.borrows_only() {
        if let Some(mut record) = QuickRecord::of(&text) {
            let source = format!("{name}:{number}");
            let keep = |id: &str, title: &str, paragraphs: &[&str]| {
                let article = ArticleRef {
                    id,
                    title,
                    paragraphs,
                };
                sink.keep(Found::Ref(article, &source))
            };
            if let Some(item) = record.with_parts(rules, keep) {
                tally.count_article();
                *articles += 1;
                piece.entries.push(super::Entry {
                    id: record.id,
                    source,
                    item,
                });
                return;
            }
        }
    }
    let mut found = Vec::new();
    let mut line_warnings = Vec::new();
    jsonl::parse_line(
        name,
        number,
        &text,
        rules,
        tally,
        &mut found,
        &mut line_warnings,
    );
    for w in line_warnings {
        if w.kind == WarningKind::Record {
            held.push(w);
        } else {
            piece.warnings.push(w);
        }
    }
    *articles += found.len();
    for a in found {
        piece.offer(Found::Article(a), sink);
    }
}
