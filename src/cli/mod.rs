//! The command-line front end: parse, read the config, load the corpus, run
//! a command or the reader.

pub mod args;
mod articles;
mod bookmarks;
mod commands;
mod entities;
mod feeds;
mod fetch;
mod library;
mod loading;
mod output;
mod present;
mod reader;
mod render;
mod search_json;

use anyhow::Result;
use args::{BaseChoice, Cli, Command, ControlsChoice};
use articles::Articles;
use present::Presenter;
use sahifa::config::{resolve_display, BidiChoice, Config, ShapeChoice};
use sahifa::corpus::{Corpus, Warning};
use sahifa::text::controls::visible;
use sahifa::text::{BaseDirection, Controls, LayoutOptions};
use sahifa::tui::KeyMap;
use std::process::ExitCode;

/// Exit code for bad input the user must fix (a missing path, an unknown id,
/// a broken config file).
const EXIT_BAD_INPUT: u8 = 2;

fn bad_input(message: impl std::fmt::Display) -> Result<ExitCode> {
    eprintln!("sahifa: {}", visible(&message.to_string()));
    Ok(ExitCode::from(EXIT_BAD_INPUT))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(mb) = cli.max_record_mb {
        sahifa::corpus::LoadOptions::set_global(sahifa::corpus::LoadOptions {
            max_record_bytes: mb << 20,
        });
    }
    // A config file asked for by name must exist; the default one need not.
    if let Some(path) = &cli.config {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return bad_input(format!("{}: no such config file", path.display()))
            }
            Err(e) => {
                return bad_input(format!(
                    "{}: cannot read the config file: {e}",
                    path.display()
                ))
            }
            Ok(_) => {}
        }
    }
    if let Some(Command::Search(args)) = &cli.command {
        if sahifa::search::Query::parse(&args.query.join(" ")).is_empty() {
            return bad_input(format!(
                "empty query {:?}: give a word or a \"phrase\" to look for",
                args.query.join(" ")
            ));
        }
    }
    let config_path = cli.config.clone().or_else(Config::default_path);
    let config = match config_path.as_deref().map(Config::load).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return bad_input(e),
    };
    // Checked by every command, so a broken [keys] is found at once.
    let keymap = match KeyMap::from_config(&config.keys) {
        Ok(k) => k,
        Err(e) => {
            let path = config_path
                .as_deref()
                .unwrap_or(std::path::Path::new("config.toml"));
            return bad_input(format!("{}: {e}", path.display()));
        }
    };
    let (mode, shape) = resolve_display(
        cli.bidi.or(config.bidi).unwrap_or(BidiChoice::Auto),
        cli.shape.or(config.shape).unwrap_or(ShapeChoice::Auto),
        |k| std::env::var(k).ok(),
    );
    let layout = LayoutOptions {
        mode,
        shape,
        ..LayoutOptions::default()
    };

    if let Some(Command::Render {
        width,
        base,
        no_align,
        controls,
    }) = &cli.command
    {
        let opts = LayoutOptions {
            width: width.unwrap_or_else(present::terminal_width),
            base: match base {
                BaseChoice::Auto => BaseDirection::Auto,
                BaseChoice::Rtl => BaseDirection::Rtl,
                BaseChoice::Ltr => BaseDirection::Ltr,
            },
            align: !no_align,
            controls: match controls {
                ControlsChoice::Show => Controls::Show,
                ControlsChoice::Obey => Controls::Obey,
            },
            ..layout
        };
        let stdin = std::io::BufReader::with_capacity(64 << 10, std::io::stdin().lock());
        let stdout = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
        output::ignore_broken_pipe(render::render(stdin, stdout, &opts))?;
        return Ok(ExitCode::SUCCESS);
    }

    if cli.command.is_none() {
        return reader::reader(&cli, &config, keymap, layout);
    }
    let data_dir = sahifa::data_dir::data_dir(cli.data_dir.as_deref());
    if let Some(code) = library_command(&cli, data_dir.as_deref())? {
        return Ok(code);
    }
    if let (Some(Command::Search(args)), false) = (&cli.command, cli.corpus.is_empty()) {
        let present = Presenter::new(commands::visual_order(args.visual.visual), layout);
        return search_while_loading(&cli.corpus, args, &present, cli.verbose);
    }

    let articles = if cli.corpus.is_empty() {
        match library::open(data_dir.as_deref()) {
            Ok(library) => Articles::Library(library),
            // No home directory to keep a library in: the bundled seeds.
            Err(sahifa::library::LibraryError::NoDataDir) => Articles::Corpus(Corpus::bundled()),
            Err(e) => return library::failed(e),
        }
    } else {
        match loading::load(&cli.corpus) {
            Ok(c) => {
                print_warnings(&c.warnings, cli.verbose);
                Articles::Corpus(c)
            }
            Err(e) => return bad_input(e),
        }
    };
    let presenter = |v: args::VisualArg| Presenter::new(commands::visual_order(v.visual), layout);
    let result = match cli.command {
        Some(Command::Bookmarks(command)) => {
            return bookmarks::run(command, &articles, data_dir.as_deref(), layout);
        }
        None
        | Some(Command::Render { .. })
        | Some(Command::Import { .. })
        | Some(Command::Remove { .. })
        | Some(Command::Feed(_))
        | Some(Command::Fetch { .. })
        | Some(Command::Library { .. }) => {
            unreachable!("the reader, render and library commands are dispatched before")
        }
        Some(Command::List { json, visual }) => match &articles {
            Articles::Library(l) => return library::list(l, json, &presenter(visual)),
            Articles::Corpus(c) => {
                commands::list(&commands::list_rows(c), json, &presenter(visual))
            }
        },
        Some(Command::Entities { id, json, visual }) => {
            let list = match &id {
                Some(id) => articles.find(id).map(|a| vec![a]),
                None => articles.all(),
            };
            let list = match list {
                Ok(list) => list,
                Err(e) => return library::failed(e),
            };
            let detector = match entities::detector() {
                Ok(d) => d,
                Err(e) => return bad_input(e),
            };
            let refs: Vec<&sahifa::corpus::Article> = list.iter().collect();
            entities::print(&detector, &refs, json, &presenter(visual))
        }
        Some(Command::Search(args)) => match &articles {
            Articles::Library(l) => return library::search(l, &args, &presenter(args.visual)),
            Articles::Corpus(c) => commands::search(c, &args, &presenter(args.visual)),
        },
        Some(Command::Show {
            id,
            json,
            raw,
            width,
            visual,
        }) => {
            let article = match articles.find(&id) {
                Ok(a) => a,
                Err(e) => return library::failed(e),
            };
            let opts = commands::ShowOptions { json, raw, width };
            commands::show(&article, &opts, &presenter(visual))
        }
    };
    output::ignore_broken_pipe(result)?;
    Ok(ExitCode::SUCCESS)
}

/// `import`, `remove`, `library`, `feed` and `fetch`: the commands on the
/// library itself.
/// `None` for any other command.
fn library_command(cli: &Cli, data_dir: Option<&std::path::Path>) -> Result<Option<ExitCode>> {
    let Some(
        command @ (Command::Import { .. }
        | Command::Remove { .. }
        | Command::Library { .. }
        | Command::Feed(_)
        | Command::Fetch { .. }),
    ) = &cli.command
    else {
        return Ok(None);
    };
    if !cli.corpus.is_empty() {
        return bad_input("--corpus reads files without the library; `import`, `remove`, `library`, `feed` and `fetch` work on the library").map(Some);
    }
    let lib = match library::open(data_dir) {
        Ok(l) => l,
        Err(e) => return library::failed(e).map(Some),
    };
    let code = match command {
        Command::Import { paths, json } => {
            library::import(lib, paths, *json, data_dir, cli.verbose)?
        }
        Command::Remove { ids } => library::remove(lib, ids)?,
        Command::Library { json } => library::info(&lib, *json)?,
        Command::Feed(command) => feeds::run(command, lib)?,
        Command::Fetch {
            names,
            no_full_text,
            json,
        } => fetch::run(lib, names, *no_full_text, *json, data_dir)?,
        _ => return Ok(None),
    };
    Ok(Some(code))
}

/// Warnings about the corpus on stderr: one line per kind of problem (its
/// count and the first places), or every one with `--verbose`.
fn print_warnings(warnings: &[Warning], verbose: bool) {
    if verbose {
        for w in warnings {
            eprintln!("sahifa: warning: {}", visible(&w.to_string()));
        }
        return;
    }
    for group in sahifa::corpus::group_warnings(warnings) {
        eprintln!("sahifa: warning: {}", visible(&group.to_string()));
    }
}

/// `search --corpus …`: each article is searched as it is read and only the
/// matching ones are kept, so a large corpus is never held whole. Prints
/// exactly what searching the loaded corpus prints.
fn search_while_loading(
    paths: &[std::path::PathBuf],
    args: &args::SearchArgs,
    present: &Presenter,
    verbose: bool,
) -> Result<ExitCode> {
    let query = sahifa::search::Query::parse(&args.query.join(" "));
    if args.count {
        return count_while_loading(paths, &query, verbose);
    }
    let keep = |a: &sahifa::corpus::ArticleRef, hits| {
        commands::Found::of(String::new(), a, hits, args.json)
    };
    let streamed = loading::with_progress_if_shown("loading", |p| {
        sahifa::search::search_paths(paths, &query, p, keep)
    });
    let streamed = match streamed {
        Ok(s) => s,
        Err(e) => return bad_input(e),
    };
    print_warnings(&streamed.warnings, verbose);
    let total = streamed.total();
    let mut ids = streamed.ids;
    let found: Vec<commands::Found> = streamed
        .kept
        .into_iter()
        .map(|(i, mut f)| {
            f.id = std::mem::take(&mut ids[i]);
            f
        })
        .collect();
    output::ignore_broken_pipe(commands::print_search(&found, total, args.json, present))?;
    Ok(ExitCode::SUCCESS)
}

/// `search --count` over `--corpus` paths, read as `search` reads them.
fn count_while_loading(
    paths: &[std::path::PathBuf],
    query: &sahifa::search::Query,
    verbose: bool,
) -> Result<ExitCode> {
    let streamed = loading::with_progress_if_shown("loading", |p| {
        sahifa::search::count_paths(paths, query, p)
    });
    let streamed = match streamed {
        Ok(s) => s,
        Err(e) => return bad_input(e),
    };
    print_warnings(&streamed.warnings, verbose);
    output::ignore_broken_pipe(commands::print_count(streamed.kept.len()))?;
    Ok(ExitCode::SUCCESS)
}
