//! Rules about text from readers and the API that more than one place applies: whether a text has anything a
//! reader can see, and keeping its direction controls from leaking into the text around it. The app's inline
//! checks, the server's validation and the importer all call these.

include!(concat!(env!("OUT_DIR"), "/invisible.rs"));

/// A character a reader can see on its own. Not visible: white space, controls, format characters (zero-width
/// spaces and joiners, bidi controls, tag characters), combining marks (they need a base), private-use and
/// default-ignorable code points (the Hangul fillers among them) and blank glyphs such as U+2800 BRAILLE PATTERN
/// BLANK. The table is built from Unicode's General_Category and PropList (`build/invisible.rs`).
pub fn is_visible(c: char) -> bool {
    let cp = c as u32;
    INVISIBLE
        .binary_search_by(|&(start, end)| {
            if end < cp {
                std::cmp::Ordering::Less
            } else if start > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// True when `text` has at least one character a reader can see ([`is_visible`]).
pub fn has_visible(text: &str) -> bool {
    text.chars().any(is_visible)
}

/// What an explicit bidi control does (Unicode Standard Annex #9, section 2).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bidi {
    /// LRE, RLE, LRO, RLO: opens an embedding or override, closed by PDF.
    Embedding,
    /// LRI, RLI, FSI: opens an isolate, closed by PDI.
    Isolate,
    /// PDF.
    PopEmbedding,
    /// PDI.
    PopIsolate,
    /// A paragraph separator: ends every open embedding and isolate.
    Paragraph,
}

fn bidi(c: char) -> Option<Bidi> {
    Some(match c {
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => Bidi::Embedding,
        '\u{2066}' | '\u{2067}' | '\u{2068}' => Bidi::Isolate,
        '\u{202C}' => Bidi::PopEmbedding,
        '\u{2069}' => Bidi::PopIsolate,
        '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => Bidi::Paragraph,
        _ => return None,
    })
}

/// `text` without its unpaired explicit bidi controls: an embedding, override or isolate that is not closed
/// before the end of its paragraph, and a PDF or PDI that closes nothing, are removed (as UAX #9 pairs them: a
/// PDI also closes the embeddings opened inside its isolate, a PDF never closes an isolate). Paired controls and
/// the marks (LRM, RLM, ALM) are kept, so right-to-left text written with them shows as its writer meant, and
/// what is left cannot reorder the text that follows it on the page.
pub fn without_unpaired_bidi(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut drop = vec![false; chars.len()];
    // Open controls: (index, is an isolate).
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match bidi(c) {
            Some(Bidi::Embedding) => open.push((i, false)),
            Some(Bidi::Isolate) => open.push((i, true)),
            Some(Bidi::PopEmbedding) => match open.last() {
                Some(&(_, false)) => {
                    open.pop();
                }
                _ => drop[i] = true,
            },
            Some(Bidi::PopIsolate) => {
                if open.iter().any(|&(_, isolate)| isolate) {
                    while let Some((j, isolate)) = open.pop() {
                        if isolate {
                            break;
                        }
                        drop[j] = true;
                    }
                } else {
                    drop[i] = true;
                }
            }
            Some(Bidi::Paragraph) => {
                for (j, _) in open.drain(..) {
                    drop[j] = true;
                }
            }
            None => {}
        }
    }
    for (j, _) in open {
        drop[j] = true;
    }
    chars
        .into_iter()
        .zip(drop)
        .filter_map(|(c, d)| (!d).then_some(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code points a reader cannot see on their own, with what they are.
    const INVISIBLE_CASES: &[(char, &str)] = &[
        (' ', "space"),
        ('\u{A0}', "no-break space"),
        ('\u{AD}', "soft hyphen"),
        ('\u{34F}', "combining grapheme joiner"),
        ('\u{61C}', "Arabic letter mark"),
        ('\u{115F}', "Hangul choseong filler"),
        ('\u{1160}', "Hangul jungseong filler"),
        ('\u{17B4}', "Khmer vowel inherent aq"),
        ('\u{180E}', "Mongolian vowel separator"),
        ('\u{2000}', "en quad"),
        ('\u{200B}', "zero-width space"),
        ('\u{200D}', "zero-width joiner"),
        ('\u{200E}', "left-to-right mark"),
        ('\u{2028}', "line separator"),
        ('\u{202E}', "right-to-left override"),
        ('\u{2060}', "word joiner"),
        ('\u{2064}', "invisible plus"),
        ('\u{2066}', "left-to-right isolate"),
        ('\u{2800}', "Braille pattern blank"),
        ('\u{3000}', "ideographic space"),
        ('\u{3164}', "Hangul filler"),
        ('\u{E000}', "private use"),
        ('\u{FE0F}', "variation selector 16"),
        ('\u{FEFF}', "zero-width no-break space"),
        ('\u{FFA0}', "halfwidth Hangul filler"),
        ('\u{1D159}', "musical symbol null notehead"),
        ('\u{1D173}', "musical symbol begin beam"),
        ('\u{E0001}', "language tag"),
        ('\u{E0041}', "tag Latin capital A"),
        ('\u{E0100}', "variation selector 17"),
        ('\u{0301}', "combining acute accent, with no base"),
        ('\u{20DD}', "combining enclosing circle, with no base"),
        (
            '\u{0903}',
            "Devanagari sign visarga (a spacing mark), with no base",
        ),
    ];

    const VISIBLE_CASES: &[(char, &str)] = &[
        ('a', "Latin a"),
        ('é', "precomposed e acute"),
        ('ß', "sharp s"),
        ('ا', "Arabic alef"),
        ('ש', "Hebrew shin"),
        ('한', "Hangul syllable"),
        ('中', "CJK ideograph"),
        ('٣', "Arabic-Indic digit three"),
        ('—', "em dash"),
        ('⠁', "Braille pattern dots-1"),
        ('😀', "emoji"),
        ('\u{1F3F4}', "black flag (base of a tag sequence)"),
    ];

    #[test]
    fn invisible_code_points_are_not_visible() {
        for &(c, what) in INVISIBLE_CASES {
            assert!(
                !is_visible(c),
                "U+{:04X} {what} counted as visible",
                c as u32
            );
        }
    }

    #[test]
    fn letters_digits_punctuation_and_symbols_are_visible() {
        for &(c, what) in VISIBLE_CASES {
            assert!(
                is_visible(c),
                "U+{:04X} {what} counted as invisible",
                c as u32
            );
        }
    }

    #[test]
    fn a_text_needs_one_visible_character() {
        assert!(!has_visible("\u{2800}\u{2800}\u{2800}"));
        assert!(!has_visible("\u{3164}"));
        assert!(!has_visible("\u{0301}\u{0301} \u{200B}"));
        assert!(has_visible("e\u{0301}"), "a mark on a base shows");
        assert!(has_visible("\u{202E}Ann"));
        assert!(has_visible("👍🏽"));
    }

    #[test]
    fn unpaired_bidi_controls_are_removed() {
        // An override left open would reverse the date printed after the name.
        assert_eq!(without_unpaired_bidi("Ann\u{202E}"), "Ann");
        assert_eq!(without_unpaired_bidi("\u{202C}Ann\u{2069}"), "Ann");
        // Closed at the end of its paragraph, not in the next.
        assert_eq!(
            without_unpaired_bidi("\u{2067}one\ntwo\u{2069}"),
            "one\ntwo"
        );
        // A PDI closes the embeddings inside its isolate: those were unpaired.
        assert_eq!(
            without_unpaired_bidi("\u{2068}a\u{202B}b\u{2069}c"),
            "\u{2068}ab\u{2069}c"
        );
        // A PDF does not close an isolate.
        assert_eq!(without_unpaired_bidi("\u{2066}a\u{202C}"), "a");
    }

    #[test]
    fn paired_controls_marks_and_right_to_left_text_are_kept() {
        for text in [
            "سارة أحمد",
            "שרה כהן",
            "\u{202B}مرحبا\u{202C} Ann",
            "\u{2067}שלום\u{2069} and \u{2066}hello\u{2069}",
            "Ann\u{200F}",
            "\u{202A}\u{202E}x\u{202C}\u{202C}",
        ] {
            assert_eq!(without_unpaired_bidi(text), text);
        }
    }
}
