//! The detector: what each source finds in a paragraph, and which wins.
//!
//! 1. the user's gazetteer, always;
//! 2. dates and numbers (rules, `dates.rs`, `numbers.rs`);
//! 3. the tagger's people, places, organisations and other names (the
//!    built-in gazetteer and the word lists are among its features), with
//!    the gazetteer's canonical name where it knows the same words;
//! 4. names learned elsewhere in the same article;
//! 5. the built-in gazetteer, as a fallback on words nothing above took
//!    (names that are also common words, «كيف», only with the tagger's
//!    agreement);
//! 6. without a model only: the title and trigger rules (with one, they
//!    are among the tagger's features, and the named institutions the
//!    tagger left alone are shown as [`Kind::Institution`]).
//!
//! Everything is linear in the words of the paragraph.

use super::combine::{self, Found};
use super::lexicon::Lexicon;
use super::scan::Tokens;
use super::tagger::general::WordFreq;
use super::tagger::{ModelError, Sentence, Tagger};
use super::words::WordLists;
use super::{EntityRef, Gazetteer, Kind, Mention};
use crate::corpus::Article;
use crate::text::normalize::{normalize_with_map, Normalized};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// The built-in model, trained by `examples/train_ner.rs`.
const MODEL: &[u8] = include_bytes!("../../assets/ner.model");

/// Finds entity mentions in text. Build once and share: cloning is cheap
/// (the tables are behind an `Arc`), it is `Send + Sync`, and detection
/// takes `&self`, one paragraph at a time if need be
/// ([`Detector::detect`], [`Detector::paragraphs`]).
#[derive(Debug, Clone)]
pub struct Detector {
    inner: Arc<Inner>,
}

#[derive(Debug)]
pub(super) struct Inner {
    pub lexicon: Lexicon,
    pub user: Lexicon,
    pub words: WordLists,
    pub tagger: Option<Arc<Tagger>>,
}

/// Why the built-in detector could not be made (a build defect).
#[derive(Debug, thiserror::Error)]
pub enum DetectorError {
    #[error(transparent)]
    Rules(#[from] super::RulesError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl Tagger {
    /// The built-in model, read once per process.
    pub fn builtin() -> Result<Arc<Tagger>, ModelError> {
        static CELL: OnceLock<Option<Arc<Tagger>>> = OnceLock::new();
        // The general word frequencies the features read are loaded with
        // the model, not at the first tagging.
        super::tagger::general::WordFreq::builtin();
        match CELL.get_or_init(|| Tagger::from_bytes(MODEL).ok().map(Arc::new)) {
            Some(t) => Ok(t.clone()),
            None => Tagger::from_bytes(MODEL).map(Arc::new), // the error, again
        }
    }
}

impl Detector {
    /// A detector over `gazetteer` (its user entries win over everything)
    /// with the given word lists and the built-in model. Should the model
    /// be unreadable, names come from the gazetteer and rules alone
    /// ([`Detector::has_tagger`] says so).
    pub fn new(gazetteer: &Gazetteer, words: WordLists) -> Detector {
        Detector::with_tagger(gazetteer, words, Tagger::builtin().ok())
    }

    /// [`Detector::new`] with another model, or none.
    pub fn with_tagger(
        gazetteer: &Gazetteer,
        words: WordLists,
        tagger: Option<Arc<Tagger>>,
    ) -> Detector {
        let mut lexicon = Lexicon::default();
        for e in gazetteer.entries() {
            lexicon.add(e.names(), entity_ref(&e.canonical, e.kind));
        }
        let mut user = Lexicon::default();
        for e in gazetteer.user_entries() {
            // The merged entry, so a user alias of a built-in name keeps
            // the built-in canonical form.
            user.add(e.names(), entity_ref(&e.canonical, e.kind));
        }
        Detector {
            inner: Arc::new(Inner {
                lexicon,
                user,
                words,
                tagger,
            }),
        }
    }

    /// The built-in gazetteer, word lists and model.
    pub fn builtin() -> Result<Detector, DetectorError> {
        let tagger = Tagger::builtin()?;
        Ok(Detector::with_tagger(
            &Gazetteer::builtin(),
            WordLists::builtin()?,
            Some(tagger),
        ))
    }

    /// Whether a trained model takes part.
    pub fn has_tagger(&self) -> bool {
        self.inner.tagger.is_some()
    }

    /// Mentions in one text: byte ranges into `text` (proclitics excluded)
    /// with the entity each refers to, in text order.
    pub fn detect(&self, text: &str) -> Vec<(Range<usize>, EntityRef)> {
        let norm = normalize_with_map(text);
        let toks = self.tokens(&norm.text);
        let found = combine::find(&self.inner, &toks);
        resolve(&self.inner.words, text, &norm, &toks, &found)
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
    /// found anywhere in the article («ميخائيل ديجاریف») is also found
    /// alone or by its last word elsewhere in it («ديجاريف»), and every
    /// spelling of a name found outside the gazetteer shows under the
    /// article's first spelling of it.
    pub fn detect_article(&self, article: &Article) -> Vec<Mention> {
        self.detect_article_unless(article, || false)
            .unwrap_or_default()
    }

    /// [`Detector::detect_article`], giving up (`None`) as soon as `stop`
    /// says so: it is asked before each field, so a reader detecting in the
    /// background drops an article the user has left.
    pub fn detect_article_unless(
        &self,
        article: &Article,
        stop: impl Fn() -> bool,
    ) -> Option<Vec<Mention>> {
        let fields: Vec<&str> = fields(article).collect();
        let norms: Vec<Normalized> = fields.iter().map(|f| normalize_with_map(f)).collect();
        let toks: Vec<Tokens> = norms.iter().map(|n| self.tokens(&n.text)).collect();
        let mut found: Vec<Vec<Found>> = Vec::with_capacity(fields.len());
        for t in &toks {
            if stop() {
                return None;
            }
            found.push(combine::find(&self.inner, t));
        }
        let mut learner = Learner::default();
        for (field, text) in fields.iter().enumerate() {
            learner.learn(text, &norms[field], &toks[field], &found[field]);
        }
        if !learner.lex.is_empty() {
            for (f, t) in found.iter_mut().zip(&toks) {
                combine::add_learned(&self.inner, t, f, &learner.lex);
            }
        }
        let mut out = Vec::new();
        for (field, text) in fields.iter().enumerate() {
            for (range, e) in resolve(
                &self.inner.words,
                text,
                &norms[field],
                &toks[field],
                &found[field],
            ) {
                out.push(Mention {
                    field,
                    range,
                    canonical: e.canonical,
                    kind: e.kind,
                });
            }
        }
        super::spelling::unify(&mut out);
        Some(out)
    }

    /// The mentions of an article field by field (title first), each
    /// paragraph detected only when asked for: a reader can run this in the
    /// background, show what is ready and stop at any point. Names learned
    /// in earlier fields are found in later ones.
    pub fn paragraphs<'a>(
        &'a self,
        article: &'a Article,
    ) -> impl Iterator<Item = Vec<Mention>> + 'a {
        let mut learner = Learner::default();
        fields(article).enumerate().map(move |(field, text)| {
            let norm = normalize_with_map(text);
            let toks = self.tokens(&norm.text);
            let mut found = combine::find(&self.inner, &toks);
            learner.learn(text, &norm, &toks, &found);
            if !learner.lex.is_empty() {
                combine::add_learned(&self.inner, &toks, &mut found, &learner.lex);
            }
            resolve(&self.inner.words, text, &norm, &toks, &found)
                .into_iter()
                .map(|(range, e)| Mention {
                    field,
                    range,
                    canonical: e.canonical,
                    kind: e.kind,
                })
                .collect()
        })
    }

    /// The tagger's view of `text`, as detection builds it, and each
    /// word's byte range in `text`: for training and evaluating models
    /// (`examples/train_ner.rs`).
    pub fn tagger_view<R>(&self, text: &str, f: impl FnOnce(&Sentence, &[Range<usize>]) -> R) -> R {
        let norm = normalize_with_map(text);
        let toks = self.tokens(&norm.text);
        let sentence = combine::tagger_sentence(&self.inner, &toks);
        let ranges: Vec<Range<usize>> = toks
            .spans
            .iter()
            .map(|r| norm.original_range(r.clone()))
            .collect();
        f(&sentence, &ranges)
    }

    fn tokens<'t>(&self, text: &'t str) -> Tokens<'t> {
        let mut toks = Tokens::new(text);
        toks.mark_phrase_starts(&self.inner.words.phrase_starts);
        toks
    }
}

/// The title, then the paragraphs.
fn fields(article: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(article.title.as_str()).chain(article.paragraphs.iter().map(String::as_str))
}

fn entity_ref(canonical: &str, kind: Kind) -> EntityRef {
    EntityRef {
        canonical: Arc::from(canonical),
        kind,
    }
}

/// Byte range in the original text of a match.
fn original_range(norm: &Normalized, toks: &Tokens, f: &Found) -> Option<Range<usize>> {
    let first = toks.spans.get(f.start)?;
    let last = toks.spans.get(f.end.checked_sub(1)?)?;
    Some(norm.original_range(first.start + f.prefix..last.end))
}

fn resolve(
    words: &WordLists,
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
                None => {
                    let date = (f.kind == Kind::Date)
                        .then(|| super::dates::canonical(words, toks, f.start, f.end))
                        .flatten();
                    let canonical = match date {
                        Some(d) => Arc::from(d.as_str()),
                        None => Arc::from(text.get(range.clone())?),
                    };
                    EntityRef {
                        canonical,
                        kind: f.kind,
                    }
                }
            };
            Some((range, entity))
        })
        .collect()
}

/// Zipf × 10 from which a one-word place is too common a word to be
/// learned for the rest of the article: «المدينة» is «the city» far more
/// often than Medina. Cross-validated: 4.5 keeps the gain of learning
/// places, at the cost of a few real ones as common as that («سورية»).
const COMMON_PLACE: u8 = 45;

/// Names found by the tagger or the rules in an article, as a lexicon: each
/// under its full form, people also under their last word. One entity per
/// name however often it occurs, so the lexicon stays as small as the
/// article's distinct names and detection stays linear.
#[derive(Default)]
struct Learner {
    lex: Lexicon,
    seen: HashSet<(Box<str>, Kind)>,
}

impl Learner {
    fn learn(&mut self, text: &str, norm: &Normalized, toks: &Tokens, found: &[Found]) {
        for f in found.iter().filter(|f| f.learnable()) {
            // A one-word place that is a very common word («المدينة», «the
            // city», also Medina) is left where the tagger found it.
            if f.kind == Kind::Location && f.end == f.start + 1 {
                let word = toks.word(f.start);
                let word = word.get(f.prefix..).unwrap_or(word);
                if WordFreq::builtin()
                    .zipf(word)
                    .is_some_and(|z| z >= COMMON_PLACE)
                {
                    continue;
                }
            }
            let Some(range) = original_range(norm, toks, f) else {
                continue;
            };
            let Some(surface) = text.get(range) else {
                continue;
            };
            if !self.seen.insert((Box::from(surface), f.kind)) {
                continue;
            }
            let mut names = vec![surface];
            if f.kind == Kind::Person && f.end - f.start > 1 {
                names.extend(surface.rsplit(char::is_whitespace).next());
            }
            self.lex.add(names, entity_ref(surface, f.kind));
        }
    }
}

#[allow(dead_code)]
fn _assert_shareable() {
    fn is<T: Send + Sync + Clone>() {}
    is::<Detector>();
}
