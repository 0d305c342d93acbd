//! Writes a synthetic corpus for benchmarks: the seed paragraphs recombined
//! with other numbers, names and dates, deterministic for a seed.
//!
//! cargo run --release --example gen_corpus -- --count 10000 --out /tmp/c10k          (a .txt directory)
//! cargo run --release --example gen_corpus -- --count 100000 --out /tmp/c100k.jsonl  (JSONL)

use clap::Parser;
use sahifa::corpus::synthetic::Generator;
use std::io::{BufWriter, Write};
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
    let mut generator = Generator::new(args.seed);
    let jsonl = args.out.extension().is_some_and(|e| e == "jsonl");
    let mut bytes = 0usize;
    if jsonl {
        if let Some(dir) = args.out.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = BufWriter::new(std::fs::File::create(&args.out)?);
        for n in 0..args.count {
            let a = generator.article(n);
            let line =
                serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs})
                    .to_string();
            bytes += line.len() + 1;
            writeln!(out, "{line}")?;
        }
        out.flush()?;
    } else {
        for n in 0..args.count {
            let a = generator.article(n);
            // 1,000 files a directory, so no directory gets huge.
            let dir = args.out.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            let text = format!("{}\n\n{}\n", a.title, a.paragraphs.join("\n\n"));
            bytes += text.len();
            std::fs::write(dir.join(format!("{}.txt", a.id)), text)?;
        }
    }
    eprintln!(
        "wrote {} articles, {:.1} MB, to {}",
        args.count,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
