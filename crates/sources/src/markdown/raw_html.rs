//! Raw HTML met in a Markdown body. Broadsheet bodies are typed blocks, never HTML, so no tag is passed on; but
//! text in angle brackets is often not HTML at all (`quote reference <PLN-2026-0042>`, `press the <Report It>
//! button`), and dropping it would delete the writer's words. The rule: a tag of a real HTML element is dropped
//! (its text is kept, and the import says so); an HTML comment is dropped (and the import says so); anything
//! else in angle brackets is the writer's text and stays as text.

/// The element names of HTML (the HTML Living Standard's index of elements, section "Elements", with the
/// obsolete ones of section 16.2 that browsers still parse), lower case.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "bgsound",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

/// What a piece of raw HTML from the Markdown parser is.
#[derive(Debug, PartialEq, Eq)]
pub enum RawHtml<'a> {
    /// `<!-- … -->`: a note the writer left for editors.
    Comment,
    /// An opening or closing tag of an HTML element, by name (`"span"`).
    Tag(&'a str),
    /// Anything else: text that only looks like a tag.
    Text,
}

/// Classifies `raw`, one piece of inline HTML or the start of an HTML block.
pub fn classify(raw: &str) -> RawHtml<'_> {
    let raw = raw.trim_start();
    if raw.starts_with("<!--") {
        return RawHtml::Comment;
    }
    let Some(rest) = raw.strip_prefix("</").or_else(|| raw.strip_prefix('<')) else {
        return RawHtml::Text;
    };
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = &rest[..end];
    match HTML_ELEMENTS.iter().find(|e| e.eq_ignore_ascii_case(name)) {
        // `<b-list>` is a custom element name, not `<b>`: the name must end there.
        Some(e) if !rest[end..].starts_with(['-', '_', '.', ':']) => RawHtml::Tag(e),
        _ => RawHtml::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_comments_and_look_alikes() {
        assert_eq!(classify("<span class=\"x\">"), RawHtml::Tag("span"));
        assert_eq!(classify("</SCRIPT>"), RawHtml::Tag("script"));
        assert_eq!(classify("<br/>"), RawHtml::Tag("br"));
        assert_eq!(classify("<!-- check this -->"), RawHtml::Comment);
        assert_eq!(classify("<PLN-2026-0042>"), RawHtml::Text);
        assert_eq!(classify("<Report It>"), RawHtml::Text);
        assert_eq!(classify("<b-list>"), RawHtml::Text);
        assert_eq!(classify("<Name Surname>"), RawHtml::Text);
    }
}
