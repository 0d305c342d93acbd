//! The reader's tests, one binary: state transitions, prompts, modes, the
//! key map and config, whole screens (TestBackend and insta), the module
//! structure, and the real binary in tmux. Shared helpers live in `helpers`
//! and `support/tmux.rs`.

#[path = "../support/feed_server.rs"]
mod feed_server;
mod helpers;
#[path = "../support/isolated.rs"]
mod isolated;
#[path = "../support/tmux.rs"]
mod tmux;

mod architecture;
mod bookmarks;
mod config;
mod e2e;
mod entities;
mod feeds;
mod library;
mod loading;
mod modes;
mod prompts;
mod reading;
mod render;
mod state;
