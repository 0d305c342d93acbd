//! `sahifa render` against GNU FriBidi on the same input, in the same run:
//! whole-process CPU time (user + system) and peak resident memory, from
//! `/usr/bin/time`, which do not depend on the machine's load the way wall
//! time does.
//!
//! The input is the seed articles' paragraphs repeated to
//! `SAHIFA_BENCH_RENDER_MB` megabytes (default 40), one paragraph per line.
//! Each round runs, in turn: `sahifa render --width 80` (wraps, shapes,
//! right-aligns), `fribidi --width 80` (the same job: FriBidi wraps too and
//! pads right-to-left lines), and `fribidi --nobreak --nopad` (no wrapping,
//! less work). `SAHIFA_BENCH_OLD_RENDER=/path/to/sahifa` adds another build's
//! render to each round, for a before/after comparison.
//!
//! ```sh
//! cargo bench --bench render
//! SAHIFA_BENCH_RENDER_MB=4 SAHIFA_BENCH_ROUNDS=3 cargo bench --bench render
//! ```

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// One run's figures: CPU seconds (user + system) and peak RSS in KiB.
#[derive(Clone, Copy)]
struct Run {
    cpu: f64,
    rss_kib: u64,
}

/// Runs `program args < input > /dev/null` under `/usr/bin/time`.
fn timed(program: &str, args: &[&str], input: &Path) -> Option<Run> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M"])
        .arg(program)
        .args(args)
        .stdin(File::open(input).ok()?)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last()?;
    let mut fields = last.split_whitespace();
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    let rss_kib: u64 = fields.next()?.parse().ok()?;
    Some(Run {
        cpu: user + system,
        rss_kib,
    })
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let megabytes = env_number("SAHIFA_BENCH_RENDER_MB", 40);
    let rounds = env_number("SAHIFA_BENCH_ROUNDS", 5).max(1);
    let once: String = sahifa::corpus::seed_lines()
        .map(|l| format!("{l}\n"))
        .collect();
    let text = once.repeat((megabytes * 1_000_000).div_ceil(once.len()));
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let input = dir.path().join("paragraphs.txt");
    File::create(&input)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write the input");
    let sahifa = env!("CARGO_BIN_EXE_sahifa");
    let old = std::env::var("SAHIFA_BENCH_OLD_RENDER").ok();
    let mut contenders: Vec<(String, String, Vec<&str>)> = vec![
        (
            "sahifa render --width 80".into(),
            sahifa.into(),
            vec!["render", "--width", "80"],
        ),
        (
            "fribidi --width 80".into(),
            "fribidi".into(),
            vec!["--width", "80"],
        ),
        (
            "fribidi --nobreak --nopad".into(),
            "fribidi".into(),
            vec!["--nobreak", "--nopad"],
        ),
    ];
    if let Some(old) = &old {
        contenders.push((
            "old sahifa render --width 80".into(),
            old.clone(),
            vec!["render", "--width", "80"],
        ));
    }
    println!(
        "render: {} bytes ({} paragraphs), {rounds} rounds, each contender in turn",
        text.len(),
        text.lines().count()
    );
    let mut results: Vec<Vec<Run>> = vec![Vec::new(); contenders.len()];
    for round in 0..rounds {
        for (i, (name, program, args)) in contenders.iter().enumerate() {
            match timed(program, args, &input) {
                Some(run) => {
                    println!(
                        "  round {round}: {name:<30} {:6.2} s CPU  {:7} KiB peak",
                        run.cpu, run.rss_kib
                    );
                    results[i].push(run);
                }
                None => println!("  round {round}: {name:<30} did not run (is it installed?)"),
            }
        }
    }
    println!("medians:");
    let mb = text.len() as f64 / 1e6;
    for ((name, ..), runs) in contenders.iter().zip(&results) {
        if runs.is_empty() {
            continue;
        }
        let cpu = median(runs.iter().map(|r| r.cpu).collect());
        let rss = median(runs.iter().map(|r| r.rss_kib as f64).collect());
        println!(
            "  {name:<30} {cpu:6.2} s CPU ({:5.1} MB/s)  {:8.1} MiB peak RSS",
            mb / cpu,
            rss / 1024.0
        );
    }
}
