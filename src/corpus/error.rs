//! What can go wrong while loading a corpus, in words for the user.

use std::fmt;
use std::path::PathBuf;

/// A failure that stops loading altogether.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    #[error("loading was interrupted")]
    Cancelled,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A problem with part of the corpus that was skipped or repaired; loading
/// goes on. `place` names the file, and the line or record where it helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub place: String,
    pub message: String,
}

impl Warning {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
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
