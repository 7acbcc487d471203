//! The publication's time zone, compiled into constants (`$OUT_DIR/zone.rs`, included by `src/dates.rs`), so the
//! app and the server share one rule and the wasm carries no time-zone parser.
//!
//! `BROADSHEET_TIME_ZONE` is an IANA name read from this machine's tz database (`Europe/London`; its current rule,
//! the POSIX TZ string at the end of the file, is what is kept) or a POSIX TZ rule (`GMT0BST,M3.5.0/1,M10.5.0`).
//! Default: Europe/London's rule, which needs no tz database. `BROADSHEET_TIME_ZONE_NAME` names the zone for
//! readers; by default the IANA name, or Europe/London.

use std::fmt::Write;

use tz::timezone::{LocalTimeType, RuleDay, TransitionRule};

const DEFAULT_RULE: &str = "GMT0BST,M3.5.0/1,M10.5.0";
const DEFAULT_NAME: &str = "Europe/London";

fn local(t: &LocalTimeType) -> String {
    format!(
        "local({}, {}, {:?})",
        t.ut_offset(),
        t.is_dst(),
        t.time_zone_designation()
    )
}

fn day(d: &RuleDay) -> String {
    match d {
        RuleDay::Julian1WithoutLeap(j) => {
            format!("RuleDay::Julian1WithoutLeap(julian1({}))", j.get())
        }
        RuleDay::Julian0WithLeap(j) => format!("RuleDay::Julian0WithLeap(julian0({}))", j.get()),
        RuleDay::MonthWeekDay(m) => format!(
            "RuleDay::MonthWeekDay(month_week_day({}, {}, {}))",
            m.month(),
            m.week(),
            m.week_day()
        ),
    }
}

/// Writes `$OUT_DIR/zone.rs`.
pub fn write() {
    println!("cargo:rerun-if-env-changed=BROADSHEET_TIME_ZONE");
    println!("cargo:rerun-if-env-changed=BROADSHEET_TIME_ZONE_NAME");
    let spec = std::env::var("BROADSHEET_TIME_ZONE").unwrap_or_else(|_| DEFAULT_RULE.to_string());
    let zone = tz::TimeZone::from_posix_tz(&spec).unwrap_or_else(|e| {
        panic!("BROADSHEET_TIME_ZONE={spec:?} is neither a zone name here nor a POSIX TZ rule: {e}")
    });
    // The default rule is Europe/London's; any other setting names itself (an IANA name, or the rule).
    let name = std::env::var("BROADSHEET_TIME_ZONE_NAME").unwrap_or_else(|_| {
        if spec == DEFAULT_RULE {
            DEFAULT_NAME.to_string()
        } else {
            spec.clone()
        }
    });
    let rule = match zone.as_ref().extra_rule() {
        Some(rule) => *rule,
        // A file with no rule for the future: its last local time type, fixed.
        None => match zone.as_ref().local_time_types().last() {
            Some(t) => TransitionRule::Fixed(*t),
            None => panic!("BROADSHEET_TIME_ZONE={spec:?} has no local time"),
        },
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// The publication zone's name for readers (`BROADSHEET_TIME_ZONE_NAME`)."
    );
    let _ = writeln!(out, "pub const TIME_ZONE_NAME: &str = {name:?};");
    let _ = writeln!(
        out,
        "/// Where the rule came from (`BROADSHEET_TIME_ZONE`)."
    );
    let _ = writeln!(out, "pub const TIME_ZONE_SOURCE: &str = {spec:?};");
    match &rule {
        TransitionRule::Fixed(t) => {
            let _ = writeln!(out, "const TYPES: [LocalTimeType; 1] = [{}];", local(t));
            let _ = writeln!(
                out,
                "const RULE: Option<TransitionRule> = Some(TransitionRule::Fixed(TYPES[0]));"
            );
        }
        TransitionRule::Alternate(a) => {
            let _ = writeln!(
                out,
                "const TYPES: [LocalTimeType; 2] = [{}, {}];",
                local(a.std()),
                local(a.dst())
            );
            let _ = writeln!(
                out,
                "const RULE: Option<TransitionRule> = Some(TransitionRule::Alternate(alternate(TYPES[0], TYPES[1], {}, {}, {}, {})));",
                day(a.dst_start()),
                a.dst_start_time(),
                day(a.dst_end()),
                a.dst_end_time()
            );
        }
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("zone.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
