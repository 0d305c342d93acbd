//! CoNLL files (`word TAG` per line, a blank line between sentences, BIO
//! tags as in ANERcorp) and CoNLL scoring: a name counts only when its
//! first and last tokens and its kind all match (exact span).
//!
//! sahifa's words are not CoNLL's tokens: a token may hold punctuation or
//! several words («(د», «أ)»), and gold names keep their proclitics
//! («وإسرائيل») where sahifa's spans leave them out. Both are compared at
//! the token level: a sahifa word belongs to the token it lies in, and a
//! detected span covers every token it touches.

use super::tagger::Tag;
use super::Kind;
use std::ops::Range;

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

/// A line that is not `word TAG`.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: expected \"word TAG\" with a BIO tag (B-PERS, I-LOC, O, …), found {found:?}")]
pub struct ConllError {
    pub line: usize,
    pub found: String,
}

/// Parses a CoNLL file: the first column is the word, the last the tag.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next();
        let tag = cols.next_back().and_then(Tag::parse);
        match (word, tag) {
            (Some(w), Some(t)) => {
                cur.tokens.push(w.to_string());
                cur.tags.push(t);
            }
            _ => {
                return Err(ConllError {
                    line: n + 1,
                    found: line.chars().take(60).collect(),
                })
            }
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A name over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Sentence {
    /// The tokens joined by spaces, and each token's byte range in it.
    pub fn text(&self) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(self.tokens.len());
        for t in &self.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            ranges.push(text.len()..text.len() + t.len());
            text.push_str(t);
        }
        (text, ranges)
    }

    /// The gold names (an I tag after another kind starts a name, as
    /// `conlleval` reads it).
    pub fn spans(&self) -> Vec<Span> {
        spans_of(&self.tags)
    }
}

/// Names in a BIO sequence.
pub fn spans_of(tags: &[Tag]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        let Some(kind) = t.kind() else { continue };
        match out.last_mut() {
            Some(s) if !t.is_begin() && s.end == i && s.kind == kind => s.end = i + 1,
            _ => out.push(Span {
                start: i,
                end: i + 1,
                kind,
            }),
        }
    }
    out
}

/// The token holding byte `at` of the joined text (the next one if `at`
/// is a space).
pub fn token_at(ranges: &[Range<usize>], at: usize) -> usize {
    ranges
        .partition_point(|r| r.end <= at)
        .min(ranges.len().saturating_sub(1))
}

/// Gold tags for words at byte ranges `words` of the joined text: a word
/// takes its token's tag, and a B token's later words continue its name.
pub fn word_tags(sentence: &Sentence, ranges: &[Range<usize>], words: &[Range<usize>]) -> Vec<Tag> {
    let mut last_token = usize::MAX;
    words
        .iter()
        .map(|w| {
            let t = token_at(ranges, w.start);
            let tag = sentence.tags.get(t).copied().unwrap_or(Tag::O);
            let same = t == last_token;
            last_token = t;
            match tag.kind() {
                Some(kind) if same => Tag::inside(kind).unwrap_or(tag),
                _ => tag,
            }
        })
        .collect()
}

/// Detected byte ranges of the joined text as token spans (a span covers
/// every token it touches); names only (no numbers or dates), duplicates
/// removed.
pub fn token_spans(
    ranges: &[Range<usize>],
    found: impl IntoIterator<Item = (Range<usize>, Kind)>,
) -> Vec<Span> {
    let mut out: Vec<Span> = found
        .into_iter()
        .filter(|(r, k)| !r.is_empty() && !matches!(k, Kind::Number | Kind::Date))
        .map(|(r, kind)| Span {
            start: token_at(ranges, r.start),
            end: token_at(ranges, r.end - 1) + 1,
            kind,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// True positives, false positives and false negatives per name kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Indexed as [`KINDS`].
    pub counts: [(usize, usize, usize); 4],
}

/// The kinds scored, in table order.
pub const KINDS: [Kind; 4] = [Kind::Person, Kind::Location, Kind::Organization, Kind::Misc];

fn slot(kind: Kind) -> Option<usize> {
    KINDS.iter().position(|&k| k == kind)
}

/// Precision, recall and F1 of (tp, fp, fn).
pub fn prf((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Scores {
    /// Scores one sentence's predicted names against the gold ones.
    pub fn add(&mut self, gold: &[Span], predicted: &[Span]) {
        for g in gold {
            if let Some(k) = slot(g.kind) {
                if predicted.contains(g) {
                    self.counts[k].0 += 1;
                } else {
                    self.counts[k].2 += 1;
                }
            }
        }
        for p in predicted {
            if let Some(k) = slot(p.kind) {
                if !gold.contains(p) {
                    self.counts[k].1 += 1;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Scores) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
    }

    /// Micro-averaged counts over person, place and organisation (the
    /// figure Arabic NER papers on ANERcorp report; MISC apart).
    pub fn micro(&self) -> (usize, usize, usize) {
        self.counts[..3]
            .iter()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
    }

    /// A plain-text table: kind, precision, recall, F1, tp/fp/fn.
    pub fn table(&self) -> String {
        let mut out = String::from("kind            P      R      F1     (tp fp fn)\n");
        let rows = KINDS
            .iter()
            .map(|k| k.name())
            .zip(self.counts.iter().copied())
            .chain(std::iter::once(("micro PER/LOC/ORG", self.micro())));
        for (name, c) in rows {
            let (p, r, f) = prf(c);
            out.push_str(&format!(
                "{name:<15} {p:.3}  {r:.3}  {f:.3}  ({} {} {})\n",
                c.0, c.1, c.2
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_scores_exact_spans() {
        let s =
            parse("وقال O\nبرند B-PERS\nجوتشولك I-PERS\nفي O\nوألمانيا B-LOC\n\nx O\n").unwrap();
        assert_eq!(s.len(), 2);
        let gold = s[0].spans();
        assert_eq!(gold.len(), 2);
        let (text, ranges) = s[0].text();
        assert_eq!(&text[ranges[4].clone()], "وألمانيا");
        // A detected «ألمانيا» (without و) touches token 4: exact.
        let start = ranges[4].start + "و".len();
        let pred = token_spans(
            &ranges,
            [
                (start..ranges[4].end, Kind::Location),
                (ranges[2].clone(), Kind::Person),
            ],
        );
        let mut scores = Scores::default();
        scores.add(&gold, &pred);
        assert_eq!(scores.counts[1], (1, 0, 0));
        assert_eq!(scores.counts[0], (0, 1, 1)); // «جوتشولك» alone is wrong
        assert!(parse("word\n").is_err());
        assert!(parse("a B-FOO\n").is_err());
    }

    #[test]
    fn a_tokens_later_words_continue_its_name() {
        let s = parse("(أ.ف.ب) B-ORG\nقال O\n").unwrap();
        let (text, ranges) = s[0].text();
        let words: Vec<Range<usize>> = crate::text::normalize::word_ranges(&text).collect();
        let tags: Vec<&str> = word_tags(&s[0], &ranges, &words)
            .iter()
            .map(|t| t.name())
            .collect();
        assert_eq!(tags, ["B-ORG", "I-ORG", "I-ORG", "O"]);
    }
}
