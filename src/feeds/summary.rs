//! Whether a feed item carries only a summary, by the rules in
//! `assets/feeds.json` (data, so they can be tuned without touching code).

use super::item::FeedItem;
use serde::Deserialize;
use std::sync::OnceLock;

const BUNDLED: &str = include_str!("../../assets/feeds.json");

/// Closing quotes and brackets that may follow a sentence's last mark.
const CLOSERS: &str = "»”’\"')]";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SummaryRules {
    pub min_words: usize,
    pub max_summary_sentences: usize,
    pub sentence_ends: Vec<String>,
    pub teaser_endings: Vec<String>,
}

impl SummaryRules {
    /// The rules shipped in `assets/feeds.json`, parsed once.
    pub fn bundled() -> &'static SummaryRules {
        static RULES: OnceLock<SummaryRules> = OnceLock::new();
        RULES.get_or_init(|| {
            // Compiled in and checked by a unit test: a failure is a build
            // defect, not bad input.
            serde_json::from_str(BUNDLED).expect("assets/feeds.json is valid")
        })
    }

    /// True when `item` has a link to fetch and its text is a summary: none
    /// at all, a teaser's ending («… اقرأ المزيد»), fewer words than
    /// `min_words`, or no more than `max_summary_sentences` sentences.
    /// Counting stops as soon as the answer is known (this runs on every
    /// item of every fetch).
    pub fn is_summary_only(&self, item: &FeedItem) -> bool {
        if item.link.is_none() {
            return false;
        }
        let Some(body) = item.body() else {
            return true;
        };
        let paragraphs = body.paragraphs();
        let Some(last) = paragraphs.last() else {
            return true;
        };
        if self.teases(last) {
            return true;
        }
        let mut words = 0;
        for p in &paragraphs {
            words += crate::corpus::count_words(p);
            if words >= self.min_words {
                break;
            }
        }
        if words < self.min_words {
            return true;
        }
        let ends: Vec<char> = self
            .sentence_ends
            .iter()
            .filter_map(|e| e.chars().next())
            .collect();
        let mut sentences = 0;
        for p in &paragraphs {
            sentences += sentence_count(p, &ends, self.max_summary_sentences + 1 - sentences);
            if sentences > self.max_summary_sentences {
                return false;
            }
        }
        true
    }

    /// Whether `paragraph` ends as a teaser does (ASCII case ignored);
    /// compared in place, as this runs on every item.
    fn teases(&self, paragraph: &str) -> bool {
        let text = paragraph.trim_end().as_bytes();
        self.teaser_endings.iter().any(|end| {
            let end = end.as_bytes();
            text.len() >= end.len() && text[text.len() - end.len()..].eq_ignore_ascii_case(end)
        })
    }

    #[cfg(test)]
    fn sentences(&self, text: &str) -> usize {
        let ends: Vec<char> = self
            .sentence_ends
            .iter()
            .filter_map(|e| e.chars().next())
            .collect();
        sentence_count(text, &ends, usize::MAX)
    }
}

/// Sentences: runs of closing marks (`ends`) followed by a space or the end
/// of the text (so "3.5" does not count; closing quotes may come between),
/// and any text after the last of them; counting stops at `enough`.
fn sentence_count(text: &str, ends: &[char], enough: usize) -> usize {
    let (mut count, mut open) = (0, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !ends.contains(&c) {
            open |= !c.is_whitespace();
            continue;
        }
        while chars
            .peek()
            .is_some_and(|c| ends.contains(c) || CLOSERS.contains(*c))
        {
            chars.next();
        }
        if chars.peek().is_none_or(|c| c.is_whitespace()) {
            count += 1;
            open = false;
            if count >= enough {
                return count;
            }
        }
    }
    count + usize::from(open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::item::{IdSource, ItemText};

    fn item(html: &str) -> FeedItem {
        FeedItem {
            id: "1".into(),
            id_source: IdSource::Guid,
            title: Some("عنوان".into()),
            link: Some("http://news.example/1".into()),
            published: None,
            updated: None,
            authors: vec![],
            categories: vec![],
            enclosures: vec![],
            summary: None,
            content: (!html.is_empty()).then(|| ItemText {
                text: html.into(),
                html: true,
            }),
            summary_only: false,
            full_text: None,
        }
    }

    const SENTENCE: &str =
        "قالت وزارة الخارجية في بيان صدر اليوم إن المفاوضات بين الطرفين ستستأنف \
                            الأسبوع المقبل في العاصمة بحضور ممثلين عن الأمم المتحدة والاتحاد الأفريقي.";

    #[test]
    fn the_bundled_rules_parse() {
        let rules = SummaryRules::bundled();
        assert!(rules.min_words > 0 && rules.teaser_endings.iter().any(|e| e == "اقرأ المزيد"));
    }

    #[test]
    fn short_or_teasing_items_are_summaries() {
        let rules = SummaryRules::bundled();
        assert!(rules.is_summary_only(&item("")));
        assert!(rules.is_summary_only(&item(&format!("<p>{SENTENCE}</p>"))));
        // Long enough, but three sentences.
        let long = format!("{}، {SENTENCE}", SENTENCE.trim_end_matches('.'));
        let lead = format!("<p>{long} {long} {long}</p>");
        assert!(rules.is_summary_only(&item(&lead)));
        let teaser = format!("<p>{SENTENCE}</p>").repeat(6) + "<p>تابع القراءة</p>";
        assert!(rules.is_summary_only(&item(&teaser)));
        let cut = format!("<p>{SENTENCE}</p>").repeat(6) + "<p>وقال المتحدث إن الجلسة […]</p>";
        assert!(rules.is_summary_only(&item(&cut)));
    }

    #[test]
    fn ordinary_endings_are_not_teasers() {
        let rules = SummaryRules::bundled();
        let quoted = format!("<p>{SENTENCE}</p>").repeat(5)
            + "<p>وقال الوزير: «سنواصل العمل حتى النهاية».</p>";
        assert!(!rules.is_summary_only(&item(&quoted)));
        let more = format!("<p>{SENTENCE}</p>").repeat(5) + "<p>وتطمح الشركة إلى تحقيق المزيد</p>";
        assert!(!rules.is_summary_only(&item(&more)));
    }

    #[test]
    fn a_whole_article_is_not() {
        let rules = SummaryRules::bundled();
        let article = format!("<p>{SENTENCE}</p>").repeat(6);
        assert!(!rules.is_summary_only(&item(&article)));
        // Nothing to fetch without a link.
        let mut bare = item("");
        bare.link = None;
        assert!(!rules.is_summary_only(&bare));
    }

    #[test]
    fn sentences_are_counted_at_their_ends() {
        let rules = SummaryRules::bundled();
        assert_eq!(
            rules.sentences("ارتفع بنسبة 3.5 في المئة. ماذا بعد؟! لا شيء..."),
            3
        );
        assert_eq!(rules.sentences("بلا نقطة في آخرها"), 1);
        assert_eq!(rules.sentences("قال: «انتهى الأمر.» ثم غادر"), 2);
        assert_eq!(rules.sentences(""), 0);
    }
}
