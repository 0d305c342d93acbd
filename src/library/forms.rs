//! The index keys ("forms") of articles, found on any thread.
//!
//! An article's forms are its distinct normalised words, their
//! proclitic-stripped readings, and the rests after «لل» marked with
//! [`LIL`] (see [`super::index`] for why). [`Forms::of`] finds them for
//! many articles at once: each distinct word is hashed once per word it
//! reads, its readings worked out once for all the articles, and each
//! article's forms found through small "seen" marks instead of a set of
//! strings per article. That is most of an import's work, so it matters.

use crate::search::lil_rest;
use crate::text::normalize::{normalize_into, strip_proclitics, word_ranges};
use std::collections::{HashMap, HashSet};

type Fast = foldhash::fast::FixedState;

/// Marks a rest after «لل». Not a word character, so no word holds it.
pub(crate) const LIL: char = '\u{E000}';

/// Prefixes of up to this many characters are kept whole.
pub(crate) const PREFIX_CHARS: usize = 2;

/// The forms of some consecutive articles, each form once, with the
/// articles holding it (by their position among those articles).
#[derive(Debug, Default)]
pub(crate) struct Forms {
    pub(crate) names: Vec<Box<str>>,
    /// For each form of `names`, the positions holding it, ascending.
    pub(crate) postings: Vec<Vec<u32>>,
}

impl Forms {
    /// The forms of `articles` (title and paragraphs each), in order.
    pub(crate) fn of<'a>(articles: impl IntoIterator<Item = (&'a str, &'a [String])>) -> Forms {
        let mut builder = Builder::default();
        for (position, (title, paragraphs)) in articles.into_iter().enumerate() {
            builder.article(position as u32, title, paragraphs);
        }
        builder.finish()
    }
}

/// One article's forms, each once.
#[derive(Debug, Default, Clone)]
pub(crate) struct Keys(Vec<Box<str>>);

impl Keys {
    /// The forms of an article (title, then paragraphs).
    pub(crate) fn of(title: &str, paragraphs: &[String]) -> Keys {
        Keys(Forms::of([(title, paragraphs)]).names)
    }

    /// Every form.
    pub(crate) fn forms(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|f| &**f)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The prefixes kept whole of all the forms, each once.
    pub(crate) fn prefixes(&self) -> HashSet<&str, Fast> {
        self.forms().flat_map(prefixes).collect()
    }
}

/// The first one and two characters of `form` (those it has).
pub(crate) fn prefixes(form: &str) -> impl Iterator<Item = &str> {
    form.char_indices()
        .take(PREFIX_CHARS)
        .map(move |(at, c)| &form[..at + c.len_utf8()])
}

/// Gathers [`Forms`] article by article.
#[derive(Default)]
struct Builder {
    /// Every distinct word met, numbered.
    words: HashMap<Box<str>, u32, Fast>,
    /// The forms a word reads as: `word_forms[spans[w].0..spans[w].1]`.
    spans: Vec<(u32, u32)>,
    word_forms: Vec<u32>,
    /// The last article (position + 1) each word was met in.
    word_seen: Vec<u32>,
    forms: HashMap<Box<str>, u32, Fast>,
    /// The last article (position + 1) each form was given to.
    form_seen: Vec<u32>,
    postings: Vec<Vec<u32>>,
    normalized: String,
}

impl Builder {
    fn article(&mut self, position: u32, title: &str, paragraphs: &[String]) {
        let mark = position + 1;
        let mut normalized = std::mem::take(&mut self.normalized);
        normalized.clear();
        for field in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
            normalized.push('\n');
            normalize_into(field, &mut normalized);
        }
        for range in word_ranges(&normalized) {
            let word = &normalized[range];
            let w = match self.words.get(word) {
                Some(&w) => w,
                None => self.new_word(word),
            } as usize;
            if self.word_seen[w] == mark {
                continue;
            }
            self.word_seen[w] = mark;
            let (from, to) = self.spans[w];
            for &f in &self.word_forms[from as usize..to as usize] {
                let f = f as usize;
                if self.form_seen[f] != mark {
                    self.form_seen[f] = mark;
                    self.postings[f].push(position);
                }
            }
        }
        self.normalized = normalized;
    }

    /// Numbers a word not met before, with its readings.
    fn new_word(&mut self, word: &str) -> u32 {
        let from = self.word_forms.len() as u32;
        let whole = self.form(word);
        self.word_forms.push(whole);
        for (_, rest) in strip_proclitics(word) {
            let f = self.form(rest);
            self.word_forms.push(f);
        }
        if let Some((_, rest)) = lil_rest(word) {
            let f = self.form(&format!("{LIL}{rest}"));
            self.word_forms.push(f);
        }
        let w = self.spans.len() as u32;
        self.spans.push((from, self.word_forms.len() as u32));
        self.word_seen.push(0);
        self.words.insert(word.into(), w);
        w
    }

    fn form(&mut self, form: &str) -> u32 {
        if let Some(&f) = self.forms.get(form) {
            return f;
        }
        let f = self.postings.len() as u32;
        self.forms.insert(form.into(), f);
        self.postings.push(Vec::new());
        self.form_seen.push(0);
        f
    }

    fn finish(self) -> Forms {
        let mut names = vec![Box::<str>::default(); self.postings.len()];
        for (name, f) in self.forms {
            names[f as usize] = name;
        }
        Forms {
            names,
            postings: self.postings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hold_words_readings_and_lil_rests_once() {
        let keys = Keys::of("وخيرسون", &["للدروع خيرسون".into(), "وخيرسون".into()]);
        let mut forms: Vec<&str> = keys.forms().collect();
        forms.sort_unstable();
        let mut want = vec![
            "خيرسون",
            "وخيرسون",
            "للدروع",
            "لدروع",
            "دروع",
            "\u{E000}دروع",
        ];
        want.sort_unstable();
        assert_eq!(forms, want);
        let mut prefixes: Vec<&str> = keys.prefixes().into_iter().collect();
        prefixes.sort_unstable();
        let mut want = vec![
            "خ",
            "خي",
            "و",
            "وخ",
            "ل",
            "لل",
            "لد",
            "د",
            "در",
            "\u{E000}",
            "\u{E000}د",
        ];
        want.sort_unstable();
        assert_eq!(prefixes, want);
    }

    #[test]
    fn many_articles_get_the_forms_each_would_get_alone() {
        let articles: Vec<(String, Vec<String>)> = vec![
            ("وخيرسون".into(), vec!["للدروع خيرسون".into()]),
            (String::new(), vec![]),
            (
                "خيرسون".into(),
                vec!["والدروع، دروع".into(), "Kherson".into()],
            ),
            ("للدروع".into(), vec!["خيرسون وخيرسون".into()]),
        ];
        let forms = Forms::of(articles.iter().map(|(t, p)| (t.as_str(), p.as_slice())));
        for (position, (title, paragraphs)) in articles.iter().enumerate() {
            let keys = Keys::of(title, paragraphs);
            let mut alone: Vec<&str> = keys.forms().collect();
            alone.sort_unstable();
            let mut together: Vec<&str> = forms
                .names
                .iter()
                .zip(&forms.postings)
                .filter(|(_, p)| p.contains(&(position as u32)))
                .map(|(n, _)| &**n)
                .collect();
            together.sort_unstable();
            assert_eq!(together, alone, "article {position}");
        }
        for p in &forms.postings {
            assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}");
        }
    }
}
