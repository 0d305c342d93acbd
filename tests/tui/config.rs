//! `[keys]` in config.toml: rebinding per mode, unbinding, F-keys, and a
//! bad section refused by every command with its file and line.

use crate::helpers::press;
use sahifa::config::{Config, KeyBinding};
use sahifa::corpus::Corpus;
use sahifa::tui::{
    handle_key, App, Effect, Key, KeyCode, KeyMap, Mode, PaneOrder, Section, Settings,
};
use std::path::Path;

fn sahifa(config: &Path, data: &Path, args: &[&str]) -> std::process::Output {
    crate::isolated::sahifa()
        .arg("--config")
        .arg(config)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_bad_key_section_stops_every_command_naming_the_file_and_line() {
    let dir = tempfile::TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "theme = \"light\"\n\n[keys]\nx = \"quit\"\n\n[keys.bookmarks]\nz = \"explode\"\n",
    )
    .unwrap();
    for args in [
        &["list"][..],
        &["show", "000"],
        &["search", "خيرسون"],
        &["entities"],
    ] {
        let out = sahifa(&config, dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("config.toml: line 7: [keys.bookmarks]: unknown action \"explode\""),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_config_with_no_way_to_quit_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nq = \"help\"\n\"ctrl-c\" = \"help\"\n").unwrap();
    let out = sahifa(&config, dir.path(), &["list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("config.toml: line 3: [keys]: leaves no key to quit"),
        "{err}"
    );
    // With one key left for quitting, the same file is fine.
    std::fs::write(
        &config,
        "[keys]\nq = \"help\"\n\"ctrl-c\" = \"help\"\nF10 = \"quit\"\n",
    )
    .unwrap();
    let out = sahifa(&config, dir.path(), &["list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The key map a config file gives.
fn keymap(text: &str) -> KeyMap {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    KeyMap::from_config(&Config::load(&path).unwrap().keys).unwrap()
}

#[test]
fn rebound_and_unbound_keys_act_in_the_reader_and_its_hints() {
    let corpus = Corpus::bundled();
    let mut settings = Settings::for_order(PaneOrder::Rtl);
    settings.keymap = keymap(
        "[keys]\nq = \"none\"\nx = \"quit\"\nF1 = \"help\"\n\"?\" = \"none\"\n\
         [keys.bookmarks]\nx = \"delete\"\n[keys.help]\nF1 = \"close\"\n",
    );
    let mut a = App::new(&corpus, settings, 120, 40);
    assert!(press(&mut a, "q?").is_empty());
    assert_eq!(a.mode, Mode::Normal, "q and ? do nothing now");
    handle_key(&mut a, Key::plain(KeyCode::F(1)));
    assert!(matches!(a.mode, Mode::Help { .. }));
    let status = crate::helpers::status(&a);
    assert!(status.contains("F1 close"), "{status}");
    handle_key(&mut a, Key::plain(KeyCode::F(1)));
    assert_eq!(a.mode, Mode::Normal);
    let status = crate::helpers::status(&a);
    assert!(status.trim_end().ends_with("F1 help · x quit"), "{status}");
    // In the bookmarks pane x deletes (asks first); it quits elsewhere.
    press(&mut a, "B");
    press(&mut a, "x");
    assert_eq!(a.mode, Mode::Bookmarks, "no bookmark to delete");
    press(&mut a, "B");
    assert_eq!(press(&mut a, "x"), vec![Effect::SaveSession]);
    assert!(a.quit);
}

#[test]
fn help_lists_every_section_from_the_map() {
    let map = keymap("[keys.input]\n\"ctrl-h\" = \"delete_back\"\n");
    for section in Section::ALL {
        assert!(!map.help_rows(section).is_empty(), "{section:?}");
    }
    let input = map.help_rows(Section::Input);
    assert!(input
        .iter()
        .any(|(k, d)| k == "Ctrl-h Backspace" && d.starts_with("erase the letter")));
    assert_eq!(
        KeyMap::from_config(&[KeyBinding::new(Some("input"), "ctrl-h", "quitt", 2)])
            .unwrap_err()
            .line,
        Some(2)
    );
}
