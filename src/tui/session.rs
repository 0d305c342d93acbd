//! What the reader remembers between runs: the last article and where it was
//! scrolled to, and which articles were read (`state.json` in the data
//! directory; the library will keep read marks itself).

use crate::data_dir::write_atomic;
use serde::{Deserialize, Serialize};
use std::path::Path;

const FILE: &str = "state.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Id of the article open at exit.
    pub article: Option<String>,
    /// First row of the article pane at exit.
    #[serde(default)]
    pub scroll: usize,
    /// Ids of the articles read, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<String>,
}

impl Session {
    /// The saved session, or an empty one when there is none or it cannot
    /// be read (a lost reading position is not worth refusing to start).
    pub fn load(dir: &Path) -> Session {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Records that article `id` was read (or not) in the saved session,
    /// leaving the rest of it as it is on disk.
    pub fn save_read_mark(dir: &Path, id: &str, read: bool) -> std::io::Result<()> {
        let mut saved = Session::load(dir);
        match (saved.read.binary_search_by(|r| r.as_str().cmp(id)), read) {
            (Err(at), true) => saved.read.insert(at, id.to_string()),
            (Ok(at), false) => {
                saved.read.remove(at);
            }
            _ => return Ok(()),
        }
        saved.save(dir)
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomic(&dir.join(FILE), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corrupt_file() {
        let dir = tempfile::TempDir::new().unwrap();
        assert_eq!(Session::load(dir.path()), Session::default());
        let s = Session {
            article: Some("003".into()),
            scroll: 12,
            read: vec!["001".into()],
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Session::load(dir.path()), s);
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Session::load(dir.path()), Session::default());
    }

    #[test]
    fn read_marks_are_added_and_removed_in_place() {
        let dir = tempfile::TempDir::new().unwrap();
        // A file from before read marks existed.
        std::fs::write(dir.path().join(FILE), r#"{"article":"003","scroll":4}"#).unwrap();
        Session::save_read_mark(dir.path(), "b", true).unwrap();
        Session::save_read_mark(dir.path(), "a", true).unwrap();
        Session::save_read_mark(dir.path(), "a", true).unwrap();
        let s = Session::load(dir.path());
        assert_eq!((s.article.as_deref(), s.scroll), (Some("003"), 4));
        assert_eq!(s.read, ["a", "b"]);
        Session::save_read_mark(dir.path(), "b", false).unwrap();
        assert_eq!(Session::load(dir.path()).read, ["a"]);
    }
}
