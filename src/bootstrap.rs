//! API answers that came with the page: the reference server puts the JSON the first page needs into index.html
//! (`<script type="application/json" data-broadsheet-path="/front">`), so the first render needs no round trip.
//! Each is used once; a page without them (any static host) loads as usual.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

/// The answer for API `path` if the page brought it, removed from the page as it is taken. The path is
/// compared exactly with each script's attribute (a search's path holds `+`, `%` and `&`), never put into a
/// selector.
pub fn take<T: DeserializeOwned>(path: &str) -> Option<T> {
    let scripts = web_sys::window()?
        .document()?
        .query_selector_all("script[data-broadsheet-path]")
        .ok()?;
    let script = (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|s| s.get_attribute("data-broadsheet-path").as_deref() == Some(path))?;
    let text = script.text_content()?;
    script.remove();
    serde_json::from_str(&text).ok()
}
