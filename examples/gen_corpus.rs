//! Writes a synthetic corpus for benchmarks: the seed paragraphs recombined
//! with other numbers, names and dates, deterministic for a seed.
//!
//! cargo run --release --example gen_corpus -- --count 10000 --out /tmp/c10k          (a .txt directory)
//! cargo run --release --example gen_corpus -- --count 100000 --out /tmp/c100k.jsonl  (JSONL)
//! cargo run --release --example gen_corpus -- --count 100000 --dated --out /tmp/d100k.jsonl
//!
//! `--dated` (JSONL only) gives each record an outlet and, as news files do,
//! a publication date in no particular order of the ids: mostly a date and
//! time, some a date alone, one in twenty none. The reader lists such a
//! library newest first, so its order is not the order of import.

use clap::Parser;
use std::io::Write;
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
    /// Records with an outlet and a publication date (JSONL only).
    #[arg(long)]
    dated: bool,
}

const OUTLETS: [&str; 6] = [
    "وكالة الأنباء",
    "الجزيرة نت",
    "بي بي سي عربي",
    "سي إن إن بالعربية",
    "الرياض",
    "العربية",
];

/// A well-mixed 64-bit hash of `n` (splitmix64), so dates do not follow ids.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Article `n`'s date: none for one in twenty, a day alone for one in
/// seven, else a day and a time in UTC, between 2014 and 2025.
fn published(n: usize) -> Option<String> {
    let h = mix(n as u64);
    if h.is_multiple_of(20) {
        return None;
    }
    let (year, month, day) = (2014 + (h >> 8) % 12, 1 + (h >> 16) % 12, 1 + (h >> 24) % 28);
    let (hour, minute) = ((h >> 32) % 24, (h >> 40) % 60);
    Some(if h.is_multiple_of(7) {
        format!("{year}-{month:02}-{day:02}")
    } else {
        format!("{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z")
    })
}

fn dated(args: &Args) -> std::io::Result<u64> {
    let mut generator = sahifa::corpus::synthetic::Generator::new(args.seed);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    let mut bytes = 0;
    for n in 0..args.count {
        let a = generator.article(n);
        let mut record = serde_json::json!({
            "id": a.id,
            "title": a.title,
            "paragraphs": a.paragraphs,
            "outlet": OUTLETS[n % OUTLETS.len()],
        });
        if let Some(date) = published(n) {
            record["published"] = date.into();
        }
        let line = record.to_string();
        bytes += line.len() as u64 + 1;
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    Ok(bytes)
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let bytes = if args.dated {
        if args.out.extension().is_none_or(|e| e != "jsonl") {
            eprintln!("gen_corpus: --dated writes JSONL: give --out a name ending in .jsonl");
            std::process::exit(2);
        }
        dated(&args)?
    } else {
        sahifa::corpus::synthetic::write(args.count, args.seed, &args.out)?
    };
    eprintln!(
        "wrote {} articles, {:.1} MB, to {}",
        args.count,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
