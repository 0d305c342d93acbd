//! sahifa — a terminal reader for Arabic news.
//!
//! The core — `corpus` (articles, loading, cleaning), `text` (layout,
//! normalisation), `search`, `entities`, `bookmarks`, `feeds` (fetching and
//! parsing news feeds) — never touches the
//! terminal; only `tui` does (its event loop and key map import crossterm).

pub mod bookmarks;
pub mod config;
pub mod corpus;
pub mod data_dir;
pub mod entities;
pub mod feeds;
pub mod library;
pub mod lookup;
pub mod safe_json;
pub mod search;
pub mod text;
pub mod tui;
