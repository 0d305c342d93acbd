//! The reader's modules depend on each other one way only, and the core
//! never touches the terminal: read from the sources themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module of `src/tui` a file belongs to (`state` for
/// `src/tui/state/list.rs`), `None` for `src/tui/mod.rs` itself.
fn module_of(tui: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(tui).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("mod") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first),
    }
}

/// The code of `text` without comments and the tests at its end.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which top-level tui modules each one uses (`crate::tui::X`, or
/// `super::X` / `super::super::X` reaching the tui root).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tui = root.join("src/tui");
    let mut modules = BTreeSet::new();
    for file in sources(&tui) {
        modules.extend(module_of(&tui, &file));
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources(&tui) {
        let Some(from) = module_of(&tui, &file) else {
            continue;
        };
        let depth = file.strip_prefix(&tui).unwrap().components().count();
        // `super::` from a file directly in src/tui reaches the root; from
        // src/tui/x/mod.rs it reaches x's parent too.
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        let ups = depth - usize::from(is_mod_rs);
        let root_prefix = "super::".repeat(ups);
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let mut uses = BTreeSet::new();
        for prefix in ["crate::tui::".to_string(), root_prefix] {
            for (at, _) in text.match_indices(&prefix) {
                // `super::super::` read as `super::` is a deeper path, not the root.
                if text[..at].ends_with("super::") {
                    continue;
                }
                let rest = &text[at + prefix.len()..];
                let ident = |s: &str| -> String {
                    s.trim_start()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                };
                match rest.strip_prefix('{') {
                    // `super::{a, b::c}`: each first segment.
                    Some(list) => {
                        let list = &list[..list.find('}').unwrap_or(list.len())];
                        uses.extend(list.split(',').map(ident).filter(|n| !n.is_empty()));
                    }
                    None => {
                        uses.insert(ident(rest));
                    }
                }
            }
        }
        for name in uses {
            assert!(
                modules.contains(&name),
                "{}: uses `{name}` through the tui root; name the module that owns it",
                file.display()
            );
            if name != from {
                graph.entry(from.clone()).or_default().insert(name);
            }
        }
    }
    graph
}

#[test]
fn tui_modules_depend_on_each_other_one_way() {
    let graph = graph();
    // Depth-first search for a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|n| n == node) {
            panic!("a circle: {} → {node}", path[at..].join(" → "));
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    // The layers the design names, spot-checked: views and updates never
    // reach the loop, state never reaches updates or views.
    for (lower, higher) in [
        ("view", "runtime"),
        ("view", "update"),
        ("update", "runtime"),
        ("update", "view"),
        ("state", "update"),
        ("state", "view"),
        ("keymap", "state"),
        ("mode", "state"),
    ] {
        assert!(
            !graph.get(lower).is_some_and(|d| d.contains(higher)),
            "{lower} uses {higher}"
        );
    }
}

#[test]
fn only_the_key_map_and_the_loop_know_crossterm_and_the_core_knows_no_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tui = root.join("src/tui");
    for file in sources(&root.join("src")) {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        let in_tui = file.starts_with(&tui);
        if !in_tui && !rel.starts_with("src/cli") && !rel.ends_with("main.rs") {
            assert!(!text.contains("ratatui"), "{rel} uses ratatui");
            assert!(!text.contains("crossterm"), "{rel} uses crossterm");
        }
        if in_tui && text.contains("crossterm") {
            let module = module_of(&tui, &file);
            assert!(
                matches!(module.as_deref(), Some("keymap" | "runtime" | "terminal")),
                "{rel} uses crossterm"
            );
        }
    }
}
