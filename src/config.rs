//! The config file (`<config dir>/sahifa/config.toml`): defaults for the
//! reader that command-line flags override. Unknown settings are errors, so a
//! typo is reported instead of silently ignored.

mod keys;

pub use keys::KeyBinding;

use crate::text::{detect_shaping, detect_terminal_bidi, BidiMode};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Who reorders right-to-left text for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BidiChoice {
    /// `terminal` in terminals known to do bidi themselves (Konsole, mlterm), else `app`.
    Auto,
    /// sahifa reorders lines into visual order.
    App,
    /// Lines stay in logical order; the terminal reorders them.
    Terminal,
}

/// Whether to join Arabic letters with presentation forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ShapeChoice {
    /// On, except in terminals known to shape by themselves.
    Auto,
    On,
    Off,
}

/// Pane arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LayoutChoice {
    /// Right-to-left when most titles are right-to-left.
    Auto,
    Ltr,
    Rtl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    Dark,
    Light,
}

/// The settings a config file may hold; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<ThemeChoice>,
    pub layout: Option<LayoutChoice>,
    pub bidi: Option<BidiChoice>,
    pub shape: Option<ShapeChoice>,
    pub mouse: Option<bool>,
    /// Minutes between fetches of every feed while the reader runs (off
    /// when absent or 0).
    pub reload_minutes: Option<u32>,
    /// `[keys]` and `[keys.SECTION]` entries, in file order, on top of the
    /// bundled key map (checked by `tui::KeyMap::from_config`).
    #[serde(default, deserialize_with = "keys::deserialize")]
    pub keys: Vec<KeyBinding>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
}

impl Config {
    /// The default location, `<config dir>/sahifa/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        crate::data_dir::config_dir().map(|d| d.join("config.toml"))
    }

    /// Reads `path`; a file that does not exist is an empty config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        keys::number_lines(&mut config.keys, &text);
        Ok(config)
    }
}

impl Config {
    /// How often the reader fetches every feed by itself, if at all.
    pub fn reload_every(&self) -> Option<std::time::Duration> {
        self.reload_minutes
            .filter(|&m| m > 0)
            .map(|m| std::time::Duration::from_secs(u64::from(m) * 60))
    }
}

/// Resolves `auto` for bidi and shaping from the environment (`env` looks a
/// variable up, so tests can pass their own).
pub fn resolve_display(
    bidi: BidiChoice,
    shape: ShapeChoice,
    env: impl Fn(&str) -> Option<String> + Copy,
) -> (BidiMode, bool) {
    let mode = match bidi {
        BidiChoice::Auto => detect_terminal_bidi(env),
        BidiChoice::App => BidiMode::App,
        BidiChoice::Terminal => BidiMode::Terminal,
    };
    let shape = match shape {
        ShapeChoice::Auto => detect_shaping(env),
        ShapeChoice::On => true,
        ShapeChoice::Off => false,
    };
    (mode, shape)
}

/// True when more than half of `titles` are right-to-left paragraphs (by
/// their first strong character).
pub fn mostly_rtl<'a>(titles: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut rtl, mut all) = (0usize, 0usize);
    for t in titles {
        all += 1;
        if unicode_bidi::get_base_direction(t) == unicode_bidi::Direction::Rtl {
            rtl += 1;
        }
    }
    rtl * 2 > all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_minutes_is_off_unless_set_to_a_whole_number_of_minutes() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        let load = |text: &str| {
            std::fs::write(&path, text).unwrap();
            Config::load(&path)
        };
        assert_eq!(load("").unwrap().reload_every(), None);
        assert_eq!(load("reload_minutes = 0").unwrap().reload_every(), None);
        let every = load("reload_minutes = 15").unwrap().reload_every();
        assert_eq!(every, Some(std::time::Duration::from_secs(900)));
        for bad in ["reload_minutes = -5", "reload_minutes = \"often\""] {
            let e = load(bad).unwrap_err().to_string();
            assert!(e.contains("reload_minutes"), "{e}");
        }
    }

    #[test]
    fn a_typo_is_an_error_with_the_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = \"dark\"\ncolour = \"red\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("colour") && err.contains("line 2"),
            "{err}"
        );
        std::fs::write(
            &path,
            "theme = \"light\"\nshape = \"off\"\n[keys]\nx = \"quit\"\n",
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(
            (c.theme, c.shape),
            (Some(ThemeChoice::Light), Some(ShapeChoice::Off))
        );
        assert_eq!(c.keys, [KeyBinding::new(None, "x", "quit", 4)]);
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn key_sections_keep_their_lines() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        let text = "theme = \"dark\"\n[keys]\n\"x\" = \"quit\"\nF2 = \"help\"\n\n\
                    [keys.bookmarks]\n# delete with x\nx = \"delete\"\n\"ق\" = \"none\"\n";
        std::fs::write(&path, text).unwrap();
        let keys = Config::load(&path).unwrap().keys;
        assert_eq!(
            keys,
            [
                KeyBinding::new(None, "x", "quit", 3),
                KeyBinding::new(None, "F2", "help", 4),
                KeyBinding::new(Some("bookmarks"), "x", "delete", 8),
                KeyBinding::new(Some("bookmarks"), "ق", "none", 9),
            ]
        );
        // A value that is neither an action nor a table is a parse error
        // with its line.
        std::fs::write(&path, "[keys]\nx = 3\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn auto_display_follows_the_terminal() {
        let konsole = |k: &str| (k == "KONSOLE_VERSION").then(|| "230800".to_string());
        let plain = |_: &str| None;
        assert_eq!(
            resolve_display(BidiChoice::Auto, ShapeChoice::Auto, konsole),
            (BidiMode::Terminal, false)
        );
        assert_eq!(
            resolve_display(BidiChoice::Auto, ShapeChoice::Auto, plain),
            (BidiMode::App, true)
        );
        assert_eq!(
            resolve_display(BidiChoice::App, ShapeChoice::Off, konsole),
            (BidiMode::App, false)
        );
    }

    #[test]
    fn majority_of_titles_decides_the_layout() {
        assert!(mostly_rtl(["خبر", "news", "خبر آخر"]));
        assert!(!mostly_rtl(["خبر", "news"]));
    }
}
