//! How the app starts, spread over several short tasks rather than one long one: a long task holds up whatever
//! the reader does meanwhile (Total Blocking Time); short ones let the browser answer in between.
//!
//! Where the server has already written the page as HTML (every page it can fill: the front page, listings,
//! articles and the not-found page, rendered from the same views), the app builds its own page hidden beside it, a region per task, and swaps it in once its main
//! content is ready ([`take_over`]), so the reader never sees a half-built page. Elsewhere it renders straight
//! into the body.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// When the app looks again whether it can show itself, if its page has not reported ready by then.
const SECOND_LOOK: Duration = Duration::from_secs(2);

thread_local! {
    /// True while the app is hidden behind the server's HTML.
    static BEHIND: Cell<bool> = const { Cell::new(false) };
    /// What waits for the app to be shown.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
    /// Regions of the hidden app still to be built, each in a task of its own ([`next_task_while_hidden`]).
    static BUILDING: Cell<u32> = const { Cell::new(0) };
}

/// Mounts the app: hidden behind the server's HTML if the page has it, otherwise into the body.
pub fn mount() {
    let document = document();
    let hidden_root = document
        .get_element_by_id("prerender")
        .and_then(|_| document.create_element("div").ok())
        .and_then(|root| {
            root.set_id("app");
            root.set_attribute("hidden", "").ok()?;
            document.body()?.append_child(&root).ok()?;
            root.dyn_into::<web_sys::HtmlElement>().ok()
        });
    match hidden_root {
        Some(root) => {
            BEHIND.set(true);
            keep_links_plain(&document);
            leptos::mount::mount_to(root, crate::App).forget();
            set_timeout(take_over, SECOND_LOOK);
        }
        None => {
            leptos::mount::mount_to_body(crate::App);
            // Server HTML the app could not hide behind (no room to build in) goes at once.
            if let Some(server_html) = document.get_element_by_id("prerender") {
                server_html.remove();
            }
        }
    }
}

/// The server's links stay plain links while the app is hidden: the router would otherwise take a click on one
/// and show the new page in the hidden app, where the reader cannot see it.
fn keep_links_plain(document: &web_sys::Document) {
    let Some(server_html) = document.get_element_by_id("prerender") else {
        return;
    };
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| ev.stop_propagation());
    let _ = server_html.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref());
    // Lives as long as the server's HTML, which goes once the app is shown.
    stop.forget();
}

/// Shows the app in place of the server's HTML, if it is still hidden, every region it builds a task at a time is
/// built, and its page has its heading and nothing still loading or failed. Called when the first page is ready
/// and when the last region is built, just before a frame, so no frame shows both or neither, or half of the app.
/// A page still loading, or a failure, never replaces the server's readable page: the app tries again when its
/// page is next ready.
pub fn take_over() {
    if !BEHIND.get() || BUILDING.get() > 0 {
        return;
    }
    let document = document();
    let found = |selector: &str| document.query_selector(selector).ok().flatten().is_some();
    if !found("#app main h1") || found("#app main .placeholder, #app main .failure") {
        return;
    }
    // The frame's own answers (the page carries no copy of them): the masthead's sections and the rails.
    let links = |selector: &str| {
        document
            .query_selector_all(selector)
            .map_or(0, |l| l.length())
    };
    let sections_missing = links("#app .section-nav a") < links("#prerender .section-nav a");
    if sections_missing || found("#app .rails-placeholder") {
        return;
    }
    BEHIND.set(false);
    let focused = focused_link(&document);
    if let Some(server_html) = document.get_element_by_id("prerender") {
        server_html.remove();
    }
    if let Some(root) = document.get_element_by_id("app") {
        let _ = root.remove_attribute("hidden");
    }
    if let Some(href) = focused {
        focus_link(&document, &href);
    }
    for then in WAITING.take() {
        next_task(then);
    }
}

/// The `href` of the link in the server's HTML that has focus, if one has.
fn focused_link(document: &web_sys::Document) -> Option<String> {
    let server_html = document.get_element_by_id("prerender")?;
    let active = document.active_element()?;
    if !server_html.contains(Some(&active)) || active.tag_name() != "A" {
        return None;
    }
    active.get_attribute("href")
}

/// Focuses the app's first link to `href` (the one the reader was on), without scrolling.
fn focus_link(document: &web_sys::Document, href: &str) {
    let Ok(links) = document.query_selector_all("#app a") else {
        return;
    };
    let same = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|a| a.get_attribute("href").as_deref() == Some(href));
    if let Some(link) = same {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = link.focus_with_options(&options);
    }
}

/// False until the task after the app is on screen: for regions beside or below the page's main content, which
/// then add nothing to the frame that shows the app.
pub fn after_shown() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    let then = move || {
        set_ready.try_set(true);
    };
    if BEHIND.get() {
        WAITING.with(|w| w.borrow_mut().push(Box::new(then)));
    } else {
        next_task(then);
    }
    ready
}

/// While the app is hidden, like [`after_shown`]; otherwise true at once. For regions that may wait at start-up
/// but not when their page is rebuilt later (a changed answer must not make them blink).
pub fn after_shown_if_hidden() -> ReadSignal<bool> {
    if BEHIND.get() {
        after_shown()
    } else {
        signal(true).0
    }
}

/// While the app is hidden behind the server's HTML, false until the next task; otherwise true at once. For the
/// regions the reader sees first, which may take a task of their own only while nobody sees them being built.
/// The app shows itself only once all of them are built.
pub fn next_task_while_hidden() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(!BEHIND.get());
    if BEHIND.get() {
        BUILDING.set(BUILDING.get() + 1);
        next_task(move || {
            set_ready.try_set(true);
            BUILDING.set(BUILDING.get().saturating_sub(1));
            if BUILDING.get() == 0 {
                request_animation_frame(take_over);
            }
        });
    }
    ready
}

/// Looks again whether the app can show itself, before the next frame: for the frame's parts (masthead, rails)
/// whose answers arrive after the page's.
pub fn look_again() {
    if BEHIND.get() {
        request_animation_frame(take_over);
    }
}

/// Runs `then` in a task of its own, after the current one.
pub fn next_task(then: impl FnOnce() + 'static) {
    set_timeout(then, Duration::ZERO);
}
