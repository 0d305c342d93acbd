//! What the reader remembers between runs: the last article and where it was
//! scrolled to (`state.json` in the data directory).

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
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Session::load(dir.path()), s);
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Session::load(dir.path()), Session::default());
    }
}
