//! What a human editor would keep of each bundled seed page: the title, the
//! first and last paragraph of the body, and that nothing else is lost.

use sahifa::corpus::{Corpus, Rules, SEEDS};

struct Expect {
    id: &'static str,
    title: &'static str,
    paragraphs: usize,
    first_starts: &'static str,
    last_ends: &'static str,
    boilerplate: &'static [&'static str],
}

const EXPECTED: [Expect; 5] = [
    Expect {
        id: "000_4eab74525d7f3c58",
        // No headline on the page: the lead sentence is the title.
        title: "انتشر مقطع فيديو لمجموعة من الجنود الروس وهم يسلمون أنفسهم للقوات الأوكرانية في منطقة خيرسون.",
        paragraphs: 15,
        first_starts: "انتشر مقطع فيديو لمجموعة من الجنود الروس",
        last_ends: "الإمداد والتموين للقوات الروسية في المنطقة.",
        boilerplate: &["التخطي إلى المحتوى", "Scan the code"],
    },
    Expect {
        id: "001_28089dff9309f547",
        title: "المئات من الجنود الروس يغيرون ولاءهم ويبدأون القتال من أجل أوكرانيا (شاهد)",
        paragraphs: 14,
        first_starts: "وطن – أكدت مصادر دفاعية أوكرانية",
        last_ends: "الربيع الماضي سيسمح لهم بالعودة إلى ديارهم.",
        boilerplate: &["قد يهمك أيضاً", "تعليقات", "ترك الرد", "من فضلك ادخل تعليقك", "من فضلك ادخل اسمك هنا", "تابعنا", "الأحدث"],
    },
    Expect {
        id: "002_a2c1dc23052bfcec",
        title: "نشرت وزارة الدفاع الأوكرانية لقطات مروعة لمئات من قذائف المدفعية يتم إطلاقها في تتابع سريع – حيث أُجبرت القوات الروسية على الانسحاب من مدينة خيرسون الأوكرانية الإستراتيجية في الجنوب الشرقي.",
        paragraphs: 12,
        first_starts: "نشرت وزارة الدفاع الأوكرانية لقطات مروعة",
        last_ends: "القرم ، التي استولت عليها موسكو في عام 2014.",
        boilerplate: &["مع الأسلاك", "More Stories"],
    },
    Expect {
        id: "003_35a7aea116d33d6c",
        title: "جنود أوكرانيون يفرون بخاركوف وروسيا تخسر ألف جندي.. وستولتنبرغ يكشف تفاصيل طلب لزيلينسكي قوبل بالرفض",
        paragraphs: 7,
        first_starts: "صرحت الجهات الأمنية الروسية لوكالة \"تاس\"",
        last_ends: "حيث لا يرسل التحالف قوات إلى أوكرانيا\".",
        boilerplate: &[],
    },
    Expect {
        id: "004_3d76b183650e0d8d",
        title: "نكسة كبيرة للرئيس فلاديمير بوتين.. روسيا تنسحب من مدينة خيرسون، وسط تقدم القوات الأوكرانية",
        paragraphs: 18,
        first_starts: "أكثر 10 أسلحة روسية إثارة للاهتمام",
        last_ends: "هذا الوضع يحدده القانون ويكرسه”.",
        boilerplate: &["in", "Written by نور الدين", "اترك تعليقاً", "شاهد: طائرة لانسيت الانتحارية الروسية تدمر نظام دفاع جوي أوكراني من طراز Buk-M1"],
    },
];

#[test]
fn each_seed_keeps_what_an_editor_would() {
    let corpus = Corpus::bundled();
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), EXPECTED.len());
    for (article, want) in corpus.articles.iter().zip(&EXPECTED) {
        assert_eq!(article.id, want.id);
        assert_eq!(article.title, want.title, "title of {}", want.id);
        assert_eq!(
            article.paragraphs.len(),
            want.paragraphs,
            "paragraphs of {}",
            want.id
        );
        let (first, last) = (&article.paragraphs[0], article.paragraphs.last().unwrap());
        assert!(
            first.starts_with(want.first_starts),
            "{}: first = {first}",
            want.id
        );
        assert!(last.ends_with(want.last_ends), "{}: last = {last}", want.id);
        for b in want.boilerplate {
            assert!(
                article.boilerplate.iter().any(|x| x == b),
                "{}: {b} not removed",
                want.id
            );
        }
    }
}

#[test]
fn no_line_of_any_seed_is_lost() {
    // Every non-empty line of the page is the title, a paragraph, or kept
    // aside as boilerplate, in page order.
    let corpus = Corpus::bundled();
    for ((_, text), article) in SEEDS.iter().zip(&corpus.articles) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut accounted: Vec<&str> = Vec::new();
        for line in &lines {
            let placed = article.paragraphs.iter().any(|p| p == line)
                || article.boilerplate.iter().any(|b| b == line)
                || article.title == *line;
            assert!(placed, "{}: lost line {line}", article.id);
            accounted.push(line);
        }
        let kept = article.paragraphs.len() + article.boilerplate.len();
        let title_line = usize::from(!article.paragraphs.contains(&article.title));
        assert_eq!(kept + title_line, lines.len(), "{}", article.id);
    }
}

#[test]
fn no_paragraph_is_site_furniture() {
    let rules = Rules::bundled();
    let corpus = Corpus::bundled();
    for a in &corpus.articles {
        for p in a.paragraphs.iter().chain([&a.title]) {
            let furniture = rules
                .drop_lines
                .iter()
                .chain(&rules.end_markers)
                .any(|m| m == p)
                || rules
                    .end_marker_prefixes
                    .iter()
                    .any(|m| p.starts_with(m.as_str()));
            assert!(!furniture, "{}: {p}", a.id);
        }
    }
}
