//! A set of list positions, one bit each: the rows a filter lets through.
//! At a million articles it takes 125 KB; counting, the k-th position and
//! where a position falls are a pass over at most that many words, a few
//! microseconds.

/// Positions in the list's order (0 = the first row of the whole list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    words: Vec<u64>,
    count: usize,
}

impl Positions {
    pub fn new() -> Positions {
        Positions::default()
    }

    /// Room for positions below `len` without growing.
    pub fn with_capacity(len: usize) -> Positions {
        Positions {
            words: Vec::with_capacity(len.div_ceil(64)),
            count: 0,
        }
    }

    pub fn insert(&mut self, p: usize) {
        let (w, bit) = (p / 64, 1u64 << (p % 64));
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        if self.words[w] & bit == 0 {
            self.words[w] |= bit;
            self.count += 1;
        }
    }

    pub fn contains(&self, p: usize) -> bool {
        self.words
            .get(p / 64)
            .is_some_and(|w| w >> (p % 64) & 1 == 1)
    }

    /// How many positions are in the set.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The `k`-th position (0-based), ascending.
    pub fn select(&self, k: usize) -> Option<usize> {
        let mut left = k;
        for (i, &w) in self.words.iter().enumerate() {
            let ones = w.count_ones() as usize;
            if left < ones {
                let mut w = w;
                for _ in 0..left {
                    w &= w - 1;
                }
                return Some(i * 64 + w.trailing_zeros() as usize);
            }
            left -= ones;
        }
        None
    }

    /// How many positions of the set are below `p`.
    pub fn rank(&self, p: usize) -> usize {
        let (w, bit) = (p / 64, p % 64);
        let whole: usize = self
            .words
            .iter()
            .take(w)
            .map(|x| x.count_ones() as usize)
            .sum();
        let part = self
            .words
            .get(w)
            .map_or(0, |x| (x & ((1u64 << bit) - 1)).count_ones() as usize);
        whole + part
    }

    /// The positions at or after `p`, ascending.
    pub fn iter_from(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let first = p / 64;
        let skip_low = p % 64;
        self.words
            .iter()
            .enumerate()
            .skip(first)
            .flat_map(move |(i, &w)| {
                let mut w = if i == first && skip_low > 0 {
                    w & !((1u64 << skip_low) - 1)
                } else {
                    w
                };
                std::iter::from_fn(move || {
                    (w != 0).then(|| {
                        let at = w.trailing_zeros() as usize;
                        w &= w - 1;
                        i * 64 + at
                    })
                })
            })
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.iter_from(0)
    }

    /// Keeps only the positions also in `other`.
    pub fn intersect_with(&mut self, other: &Positions) {
        self.words.truncate(other.words.len());
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
        self.recount();
    }

    /// Adds every position of `other`.
    pub fn union_with(&mut self, other: &Positions) {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
        self.recount();
    }

    /// Removes every position of `other`.
    pub fn subtract(&mut self, other: &Positions) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
        self.recount();
    }

    /// Keeps only the positions below `end`.
    pub fn truncate(&mut self, end: usize) {
        self.words.truncate(end.div_ceil(64));
        if let (Some(last), rem @ 1..) = (self.words.last_mut(), end % 64) {
            *last &= (1u64 << rem) - 1;
        }
        self.recount();
    }

    /// Adds the positions of `other` in `from..to`.
    pub fn copy_range(&mut self, other: &Positions, from: usize, to: usize) {
        for p in other.iter_from(from).take_while(|&p| p < to) {
            self.insert(p);
        }
    }

    fn recount(&mut self) {
        self.count = self.words.iter().map(|w| w.count_ones() as usize).sum();
    }
}

impl FromIterator<usize> for Positions {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Positions {
        let mut set = Positions::new();
        for p in iter {
            set.insert(p);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_rank_and_iteration_agree_with_a_sorted_list() {
        let list = [0usize, 3, 63, 64, 65, 127, 128, 500, 4095];
        let set: Positions = list.iter().rev().copied().collect();
        assert_eq!(set.len(), list.len());
        for (k, &p) in list.iter().enumerate() {
            assert_eq!(set.select(k), Some(p));
            assert_eq!(set.rank(p), k);
            assert!(set.contains(p));
            assert_eq!(set.iter_from(p).collect::<Vec<_>>(), list[k..]);
            assert_eq!(set.iter_from(p + 1).next(), list.get(k + 1).copied());
        }
        assert_eq!(set.select(list.len()), None);
        assert_eq!(set.rank(100_000), list.len());
        assert!(!set.contains(1) && !set.contains(100_000));
        assert_eq!(Positions::new().iter().count(), 0);
    }

    #[test]
    fn set_operations_keep_the_count() {
        let mut a: Positions = [1, 2, 70, 200].into_iter().collect();
        let b: Positions = [2, 70, 300].into_iter().collect();
        a.intersect_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [2, 70]);
        assert_eq!(a.len(), 2);
        a.union_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [2, 70, 300]);
        a.subtract(&[70].into_iter().collect());
        assert_eq!(a.iter().collect::<Vec<_>>(), [2, 300]);
        a.truncate(100);
        assert_eq!((a.len(), a.iter().collect::<Vec<_>>()), (1, vec![2]));
        let mut c = Positions::new();
        c.copy_range(&b, 2, 71);
        assert_eq!(c.iter().collect::<Vec<_>>(), [2, 70]);
        c.insert(2);
        assert_eq!(c.len(), 2, "inserting twice counts once");
    }
}
