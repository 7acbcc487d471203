//! WordPress shortcodes left in the text (a plugin that is gone, a block that failed to render): `[gallery
//! ids="1,2"]`, `[/caption]`, `[contact-form-7 id="3"]`. A small scanner, no regular expressions.
//!
//! The rule, so that a writer's own brackets stay (`[1]`, `[sic]`, `[Applause]`, `[laughs]`): a tag is `[name]`,
//! `[/name]` or `[name attributes…]` with `name` in lower case, `[a-z][a-z0-9_-]*`, and the whole tag on one
//! line of at most 500 characters. A tag is removed when
//! - its name has a `-` or `_` (`contact-form-7`, `vc_row`, `et_pb_section`), or
//! - its name is a common WordPress shortcode ([`KNOWN`]), or
//! - its text node holds nothing but tags, and one of them has attributes or is a closing tag
//!   (`[pricing-table id="4"]`, `[foo][/foo]` alone in a paragraph).
//!
//! Text inside `<code>`, `<pre>` and the like is never scanned (the walker does not call this there).

use std::borrow::Cow;

/// Shortcodes WordPress or its most common plugins register, with no `-` or `_` in the name.
pub(super) const KNOWN: &[&str] = &[
    "caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
    "wpvideo",
    "youtube",
    "vimeo",
    "soundcloud",
    "tweet",
    "googlemaps",
    "gravityform",
    "wpforms",
    "dropcap",
    "button",
    "column",
    "columns",
    "tabs",
    "accordion",
    "spoiler",
];

/// A shortcode-shaped tag found in a text: its byte range, and whether it has attributes or closes.
struct Tag {
    start: usize,
    end: usize,
    qualified: bool,
    attrs_or_closing: bool,
}

/// The tag starting at `start` (a `[`), if the text there has a shortcode's shape.
fn tag_at(text: &str, start: usize) -> Option<Tag> {
    let rest = text.get(start + 1..)?;
    let closing = rest.starts_with('/');
    let name_start = usize::from(closing);
    let name_len = rest[name_start..]
        .char_indices()
        .find(|&(i, c)| {
            let ok = if i == 0 {
                c.is_ascii_lowercase()
            } else {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
            };
            !ok
        })
        .map(|(i, _)| i)?;
    if name_len == 0 {
        return None;
    }
    let name = &rest[name_start..name_start + name_len];
    let after = &rest[name_start + name_len..];
    let (tag_len, has_attrs) = if after.starts_with(']') {
        (name_start + name_len + 1, false)
    } else if !closing && after.starts_with([' ', '\t', '\u{a0}']) {
        let close = after.find(']')?;
        let attrs = &after[..close];
        if close > 500 || attrs.contains(['[', '\n']) {
            return None;
        }
        (name_start + name_len + close + 1, true)
    } else {
        return None;
    };
    Some(Tag {
        start,
        end: start + 1 + tag_len,
        qualified: name.contains(['-', '_']) || KNOWN.contains(&name),
        attrs_or_closing: has_attrs || closing,
    })
}

/// The text without its shortcodes (see the module's rule), and the shortcodes removed, as written.
pub(super) fn strip(text: &str) -> (Cow<'_, str>, Vec<String>) {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|r| r.find('[')) {
        let start = from + offset;
        match tag_at(text, start) {
            Some(tag) => {
                from = tag.end;
                tags.push(tag);
            }
            None => from = start + 1,
        }
    }
    if tags.is_empty() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut between = 0;
    let mut only_tags = true;
    for tag in &tags {
        only_tags &= text[between..tag.start].trim().is_empty();
        between = tag.end;
    }
    only_tags &= text[between..].trim().is_empty();
    let alone = only_tags && tags.iter().any(|t| t.attrs_or_closing);
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut kept_to = 0;
    for tag in tags.iter().filter(|t| t.qualified || alone) {
        out.push_str(&text[kept_to..tag.start]);
        removed.push(text[tag.start..tag.end].to_string());
        kept_to = tag.end;
    }
    if removed.is_empty() {
        return (Cow::Borrowed(text), removed);
    }
    out.push_str(&text[kept_to..]);
    (Cow::Owned(out), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<String>) {
        let (out, removed) = strip(text);
        (out.into_owned(), removed)
    }

    #[test]
    fn known_and_plugin_shortcodes_are_removed_wherever_they_are() {
        assert_eq!(
            run("Before [gallery ids=\"1,2\"] after [/caption]."),
            (
                "Before  after .".to_string(),
                vec!["[gallery ids=\"1,2\"]".into(), "[/caption]".into()]
            )
        );
        assert_eq!(
            run("Call us [contact-form-7 id=\"3\" title=\"Tips\"] now [vc_row]"),
            (
                "Call us  now ".to_string(),
                vec![
                    "[contact-form-7 id=\"3\" title=\"Tips\"]".into(),
                    "[vc_row]".into()
                ]
            )
        );
    }

    #[test]
    fn a_writers_brackets_stay() {
        for text in [
            "Spending rose.[1]",
            "He said it was [sic] fine.",
            "[Applause]",
            "[laughs]",
            "The list [a, b] and [x y] stay.",
            "An array a[i] and [ spaced ] and [/ nothing].",
            "[unclosed gallery",
        ] {
            assert_eq!(run(text), (text.to_string(), Vec::new()), "{text}");
        }
    }

    #[test]
    fn unknown_shortcodes_alone_in_their_text_go_when_they_have_attributes_or_close() {
        assert_eq!(
            run("  [pricing id=\"4\"]\n"),
            ("  \n".to_string(), vec!["[pricing id=\"4\"]".into()])
        );
        assert_eq!(
            run("[box][/box]"),
            (String::new(), vec!["[box]".into(), "[/box]".into()])
        );
        assert_eq!(run("See [pricing id=\"4\"]").1, Vec::<String>::new());
    }
}
