use super::*;

fn bind(section: Option<&str>, key: &str, action: &str, line: usize) -> KeyBinding {
    KeyBinding::new(section, key, action, line)
}

#[test]
fn every_section_of_the_asset_loads_and_has_its_way_out() {
    let map = KeyMap::bundled();
    for section in Section::ALL {
        let exits = section.exits();
        assert!(
            exits.is_empty() || exits.iter().any(|&a| !map.keys_for(section, a).is_empty()),
            "{section:?}"
        );
        for (_, a) in map.sections.get(&section).map_or(&Vec::new(), |b| &b.order) {
            assert!(section.accepts(*a), "{section:?} binds {a:?}");
        }
    }
    assert_eq!(
        map.action(Section::Normal, Key::ctrl('d')),
        Some(Action::HalfPageDown)
    );
    assert_eq!(map.action(Section::Help, Key::ch('q')), Some(Action::Close));
    // The filter prompt: its own keys, then every prompt's.
    assert_eq!(
        map.action(Section::Filter, Key::plain(KeyCode::Down)),
        Some(Action::MoveDown)
    );
    assert_eq!(
        map.action(Section::Filter, Key::ctrl('w')),
        Some(Action::DeleteWord)
    );
    assert_eq!(map.action(Section::Filter, Key::ch('j')), None, "typed");
}

#[test]
fn every_normal_action_has_a_key_and_help_lists_it() {
    let map = KeyMap::bundled();
    let help = map.help_rows(Section::Normal);
    let normal = Action::ALL
        .iter()
        .filter(|a| Section::Normal.accepts(**a))
        .count();
    assert_eq!(help.len(), normal);
    assert!(help
        .iter()
        .any(|(k, d)| k == "j ↓" && d.starts_with("move down")));
    assert_eq!(
        map.key_name(Section::Normal, Action::Help).as_deref(),
        Some("?")
    );
}

#[test]
fn config_rebinds_per_section_unbinds_and_binds_f_keys() {
    let map = KeyMap::from_config(&[
        bind(None, "x", "quit", 2),
        bind(None, "F1", "help", 3),
        bind(None, "?", "none", 4),
        bind(Some("bookmarks"), "x", "delete", 6),
        bind(Some("input"), "ctrl-h", "delete_back", 8),
        bind(Some("filter"), "ctrl-w", "none", 10),
    ])
    .unwrap();
    assert_eq!(
        map.action(Section::Normal, Key::ch('x')),
        Some(Action::Quit)
    );
    assert_eq!(
        map.action(Section::Normal, Key::plain(KeyCode::F(1))),
        Some(Action::Help)
    );
    assert_eq!(map.action(Section::Normal, Key::ch('?')), None);
    assert_eq!(
        map.key_name(Section::Normal, Action::Help).as_deref(),
        Some("F1")
    );
    assert_eq!(
        map.action(Section::Bookmarks, Key::ch('x')),
        Some(Action::Delete)
    );
    assert_eq!(
        map.action(Section::Find, Key::ctrl('h')),
        Some(Action::DeleteBack),
        "[keys.input] reaches every prompt"
    );
    // Unbinding in [keys.filter] hides the input binding there only.
    assert_eq!(map.action(Section::Filter, Key::ctrl('w')), None);
    assert!(!map
        .keys_for(Section::Filter, Action::DeleteWord)
        .contains(&Key::ctrl('w')));
    assert_eq!(
        map.action(Section::Find, Key::ctrl('w')),
        Some(Action::DeleteWord)
    );
}

#[test]
fn bad_entries_are_refused_with_their_line() {
    let err = |b: KeyBinding| KeyMap::from_config(&[b]).unwrap_err();
    let e = err(bind(None, "y", "explode", 7));
    assert_eq!(e.line, Some(7));
    assert_eq!(
        e.to_string(),
        "line 7: [keys]: unknown action \"explode\" for key \"y\""
    );
    let e = err(bind(None, "hyper-x", "quit", 3));
    assert_eq!(e.to_string(), "line 3: [keys]: unknown key \"hyper-x\"");
    let e = err(bind(Some("mgr"), "x", "quit", 5));
    assert!(
        e.message.starts_with("[keys.mgr]: unknown section") && e.message.contains("bookmarks"),
        "{e}"
    );
    let e = err(bind(None, "x", "delete", 9));
    assert_eq!(
        e.message,
        "[keys]: \"delete\" (for key \"x\") is not an action of this section; it belongs in [keys.bookmarks]"
    );
}

#[test]
fn a_map_with_no_way_to_quit_is_refused_naming_the_line() {
    let e = KeyMap::from_config(&[
        bind(None, "w", "help", 2),
        bind(None, "q", "help", 3),
        bind(None, "ctrl-c", "help", 4),
    ])
    .unwrap_err();
    assert_eq!(e.line, Some(4), "the last entry that took quit away");
    assert!(
        e.message.starts_with("[keys]: leaves no key to quit"),
        "{e}"
    );
    // Another key for quit makes it fine.
    assert!(KeyMap::from_config(&[
        bind(None, "q", "help", 3),
        bind(None, "ctrl-c", "none", 4),
        bind(None, "F10", "quit", 5),
    ])
    .is_ok());
    // Every prompt losing Enter, Esc and Ctrl-C would trap the user too.
    let e = KeyMap::from_config(&[
        bind(Some("input"), "enter", "none", 2),
        bind(Some("input"), "esc", "none", 3),
        bind(Some("input"), "ctrl-c", "none", 4),
    ])
    .unwrap_err();
    assert!(
        e.message
            .starts_with("[keys.input]: leaves no key to submit or cancel or quit"),
        "{e}"
    );
    assert_eq!(e.line, Some(4));
}
