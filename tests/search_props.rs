//! Property tests: no panics, well-formed ranges, self-matching.

use proptest::prelude::*;
use sahifa::search::{PreparedText, Query};
use sahifa::text::normalize::{normalize, normalize_with_map, word_ranges};

/// Arabic letters and marks, Latin, both digit sets, quotes, dashes, spaces.
const ALPHABET: &str = "[اأإآٱبتةثجحخدذرزسشصضطظعغفقكلمنهويىئؤءکی\u{064B}-\u{0655}\u{0670}\u{0640}\u{06D6}\u{200C}\u{200F}\u{FEFB}aZİß٠-٩۰-۹0-9 \"“”«»\\-،.]{0,40}";

fn text() -> impl Strategy<Value = String> {
    prop_oneof![ALPHABET, any::<String>()]
}

fn check_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for r in ranges {
        prop_assert!(r.start < r.end, "empty/inverted {r:?}");
        prop_assert!(r.start >= prev_end, "unsorted/overlapping {ranges:?}");
        prop_assert!(r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        prev_end = r.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn map_is_well_formed(s in text(), a in 0usize..200, b in 0usize..200) {
        let n = normalize_with_map(&s);
        prop_assert_eq!(&n.text, &normalize(&s));
        let r = n.original_range(a.min(b)..a.max(b));
        prop_assert!(r.start <= r.end && r.end <= s.len());
        prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        let full = n.original_range(0..n.text.len());
        prop_assert!(full.end == s.len() || n.text.is_empty());
    }

    #[test]
    fn search_never_panics_and_ranges_are_valid(t in text(), q in text(), t2 in text()) {
        let query = Query::parse(&q);
        check_ranges(&t, &query.find_in(&t))?;
        let doc = query.match_document([t.as_str(), t2.as_str()]);
        let prepared = [PreparedText::new(&t), PreparedText::new(&t2)];
        prop_assert_eq!(doc.is_some(), query.is_match_prepared(&prepared));
        if let Some(m) = doc {
            for f in 0..2 {
                let field = if f == 0 { &t } else { &t2 };
                let rs: Vec<_> = m.iter().filter(|(i, _)| *i == f).map(|(_, r)| r.clone()).collect();
                check_ranges(field, &rs)?;
            }
        }
    }

    #[test]
    fn every_normalised_word_finds_itself(t in ALPHABET) {
        let norm = normalize(&t);
        for r in word_ranges(&norm) {
            let w = &norm[r];
            let q = Query::parse(w);
            prop_assert!(!q.find_in(&t).is_empty(), "word {:?} not found in {:?}", w, t);
            prop_assert!(q.match_document([t.as_str()]).is_some());
        }
    }
}
