//! Entities on real news that is not the seeds: Hijri dates, weekdays,
//! honorifics, compound names, one canonical form per variant, MISC, the
//! user gazetteer winning over the tagger, and the detector's API for a
//! background caller.

use sahifa::corpus::Article;
use sahifa::entities::tagger::Tagger;
use sahifa::entities::{group_mentions, Detector, Entry, Gazetteer, Kind, WordLists};
use std::sync::OnceLock;

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| Detector::builtin().unwrap())
}

/// (surface, kind, canonical) of every mention in `text`.
fn found(text: &str) -> Vec<(String, Kind, String)> {
    detector()
        .detect(text)
        .into_iter()
        .map(|(r, e)| (text[r].to_string(), e.kind, e.canonical.to_string()))
        .collect()
}

fn of_kind(text: &str, kind: Kind) -> Vec<String> {
    found(text)
        .into_iter()
        .filter(|m| m.1 == kind)
        .map(|m| m.0)
        .collect()
}

fn article(paragraphs: &[&str]) -> Article {
    let mut a = sahifa::corpus::Corpus::bundled().articles.remove(0);
    a.title = "خبر".into();
    a.paragraphs = paragraphs.iter().map(|p| p.to_string()).collect();
    a
}

#[test]
fn hijri_dates_and_the_era_mark_are_dates() {
    let f = found("صدر القرار في 25 شوال 1436 هـ الموافق 10 أغسطس 2015م");
    let dates: Vec<(&str, &str)> = f
        .iter()
        .filter(|m| m.1 == Kind::Date)
        .map(|m| (m.0.as_str(), m.2.as_str()))
        .collect();
    assert_eq!(
        dates,
        [
            ("25 شوال 1436 هـ", "25 شوال 1436 هـ"),
            ("10 أغسطس 2015م", "10 أغسطس 2015")
        ],
        "{f:?}"
    );
    assert!(of_kind("صدر القرار في 25 شوال 1436 هـ", Kind::Number).is_empty());
    assert_eq!(of_kind("منذ عام 1436هـ", Kind::Date), ["عام 1436هـ"]);
    assert_eq!(of_kind("وفي رمضان 1437 هـ", Kind::Date), ["رمضان 1437 هـ"]);
    // «رمضان» alone is also a name: a date only with a day or a year.
    assert!(of_kind("وقال رمضان إن", Kind::Date).is_empty());
}

#[test]
fn weekdays_after_yesterday_are_dates_not_numbers() {
    let text = "وأعلنت الوزارة أمس الاثنين أن";
    assert_eq!(of_kind(text, Kind::Date), ["الاثنين"]);
    assert!(of_kind(text, Kind::Number).is_empty());
    assert_eq!(of_kind("قال مساء الأحد", Kind::Date), ["الأحد"]);
    // «الاثنين» without a time word is «the two».
    assert!(of_kind("اتفق الطرفان الاثنين على", Kind::Date).is_empty());
}

#[test]
fn one_canonical_form_per_date_and_spelling() {
    let a = found("في 3 أغسطس 2015");
    let b = found("في 3 اغسطس 2015");
    let c = found("في 3 آب 2015");
    assert_eq!(a[0].2, "3 أغسطس 2015");
    assert_eq!(b[0].2, a[0].2);
    assert_eq!(c[0].2, a[0].2);
    // Two spellings of one name in an article: one entity in the pane.
    let art = article(&[
        "وقال الرئيس إن أسامة المحمد وصل إلى دمشق.",
        "وأضاف اسامة المحمد أن",
    ]);
    let mentions = detector().detect_article(&art);
    let people: Vec<_> = group_mentions(&mentions)
        .into_iter()
        .filter(|g| g.kind == Kind::Person)
        .collect();
    assert!(!people.is_empty(), "{mentions:?}");
    assert!(
        people
            .iter()
            .all(|g| g.count() == 2 || !g.canonical.contains("سامة")),
        "{people:?}"
    );
}

#[test]
fn honorifics_lead_to_a_name_but_are_not_one() {
    for text in [
        "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز الوفد",
        "وقال معالي وزير الصحة إن",
        "وأكد صاحب السمو الملكي الأمير محمد بن سلمان أن",
    ] {
        for p in of_kind(text, Kind::Person) {
            for word in ["خادم", "الحرمين", "معالي", "صاحب", "السمو"] {
                assert!(!p.split_whitespace().any(|w| w == word), "{p} in {text}");
            }
        }
    }
}

#[test]
fn a_link_word_never_starts_or_ends_a_person() {
    for text in [
        "التقى ولي العهد الأمير محمد بن سلمان بن عبدالعزيز في الرياض",
        "وقال عبد الله بن محمد بن راشد إن",
        "وصرح خالد شيخ محمد أمام المحكمة",
    ] {
        for p in of_kind(text, Kind::Person) {
            let words: Vec<&str> = p.split_whitespace().collect();
            // «عبد الله» may start a name; no link ends one, and «بن»
            // starts none.
            for link in ["بن", "ابن"] {
                assert_ne!(words.first(), Some(&link), "{p} in {text}");
            }
            for link in ["بن", "عبد", "أبو", "ابن"] {
                assert_ne!(words.last(), Some(&link), "{p} in {text}");
            }
        }
    }
}

#[test]
fn the_user_gazetteer_wins_over_the_tagger() {
    let mut g = Gazetteer::builtin();
    g.extend_user([Entry {
        canonical: "نادي الجزيرة".into(),
        kind: Kind::Organization,
        aliases: vec!["الجزيرة".into()],
    }]);
    let d = Detector::new(&g, WordLists::builtin().unwrap());
    let text = "وفاز الجزيرة على منافسه في أبوظبي";
    let hits = d.detect(text);
    let jazira = hits
        .iter()
        .find(|(r, _)| &text[r.clone()] == "الجزيرة")
        .unwrap();
    assert_eq!(jazira.1.kind, Kind::Organization);
    assert_eq!(&*jazira.1.canonical, "نادي الجزيرة");
}

#[test]
fn the_builtin_model_loads_and_stays_small() {
    let tagger = Tagger::builtin().unwrap();
    assert!(tagger.features() > 10_000, "{}", tagger.features());
    assert!(tagger.info.contains("train.conll"), "{}", tagger.info);
    assert!(detector().has_tagger());
    let size = std::fs::metadata(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ner.model"))
        .unwrap()
        .len();
    assert!(size <= 20 << 20, "{size}");
    let licence = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ner.model.LICENSE.md");
    let licence = std::fs::read_to_string(licence).unwrap();
    assert!(licence.contains("CC BY-SA 4.0") && licence.contains("Benajiba"));
}

#[test]
fn the_tagger_finds_names_no_list_knows() {
    // An empty gazetteer: whatever is found is the model's view of a name
    // in its context (a nationality adjective, a speech verb, «شركة»).
    let d = Detector::with_tagger(
        &Gazetteer::default(),
        WordLists::builtin().unwrap(),
        Some(Tagger::builtin().unwrap()),
    );
    let names = |text: &str| -> Vec<(String, Kind)> {
        d.detect(text)
            .into_iter()
            .map(|(r, e)| (text[r].to_string(), e.kind))
            .collect()
    };
    assert!(
        names("وسجل الكرواتي لوكا مودريتش هدفا").contains(&("لوكا مودريتش".into(), Kind::Person))
    );
    assert!(names("وقالت ميساء زويتان إن الفيلم").contains(&("ميساء زويتان".into(), Kind::Person)));
    assert!(names("وأعلنت شركة أرامكو عن أرباحها").contains(&("أرامكو".into(), Kind::Organization)));
    // Without the model, the same detector finds none of them.
    let rules_only =
        Detector::with_tagger(&Gazetteer::default(), WordLists::builtin().unwrap(), None);
    assert!(rules_only.detect("وقالت ميساء زويتان إن الفيلم").is_empty());
}

#[test]
fn the_detector_is_shared_and_detects_paragraph_by_paragraph() {
    fn shareable<T: Send + Sync + Clone + 'static>(_: &T) {}
    let d = detector().clone();
    shareable(&d);
    let art = article(&[
        "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن",
        "وأضاف ماكرون أن",
        "وفي لندن",
    ]);
    // A background reader can take the title and the first paragraph and stop.
    let first: Vec<_> = d.paragraphs(&art).take(2).collect();
    assert_eq!(first.len(), 2);
    assert!(first[1].iter().all(|m| m.field == 1));
    // A name learned in paragraph 1 is found alone in paragraph 2.
    let all: Vec<_> = d.paragraphs(&art).flatten().collect();
    assert!(
        all.iter().any(|m| m.field == 2 && m.kind == Kind::Person),
        "{all:?}"
    );
    let whole = d.detect_article(&art);
    let handle = std::thread::spawn(move || d.detect_article(&art));
    assert_eq!(handle.join().unwrap(), whole);
}

#[test]
fn a_place_the_tagger_found_in_context_is_found_alone_elsewhere_in_the_article() {
    // «جباليا» is in no list: the tagger finds it after «مخيم», and the
    // article's other mention of it, with nothing around it to say so, is
    // found because of the first.
    let art = article(&[
        "قتل ثلاثة أشخاص في قصف على مخيم جباليا شمال قطاع غزة فجر اليوم.",
        "وقال شهود إن الطائرات حلقت فوق جباليا طوال الليل.",
    ]);
    let places = |mentions: Vec<sahifa::entities::Mention>, field: usize| -> Vec<String> {
        mentions
            .into_iter()
            .filter(|m| m.field == field && m.kind == Kind::Location)
            .map(|m| m.canonical.to_string())
            .collect()
    };
    assert!(places(detector().detect_article(&art), 1).contains(&"جباليا".to_string()));
    assert_eq!(places(detector().detect_article(&art), 2), ["جباليا"]);
    let by_paragraph: Vec<_> = detector().paragraphs(&art).flatten().collect();
    assert_eq!(places(by_paragraph, 2), ["جباليا"]);
    // Alone, the second paragraph gives the tagger nothing to go on.
    assert!(of_kind(&art.paragraphs[1], Kind::Location).is_empty());
    // A very common word the tagger once took for a place («المدينة», «the
    // city», also Medina) is not learned for the rest of the article.
    let art = article(&[
        "فقدان السيطرة على المدينة – حيث رفعت السلطات الروسية لوحات إعلانية تقول أن “روسيا هنا إلى الأبد!” – هي الأحدث في سلسلة إخفاقات للجيش الروسي.",
        "وقال مسؤول في البلدية إن المدينة تحتاج إلى ميزانية أكبر للطرق.",
    ]);
    let found = detector().detect_article(&art);
    assert!(
        places(found.clone(), 1).contains(&"المدينة".to_string()),
        "{found:?}"
    );
    assert!(places(found, 2).is_empty());
}

#[test]
fn organisation_spans_run_to_the_end_of_their_name_and_no_further() {
    let text = "وقال المتحدث باسم منظمة التحرير الفلسطينية إن";
    assert_eq!(
        of_kind(text, Kind::Organization),
        ["منظمة التحرير الفلسطينية"]
    );
    // Never a part of an institution's name: «الهيئة العامة» alone is
    // wrong. The whole is an organisation where the tagger takes it for a
    // name, else an institution (ANERcorp leaves those untagged).
    let text = "وقعت الهيئة العامة للاستثمار اتفاقا";
    assert!(of_kind(text, Kind::Organization)
        .iter()
        .all(|o| o == "الهيئة العامة للاستثمار"));
    assert_eq!(
        [
            of_kind(text, Kind::Organization),
            of_kind(text, Kind::Institution)
        ]
        .concat(),
        ["الهيئة العامة للاستثمار"]
    );
    let text = "وافق البرلمان البالغة عضويته 150 نائبا";
    assert!(
        of_kind(text, Kind::Organization)
            .iter()
            .all(|o| !o.contains("البالغة")),
        "{:?}",
        found(text)
    );
    // A stopword never ends a name, a link that is one may start it.
    assert!(of_kind("وقال محمد أمام المحكمة", Kind::Person)
        .iter()
        .all(|p| !p.contains("أمام")));
    assert!(of_kind("قصفت طائرات مدينة أم درمان", Kind::Location).contains(&"أم درمان".to_string()));
}
