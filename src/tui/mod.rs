//! The terminal reader. Only this module touches the terminal.

use crate::corpus::Corpus;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::widgets::{Block, Paragraph};

/// Opens the reader on `corpus` and returns when the user quits; the terminal
/// is restored on every exit path, panics included (ratatui's panic hook).
pub fn run(corpus: &Corpus) -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| loop {
        terminal.draw(|frame| {
            let text = format!(
                "sahifa: {} articles loaded.\n\nThe reader's panes arrive with the TUI issue.\nPress q to quit.",
                corpus.articles.len()
            );
            frame.render_widget(
                Paragraph::new(text).block(Block::bordered().title(" sahifa ")),
                frame.area(),
            );
        })?;
        if let Event::Key(key) = event::read()? {
            let ctrl_c =
                key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            if key.kind == KeyEventKind::Press && (key.code == KeyCode::Char('q') || ctrl_c) {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result
}
