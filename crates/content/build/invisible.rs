//! The characters that show nothing on their own, compiled into ranges (`$OUT_DIR/invisible.rs`, included by
//! `src/text.rs`). The General_Category comes from the `unicode-properties` crate (its Unicode version is
//! noted in the generated file); the rest is listed here with its source.
//!
//! A character is invisible when it is:
//! - white space, a control, a format character or a line or paragraph separator (General_Category `Z*`, `Cc`,
//!   `Cf`): spaces, zero-width spaces and joiners, bidi controls, tag characters (U+E0000–E007F), the soft hyphen;
//! - a combining mark (`Mn`, `Mc`, `Me`): it needs a base character to show on, so marks alone show nothing
//!   (variation selectors are `Mn` too);
//! - a surrogate or private-use code point (`Cs`, `Co`): no standard glyph;
//! - a Default_Ignorable_Code_Point that is none of the above (Unicode's `Other_Default_Ignorable_Code_Point`,
//!   PropList.txt, with the unassigned code points DerivedCoreProperties.txt reserves as ignorable): the Hangul
//!   fillers U+115F, U+1160, U+3164, U+FFA0, the Khmer inherent vowels, U+2065, U+FFF0–FFF8, U+E0000–E0FFF;
//! - a character whose glyph is blank by design: U+2800 BRAILLE PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL
//!   NOTEHEAD.

use std::fmt::Write;

use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};

/// Other_Default_Ignorable_Code_Point (PropList.txt, Unicode 16) and the ignorable reserved ranges.
const IGNORABLE: &[(u32, u32)] = &[
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
];

/// Characters whose glyph is blank.
const BLANK: &[u32] = &[0x2800, 0x1D159];

fn invisible(cp: u32) -> bool {
    if IGNORABLE.iter().any(|&(a, b)| (a..=b).contains(&cp)) || BLANK.contains(&cp) {
        return true;
    }
    let Some(c) = char::from_u32(cp) else {
        return true; // a surrogate
    };
    c.is_whitespace()
        || matches!(
            c.general_category(),
            G::Control
                | G::Format
                | G::SpaceSeparator
                | G::LineSeparator
                | G::ParagraphSeparator
                | G::NonspacingMark
                | G::SpacingMark
                | G::EnclosingMark
                | G::Surrogate
                | G::PrivateUse
        )
}

/// Writes `$OUT_DIR/invisible.rs`: `INVISIBLE`, sorted inclusive ranges of code points.
pub fn write() {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for cp in 0..=0x10FFFF_u32 {
        if !invisible(cp) {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == cp => *end = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// General_Category from unicode-properties, Unicode {:?}.",
        unicode_properties::UNICODE_VERSION
    );
    let _ = writeln!(
        out,
        "/// Code points that show nothing on their own (build/invisible.rs), as sorted inclusive ranges.\nstatic INVISIBLE: [(u32, u32); {}] = [",
        ranges.len()
    );
    for (a, b) in &ranges {
        let _ = writeln!(out, "    (0x{a:X}, 0x{b:X}),");
    }
    out.push_str("];\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("invisible.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
