//! Text handling: terminal-safe display, Arabic normalisation and bidi layout.

pub mod controls;
pub mod normalize;
