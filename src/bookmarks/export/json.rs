//! The JSON export: everything, machine-readable, and readable back with
//! [`parse_json`].

use super::super::file::SCHEMA;
use super::super::model::Bookmark;
use serde::{Deserialize, Serialize};

/// The exported document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDoc {
    /// The bookmarks schema the entries follow.
    pub schema: u64,
    /// When the export was made, RFC 3339 UTC.
    pub exported: String,
    pub bookmarks: Vec<ExportEntry>,
}

/// One bookmark plus whether its passage is still in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEntry {
    #[serde(flatten)]
    pub bookmark: Bookmark,
    pub orphaned: bool,
}

/// The export document for `bookmarks`, made at `exported`.
pub fn document(bookmarks: &[Bookmark], exported: &str) -> ExportDoc {
    ExportDoc {
        schema: SCHEMA,
        exported: exported.to_string(),
        bookmarks: bookmarks
            .iter()
            .map(|b| ExportEntry {
                bookmark: b.clone(),
                orphaned: b.orphaned,
            })
            .collect(),
    }
}

pub(super) fn render(bookmarks: &[Bookmark], exported: &str) -> String {
    let doc = document(bookmarks, exported);
    // Serialising plain strings and numbers into memory cannot fail.
    let mut text = crate::safe_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a JSON export back: the bookmarks, with `orphaned` restored.
pub fn parse_json(text: &str) -> Result<Vec<Bookmark>, serde_json::Error> {
    let doc: ExportDoc = serde_json::from_str(text)?;
    Ok(doc
        .bookmarks
        .into_iter()
        .map(|e| Bookmark {
            orphaned: e.orphaned,
            ..e.bookmark
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn json_round_trips_everything() {
        let bookmarks = fixtures::bookmarks();
        let text = render(&bookmarks, "2026-11-23T02:00:00Z");
        assert_eq!(parse_json(&text).unwrap(), bookmarks);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["schema"], 1);
        assert_eq!(
            doc["bookmarks"][0]["text"][1],
            "وأضاف: «الوضع مستقر» حتى الآن."
        );
        assert_eq!(doc["bookmarks"][2]["orphaned"], true);
    }
}
