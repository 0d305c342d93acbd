//! Cleaning of scraped pages: which lines are the article and which are site
//! furniture. The rules are data (`assets/boilerplate.json`), not code.

use serde::Deserialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Cleaning rules, as read from `assets/boilerplate.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Rules {
    /// Lines dropped wherever they appear (navigation, share buttons).
    pub drop_lines: Vec<String>,
    /// A line equal to one of these starts the page's furniture: it and
    /// everything after it are removed (comment forms, related stories).
    pub end_markers: Vec<String>,
    /// Like `end_markers`, for lines that start with the text (bylines).
    pub end_marker_prefixes: Vec<String>,
    /// Lines holding one of these are dropped wherever they appear (© lines).
    #[serde(default)]
    pub drop_lines_containing: Vec<String>,
    /// Characters that end a sentence; a line ending in none of them can be
    /// a headline.
    pub sentence_final: Vec<String>,
    /// A line holding one of these reads as a headline whatever it ends
    /// with («شاهد.. …»).
    #[serde(default)]
    pub headline_marks: Vec<String>,
    /// Lines learned as a site's furniture (see `furniture`).
    #[serde(default)]
    pub learned: LearnedRules,
    /// A headline longer than this many words is taken for a paragraph.
    pub headline_max_words: usize,
    /// A title taken from the lead sentence is cut to this many words.
    pub lead_title_max_words: usize,
    /// The line rules trimmed, once for all the pages these rules clean.
    #[serde(skip)]
    lines: OnceLock<LineRules>,
}

const BUNDLED_RULES: &str = include_str!("../../assets/boilerplate.json");

impl Rules {
    /// The rules shipped in `assets/boilerplate.json`, parsed once.
    pub fn bundled() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            // The asset is compiled in and checked by a unit test, so a parse
            // failure here is a build defect, not bad input.
            serde_json::from_str(BUNDLED_RULES).expect("assets/boilerplate.json is valid")
        })
    }

    fn line_rules(&self) -> &LineRules {
        self.lines.get_or_init(|| LineRules::new(self))
    }

    fn ends_sentence(&self, line: &str) -> bool {
        self.sentence_final
            .iter()
            .any(|s| line.ends_with(s.as_str()))
    }

    /// Can `line` be a headline by its punctuation?
    fn reads_as_headline(&self, line: &str) -> bool {
        !self.ends_sentence(line)
            || self
                .headline_marks
                .iter()
                .any(|m| line.contains(m.as_str()))
    }
}

/// When a line that repeats across a site's pages is furniture.
#[derive(Debug, Clone, Deserialize)]
pub struct LearnedRules {
    /// In at least this many pages of the site…
    pub min_pages: usize,
    /// …and in at least this share of them.
    pub min_share: f64,
}

impl Default for LearnedRules {
    fn default() -> Self {
        LearnedRules {
            min_pages: 3,
            min_share: 0.3,
        }
    }
}

/// The line rules trimmed once, so each line of a page is compared
/// without trimming every rule again.
#[derive(Debug, Clone)]
struct LineRules {
    drop_lines: Vec<String>,
    end_markers: Vec<String>,
    /// (length of the prefix as written, the prefix trimmed)
    end_marker_prefixes: Vec<(usize, String)>,
    containing: Vec<String>,
    /// The longest of `drop_lines` and `end_markers`: no longer line is one.
    longest: usize,
}

impl LineRules {
    fn new(rules: &Rules) -> Self {
        let trimmed = |v: &[String]| v.iter().map(|r| r.trim().to_string()).collect::<Vec<_>>();
        let (drop_lines, end_markers) = (trimmed(&rules.drop_lines), trimmed(&rules.end_markers));
        let longest = drop_lines.iter().chain(&end_markers).map(|r| r.len()).max();
        LineRules {
            containing: trimmed(&rules.drop_lines_containing),
            longest: longest.unwrap_or(0),
            drop_lines,
            end_markers,
            end_marker_prefixes: rules
                .end_marker_prefixes
                .iter()
                .map(|p| (p.len(), p.trim().to_string()))
                .collect(),
        }
    }

    /// `line` is trimmed.
    fn is_drop_line(&self, line: &str) -> bool {
        (line.len() <= self.longest && self.drop_lines.iter().any(|d| same_trimmed(d, line)))
            || self.containing.iter().any(|c| line.contains(c.as_str()))
    }

    /// `line` is trimmed and not empty.
    fn is_end_marker(&self, line: &str) -> bool {
        let first = line.as_bytes().first().copied().unwrap_or(0);
        (line.len() <= self.longest && self.end_markers.iter().any(|m| same_trimmed(m, line)))
            || self.end_marker_prefixes.iter().any(|(p, trimmed)| {
                // The line's start is where the trimmed prefix must start.
                trimmed
                    .as_bytes()
                    .first()
                    .is_some_and(|b| b.eq_ignore_ascii_case(&first))
                    && line.len() > *p
                    && line.is_char_boundary(*p)
                    && same_trimmed(trimmed, line[..*p].trim())
            })
    }
}

/// The lines of `text` as [`str::lines`] gives them (a final empty line is
/// not one; `\r\n` ends a line too, a lone `\r` at the end does not), found
/// with a vectorised search.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let t = rest?;
        let Some(i) = memchr::memchr(b'\n', t.as_bytes()) else {
            rest = None;
            return Some(t);
        };
        rest = Some(&t[i + 1..]).filter(|n| !n.is_empty());
        let line = &t[..i];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// A rule and a line, both already trimmed, are the same: equal, or equal
/// but for Latin case.
fn same_trimmed(rule: &str, line: &str) -> bool {
    rule.len() == line.len()
        && (rule == line || (rule.is_ascii() && rule.eq_ignore_ascii_case(line)))
}

/// A page split into its title, body and the lines removed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanPage {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub boilerplate: Vec<String>,
}

/// Splits a scraped page into title, paragraphs (one per non-empty line) and
/// boilerplate. The title is the first kept line when it reads as a headline
/// (no sentence-final punctuation, followed by a blank line or on a page with
/// no blank lines); otherwise it is the lead sentence and the lead paragraph
/// stays in the body, so no sentence is lost.
pub fn clean_page(text: &str, rules: &Rules) -> CleanPage {
    let parts = PageParts::of(text, rules);
    CleanPage {
        title: parts.title.into_owned(),
        paragraphs: parts.paragraphs.into_iter().map(String::from).collect(),
        boilerplate: parts.boilerplate.into_iter().map(String::from).collect(),
    }
}

/// [`clean_page`]'s result borrowed from the page, for readers that look at
/// every page once and keep little (a search over a whole corpus).
#[derive(Debug, Clone, PartialEq)]
pub struct PageParts<'a> {
    pub title: Cow<'a, str>,
    pub paragraphs: Vec<&'a str>,
    pub boilerplate: Vec<&'a str>,
}

impl<'a> PageParts<'a> {
    /// Cleans `text` as [`clean_page`] does, without copying it.
    pub fn of(text: &'a str, rules: &Rules) -> PageParts<'a> {
        Self::cleaned(text, rules, |_| false, None, true)
    }

    /// [`PageParts::of`], also removing the lines `furniture` says are the
    /// site's furniture (learned from its other pages). With a `title` (an
    /// HTML page's headline), every kept line is a paragraph. Without
    /// `markers_end_page` (an HTML page, whose link lists the extractor
    /// already removed), an end marker is dropped like a drop line instead
    /// of ending the page: «اقرأ أيضا» boxes stand in the middle of articles.
    pub fn cleaned(
        text: &'a str,
        rules: &Rules,
        furniture: impl Fn(&str) -> bool,
        title: Option<&'a str>,
        markers_end_page: bool,
    ) -> PageParts<'a> {
        let line_rules = rules.line_rules();
        let mut lines = lines_of(text).map(str::trim).peekable();
        let mut page_has_blank_lines = false;
        // The kept lines, and whether the first is followed by a blank line.
        let mut paragraphs: Vec<&str> = Vec::with_capacity(16);
        let mut first_blank_after = false;
        let mut boilerplate = Vec::new();
        let is_furniture = furniture;
        let mut furniture = false;
        while let Some(line) = lines.next() {
            if line.is_empty() {
                page_has_blank_lines = true;
                continue;
            }
            let marker = !furniture && line_rules.is_end_marker(line);
            furniture |= marker && markers_end_page;
            if furniture || marker || line_rules.is_drop_line(line) || is_furniture(line) {
                boilerplate.push(line);
                continue;
            }
            if paragraphs.is_empty() {
                first_blank_after = lines.peek().is_none_or(|next| next.is_empty());
            }
            paragraphs.push(line);
        }

        let title = match (title.filter(|t| !t.trim().is_empty()), paragraphs.first()) {
            (Some(title), _) => Cow::Borrowed(title.trim()),
            (None, None) => Cow::Borrowed(""),
            (None, Some(&first)) => {
                let headline = rules.reads_as_headline(first)
                    && (first_blank_after || !page_has_blank_lines || paragraphs.len() == 1)
                    && super::article::count_words(first) <= rules.headline_max_words;
                if headline {
                    // A page of one headline is an article with no body.
                    paragraphs.remove(0);
                    Cow::Borrowed(first)
                } else {
                    lead_title(first, rules)
                }
            }
        };
        PageParts {
            title,
            paragraphs,
            boilerplate,
        }
    }
}

/// The title of an article with no headline: the first sentence of its
/// lead paragraph, cut to `lead_title_max_words` words with an ellipsis when
/// longer. A sentence ends at `.`, `!`, `?` or `؟` before a space, never
/// inside «..» or «...».
pub(crate) fn lead_title<'a>(paragraph: &'a str, rules: &Rules) -> Cow<'a, str> {
    let mut end = paragraph.len();
    let mut previous = ' ';
    for (i, c) in paragraph.char_indices() {
        let after = i + c.len_utf8();
        let at_space = paragraph[after..].starts_with(char::is_whitespace);
        let in_dots = c == '.' && previous == '.';
        if matches!(c, '.' | '!' | '?' | '؟') && at_space && !in_dots {
            end = after;
            break;
        }
        previous = c;
    }
    let sentence = &paragraph[..end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() > rules.lead_title_max_words {
        Cow::Owned(format!(
            "{}…",
            words[..rules.lead_title_max_words].join(" ")
        ))
    } else {
        Cow::Borrowed(sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> CleanPage {
        clean_page(text, Rules::bundled())
    }

    #[test]
    fn headline_then_body() {
        let page = clean("التخطي إلى المحتوى\n\nعنوان الخبر\n\nفقرة أولى.\n\nفقرة ثانية.\n");
        assert_eq!(page.title, "عنوان الخبر");
        assert_eq!(page.paragraphs, ["فقرة أولى.", "فقرة ثانية."]);
        assert_eq!(page.boilerplate, ["التخطي إلى المحتوى"]);
    }

    #[test]
    fn end_marker_removes_the_rest() {
        let page = clean("عنوان\n\nنص.\n\nقد يهمك أيضاً\n\nتعليقات\n\nخبر آخر\n");
        assert_eq!(page.paragraphs, ["نص."]);
        assert_eq!(page.boilerplate, ["قد يهمك أيضاً", "تعليقات", "خبر آخر"]);
    }

    #[test]
    fn byline_prefix_is_a_marker_latin_case_insensitively() {
        let page = clean("عنوان\n\nنص.\n\nwritten by كاتب\n\nسيرة.\n");
        assert_eq!(page.paragraphs, ["نص."]);
        assert_eq!(page.boilerplate.len(), 2);
    }

    #[test]
    fn sentence_lead_gives_the_title_and_stays_in_the_body() {
        let page = clean("قالت الوزارة إن الهجوم فشل. وأضافت أن القوات تقدمت.\nفقرة ثانية.\n");
        assert_eq!(page.title, "قالت الوزارة إن الهجوم فشل.");
        assert_eq!(page.paragraphs.len(), 2);
    }

    #[test]
    fn a_title_only_page_is_a_title_with_no_paragraph() {
        let page = clean("خبر قصير بلا نقطة\n");
        assert_eq!(page.title, "خبر قصير بلا نقطة");
        assert!(page.paragraphs.is_empty());
        let page = clean("قالت الوزارة إن الهجوم فشل. وأضافت أن القوات تقدمت.\n");
        assert_eq!(page.title, "قالت الوزارة إن الهجوم فشل.");
        assert_eq!(page.paragraphs.len(), 1, "a lone paragraph stays the body");
    }

    #[test]
    fn exclamations_questions_and_double_dots_are_headlines() {
        for headline in [
            "هل تنجح الهدنة؟",
            "كارثة في الملعب!",
            "Is it over?",
            "شاهد.. لحظة الانفجار.",
        ] {
            let page = clean(&format!("{headline}\n\nنص الخبر.\n"));
            assert_eq!(page.title, headline);
            assert_eq!(page.paragraphs, ["نص الخبر."]);
        }
    }

    #[test]
    fn the_lead_sentence_is_never_cut_inside_dots() {
        let page = clean(
            "شاهد.. القوات تدخل المدينة... والسكان يحتفلون. ثم هدأت الأمور.\nفقرة.\n\nفقرة ثالثة.\n",
        );
        assert_eq!(page.title, "شاهد.. القوات تدخل المدينة... والسكان يحتفلون.");
    }

    #[test]
    fn learned_furniture_and_copyright_lines_are_removed_and_kept() {
        let text = "القائمة الرئيسية\nعنوان الخبر\n\nنص.\n© 2024 جميع الحقوق محفوظة\n";
        let page = PageParts::cleaned(
            text,
            Rules::bundled(),
            |l| l == "القائمة الرئيسية",
            None,
            true,
        );
        assert_eq!(page.title, "عنوان الخبر");
        assert_eq!(page.paragraphs, ["نص."]);
        assert_eq!(
            page.boilerplate,
            ["القائمة الرئيسية", "© 2024 جميع الحقوق محفوظة"]
        );
    }

    #[test]
    fn rules_and_lines_are_compared_trimmed() {
        let rules: Rules = serde_json::from_value(serde_json::json!({
            "drop_lines": [" Share\t"],
            "end_markers": ["  تعليقات "],
            "end_marker_prefixes": ["By: "],
            "sentence_final": ["."],
            "headline_max_words": 12,
            "lead_title_max_words": 12
        }))
        .unwrap();
        let page = clean_page(
            "عنوان\n\nنص.\n  SHARE \nby:x\nنص آخر.\n تعليقات\nذيل\n",
            &rules,
        );
        assert_eq!(page.paragraphs, ["نص.", "by:x", "نص آخر."]);
        assert_eq!(page.boilerplate, ["SHARE", "تعليقات", "ذيل"]);
        let page = clean_page("عنوان\n\nنص.\nBY: كاتب\nذيل\n", &rules);
        assert_eq!(page.paragraphs, ["نص."]);
    }

    proptest::proptest! {
        #[test]
        fn lines_are_those_of_str_lines(text in "[a\r\n ب]{0,16}") {
            let want: Vec<&str> = text.lines().collect();
            proptest::prop_assert_eq!(lines_of(&text).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn empty_page() {
        let page = clean("\n\nScan the code\n");
        assert!(page.paragraphs.is_empty());
        assert_eq!(page.title, "");
    }
}
