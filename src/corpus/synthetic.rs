//! Deterministic synthetic corpora for benchmarks and scale tests (not a user
//! feature): the seed paragraphs recombined with other numbers, names, places
//! and dates, so large corpora have realistic length and vocabulary.

use super::seeds::SEEDS;
use super::{clean_page, Article, Metadata, Rules};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Small, fast, reproducible random numbers (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PLACES: [&str; 12] = [
    "خيرسون",
    "خاركيف",
    "كييف",
    "دونيتسك",
    "زابوريجيا",
    "أوديسا",
    "بخموت",
    "لوغانسك",
    "ماريوبول",
    "سومي",
    "دنيبرو",
    "لفيف",
];
const PEOPLE: [&str; 8] = [
    "بوتين",
    "زيلينسكي",
    "لافروف",
    "ستولتنبرغ",
    "بايدن",
    "شويغو",
    "كوليبا",
    "بيسكوف",
];
const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// Generates articles from the bundled seeds.
pub struct Generator {
    titles: Vec<String>,
    paragraphs: Vec<String>,
    rng: Rng,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let rules = Rules::bundled();
        let mut titles = Vec::new();
        let mut paragraphs = Vec::new();
        for (_, text) in SEEDS {
            let page = clean_page(text, rules);
            titles.push(page.title);
            paragraphs.extend(
                page.paragraphs
                    .into_iter()
                    .filter(|p| p.split_whitespace().count() > 8),
            );
        }
        Generator {
            titles,
            paragraphs,
            rng: Rng::new(seed),
        }
    }

    /// Article number `n`: 6–24 recombined paragraphs (about 2–9 KB).
    pub fn article(&mut self, n: usize) -> Article {
        let t = self.rng.below(self.titles.len());
        let title = vary(&mut self.rng, &self.titles[t]);
        let count = 6 + self.rng.below(19);
        let mut paragraphs = Vec::with_capacity(count + 1);
        for _ in 0..count {
            let i = self.rng.below(self.paragraphs.len());
            paragraphs.push(vary(&mut self.rng, &self.paragraphs[i]));
        }
        let day = 1 + self.rng.below(28);
        let month = *self.rng.pick::<&str>(&MONTHS);
        let year = 2014 + self.rng.below(12);
        paragraphs.push(format!(
            "نُشر هذا التقرير في {day} {month} {year}، وتابعته وكالات الأنباء."
        ));
        Article {
            id: format!("gen{n:07}"),
            title,
            paragraphs,
            source: format!("generated/{n}"),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
        }
    }
}

/// Replaces known places and people by others, and digits by others.
fn vary(rng: &mut Rng, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if PLACES.iter().any(|p| word.ends_with(p)) && rng.below(2) == 0 {
            out.push_str(rng.pick::<&str>(&PLACES));
        } else if PEOPLE.iter().any(|p| word.ends_with(p)) && rng.below(2) == 0 {
            out.push_str(rng.pick::<&str>(&PEOPLE));
        } else {
            for c in word.chars() {
                if c.is_ascii_digit() {
                    out.push(char::from(b'0' + (rng.below(10) as u8)));
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// `count` articles, deterministic for a given `seed`.
pub fn generate(count: usize, seed: u64) -> Vec<Article> {
    let mut g = Generator::new(seed);
    (0..count).map(|n| g.article(n)).collect()
}

/// Writes `count` articles (deterministic for `seed`) to `out`, one at a
/// time so none is held: a JSONL file when `out` ends in `.jsonl`, otherwise
/// a directory of `.txt` pages, 1,000 to a subdirectory. Returns the bytes
/// written.
pub fn write(count: usize, seed: u64, out: &Path) -> std::io::Result<u64> {
    let mut generator = Generator::new(seed);
    let mut bytes = 0;
    if out.extension().is_some_and(|e| e == "jsonl") {
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = BufWriter::new(std::fs::File::create(out)?);
        for n in 0..count {
            let a = generator.article(n);
            let line =
                serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs})
                    .to_string();
            bytes += line.len() as u64 + 1;
            writeln!(file, "{line}")?;
        }
        file.flush()?;
    } else {
        for n in 0..count {
            let a = generator.article(n);
            let dir = out.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            let text = format!("{}\n\n{}\n", a.title, a.paragraphs.join("\n\n"));
            bytes += text.len() as u64;
            std::fs::write(dir.join(format!("{}.txt", a.id)), text)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        let a = generate(20, 7);
        assert_eq!(a, generate(20, 7));
        assert_ne!(a, generate(20, 8));
        let sizes: Vec<usize> = a
            .iter()
            .map(|x| x.paragraphs.iter().map(String::len).sum())
            .collect();
        assert!(
            sizes.iter().all(|&s| (1_000..20_000).contains(&s)),
            "{sizes:?}"
        );
        assert!(a.windows(2).any(|w| w[0].title != w[1].title));
        assert_eq!(a[3].id, "gen0000003");
    }

    #[test]
    fn written_corpora_load_back_as_generated() {
        let dir = tempfile::TempDir::new().unwrap();
        let jsonl = dir.path().join("c.jsonl");
        let pages = dir.path().join("pages");
        let bytes = write(1_200, 3, &jsonl).unwrap();
        assert_eq!(bytes, std::fs::metadata(&jsonl).unwrap().len());
        write(1_200, 3, &pages).unwrap();
        assert!(pages.join("0001").is_dir());
        let expected = generate(1_200, 3);
        let from_jsonl = crate::corpus::Corpus::load(&[jsonl]).unwrap();
        assert_eq!(from_jsonl.articles.len(), 1_200);
        assert!(from_jsonl
            .articles
            .iter()
            .zip(&expected)
            .all(|(a, b)| a.id == b.id && a.title == b.title && a.paragraphs == b.paragraphs));
        let from_pages = crate::corpus::Corpus::load(&[pages]).unwrap();
        assert_eq!(from_pages.articles.len(), 1_200);
        assert!(from_pages.warnings.is_empty(), "{:?}", from_pages.warnings);
    }
}
