use super::*;
use crate::corpus::record::article_from_record;

/// What the quick reading gives, or why it declined.
fn quick(line: &str) -> Option<(String, String, Vec<String>)> {
    let mut r = QuickRecord::of(line)?;
    r.with_parts(Rules::bundled(), |id, title, ps| {
        let ps = ps.iter().map(|p| p.to_string()).collect();
        (id.to_string(), title.to_string(), ps)
    })
}

/// Every field, spelled out, to compare two readings.
fn describe(f: &Fields) -> String {
    let text = |t: &Option<Text>| match t {
        None => "-".to_string(),
        Some(Text::One(s)) => format!("one {s:?}"),
        Some(Text::Many(v)) => format!("many {v:?}"),
    };
    let scalar = |t: &Option<Scalar>| match t {
        None => "-".to_string(),
        Some(Scalar::Text(s)) => format!("text {s:?}"),
        Some(Scalar::Number(n)) => format!("number {n}"),
    };
    let texts = [
        &f.body,
        &f.paragraphs,
        &f.content,
        &f.text,
        &f.maintext,
        &f.article,
        &f.description,
    ];
    let scalars = std::iter::once(&f.id).chain(f.dates());
    let strings = [
        &f.title,
        &f.headline,
        &f.source,
        &f.outlet,
        &f.site,
        &f.url,
        &f.link,
        &f.lang,
        &f.language,
    ];
    let mut out: Vec<String> = texts.into_iter().map(text).collect();
    out.extend(scalars.into_iter().map(scalar));
    out.extend(strings.into_iter().map(|s| format!("{s:?}")));
    out.join(" | ")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 4096,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the scanner reads, serde reads the same; lines it
    /// declines may be anything.
    #[test]
    fn the_scanner_reads_what_serde_reads(
        entries in proptest::collection::vec((0usize..30, 0usize..26, 0usize..3), 0..6),
        cut in proptest::option::of((0usize..200, 0usize..12)),
        tail in 0usize..4,
    ) {
        const KEYS: [&str; 30] = [
            "id", "title", "headline", "body", "paragraphs", "content", "text",
            "maintext", "article", "description", "published", "date", "pubDate",
            "date_publish", "datePublished", "date_extracted", "created_at", "source",
            "outlet", "site", "url", "link", "lang", "language", "x", "pub_date",
            "Title", "tags", "ti\\tle", "",
        ];
        const VALUES: [&str; 26] = [
            r#""خبر""#, r#""a\"b""#, r#""a\\b\/c\nd\te""#, r#""\u0041\u0628""#,
            r#""""#, r#"" ""#, "null", "true", "false", "0", "-1", "01", "1.5", "1e5",
            "1.", "12345678901234567890123", r#"["a", "ب\"ج"]"#, "[]", r#"["a", null]"#,
            r#"[1, [2, {"y": "z"}]]"#, r#"{"a": {"b": []}}"#, r#"{"a" 1}"#, "[1,]",
            r#""x"#, "nul", r#""\x""#,
        ];
        const SPACES: [&str; 3] = ["", " ", "  "];
        const CUTS: [&str; 12] = ["", "\"", "\\", ",", "}", "{", "]", " ", "\t", "x", "ب", "\r"];
        const TAILS: [&str; 4] = ["", " ", " x", "\r"];
        let mut line = String::from("{");
        for (i, (k, v, sp)) in entries.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            let sp = SPACES[*sp];
            line.push_str(&format!("{sp}\"{}\"{sp}:{sp}{}", KEYS[*k], VALUES[*v]));
        }
        line.push('}');
        line.push_str(TAILS[tail]);
        if let Some((at, with)) = cut {
            let at = (0..=at.min(line.len())).rev().find(|&i| line.is_char_boundary(i)).unwrap_or(0);
            line.insert_str(at, CUTS[with]);
        }
        if let Some(f) = Fields::scanned(&line) {
            let full: Result<Fields, _> = serde_json::from_str(&line);
            proptest::prop_assert!(full.is_ok(), "{}", line);
            let full = full.unwrap();
            proptest::prop_assert_eq!(describe(&f), describe(&full), "{}", line);
        }
    }
}

#[test]
fn lines_once_trimmed_are_those_of_str_lines() {
    for text in [
        "",
        "a",
        "a\n",
        "a\r\nb",
        "\n\n a \r\n\r\n",
        "x\ry\n\r",
        "\r",
    ] {
        let want: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let got: Vec<&str> = lines(text)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn the_same_as_the_full_reading_or_declined() {
    let lines = [
        r#"{"id": "a", "title": "t", "paragraphs": ["p1", " ", "p2\np3"]}"#,
        r#"{"id": 7, "headline": "h", "content": "x\n\ny"}"#,
        r#"{"title": "", "body": "الجملة الأولى. والثانية.", "date": "2015/08/11"}"#,
        r#"{"title": "t", "body": "b\u0020c", "published": "قريبا", "date_extracted": "2015-08-11 13:44:43"}"#,
        r#"{"title": "t", "content": {"x": 1}, "text": "b"}"#,
        r#"{"title": "t", "body": "b", "published": "قريبا"}"#,
        r#"{"id": true, "title": "t", "body": "b"}"#,
        r#"{"id": " ", "title": "t", "body": "b"}"#,
        r#"{"title": "t", "title": "u", "body": "b"}"#,
        r#"{"title": "only"}"#,
        r#"{"other": 1}"#,
        r#"{"title": "t", "body": "b", "url": 5}"#,
    ];
    let mut declined = 0;
    for line in lines {
        let full = article_from_record(
            serde_json::from_str(line).unwrap(),
            "s".into(),
            Rules::bundled(),
        );
        match quick(line) {
            Some(got) => {
                let parsed = full.unwrap_or_else(|_| panic!("{line}"));
                assert!(parsed.remarks.is_empty(), "{line}: {:?}", parsed.remarks);
                let a = parsed.article;
                assert_eq!(got, (a.id, a.title, a.paragraphs), "{line}");
            }
            None => declined += 1,
        }
    }
    // The record with no text, the unknown date, the bad ids, the
    // duplicate field, the object body and the numeric url.
    assert_eq!(declined, 7);
}
