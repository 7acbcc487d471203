//! API answers that came with the page: the reference server puts the JSON the first page needs into index.html
//! (`<script type="application/json" data-broadsheet-path="/front">`), so the first render needs no round trip.
//! Each is used once; a page without them (any static host) loads as usual.

use serde::de::DeserializeOwned;

/// The answer for API `path` if the page brought it, removed from the page as it is taken, by its exact path.
/// An API path (`Page::api_path`) holds slugs and a query that `form_urlencoded` wrote: letters, digits and
/// `-_.*%+&=?/`, none of which needs escaping inside the selector's quoted value. Anything else cannot have been
/// written by the server, and must not reach the selector.
pub fn take<T: DeserializeOwned>(path: &str) -> Option<T> {
    if !path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.*%+&=?/".contains(&b))
    {
        return None;
    }
    let script = web_sys::window()?
        .document()?
        .query_selector(&format!("script[data-broadsheet-path=\"{path}\"]"))
        .ok()??;
    let text = script.text_content()?;
    script.remove();
    crate::json::from_str(&text).ok()
}
