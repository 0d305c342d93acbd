//! Layout throughput on the seed articles at widths 40, 80 and 160, with
//! `fribidi --nobreak` on the same text measured alongside for comparison.
//!
//! FriBidi is timed as a subprocess over the seed text repeated enough times
//! (about 1 MB) that process start-up is a small part of the time, and also
//! once over the seed text itself (one invocation, start-up included). Its
//! figures are printed before the criterion results, in decimal MB/s (10^6
//! bytes per second) over exactly the bytes laid out here (the paragraphs
//! joined by newlines); the criterion throughput is reported in the same unit
//! over the same byte count. FriBidi's figure is the best of five runs, the
//! criterion one a median, which if anything favours FriBidi. FriBidi does
//! not wrap, so it does strictly less work than the layout here.

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sahifa::text::{layout_paragraph, LayoutOptions};

fn seed_paragraphs() -> Vec<String> {
    sahifa::corpus::seed_lines().map(str::to_string).collect()
}

/// Best of several runs of `fribidi --nobreak` over `input`: the time of
/// one invocation.
fn fribidi_best(input: &str, runs: usize) -> Option<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let mut child = Command::new("fribidi")
            .args(["--nobreak", "--nopad"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let mut stdin = child.stdin.take()?;
        let data = input.to_string();
        let writer = std::thread::spawn(move || stdin.write_all(data.as_bytes()));
        let out = child.wait_with_output().ok()?;
        writer.join().ok()?.ok()?;
        black_box(out.stdout.len());
        best = best.min(start.elapsed());
    }
    Some(best)
}

/// Throughput in decimal MB/s.
fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / time.as_secs_f64() / 1e6
}

fn bench_layout(c: &mut Criterion) {
    let paras = seed_paragraphs();
    let once = paras.join("\n") + "\n";
    let bytes = once.len();
    let big = once.repeat((1_000_000 / once.len()).max(1));
    match (fribidi_best(&once, 5), fribidi_best(&big, 5)) {
        (Some(small), Some(large)) => println!(
            "fribidi --nobreak: {:.1} MB/s over {} bytes (the seed text repeated); \
             one invocation on the {bytes} bytes of seed text: {:.2} ms = {:.1} MB/s (start-up included)",
            mb_per_s(big.len(), large),
            big.len(),
            small.as_secs_f64() * 1e3,
            mb_per_s(bytes, small),
        ),
        _ => println!("fribidi not available (apt-get install libfribidi-bin): no comparison figure"),
    }

    let mut group = c.benchmark_group("layout_seeds");
    // Decimal MB/s, the unit of the FriBidi figures above.
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(4));
    for width in [40usize, 80, 160] {
        let opts = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        group.bench_function(format!("width_{width}"), |b| {
            b.iter(|| {
                for p in &paras {
                    black_box(layout_paragraph(black_box(p), &opts));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
