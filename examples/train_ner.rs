//! Trains sahifa's entity tagger, or measures it by cross-validation.
//!
//! ```sh
//! # train on ANERcorp's train split and write the model sahifa ships
//! cargo run --release --example train_ner -- ../shared/data/anercorp/train.conll assets/ner.model
//! # five-fold contiguous cross-validation on the same file (nothing written)
//! cargo run --release --example train_ner -- --cv 5 ../shared/data/anercorp/train.conll
//! ```
//!
//! Options: `--epochs N` (default 15, chosen by cross-validation), `--runs N`
//! (perceptrons averaged, each visiting the sentences in its own order;
//! default 3), `--prune F` (weights under F × the largest dropped; 0.02),
//! `--seed N` (the order the sentences are visited in: cross-validating
//! under a few seeds shows how much of a difference is noise). `--errors FILE` (with `--cv`) writes
//! every wrong name of the whole detector, for reading. `--document N` (with
//! `--cv`, default 20): how many consecutive sentences the whole detector
//! reads as one article.
//!
//! Cross-validation cuts the file into K contiguous blocks of sentences
//! (never shuffled, so one article's sentences stay in one fold), trains on
//! K−1 and scores the held-out block, twice: the tagger alone, sentence by
//! sentence, and the whole detector (tagger, gazetteer, rules, dates) as
//! `sahifa entities` runs it on an article, each N consecutive sentences
//! one article (ANERcorp does not mark where its articles end).
//! Scoring is CoNLL's exact span, at the token level (see
//! `sahifa::entities::conll`).

use anyhow::{bail, Context, Result};
use sahifa::corpus::{Article, Metadata};
use sahifa::entities::conll::{self, Scores, Sentence};
use sahifa::entities::tagger::train::{Example, Options, Trainer};
use sahifa::entities::tagger::{Tagger, Vocab};
use sahifa::entities::{Detector, Gazetteer, WordLists};
use sahifa::text::normalize::{normalize, word_ranges};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

struct Args {
    input: String,
    output: Option<String>,
    cv: Option<usize>,
    epochs: usize,
    runs: usize,
    seed: u64,
    document: usize,
    errors: Option<String>,
    prune: f32,
}

fn args() -> Result<Args> {
    let mut a = Args {
        input: String::new(),
        output: None,
        cv: None,
        epochs: Options::default().epochs,
        runs: Options::default().runs,
        seed: Options::default().seed,
        document: 20,
        errors: None,
        prune: Options::default().prune,
    };
    let mut rest = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match x.as_str() {
            "--cv" => a.cv = Some(value("--cv")?.parse().context("--cv takes a number")?),
            "--epochs" => {
                a.epochs = value("--epochs")?
                    .parse()
                    .context("--epochs takes a number")?
            }
            "--runs" => a.runs = value("--runs")?.parse().context("--runs takes a number")?,
            "--seed" => a.seed = value("--seed")?.parse().context("--seed takes a number")?,
            "--document" => {
                a.document = value("--document")?
                    .parse()
                    .context("--document takes a number")?
            }
            "--errors" => a.errors = Some(value("--errors")?),
            "--prune" => {
                a.prune = value("--prune")?
                    .parse()
                    .context("--prune takes a number")?
            }
            "-h" | "--help" => {
                println!("usage: train_ner TRAIN.conll MODEL_OUT [--epochs N] [--runs N] [--seed N] [--prune F]\n       train_ner --cv K TRAIN.conll [--epochs N] [--runs N] [--seed N] [--prune F] [--document N] [--errors FILE]");
                std::process::exit(0);
            }
            _ => rest.push(x),
        }
    }
    match (a.cv, rest.as_slice()) {
        (None, [input, output]) => {
            a.input = input.clone();
            a.output = Some(output.clone());
        }
        (Some(k), [input]) if k >= 2 => a.input = input.clone(),
        _ => bail!("usage: train_ner TRAIN.conll MODEL_OUT | train_ner --cv K TRAIN.conll (K ≥ 2); --help for more"),
    }
    Ok(a)
}

/// A detector with the built-in gazetteer and rules and the given model.
fn detector(tagger: Option<Arc<Tagger>>) -> Result<Detector> {
    Ok(Detector::with_tagger(
        &Gazetteer::builtin(),
        WordLists::builtin()?,
        tagger,
    ))
}

fn examples(base: &Detector, trainer: &mut Trainer, sentences: &[Sentence]) -> Vec<Example> {
    sentences
        .iter()
        .map(|s| {
            let (text, ranges) = s.text();
            base.tagger_view(&text, |sentence, words| {
                let gold = conll::word_tags(s, &ranges, words);
                trainer.example(sentence, gold)
            })
        })
        .collect()
}

fn train(base: &Detector, sentences: &[Sentence], a: &Args, info: String) -> Tagger {
    let norm: Vec<String> = sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .flat_map(|t| {
            let n = normalize(t);
            word_ranges(&n)
                .map(|r| n[r].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut trainer = Trainer::new(Vocab::count(norm.iter().map(String::as_str)));
    let ex = examples(base, &mut trainer, sentences);
    trainer.train(
        &ex,
        Options {
            epochs: a.epochs,
            runs: a.runs,
            seed: a.seed,
            prune: a.prune,
        },
        info,
    )
}

/// Consecutive sentences as one article, the first as its title.
fn article(sentences: &[Sentence]) -> Article {
    let mut texts = sentences.iter().map(|s| s.text().0);
    Article {
        id: String::new(),
        title: texts.next().unwrap_or_default(),
        paragraphs: texts.collect(),
        source: String::new(),
        meta: Metadata::default(),
        boilerplate: Vec::new(),
    }
}

/// Scores the tagger alone (sentence by sentence) and the whole detector
/// on `sentences`, each `document` consecutive sentences read as one
/// article, as sahifa reads an article.
fn evaluate(
    base: &Detector,
    tagger: Arc<Tagger>,
    sentences: &[Sentence],
    document: usize,
    errors: &mut Vec<String>,
) -> Result<(Scores, Scores)> {
    let full = detector(Some(tagger.clone()))?;
    let (mut alone, mut whole) = (Scores::default(), Scores::default());
    for doc in sentences.chunks(document.max(1)) {
        let mentions = full.detect_article(&article(doc));
        for (field, s) in doc.iter().enumerate() {
            let (text, ranges) = s.text();
            let gold = s.spans();
            let tagged = base.tagger_view(&text, |sentence, words| {
                let tags = tagger.tag(sentence);
                let found = conll::spans_of(&tags)
                    .into_iter()
                    .map(|sp| (words[sp.start].start..words[sp.end - 1].end, sp.kind));
                conll::token_spans(&ranges, found)
            });
            alone.add(&gold, &tagged);
            let found = mentions
                .iter()
                .filter(|m| m.field == field)
                .map(|m| (m.range.clone(), m.kind));
            let predicted = conll::token_spans(&ranges, found);
            whole.add(&gold, &predicted);
            report(s, &text, &gold, &predicted, errors);
        }
    }
    Ok((alone, whole))
}

/// The wrong names of one sentence, for reading.
fn report(
    s: &Sentence,
    text: &str,
    gold: &[conll::Span],
    predicted: &[conll::Span],
    errors: &mut Vec<String>,
) {
    let show = |sp: &conll::Span| {
        format!(
            "{} {}",
            sp.kind.name(),
            s.tokens[sp.start..sp.end].join(" ")
        )
    };
    for g in gold.iter().filter(|g| !predicted.contains(g)) {
        let near: Vec<String> = predicted
            .iter()
            .filter(|p| p.start < g.end && g.start < p.end)
            .map(show)
            .collect();
        errors.push(format!(
            "FN {}  | got: {}  | {}",
            show(g),
            near.join("; "),
            text
        ));
    }
    for p in predicted
        .iter()
        .filter(|p| !gold.contains(p) && conll::KINDS.contains(&p.kind))
    {
        if !gold.iter().any(|g| p.start < g.end && g.start < p.end) {
            errors.push(format!("FP {}  | {}", show(p), text));
        }
    }
}

fn main() -> Result<()> {
    let a = args()?;
    let text = std::fs::read_to_string(&a.input).with_context(|| format!("reading {}", a.input))?;
    let sentences = conll::parse(&text).with_context(|| a.input.clone())?;
    let words: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    eprintln!("{}: {} sentences, {words} tokens", a.input, sentences.len());
    let base = detector(None)?;
    let started = Instant::now();
    let Some(k) = a.cv else {
        let name = std::path::Path::new(&a.input)
            .file_name()
            .map_or("?".into(), |n| n.to_string_lossy());
        let info = format!(
            "averaged perceptron (mean of {} runs), Viterbi over BIO; trained on {name} ({} sentences, {words} tokens), {} epochs",
            a.runs,
            sentences.len(),
            a.epochs
        );
        let model = train(&base, &sentences, &a, info);
        let bytes = model.to_bytes();
        let out = a.output.unwrap_or_default();
        std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
        println!(
            "{out}: {} features, {} bytes, trained in {:.1} s",
            model.features(),
            bytes.len(),
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    };
    let (mut alone, mut whole) = (Scores::default(), Scores::default());
    let mut errors = Vec::new();
    let n = sentences.len();
    for fold in 0..k {
        let (lo, hi) = (fold * n / k, (fold + 1) * n / k);
        let training: Vec<Sentence> = sentences[..lo]
            .iter()
            .chain(&sentences[hi..])
            .cloned()
            .collect();
        let model = Arc::new(train(&base, &training, &a, format!("fold {fold}")));
        let (x, y) = evaluate(&base, model, &sentences[lo..hi], a.document, &mut errors)?;
        let f = |s: &Scores| conll::prf(s.micro()).2;
        println!(
            "fold {} (sentences {lo}..{hi}): tagger alone micro F1 {:.3}, whole detector {:.3}",
            fold + 1,
            f(&x),
            f(&y)
        );
        alone.merge(&x);
        whole.merge(&y);
    }
    println!(
        "\n{k}-fold contiguous cross-validation, {} epochs, {} runs, prune {}, articles of {} sentences, exact spans, token level",
        a.epochs, a.runs, a.prune, a.document
    );
    println!("\nthe tagger alone:\n{}", alone.table());
    println!(
        "the whole detector (tagger + gazetteer + rules), as sahifa runs it:\n{}",
        whole.table()
    );
    println!("({:.0} s)", started.elapsed().as_secs_f64());
    if let Some(path) = a.errors {
        let mut f = std::fs::File::create(&path).with_context(|| path.clone())?;
        for e in &errors {
            writeln!(f, "{e}")?;
        }
        eprintln!("{} errors written to {path}", errors.len());
    }
    Ok(())
}
