//! Figures for the library, next to reference tools run on the same data
//! in the same run (rg over the JSONL, the sqlite3 shell over the library).
//!
//! cargo build --release
//! cargo run --release --example gen_corpus -- --count 100000 --out /tmp/c100k.jsonl
//! cargo run --release --example library_bench -- import /tmp/c100k.jsonl --data /tmp/lib100k
//! cargo run --release --example library_bench -- queries /tmp/c100k.jsonl --data /tmp/lib100k
//! cargo run --release --example library_bench -- keys --data /tmp/lib100k
//!
//! `import` starts from an empty data directory (it deletes DATA first).
//! `keys` types queries letter by letter and times what a reader's filter
//! computes per key (the candidate set from the index), no cache.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    Import {
        jsonl: PathBuf,
        #[arg(long)]
        data: PathBuf,
    },
    Queries {
        jsonl: PathBuf,
        #[arg(long)]
        data: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    Keys {
        #[arg(long)]
        data: PathBuf,
    },
}

fn sahifa() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    // target/release/examples/library_bench → target/release/sahifa
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("sahifa"))
        .unwrap_or_else(|| PathBuf::from("sahifa"))
}

/// CPU time (user + system) of the children waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let t = |tv: libc::timeval| Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Runs `cmd` (output discarded) and gives its wall and CPU time.
fn time_cpu(cmd: &mut Command) -> (Duration, Duration) {
    let before = children_cpu();
    let wall = time(cmd);
    (wall, children_cpu() - before)
}

/// Runs `cmd` (output discarded) and gives its wall time.
fn time(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    // rg says 1 when nothing matched.
    let none_found = cmd.get_program() == "rg" && status.code() == Some(1);
    assert!(status.success() || none_found, "{cmd:?} failed");
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    match Args::parse().what {
        What::Import { jsonl, data } => import(&jsonl, &data),
        What::Queries { jsonl, data, runs } => queries(&jsonl, &data, runs),
        What::Keys { data } => keys(&data),
    }
}

fn import(jsonl: &Path, data: &Path) {
    let _ = std::fs::remove_dir_all(data);
    let mb = std::fs::metadata(jsonl).map_or(0, |m| m.len()) as f64 / 1e6;
    let rg = time_cpu(Command::new("rg").args(["-c", "\"id\""]).arg(jsonl));
    let import = || {
        let mut c = Command::new(sahifa());
        c.arg("--data-dir").arg(data).arg("import").arg(jsonl);
        c
    };
    let first = time_cpu(&mut import());
    let db = data.join("library.db");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let on_disk = (size(&db) + size(&wal)) as f64 / 1e6;
    let again = time_cpu(&mut import());
    println!("{mb:.0} MB of JSONL; load average {}", load_average());
    println!("| what | wall | MB/s (wall) | CPU | MB per CPU-second |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, (wall, cpu)) in [
        ("rg -c '\"id\"' over the JSONL", rg),
        ("sahifa import (new library)", first),
        ("sahifa import again (all unchanged)", again),
    ] {
        println!(
            "| {what} | {:.2} s | {:.0} | {:.2} s | {:.0} |",
            wall.as_secs_f64(),
            mb / wall.as_secs_f64(),
            cpu.as_secs_f64(),
            mb / cpu.as_secs_f64()
        );
    }
    println!(
        "library on disk: {on_disk:.0} MB = {:.2}× the JSONL",
        on_disk / mb
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn queries(jsonl: &Path, data: &Path, runs: usize) {
    let db = data.join("library.db");
    let run = |cmd: &dyn Fn() -> Command| median((0..runs).map(|_| time(&mut cmd())).collect());
    let sahifa = |args: &'static [&'static str]| {
        move || {
            let mut c = Command::new(sahifa());
            c.arg("--data-dir").arg(data).args(args);
            c
        }
    };
    let sqlite = |sql: &'static str| {
        let db = db.clone();
        move || {
            let mut c = Command::new("sqlite3");
            c.arg("-json").arg(&db).arg(sql);
            c
        }
    };
    let rg = |word: &'static str| {
        let jsonl = jsonl.to_path_buf();
        move || {
            let mut c = Command::new("rg");
            c.arg("-c").arg(word).arg(&jsonl);
            c
        }
    };
    println!(
        "median of {runs} runs (warm cache); load average {}",
        load_average()
    );
    println!("| command | sahifa | reference | reference command |");
    println!("| --- | --- | --- | --- |");
    let rows: Vec<(&str, Duration, Duration, &str)> = vec![
        (
            "list --json",
            run(&sahifa(&["list", "--json"])),
            run(&sqlite("SELECT id, title, paragraph_count, word_count, outlet, published, url FROM articles ORDER BY n")),
            "sqlite3 -json: the same columns",
        ),
        (
            "show gen0054321",
            run(&sahifa(&["show", "gen0054321", "--visual", "never"])),
            run(&sqlite("SELECT * FROM articles JOIN texts USING (n) WHERE id = 'gen0054321'")),
            "sqlite3 -json: the row",
        ),
        (
            "search زابوريجيا --json (rare)",
            run(&sahifa(&["search", "زابوريجيا", "--json"])),
            run(&rg("زابوريجيا")),
            "rg -c over the JSONL",
        ),
        (
            "search بلينكن --json (in none)",
            run(&sahifa(&["search", "بلينكن", "--json"])),
            run(&rg("بلينكن")),
            "rg -c over the JSONL",
        ),
        (
            "search روسيا --json (common)",
            run(&sahifa(&["search", "روسيا", "--json"])),
            run(&rg("روسيا")),
            "rg -c over the JSONL",
        ),
    ];
    for (what, ours, theirs, how) in rows {
        println!("| `{what}` | {} | {} | {how} |", ms(ours), ms(theirs));
    }
}

fn keys(data: &Path) {
    let library = sahifa::library::Library::open_in(data).expect("opens");
    let n = library.len().unwrap_or(0);
    let typed = [
        "خيرسون",
        "روسيا",
        "زابوريجيا",
        "ستولتنبرغ",
        "بالدبابات",
        "\"وزارة الدفاع",
        "nlaw",
        "بلينكن",
        "خيرسون روسيا",
    ];
    let mut all = Vec::new();
    println!("{n} articles; the candidate set per key (no cache):");
    for q in typed {
        let mut line = Vec::new();
        let chars: Vec<char> = q.chars().collect();
        for k in 1..=chars.len() {
            let prefix: String = chars[..k].iter().collect();
            let query = sahifa::search::Query::parse(&prefix);
            let start = Instant::now();
            let found = library.candidates(&query).expect("query");
            let took = start.elapsed();
            all.push(took);
            let count = found.map_or(n as u64, |b| b.len());
            line.push(format!("{count}:{}", ms(took)));
        }
        println!("  {q}: {}", line.join(" "));
    }
    all.sort();
    let p = |q: f64| all[((all.len() - 1) as f64 * q) as usize];
    println!(
        "{} keys: median {}, p90 {}, max {}",
        all.len(),
        ms(p(0.5)),
        ms(p(0.9)),
        ms(p(1.0))
    );
}
