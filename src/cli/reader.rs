//! The reader, started from the command line: where its articles come
//! from, its settings from the flags and the config file, and what is
//! printed after it quits.

use super::args::Cli;
use super::{bad_input, library, print_warnings};
use anyhow::Result;
use sahifa::config::{mostly_rtl, Config, LayoutChoice, ThemeChoice};
use sahifa::corpus::Corpus;
use sahifa::text::controls::visible;
use sahifa::text::LayoutOptions;
use sahifa::tui::{KeyMap, PaneOrder, RunOptions, Settings, Source, Theme, ThemeName};
use std::process::ExitCode;

/// Runs the reader. A corpus given on the command line is listed first (a
/// missing path is an error before the screen changes), then loaded while
/// the reader shows what has arrived; warnings are printed after it quits.
pub(super) fn reader(
    cli: &Cli,
    config: &Config,
    keymap: KeyMap,
    layout: LayoutOptions,
) -> Result<ExitCode> {
    let data_dir = sahifa::data_dir::data_dir(cli.data_dir.as_deref());
    let source = if cli.corpus.is_empty() {
        match library::open(data_dir.as_deref()) {
            Ok(library) => Source::Library(library),
            Err(sahifa::library::LibraryError::NoDataDir) => Source::Loaded(Corpus::bundled()),
            Err(e) => return library::failed(e),
        }
    } else {
        match Corpus::files(&cli.corpus) {
            Ok((files, warnings)) => Source::Files { files, warnings },
            Err(e) => return bad_input(e),
        }
    };
    let choice = cli.layout.or(config.layout).unwrap_or(LayoutChoice::Auto);
    let order = match (choice, &source) {
        (LayoutChoice::Ltr, _) => PaneOrder::Ltr,
        (LayoutChoice::Rtl, _) => PaneOrder::Rtl,
        (LayoutChoice::Auto, Source::Loaded(corpus))
            if mostly_rtl(corpus.articles.iter().map(|a| a.title.as_str())) =>
        {
            PaneOrder::Rtl
        }
        (LayoutChoice::Auto, _) => PaneOrder::Ltr,
    };
    let auto_order = choice == LayoutChoice::Auto && !matches!(source, Source::Loaded(_));
    let theme = match cli.theme.or(config.theme).unwrap_or(ThemeChoice::Dark) {
        ThemeChoice::Dark => ThemeName::Dark,
        ThemeChoice::Light => ThemeName::Light,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let opts = RunOptions {
        settings: Settings {
            layout,
            order,
            theme: Theme::new(theme, no_color),
            keymap,
        },
        auto_order,
        mouse: cli.mouse || config.mouse.unwrap_or(false),
        data_dir,
        user_gazetteer: sahifa::entities::Gazetteer::user_path(),
        reload: config.reload_every(),
    };
    let outcome = sahifa::tui::run(source, opts)?;
    print_warnings(&outcome.warnings, cli.verbose);
    match outcome.error {
        Some(e) => {
            eprintln!("sahifa: {}", visible(&format!("loading stopped: {e}")));
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}
