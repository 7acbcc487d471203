//! The document head after client-side navigation: the same [`Head`] the server writes into the first paint
//! (`broadsheet_views::head`), set as DOM elements. Every tag the head module writes carries `data-head`; a new
//! page's head replaces exactly those, so no tag of an earlier page (an `article:tag`, a JSON-LD script) stays.
//! JSON-LD is the server's alone: kept at takeover, removed with the page it describes.

use broadsheet_views::head::{Head, HeadTag, Site};
use leptos::prelude::document;
use wasm_bindgen::JsCast;

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a head was set before, or the reader moved to another page: the first head set is the page the
/// server wrote.
static TAKEN_OVER: AtomicBool = AtomicBool::new(false);

/// The reader moved to another page: the server's JSON-LD, if still there, describes the page they left.
pub fn left_the_first_page() {
    TAKEN_OVER.store(true, Ordering::Relaxed);
}

/// Where the site is published: `<meta name="broadsheet-public-url">` if the page has it, else this origin.
pub fn site() -> Site {
    let origin = crate::config::public_url().unwrap_or_else(|| {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    });
    Site::new(&origin)
}

/// Sets the document's title and head tags to `head`'s.
pub fn set(head: &Head) {
    let document = document();
    document.set_title(&head.title);
    // Only the server writes JSON-LD (`broadsheet_views::head::ld`). The page it was written for (the first the app
    // sets: it takes that page over) keeps it, for crawlers that run scripts; a later page removes it.
    let replaced = if TAKEN_OVER.swap(true, Ordering::Relaxed) {
        "head > [data-head]"
    } else {
        "head > [data-head]:not(script)"
    };
    if let Ok(old) = document.query_selector_all(replaced) {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                el.remove();
            }
        }
    }
    let Some(parent) = document.head() else {
        return;
    };
    for tag in head.tags() {
        let (name, attrs, text): (&str, &[(&str, &str)], _) = match &tag {
            HeadTag::Name(k, v) => ("meta", &[("name", k), ("content", v.as_str())], None),
            HeadTag::Property(k, v) => ("meta", &[("property", k), ("content", v.as_str())], None),
            HeadTag::Link(rel, href) => ("link", &[("rel", rel), ("href", href.as_str())], None),
            HeadTag::Alternate(kind, title, href) => (
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", kind),
                    ("title", title.as_str()),
                    ("href", href.as_str()),
                ],
                None,
            ),
            HeadTag::JsonLd(json) => (
                "script",
                &[("type", "application/ld+json")],
                Some(json.as_str()),
            ),
        };
        let Ok(el) = document.create_element(name) else {
            continue;
        };
        let _ = el.set_attribute("data-head", "");
        for &(k, v) in attrs {
            let _ = el.set_attribute(k, v);
        }
        // Script text is set as text, never parsed as HTML.
        el.set_text_content(text);
        let _ = parent.append_child(&el);
    }
}
