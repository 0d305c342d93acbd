//! The entity pane: the open article's people, places, organisations,
//! numbers and dates, grouped by kind with mention counts; names that do not
//! fit are cut so that they stay distinguishable.

use super::chrome::{content_visual, pane_block, styled_line, ui_line};
use super::names::distinct_cuts;
use crate::text::{LayoutOptions, VisualLine};
use crate::tui::geometry::Pane;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

#[derive(Debug, Clone)]
pub enum EntityRow {
    /// A kind's heading with its total mentions.
    Kind(String),
    Entity {
        count: usize,
        name: VisualLine,
        style: Style,
        selected: bool,
    },
}

/// What the entity pane draws.
pub struct EntitiesPane<'a> {
    pub title: String,
    pub rows: Vec<EntityRow>,
    /// Said instead of rows (no entities, no rules).
    pub message: Option<&'static str>,
    pub focused: bool,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

/// Columns before a name: bar, "×NNN", a space.
const LEAD: usize = 6;

impl<'a> EntitiesPane<'a> {
    pub fn new(app: &'a App, area: Rect) -> EntitiesPane<'a> {
        let entities = &app.entities;
        let theme = &app.settings.theme;
        let title = Pane::Entities.name().to_string();
        let focused = app.focus == Pane::Entities;
        let message = if entities.detector.is_none() {
            Some("entity rules could not be read")
        } else if entities.pending() {
            Some("finding entities…")
        } else if entities.groups.is_empty() {
            Some("no entities found")
        } else {
            None
        };
        let room = usize::from(area.width.saturating_sub(2)).saturating_sub(LEAD);
        let names: Vec<&str> = entities.groups.iter().map(|g| &*g.canonical).collect();
        let cut = distinct_cuts(&names, room);
        let mut rows = Vec::new();
        for (i, (group, name)) in entities.groups.iter().zip(&cut).enumerate() {
            let new_kind = i == 0 || entities.groups[i - 1].kind != group.kind;
            if new_kind {
                let total: usize = entities
                    .groups
                    .iter()
                    .filter(|g| g.kind == group.kind)
                    .map(|g| g.count())
                    .sum();
                rows.push(EntityRow::Kind(format!("{} {total}", group.kind.name())));
            }
            let selected = i == entities.selected;
            let base = if selected && focused {
                theme.selected
            } else {
                Style::new()
            };
            rows.push(EntityRow::Entity {
                count: group.count(),
                name: content_visual(name, room, &app.settings.layout, true),
                style: base.patch(theme.entity(group.kind)),
                selected,
            });
        }
        EntitiesPane {
            title,
            rows,
            message,
            focused,
            theme,
            layout: app.settings.layout,
        }
    }
}

impl Widget for EntitiesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = pane_block(&self.title, self.focused, area.width, theme, &self.layout);
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some(message) = self.message {
            let line = ui_line(
                &[(message, theme.dim)],
                usize::from(inner.width),
                &self.layout,
            );
            Paragraph::new(line).render(inner, buf);
            return;
        }
        let mut selected_line = 0;
        let mut lines: Vec<Line> = Vec::new();
        for row in &self.rows {
            match row {
                EntityRow::Kind(heading) => {
                    lines.push(Line::styled(heading.clone(), theme.headline))
                }
                EntityRow::Entity {
                    count,
                    name,
                    style,
                    selected,
                } => {
                    if *selected {
                        selected_line = lines.len();
                    }
                    let mut spans = vec![
                        Span::styled(if *selected { "▌" } else { " " }, theme.border_focused),
                        Span::styled(format!("×{count:<3}"), theme.dim),
                        Span::raw(" "),
                    ];
                    spans.extend(styled_line(name, &[], *style).spans);
                    lines.push(Line::from(spans));
                }
            }
        }
        let height = usize::from(inner.height);
        let skip = selected_line.saturating_sub(height.saturating_sub(1));
        Paragraph::new(lines)
            .scroll((u16::try_from(skip).unwrap_or(0), 0))
            .render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::ThemeName;
    use crate::tui::view::chrome::symbols;

    #[test]
    fn kinds_head_their_entities_and_cut_names_stay_apart() {
        let theme = Theme::new(ThemeName::Dark, false);
        let layout = LayoutOptions::default();
        let names = ["البنك المركزي الأوروبي", "البنك المركزي الروسي"];
        let cut = distinct_cuts(&names, 14);
        let entity = |name: &str, count, selected| EntityRow::Entity {
            count,
            name: content_visual(name, 14, &layout, true),
            style: theme.organization,
            selected,
        };
        let pane = EntitiesPane {
            title: "Entities".into(),
            rows: vec![
                EntityRow::Kind("ORGANIZATION 5".into()),
                entity(&cut[0], 3, true),
                entity(&cut[1], 2, false),
            ],
            message: None,
            focused: false,
            theme: &theme,
            layout,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 22, 5));
        pane.render(buf.area, &mut buf);
        let expected = Buffer::with_lines([
            "┌ Entities ──────────┐",
            "│ORGANIZATION 5      │",
            "│▌×3    ﻲﺑﻭﺭﻭﻷﺍ…ﻚﻨﺒﻟﺍ│",
            "│ ×2     ﻲﺳﻭﺮﻟﺍ…ﻚﻨﺒﻟﺍ│",
            "└────────────────────┘",
        ]);
        assert_eq!(symbols(&buf), symbols(&expected));
        assert_eq!(buf[(1, 1)].fg, theme.headline.fg.unwrap());
        assert_eq!(buf[(20, 2)].fg, theme.organization.fg.unwrap());
        assert_eq!(buf[(3, 2)].fg, theme.dim.fg.unwrap(), "the count");
    }
}
