//! Text for the terminal: bidi layout (below), Arabic normalisation for
//! matching (`normalize`), and terminal-safe display (`controls`).
//!
//! Bidirectional text layout for the terminal.
//!
//! The pipeline for one paragraph is:
//!
//! 1. resolve embedding levels once for the whole paragraph (UAX #9): a fast
//!    path for the usual paragraph without explicit embeddings, overrides or
//!    isolates, `unicode-bidi` for everything else;
//! 2. in one pass, split the text into extended grapheme clusters,
//!    optionally shape Arabic letters into presentation forms (in logical
//!    order), measure each cluster in terminal cells and find the UAX #14
//!    break opportunities;
//! 3. choose line breaks in logical order at those opportunities;
//! 4. reorder every line to visual order from the paragraph's levels (rules
//!    L1 and L2, on the line's levels alone), reversing whole clusters in right-to-left runs so that
//!    combining marks stay on their letter, and mirroring brackets (L4).
//!
//! Both passes over the characters look each one up once in a combined
//! property table (`props`) built from the Unicode crates.
//!
//! Every displayed cluster remembers the logical byte range it came from, so a
//! screen column can be mapped back to the text and a range of the text can be
//! mapped to screen columns.
//!
//! Nothing here knows about any terminal library: output is plain strings and
//! the crate's own types.

mod arabic_tables;
mod bidi_data;
mod cache;
mod cluster_text;
pub mod controls;
mod detect;
mod graphemes;
mod implicit;
mod layout;
mod linebreak;
mod linebreak_table;
mod mirror;
mod neutral;
pub mod normalize;
mod position;
mod props;
mod render;
mod resolve;
mod shape;
mod unit_builder;
mod units;
mod utf8;
mod visual;

use std::ops::Range;

pub use cache::LayoutCache;
pub use cluster_text::ClusterText;
pub use detect::{detect_shaping, detect_terminal_bidi, BDSM_APP_REORDERS, BDSM_TERMINAL_REORDERS};
pub use layout::{layout_paragraph, layout_title};
pub use render::{render, render_paragraph};
pub use visual::visual_char_order;

/// Widths at or above this many cells are treated as "unlimited" when
/// aligning: right-aligned lines are then aligned to the widest line laid out
/// instead of being padded to the (huge) requested width.
pub const UNLIMITED_WIDTH: usize = 1 << 16;

/// How the paragraph direction is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BaseDirection {
    /// From the first strong character (rules P2 and P3); left-to-right when
    /// there is none.
    #[default]
    Auto,
    /// Always right-to-left.
    Rtl,
    /// Always left-to-right.
    Ltr,
}

/// Who puts the text into visual order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BidiMode {
    /// This crate reorders each line into visual order and mirrors brackets.
    /// Use it with terminals that print cells strictly left to right.
    #[default]
    App,
    /// Lines are wrapped but emitted in logical order, unmirrored, for
    /// terminals that run the bidi algorithm themselves. Bidi format
    /// characters (LRM, RLI, …) are kept in the displayed text, at zero
    /// width, because such a terminal needs them; in [`BidiMode::App`] they
    /// display as nothing.
    Terminal,
}

/// What the layout does with the bidi controls (the embeddings, overrides
/// and isolates U+202A–U+202E and U+2066–U+2069, and the marks LRM, RLM and
/// ALM) and with the joiners ZWJ and ZWNJ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Controls {
    /// Display safety, for text nobody here wrote: the text is ordered as
    /// the bidi algorithm orders it without its controls, so that nothing
    /// reads differently from its logical order, and every control that
    /// mattered shows as a placeholder (`‹RLO›`; see `text/neutral.rs`). In
    /// [`BidiMode::App`] the joiners, already applied by shaping, are not
    /// written (except inside emoji sequences), so a terminal cannot merge
    /// cells around them.
    #[default]
    Show,
    /// The bidi algorithm as written (UAX #9, as FriBidi does it): controls
    /// take effect and are not displayed (rule X9), and the joiners are
    /// written where FriBidi writes them. For text you trust; the
    /// conformance suite and the FriBidi oracle test this mode.
    Obey,
}

/// Everything that changes how a paragraph is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Available width in terminal cells. `usize::MAX` means no wrapping.
    pub width: usize,
    /// Paragraph direction.
    pub base: BaseDirection,
    /// Convert Arabic letters to their contextual presentation forms.
    pub shape: bool,
    /// Visual reordering by this crate or by the terminal.
    pub mode: BidiMode,
    /// Right-align right-to-left lines by giving them a leading indent.
    pub align: bool,
    /// Bidi controls neutralised and shown, or obeyed.
    pub controls: Controls,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            base: BaseDirection::Auto,
            shape: true,
            mode: BidiMode::App,
            align: true,
            controls: Controls::Show,
        }
    }
}

/// One laid-out paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParagraphLayout {
    /// Whether the (first) paragraph direction is right-to-left.
    pub rtl: bool,
    /// Screen lines from top to bottom. Never empty: an empty paragraph gives
    /// one empty line.
    pub lines: Vec<VisualLine>,
}

/// One screen line, already in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualLine {
    /// Blank columns before the first cluster (right alignment).
    pub indent: usize,
    /// Clusters from the left edge of the screen to the right.
    pub clusters: Vec<VisualCluster>,
    /// Logical byte range of the paragraph that this line covers, including
    /// the hidden tail.
    pub logical: Range<usize>,
    /// Logical byte range at the end of `logical` that is not drawn: the
    /// whitespace at a wrap point (and any line separator). Empty when
    /// everything is drawn.
    pub hidden: Range<usize>,
    /// Direction of the paragraph this line belongs to.
    pub rtl: bool,
}

/// One displayed unit: an extended grapheme cluster, or the two clusters of a
/// lam-alef ligature, or a title's ellipsis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualCluster {
    /// The text as displayed: shaped, mirrored, with control characters
    /// replaced by visible placeholders. Empty for bidi format characters.
    pub text: ClusterText,
    /// Width in terminal cells.
    pub width: usize,
    /// Logical byte range in the paragraph this cluster stands for.
    pub logical: Range<usize>,
}

#[cfg(test)]
mod safety_tests;
#[cfg(test)]
mod tests;
