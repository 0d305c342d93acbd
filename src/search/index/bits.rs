//! A fixed-size set of small numbers (article or word ids) as a bitmap:
//! unions and intersections over 100,000 articles cost a few microseconds.

/// A set of ids in `0..len`, one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// The empty set over `0..len`.
    pub(crate) fn empty(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set of every id in `0..len`.
    pub(crate) fn full(len: usize) -> Bits {
        let mut bits = Bits {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        if let (Some(last), rem @ 1..) = (bits.words.last_mut(), len % 64) {
            *last = (1u64 << rem) - 1;
        }
        bits
    }

    /// The set of the given ids (each below `len`).
    pub(crate) fn from_ids(len: usize, ids: &[u32]) -> Bits {
        let mut bits = Bits::empty(len);
        for &id in ids {
            bits.insert(id);
        }
        bits
    }

    pub(crate) fn insert(&mut self, id: u32) {
        let i = id as usize;
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub(crate) fn contains(&self, id: u32) -> bool {
        let i = id as usize;
        self.words
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// Adds every id of `ids` (all below `len`).
    pub(crate) fn insert_all(&mut self, ids: &[u32]) {
        for &id in ids {
            self.insert(id);
        }
    }

    /// `self ∪= other`.
    pub(crate) fn union_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// `self ∩= other`.
    pub(crate) fn intersect_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// `self ∖= other`.
    pub(crate) fn subtract(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The ids in the set, ascending.
    pub(crate) fn ids(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.count());
        for (k, &w) in self.words.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push((k * 64) as u32 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }

    /// Heap bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.words.len() * 8
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let mut a = Bits::from_ids(130, &[0, 63, 64, 129]);
        assert_eq!(a.ids(), [0, 63, 64, 129]);
        assert!(a.contains(64) && !a.contains(65) && !a.contains(500));
        let b = Bits::from_ids(130, &[63, 100, 129]);
        a.intersect_with(&b);
        assert_eq!(a.ids(), [63, 129]);
        a.union_with(&Bits::from_ids(130, &[1]));
        a.subtract(&Bits::from_ids(130, &[129]));
        assert_eq!(a.ids(), [1, 63]);
        assert_eq!(Bits::full(130).count(), 130);
        assert_eq!(Bits::full(128).ids().len(), 128);
        assert_eq!(Bits::full(0).count(), 0);
    }
}
