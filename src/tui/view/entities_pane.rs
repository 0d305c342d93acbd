//! The entity pane: the open article's people, places, organisations,
//! numbers and dates, grouped by kind with mention counts.

use super::{pane_block, styled_line};
use crate::entities::Kind;
use crate::text::{layout_title, LayoutOptions};
use crate::tui::geometry::Pane;
use crate::tui::state::App;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let entities = &app.entities;
    let title = match &entities.filter {
        Some((name, _, _)) => format!("{} · list: {name}", Pane::Entities.name()),
        None => Pane::Entities.name().to_string(),
    };
    let block = pane_block(app, Pane::Entities, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let theme = &app.settings.theme;
    if entities.detector.is_none() {
        frame.render_widget(
            Paragraph::new("entity rules could not be read").style(theme.dim),
            inner,
        );
        return;
    }
    if entities.groups.is_empty() {
        frame.render_widget(Paragraph::new("no entities found").style(theme.dim), inner);
        return;
    }
    let width = usize::from(inner.width);
    let opts = LayoutOptions {
        align: true,
        ..app.settings.layout
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_kind: Option<Kind> = None;
    for (i, group) in entities.groups.iter().enumerate() {
        if last_kind != Some(group.kind) {
            let total: usize = entities
                .groups
                .iter()
                .filter(|g| g.kind == group.kind)
                .map(|g| g.count())
                .sum();
            lines.push(Line::styled(
                format!("{} {total}", group.kind.name()),
                theme.headline,
            ));
            last_kind = Some(group.kind);
        }
        let selected = i == entities.selected;
        if selected {
            selected_line = lines.len();
        }
        let count = format!("×{:<3}", group.count());
        let room = width.saturating_sub(count.chars().count() + 2);
        let name = layout_title(&group.canonical, room, &opts);
        let base = if selected && app.focus == Pane::Entities {
            theme.selected
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(if selected { "▌" } else { " " }, theme.border_focused),
            Span::styled(count, theme.dim),
            Span::raw(" "),
        ];
        spans.extend(styled_line(&name, &[], base.patch(theme.entity(group.kind))).spans);
        lines.push(Line::from(spans));
    }
    let height = usize::from(inner.height);
    let skip = selected_line.saturating_sub(height.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(skip).unwrap_or(0), 0)),
        inner,
    );
}
