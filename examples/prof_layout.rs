//! Lays out the seed paragraphs a few times at widths 40, 80 and 160: a
//! small, deterministic workload for `valgrind --tool=callgrind`.

use std::hint::black_box;

use sahifa::text::{layout_paragraph, LayoutOptions};

fn main() {
    let paras: Vec<&str> = sahifa::corpus::seed_lines().collect();
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    for _ in 0..passes {
        for width in [40usize, 80, 160] {
            let opts = LayoutOptions {
                width,
                ..LayoutOptions::default()
            };
            for p in &paras {
                black_box(layout_paragraph(black_box(p), &opts));
            }
        }
    }
}
