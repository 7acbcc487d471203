//! The app takes over the site's GET forms (the masthead's search box, the search page's options): a submission
//! becomes a client-side navigation to the same address the browser would load, so the page changes without a
//! reload and the address, history and server rendering stay the same.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the listener; called once, at the app's root.
pub fn take_over() {
    let listener = window_event_listener(ev::submit, move |ev| {
        // A form that handles its own submission (the comment form) is not a navigation.
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if !form.method().eq_ignore_ascii_case("get") {
            return;
        }
        let Some(href) = address(&form) else {
            return;
        };
        ev.prevent_default();
        crate::router::navigate(&href);
    });
    on_cleanup(move || listener.remove());
}

/// Where the browser would go, as the site writes that address (`Page::href`: defaults left out): the form's
/// action on this site with its fields as the query string. `None` for a form that leaves the site or names no
/// page of it (then the browser submits it).
fn address(form: &web_sys::HtmlFormElement) -> Option<String> {
    let window = web_sys::window()?;
    let action = web_sys::Url::new(&form.action()).ok()?;
    if action.origin() != window.location().origin().ok()? {
        return None;
    }
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let query = String::from(params.to_string());
    broadsheet_content::Page::parse(&action.pathname(), Some(&query)).map(|p| p.href())
}
