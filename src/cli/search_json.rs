//! `search --json`'s output, written by hand in the layout of
//! [`sahifa::safe_json::to_writer_pretty`] (strings escaped by it): each
//! result's title and matches are written on the thread that found it,
//! while the corpus is read, and only the id (known once duplicates are
//! renamed) is added when they are printed. The test below holds it to
//! the serialiser's output.

use sahifa::search::Hit;
use std::fmt::Write as _;
use std::io::{self, Write};

/// One result's text after its id: `,` then its title and matches, up to
/// the end of the object, as it stands in the printed list.
pub fn result_tail(title: &str, hits: &[Hit]) -> io::Result<String> {
    let mut out = String::with_capacity(title.len() + 40 + hits.len() * 80);
    out.push_str(",\n    \"title\": ");
    out.push_str(&string(title)?);
    out.push_str(",\n    \"matches\": ");
    if hits.is_empty() {
        out.push_str("[]");
    } else {
        out.push('[');
        for (k, hit) in hits.iter().enumerate() {
            out.push_str(if k == 0 { "\n" } else { ",\n" });
            // Writing to a String cannot fail.
            let _ = write!(
                out,
                "      {{\n        \"paragraph\": {},\n        \"start\": {},\n        \"end\": {}\n      }}",
                hit.paragraph, hit.range.start, hit.range.end
            );
        }
        out.push_str("\n    ]");
    }
    out.push_str("\n  }");
    Ok(out)
}

/// `s` as a JSON string, escaped as the safe serialiser escapes it; a
/// string with nothing to escape (most titles) is only quoted.
fn string(s: &str) -> io::Result<String> {
    // The lead bytes of what may be escaped: `"`, `\`, C0 controls, DEL,
    // C1 controls (0xC2 …), bidi controls (0xE2 …) and ALM (U+061C).
    let plain = !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xe2))
        && !s.contains('\u{61C}');
    if plain {
        return Ok(format!("\"{s}\""));
    }
    sahifa::safe_json::to_string_pretty(s)
}

/// Writes the list of results, each as its id and its [`result_tail`].
pub fn write_results<'a>(
    w: &mut impl Write,
    results: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> io::Result<()> {
    let mut any = false;
    for (id, tail) in results {
        w.write_all(if any { b",\n" } else { b"[\n" })?;
        any = true;
        w.write_all(b"  {\n    \"id\": ")?;
        w.write_all(string(id)?.as_bytes())?;
        w.write_all(tail.as_bytes())?;
    }
    w.write_all(if any { b"\n]\n" } else { b"[]\n" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_as_the_serialiser_writes() {
        let hit = |paragraph, start, end| Hit {
            paragraph,
            range: start..end,
        };
        let results = [
            (
                "gen1",
                "روسيا\u{202e}x \"q\" \\ \n\t\u{9b}\u{7f}",
                vec![hit(0, 2, 10)],
            ),
            ("a\"b\u{1b}", "", vec![]),
            ("3", "t", vec![hit(1, 0, 4), hit(12, 100, 2000)]),
            (
                "4",
                "\u{61C}ب\u{200F}\u{2066}\u{85}é\u{a0}",
                vec![hit(1, 0, 4)],
            ),
        ];
        for n in 0..=results.len() {
            let value: Vec<serde_json::Value> = results[..n]
                .iter()
                .map(|(id, title, hits)| {
                    let matches: Vec<_> = hits
                        .iter()
                        .map(|h| json!({"paragraph": h.paragraph, "start": h.range.start, "end": h.range.end}))
                        .collect();
                    json!({"id": id, "title": title, "matches": matches})
                })
                .collect();
            let want = sahifa::safe_json::to_string_pretty(&value).unwrap() + "\n";
            let tails: Vec<String> = results[..n]
                .iter()
                .map(|(_, title, hits)| result_tail(title, hits).unwrap())
                .collect();
            let mut got = Vec::new();
            let items = results[..n]
                .iter()
                .zip(&tails)
                .map(|(r, t)| (r.0, t.as_str()));
            write_results(&mut got, items).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want, "{n}");
        }
    }
}
