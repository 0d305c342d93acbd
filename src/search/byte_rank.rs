//! Substring finders tuned for Arabic text. A finder looks first for the
//! needle's rarest bytes; memchr's own notion of rare suits English, and
//! ranks the continuation bytes of ي and ا (the commonest Arabic letters)
//! among the rarest. Here bytes are ranked by how often they occur in the
//! bundled news pages.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};
use std::sync::OnceLock;

/// Byte ranks from the bundled seed pages: 0 for the rarest byte, 255 for
/// the commonest.
struct ArabicNews;

impl HeuristicFrequencyRank for ArabicNews {
    fn rank(&self, byte: u8) -> u8 {
        ranks()[usize::from(byte)]
    }
}

fn ranks() -> &'static [u8; 256] {
    static RANKS: OnceLock<[u8; 256]> = OnceLock::new();
    RANKS.get_or_init(|| {
        let mut counts = [0u64; 256];
        for (_, text) in crate::corpus::SEEDS {
            for &b in text.as_bytes() {
                counts[usize::from(b)] += 1;
            }
        }
        let mut order: Vec<u8> = (0..=255).collect();
        order.sort_by_key(|&b| counts[usize::from(b)]);
        let mut ranks = [0; 256];
        for (rank, b) in (0..=255).zip(order) {
            ranks[usize::from(b)] = rank;
        }
        ranks
    })
}

/// A finder for `needle` that starts from its rarest bytes in Arabic news.
pub(crate) fn finder(needle: &[u8]) -> Finder<'static> {
    FinderBuilder::new().build_forward_with_ranker_owned(ArabicNews, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_rank_by_frequency() {
        let rank = |c: char| {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            ArabicNews.rank(bytes[1])
        };
        // ا and ي are common, ظ and ث rare.
        assert!(rank('ظ') < rank('س') && rank('س') < rank('ا'));
        assert!(rank('ث') < rank('ي'));
        assert!(ArabicNews.rank(b' ') > ArabicNews.rank(b'Q'));
    }

    #[test]
    fn finds_what_memchr_finds() {
        let hay = "روسيا وأوكرانيا، الروسية؛ روس".as_bytes();
        for needle in ["روسيا", "روس", "ا", "يا", "x"] {
            let want: Vec<usize> = memchr::memmem::find_iter(hay, needle).collect();
            let got: Vec<usize> = finder(needle.as_bytes()).find_iter(hay).collect();
            assert_eq!(got, want, "{needle}");
        }
    }
}
