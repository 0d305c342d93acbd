//! sahifa — a terminal reader for Arabic news.
//!
//! The core (`corpus`, `text`) is pure and never touches the terminal; only
//! `tui` does.

pub mod bookmarks;
pub mod config;
pub mod corpus;
pub mod data_dir;
pub mod entities;
pub mod search;
pub mod text;
pub mod tui;
