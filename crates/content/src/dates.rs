//! Dates as every part of Broadsheet writes them: the first paint, the app after takeover, listings, rails and
//! partner widgets all call [`display`], so a date never changes under the reader.
//!
//! Times are shown on the publication's clock, not the reader's: the server cannot know the reader's zone, and a
//! page whose dates change when the app takes over misleads. The zone is named after every time ("23:30 BST"),
//! so 01:30 on the night the clocks go back is "01:30 BST" and then "01:30 GMT", never the same text twice.
//!
//! The zone is a POSIX TZ rule (IEEE Std 1003.1, "TZ"), set when the site is built with the environment variables
//! `BROADSHEET_TIME_ZONE` (the rule) and `BROADSHEET_TIME_ZONE_NAME` (its IANA name, for the footer). Default:
//! Europe/London, `GMT0BST,M3.5.0/1,M10.5.0` (the rule at the end of the tz database's `Europe/London` file).
//! A rule carries today's offsets and changes only; dates before the rule began are shown by today's rule.

use std::sync::OnceLock;

use tz::{DateTime, TimeZone, TimeZoneSettings, UtcDateTime};

/// The publication zone's POSIX TZ rule.
pub const TIME_ZONE_RULE: &str = match option_env!("BROADSHEET_TIME_ZONE") {
    Some(rule) => rule,
    None => "GMT0BST,M3.5.0/1,M10.5.0",
};

/// The publication zone's IANA name, as the footer names it.
pub const TIME_ZONE_NAME: &str = match option_env!("BROADSHEET_TIME_ZONE_NAME") {
    Some(name) => name,
    None => "Europe/London",
};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The publication zone, parsed once; UTC if the rule does not parse (a build-time mistake, not the reader's).
fn zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        // No zoneinfo files: the rule is the whole definition (and the wasm build has no file system).
        TimeZoneSettings::new(&[], |_| Err("no zoneinfo files".into()))
            .parse_posix_tz(TIME_ZONE_RULE)
            .unwrap_or_else(|_| TimeZone::utc())
    })
}

/// Seconds since the Unix epoch of an RFC 3339 timestamp (`2026-06-30T23:30:00Z`, `…+01:00`, fractions allowed);
/// `None` for anything else.
pub fn unix_time(rfc3339: &str) -> Option<i64> {
    let s = rfc3339.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = s.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |at: usize, ok: &[u8]| s.get(at).is_some_and(|c| ok.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut at = 19;
    if s.get(at) == Some(&b'.') {
        at += 1;
        while s.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    let offset = match s.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let minutes = i64::from(num(at + 1, 2)? * 60 + num(at + 4, 2)?);
            if *sign == b'-' {
                -minutes * 60
            } else {
                minutes * 60
            }
        }
        _ => return None,
    };
    let small = |v: u32| u8::try_from(v).ok();
    let utc = UtcDateTime::new(
        i32::try_from(year).ok()?,
        small(month)?,
        small(day)?,
        small(hour)?,
        small(minute)?,
        small(second.min(59))?,
        0,
    )
    .ok()?;
    Some(utc.unix_time() - offset)
}

/// "30 Jun 2026" or, `with_time`, "30 Jun 2026, 23:30 BST": the moment on the publication's clock, with the zone's
/// abbreviation after the time. Text that is not an RFC 3339 timestamp is shown as its first ten characters (the
/// date part, if it is one), never an error.
pub fn display(rfc3339: &str, with_time: bool) -> String {
    let local =
        unix_time(rfc3339).and_then(|t| DateTime::from_timespec(t, 0, zone().as_ref()).ok());
    let Some(d) = local else {
        return rfc3339.chars().take(10).collect();
    };
    let month = MONTHS
        .get(usize::from(d.month()).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    let mut s = format!("{} {month} {}", d.month_day(), d.year());
    if with_time {
        let zone = d.local_time_type().time_zone_designation();
        s.push_str(&format!(", {:02}:{:02} {zone}", d.hour(), d.minute()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{display, unix_time};

    #[test]
    fn a_summer_night_is_british_summer_time() {
        // The case: published at 23:30 UTC on 30 June is half past midnight on 1 July in London.
        assert_eq!(
            display("2026-06-30T23:30:00Z", true),
            "1 Jul 2026, 00:30 BST"
        );
        assert_eq!(display("2026-06-30T23:30:00Z", false), "1 Jul 2026");
        assert_eq!(
            display("2026-07-01T00:30:00+01:00", true),
            "1 Jul 2026, 00:30 BST"
        );
    }

    #[test]
    fn winter_is_greenwich_mean_time() {
        assert_eq!(
            display("2026-12-01T09:05:00Z", true),
            "1 Dec 2026, 09:05 GMT"
        );
        assert_eq!(
            display("2026-12-01T09:05:00.123Z", true),
            "1 Dec 2026, 09:05 GMT"
        );
    }

    #[test]
    fn the_hour_the_clocks_go_back_is_never_written_twice_alike() {
        // 25 October 2026: 01:30 BST (00:30 UTC), then the clocks go back at 02:00 BST, and 01:30 GMT (01:30 UTC).
        let first = display("2026-10-25T00:30:00Z", true);
        let second = display("2026-10-25T01:30:00Z", true);
        assert_eq!(first, "25 Oct 2026, 01:30 BST");
        assert_eq!(second, "25 Oct 2026, 01:30 GMT");
        assert_ne!(first, second);
    }

    #[test]
    fn anything_else_is_shown_as_written_never_a_panic() {
        assert_eq!(display("soon", true), "soon");
        assert_eq!(display("2026-13-01T00:00:00Z", true), "2026-13-01");
        assert_eq!(display("ééééééééééééé", false), "éééééééééé");
        assert_eq!(display("", false), "");
        assert_eq!(unix_time("2026-06-30T23:30:00+0100"), None);
        assert_eq!(unix_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_time("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(unix_time("1969-12-31T23:00:00-01:00"), Some(0));
    }
}
