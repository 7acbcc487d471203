//! Most read's count from the app: one beacon per article view (`broadsheet_content::reads` says what the server
//! does with it). Sent on the first visible render of an article and on each client-side navigation to one; a
//! second view of the path just counted is not sent. Nothing is sent for automated browsers
//! (`navigator.webdriver`), for readers who opted out on the privacy notice or whose browser sends Global Privacy
//! Control, or while the page is hidden or prerendering (it is sent when the reader first sees it).

use std::cell::RefCell;

use broadsheet_content::reads::{OPT_OUT, OPT_OUT_KEY, READS_API_PATH};
use wasm_bindgen::prelude::*;
use web_sys::VisibilityState;

thread_local! {
    /// The path last counted.
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Counts a view of the article at `path` (`/housing/damp-checks`), now or once the page is visible.
pub fn count(path: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let nav = window.navigator();
    let flag = |name: &str| js_sys::Reflect::get(&nav, &name.into()).is_ok_and(|v| v.is_truthy());
    let opted_out = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(OPT_OUT_KEY).ok().flatten())
        .is_some_and(|v| v == OPT_OUT);
    if flag("webdriver")
        || flag("globalPrivacyControl")
        || opted_out
        || LAST.with(|l| *l.borrow() == path)
    {
        return;
    }
    let Some(doc) = window.document() else {
        return;
    };
    // A prerendered page is hidden until it is shown.
    if doc.visibility_state() != VisibilityState::Visible {
        let later = Closure::once_into_js(move || count(path));
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = doc.add_event_listener_with_callback_and_add_event_listener_options(
            "visibilitychange",
            later.unchecked_ref(),
            &options,
        );
        return;
    }
    let _ = nav.send_beacon_with_opt_str(&crate::api::url(READS_API_PATH), Some(&path));
    LAST.with(|l| *l.borrow_mut() = path);
}
