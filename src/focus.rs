//! After a client-side navigation, move focus to the new page's heading so that screen readers announce it
//! and keyboard users start at the content. The first page load leaves focus alone.

use std::cell::Cell;

use wasm_bindgen::JsCast;

thread_local! {
    static NAVIGATED: Cell<bool> = const { Cell::new(false) };
}

/// Called when the route changes after the first render.
pub fn mark_navigated() {
    NAVIGATED.with(|n| n.set(true));
}

/// Focuses the page's `h1` (it carries `tabindex="-1"`) if the reader got here by a client-side navigation.
pub fn focus_heading() {
    if !NAVIGATED.with(Cell::get) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(h1) = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h1.focus();
    }
}
