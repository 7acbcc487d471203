//! Reading the parsed tree: an element's plain text as a reader sees it, finding elements by a test or a class,
//! and the short forms of URLs and text that notes quote.

use broadsheet_content::Inline;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::inlines::Inlines;
use super::walk::{is_block, unseen};

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

/// The host of a URL, for a note: `www.example.com`, or a description when there is none.
pub(super) fn host_of(url: &str) -> String {
    match super::embeds::split_url(url) {
        Some((host, _, _)) if !host.is_empty() => host,
        _ if url.trim().is_empty() => "no address".into(),
        _ => format!("`{}`", excerpt(url)),
    }
}

/// At most 60 characters of `text` for a note, `…` where it was cut.
pub(super) fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
