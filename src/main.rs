//! `sahifa`: the command line. Parses arguments and hands over to `cli`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sahifa: {e:#}");
            ExitCode::FAILURE
        }
    }
}
