//! `sahifa render` streams: each paragraph is written as soon as it has
//! arrived, in a pipe that never closes, and memory does not grow with the
//! input.

#[path = "support/isolated.rs"]
mod isolated;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn render(args: &[&str]) -> Child {
    isolated::sahifa()
        .arg("render")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs")
}

#[test]
fn a_pipe_that_never_closes_gets_each_paragraph_at_once() {
    let mut child = render(&["--width", "40", "--shape", "off", "--no-align"]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let next = || received.recv_timeout(Duration::from_secs(20));
    // stdin stays open between paragraphs, as in `tail -f | sahifa render`.
    stdin.write_all("مرحبا بالعالم\n".as_bytes()).unwrap();
    stdin.flush().unwrap();
    assert_eq!(next().as_deref(), Ok("ملاعلاب ابحرم"));
    stdin.write_all(b"second line\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(next().as_deref(), Ok("second line"));
    // A paragraph in two writes is written once it is whole.
    stdin.write_all("سطر ".as_bytes()).unwrap();
    stdin.flush().unwrap();
    assert!(received.recv_timeout(Duration::from_millis(300)).is_err());
    stdin.write_all("ثالث\n".as_bytes()).unwrap();
    stdin.flush().unwrap();
    assert_eq!(next().as_deref(), Ok("ثلاث رطس"));
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

/// The peak resident memory of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("/proc/PID/status (Linux) to read the peak memory");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

/// Streams `ordinary` bytes of seed paragraphs and then one paragraph of
/// 3 MB through `render`, keeping stdin open, and returns the peak resident
/// memory (KiB) once the last paragraph has come out, with the input size.
fn peak_while_streaming(ordinary: usize) -> (u64, usize) {
    let seeds: String = sahifa::corpus::seed_lines()
        .map(|l| format!("{l}\n"))
        .collect();
    let mut input = seeds.repeat(ordinary / seeds.len() + 1);
    input.push_str(&"كلمة وأخرى ".repeat(3_000_000 / 22));
    input.push('\n');
    // A last paragraph to know when everything before it has been laid out.
    input.push_str("END-OF-INPUT\n");

    let mut child = render(&["--width", "100", "--shape", "on"]);
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (done, finished) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut seen: Vec<u8> = Vec::new();
        let mut bytes = 0usize;
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    bytes += n;
                    seen.extend_from_slice(&buf[..n]);
                    if seen.windows(12).any(|w| w == b"END-OF-INPUT") {
                        let _ = done.send(bytes);
                    }
                    let keep = seen.len().saturating_sub(12);
                    seen.drain(..keep);
                }
            }
        }
    });
    let input_bytes = input.len();
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // Kept open: the measure is taken while render still waits.
        stdin
    });
    let stdin = writer.join().unwrap();
    let out_bytes = finished
        .recv_timeout(Duration::from_secs(120))
        .expect("the last paragraph is written while stdin is still open");
    assert!(
        out_bytes > input_bytes / 2,
        "{out_bytes} bytes out for {input_bytes} in"
    );
    let peak = peak_rss_kib(child.id());
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    (peak, input_bytes)
}

#[test]
fn memory_does_not_grow_with_the_input() {
    // The same longest paragraph (3 MB) in both runs; the second has 12 MB
    // more of ordinary paragraphs. Holding the input, or the output, would
    // add at least that much; streaming adds nothing but allocator noise.
    // (Absolute figures differ between debug and release builds and
    // machines, so the test compares two runs of the same binary.)
    let (small, small_in) = peak_while_streaming(1_000_000);
    let (large, large_in) = peak_while_streaming(13_000_000);
    eprintln!("peak RSS {small} KiB for {small_in} bytes, {large} KiB for {large_in}");
    assert!(
        large <= small + 4 * 1024,
        "peak RSS {small} KiB for {small_in} bytes in, {large} KiB for {large_in}"
    );
}
