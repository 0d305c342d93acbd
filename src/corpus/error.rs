//! What can go wrong while loading a corpus, in words for the user.

use std::fmt;
use std::path::PathBuf;

/// A failure that stops loading altogether.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    #[error("{}: not a regular file or directory ({kind}); sahifa reads only files and directories", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("loading was interrupted")]
    Cancelled,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The kinds of problem a load reports, so that many of one kind can be
/// told in one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// A file or directory that could not be read.
    Unreadable,
    /// A FIFO, socket or device in a directory.
    NotRegular,
    /// A file or JSONL line larger than the limit.
    TooLarge,
    /// A file with NUL bytes.
    Binary,
    /// Bytes not valid in the file's encoding, replaced by U+FFFD.
    Lossy,
    /// No charset declared and not UTF-8: the encoding was guessed.
    Guessed,
    /// A file or page with no article text.
    Empty,
    /// A JSON file or JSONL line that is not valid JSON.
    Malformed,
    /// A JSON record that is not an article (says why).
    Record,
    /// A file that gave no article at all, and why.
    NoArticles,
    /// A date in a form sahifa does not know, kept as an extra field.
    Date,
    /// A field of the wrong type, ignored or kept as an extra field.
    Field,
    /// An id seen before, renamed.
    DuplicateId,
    /// Anything else.
    Other,
}

impl WarningKind {
    /// What a warning of this kind is, for a line that counts them.
    pub fn summary(self) -> &'static str {
        match self {
            WarningKind::Unreadable => "cannot be read",
            WarningKind::NotRegular => "not regular files (FIFO, socket or device), skipped",
            WarningKind::TooLarge => "larger than the size limit, skipped",
            WarningKind::Binary => "binary files, skipped",
            WarningKind::Lossy => "not valid in their encoding (bytes shown as U+FFFD)",
            WarningKind::Guessed => "no charset declared, encoding guessed",
            WarningKind::Empty => "no article text, skipped",
            WarningKind::Malformed => "malformed JSON, skipped",
            WarningKind::Record => "records skipped",
            WarningKind::NoArticles => "files with no article",
            WarningKind::Date => "dates not understood, kept as extra fields",
            WarningKind::Field => "fields of an unexpected type",
            WarningKind::DuplicateId => "duplicate ids, renamed",
            WarningKind::Other => "other problems",
        }
    }
}

/// A problem with part of the corpus that was skipped or repaired; loading
/// goes on. `place` names the file, and the line or record where it helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub place: String,
    pub message: String,
}

impl Warning {
    /// A warning of kind [`WarningKind::Other`].
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Warning::of(WarningKind::Other, place, message)
    }

    pub fn of(kind: WarningKind, place: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            kind,
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// The warnings of one kind: how many, and the first few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningGroup<'a> {
    pub kind: WarningKind,
    pub count: usize,
    pub first: Vec<&'a Warning>,
}

/// How many warnings of a kind a group line names.
pub const GROUP_SHOWS: usize = 3;

/// The warnings grouped by kind, in the order each kind first appears.
pub fn group(warnings: &[Warning]) -> Vec<WarningGroup<'_>> {
    let mut groups: Vec<WarningGroup> = Vec::new();
    for w in warnings {
        match groups.iter_mut().find(|g| g.kind == w.kind) {
            Some(g) => {
                g.count += 1;
                if g.first.len() < GROUP_SHOWS {
                    g.first.push(w);
                }
            }
            None => groups.push(WarningGroup {
                kind: w.kind,
                count: 1,
                first: vec![w],
            }),
        }
    }
    groups
}

impl fmt::Display for WarningGroup<'_> {
    /// One warning as itself; more as `N × summary: place (message), …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.first.as_slice() {
            if self.count == 1 {
                return write!(f, "{only}");
            }
        }
        write!(f, "{} × {}: ", self.count, self.kind.summary())?;
        for (i, w) in self.first.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{w}")?;
        }
        if self.count > self.first.len() {
            write!(
                f,
                "; and {} more (--verbose lists every one)",
                self.count - self.first.len()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_count_and_show_the_first_three_in_order() {
        let mut warnings: Vec<Warning> = (1..=5)
            .map(|i| Warning::of(WarningKind::Date, format!("f.jsonl:{i}"), "bad date"))
            .collect();
        warnings.insert(2, Warning::of(WarningKind::Binary, "x.txt", "binary"));
        let groups = group(&warnings);
        assert_eq!(groups.len(), 2);
        assert_eq!((groups[0].kind, groups[0].count), (WarningKind::Date, 5));
        assert_eq!(groups[1].to_string(), "x.txt: binary");
        let line = groups[0].to_string();
        assert!(line.starts_with("5 × dates not understood"), "{line}");
        assert!(line.contains("f.jsonl:3: bad date; and 2 more"), "{line}");
        assert!(!line.contains("f.jsonl:4"), "{line}");
    }
}
