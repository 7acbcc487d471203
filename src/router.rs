//! Client-side routing, all the app needs of it: the address as signals, links and history steps that change it
//! without a reload. One component shows every page (`routes::CurrentPage`, which the contract's `Page` chooses),
//! so there is no route table to match; focus, scroll positions and fragments after a page arrives are
//! `navigation.rs`'s.
//!
//! It replaced leptos_router, whose matching, nested routes and transitions the app did not use: the first visit
//! is about 7 KB brotli lighter (docs/performance.md). The link rules are the usual ones (leptos_router's too): the
//! browser keeps a click with a modifier key or another button, one already handled, and a link with a `target`,
//! `download` or `rel="external"` (the server's own pages), or to another origin.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address of the page shown: path, query (with `?`) and fragment (with `#`), each empty when absent.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
    pub hash: RwSignal<String>,
}

impl Location {
    /// The browser's current address.
    fn current() -> Location {
        let (pathname, search, hash) = address();
        Location {
            pathname: RwSignal::new(pathname),
            search: RwSignal::new(search),
            hash: RwSignal::new(hash),
        }
    }

    /// Follows the browser's address after it changed.
    fn follow(&self) {
        let (pathname, search, hash) = address();
        if self.pathname.with_untracked(|p| *p != pathname)
            || self.search.with_untracked(|s| *s != search)
        {
            crate::head::left_the_first_page();
        }
        self.pathname
            .maybe_update(|p| replace_if_changed(p, pathname));
        self.search.maybe_update(|s| replace_if_changed(s, search));
        self.hash.maybe_update(|h| replace_if_changed(h, hash));
    }
}

fn replace_if_changed(old: &mut String, new: String) -> bool {
    let changed = *old != new;
    if changed {
        *old = new;
    }
    changed
}

fn address() -> (String, String, String) {
    let Some(l) = web_sys::window().map(|w| w.location()) else {
        return Default::default();
    };
    (
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default(),
        l.hash().unwrap_or_default(),
    )
}

thread_local! {
    /// The one address, made at the app's root ([`listen`]).
    static LOCATION: std::cell::Cell<Option<Location>> = const { std::cell::Cell::new(None) };
}

/// The address as signals.
pub fn use_location() -> Location {
    LOCATION.with(|l| {
        l.get().unwrap_or_else(|| {
            let made = Location::current();
            l.set(Some(made));
            made
        })
    })
}

/// Takes over links and history steps; called once, at the app's root.
pub fn listen() {
    let location = use_location();
    let click = window_event_listener(ev::click, move |ev| {
        if let Some(href) = followed_link(&ev) {
            ev.prevent_default();
            go(location, &href);
        }
    });
    let popstate = window_event_listener(ev::popstate, move |_| location.follow());
    on_cleanup(move || {
        click.remove();
        popstate.remove();
    });
}

/// Shows the page at `href` (a path on this site, with its query and fragment) as a new history entry.
pub fn navigate(href: &str) {
    go(use_location(), href);
}

fn go(location: Location, href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (path, search, _) = address();
    let here = format!("{path}{search}{}", location.hash.get_untracked());
    if here != href {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
    }
    let (to_path, to_search, _) = address();
    let same_page = to_path == path && to_search == search;
    location.follow();
    // Within the page, to the fragment's target; a new page starts at the top, and `navigation.rs` takes it to its
    // fragment's target once that is rendered (the page shown now may have an element of the same id).
    let hash = location.hash.get_untracked();
    let target = hash
        .strip_prefix('#')
        .filter(|h| same_page && !h.is_empty())
        .map(|h| {
            js_sys::decode_uri_component(h)
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or_else(|| h.to_string())
        })
        .and_then(|id| window.document()?.get_element_by_id(&id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// The address a click on a link leads to, if the app should show it: `path?query#fragment` on this origin.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let path = ev.composed_path();
    let a = (0..path.length())
        .find_map(|i| path.get(i).dyn_into::<web_sys::HtmlAnchorElement>().ok())?;
    let external = a
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if a.href().is_empty() || !a.target().is_empty() || a.has_attribute("download") || external {
        return None;
    }
    let url = web_sys::Url::new(&a.href()).ok()?;
    if url.origin() != web_sys::window()?.location().origin().ok()? {
        return None;
    }
    Some(format!("{}{}{}", url.pathname(), url.search(), url.hash()))
}
