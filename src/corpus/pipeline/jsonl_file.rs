//! A JSONL file in the pipeline: read block by block (never whole), each
//! block's lines parsed on all cores and handed on. A line the sink cannot
//! use is not parsed; a line over the limit is skipped with its number.

use super::{guarded, Found, LoadOptions, Piece, Sink};
use crate::corpus::blocks::{is_utf16, Block, BlockReader, LegacyGuess};
use crate::corpus::clean::Rules;
use crate::corpus::error::{LoadError, Warning, WarningKind};
use crate::corpus::files::{format_of, read_bounded, too_large, Format};
use crate::corpus::jsonl::{self, line_text, raw_id, RawId};
use crate::corpus::parse::Tally;
use crate::corpus::quick::QuickRecord;
use crate::corpus::stream::ArticleRef;
use crate::corpus::Progress;
use encoding_rs::Encoding;
use rayon::prelude::*;
use std::ops::Range;
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
    /// Whether the sink kept most lines of the last block: the lines of
    /// the next are then read before they are looked at raw.
    dense: bool,
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
    let mut legacy = LegacyGuess::new(&name);
    let mut first = true;
    let mut any_line = false;
    let mut counted = 0;
    // A block read but not yet handed on: it is handed on (and its memory
    // given back) by this thread while the workers read the next one.
    let mut ready: Option<(Block, Piece<S::Item>)> = None;
    let mut hand_on = |ready: &mut Option<(Block, Piece<S::Item>)>| {
        if let Some((block, piece)) = ready.take() {
            block.release();
            emit(piece);
        }
    };
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
        let mut before = std::mem::take(&mut warnings);
        let mut parsed = None;
        rayon::in_place_scope(|s| {
            s.spawn(|_| {
                let mut legacy = |b: &Block| legacy.of(b, &mut before);
                let state = &mut state;
                parsed = Some(parse_block(
                    &name,
                    &block,
                    options,
                    rules,
                    sink,
                    state,
                    &mut legacy,
                ));
            });
            hand_on(&mut ready);
        });
        let mut piece = parsed.unwrap_or_default();
        before.append(&mut piece.warnings);
        piece.warnings = before;
        ready = Some((block, piece));
    }
    hand_on(&mut ready);
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

/// About how many bytes of whole lines a worker takes at a time: few
/// enough that they are checked as UTF-8, looked through for the lines
/// worth parsing and parsed while they stay in the core's cache.
const GROUP_BYTES: usize = 256 << 10;

/// The block's lines in groups of about [`GROUP_BYTES`] (ranges of line
/// indices), each with at least one line.
fn groups(lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(lines.len() / 16 + 1);
    let mut start = 0;
    for (k, line) in lines.iter().enumerate() {
        if line.end - lines[start].start >= GROUP_BYTES || k + 1 == lines.len() {
            out.push(start..k + 1);
            start = k + 1;
        }
    }
    out
}

/// A group of a block's lines, by index, with where its text lies.
struct Group<'b> {
    block: &'b Block,
    lines: Range<usize>,
    span: Range<usize>,
    /// Whether most lines are expected to be wanted (see [`Look::Later`]).
    dense: bool,
}

impl Group<'_> {
    fn new(block: &Block, lines: Range<usize>, dense: bool) -> Group<'_> {
        let span = block.lines[lines.start].start..block.lines[lines.end - 1].end;
        Group {
            block,
            lines,
            span,
            dense,
        }
    }

    /// The group's text, when it is all UTF-8.
    fn text(&self) -> Option<&str> {
        simdutf8::basic::from_utf8(&self.block.bytes[self.span.clone()]).ok()
    }
}

fn parse_block<S: Sink>(
    name: &str,
    block: &Block,
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
    state: &mut FileState,
    legacy: &mut dyn FnMut(&Block) -> Option<&'static Encoding>,
) -> Piece<S::Item> {
    let groups: Vec<Group> = groups(&block.lines)
        .into_iter()
        .map(|g| Group::new(block, g, state.dense))
        .collect();
    let read = |group: &Group, text: Option<&str>, legacy| {
        parse_group(name, group, text, legacy, options, rules, sink)
    };
    // Groups of UTF-8 lines first, each checked while it is read; the rest
    // once the file's legacy encoding is known.
    let mut parts: Vec<Option<LinesPart<S::Item>>> = groups
        .par_iter()
        .map(|g| g.text().map(|text| read(g, Some(text), None)))
        .collect();
    if parts.iter().any(Option::is_none) {
        let legacy = legacy(block);
        let left: Vec<&Group> = (groups.iter().zip(&parts))
            .filter(|(_, part)| part.is_none())
            .map(|(g, _)| g)
            .collect();
        let rest: Vec<LinesPart<S::Item>> =
            left.par_iter().map(|g| read(g, None, legacy)).collect();
        let mut rest = rest.into_iter();
        for part in parts.iter_mut().filter(|p| p.is_none()) {
            *part = rest.next();
        }
    }
    let mut piece = Piece::default();
    let mut lossy_reported = false;
    let mut kept = 0;
    for (part, tally, articles, held) in parts.into_iter().flatten() {
        kept += part.entries.iter().filter(|e| e.item.is_some()).count();
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
    // The next block is read as this one turned out.
    state.dense = kept * 2 > block.lines.len();
    piece
}

/// Reads a group's lines; `text` is the group's text when it is UTF-8
/// (its lines are then looked at raw before any is parsed).
fn parse_group<S: Sink>(
    name: &str,
    group: &Group,
    text: Option<&str>,
    legacy: Option<&'static Encoding>,
    options: &LoadOptions,
    rules: &Rules,
    sink: &S,
) -> LinesPart<S::Item> {
    let (block, base, dense) = (group.block, group.span.start, group.dense);
    // Where in the group a line worth parsing may be, looked for once
    // (unless most lines are wanted).
    let places = text
        .filter(|_| !dense)
        .and_then(|t| sink.may_keep_places(t));
    let look = |range: &Range<usize>| {
        let Some(places) = &places else {
            return if dense { Look::Later } else { Look::Ask };
        };
        let k = places.at.partition_point(|&at| at < range.start - base);
        match places.at.get(k).is_some_and(|&at| at < range.end - base) {
            false => Look::Refused,
            true if places.sure => Look::Wanted,
            true => Look::Ask,
        }
    };
    let first = block.first_line + group.lines.start;
    let mut out = (Piece::default(), Tally::default(), 0, Vec::new());
    let (_, panic) = guarded(&format!("{name}:{}", first + 1), (), || {
        for (j, range) in block.lines[group.lines.clone()].iter().enumerate() {
            let line = &block.bytes[range.clone()];
            let line_text = text.map(|t| &t[range.start - base..range.end - base]);
            line_into(
                name,
                (first + j + 1, line_text, look(range)),
                line,
                (block, legacy),
                options,
                rules,
                sink,
                &mut out,
            );
        }
    });
    out.0.warnings.extend(panic);
    out
}

#[allow(clippy::too_many_arguments)]
fn line_into<S: Sink>(
    name: &str,
    (number, valid_text, look): (usize, Option<&str>, Look),
    line: &[u8],
    (block, legacy): (&Block, Option<&'static Encoding>),
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
    let refused = || valid_text.is_some_and(|t| object && !sink.may_keep(t));
    let unwanted = match look {
        Look::Refused => valid_text.is_some() && object,
        Look::Wanted | Look::Later => false,
        Look::Ask => refused(),
    };
    let passed_over = |piece: &mut Piece<S::Item>| {
        if !sink.wants_ids() {
            piece.unparsed += 1;
            return true;
        }
        by_raw_id(line, (name, number), piece)
    };
    if unwanted && passed_over(piece) {
        return;
    }
    let (text, replaced) = match valid_text {
        Some(t) => (std::borrow::Cow::Borrowed(t), None),
        None => line_text(line, legacy),
    };
    if let Some(at) = replaced {
        piece.warnings.push(Warning::of(
            WarningKind::Lossy,
            name,
            format!(
                "not valid {} at byte {}; invalid bytes shown as U+FFFD",
                legacy.map_or("UTF-8", |e| e.name()),
                block.offset
                    + (line.as_ptr() as usize - block.bytes.as_ptr() as usize) as u64
                    + at as u64
            ),
        ));
    }
    if sink.borrows_only() {
        if let Some(mut record) = QuickRecord::of(&text) {
            let source = line_place(name, number);
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
    if look == Look::Later && refused() && passed_over(piece) {
        return;
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

/// How a line is looked at before it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// The raw look found nothing it wants in it.
    Refused,
    /// The raw look wants it, sure: it is parsed.
    Wanted,
    /// The raw look is asked about the line alone.
    Ask,
    /// Read in place first (most lines are wanted, so a raw look at each
    /// would cost more than it spares); the raw look is asked only about a
    /// line that cannot be read so, before it is parsed the full way.
    Later,
}

/// A line not worth parsing, known by its raw id when it has one (else
/// counted): `false` when its id cannot be told without parsing it.
fn by_raw_id<T>(line: &[u8], (name, number): (&str, usize), piece: &mut Piece<T>) -> bool {
    match raw_id(line) {
        RawId::None => piece.unparsed += 1,
        RawId::Found(id) => piece.entries.push(super::Entry {
            id: id.to_string(),
            source: line_place(name, number),
            item: None,
        }),
        RawId::Unsure => return false,
    }
    true
}

/// `name:number`, the place of a line, as cheaply as it can be written: a
/// search writes one for every line of a big file (`format!` was a twentieth
/// of a rare word's search).
fn line_place(name: &str, number: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = number;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut place = String::with_capacity(name.len() + 1 + digits.len() - at);
    place.push_str(name);
    place.push(':');
    place.extend(digits[at..].iter().map(|&d| char::from(d)));
    place
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_place_is_written_as_format_writes_it() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(super::line_place("a/ب.jsonl", n), format!("a/ب.jsonl:{n}"));
        }
    }
}
