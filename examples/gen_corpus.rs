//! Writes a synthetic corpus for benchmarks: the seed paragraphs recombined
//! with other numbers, names and dates, deterministic for a seed.
//!
//! cargo run --release --example gen_corpus -- --count 10000 --out /tmp/c10k          (a .txt directory)
//! cargo run --release --example gen_corpus -- --count 100000 --out /tmp/c100k.jsonl  (JSONL)

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// How many articles.
    #[arg(long, default_value_t = 10_000)]
    count: usize,
    /// A directory of .txt pages, or a file ending in .jsonl.
    #[arg(long)]
    out: PathBuf,
    /// Random seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let bytes = sahifa::corpus::synthetic::write(args.count, args.seed, &args.out)?;
    eprintln!(
        "wrote {} articles, {:.1} MB, to {}",
        args.count,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
