//! The measurement behind the library's index choice: SQLite FTS5 over
//! the same word forms, its insert time, size and query times, for the
//! README's comparison with the bitmap index (`library_bench keys`).
//!
//! cargo run --release --example fts5_probe -- /tmp/c100k.jsonl /tmp/fts.db forms "1 2 3"
//! cargo run --release --example fts5_probe -- /tmp/c100k.jsonl /tmp/fts.db words none
//!
//! `forms`: each article's distinct words and their proclitic-stripped
//! readings; `words`: the words only, queried with the proclitics expanded
//! (an OR of 24 prefixes). The last argument is FTS5's `prefix` option, or
//! `none`.
use rusqlite::Connection;
use sahifa::corpus::Corpus;
use sahifa::text::normalize::{normalize, strip_proclitics, word_ranges};
use std::collections::HashSet;
use std::time::Instant;

fn forms(title: &str, paras: &[String], stripped: bool) -> String {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = String::new();
    let texts: Vec<String> = std::iter::once(title)
        .chain(paras.iter().map(String::as_str))
        .map(normalize)
        .collect();
    let mut all: Vec<String> = Vec::new();
    for t in &texts {
        for r in word_ranges(t) {
            let w = &t[r];
            if seen.insert(w) {
                all.push(w.to_string());
                if stripped {
                    for (_, rest) in strip_proclitics(w) {
                        all.push(rest.to_string());
                    }
                }
            }
        }
    }
    let mut s2: HashSet<String> = HashSet::new();
    for w in all {
        if s2.insert(w.clone()) {
            out.push_str(&w);
            out.push(' ');
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let db = &args[2];
    let stripped = args[3] == "forms";
    let prefix = &args[4];
    let t = Instant::now();
    let corpus = Corpus::load(&[path.into()]).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let n = corpus.articles.len();
    let threads = 2;
    let chunk = n.div_ceil(threads);
    let docs: Vec<String> = std::thread::scope(|s| {
        let hs: Vec<_> = corpus
            .articles
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|a| forms(&a.title, &a.paragraphs, stripped))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let tokens: usize = docs.iter().map(|d| d.matches(' ').count()).sum();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    eprintln!("forms {:?}: {tokens} tokens, {bytes} bytes", t.elapsed());
    let _ = std::fs::remove_file(db);
    let c = Connection::open(db).unwrap();
    c.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        .unwrap();
    let prefix_opt = if prefix == "none" {
        String::new()
    } else {
        format!(", prefix='{prefix}'")
    };
    c.execute_batch(&format!(
        "CREATE VIRTUAL TABLE w USING fts5(f, content='', contentless_delete=1, detail=none, tokenize='ascii'{prefix_opt});"
    ))
    .unwrap();
    if let Some(extra) = args.get(5) {
        c.execute_batch(extra).unwrap();
    }
    let t = Instant::now();
    c.execute_batch("BEGIN").unwrap();
    {
        let mut st = c
            .prepare("INSERT INTO w(rowid, f) VALUES (?1, ?2)")
            .unwrap();
        for (i, d) in docs.iter().enumerate() {
            st.execute(rusqlite::params![i as i64 + 1, d]).unwrap();
        }
    }
    c.execute_batch("COMMIT").unwrap();
    eprintln!("fts insert {:?}", t.elapsed());
    let t = Instant::now();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    eprintln!("checkpoint {:?}", t.elapsed());
    let size = std::fs::metadata(db).unwrap().len();
    eprintln!("size {:.1} MB", size as f64 / 1e6);
    let query = |q: &str| {
        if stripped {
            format!("\"{q}\"*")
        } else {
            expand(q)
        }
    };
    for q in [
        "خ",
        "خي",
        "خير",
        "خيرس",
        "خيرسو",
        "خيرسون",
        "ر",
        "رو",
        "روس",
        "روسي",
        "روسيا",
        "ا",
        "ال",
        "زابوريجيا",
        "بلينكن",
    ] {
        let t = Instant::now();
        let mut st = c
            .prepare_cached("SELECT rowid FROM w WHERE w MATCH ?1")
            .unwrap();
        let ids: Vec<i64> = st
            .query_map([query(q)], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let all = t.elapsed();
        let t = Instant::now();
        let mut st = c
            .prepare_cached("SELECT rowid FROM w WHERE w MATCH ?1 LIMIT 100")
            .unwrap();
        let first: Vec<i64> = st
            .query_map([query(q)], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        eprintln!(
            "{q}: {} rows in {:?}; first {} in {:?}",
            ids.len(),
            all,
            first.len(),
            t.elapsed()
        );
    }
}

fn expand(q: &str) -> String {
    let mut parts = vec![format!("\"{q}\"*")];
    for p in sahifa::text::normalize::PROCLITICS {
        parts.push(format!("\"{p}{q}\"*"));
    }
    parts.join(" OR ")
}
