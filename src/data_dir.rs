//! Where sahifa keeps its files, and writing them without ever leaving a
//! half-written one behind.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SAHIFA_DATA_DIR";

/// The data directory: `explicit` (from `--data-dir`), else
/// `$SAHIFA_DATA_DIR`, else the platform's data dir for sahifa
/// (e.g. `~/.local/share/sahifa`). `None` when no home directory is known.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "sahifa").map(|d| d.data_dir().to_path_buf())
}

/// The config directory (e.g. `~/.config/sahifa`).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sahifa").map(|d| d.config_dir().to_path_buf())
}

/// Test-only crash point: when this variable is `after-temp-write`,
/// [`write_atomic`] exits the process (status 86) right after the temporary
/// file is written and flushed, before the rename — what a kill or power
/// cut at the worst moment looks like. Used by `tests/bookmarks_store.rs`.
pub const CRASH_POINT_ENV: &str = "SAHIFA_CRASH_POINT";

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, flushed to disk, then renamed over the target. A crash at any
/// point leaves either the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if std::env::var_os(CRASH_POINT_ENV).is_some_and(|v| v == "after-temp-write") {
            std::process::exit(86);
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("sub/state.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn explicit_dir_wins() {
        assert_eq!(data_dir(Some(Path::new("/x"))), Some(PathBuf::from("/x")));
    }
}
