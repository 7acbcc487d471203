//! Counting a reader once a day without knowing who they are: a hash of their address, user agent and the
//! article, keyed by a secret this instance draws each UTC day, kept in memory for that day only. The key is
//! never written, so a hash cannot be matched to an address afterwards, not even by us; a new day draws a new key
//! and forgets every hash. Reads wait here as counts per article and hour until the flusher writes them.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;

use broadsheet_content::reads::hour_of;
use broadsheet_store::db::reads::Tally;

/// The most readers one instance remembers in a day (8 bytes each, about 16 MB with the set's overhead). Past it,
/// new readers are not counted until the next day: a list that counts too few is better than one a flood of
/// made-up readers can push.
pub const MAX_READERS_A_DAY: usize = 1_000_000;

/// The reads this instance has seen and not yet written.
pub struct Counter {
    day: Mutex<Day>,
}

struct Day {
    /// Days since the Unix epoch, UTC.
    number: i64,
    /// The day's key: SipHash keys drawn from the OS's random source, in memory only.
    salt: RandomState,
    /// Who read what today, hashed.
    seen: HashSet<u64>,
    /// Reads by (article id, hour), not yet written.
    pending: HashMap<(i64, i64), i64>,
}

impl Day {
    fn new(number: i64) -> Day {
        Day {
            number,
            salt: RandomState::new(),
            seen: HashSet::new(),
            pending: HashMap::new(),
        }
    }
}

impl Default for Counter {
    fn default() -> Self {
        Counter {
            day: Mutex::new(Day::new(0)),
        }
    }
}

impl Counter {
    /// Counts a read of `article_id` at `now` (seconds since the Unix epoch) by the reader at `address` with
    /// `user_agent`, unless they read it earlier the same day. True if it counted.
    pub fn count(&self, now: i64, address: IpAddr, user_agent: &str, article_id: i64) -> bool {
        let Ok(mut day) = self.day.lock() else {
            return false;
        };
        let today = now.div_euclid(86_400);
        if day.number != today {
            let pending = std::mem::take(&mut day.pending);
            *day = Day::new(today);
            day.pending = pending;
        }
        if day.seen.len() >= MAX_READERS_A_DAY {
            return false;
        }
        let reader = day.salt.hash_one((address, user_agent, article_id));
        if !day.seen.insert(reader) {
            return false;
        }
        *day.pending.entry((article_id, hour_of(now))).or_default() += 1;
        true
    }

    /// The counts waiting to be written, taken out.
    pub fn take(&self) -> Vec<Tally> {
        let Ok(mut day) = self.day.lock() else {
            return Vec::new();
        };
        std::mem::take(&mut day.pending)
            .into_iter()
            .map(|((article_id, hour), reads)| Tally {
                article_id,
                hour,
                reads,
            })
            .collect()
    }

    /// Counts [`Counter::take`] gave that could not be written, to be written with the next.
    pub fn put_back(&self, tallies: Vec<Tally>) {
        if let Ok(mut day) = self.day.lock() {
            for t in tallies {
                *day.pending.entry((t.article_id, t.hour)).or_default() += t.reads;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOON: i64 = 1_796_644_800;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    #[test]
    fn a_reader_counts_once_a_day_for_each_article() {
        let c = Counter::default();
        assert!(c.count(NOON, ip(1), "Firefox", 7));
        assert!(!c.count(NOON + 60, ip(1), "Firefox", 7), "a reload");
        assert!(c.count(NOON + 60, ip(1), "Firefox", 8), "another article");
        assert!(c.count(NOON + 60, ip(2), "Firefox", 7), "another address");
        assert!(c.count(NOON + 60, ip(1), "Safari", 7), "another browser");
        assert!(
            c.count(NOON + 86_400, ip(1), "Firefox", 7),
            "the next day forgets"
        );
        let mut t = c.take();
        t.sort_by_key(|t| (t.article_id, t.hour));
        let total: i64 = t.iter().map(|t| t.reads).sum();
        assert_eq!(total, 5);
        assert_eq!(t[0].reads, 3, "article 7 at noon: three readers");
        assert!(c.take().is_empty(), "taken once");
    }

    #[test]
    fn counts_that_could_not_be_written_wait_for_the_next_write() {
        let c = Counter::default();
        c.count(NOON, ip(1), "Firefox", 7);
        let t = c.take();
        c.count(NOON, ip(2), "Firefox", 7);
        c.put_back(t);
        assert_eq!(c.take()[0].reads, 2);
    }

    #[test]
    fn a_new_day_keeps_the_counts_not_yet_written() {
        let c = Counter::default();
        c.count(NOON, ip(1), "Firefox", 7);
        c.count(NOON + 86_400, ip(1), "Firefox", 7);
        assert_eq!(c.take().len(), 2);
    }
}
