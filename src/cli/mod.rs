//! The command-line front end: parse, load the corpus, run a command.

pub mod args;
mod commands;
mod output;
mod present;

use anyhow::Result;
use args::{Cli, Command};
use sahifa::corpus::Corpus;
use std::process::ExitCode;

/// Exit code for bad input the user must fix (a missing path, an unknown id).
const EXIT_BAD_INPUT: u8 = 2;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let corpus = if cli.corpus.is_empty() {
        Corpus::bundled()
    } else {
        match Corpus::load(&cli.corpus) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("sahifa: {e}");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    };
    for w in &corpus.warnings {
        eprintln!(
            "sahifa: warning: {}",
            sahifa::text::controls::visible(&w.to_string())
        );
    }
    let result = match cli.command {
        None => {
            sahifa::tui::run(&corpus)?;
            Ok(())
        }
        Some(Command::List { json, visual }) => commands::list(&corpus, json, visual.visual),
        Some(Command::Search(args)) => commands::search(&corpus, &args),
        Some(Command::Show {
            id,
            json,
            raw,
            width,
            visual,
        }) => {
            let Some(article) = corpus.find(&id) else {
                eprintln!(
                    "sahifa: no article with id \"{}\" (see `sahifa list`)",
                    sahifa::text::controls::visible(&id)
                );
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            };
            let opts = commands::ShowOptions {
                json,
                raw,
                width,
                visual: visual.visual,
            };
            commands::show(article, &opts)
        }
    };
    output::ignore_broken_pipe(result)?;
    Ok(ExitCode::SUCCESS)
}
