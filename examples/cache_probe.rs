//! Would a binary cache of the parsed corpus make a second start faster?
//! Loads a corpus, writes its articles in a compact binary form, reads that
//! back into articles, and prints the times (issue #8, part 4). The answer
//! and the figures are in the README's Performance section; this is the
//! prototype they were measured with, kept so they can be measured again.
//!
//! cargo run --release --example cache_probe -- /tmp/c100k.jsonl /tmp/cache.bin

use sahifa::corpus::{Article, Corpus, Metadata};
use std::path::PathBuf;
use std::time::Instant;

fn put(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_list(out: &mut Vec<u8>, items: &[String]) {
    out.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for s in items {
        put(out, s);
    }
}

fn put_opt(out: &mut Vec<u8>, s: &Option<String>) {
    match s {
        Some(s) => {
            out.push(1);
            put(out, s);
        }
        None => out.push(0),
    }
}

fn encode(a: &Article, out: &mut Vec<u8>) {
    put(out, &a.id);
    put(out, &a.title);
    put_list(out, &a.paragraphs);
    put(out, &a.source);
    put_list(out, &a.boilerplate);
    for f in [&a.meta.outlet, &a.meta.url, &a.meta.published, &a.meta.lang] {
        put_opt(out, f);
    }
    let extra = if a.meta.extra.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&a.meta.extra).unwrap_or_default()
    };
    put(out, &extra);
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u32(&mut self) -> usize {
        let (n, rest) = self.0.split_at(4);
        self.0 = rest;
        u32::from_le_bytes(n.try_into().unwrap()) as usize
    }
    fn str(&mut self) -> String {
        let n = self.u32();
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        // The cache is checked as a whole; strings are not re-validated.
        std::str::from_utf8(s).unwrap().to_string()
    }
    fn list(&mut self) -> Vec<String> {
        let n = self.u32();
        (0..n).map(|_| self.str()).collect()
    }
    fn opt(&mut self) -> Option<String> {
        let (flag, rest) = self.0.split_at(1);
        self.0 = rest;
        (flag[0] == 1).then(|| self.str())
    }
    fn article(&mut self) -> Article {
        let (id, title, paragraphs, source, boilerplate) =
            (self.str(), self.str(), self.list(), self.str(), self.list());
        let (outlet, url, published, lang) = (self.opt(), self.opt(), self.opt(), self.opt());
        let extra = self.str();
        let extra = if extra.is_empty() {
            Default::default()
        } else {
            serde_json::from_str(&extra).unwrap()
        };
        Article {
            id,
            title,
            paragraphs,
            source,
            meta: Metadata {
                outlet,
                url,
                published,
                // Not in the cache's format (measured before it existed).
                author: None,
                lang,
                extra,
            },
            boilerplate,
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus_path = PathBuf::from(&args[1]);
    let cache = PathBuf::from(&args[2]);

    let t = Instant::now();
    let corpus = Corpus::load(std::slice::from_ref(&corpus_path)).unwrap();
    let load = t.elapsed();

    let t = Instant::now();
    let mut bytes = Vec::new();
    let mut starts = Vec::new();
    for a in &corpus.articles {
        starts.push(bytes.len());
        encode(a, &mut bytes);
    }
    sahifa::data_dir::write_atomic(&cache, &bytes).unwrap();
    let write = t.elapsed();
    let n = corpus.articles.len();
    drop(corpus);

    let t = Instant::now();
    let data = std::fs::read(&cache).unwrap();
    let read = t.elapsed();
    let t = Instant::now();
    let valid = simdutf8::basic::from_utf8(&data).is_ok();
    let check = t.elapsed();
    let t = Instant::now();
    let mut r = Reader(&data);
    let one: Vec<Article> = (0..n).map(|_| r.article()).collect();
    let decode1 = t.elapsed();
    drop(one);
    // The same on two threads, from a table of where each article starts.
    let t = Instant::now();
    let mid = starts[n / 2];
    let (a, b) = data.split_at(mid);
    let both: Vec<Article> = std::thread::scope(|s| {
        let second = s.spawn(|| {
            let mut r = Reader(b);
            (n / 2..n).map(|_| r.article()).collect::<Vec<_>>()
        });
        let mut r = Reader(a);
        let mut first: Vec<Article> = (0..n / 2).map(|_| r.article()).collect();
        first.extend(second.join().unwrap());
        first
    });
    let decode2 = t.elapsed();
    println!(
        "{n} articles; load {load:.2?}; encode+write {write:.2?} ({:.0} MB); \
         read {read:.2?}; whole-file UTF-8 check {check:.2?} ({valid}); \
         rebuild 1 thread {decode1:.2?}, 2 threads {decode2:.2?} ({})",
        data.len() as f64 / 1e6,
        both.len()
    );
}
