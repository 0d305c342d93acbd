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

/// A few letters (single-source ones and folded ones), marks, tatweel,
/// format characters and every kind of white space, so queries built from
/// the same letters often match, across marks and around spaces.
const SMALL: &str = "[ئؤزجسروبايىأةهلك\u{064E}\u{0651}\u{0640}\u{200C}\u{0654}\u{FEFB} \u{00A0}\u{2003}\u{3000}\n.،]{0,30}";
const QUERY: &str = "-?[\"«]?[ئؤزجسروبايىأةهلك ]{1,8}[\"»]?( -?[زجسروبايىأةهلك]{1,4})?";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// The corpus search's shortcut (normalise only where a term's first
    /// token can be) finds exactly what preparing every field finds.
    #[test]
    fn article_hits_equal_preparing_every_field(
        fields in proptest::collection::vec(SMALL, 1..4),
        q in QUERY,
    ) {
        let query = Query::parse(&q);
        let want = query.match_document(fields.iter().map(String::as_str)).map(|m| {
            m.into_iter()
                .map(|(paragraph, range)| sahifa::search::Hit { paragraph, range })
                .collect::<Vec<_>>()
        });
        let got = sahifa::search::article_hits(fields.iter().map(String::as_str), &query);
        prop_assert_eq!(got, want);
    }
}

/// Cases the shortcut must get right: a hamza written decomposed (و/ي +
/// U+0654 gives ؤ/ئ), a word split by a format character, marks inside the
/// anchor's word, a phrase across punctuation or a line break, an exclusion.
#[test]
fn article_hits_on_hard_cases() {
    let fields = [
        "سو\u{0654}ال عن و\u{0654}لاي و\u{064A}\u{0654}لا",
        "زابو\u{200C}ريجيا، زَاپُورِيجِيَا",
        "قال: جـنـود روس، ثم «جنود» روس",
        // A JSON paragraph may hold a line break; a phrase runs across it.
        "ثم جنود\nروس",
    ];
    for q in ["ؤلا", "ئلا", "زابوريجيا", "\"جنود روس\"", "جنود -روس", "سوال"]
    {
        let query = Query::parse(q);
        let want = query.match_document(fields).map(|m| {
            m.into_iter()
                .map(|(paragraph, range)| sahifa::search::Hit { paragraph, range })
                .collect::<Vec<_>>()
        });
        assert_eq!(sahifa::search::article_hits(fields, &query), want, "{q}");
        assert!(
            want.is_some() || q == "جنود -روس" || q == "سوال",
            "{q} should match"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The places a query finds in a block of raw lines at once tell the
    /// lines apart as asking each line does: a line holding no place cannot
    /// match, and for a query of one word one holding a place may.
    #[test]
    fn block_places_agree_with_asking_each_line(
        block in "(ب|س|ر|و|ي|ى|ی|ئ|ؤ|ا|أ|ل|ك|ک|ي\u{0654}|و\u{0654}|\u{0654}|\u{064E}|\u{0640}|\u{FEFB}|\u{200C}| |\n|\r|\"|\\\\u|A|a){0,200}",
        query in "(ب|س|ر|و|ي|ى|ئ|ؤ|ا|أ|ل|ك|ک){1,4}( -?(ب|س|ر|ي|ل|ك){1,3})?",
        from in 0usize..200,
        len in 1usize..6,
    ) {
        let cut: String = block.chars().skip(from).take(len).filter(|c| !c.is_whitespace()).collect();
        for q in [query, cut] {
            let query = sahifa::search::Query::parse(&q);
            let Some(places) = query.may_match_places(&block) else { continue };
            prop_assert!(places.at.windows(2).all(|w| w[0] <= w[1]));
            let mut start = 0;
            for line in block.split('\n') {
                let end = start + line.len();
                let held = places.at.iter().any(|&at| at >= start && at < end);
                let asked = query.may_match_json(line);
                prop_assert!(held || !asked, "{:?} in {:?}", q, line);
                if places.sure {
                    prop_assert_eq!(held, asked, "{:?} in {:?}", q, line);
                }
                start = end + 1;
            }
        }
    }
}
