//! A per-client limit on posts: at most `limit` in any `window`. In memory, which suits one server process.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Clients remembered before old entries are swept.
const SWEEP_AT: usize = 10_000;

pub struct RateLimiter {
    limit: usize,
    window: Duration,
    hits: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit: limit as usize,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a post by `client` at `now`, or says how long until it may post again.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let Ok(mut hits) = self.hits.lock() else {
            return Ok(());
        };
        if hits.len() >= SWEEP_AT {
            let window = self.window;
            hits.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let times = hits.entry(client).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.limit {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_client_within_the_window() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let (a, b) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let t0 = Instant::now();
        assert!(limiter.check(a, t0).is_ok());
        assert!(limiter.check(a, t0 + Duration::from_secs(1)).is_ok());
        let wait = limiter.check(a, t0 + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(
            limiter.check(b, t0 + Duration::from_secs(10)).is_ok(),
            "others are not held back"
        );
        assert!(
            limiter.check(a, t0 + Duration::from_secs(61)).is_ok(),
            "the window moves on"
        );
    }
}
