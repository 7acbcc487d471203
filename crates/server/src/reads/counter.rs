//! Counting a reader once a day without knowing who they are: an HMAC-SHA-256 (RFC 2104) of their address, user
//! agent and the article, keyed by 32 random bytes this instance draws from the OS each UTC day, kept in memory for
//! that day only. The key is never written, so a hash cannot be matched to an address afterwards, not even by us;
//! a new day draws a new key and forgets every hash (the flusher's timer rotates it even when nobody reads). Reads
//! wait here as counts per article and hour until the flusher writes them.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::Mutex;

use broadsheet_content::reads::hour_of;
use broadsheet_store::db::reads::Tally;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The most readers one instance remembers in a day (8 bytes each, about 16 MB with the set's overhead). Past it,
/// new readers are not counted until the next day: a list that counts too few is better than one a flood of
/// made-up readers can push.
pub const MAX_READERS_A_DAY: usize = 1_000_000;

/// The most views one address may add in a day, whatever user agents it sends: a household or an office is
/// many readers, but a script that varies its user agent must not push an article up the list.
pub const MAX_VIEWS_PER_ADDRESS_A_DAY: u16 = 200;

/// The reads this instance has seen and not yet written.
pub struct Counter {
    day: Mutex<Day>,
}

struct Day {
    /// Days since the Unix epoch, UTC.
    number: i64,
    /// The day's HMAC key, from the OS's random source, in memory only.
    key: [u8; 32],
    /// Who read what today, hashed.
    seen: HashSet<u64>,
    /// Views counted today by address, hashed.
    by_address: HashMap<u64, u16>,
    /// Reads by (article id, hour), not yet written.
    pending: HashMap<(i64, i64), i64>,
}

impl Day {
    /// Day `number` with a fresh key; `None` when the OS gives no random bytes (nothing is counted then).
    fn new(number: i64) -> Option<Day> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).ok()?;
        Some(Day {
            number,
            key,
            seen: HashSet::new(),
            by_address: HashMap::new(),
            pending: HashMap::new(),
        })
    }

    /// The keyed hash of `parts`, each length-prefixed so that no two lists of parts give the same input.
    fn hash(&self, parts: &[&[u8]]) -> Option<u64> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).ok()?;
        for p in parts {
            mac.update(&(p.len() as u64).to_le_bytes());
            mac.update(p);
        }
        let out = mac.finalize().into_bytes();
        let first: [u8; 8] = out.get(..8)?.try_into().ok()?;
        Some(u64::from_le_bytes(first))
    }
}

impl Default for Counter {
    /// No day yet: the first read or rotation draws the day's key.
    fn default() -> Self {
        Counter {
            day: Mutex::new(Day {
                number: i64::MIN,
                key: [0; 32],
                seen: HashSet::new(),
                by_address: HashMap::new(),
                pending: HashMap::new(),
            }),
        }
    }
}

impl Counter {
    /// Starts a new day at `now` (seconds since the Unix epoch) if the day changed: a new key, every hash
    /// forgotten; counts not yet written are kept.
    pub fn rotate(&self, now: i64) {
        if let Ok(mut day) = self.day.lock() {
            rotate(&mut day, now);
        }
    }

    /// Counts a read of `article_id` at `now` (seconds since the Unix epoch) by the reader at `address` with
    /// `user_agent`, unless they read it earlier the same day or their address has counted its share. True if
    /// it counted.
    pub fn count(&self, now: i64, address: IpAddr, user_agent: &str, article_id: i64) -> bool {
        let Ok(mut day) = self.day.lock() else {
            return false;
        };
        if !rotate(&mut day, now) || day.seen.len() >= MAX_READERS_A_DAY {
            return false;
        }
        let ip = address.to_string();
        let (Some(reader), Some(from)) = (
            day.hash(&[
                ip.as_bytes(),
                user_agent.as_bytes(),
                &article_id.to_le_bytes(),
            ]),
            day.hash(&[ip.as_bytes()]),
        ) else {
            return false;
        };
        if day.seen.contains(&reader)
            || day.by_address.get(&from).copied().unwrap_or(0) >= MAX_VIEWS_PER_ADDRESS_A_DAY
        {
            return false;
        }
        day.seen.insert(reader);
        *day.by_address.entry(from).or_default() += 1;
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

/// Moves `day` on to the day of `now`; false when it cannot (no random key), and then nothing is counted.
fn rotate(day: &mut Day, now: i64) -> bool {
    let today = now.div_euclid(86_400);
    if day.number == today {
        return true;
    }
    let pending = std::mem::take(&mut day.pending);
    match Day::new(today) {
        Some(fresh) => {
            *day = fresh;
            day.pending = pending;
            true
        }
        None => {
            day.pending = pending;
            day.seen.clear();
            day.by_address.clear();
            false
        }
    }
}

#[cfg(test)]
mod tests;
