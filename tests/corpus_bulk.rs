//! Loading at scale must give exactly what loading file by file gives:
//! the same articles in the same order, the same warnings, line numbers
//! and byte offsets included.

use sahifa::corpus::{load_bytes, synthetic, Corpus, LoadError, Progress, Rules};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::Ordering;

#[test]
fn a_big_jsonl_file_loads_in_blocks_exactly_as_in_one_piece() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all("\u{feff}".as_bytes()).unwrap();
    for (n, a) in synthetic::generate(2_600, 11).into_iter().enumerate() {
        let line = match n {
            7 => "{not json".to_string(),
            8 => String::new(),
            _ => serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs})
                .to_string(),
        };
        if n == 1_900 {
            // An invalid byte deep inside the file (past the first 8 MB block).
            let mut bytes = line.into_bytes();
            bytes[10] = 0xff;
            file.write_all(&bytes).unwrap();
        } else {
            file.write_all(line.as_bytes()).unwrap();
        }
        file.write_all(b"\n").unwrap();
    }
    drop(file);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() > 9 << 20,
        "bigger than one block: {}",
        bytes.len()
    );
    // Where the bad byte ended up, counted from the file itself.
    let bad_utf8_at = bytes.iter().position(|&b| b == 0xff).unwrap();

    let progress = Progress::default();
    let bulk = Corpus::load_with(std::slice::from_ref(&path), &progress).unwrap();
    let name = path.display().to_string();
    let whole = load_bytes(&name, Path::new(&path), &bytes, Rules::bundled());
    assert_eq!(bulk.articles.len(), 2_598);
    assert_eq!(bulk.articles, whole.articles);
    // The same warnings (in one piece the file-level UTF-8 one comes first).
    let mut warnings: Vec<String> = bulk.warnings.iter().map(|w| w.to_string()).collect();
    let mut expected: Vec<String> = whole.warnings.iter().map(|w| w.to_string()).collect();
    warnings.sort();
    expected.sort();
    assert_eq!(warnings, expected);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("big.jsonl:8:") && w.contains("malformed")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(&format!("byte {bad_utf8_at}"))),
        "{warnings:?}"
    );
    assert_eq!(
        progress.done_bytes.load(Ordering::Relaxed),
        bytes.len() as u64
    );
    assert_eq!(
        progress.total_bytes.load(Ordering::Relaxed),
        bytes.len() as u64
    );
}

#[test]
fn many_files_load_in_path_order_on_all_cores_and_can_be_cancelled() {
    let dir = tempfile::TempDir::new().unwrap();
    for (n, a) in synthetic::generate(300, 5).into_iter().enumerate() {
        let text = format!("{}\n\n{}\n", a.title, a.paragraphs.join("\n\n"));
        std::fs::write(dir.path().join(format!("{n:04}.txt")), text).unwrap();
    }
    let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let ids: Vec<String> = c.articles.iter().map(|a| a.id.clone()).collect();
    let expected: Vec<String> = (0..300).map(|n| format!("{n:04}")).collect();
    assert_eq!(ids, expected);

    let progress = Progress::default();
    progress.cancel.store(true, Ordering::Relaxed);
    let err = Corpus::load_with(&[dir.path().to_path_buf()], &progress).unwrap_err();
    assert!(matches!(err, LoadError::Cancelled));
}

/// The reader shows articles while the rest loads: pieces come in order,
/// the first long before the end, and together they are the whole corpus
/// (duplicate ids renamed across pieces exactly as in one load).
#[test]
fn streaming_hands_over_pieces_in_order_that_add_up_to_the_whole_load() {
    let dir = tempfile::TempDir::new().unwrap();
    for (n, a) in synthetic::generate(1_500, 9).into_iter().enumerate() {
        // Every 500th file repeats the id of file 0: renamed -2, -3 later on.
        let id = if n % 500 == 0 {
            "0000".to_string()
        } else {
            format!("{n:04}")
        };
        let record = serde_json::json!({"id": id, "title": a.title, "paragraphs": a.paragraphs});
        std::fs::write(dir.path().join(format!("{n:04}.json")), record.to_string()).unwrap();
    }
    std::fs::write(dir.path().join("9999.txt"), b"").unwrap();
    let whole = Corpus::load(&[dir.path().to_path_buf()]).unwrap();

    let (files, walk_warnings) = Corpus::files(&[dir.path().to_path_buf()]).unwrap();
    assert!(walk_warnings.is_empty());
    let progress = Progress::default();
    let mut pieces = Vec::new();
    let mut done_at_first_piece = None;
    Corpus::load_pieces(&files, &progress, |piece| {
        done_at_first_piece.get_or_insert(progress.done_bytes.load(Ordering::Relaxed));
        pieces.push(piece);
    })
    .unwrap();
    assert!(pieces.len() >= 3, "{} pieces", pieces.len());
    let total = progress.total_bytes.load(Ordering::Relaxed);
    assert!(done_at_first_piece.unwrap() * 2 < total);

    let articles: Vec<_> = pieces.iter().flat_map(|p| p.articles.clone()).collect();
    let mut warnings: Vec<String> = pieces
        .iter()
        .flat_map(|p| p.warnings.iter().map(|w| w.to_string()))
        .collect();
    assert_eq!(articles, whole.articles);
    // The same warnings; a renamed duplicate's comes with its piece here,
    // after everything else in a whole load.
    let mut expected: Vec<String> = whole.warnings.iter().map(|w| w.to_string()).collect();
    warnings.sort();
    expected.sort();
    assert_eq!(warnings, expected);
    expected.retain(|w| w.contains("duplicate id"));
    assert_eq!(expected.len(), 2, "{expected:?}");
    assert_eq!(whole.articles[1_000].id, "0000-3");
}
