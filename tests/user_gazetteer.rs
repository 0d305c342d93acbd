//! The user gazetteer (`t` in the reader) is shared by every running
//! instance: writes are locked, merged and atomic.

#[test]
fn tagging_from_several_instances_at_once_loses_nothing() {
    use sahifa::entities::{append_user_entry, Entry, Kind};
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("entities.json");
    std::thread::scope(|s| {
        for n in 0..8 {
            let path = &path;
            s.spawn(move || {
                let entry = Entry {
                    canonical: format!("اسم{n}"),
                    kind: Kind::Person,
                    aliases: Vec::new(),
                };
                append_user_entry(path, entry).unwrap();
            });
        }
    });
    let saved: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved.len(), 8);
}
