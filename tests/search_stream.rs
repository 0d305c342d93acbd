//! Searching while reading (`search::search_paths`) gives exactly what
//! searching the loaded corpus gives: the same articles, ids (duplicates
//! renamed), titles and hits, the same count and the same warnings in the
//! same order, on a messy corpus of every format.

#[path = "support/isolated.rs"]
mod isolated;

use sahifa::corpus::{synthetic, Corpus, LoadError, Progress, SEEDS};
use sahifa::search::{count_paths, search_paths, Hit, PreparedArticle, Query};
use std::io::Write;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A page as the generator's .txt corpus writes it, with site furniture.
fn page(title: &str, paragraphs: &[String]) -> String {
    format!(
        "التخطي إلى المحتوى\n\n{title}\n\n{}\n\nشارك\n\nقد يهمك أيضاً\n\nخبر آخر\n",
        paragraphs.join("\n\n")
    )
}

fn messy_corpus(dir: &Path, big_jsonl: bool) -> Vec<PathBuf> {
    let articles = synthetic::generate(400, 3);
    for (n, a) in articles.iter().enumerate().take(300) {
        write(
            dir,
            &format!("txt/{:02}/{}.txt", n % 7, a.id),
            page(&a.title, &a.paragraphs),
        );
    }
    for (name, text) in SEEDS {
        write(dir, &format!("seeds/{name}"), text);
    }
    // A duplicate id (same stem in another directory), a page whose title is
    // its lead sentence, a BOM, CRLF line ends, harakat, tatweel and ZWNJ.
    let a = &articles[0];
    write(
        dir,
        &format!("dup/{}.txt", a.id),
        page(&a.title, &a.paragraphs[1..]),
    );
    write(dir, "odd/lead.txt", "قال الجنود الروس إنهم انسحبوا من خيرسون. وأضافوا أن روسيا ستعود.\nفقرة ثانية عن زابوريجيا.\n");
    write(
        dir,
        "odd/bom.txt",
        "\u{feff}عنوان\r\n\r\nجُنُودٌ روس فـي زابو\u{200C}ريجيا.\r\n",
    );
    // Letters a search looks for first, beside marks, tatweel, variant
    // letters, a lam-alef ligature and a decomposed hamza.
    write(
        dir,
        "odd/marks.txt",
        "بَلينكن في كييف\n\nقال ب\u{0640}لينكن وبلينكنُ إن رو\u{064E}سى و\u{200C}روسيا\n\nبي\u{0654}ر و\u{FEFB}جي وبالأمس سى\n",
    );
    // Bad files: binary, invalid UTF-8, empty, furniture only.
    write(
        dir,
        "bad/binary.txt",
        [&b"\x00\x01"[..], "روسيا".as_bytes()].concat(),
    );
    let mut invalid = page("عنوان", &["روسيا وأوكرانيا.".to_string()]).into_bytes();
    invalid.insert(20, 0xff);
    write(dir, "bad/invalid.txt", invalid);
    write(dir, "bad/empty.txt", "");
    write(dir, "bad/furniture.txt", "Share\n\nتعليقات\n");
    // JSON and JSONL, with bad records.
    let record = |a: &sahifa::corpus::Article| {
        serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs}).to_string()
    };
    let json: Vec<String> = articles[300..320].iter().map(record).collect();
    write(
        dir,
        "json/array.json",
        format!("[{}, 7, {{\"title\": 1}}]", json.join(",")),
    );
    write(dir, "json/broken.json", "[{\"title\": ");
    let mut lines: Vec<String> = articles[320..400].iter().map(record).collect();
    lines.insert(5, "{not json".into());
    lines.insert(9, String::new());
    lines.push(record(&articles[1])); // a duplicate id across formats
    write(dir, "json/lines.jsonl", lines.join("\n"));
    write(dir, "json/ignored.csv", "not a corpus file");
    let mut paths = vec![dir.to_path_buf()];
    if big_jsonl {
        // Bigger than one 8 MB block: read in blocks, then searched.
        let path = dir.join("big.jsonl");
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for (n, a) in synthetic::generate(2_600, 11).iter().enumerate() {
            if n == 3 {
                writeln!(file, "[]").unwrap();
            }
            writeln!(file, "{}", record(a)).unwrap();
        }
        drop(file);
        paths.push(path);
    }
    // A file given by name whose extension is unknown is read as a page.
    paths.push(write(
        &dir.join("..").join("extra"),
        "note.md",
        "ملاحظة\n\nروسيا في النص.\n",
    ));
    paths
}

const QUERIES: &[&str] = &[
    "روسيا",
    "زابوريجيا",
    "بلينكن",
    "خيرسون -روسيا",
    "\"الجنود الروس\"",
    "«حلف شمال الأطلسي»",
    "الدروع",
    "NLAW",
    "أوكرانيا بوتين -كييف",
    "للقوات",
    "جنرال -\"القوات المسلحة\"",
    "جنود",
    "ستولتنبرغ 2022",
    "-روسيا",
    "-",
    "بئر",
    "لاجي",
    "روسى",
    "سيا",
];

type Found = (String, String, Vec<Hit>);

/// Load everything, then search: the reference.
fn whole(corpus: &Corpus, query: &Query) -> (Vec<Found>, usize, Vec<String>) {
    let found = corpus
        .articles
        .iter()
        .filter_map(|a| {
            let hits = PreparedArticle::new(a).hits(query)?;
            Some((a.id.clone(), a.title.clone(), hits))
        })
        .collect();
    let warnings = corpus.warnings.iter().map(|w| w.to_string()).collect();
    (found, corpus.articles.len(), warnings)
}

fn streamed(paths: &[PathBuf], query: &Query) -> (Vec<Found>, usize, Vec<String>) {
    let progress = Progress::default();
    let keep = |a: &sahifa::corpus::ArticleRef, hits| (a.title.to_string(), hits);
    let s = search_paths(paths, query, Some(&progress), keep).unwrap();
    // Nobody shown the progress: the same, without sizing files first.
    let unwatched = search_paths(paths, query, None, keep).unwrap();
    assert_eq!((&unwatched.ids, &unwatched.kept), (&s.ids, &s.kept));
    // A count: as many articles, as many of them matching.
    let counted = count_paths(paths, query, None).unwrap();
    assert_eq!(counted.kept.len(), s.kept.len());
    assert_eq!(counted.total(), s.total());
    assert_eq!(unwatched.warnings.len(), s.warnings.len());
    let total_read = s.total();
    let found = s
        .kept
        .into_iter()
        .map(|(i, (title, hits))| (s.ids[i].clone(), title, hits))
        .collect();
    let warnings = s.warnings.iter().map(|w| w.to_string()).collect();
    let done = progress
        .done_bytes
        .load(std::sync::atomic::Ordering::Relaxed);
    let total = progress
        .total_bytes
        .load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(done, total, "progress ends at 100%");
    (found, total_read, warnings)
}

fn compare(paths: &[PathBuf], queries: &[&str]) -> Vec<String> {
    let corpus = Corpus::load(paths).unwrap();
    let mut warnings = Vec::new();
    for q in queries {
        let query = Query::parse(q);
        let (want, want_total, want_warnings) = whole(&corpus, &query);
        let (got, total, got_warnings) = streamed(paths, &query);
        assert_eq!(total, want_total, "{q}");
        assert_eq!(got_warnings, want_warnings, "{q}");
        assert_eq!(got, want, "{q}");
        if *q == "روسيا" {
            assert!(want.len() > 200, "the corpus is searched: {}", want.len());
        }
        warnings = got_warnings;
    }
    warnings
}

#[test]
fn streamed_search_equals_loading_then_searching() {
    let root = tempfile::TempDir::new().unwrap();
    let paths = messy_corpus(&root.path().join("corpus"), false);
    let warnings = compare(&paths, QUERIES);
    for expected in [
        "duplicate id",
        "not valid UTF-8",
        "binary file",
        "empty",
        "malformed JSON",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}: {warnings:?}"
        );
    }
}

#[test]
fn a_big_jsonl_file_is_searched_after_loading_in_blocks() {
    let root = tempfile::TempDir::new().unwrap();
    let paths = messy_corpus(&root.path().join("corpus"), true);
    compare(&paths, &["خيرسون -روسيا"]);
}

#[test]
fn streamed_search_of_a_missing_path_is_the_same_error() {
    let missing = [PathBuf::from("/no/such/corpus")];
    let query = Query::parse("روسيا");
    let err = search_paths(&missing, &query, None, |_, h| h).unwrap_err();
    assert!(matches!(err, LoadError::NotFound(_)), "{err}");
    assert_eq!(
        err.to_string(),
        Corpus::load(&missing).unwrap_err().to_string()
    );
}

#[test]
fn a_cancelled_stream_stops() {
    let root = tempfile::TempDir::new().unwrap();
    let paths = messy_corpus(&root.path().join("corpus"), false);
    let progress = Progress::default();
    progress
        .cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let query = Query::parse("روسيا");
    let err = search_paths(&paths, &query, Some(&progress), |_, h| h).unwrap_err();
    assert!(matches!(err, LoadError::Cancelled), "{err}");
}

/// The command line: `--corpus DIR search` (searched while reading) prints
/// byte for byte what searching the bundled corpus (loaded whole) prints,
/// when DIR holds the same pages.
#[test]
fn the_command_line_prints_the_same_either_way() {
    let root = tempfile::TempDir::new().unwrap();
    for (name, text) in SEEDS {
        write(root.path(), name, text);
    }
    let dir = root.path().to_str().unwrap();
    // Without --corpus: a new library of the test's own, holding the seeds.
    let data = tempfile::TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let out = isolated::sahifa()
            .args(args)
            .env("NO_COLOR", "1")
            .env("SAHIFA_DATA_DIR", data.path())
            .output()
            .unwrap();
        (out.status.code(), out.stdout, out.stderr)
    };
    for q in QUERIES {
        for format in [
            &["--json"][..],
            &["--visual", "never"],
            &["--visual", "always"],
        ] {
            let mut bundled = vec!["search", q];
            bundled.extend(format);
            let mut streamed = vec!["--corpus", dir];
            streamed.extend(&bundled);
            let (want, got) = (run(&bundled), run(&streamed));
            assert_eq!(got.0, want.0, "{q} {format:?}");
            assert_eq!(
                String::from_utf8_lossy(&got.1),
                String::from_utf8_lossy(&want.1),
                "{q}"
            );
            assert_eq!(
                String::from_utf8_lossy(&got.2),
                String::from_utf8_lossy(&want.2),
                "{q}"
            );
        }
    }
    // Bad input: the same exit code and message as a whole load.
    let missing = run(&["--corpus", "/no/such/corpus", "search", "روسيا"]);
    assert_eq!(missing.0, Some(2));
    assert_eq!(missing.2, run(&["--corpus", "/no/such/corpus", "list"]).2);
}

/// A JSONL line that cannot hold the query's words is not parsed (so a
/// problem inside it goes unreported by `search`), while the ids and the
/// matches are those of a full load.
#[test]
fn jsonl_lines_without_the_word_are_not_parsed() {
    let root = tempfile::TempDir::new().unwrap();
    let lines = [
        // Not parsed for «زابوريجيا»: its bad date is not reported.
        r#"{"id": "a", "title": "خبر عن كييف", "body": "نص.", "published": "غدا"}"#,
        // The same id again, holding the word: renamed as a load renames it.
        r#"{"id": "a", "title": "قصف على زابوريجيا", "body": "نص.", "published": "أمس"}"#,
        // The word escaped as JSON writes non-ASCII text with ensure_ascii.
        r#"{"title": "\u0632\u0627\u0628\u0648\u0631\u064a\u062c\u064a\u0627", "body": "x"}"#,
        // No id and no word: counted, not parsed.
        r#"{"title": "خبر ثالث", "body": "نص."}"#,
        "{not json",
    ];
    let path = write(root.path(), "n.jsonl", lines.join("\n"));
    let paths = [path];
    let query = Query::parse("زابوريجيا");
    let keep = |a: &sahifa::corpus::ArticleRef, hits: Vec<Hit>| (a.title.to_string(), hits.len());
    let s = search_paths(&paths, &query, None, keep).unwrap();
    let found: Vec<(&str, &str)> = s
        .kept
        .iter()
        .map(|(i, (title, _))| (s.ids[*i].as_str(), title.as_str()))
        .collect();
    let loaded = Corpus::load(&paths).unwrap();
    assert_eq!(loaded.articles[1].id, "a-2");
    assert_eq!(
        found,
        [
            ("a-2", "قصف على زابوريجيا"),
            (loaded.articles[2].id.as_str(), "زابوريجيا")
        ]
    );
    assert_eq!(s.total(), loaded.articles.len());
    let warnings: Vec<String> = s.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("n.jsonl:2") && w.contains("أمس")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("n.jsonl:1:")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("n.jsonl:5") && w.contains("malformed")),
        "{warnings:?}"
    );
    // A full load reports the first line's date.
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.place.ends_with("n.jsonl:1")));
}

/// JSONL lines as other tools write them (see the tests below).
const SPECIAL: [&str; 13] = [
    r#"{"id":"d1","title":"زيارة \"بلينكن\" إلى كييف","body":"قال\tبلينكن\nإن روسيا ترفض"}"#,
    r#"{"id":"d1","title":"\u0628\u0644\u064a\u0646\u0643\u0646 في موسكو","paragraphs":["روسيا\r\nو","x"]}"#,
    r#"{"id": 7, "headline": "روسيا", "content": "بلي\u0640نكن وزابو\u200cريجيا"}"#,
    r#"{"title": "خبر", "body": ["زابوريجيا", "نص"], "published": "أمس"}"#,
    r#"{"title": "مكسور", "body": }"#,
    r#"{"title": "مكسور روسيا" "body": "x"}"#,
    "[]",
    "",
    "   ",
    r#"{"id":"d1","title":"بَلينكنُ","body":"روسيى في زابوريجيا"}"#,
    r#"{"title":"Blinken","body":"\\u0628 ليست بلينكن"}"#,
    r#"{"id":"d1","title":"آخر","body":"لا شيء هنا"}"#,
    // Alef and ya variants, the id last (and a duplicate).
    r#"{"body":["روسيآ وروسيأ","بلينكين"],"title":"أخبار روسىا","id":"d1"}"#,
];

/// JSONL as other tools write it: escapes (`\"`, `\n`, `\t`, `\u` for
/// Arabic letters, a tatweel and a ZWNJ, an escaped backslash before a
/// `u`), CRLF line ends, object-shaped and other malformed lines, an array,
/// blank lines, harakat, duplicate ids. Searched while read (mapped, when
/// the file is big, or read), it gives the articles, ids, titles and hits
/// of a full load, and no warning a full load does not give.
#[test]
fn jsonl_with_escapes_crlf_and_bad_lines_searches_as_loaded() {
    let special = SPECIAL;
    let record = |a: &sahifa::corpus::Article| {
        serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs}).to_string()
    };
    let filler: Vec<String> = synthetic::generate(400, 5).iter().map(record).collect();
    let root = tempfile::TempDir::new().unwrap();
    for (name, count) in [("small.jsonl", 20), ("big.jsonl", 400)] {
        let mut lines: Vec<String> = special.iter().map(|l| l.to_string()).collect();
        lines.extend(filler[..count].iter().cloned());
        lines.extend(special.iter().map(|l| l.to_string()));
        let path = write(root.path(), name, lines.join("\r\n") + "\r\n");
        let size = std::fs::metadata(&path).unwrap().len();
        assert_eq!(size > 1 << 20, name == "big.jsonl", "{size}");
        let paths = [path];
        let corpus = Corpus::load(&paths).unwrap();
        for q in [
            "بلينكن",
            "روسيا",
            "زابوريجيا",
            "روسيا -بلينكن",
            "بلينكن كييف",
            "سيا",
            "\"في موسكو\"",
        ] {
            let query = Query::parse(q);
            let (want, want_total, want_warnings) = whole(&corpus, &query);
            let (got, total, got_warnings) = streamed(&paths, &query);
            // The two malformed object-shaped lines (twice) are counted as
            // articles when they are not parsed (see the README).
            assert!(
                (want_total..=want_total + 4).contains(&total),
                "{name} {q}: {total}"
            );
            assert_eq!(got, want, "{name} {q}");
            for w in &got_warnings {
                assert!(want_warnings.contains(w), "{name} {q}: {w}");
            }
            if q == "بلينكن" {
                assert!(want.len() >= 8, "{name}: {}", want.len());
            }
        }
    }
}

/// A file of several blocks where most lines hold the word (the lines of a
/// block after one whose lines were mostly kept are read before they are
/// looked at raw) and where few do, with the lines above in every block, a
/// line of bad UTF-8 in a later block, CRLF ends and no final newline:
/// searched while read, it gives the articles, ids, titles and hits of a
/// full load, and no warning a full load does not give.
#[test]
fn a_file_of_many_blocks_searches_as_loaded_for_common_and_rare_words() {
    let record = |a: &sahifa::corpus::Article| {
        serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs}).to_string()
    };
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for (n, a) in synthetic::generate(3_600, 17).iter().enumerate() {
        if n % 500 == 7 {
            lines.extend(SPECIAL.iter().map(|l| l.as_bytes().to_vec()));
        }
        if n == 3_000 {
            let mut bad = r#"{"id":"bad","title":"روسيا "#.as_bytes().to_vec();
            bad.extend(b"\xff\xfe");
            bad.extend(r#" بلينكن","body":"روسيا"}"#.as_bytes());
            lines.push(bad);
        }
        lines.push(record(a).into_bytes());
    }
    let root = tempfile::TempDir::new().unwrap();
    let path = write(root.path(), "many.jsonl", lines.join(&b"\r\n"[..]));
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 17 << 20, "three blocks or more: {size}");
    let paths = [path];
    let corpus = Corpus::load(&paths).unwrap();
    for q in ["روسيا", "بلينكن", "روسيا -بلينكن"] {
        let query = Query::parse(q);
        let (want, want_total, want_warnings) = whole(&corpus, &query);
        let (got, total, got_warnings) = streamed(&paths, &query);
        // Malformed object-shaped lines are counted as articles when they
        // are not parsed (see the README).
        assert!(
            (want_total..=want_total + 16).contains(&total),
            "{q}: {total} of {want_total}"
        );
        assert_eq!(got.len(), want.len(), "{q}");
        assert!(got == want, "{q}");
        for w in &got_warnings {
            assert!(want_warnings.contains(w), "{q}: {w}");
        }
        if q == "روسيا" {
            assert!(want.len() > 3_000, "{}", want.len());
            assert!(got.iter().any(|f| f.0 == "bad"), "the bad line is searched");
            assert!(got_warnings.iter().any(|w| w.contains("not valid UTF-8")));
        }
    }
}
