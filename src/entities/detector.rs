//! The detector: gazetteer, numbers and dates first (longest match, left to
//! right), then rules on the words left over; per article, names found by
//! rules are remembered so a later bare surname is found too.

use super::lexicon::Lexicon;
use super::numbers::{date_at, number_at};
use super::rules::{self, RuleSpan};
use super::scan::Tokens;
use super::words::WordLists;
use super::{EntityRef, Gazetteer, Kind, Mention};
use crate::corpus::Article;
use crate::text::normalize::{normalize_with_map, Normalized};
use std::ops::Range;
use std::sync::Arc;

/// Finds entity mentions in text. Build once (it compiles the gazetteer)
/// and share; detection takes `&self`.
#[derive(Debug, Clone)]
pub struct Detector {
    lexicon: Lexicon,
    words: WordLists,
}

/// A match in word indexes; `entity` is `None` for rule, number and date
/// matches, whose canonical form is their surface text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    prefix: usize,
    kind: Kind,
    entity: Option<EntityRef>,
    /// Found by a name rule (so worth remembering for the article).
    learnable: bool,
}

impl Detector {
    /// A detector over `gazetteer` with the given word lists.
    pub fn new(gazetteer: &Gazetteer, words: WordLists) -> Detector {
        let mut lexicon = Lexicon::default();
        for e in gazetteer.entries() {
            let entity = EntityRef {
                canonical: Arc::from(e.canonical.as_str()),
                kind: e.kind,
            };
            lexicon.add(e.names(), entity);
        }
        Detector { lexicon, words }
    }

    /// The built-in gazetteer and word lists.
    pub fn builtin() -> Result<Detector, super::RulesError> {
        Ok(Detector::new(&Gazetteer::builtin(), WordLists::builtin()?))
    }

    /// Mentions in one text: byte ranges into `text` (proclitics excluded)
    /// with the entity each refers to, in text order.
    pub fn detect(&self, text: &str) -> Vec<(Range<usize>, EntityRef)> {
        let norm = normalize_with_map(text);
        let toks = self.tokens(&norm.text);
        let found = self.scan(&toks, None);
        resolve(text, &norm, &toks, &found)
    }

    /// [`Detector::detect_article`] for each article, on all cores; in order.
    pub fn detect_articles(&self, articles: &[&Article]) -> Vec<Vec<Mention>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = articles.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let parts: Vec<_> = articles
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|a| self.detect_article(a))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }

    /// Mentions in an article: title (field 0) and paragraphs (1…). A name
    /// a rule found anywhere in the article («ميخائيل ديجاریف») is also
    /// found alone or by its last word elsewhere in it («ديجاريف»).
    pub fn detect_article(&self, article: &Article) -> Vec<Mention> {
        let fields: Vec<&str> = std::iter::once(article.title.as_str())
            .chain(article.paragraphs.iter().map(String::as_str))
            .collect();
        let norms: Vec<Normalized> = fields.iter().map(|f| normalize_with_map(f)).collect();
        let toks: Vec<Tokens> = norms.iter().map(|n| self.tokens(&n.text)).collect();
        let mut found: Vec<Vec<Found>> = toks.iter().map(|t| self.scan(t, None)).collect();
        let learned = learn(&fields, &norms, &toks, &found);
        if !learned.is_empty() {
            found = toks.iter().map(|t| self.scan(t, Some(&learned))).collect();
        }
        let mut out = Vec::new();
        for (field, text) in fields.iter().enumerate() {
            for (range, e) in resolve(text, &norms[field], &toks[field], &found[field]) {
                out.push(Mention {
                    field,
                    range,
                    canonical: e.canonical,
                    kind: e.kind,
                });
            }
        }
        out
    }

    fn tokens<'t>(&self, text: &'t str) -> Tokens<'t> {
        let mut toks = Tokens::new(text);
        toks.mark_phrase_starts(&self.words.phrase_starts);
        toks
    }

    fn scan(&self, toks: &Tokens, learned: Option<&Lexicon>) -> Vec<Found> {
        let w = &self.words;
        let mut found = Vec::new();
        let mut covered = vec![false; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<Found> = None;
            let lexicons = [Some(&self.lexicon), learned].into_iter().flatten();
            for lex in lexicons {
                if let Some(hit) = lex.longest_at(toks, i, &w.stop) {
                    if best.as_ref().is_none_or(|b| i + hit.words > b.end) {
                        best = lex.entity(hit.entity).map(|e| Found {
                            start: i,
                            end: i + hit.words,
                            prefix: hit.prefix,
                            kind: e.kind,
                            entity: Some(e.clone()),
                            learnable: false,
                        });
                    }
                }
            }
            let scanned = [
                (Kind::Date, date_at(w, toks, i)),
                (Kind::Number, number_at(w, toks, i)),
            ];
            for (kind, m) in scanned {
                if let Some((prefix, end)) = m {
                    if best.as_ref().is_none_or(|b| end > b.end) {
                        best = Some(Found {
                            start: i,
                            end,
                            prefix,
                            kind,
                            entity: None,
                            learnable: false,
                        });
                    }
                }
            }
            match best {
                Some(f) => {
                    covered[f.start..f.end].fill(true);
                    i = f.end;
                    found.push(f);
                }
                None => i += 1,
            }
        }
        for span in rules::apply(w, toks, &mut covered) {
            add_rule_span(&mut found, span);
        }
        found.sort_by_key(|f| f.start);
        found
    }
}

/// Adds a rule match; a quoted name replaces the matches inside it unless
/// one of them is exactly the quoted name (the gazetteer knows it).
fn add_rule_span(found: &mut Vec<Found>, s: RuleSpan) {
    if s.quoted {
        if found.iter().any(|f| f.start == s.start && f.end == s.end) {
            return;
        }
        found.retain(|f| f.end <= s.start || f.start >= s.end);
    }
    found.push(Found {
        start: s.start,
        end: s.end,
        prefix: s.prefix,
        kind: s.kind,
        entity: None,
        learnable: matches!(s.kind, Kind::Person | Kind::Organization),
    });
}

/// Byte range in the original text of a match.
fn original_range(norm: &Normalized, toks: &Tokens, f: &Found) -> Option<Range<usize>> {
    let first = toks.spans.get(f.start)?;
    let last = toks.spans.get(f.end.checked_sub(1)?)?;
    Some(norm.original_range(first.start + f.prefix..last.end))
}

fn resolve(
    text: &str,
    norm: &Normalized,
    toks: &Tokens,
    found: &[Found],
) -> Vec<(Range<usize>, EntityRef)> {
    found
        .iter()
        .filter_map(|f| {
            let range = original_range(norm, toks, f)?;
            let entity = match &f.entity {
                Some(e) => e.clone(),
                None => EntityRef {
                    canonical: Arc::from(text.get(range.clone())?),
                    kind: f.kind,
                },
            };
            Some((range, entity))
        })
        .collect()
}

/// Names that rules found in an article, as a lexicon: each under its full
/// form, people also under their last word.
fn learn(fields: &[&str], norms: &[Normalized], toks: &[Tokens], found: &[Vec<Found>]) -> Lexicon {
    let mut lex = Lexicon::default();
    for (field, list) in found.iter().enumerate() {
        for f in list.iter().filter(|f| f.learnable) {
            let Some(range) = original_range(&norms[field], &toks[field], f) else {
                continue;
            };
            let Some(surface) = fields[field].get(range) else {
                continue;
            };
            let mut names = vec![surface];
            if f.kind == Kind::Person && f.end - f.start > 1 {
                names.extend(surface.rsplit(char::is_whitespace).next());
            }
            let entity = EntityRef {
                canonical: Arc::from(surface),
                kind: f.kind,
            };
            lex.add(names, entity);
        }
    }
    lex
}
