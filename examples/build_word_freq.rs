//! Builds `assets/word_freq_ar.txt`, how common each Arabic word form is in
//! general text, from the data of the `wordfreq` Python package (Robyn
//! Speer; data CC BY-SA 4.0, see `assets/word_freq_ar.LICENSE.md`).
//!
//! ```sh
//! pip download --no-deps wordfreq==3.1.1   # wordfreq-3.1.1-py3-none-any.whl
//! cargo run --release --example build_word_freq -- wordfreq-3.1.1-py3-none-any.whl assets/word_freq_ar.txt
//! ```
//!
//! Options: `--min-zipf Z` (default 2.0): forms rarer than that are left
//! out (about 190k forms are kept, 2.4 MB), so «absent» means «rarer than
//! Z or unknown».
//!
//! The wheel's `wordfreq/data/large_ar.msgpack.gz` is a gzipped msgpack list:
//! a header `{"format": "cB", "version": 1}`, then lists of words, the list
//! at index `i` holding the words whose frequency is `10^(-i/100)` (i
//! centibels below 1). Each form is normalised with sahifa's one normaliser
//! (forms that fold together add their frequencies), forms that are not a
//! single Arabic word are dropped, and the rest written with their Zipf value
//! (log10 of occurrences per billion words), rounded to a tenth, commonest
//! first. Deterministic: the same wheel gives the same bytes.

use anyhow::{bail, Context, Result};
use rmpv::Value;
use sahifa::text::normalize::{normalize, word_ranges};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;

const MEMBER: &str = "wordfreq/data/large_ar.msgpack.gz";

/// The cB lists of the wheel's Arabic data: `lists[i]` holds the forms at
/// `-i` centibels.
fn read_lists(wheel: &str) -> Result<Vec<Vec<String>>> {
    let file = std::fs::File::open(wheel).with_context(|| format!("opening {wheel}"))?;
    let mut zip = zip::ZipArchive::new(file).with_context(|| format!("{wheel} is not a zip"))?;
    let mut gz = Vec::new();
    zip.by_name(MEMBER)
        .with_context(|| format!("{wheel} holds no {MEMBER}"))?
        .read_to_end(&mut gz)?;
    let mut packed = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut packed)
        .context("decompressing the word list")?;
    let value = rmpv::decode::read_value(&mut packed.as_slice()).context("reading msgpack")?;
    let Value::Array(items) = value else {
        bail!("{MEMBER} is not a msgpack list");
    };
    let mut items = items.into_iter();
    let header = items.next().context("empty word list")?;
    let field = |key: &str| {
        header.as_map().and_then(|m| {
            m.iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v.clone())
        })
    };
    if field("format").and_then(|v| v.as_str().map(String::from)) != Some("cB".into())
        || field("version").and_then(|v| v.as_u64()) != Some(1)
    {
        bail!("{MEMBER}: unexpected header {header}");
    }
    items
        .enumerate()
        .map(|(i, list)| match list {
            Value::Array(words) => words
                .into_iter()
                .map(|w| match w {
                    Value::String(s) => s
                        .into_str()
                        .with_context(|| format!("a word at -{i} cB is not UTF-8")),
                    other => bail!("a word at -{i} cB is not a string: {other}"),
                })
                .collect(),
            other => bail!("entry -{i} cB is not a list: {other}"),
        })
        .collect()
}

/// Only Arabic letters (after normalisation, which leaves one word).
fn is_arabic_word(w: &str) -> bool {
    w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && !w.is_empty()
}

fn main() -> Result<()> {
    let mut min_zipf = 2.0f64;
    let mut rest = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--min-zipf" => {
                min_zipf = it
                    .next()
                    .context("--min-zipf needs a value")?
                    .parse()
                    .context("--min-zipf takes a number")?
            }
            "-h" | "--help" => {
                println!("usage: build_word_freq WORDFREQ.whl OUT.txt [--min-zipf Z]");
                return Ok(());
            }
            _ => rest.push(x),
        }
    }
    let [wheel, out] = rest.as_slice() else {
        bail!("usage: build_word_freq WORDFREQ.whl OUT.txt [--min-zipf Z]");
    };
    let lists = read_lists(wheel)?;
    let mut freq: HashMap<String, f64> = HashMap::new();
    let mut read = 0usize;
    for (cb, words) in lists.iter().enumerate() {
        let f = 10f64.powf(-(cb as f64) / 100.0);
        for w in words {
            read += 1;
            let n = normalize(w);
            let whole = {
                let mut ranges = word_ranges(&n);
                matches!((ranges.next(), ranges.next()), (Some(r), None) if r.len() == n.len())
            };
            if whole && is_arabic_word(&n) {
                *freq.entry(n).or_default() += f;
            }
        }
    }
    // Commonest first, ties in code-point order: the same bytes every time.
    let mut sorted: Vec<(u32, &str)> = freq
        .iter()
        .map(|(w, &f)| {
            (
                ((f.log10() + 9.0) * 10.0).round().max(0.0) as u32,
                w.as_str(),
            )
        })
        .collect();
    sorted.retain(|&(z, _)| f64::from(z) >= min_zipf * 10.0 - 1e-9);
    sorted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut text = String::from(
        "# How common each Arabic word form is in general text: Zipf value (log10 of\n\
         # occurrences per billion words) and the forms, normalised by sahifa, at that\n\
         # value. Derived from wordfreq 3.1.1 (Robyn Speer), data CC BY-SA 4.0: see\n\
         # word_freq_ar.LICENSE.md. Rebuilt by examples/build_word_freq.rs.\n",
    );
    for group in sorted.chunk_by(|a, b| a.0 == b.0) {
        let _ = write!(text, "{}.{}\t", group[0].0 / 10, group[0].0 % 10);
        for (i, (_, w)) in group.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(w);
        }
        text.push('\n');
    }
    std::fs::write(out, &text).with_context(|| format!("writing {out}"))?;
    println!(
        "{out}: {} of {} normalised forms ({read} read), Zipf {:.1}..{:.1}, {} bytes",
        sorted.len(),
        freq.len(),
        sorted.first().map_or(0.0, |s| f64::from(s.0) / 10.0),
        sorted.last().map_or(0.0, |s| f64::from(s.0) / 10.0),
        text.len()
    );
    Ok(())
}
