//! Deterministic synthetic corpora for benchmarks and scale tests (not a user
//! feature): the seed paragraphs recombined with other numbers, names, places
//! and dates, so large corpora have realistic length and vocabulary.

use super::seeds::SEEDS;
use super::{clean_page, Article, Metadata, Rules};

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
}
