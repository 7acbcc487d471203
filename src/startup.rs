//! How the app starts, spread over several short tasks rather than one long one: a long task holds up whatever
//! the reader does meanwhile (Total Blocking Time); short ones let the browser answer in between.
//!
//! Where the server has already written the page as HTML (an article the reader is reading), the app builds its
//! own page hidden beside it, a region per task, and swaps it in once its main content is ready ([`take_over`]),
//! so the reader never sees a half-built page. Elsewhere it renders straight into the body.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The longest the app stays hidden if its page never reports ready (it then shows whatever it has).
const HIDDEN_AT_MOST: Duration = Duration::from_secs(2);

thread_local! {
    /// True while the app is hidden behind the server's HTML.
    static BEHIND: Cell<bool> = const { Cell::new(false) };
    /// What waits for the app to be shown.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
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
            leptos::mount::mount_to(root, crate::App).forget();
            set_timeout(take_over, HIDDEN_AT_MOST);
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

/// Shows the app in place of the server's HTML, if it is still hidden. Called when the first page is ready, just
/// before a frame, so no frame shows both or neither.
pub fn take_over() {
    if !BEHIND.replace(false) {
        return;
    }
    let document = document();
    if let Some(server_html) = document.get_element_by_id("prerender") {
        server_html.remove();
    }
    if let Some(root) = document.get_element_by_id("app") {
        let _ = root.remove_attribute("hidden");
    }
    for then in WAITING.take() {
        next_task(then);
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

/// While the app is hidden behind the server's HTML, false until the next task; otherwise true at once. For the
/// regions the reader sees first, which may take a task of their own only while nobody sees them being built.
pub fn next_task_while_hidden() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(!BEHIND.get());
    if BEHIND.get() {
        next_task(move || {
            set_ready.try_set(true);
        });
    }
    ready
}

/// Runs `then` in a task of its own, after the current one.
pub fn next_task(then: impl FnOnce() + 'static) {
    set_timeout(then, Duration::ZERO);
}
