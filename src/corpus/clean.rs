//! Cleaning of scraped pages: which lines are the article and which are site
//! furniture. The rules are data (`assets/boilerplate.json`), not code.

use serde::Deserialize;
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
    /// Characters that end a sentence; a line ending in none of them can be
    /// a headline.
    pub sentence_final: Vec<String>,
    /// A headline longer than this many words is taken for a paragraph.
    pub headline_max_words: usize,
    /// A title taken from the lead sentence is cut to this many words.
    pub lead_title_max_words: usize,
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

    fn is_drop_line(&self, line: &str) -> bool {
        self.drop_lines.iter().any(|d| same_line(d, line))
    }

    fn is_end_marker(&self, line: &str) -> bool {
        self.end_markers.iter().any(|m| same_line(m, line))
            || self.end_marker_prefixes.iter().any(|p| {
                line.len() > p.len()
                    && line.is_char_boundary(p.len())
                    && same_line(p, &line[..p.len()])
            })
    }

    fn ends_sentence(&self, line: &str) -> bool {
        self.sentence_final
            .iter()
            .any(|s| line.ends_with(s.as_str()))
    }
}

/// Trimmed comparison, case-insensitive for Latin text.
fn same_line(rule: &str, line: &str) -> bool {
    let (rule, line) = (rule.trim(), line.trim());
    rule == line || (rule.is_ascii() && rule.eq_ignore_ascii_case(line))
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
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let page_has_blank_lines = lines.iter().any(|l| l.is_empty());
    let mut kept: Vec<(&str, bool)> = Vec::new(); // (line, followed by a blank line)
    let mut boilerplate = Vec::new();
    let mut furniture = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if !furniture && rules.is_end_marker(line) {
            furniture = true;
        }
        if furniture || rules.is_drop_line(line) {
            boilerplate.push((*line).to_string());
            continue;
        }
        let blank_after = lines.get(i + 1).is_none_or(|next| next.is_empty());
        kept.push((line, blank_after));
    }

    let mut paragraphs: Vec<String> = kept.iter().map(|(l, _)| (*l).to_string()).collect();
    let title = match kept.first() {
        None => String::new(),
        Some(&(first, blank_after)) => {
            let headline = !rules.ends_sentence(first)
                && (blank_after || !page_has_blank_lines)
                && super::article::count_words(first) <= rules.headline_max_words
                && kept.len() > 1;
            if headline {
                paragraphs.remove(0);
                first.to_string()
            } else {
                lead_sentence(first, rules)
            }
        }
    };
    CleanPage {
        title,
        paragraphs,
        boilerplate,
    }
}

/// The first sentence of a paragraph, cut to `lead_title_max_words` words
/// with an ellipsis when longer.
fn lead_sentence(paragraph: &str, rules: &Rules) -> String {
    let mut end = paragraph.len();
    for (i, c) in paragraph.char_indices() {
        let after = i + c.len_utf8();
        let at_space = paragraph[after..].starts_with(char::is_whitespace);
        if matches!(c, '.' | '!' | '?' | '؟') && at_space {
            end = after;
            break;
        }
    }
    let sentence = &paragraph[..end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() > rules.lead_title_max_words {
        format!("{}…", words[..rules.lead_title_max_words].join(" "))
    } else {
        sentence.to_string()
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
    fn a_lone_line_is_never_both_title_and_missing() {
        let page = clean("خبر قصير بلا نقطة\n");
        assert_eq!(page.title, "خبر قصير بلا نقطة");
        assert_eq!(page.paragraphs, ["خبر قصير بلا نقطة"]);
    }

    #[test]
    fn empty_page() {
        let page = clean("\n\nScan the code\n");
        assert!(page.paragraphs.is_empty());
        assert_eq!(page.title, "");
    }
}
