//! What happens when a page arrives. After a client-side navigation focus moves to the new page's `h1`, so a
//! screen reader announces it and keyboard users start at the content. Back and forward put the reader where
//! they were on that page; a new page starts at the top (the router scrolls it).
//!
//! The browser cannot restore scroll positions itself because the content arrives after the history step, so
//! the app keeps them: every scroll records the position of the page the router shows, and a history step
//! restores that position once the page's content is ready (`page_ready`).
//!
//! An address with a fragment (`/housing/…#comments-heading`: a deep link, a reload, a history step) names a
//! part of the page that exists only once the app has rendered it, after the browser's own attempt to scroll
//! there. So on arrival the app looks for the target each frame, for up to [`FRAGMENT_WAIT_FRAMES`], scrolls it
//! into view when it appears and, after a client navigation, moves focus there instead of to the `h1`. It stops
//! looking if the reader scrolls meanwhile.

use std::cell::{Cell, RefCell};

use leptos::ev;
use leptos::prelude::*;
use rustc_hash::FxHashMap;
use wasm_bindgen::JsCast;

use crate::load::LoadState;
use crate::router::use_location;

/// How many pages' scroll positions are remembered.
const REMEMBERED: usize = 100;

/// How long the app looks for a fragment's target after a page arrives: 600 frames, 10 s at 60 Hz (the comments
/// come from a request of their own after the article).
pub const FRAGMENT_WAIT_FRAMES: u32 = 600;

thread_local! {
    /// The page that last became ready; `None` before the first.
    static SHOWN: RefCell<Option<String>> = const { RefCell::new(None) };
    static POSITIONS: RefCell<FxHashMap<String, f64>> = RefCell::new(FxHashMap::default());
    static PENDING: Cell<Option<f64>> = const { Cell::new(None) };
}

/// `/path?query`, the key under which a page's scroll position is kept.
pub fn page_key(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

/// Installs the listeners; called once, at the app's root.
pub fn track() {
    let location = use_location();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let scroll = window_event_listener(ev::scroll, move |_| {
        let key = page_key(
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
        );
        let y = web_sys::window()
            .and_then(|w| w.scroll_y().ok())
            .unwrap_or(0.0);
        POSITIONS.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() >= REMEMBERED && !p.contains_key(&key) {
                p.clear();
            }
            p.insert(key, y);
        });
    });
    // The browser's location already shows the page being returned to.
    let popstate = window_event_listener(ev::popstate, move |_| {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let key = page_key(
            &loc.pathname().unwrap_or_default(),
            &loc.search().unwrap_or_default(),
        );
        let y = POSITIONS.with(|p| p.borrow().get(&key).copied());
        PENDING.with(|p| p.set(Some(y.unwrap_or(0.0))));
    });
    on_cleanup(move || {
        scroll.remove();
        popstate.remove();
    });
}

/// Calls [`page_ready`] whenever `loader` has settled (content or a failure), from an effect of the page.
pub fn ready_after(loader: LoadState) {
    Effect::new(move |_| {
        if loader.settled() {
            page_ready();
        }
    });
}

/// Called by each page whenever its content (or its failure message) is on screen. The work waits for the next
/// frame, when the router has settled and put the page in the document, and acts once per arrival, so a
/// background refresh of the same page leaves focus and scroll alone.
pub fn page_ready() {
    request_animation_frame(arrive);
}

fn arrive() {
    // The first page ready: the app shows itself in place of the server's HTML, if it was behind it.
    crate::startup::take_over();
    let l = use_location();
    let key = page_key(&l.pathname.get_untracked(), &l.search.get_untracked());
    let Some(h1) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        // Still loading, or a failure message: the page calls again when its content arrives.
        return;
    };
    let previous = SHOWN.with(|s| s.borrow_mut().replace(key.clone()));
    // A history step within the page (between its fragments) leaves no position for the next page.
    let pending = PENDING.with(Cell::take);
    if previous.as_deref() == Some(key.as_str()) {
        return;
    }
    if let Some(id) = fragment() {
        let start = web_sys::window().and_then(|w| w.scroll_y().ok());
        go_to_fragment(id, previous.is_some(), start, FRAGMENT_WAIT_FRAMES);
        return;
    }
    // The first page load leaves focus at the top of the document.
    if previous.is_some() {
        focus_without_scrolling(&h1);
    }
    if let Some(y) = pending {
        scroll_when_tall_enough(y, 10);
    }
}

fn focus_without_scrolling(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// The address's fragment, decoded, without `#`; `None` when there is none.
fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let raw = hash.strip_prefix('#').filter(|h| !h.is_empty())?;
    Some(
        js_sys::decode_uri_component(raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| raw.to_string()),
    )
}

/// Scrolls the element with id `id` into view once it exists, looking once a frame for `frames` more frames;
/// `focus`: move focus there too (after a client navigation). Gives up if the page scrolled away from `start`
/// meanwhile (the reader moved on).
fn go_to_fragment(id: String, focus: bool, start: Option<f64>, frames: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if start.is_some() && window.scroll_y().ok() != start {
        return;
    }
    let target = window.document().and_then(|d| d.get_element_by_id(&id));
    match target {
        Some(target) => {
            target.scroll_into_view();
            if let (true, Ok(el)) = (focus, target.dyn_into::<web_sys::HtmlElement>()) {
                if el.get_attribute("tabindex").is_none() {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                focus_without_scrolling(&el);
            }
        }
        None if frames > 0 => {
            request_animation_frame(move || go_to_fragment(id, focus, start, frames - 1))
        }
        None => {}
    }
}

/// Scrolls to `y` once the page is long enough to get there, checking for a few frames while it lays out.
fn scroll_when_tall_enough(y: f64, frames: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .document()
        .and_then(|d| d.document_element())
        .map(|e| f64::from(e.scroll_height()))
        .unwrap_or(0.0);
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if height - viewport >= y || frames == 0 {
        window.scroll_to_with_x_and_y(0.0, y);
    } else {
        request_animation_frame(move || scroll_when_tall_enough(y, frames - 1));
    }
}

#[cfg(test)]
mod tests {
    use super::page_key;

    #[test]
    fn keys() {
        assert_eq!(page_key("/housing", ""), "/housing");
        assert_eq!(page_key("/housing", "?page=2"), "/housing?page=2");
        assert_eq!(page_key("/housing", "page=2"), "/housing?page=2");
    }
}
