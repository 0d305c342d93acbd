//! The bottom line, by mode: the prompt being typed, the question being
//! asked, or what is shown and the latest notice. Everything on it goes
//! through the layout engine (Arabic in a notice reads right), is cut after
//! a whole word, and leaves room for the key hints, which come from the
//! key map.

use super::chrome::{hints, styled_line, ui_line};
use super::prompt_field::{field, Field};
use crate::text::LayoutOptions;
use crate::tui::action::Action;
use crate::tui::keymap::{KeyMap, Section};
use crate::tui::mode::Mode;
use crate::tui::quote::{plain, quote};
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// A prompt: its label and the text being typed.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub label: String,
    pub text: String,
    pub cursor: usize,
}

/// What the status bar draws.
pub struct StatusBar<'a> {
    /// Set apart on the left: which pane is shown, on narrow screens.
    pub lead: String,
    /// Said on the left, in logical order (corpus text in it quoted).
    pub text: String,
    pub prompt: Option<Prompt>,
    /// Keys on the right.
    pub hints: String,
    pub theme: &'a Theme,
    pub layout: LayoutOptions,
}

impl<'a> StatusBar<'a> {
    pub fn new(app: &'a App) -> StatusBar<'a> {
        let keys = &app.settings.keymap;
        let mut text = String::new();
        let mut lead = String::new();
        if !app.geometry().is_wide() {
            let tab = keys.key_name(Section::Normal, Action::FocusNext);
            lead = format!(" [{}]", app.focus.name());
            lead.extend(tab.map(|k| format!(" {k}: next pane")));
            lead.push_str(" ·");
        }
        let section = app.mode.section();
        let (hint_actions, prompt): (&[(Action, &str)], _) = match &app.mode {
            Mode::Filter { editor, .. } => (
                &[(Action::Submit, "keep"), (Action::Cancel, "back")],
                Some(("/", editor)),
            ),
            Mode::Find { editor, .. } => (
                &[
                    (Action::NextMatch, "next"),
                    (Action::Submit, "keep"),
                    (Action::Cancel, "back"),
                ],
                Some(("find:", editor)),
            ),
            Mode::Note { editor, .. } => (
                &[(Action::Submit, "save"), (Action::Cancel, "cancel")],
                Some(("note:", editor)),
            ),
            Mode::Tag { editor } => (
                &[(Action::Submit, "next"), (Action::Cancel, "cancel")],
                Some(("tag:", editor)),
            ),
            Mode::TagKind { .. } | Mode::Export { .. } | Mode::ConfirmDelete { .. } => {
                text.push_str(&question(&app.mode, keys));
                (&[], None)
            }
            Mode::Help { .. } => {
                text.push_str(&summary(app));
                (&[(Action::Close, "close")], None)
            }
            Mode::Bookmarks => {
                text.push_str(&summary(app));
                (&[(Action::Help, "help"), (Action::Close, "close")], None)
            }
            Mode::Normal => {
                text.push_str(&summary(app));
                (&[(Action::Help, "help"), (Action::Quit, "quit")], None)
            }
        };
        StatusBar {
            lead,
            text,
            prompt: prompt.map(|(label, editor)| Prompt {
                label: format!(" {label} "),
                text: editor.text().to_string(),
                cursor: editor.cursor(),
            }),
            hints: hints(keys, section, hint_actions),
            theme: &app.settings.theme,
            layout: app.settings.layout,
        }
    }

    /// The prompt's text laid out for the room it has, when there is one.
    fn field(&self, width: usize) -> Option<Field> {
        let p = self.prompt.as_ref()?;
        let room =
            width.saturating_sub(self.left_width() + p.label.width() + self.hints_width(width) + 1);
        Some(field(&p.text, p.cursor, room, &self.layout))
    }

    /// Cells taken by the lead and the text (before a prompt).
    fn left_width(&self) -> usize {
        self.lead.width() + plain(&self.text).width()
    }

    fn hints_width(&self, width: usize) -> usize {
        // At most two fifths of the line; else none (narrow screens).
        let w = self.hints.width() + 2;
        if !self.hints.is_empty() && w <= width * 2 / 5 {
            w
        } else {
            0
        }
    }

    /// Where the terminal's cursor goes: in the prompt being typed.
    pub fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let p = self.prompt.as_ref()?;
        let f = self.field(usize::from(area.width))?;
        let x = self.left_width() + p.label.width() + f.cursor;
        let x = u16::try_from(x)
            .unwrap_or(u16::MAX)
            .min(area.width.saturating_sub(1));
        Some((area.x + x, area.y))
    }
}

/// What is shown: how many articles, the matches here, a range being chosen,
/// the latest notice.
fn summary(app: &App) -> String {
    let keys = &app.settings.keymap;
    let key = |a| {
        keys.key_name(Section::Normal, a)
            .unwrap_or_else(|| "—".into())
    };
    let total = app.article_count();
    let mut s = match app.loading.map(|l| l.percent()) {
        Some(Some(percent)) => format!(" loading {percent}% ·"),
        Some(None) => " loading ·".to_string(),
        None => String::new(),
    };
    s += &super::feeds_status::feeds_status(app);
    let here = app.article.hits.len();
    let matches = format!(
        "{here} match{} here · {}/{} next",
        if here == 1 { "" } else { "es" },
        key(Action::NextMatch),
        key(Action::PreviousMatch)
    );
    if app.filter.input.is_empty() {
        s += &format!(" {total} articles");
    } else {
        let still = match &app.filter.pending {
            Some(p) if p.started => " so far (confirming matches…)",
            Some(_) => " (filtering…)",
            None => "",
        };
        s += &format!(" {} of {total} articles{still}", app.list.visible.len());
    }
    match &app.article.find {
        Some(find) if !find.input.is_empty() => {
            s += &format!(" · find {}: {matches}", quote(&find.input));
        }
        _ if !app.filter.input.is_empty() => s += &format!(" · {matches}"),
        _ => {}
    }
    if let Some(from) = app.marks.range_from {
        s += &format!(
            " · range from ¶{from}: {} bookmarks it, {} cancels",
            key(Action::ToggleBookmark),
            key(Action::Clear)
        );
    }
    if let Some(notice) = &app.notice {
        s += " · ";
        s += notice;
    }
    s
}

/// The question asked in the choosing modes, with its keys.
fn question(mode: &Mode, keys: &KeyMap) -> String {
    match mode {
        Mode::TagKind { text } => {
            let choices = [
                (Action::TagPerson, "person"),
                (Action::TagPlace, "place"),
                (Action::TagOrganization, "organisation"),
                (Action::TagMisc, "other"),
                (Action::Cancel, "cancel"),
            ];
            format!(
                " tag {} as: {}",
                quote(text),
                hints(keys, Section::TagKind, &choices)
            )
        }
        Mode::Export { .. } => {
            let choices = [
                (Action::ExportMarkdown, "Markdown"),
                (Action::ExportJson, "JSON"),
                (Action::ExportText, "text"),
                (Action::ExportHtml, "HTML"),
                (Action::Cancel, "cancel"),
            ];
            format!(
                " export bookmarks as: {}",
                hints(keys, Section::Export, &choices)
            )
        }
        Mode::ConfirmDelete { .. } => {
            let choices = [(Action::Yes, "deletes"), (Action::No, "keeps it")];
            format!(
                " delete this bookmark? {}",
                hints(keys, Section::Confirm, &choices)
            )
        }
        _ => String::new(),
    }
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(area.width);
        let hints_w = self.hints_width(width);
        let parts = [
            (self.lead.as_str(), theme.notice),
            (self.text.as_str(), Style::new()),
        ];
        let mut spans: Vec<Span> = Vec::new();
        match (&self.prompt, self.field(width)) {
            (Some(p), Some(f)) => {
                spans.extend(ui_line(&parts, width, &self.layout).spans);
                spans.push(Span::raw(p.label.clone()));
                if f.pad_left {
                    spans.push(Span::raw(" "));
                }
                spans.extend(styled_line(&f.line, &[], Style::new()).spans);
            }
            _ => {
                // Cut after a whole word, before the hints.
                let room = width.saturating_sub(hints_w);
                spans.extend(ui_line(&parts, room, &self.layout).spans);
            }
        }
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        if hints_w > 0 {
            let gap = width.saturating_sub(used + hints_w);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::raw(format!(" {} ", self.hints)));
        }
        Paragraph::new(Line::from(spans))
            .style(theme.status)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests;
