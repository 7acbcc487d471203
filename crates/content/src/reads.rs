//! Most read: what is counted, over which window, and how the list is asked for. The app sends the count, the
//! server keeps it and answers the list, the privacy notice explains it, all from these facts.
//!
//! What is counted (the privacy notice says the same): one view of an article by a reader a day. No cookie, no
//! stored address or user agent: the server keeps a hash of them, salted with a value it draws each day and never
//! writes, in memory for that day only, and writes counts per article and hour.

/// `POST {API_BASE}/reads`: an article was read. The body is the article's app path (`/housing/damp-checks`) as
/// plain text, as `navigator.sendBeacon` sends a string. Answered `204` whether or not it counted; no cache
/// stores it.
pub const READS_API_PATH: &str = "/reads";

/// `GET {API_BASE}/most-read?section=…`: the most read list as a [`crate::Rail`], the site's or one section's.
pub const MOST_READ_API_PATH: &str = "/most-read";

/// [`crate::Rail::id`] of the most read list.
pub const MOST_READ_RAIL: &str = "most_read";

/// The list counts the reads of the last 24 hours…
pub const WINDOW_HOURS: i64 = 24;

/// …of articles published in the last 7 days, so that an old article leaves the list however much it is read.
pub const PUBLISHED_WITHIN_DAYS: i64 = 7;

/// How many articles the list shows.
pub const MOST_READ_ITEMS: u32 = 5;

/// How long a shared cache keeps the list, in seconds (browsers keep it half as long). Counts are written a few
/// seconds after a read, so the list is at most this far behind.
pub const MOST_READ_MAX_AGE: u32 = 120;

/// The list is hidden (an empty [`crate::Rail`]) when nothing was counted in the last this many hours: counting
/// has stopped, and an old list would pass for today's.
pub const STALE_AFTER_HOURS: i64 = 2;

/// The `localStorage` key of the reader's choice not to be counted (its value [`OPT_OUT`]). The privacy notice
/// sets it; the app sends no count while it is set, nor when the browser sends Global Privacy Control.
pub const OPT_OUT_KEY: &str = "broadsheet-reads";

/// [`OPT_OUT_KEY`]'s value when the reader chose not to be counted.
pub const OPT_OUT: &str = "off";

/// The privacy notice's section on counting: its element id, the target of the most read list's link.
pub const COUNTING_ANCHOR: &str = "counting";

/// The hour a read falls in: hours since the Unix epoch, UTC (`unix_secs` seconds since it).
pub fn hour_of(unix_secs: i64) -> i64 {
    unix_secs.div_euclid(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_falls_in_the_hour_it_began_in() {
        assert_eq!(hour_of(0), 0);
        assert_eq!(hour_of(3599), 0);
        assert_eq!(hour_of(3600), 1);
        assert_eq!(hour_of(-1), -1);
    }
}
