//! What one pass keeps: every match counted by section ([`Tally`]), and the page's best keys ([`Best`]).

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

/// Section ids below this are counted in an array (a store's sections are numbered from 1); others in a map.
const DENSE: usize = 1024;

/// Matches by section id.
pub(crate) struct Tally {
    dense: Vec<u64>,
    sparse: HashMap<i64, u64>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            dense: vec![0; DENSE],
            sparse: HashMap::new(),
        }
    }
}

impl Tally {
    pub(crate) fn add(&mut self, section: i64) {
        match usize::try_from(section) {
            Ok(i) if i < DENSE => self.dense[i] += 1,
            _ => *self.sparse.entry(section).or_default() += 1,
        }
    }

    pub(crate) fn into_map(self) -> HashMap<i64, u64> {
        let mut all = self.sparse;
        for (i, &n) in self.dense.iter().enumerate() {
            if n > 0 {
                all.insert(i as i64, n);
            }
        }
        all
    }
}

/// A match's place in the page: greater is better.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    pub score: f32,
    pub published: i64,
    pub id: i64,
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.published.cmp(&other.published))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// The best `keep` keys seen, the worst of them on top.
pub(crate) struct Best {
    keep: usize,
    heap: BinaryHeap<Reverse<Key>>,
}

impl Best {
    pub(crate) fn new(keep: usize) -> Best {
        Best {
            keep,
            heap: BinaryHeap::with_capacity(keep.min(4096) + 1),
        }
    }

    /// Whether a match could enter: always while there is room, never when nothing is kept, else when
    /// `could_beat` the worst kept key says so (a bound, so a `false` is certain and a `true` is checked again).
    pub(crate) fn admits(&self, could_beat: impl Fn(&Key) -> bool) -> bool {
        if self.keep == 0 {
            return false;
        }
        match self.heap.peek() {
            Some(Reverse(floor)) if self.heap.len() >= self.keep => could_beat(floor),
            _ => true,
        }
    }

    pub(crate) fn offer(&mut self, key: Key) {
        if self.heap.len() < self.keep {
            self.heap.push(Reverse(key));
        } else if self.heap.peek().is_some_and(|Reverse(floor)| key > *floor) {
            self.heap.pop();
            self.heap.push(Reverse(key));
        }
    }

    /// The kept ids, best first.
    pub(crate) fn into_ids(self) -> Vec<i64> {
        let mut keys: Vec<Key> = self.heap.into_iter().map(|Reverse(k)| k).collect();
        keys.sort_by(|a, b| b.cmp(a));
        keys.into_iter().map(|k| k.id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(score: f32, published: i64, id: i64) -> Key {
        Key {
            score,
            published,
            id,
        }
    }

    #[test]
    fn the_best_are_kept_in_order_whatever_the_arrival() {
        let keys = [
            key(1.0, 5, 1),
            key(3.0, 1, 2),
            key(2.0, 9, 3),
            key(3.0, 2, 4),
            key(0.5, 9, 5),
        ];
        let mut best = Best::new(3);
        for k in keys.iter().rev() {
            best.offer(*k);
        }
        // Equal scores: the newer first.
        assert_eq!(best.into_ids(), [4, 2, 3]);
        let mut none = Best::new(0);
        assert!(!none.admits(|_| true));
        none.offer(key(9.0, 9, 9));
        assert!(none.into_ids().is_empty());
    }

    #[test]
    fn a_full_page_admits_only_what_could_beat_its_last() {
        let mut best = Best::new(2);
        best.offer(key(2.0, 0, 1));
        assert!(best.admits(|_| false), "room left");
        best.offer(key(4.0, 0, 2));
        assert!(best.admits(|floor| floor.score < 3.0));
        assert!(!best.admits(|floor| floor.score > 3.0));
    }

    #[test]
    fn sections_are_counted_dense_or_not() {
        let mut t = Tally::default();
        for s in [1, 1, 7, -3, 5_000_000] {
            t.add(s);
        }
        assert_eq!(
            t.into_map(),
            HashMap::from([(1, 2), (7, 1), (-3, 1), (5_000_000, 1)])
        );
    }
}
