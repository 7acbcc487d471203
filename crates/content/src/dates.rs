//! Dates as every part of Broadsheet writes them: the first paint, the app after takeover, listings, rails and
//! partner widgets all call [`display`], so a date never changes under the reader.
//!
//! Times are shown on the publication's clock, not the reader's: the server cannot know the reader's zone, and a
//! page whose dates change when the app takes over misleads. The zone is named after every time ("23:30 BST"),
//! so 01:30 on the night the clocks go back is "01:30 BST" and then "01:30 GMT", never the same text twice.
//!
//! The zone is set when the site is built (`build.rs`): `BROADSHEET_TIME_ZONE`, an IANA name or a POSIX TZ rule
//! (IEEE Std 1003.1, "TZ"), and `BROADSHEET_TIME_ZONE_NAME`, its name for readers. Default: Europe/London,
//! `GMT0BST,M3.5.0/1,M10.5.0` (the rule at the end of the tz database's `Europe/London` file). Only the current
//! rule is kept: dates from before it began are shown by today's rule.

use tz::timezone::{
    AlternateTime, Julian0WithLeap, Julian1WithoutLeap, LocalTimeType, MonthWeekDay, RuleDay,
    TransitionRule,
};
use tz::{DateTime, TimeZoneRef, UtcDateTime};

// TIME_ZONE_NAME, TIME_ZONE_SOURCE, and the rule as constants: written by build.rs from the setting.
include!(concat!(env!("OUT_DIR"), "/zone.rs"));

// Constructors for the generated constants: a rule build.rs read with tz-rs is valid, so these never fail.
const fn local(ut_offset: i32, is_dst: bool, name: &str) -> LocalTimeType {
    match LocalTimeType::new(ut_offset, is_dst, Some(name.as_bytes())) {
        Ok(t) => t,
        Err(_) => panic!("invalid local time type"),
    }
}

#[allow(dead_code)] // Which of these the generated rule uses depends on the zone.
const fn month_week_day(month: u8, week: u8, week_day: u8) -> MonthWeekDay {
    match MonthWeekDay::new(month, week, week_day) {
        Ok(d) => d,
        Err(_) => panic!("invalid month, week and day"),
    }
}

#[allow(dead_code)]
const fn julian1(day: u16) -> Julian1WithoutLeap {
    match Julian1WithoutLeap::new(day) {
        Ok(d) => d,
        Err(_) => panic!("invalid Julian day"),
    }
}

#[allow(dead_code)]
const fn julian0(day: u16) -> Julian0WithLeap {
    match Julian0WithLeap::new(day) {
        Ok(d) => d,
        Err(_) => panic!("invalid Julian day"),
    }
}

#[allow(dead_code)]
const fn alternate(
    std: LocalTimeType,
    dst: LocalTimeType,
    start: RuleDay,
    start_time: i32,
    end: RuleDay,
    end_time: i32,
) -> AlternateTime {
    match AlternateTime::new(std, dst, start, start_time, end, end_time) {
        Ok(a) => a,
        Err(_) => panic!("invalid rule"),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The publication zone.
const ZONE: TimeZoneRef<'static> = match TimeZoneRef::new(&[], &TYPES, &[], &RULE) {
    Ok(zone) => zone,
    Err(_) => panic!("invalid time zone"),
};

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
    let local = unix_time(rfc3339).and_then(|t| DateTime::from_timespec(t, 0, ZONE).ok());
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
