//! The command line, as clap types. Behaviour lives in `commands`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use sahifa::config::{BidiChoice, LayoutChoice, ShapeChoice, ThemeChoice};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "sahifa",
    version,
    about = "A terminal reader for Arabic news: right-to-left text laid out correctly in any terminal.",
    long_about = "A terminal reader for Arabic news.\n\nWith no command, opens the reader on the corpus \
                  (the library, <data dir>/library.db, created holding the bundled sample articles; \
                  or the files given with --corpus). `sahifa import PATH` adds files to the library. \
                  Every listing has --json for scripts; commands that print Arabic take --visual."
)]
pub struct Cli {
    /// Read articles from PATH instead of the library: a .txt page, an HTML
    /// page, a JSON file, a JSONL file, or a directory of them (repeatable).
    /// The library is then neither read nor created.
    #[arg(long = "corpus", value_name = "PATH", global = true)]
    pub corpus: Vec<PathBuf>,

    /// List every warning about the corpus (by default, one line per kind
    /// of problem with its count and the first three places).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// Skip any JSON file, page or JSONL line larger than N megabytes
    /// (default 64).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_record_mb: Option<u64>,

    /// Who reorders right-to-left text: sahifa (`app`), the terminal
    /// (`terminal`, for Konsole, mlterm, VTE with BiDi on), or `auto`.
    #[arg(long, value_enum, global = true, value_name = "WHO")]
    pub bidi: Option<BidiChoice>,

    /// Join Arabic letters with presentation forms (for terminals that do
    /// not shape): `on`, `off`, or `auto` (on unless the terminal shapes).
    #[arg(long, value_enum, global = true, value_name = "WHEN")]
    pub shape: Option<ShapeChoice>,

    /// Colours of the reader.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeChoice>,

    /// Pane arrangement: `rtl` puts the list on the right; `auto` chooses
    /// rtl when most titles are right-to-left.
    #[arg(long, value_enum, value_name = "DIR")]
    pub layout: Option<LayoutChoice>,

    /// Let the mouse wheel scroll the pane under the pointer.
    #[arg(long)]
    pub mouse: bool,

    /// Where sahifa keeps its state (default: $SAHIFA_DATA_DIR, else the
    /// platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Config file to read instead of <config dir>/sahifa/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, paragraphs, words, title.
    List {
        /// Print a JSON array of {id, title, paragraph_count, word_count},
        /// with source (the outlet), published and url where known.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        visual: VisualArg,
    },
    /// Print one article: title and paragraphs.
    Show {
        /// The article id (or a unique prefix of it), as `sahifa list` shows.
        id: String,
        /// Print a JSON object {id, title, paragraphs, boilerplate, source}.
        #[arg(long)]
        json: bool,
        /// Also print the boilerplate lines removed by cleaning.
        #[arg(long)]
        raw: bool,
        /// Wrap paragraphs to N columns (default: the terminal width, or
        /// 80); at least 10.
        #[arg(long, value_name = "N", value_parser = columns)]
        width: Option<usize>,
        #[command(flatten)]
        visual: VisualArg,
    },
    /// Find the articles that match a query, with the matching passages.
    Search(SearchArgs),
    /// List the people, places, organisations, numbers and dates an article
    /// mentions (all articles when ID is omitted), grouped by kind.
    Entities {
        /// The article id (or a unique prefix of it); all articles if omitted.
        id: Option<String>,
        /// Print a JSON array of mentions {article, paragraph, start, end,
        /// text, canonical, kind} (paragraph 0 is the title; offsets are
        /// bytes into its logical text, proclitics excluded).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        visual: VisualArg,
    },
    /// Read logical text on stdin (one paragraph per line) and print it in
    /// visual order, word-wrapped: a bidi-aware `cat` for terminals without bidi.
    Render {
        /// Wrap to N columns (default: the terminal width, or 80); at
        /// least 10.
        #[arg(long, value_name = "N", value_parser = columns)]
        width: Option<usize>,
        /// Paragraph direction: from the first strong letter (`auto`), or forced.
        #[arg(long, value_enum, default_value_t = BaseChoice::Auto)]
        base: BaseChoice,
        /// Do not right-align right-to-left paragraphs.
        #[arg(long)]
        no_align: bool,
        /// Bidi controls (LRE … PDI, LRM, RLM, ALM): ignored and shown as
        /// placeholders such as ‹RLO› where they matter (`show`, safe for
        /// text you did not write), or obeyed as the bidi algorithm says,
        /// as `fribidi` does (`obey`).
        #[arg(long, value_enum, default_value_t = ControlsChoice::Show, value_name = "HOW")]
        controls: ControlsChoice,
    },
    /// Saved passages: add, list, remove, export.
    #[command(subcommand)]
    Bookmarks(BookmarksCommand),
    /// Put files into the library (<data dir>/library.db): .txt pages,
    /// JSON, JSONL, directories of them (recursively). Importing the same
    /// files again adds nothing; an article whose text changed is updated.
    Import {
        /// Files or directories to import.
        #[arg(required = true, num_args = 1.., value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON {added, updated, unchanged, skipped}.
        #[arg(long)]
        json: bool,
    },
    /// Remove articles from the library (by id, or a unique prefix of one).
    Remove {
        #[arg(required = true, num_args = 1.., value_name = "ID")]
        ids: Vec<String>,
    },
    /// Subscribe to news feeds (RSS, Atom, RDF, JSON Feed): add, list,
    /// remove, import and export OPML. `sahifa fetch` gets their articles.
    #[command(subcommand)]
    Feed(FeedCommand),
    /// Fetch every feed (or those named) into the library, in parallel:
    /// one line per feed (new, updated, unchanged, or the error). Items
    /// that carry only a summary get the article from their page. Exits 0
    /// when at least one feed was fetched, 1 when none could be.
    Fetch {
        /// Feeds to fetch (names or addresses, as `sahifa feed list` shows);
        /// all when omitted.
        #[arg(value_name = "NAME")]
        names: Vec<String>,
        /// Do not fetch article pages for the full text: keep what the
        /// feeds carry.
        #[arg(long)]
        no_full_text: bool,
        /// Print a JSON array of {name, url, status, added, updated,
        /// unchanged, error, note}.
        #[arg(long)]
        json: bool,
    },
    /// Where the library is, how many articles it holds, its size on disk.
    Library {
        /// Print a JSON object {path, articles, unread, outlets, with_url,
        /// with_date, bytes, schema}.
        #[arg(long)]
        json: bool,
    },
}

/// `sahifa feed …`. Feeds live in the library (<data dir>/library.db).
#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed. It is fetched once to check that it is one; a
    /// web page's feed is found through its <link rel="alternate">.
    Add {
        /// The feed's address (http, https or file), a web page that names
        /// its feed, or a local file.
        url: String,
        /// The name the list shows as the outlet (default: the feed's title).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Fetch every item's page for the full text, not only the items
        /// that carry a summary.
        #[arg(long)]
        full_text: bool,
    },
    /// List the feeds: name, url, items, unread, last fetched, last error.
    List {
        /// Print a JSON array of {name, url, full_text, items, unread,
        /// added_at, last_fetched, last_error, note, retry_at}.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe from a feed (by name or address); its articles stay.
    Remove {
        #[arg(value_name = "NAME|URL")]
        feed: String,
        /// Remove its articles from the library too (those another feed also
        /// brought stay).
        #[arg(long)]
        purge: bool,
    },
    /// Subscribe to every feed of an OPML file (as other readers export).
    Import {
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0 on stdout (for other readers,
    /// or `sahifa feed import` elsewhere).
    Export,
}

/// `sahifa bookmarks …`. Bookmarks live in <data dir>/bookmarks.json.
#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// Bookmark a passage: paragraph N (to M) of article ID, numbered as
    /// `sahifa show ID --json` numbers them (1 = first paragraph after the
    /// title). Prints the new bookmark's id.
    Add {
        /// The article id (or a unique prefix of it), as `sahifa list` shows.
        id: String,
        /// First paragraph of the passage (1-based).
        #[arg(long, value_name = "N")]
        paragraph: usize,
        /// Last paragraph of the passage (default: N).
        #[arg(long, value_name = "M")]
        to: Option<usize>,
        /// A short note to keep with the passage.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List the bookmarks: id, article, paragraphs, status, title.
    List {
        /// Print a JSON array of bookmarks, each with its `status`
        /// (found, moved or orphaned).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        visual: VisualArg,
    },
    /// Remove a bookmark (by its id, or a unique prefix of it).
    Remove {
        #[arg(value_name = "BOOKMARK_ID")]
        bookmark_id: String,
    },
    /// Export every bookmark, text in logical order as in the article.
    Export {
        /// md (Markdown), json, txt (plain text) or html (standalone page).
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: ExportFormat,
        /// Write to FILE instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// The narrowest `--width`: an Arabic word or two, or one placeholder for
/// a control (five cells), and room to spare.
pub const MIN_WIDTH: usize = 10;

/// Parses a `--width`: a number of columns, at least [`MIN_WIDTH`].
fn columns(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of columns"))?;
    if n < MIN_WIDTH {
        return Err(format!(
            "{n} columns is too narrow; give at least {MIN_WIDTH}"
        ));
    }
    Ok(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Txt,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ControlsChoice {
    Show,
    Obey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BaseChoice {
    Auto,
    Rtl,
    Ltr,
}

/// `sahifa search`'s arguments.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words that must all occur (Arabic-aware: harakat, tatweel and alef
    /// forms ignored; «خيرسون» finds «وخيرسون»). "a phrase" must occur in
    /// order; -word excludes (inside a quoted query, 'خيرسون -روسيا', or
    /// after `--`). Several arguments are joined with spaces.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    /// Print a JSON array of {id, title, matches: [{paragraph, start, end}]}
    /// (paragraph 0 is the title; offsets are bytes into its logical text).
    #[arg(long)]
    pub json: bool,
    /// Print only how many articles match, as `grep -c` counts lines (a
    /// term is looked for only until its first match in each article).
    #[arg(long, conflicts_with = "json")]
    pub count: bool,
    #[command(flatten)]
    pub visual: VisualArg,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct VisualArg {
    /// Print Arabic in visual order (`always`, for terminals without bidi),
    /// logical order (`never`, for pipes and files), or visual on a
    /// terminal only (`auto`).
    #[arg(long, value_enum, default_value_t = Visual::Auto, value_name = "WHEN")]
    pub visual: Visual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Visual {
    Auto,
    Always,
    Never,
}
