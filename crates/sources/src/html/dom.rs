//! Reading the parsed tree: an element's plain text as a reader sees it, finding elements by a test or a class,
//! and the short forms of URLs and text that notes quote.

use broadsheet_content::Inline;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::inlines::Inlines;

/// Elements with a gap around them when read as plain text (for notes): line breaks and form controls.
const SPACED: &[&str] = &[
    "br", "label", "button", "input", "select", "option", "textarea",
];

/// The plain text of an element as a reader sees it: white space collapsed, a space where blocks and line breaks
/// are, elements `skip` names (and scripts and the like) left out.
pub(super) fn plain_text(el: ElementRef<'_>, skip: &dyn Fn(&str) -> bool) -> String {
    let mut inl = Inlines::new(Vec::new());
    let mut skipping = 0usize;
    for edge in el.traverse() {
        let (open, n) = match edge {
            Edge::Open(n) => (true, n),
            Edge::Close(n) => (false, n),
        };
        match n.value() {
            Node::Element(_) if skipping > 0 => {
                skipping = if open { skipping + 1 } else { skipping - 1 };
            }
            Node::Element(e)
                if open && n.id() != el.id() && (skip(e.name()) || unseen(e.name())) =>
            {
                skipping = 1;
            }
            Node::Element(e) if is_block(e.name()) || SPACED.contains(&e.name()) => inl.text(" "),
            Node::Text(t) if open && skipping == 0 => inl.text(t),
            _ => {}
        }
    }
    Inline::plain_text(&inl.take())
}

/// The first descendant of `el` (itself included) that `pred` accepts.
pub(super) fn find<'a>(
    el: ElementRef<'a>,
    pred: impl Fn(ElementRef<'a>) -> bool,
) -> Option<ElementRef<'a>> {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| pred(*e))
}

pub(super) fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// At most 60 characters of `text` for a note, `…` where it was cut.
pub(super) fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Elements with nothing for a reader: left out without a note.
pub(super) const SILENT: &[&str] = &[
    "script", "style", "template", "head", "title", "meta", "link", "base", "svg", "source",
    "track", "param", "area", "map", "input", "canvas", "wbr", "noembed", "noframes", "frameset",
];

/// Elements whose content a reader never sees in the body: left out of any text read.
pub(super) fn unseen(name: &str) -> bool {
    SILENT.contains(&name) || name == "noscript"
}

/// Elements a browser draws as a block by default: they end the paragraph before and after them.
const BLOCK_NAMES: &str = "p div section article aside header footer main nav address hgroup center dl dt dd \
    figcaption caption li fieldset legend body html search tr td th tbody thead tfoot figure details summary ul ol \
    menu blockquote table pre hr h1 h2 h3 h4 h5 h6";

pub(super) fn is_block(name: &str) -> bool {
    BLOCK_NAMES.split_ascii_whitespace().any(|b| b == name)
}
