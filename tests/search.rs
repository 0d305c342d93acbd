//! Integration tests for `sahifa::search`.

use sahifa::search::{PreparedText, Query};

/// Original substrings highlighted by `q` in `text`.
fn hits<'a>(q: &str, text: &'a str) -> Vec<&'a str> {
    Query::parse(q)
        .find_in(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

fn doc_matches(q: &str, fields: &[&str]) -> bool {
    Query::parse(q)
        .match_document(fields.iter().copied())
        .is_some()
}

#[test]
fn proclitics_and_punctuation() {
    let t = "دخلت القوات وخيرسون ثم بخيرسون، وفي الخيرسون وبالخيرسون وخيرسون،";
    assert_eq!(
        hits("خيرسون", t),
        ["خيرسون", "خيرسون", "خيرسون", "خيرسون", "خيرسون"]
    );
    assert_eq!(hits("خيرسون", "مدينة خيرسون، الأحد"), ["خيرسون"]);
}

#[test]
fn prefix_match_while_typing() {
    assert_eq!(hits("خير", "معركة خيرسون"), ["خير"]);
    assert_eq!(hits("خ", "وخيرسون"), ["خ"]);
    assert!(hits("خيرسونه", "خيرسون").is_empty());
}

#[test]
fn highlight_excludes_clitic_exact_bytes() {
    let t = "قتال وبالخيرسون";
    let r = Query::parse("خيرسون").find_in(t);
    assert_eq!(r.len(), 1);
    assert_eq!(&t[r[0].clone()], "خيرسون");
    assert_eq!(r[0].start, t.find("خيرسون").unwrap_or(usize::MAX));
    assert_eq!(r[0].end, t.len());
}

#[test]
fn clitic_looking_query_words_match_literally() {
    for w in ["بغداد", "بيروت", "فرنسا", "لبنان", "ليبيا", "واشنطن"]
    {
        let t = format!("زار {w} ثم و{w}");
        let expected: Vec<&str> = vec![w, w];
        assert_eq!(hits(w, &t), expected, "{w}");
    }
    assert_eq!(hits("الخيرسون", "والخيرسون"), ["الخيرسون"]);
}

#[test]
fn alef_forms_equal() {
    assert_eq!(hits("اوكرانيا", "غزو أوكرانيا"), ["أوكرانيا"]);
    assert_eq!(hits("أوكرانيا", "غزو اوكرانيا"), ["اوكرانيا"]);
    assert_eq!(hits("اسرائيل", "إسرائيل"), ["إسرائيل"]);
    assert_eq!(hits("الاف", "آلاف"), ["آلاف"]);
}

#[test]
fn yeh_and_teh_marbuta_equal() {
    assert_eq!(hits("مستشفي", "في مستشفى"), ["مستشفى"]);
    assert_eq!(hits("مستشفى", "في مستشفي"), ["مستشفي"]);
    assert_eq!(hits("مدينه", "المدينة"), ["مدينة"]);
    assert_eq!(hits("مدينة", "المدينه"), ["مدينه"]);
}

#[test]
fn tatweel_and_harakat_ignored() {
    assert_eq!(hits("جنود", "جـنـود روس"), ["جـنـود"]);
    assert_eq!(hits("جنود", "جُنودٌ روس"), ["جُنودٌ"]);
    assert_eq!(hits("جُنود", "جنود"), ["جنود"]);
    assert_eq!(hits("عقد", "عقّدت الجلسة"), ["عقّد"]);
    assert_eq!(hits("اعيد", "أُعيدوا"), ["أُعيد"]);
    assert_eq!(hits("اعيدوا", "أُعيدُوا."), ["أُعيدُوا"]);
}

#[test]
fn digits_equal() {
    assert_eq!(hits("2022", "عام ٢٠٢٢"), ["٢٠٢٢"]);
    assert_eq!(hits("٢٠٢٢", "in 2022"), ["2022"]);
    assert_eq!(hits("1401", "سال ۱۴۰۱"), ["۱۴۰۱"]);
}

#[test]
fn latin_case_insensitive() {
    assert_eq!(hits("nlaw", "صواريخ NLAW المضادة"), ["NLAW"]);
    assert_eq!(hits("NLAW", "nlaw"), ["nlaw"]);
    assert_eq!(hits("covid-19", "وباء COVID-19 انتشر"), ["COVID-19"]);
}

#[test]
fn and_of_words() {
    let t = "قصف روسي على خيرسون";
    assert!(doc_matches("خيرسون قصف", &[t]));
    assert!(!doc_matches("خيرسون كييف", &[t]));
    assert_eq!(hits("خيرسون قصف", t), ["قصف", "خيرسون"]);
}

#[test]
fn and_across_fields() {
    let fields = ["هجوم على خيرسون", "أعلنت أوكرانيا"];
    let m = Query::parse("خيرسون اوكرانيا").match_document(fields);
    let Some(m) = m else { panic!("expected match") };
    let got: Vec<(usize, &str)> = m
        .iter()
        .map(|(i, r)| (*i, &fields[*i][r.clone()]))
        .collect();
    assert_eq!(got, [(0, "خيرسون"), (1, "أوكرانيا")]);
}

#[test]
fn phrase_in_order_vs_out_of_order() {
    let t = "أرسلت بريطانيا صواريخ مضادة للدروع";
    assert!(doc_matches("\"صواريخ مضادة\"", &[t]));
    assert!(!doc_matches("\"مضادة صواريخ\"", &[t]));
    assert!(doc_matches("مضادة صواريخ", &[t]));
    assert!(!doc_matches("\"بريطانيا مضادة\"", &[t])); // not consecutive
    assert_eq!(hits("«صواريخ مضادة»", t), ["صواريخ مضادة"]);
    assert_eq!(hits("“مضادة الدروع”", t), ["مضادة للدروع"]);
}

#[test]
fn phrase_last_word_may_be_partial_and_unclosed() {
    let t = "صواريخ مضادة للدروع";
    assert_eq!(hits("\"صواريخ مض", t), ["صواريخ مض"]);
    assert!(hits("\"صوا مضادة\"", t).is_empty()); // inner words must be whole
}

#[test]
fn article_query_matches_lil_form() {
    assert_eq!(hits("الدروع", "مضادة للدروع"), ["لدروع"]);
    assert_eq!(hits("الدر", "وللدروع"), ["لدر"]);
    assert_eq!(hits("الدروع", "الدروع"), ["الدروع"]);
    assert!(hits("ال", "للدروع").is_empty());
    assert!(hits("الدروع", "لدروع").is_empty());
}

#[test]
fn phrase_does_not_cross_fields() {
    assert!(!doc_matches("\"خيرسون اليوم\"", &["سقطت خيرسون", "اليوم"]));
}

#[test]
fn exclusion() {
    let t = "قصف على خيرسون";
    assert!(!doc_matches("خيرسون -قصف", &[t]));
    assert!(doc_matches("خيرسون -كييف", &[t]));
    assert!(!doc_matches("-\"على خيرسون\"", &[t]));
    assert!(doc_matches("-\"خيرسون على\"", &[t]));
    // exclusion in another field still excludes the document
    assert!(!doc_matches("خيرسون -كييف", &[t, "وكييف"]));
    // only-exclusion query matches with no highlights
    assert_eq!(Query::parse("-كييف").match_document([t]), Some(vec![]));
}

#[test]
fn empty_query_matches_everything() {
    let q = Query::parse("  ");
    assert!(q.is_empty());
    assert_eq!(q.match_document(["أي نص"]), Some(vec![]));
    assert!(q.find_in("أي نص").is_empty());
    assert!(!Query::parse("-x").is_empty());
}

#[test]
fn overlapping_highlights_are_merged() {
    let t = "خيرسون";
    assert_eq!(hits("خير خيرسون", t), ["خيرسون"]);
}

#[test]
fn prepared_equals_plain() {
    let texts = ["وبالخيرسون و«أوكرانيا» ٢٠٢٢", "NLAW جُنودٌ"];
    let prepared: Vec<PreparedText> = texts.iter().map(|t| PreparedText::new(t)).collect();
    for q in ["خيرسون", "اوكرانيا 2022", "nlaw جنود", "-x خير", "\"جنود"] {
        let q = Query::parse(q);
        for (t, p) in texts.iter().zip(&prepared) {
            assert_eq!(q.find_in(t), q.find_in_prepared(p));
        }
        assert_eq!(q.match_document(texts), q.match_prepared(&prepared));
        assert_eq!(
            q.match_document(texts).is_some(),
            q.is_match_prepared(&prepared)
        );
    }
}
