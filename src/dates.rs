//! Dates as the page's British English writes them ("14 Sep 2026, 08:30"), in the reader's time zone.
//!
//! The same words and order as the server's HTML, so the app's takeover changes nothing a reader sees. No `Intl`:
//! the first `Intl.DateTimeFormat` a page makes loads the browser's locale data, which cost 16 ms of the app's
//! start-up task on this machine (64 ms on Lighthouse's throttled phone).

use wasm_bindgen::JsValue;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The calendar date of an RFC 3339 timestamp (`2026-09-14`), used when the browser cannot read it.
pub fn date_part(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// A moment on the reader's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub year: i32,
    /// 0 for January, as JavaScript counts.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl Local {
    /// "14 Sep 2026", with ", 08:30" when `with_time`.
    pub fn text(&self, with_time: bool) -> String {
        let month = MONTHS.get(self.month as usize).copied().unwrap_or("?");
        let mut s = format!("{} {month} {}", self.day, self.year);
        if with_time {
            s.push_str(&format!(", {:02}:{:02}", self.hour, self.minute));
        }
        s
    }
}

/// The timestamp on the reader's clock; its calendar date as written when the browser cannot read it.
pub fn format(rfc3339: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return date_part(rfc3339).to_string();
    }
    Local {
        year: date.get_full_year() as i32,
        month: date.get_month(),
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    }
    .text(with_time)
}

#[cfg(test)]
mod tests {
    use super::{date_part, Local};

    #[test]
    fn date_part_never_panics() {
        assert_eq!(date_part("2026-09-14T08:30:00Z"), "2026-09-14");
        assert_eq!(date_part("short"), "short");
        assert_eq!(date_part("ééééééééééé"), "ééééé");
        assert_eq!(date_part("aéééééééééé"), "aéééééééééé");
    }

    #[test]
    fn written_as_the_server_writes_them() {
        let t = Local {
            year: 2026,
            month: 8,
            day: 4,
            hour: 7,
            minute: 5,
        };
        assert_eq!(t.text(false), "4 Sep 2026");
        assert_eq!(t.text(true), "4 Sep 2026, 07:05");
        let odd = Local { month: 12, ..t };
        assert_eq!(odd.text(false), "4 ? 2026");
    }
}
