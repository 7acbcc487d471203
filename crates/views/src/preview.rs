//! The banner over an editor's preview of a draft (a server page: `crates/server/src/prerender/preview.rs`), with
//! its style, `public/preview.css`, which only preview pages load.

use leptos::prelude::*;

/// Says the page is a preview, before the article's frame.
#[component]
pub fn PreviewBanner() -> impl IntoView {
    view! {
        <link rel="stylesheet" href="/preview.css"/>
        <p class="preview-banner">
            <strong>"Preview"</strong>
            ": this is not published. Only people with this link can see it, and the link expires soon."
        </p>
    }
}
