//! What every pane shares: text through the layout engine (so Arabic in a
//! title, a notice or a key name reads right and is joined), pane frames,
//! overlay boxes, and hints built from the key map.

use crate::text::{layout_title, BaseDirection, LayoutOptions, VisualLine, UNLIMITED_WIDTH};
use crate::tui::action::Action;
use crate::tui::keymap::{KeyMap, Section};
use crate::tui::quote::pieces;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use std::ops::Range;

/// A line of the reader's own text (a title, a notice, a hint) in styled
/// parts, at most `width` cells wide. Its own words are laid out on a
/// left-to-right base; corpus text quoted in it (`quote::quote`) is laid out
/// apart, in its own direction, so an Arabic name reads right to left and a
/// number after it stays where it was written. Too long, the line is cut
/// after a whole word, with "…".
pub fn ui_line(parts: &[(&str, Style)], width: usize, layout: &LayoutOptions) -> Line<'static> {
    let lay = |text: &str, quoted: bool, width: usize| {
        let opts = LayoutOptions {
            base: if quoted {
                BaseDirection::Auto
            } else {
                BaseDirection::Ltr
            },
            align: false,
            ..*layout
        };
        layout_title(text, width, &opts)
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    'parts: for &(text, style) in parts {
        for (piece, quoted) in pieces(text) {
            let whole = lay(piece, quoted, UNLIMITED_WIDTH);
            let fits = used + whole.width() <= width;
            let line = if fits {
                whole
            } else {
                lay(piece, quoted, width - used)
            };
            used += line.width();
            spans.extend(styled_line(&line, &[], style).spans);
            if !fits {
                break 'parts;
            }
        }
    }
    Line::from(spans)
}

/// Article text (a title, a name, a passage) in its own direction, at most
/// `width` cells, right-aligned in them when right to left and `align`.
pub fn content_visual(text: &str, width: usize, layout: &LayoutOptions, align: bool) -> VisualLine {
    let opts = LayoutOptions { align, ..*layout };
    layout_title(text, width, &opts)
}

/// A visual line (already reordered by the layout engine) as a ratatui line:
/// the displayed clusters, indent first (the engine includes it), with the
/// styles of the logical `spans` that cover them.
pub fn styled_line(
    line: &VisualLine,
    spans: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'static> {
    let spans: Vec<Span> = line
        .styled(spans)
        .into_iter()
        .map(|(text, style)| Span::styled(text, base.patch(style.unwrap_or_default())))
        .collect();
    Line::from(spans)
}

/// A pane's frame: thick and in the accent colour when focused, the title
/// laid out by the engine.
pub fn pane_block(
    title: &str,
    focused: bool,
    width: u16,
    theme: &Theme,
    layout: &LayoutOptions,
) -> Block<'static> {
    let room = usize::from(width.saturating_sub(4));
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(ui_line(&[(&format!(" {title} "), style)], room, layout))
}

/// A `width`×`height` box in the middle of `area` (clipped to it), for
/// overlays.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Screen area inside a pane's border, less a one-cell margin each side.
pub fn text_area(pane: Rect) -> Rect {
    let inner = Block::bordered().inner(pane);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// "? help · q quit": the first key of each action in `section`, with its
/// label; actions without a key are left out, so a hint is never wrong.
pub fn hints(keymap: &KeyMap, section: Section, actions: &[(Action, &str)]) -> String {
    actions
        .iter()
        .filter_map(|(a, label)| keymap.key_name(section, *a).map(|k| format!("{k} {label}")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The symbols of a buffer, row by row (for the panes' tests).
#[cfg(test)]
pub fn symbols(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| {
            (a.left()..a.right())
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}
