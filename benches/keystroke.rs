//! Keystroke to frame: how long one key takes from `handle_key` to a drawn
//! frame (TestBackend, 120×40), on the seed corpus and on 10,000 generated
//! articles. Prints median, p99 and max per kind of key; not a test.
//!
//! cargo bench --bench keystroke

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sahifa::corpus::{synthetic, Corpus};
use sahifa::tui::{draw, handle_key, App, Key, KeyCode, PaneOrder, Settings};
use std::time::{Duration, Instant};

fn settings() -> Settings {
    Settings::for_order(PaneOrder::Rtl)
}

struct Timings {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Timings {
    fn report(&mut self, corpus: &str) {
        self.samples.sort_unstable();
        let n = self.samples.len();
        let at = |q: f64| self.samples[((n as f64 * q) as usize).min(n - 1)];
        println!(
            "{corpus:>10} {:<28} n={n:<5} median {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
            self.name,
            ms(at(0.5)),
            ms(at(0.99)),
            ms(self.samples[n - 1])
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Presses `key` and draws a frame; returns the time both took.
fn frame(app: &mut App, term: &mut Terminal<TestBackend>, key: Key) -> Duration {
    let start = Instant::now();
    handle_key(app, key);
    term.draw(|f| draw(f, app)).expect("draw");
    start.elapsed()
}

fn run(label: &str, corpus: &Corpus) {
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut app = App::new(corpus, settings(), 120, 40);
    term.draw(|f| draw(f, &app)).expect("draw");
    let mut list = Timings {
        name: "list j/k",
        samples: Vec::new(),
    };
    for i in 0..400 {
        let k = if (i / 100) % 2 == 0 { 'j' } else { 'k' };
        list.samples.push(frame(&mut app, &mut term, Key::ch(k)));
    }
    list.report(label);

    handle_key(&mut app, Key::plain(KeyCode::Enter));
    let mut scroll = Timings {
        name: "article scroll j/k/Ctrl-d",
        samples: Vec::new(),
    };
    for i in 0..400 {
        let key = match i % 10 {
            0 => Key::ctrl('d'),
            1 => Key::ch('g'),
            _ => Key::ch('j'),
        };
        scroll.samples.push(frame(&mut app, &mut term, key));
    }
    scroll.report(label);
    handle_key(&mut app, Key::plain(KeyCode::Tab));
    handle_key(&mut app, Key::plain(KeyCode::Tab));

    // The first filter keystroke normalises the corpus once; report it apart.
    handle_key(&mut app, Key::ch('/'));
    let first = frame(&mut app, &mut term, Key::ch('خ'));
    println!(
        "{label:>10} {:<28} {:>8.3} ms (one-time preparation)",
        "first filter key",
        ms(first)
    );
    let mut filter = Timings {
        name: "filter typing/backspace",
        samples: Vec::new(),
    };
    for _ in 0..20 {
        for c in "يرسون".chars() {
            filter.samples.push(frame(&mut app, &mut term, Key::ch(c)));
        }
        for _ in 0..5 {
            filter
                .samples
                .push(frame(&mut app, &mut term, Key::plain(KeyCode::Backspace)));
        }
    }
    for c in "يرسون".chars() {
        handle_key(&mut app, Key::ch(c));
    }
    filter.report(label);
    handle_key(&mut app, Key::plain(KeyCode::Enter));
    handle_key(&mut app, Key::plain(KeyCode::Enter));
    let mut jumps = Timings {
        name: "next match n/N",
        samples: Vec::new(),
    };
    for i in 0..200 {
        let k = if i % 3 == 2 { 'N' } else { 'n' };
        jumps.samples.push(frame(&mut app, &mut term, Key::ch(k)));
    }
    jumps.report(label);
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs it briefly too.
    let seeds = Corpus::bundled();
    run("seeds", &seeds);
    let generated = Corpus {
        articles: synthetic::generate(10_000, 1),
        warnings: Vec::new(),
    };
    let bytes: usize = generated
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(String::len)
        .sum();
    println!(
        "generated corpus: 10,000 articles, {:.1} MB",
        bytes as f64 / 1e6
    );
    run("10k", &generated);
}
